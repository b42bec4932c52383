// What a COSEM date with wildcards designates: which calendar days a special day covers, and when
// a repeating start (a season's season_start) last happened or happens next.
//
// Blue Book rules, as implemented:
//   - year, month, day of month or day of week "not specified" (0xFFFF / 0xFF): any;
//   - day of month 0xFE: the last day of the month; with a weekday: the last such weekday of the
//     month (e.g. month 03, day FE, weekday 07 = the last Sunday of March);
//   - day of month 0xFD: the second last day of the month (with a weekday it is not defined: refused);
//   - day of month 1..31 with a weekday: that weekday on or after that day ("the first Sunday on or
//     after the 8th" = the second Sunday); the occurrence must fall in the same month, otherwise
//     that month has none. A fully specified date has a consistent weekday (cosem_date_time.h
//     checks it), so the rule gives the date itself.
// Not supported (refused with kNotSupported by the validators): month 0xFE / 0xFD (the months of
// DST begin and end) and day 0xFD with a weekday.
//
// All dates and times here are local civil times; time zones are the caller's business.
#pragma once

#include <optional>

#include "core/clock/civil_time.h"
#include "core/clock/cosem_date_time.h"
#include "core/common/status.h"

namespace quadra::clock {

// Whether `pattern` (a valid CosemDate) uses only supported wildcards. `field` names it in errors.
Status validate_pattern(const CosemDate& pattern, const char* field);

// Whether the civil day `date` belongs to the pattern. Precondition: validate_pattern passed.
bool matches(const CosemDate& pattern, const CivilDate& date);

// The day of (year, month) that a pattern with a specified day of month (1..31, 0xFE, 0xFD)
// designates, or none; the pattern's own year and month are ignored here.
std::optional<int> day_in_month(const CosemDate& pattern, int year, int month);

// A repeating start such as season_start: a supported date pattern whose day of month is specified
// (every year on 04-01, the last Sunday of March, ...), and a time of day whose fields are
// specified or not specified (read as 0); hundredths, deviation and status are ignored.
Status validate_recurring_start(const CosemDateTime& pattern, const char* field);

// The latest occurrence of the start at or before t, and the first strictly after t; none if
// the pattern never occurs in that direction (a year in the past, or 02-29 eight years away).
// Precondition: validate_recurring_start passed.
std::optional<CivilDateTime> latest_start_at_or_before(const CosemDateTime& pattern, const CivilDateTime& t);
std::optional<CivilDateTime> first_start_after(const CosemDateTime& pattern, const CivilDateTime& t);

}  // namespace quadra::clock
