#include "core/clock/tariff_schedule.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

#include "core/clock/default_calendars.h"

namespace quadra::clock {
namespace {

UtcSeconds utc_of(int y, int mo, int d, int h, int mi = 0, int s = 0) { return seconds_from_civil({y, mo, d, h, mi, s}); }

// One season, one week, one day profile: every day the given switches.
CalendarSet every_day(std::initializer_list<std::pair<CosemTime, std::uint16_t>> switches) {
  CalendarSet set;
  CosemDateTime start;
  start.date = CosemDate::every_year(1, 1);
  start.time = CosemTime::at(0, 0);
  EXPECT_TRUE(set.seasons.push_back({ProfileName::from("ALL"), start, ProfileName::from("W")}, "t").is_ok());
  EXPECT_TRUE(set.weeks.push_back({ProfileName::from("W"), {1, 1, 1, 1, 1, 1, 1}}, "t").is_ok());
  DayProfile d;
  d.day_id = 1;
  for (const auto& [at, tariff] : switches) EXPECT_TRUE(d.schedule.push_back({at, kTariffScriptTable, tariff}, "t").is_ok());
  EXPECT_TRUE(set.days.push_back(d, "t").is_ok());
  return set;
}

class TariffScheduleTest : public ::testing::Test {
 protected:
  void use(const CalendarSet& set) { ASSERT_TRUE(calendar.set_active(set).is_ok()); }
  UtcSeconds next(UtcSeconds t) const { return next_boundary_utc(calendar, none, pl, t); }
  std::uint8_t tariff(UtcSeconds t) const { return evaluate_at_utc(calendar, none, pl, t).tariff; }

  ActivityCalendar calendar;
  SpecialDaysTable none;
  TimeZone pl = central_european_time();
};

TEST_F(TariffScheduleTest, LocalSwitchesBecomeUtcBoundaries) {
  use(two_zone_calendar());
  // 2025-02-03 (Monday, CET): 01:00 local -> next switch 06:00 CET = 05:00 UTC, then 13:00 CET.
  EXPECT_EQ(next(utc_of(2025, 2, 3, 0)), utc_of(2025, 2, 3, 5));
  EXPECT_EQ(next(utc_of(2025, 2, 3, 5)), utc_of(2025, 2, 3, 12));
  EXPECT_EQ(tariff(utc_of(2025, 2, 3, 5) - 1), 2);
  EXPECT_EQ(tariff(utc_of(2025, 2, 3, 5)), 1);
  // In summer the same local switch is an hour earlier in UTC: 06:00 CEST = 04:00 UTC.
  EXPECT_EQ(next(utc_of(2025, 7, 1, 0)), utc_of(2025, 7, 1, 4));
  // next_change skips boundaries where nothing changes: from Saturday 2025-02-01 12:00 CET the
  // next change is Monday 06:00 CET (the Saturday and Sunday midnights and switches are T2).
  EXPECT_EQ(next_change_utc(calendar, none, pl, utc_of(2025, 2, 1, 11), utc_of(2025, 3, 1, 0)),
            utc_of(2025, 2, 3, 5));
  EXPECT_EQ(next_change_utc(calendar, none, pl, utc_of(2025, 2, 1, 11), utc_of(2025, 2, 2, 0)), utc_of(2025, 2, 2, 0));
}

TEST_F(TariffScheduleTest, SwitchSkippedBySpringJumpTakesEffectAtTheJump) {
  use(every_day({{CosemTime::at(0, 0), 1}, {CosemTime::at(2, 30), 2}}));
  // 2025-03-30: 01:59:59 CET is followed by 03:00 CEST at 01:00 UTC; 02:30 never shows.
  const UtcSeconds jump = utc_of(2025, 3, 30, 1);
  EXPECT_EQ(next(utc_of(2025, 3, 30, 0)), jump);
  EXPECT_EQ(tariff(jump - 1), 1);
  EXPECT_EQ(tariff(jump), 2);
  EXPECT_EQ(next(jump), utc_of(2025, 3, 30, 22));  // next midnight, 00:00 CEST
}

TEST_F(TariffScheduleTest, RepeatedAutumnHourReplaysItsSwitches) {
  use(every_day({{CosemTime::at(0, 0), 1}, {CosemTime::at(2, 30), 2}}));
  // 2025-10-26: 02:30 CEST (00:30 UTC) switches to T2; at 01:00 UTC the clock goes back to 02:00
  // CET, before 02:30 again: T1; at 02:30 CET (01:30 UTC) T2 once more.
  UtcSeconds t = utc_of(2025, 10, 25, 23);  // 01:00 CEST
  EXPECT_EQ(tariff(t), 1);
  t = next(t);
  EXPECT_EQ(t, utc_of(2025, 10, 26, 0, 30));
  EXPECT_EQ(tariff(t), 2);
  t = next(t);
  EXPECT_EQ(t, utc_of(2025, 10, 26, 1));
  EXPECT_EQ(tariff(t), 1);
  t = next(t);
  EXPECT_EQ(t, utc_of(2025, 10, 26, 1, 30));
  EXPECT_EQ(tariff(t), 2);
  t = next(t);
  EXPECT_EQ(t, utc_of(2025, 10, 26, 23));  // midnight CET
}

TEST_F(TariffScheduleTest, ArmedActivationIsABoundary) {
  use(two_zone_calendar());
  CosemDateTime when;
  when.date = CosemDate{2025, 2, 3, kNotSpecified};
  when.time = CosemTime::at(3, 0);
  ASSERT_TRUE(calendar.set_activation_time(when).is_ok());
  EXPECT_EQ(next(utc_of(2025, 2, 3, 0)), utc_of(2025, 2, 3, 2));  // 03:00 CET
}

}  // namespace
}  // namespace quadra::clock
