#include "core/clock/civil_time.h"

namespace quadra::clock {

bool is_valid(const CivilDate& d) {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

bool is_valid(const CivilDateTime& t) {
  return is_valid(t.date()) && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
         t.second >= 0 && t.second <= 59;
}

std::int64_t seconds_from_civil(const CivilDateTime& t) {
  return days_from_civil(t.year, t.month, t.day) * kSecondsPerDay + t.seconds_of_day();
}

CivilDateTime civil_from_seconds(std::int64_t seconds) {
  const std::int64_t days = floor_div(seconds, kSecondsPerDay);
  const int sod = static_cast<int>(seconds - days * kSecondsPerDay);
  const CivilDate d = civil_from_days(days);
  return {d.year, d.month, d.day, sod / 3600, sod / 60 % 60, sod % 60};
}

CivilDateTime add_seconds(const CivilDateTime& t, std::int64_t seconds) {
  return civil_from_seconds(seconds_from_civil(t) + seconds);
}

}  // namespace quadra::clock
