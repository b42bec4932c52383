// Civil (proleptic Gregorian) dates and times, and their mapping to a count of seconds.
//
// UTC instants are counted in seconds since 1970-01-01T00:00:00Z (UtcSeconds), or in microseconds
// (UtcMicros) where sub-second matters: the RTC keeps microseconds so that setting or rounding the
// clock to a whole second gives exactly that second, which a double would not guarantee once it
// is floored. Leap seconds do not exist here (as in POSIX time and in COSEM): every day has 86400 s.
//
// The same arithmetic serves local times: seconds_from_civil() of a local CivilDateTime counts
// "local seconds" on the same scale, and the time zone (time_zone.h) says how far they are from UTC.
//
// days_from_civil / civil_from_days are Howard Hinnant's algorithms
// (http://howardhinnant.github.io/date_algorithms.html): exact for every int year, branch-light, no
// tables. The meter's supported range is kFirstYear..kLastYear (the RTC refuses instants outside it).
#pragma once

#include <compare>
#include <cstdint>

namespace quadra::clock {

using UtcSeconds = std::int64_t;  // seconds since 1970-01-01T00:00:00Z
using UtcMicros = std::int64_t;   // microseconds since 1970-01-01T00:00:00Z

inline constexpr std::int64_t kSecondsPerDay = 86'400;
inline constexpr std::int64_t kMicrosPerSecond = 1'000'000;
// The years the meter's clock accepts (set, COSEM date-time decoding for the clock).
inline constexpr int kFirstYear = 1970;
inline constexpr int kLastYear = 2199;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..days_in_month(year, month)
  friend constexpr auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// A broken-down date and time without a time zone: either UTC or local, as its user says.
// Member order makes the defaulted comparison chronological for valid values.
struct CivilDateTime {
  int year = 1970;
  int month = 1;   // 1..12
  int day = 1;     // 1..31
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59 (no leap seconds)

  constexpr CivilDate date() const { return {year, month, day}; }
  constexpr int seconds_of_day() const { return hour * 3600 + minute * 60 + second; }
  friend constexpr auto operator<=>(const CivilDateTime&, const CivilDateTime&) = default;
};

// Floor division and the matching non-negative remainder (b > 0), for instants before 1970.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

constexpr bool is_leap_year(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

// Precondition: 1 <= month <= 12.
constexpr int days_in_month(int year, int month) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to year-month-day (negative before). Precondition: a valid date.
constexpr std::int64_t days_from_civil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                  // [0, 399]
  const std::int64_t mp = month > 2 ? month - 3 : month + 9;               // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;                   // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          // [0, 146096]
  return era * 146'097 + doe - 719'468;
}

constexpr CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719'468;
  const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
  const std::int64_t doe = z - era * 146'097;                                     // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                    // [0, 11]
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;                          // [1, 31]
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;                           // [1, 12]
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

constexpr std::int64_t days_from_civil(const CivilDate& d) { return days_from_civil(d.year, d.month, d.day); }

// Day of the week as COSEM counts it: 1 = Monday .. 7 = Sunday. 1970-01-01 was a Thursday (4).
constexpr int weekday_from_days(std::int64_t days) { return static_cast<int>(floor_mod(days + 3, 7)) + 1; }
constexpr int weekday(const CivilDate& d) { return weekday_from_days(days_from_civil(d)); }

// 1 for January 1st .. 365 (366 in leap years) for December 31st.
constexpr int day_of_year(const CivilDate& d) {
  return static_cast<int>(days_from_civil(d) - days_from_civil(d.year, 1, 1)) + 1;
}

constexpr CivilDate add_days(const CivilDate& d, std::int64_t n) { return civil_from_days(days_from_civil(d) + n); }

bool is_valid(const CivilDate& d);
bool is_valid(const CivilDateTime& t);

// Seconds from 1970-01-01T00:00:00 of the same frame (UTC seconds if t is UTC). Precondition: valid.
std::int64_t seconds_from_civil(const CivilDateTime& t);
CivilDateTime civil_from_seconds(std::int64_t seconds);

// t moved by a signed number of seconds (crossing days, months and years as needed).
CivilDateTime add_seconds(const CivilDateTime& t, std::int64_t seconds);

}  // namespace quadra::clock
