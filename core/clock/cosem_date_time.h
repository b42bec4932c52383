// COSEM date, time and date-time (Blue Book, "Date and time formats"): the octet strings in which
// the Clock, the activity calendar and the special days table carry instants and repeating dates.
//
//   date (5 bytes):       year hi, year lo, month, day of month, day of week
//   time (4 bytes):       hour, minute, second, hundredths
//   date-time (12 bytes): date, time, deviation hi, deviation lo, clock status
//
// Every field may be "not specified" (a wildcard: 0xFF, year 0xFFFF, deviation 0x8000), which is how
// repeating dates are written ("every year on 12-25" = FF FF 0C 19 FF). Besides: month 0xFE / 0xFD =
// the month of daylight saving begin / end; day of month 0xFE / 0xFD = last / second last day of the
// month (0xE0..0xFC reserved); day of week 1 = Monday .. 7 = Sunday. The date-time carries local
// time; deviation is in minutes with the COSEM sign, UTC = local + deviation (see time_zone.h).
//
// Decoding checks ranges and the Blue Book's consistency rule (a fully specified date whose day of
// week disagrees is an error); what a wildcard pattern *means* is date_pattern.h's business.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "core/clock/civil_time.h"
#include "core/clock/time_zone.h"
#include "core/common/status.h"

namespace quadra::clock {

inline constexpr std::uint16_t kYearNotSpecified = 0xFFFF;
inline constexpr std::uint8_t kNotSpecified = 0xFF;         // month, day, weekday, time fields
inline constexpr std::uint8_t kMonthDstBegin = 0xFE;
inline constexpr std::uint8_t kMonthDstEnd = 0xFD;
inline constexpr std::uint8_t kLastDayOfMonth = 0xFE;
inline constexpr std::uint8_t kSecondLastDayOfMonth = 0xFD;
inline constexpr std::int16_t kDeviationNotSpecified = INT16_MIN;  // 0x8000 on the wire

// COSEM clock status bits (Blue Book, Clock attribute 4 and the last date-time byte).
inline constexpr std::uint8_t kStatusInvalidValue = 0x01;        // time could not be recovered
inline constexpr std::uint8_t kStatusDoubtfulValue = 0x02;       // recovered but not guaranteed
inline constexpr std::uint8_t kStatusDifferentClockBase = 0x04;  // running from another time base
inline constexpr std::uint8_t kStatusInvalidClockStatus = 0x08;  // some status bit is unreliable
inline constexpr std::uint8_t kStatusDaylightSaving = 0x80;      // the time includes the DST deviation
inline constexpr std::uint8_t kStatusNotSpecified = 0xFF;

struct CosemDate {
  std::uint16_t year = kYearNotSpecified;
  std::uint8_t month = kNotSpecified;
  std::uint8_t day_of_month = kNotSpecified;
  std::uint8_t day_of_week = kNotSpecified;

  // A repeating date: every year on month-day (weekday not specified).
  static constexpr CosemDate every_year(int month, int day) {
    return {kYearNotSpecified, static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(day), kNotSpecified};
  }
  // One calendar day, with its weekday filled in. Precondition: a valid date.
  static constexpr CosemDate on(int year, int month, int day) {
    return {static_cast<std::uint16_t>(year), static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(day),
            static_cast<std::uint8_t>(weekday(CivilDate{year, month, day}))};
  }
  friend constexpr bool operator==(const CosemDate&, const CosemDate&) = default;
  template <class A> constexpr void persist(A& a) { a(year)(month)(day_of_month)(day_of_week); }
};

struct CosemTime {
  std::uint8_t hour = kNotSpecified;
  std::uint8_t minute = kNotSpecified;
  std::uint8_t second = kNotSpecified;
  std::uint8_t hundredths = kNotSpecified;

  static constexpr CosemTime at(int hour, int minute, int second = 0) {
    return {static_cast<std::uint8_t>(hour), static_cast<std::uint8_t>(minute), static_cast<std::uint8_t>(second), 0};
  }
  friend constexpr bool operator==(const CosemTime&, const CosemTime&) = default;
  template <class A> constexpr void persist(A& a) { a(hour)(minute)(second)(hundredths); }
};

struct CosemDateTime {
  CosemDate date;
  CosemTime time;
  std::int16_t deviation = kDeviationNotSpecified;  // minutes, UTC - local; -720..720
  std::uint8_t clock_status = kStatusNotSpecified;
  friend constexpr bool operator==(const CosemDateTime&, const CosemDateTime&) = default;
  template <class A> constexpr void persist(A& a) { a(date)(time)(deviation)(clock_status); }
};

// Every field not specified: "never" for activate_passive_calendar_time.
constexpr CosemDateTime not_specified_date_time() { return CosemDateTime{}; }
bool is_all_not_specified(const CosemDateTime& v);

Status validate(const CosemDate& v);
Status validate(const CosemTime& v);
Status validate(const CosemDateTime& v);

// Encoding never fails; the precondition is validate(v).is_ok() (values out of range are written
// as they are, and a decoder will refuse them).
std::array<std::uint8_t, 5> encode(const CosemDate& v);
std::array<std::uint8_t, 4> encode(const CosemTime& v);
std::array<std::uint8_t, 12> encode(const CosemDateTime& v);

// Decoding: the exact length (5, 4, 12 bytes) and valid fields, else an error naming the field.
Status decode(std::span<const std::uint8_t> bytes, CosemDate* out);
Status decode(std::span<const std::uint8_t> bytes, CosemTime* out);
Status decode(std::span<const std::uint8_t> bytes, CosemDateTime* out);

// The clock's value as Clock attribute 2 shows it: local date and time with hundredths and
// weekday, the deviation in force (COSEM sign) and `status` with bit 7 set exactly when DST is in
// force at `utc` (other bits as given).
CosemDateTime to_cosem(UtcMicros utc, const TimeZone& tz, std::uint8_t status);

// A date-time that names one instant, to UTC. Year, month (1..12), day (1..31), hour, minute and
// second must be specified; hundredths not specified reads as 0, a weekday is checked if given.
// The deviation, if specified, decides (UTC = local + deviation). Otherwise `tz` resolves the local
// time: in the repeated hour, a specified status picks the pass by its DST bit (set: the DST pass),
// an unspecified one the earlier pass; a local time skipped by DST is refused.
Status to_utc(const CosemDateTime& v, const TimeZone& tz, UtcMicros* utc);

}  // namespace quadra::clock
