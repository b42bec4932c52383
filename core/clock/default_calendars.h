// The meter's built-in tariff programs, Polish style, used when no calendar is configured. They
// are illustrations of the common tariff groups, not any operator's legal tariff.
//
// Seasons (both programs): summer from 04-01 00:00, winter from 10-01 00:00, every year.
// Day profiles: 1 = working day in winter, 2 = working day in summer, 3 = free day (Saturday,
// Sunday, public holiday). Times are local (CET/CEST).
//
// Two-zone (C12-style day/night, as "G12"/"C12a"-like groups with off-peak afternoons):
//   T1 day     winter working day 06-13, 15-22      summer working day 06-15, 17-22
//   T2 night   winter working day 13-15, 22-06      summer working day 15-17, 22-06
//              free days all day
//   so each working day has 14 h of T1 and 10 h of T2 in both seasons.
//
// Four-zone industrial (B23-like: the B23 peaks plus a night zone):
//   T1 morning peak    07-13 on working days, both seasons                        (6 h)
//   T2 evening peak    winter 16-21, summer 19-22, working days             (5 h / 3 h)
//   T3 rest of day     winter 06-07, 13-16, 21-22; summer 06-07, 13-19;     (5 h / 7 h)
//                      free days 06-22                                           (16 h)
//   T4 night           22-06 every day                                            (8 h)
//
// Public holidays (special days, day profile 3): the fixed ones every year (01-01, 01-06,
// 05-01, 05-03, 08-15, 11-01, 11-11, 12-25, 12-26), and for each year of a range the movable
// ones, computed here: Easter Monday, Corpus Christi (Easter + 60 days), and Christmas Eve
// (12-24, a public holiday from 2025 on). Easter Sunday and Pentecost are Sundays, free days
// anyway. The special days table holds 64 entries: 9 fixed + 3 per year leaves room for a range
// of about 16 years and some entries written later over DLMS.
#pragma once

#include <cstdint>

#include "core/clock/activity_calendar.h"
#include "core/clock/civil_time.h"
#include "core/clock/special_days.h"
#include "core/common/status.h"

namespace quadra::clock {

inline constexpr std::uint8_t kWorkingDayWinter = 1;
inline constexpr std::uint8_t kWorkingDaySummer = 2;
inline constexpr std::uint8_t kFreeDay = 3;

CalendarSet two_zone_calendar();
CalendarSet four_zone_calendar();

// Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus).
CivilDate easter_sunday(int year);

// Adds the holidays listed above for first_year..last_year (2000..2199) with `day_id`.
// Indices: 1..9 for the fixed ones, 100 + 10 * (year - 2000) + {1 Easter Monday, 2 Corpus
// Christi, 3 Christmas Eve} for the movable ones. kCapacity if the table fills up (entries added
// before that stay).
Status add_polish_public_holidays(int first_year, int last_year, std::uint8_t day_id, SpecialDaysTable* table);

enum class BuiltInProgram : std::uint8_t { kTwoZone, kFourZoneIndustrial };

struct TariffProgram {
  CalendarSet calendar;
  SpecialDaysTable special_days;
};

// The calendar and its holidays for first_year..last_year (at most 16 years).
Status built_in_program(BuiltInProgram which, int first_year, int last_year, TariffProgram* out);

}  // namespace quadra::clock
