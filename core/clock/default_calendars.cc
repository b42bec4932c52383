#include "core/clock/default_calendars.h"

#include <initializer_list>
#include <string_view>

namespace quadra::clock {
namespace {

struct Switch {
  int hour;
  std::uint16_t tariff;
};

// The tables below are far smaller than their capacities (validated by the tests), so the
// capacity errors these builders could meet cannot happen; they are dropped on purpose.
void add(FixedVector<DayAction, kMaxSwitchesPerDay>& schedule, const DayAction& a) {
  static_cast<void>(schedule.push_back(a, "built_in.day_schedule"));
}

DayProfile day(std::uint8_t id, std::initializer_list<Switch> switches) {
  DayProfile p;
  p.day_id = id;
  for (const Switch& s : switches) add(p.schedule, DayAction{CosemTime::at(s.hour, 0), kTariffScriptTable, s.tariff});
  return p;
}

CalendarSet seasons_and_weeks(std::string_view name) {
  CalendarSet set;
  set.name = ProfileName::from(name);
  const ProfileName summer = ProfileName::from("SUMMER");
  const ProfileName winter = ProfileName::from("WINTER");
  CosemDateTime summer_start;
  summer_start.date = CosemDate::every_year(4, 1);
  summer_start.time = CosemTime::at(0, 0);
  CosemDateTime winter_start = summer_start;
  winter_start.date = CosemDate::every_year(10, 1);
  static_cast<void>(set.seasons.push_back({summer, summer_start, summer}, "built_in.season_profile"));
  static_cast<void>(set.seasons.push_back({winter, winter_start, winter}, "built_in.season_profile"));
  const std::uint8_t w = kWorkingDayWinter, s = kWorkingDaySummer, f = kFreeDay;
  static_cast<void>(set.weeks.push_back({summer, {s, s, s, s, s, f, f}}, "built_in.week_profile_table"));
  static_cast<void>(set.weeks.push_back({winter, {w, w, w, w, w, f, f}}, "built_in.week_profile_table"));
  return set;
}

void add_day(CalendarSet& set, const DayProfile& p) {
  static_cast<void>(set.days.push_back(p, "built_in.day_profile_table"));
}

}  // namespace

CalendarSet two_zone_calendar() {
  CalendarSet set = seasons_and_weeks("PL-2Z");
  add_day(set, day(kWorkingDayWinter, {{0, 2}, {6, 1}, {13, 2}, {15, 1}, {22, 2}}));
  add_day(set, day(kWorkingDaySummer, {{0, 2}, {6, 1}, {15, 2}, {17, 1}, {22, 2}}));
  add_day(set, day(kFreeDay, {{0, 2}}));
  return set;
}

CalendarSet four_zone_calendar() {
  CalendarSet set = seasons_and_weeks("PL-4Z");
  add_day(set, day(kWorkingDayWinter, {{0, 4}, {6, 3}, {7, 1}, {13, 3}, {16, 2}, {21, 3}, {22, 4}}));
  add_day(set, day(kWorkingDaySummer, {{0, 4}, {6, 3}, {7, 1}, {13, 3}, {19, 2}, {22, 4}}));
  add_day(set, day(kFreeDay, {{0, 4}, {6, 3}, {22, 4}}));
  return set;
}

CivilDate easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int n = h + l - 7 * m + 114;
  return {year, n / 31, n % 31 + 1};
}

Status add_polish_public_holidays(int first_year, int last_year, std::uint8_t day_id, SpecialDaysTable* table) {
  if (first_year < 2000 || last_year > 2199 || last_year < first_year)
    return Status::invalid("built_in.holiday_years", "must be a range within 2000..2199");
  constexpr struct {
    int month, day;
  } kFixed[] = {{1, 1}, {1, 6}, {5, 1}, {5, 3}, {8, 15}, {11, 1}, {11, 11}, {12, 25}, {12, 26}};
  std::uint16_t index = 1;
  for (const auto& h : kFixed) {
    if (Status s = table->insert({index++, CosemDate::every_year(h.month, h.day), day_id}); !s) return s;
  }
  for (int y = first_year; y <= last_year; ++y) {
    const auto base = static_cast<std::uint16_t>(100 + 10 * (y - 2000));
    const CivilDate easter_monday = add_days(easter_sunday(y), 1);
    const CivilDate corpus_christi = add_days(easter_sunday(y), 60);
    if (Status s = table->insert({static_cast<std::uint16_t>(base + 1),
                                  CosemDate::on(y, easter_monday.month, easter_monday.day), day_id});
        !s)
      return s;
    if (Status s = table->insert({static_cast<std::uint16_t>(base + 2),
                                  CosemDate::on(y, corpus_christi.month, corpus_christi.day), day_id});
        !s)
      return s;
    if (y >= 2025) {
      if (Status s = table->insert({static_cast<std::uint16_t>(base + 3), CosemDate::on(y, 12, 24), day_id}); !s)
        return s;
    }
  }
  return Status::ok();
}

Status built_in_program(BuiltInProgram which, int first_year, int last_year, TariffProgram* out) {
  if (last_year - first_year >= 16)
    return Status::error(StatusCode::kCapacity, "built_in.holiday_years", "at most 16 years fit the special days table");
  TariffProgram p;
  p.calendar = which == BuiltInProgram::kTwoZone ? two_zone_calendar() : four_zone_calendar();
  if (Status s = add_polish_public_holidays(first_year, last_year, kFreeDay, &p.special_days); !s) return s;
  *out = p;
  return Status::ok();
}

}  // namespace quadra::clock
