#include "core/clock/date_pattern.h"

namespace quadra::clock {
namespace {

// A yearly pattern on 02-29 recurs at most eight years apart (2096 -> 2104); looking that far is
// enough for every supported pattern, and costs nothing for the usual ones, found at once.
constexpr int kYearsToSearch = 8;

bool day_specified(std::uint8_t day) { return day != kNotSpecified; }

int field_or_zero(std::uint8_t v) { return v == kNotSpecified ? 0 : v; }

CivilDateTime at(const CosemDateTime& p, int year, int month, int day) {
  return {year, month, day, field_or_zero(p.time.hour), field_or_zero(p.time.minute), field_or_zero(p.time.second)};
}

}  // namespace

Status validate_pattern(const CosemDate& p, const char* field) {
  if (Status s = validate(p); !s) return Status::error(s.code(), field, s.reason());
  if (p.month == kMonthDstBegin || p.month == kMonthDstEnd)
    return Status::error(StatusCode::kNotSupported, field, "month 0xFE/0xFD (DST begin/end month) is not supported");
  if (p.day_of_month == kSecondLastDayOfMonth && p.day_of_week != kNotSpecified)
    return Status::error(StatusCode::kNotSupported, field, "second last day of month with a weekday is not defined");
  return Status::ok();
}

std::optional<int> day_in_month(const CosemDate& p, int year, int month) {
  const int last = days_in_month(year, month);
  const bool with_weekday = p.day_of_week != kNotSpecified;
  if (p.day_of_month == kLastDayOfMonth) {
    if (!with_weekday) return last;
    const int back = (weekday(CivilDate{year, month, last}) - p.day_of_week + 7) % 7;
    return last - back;
  }
  if (p.day_of_month == kSecondLastDayOfMonth) return last - 1;
  if (p.day_of_month < 1 || p.day_of_month > last) return std::nullopt;
  if (!with_weekday) return p.day_of_month;
  const int ahead = (p.day_of_week - weekday(CivilDate{year, month, p.day_of_month}) + 7) % 7;
  const int day = p.day_of_month + ahead;
  if (day > last) return std::nullopt;
  return day;
}

bool matches(const CosemDate& p, const CivilDate& date) {
  if (p.year != kYearNotSpecified && p.year != date.year) return false;
  if (p.month != kNotSpecified && p.month != date.month) return false;
  if (!day_specified(p.day_of_month))
    return p.day_of_week == kNotSpecified || p.day_of_week == weekday(date);
  const std::optional<int> day = day_in_month(p, date.year, date.month);
  return day && *day == date.day;
}

Status validate_recurring_start(const CosemDateTime& p, const char* field) {
  if (Status s = validate(p); !s) return Status::error(s.code(), field, s.reason());
  if (Status s = validate_pattern(p.date, field); !s) return s;
  if (!day_specified(p.date.day_of_month))
    return Status::invalid(field, "day of month must be specified (1..31, 0xFE last, 0xFD second last)");
  return Status::ok();
}

std::optional<CivilDateTime> latest_start_at_or_before(const CosemDateTime& p, const CivilDateTime& t) {
  const bool any_year = p.date.year == kYearNotSpecified;
  const int newest = any_year ? t.year : p.date.year;
  const int oldest = any_year ? t.year - kYearsToSearch : p.date.year;
  for (int y = newest; y >= oldest && y <= t.year; --y) {
    for (int m = 12; m >= 1; --m) {
      if (p.date.month != kNotSpecified && p.date.month != m) continue;
      if (y == t.year && m > t.month) continue;
      const std::optional<int> d = day_in_month(p.date, y, m);
      if (!d) continue;
      const CivilDateTime c = at(p, y, m, *d);
      if (c <= t) return c;
    }
  }
  return std::nullopt;
}

std::optional<CivilDateTime> first_start_after(const CosemDateTime& p, const CivilDateTime& t) {
  const bool any_year = p.date.year == kYearNotSpecified;
  const int first = any_year ? t.year : p.date.year;
  const int last = any_year ? t.year + kYearsToSearch : p.date.year;
  for (int y = first; y <= last; ++y) {
    if (y < t.year) continue;
    for (int m = 1; m <= 12; ++m) {
      if (p.date.month != kNotSpecified && p.date.month != m) continue;
      if (y == t.year && m < t.month) continue;
      const std::optional<int> d = day_in_month(p.date, y, m);
      if (!d) continue;
      const CivilDateTime c = at(p, y, m, *d);
      if (c > t) return c;
    }
  }
  return std::nullopt;
}

}  // namespace quadra::clock
