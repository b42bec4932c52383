#include "core/clock/activity_calendar.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

namespace quadra::clock {
namespace {

UtcSeconds utc_of(int y, int mo, int d, int h, int mi = 0, int s = 0) { return seconds_from_civil({y, mo, d, h, mi, s}); }

DayProfile day(std::uint8_t id, std::initializer_list<std::pair<int, int>> switches) {
  DayProfile p;
  p.day_id = id;
  for (const auto& [hour, tariff] : switches)
    EXPECT_TRUE(
        p.schedule.push_back({CosemTime::at(hour, 0), kTariffScriptTable, static_cast<std::uint16_t>(tariff)}, "t")
            .is_ok());
  return p;
}

CosemDateTime every_year_at(int month, int day_of_month) {
  CosemDateTime v;
  v.date = CosemDate::every_year(month, day_of_month);
  v.time = CosemTime::at(0, 0);
  return v;
}

// A calendar whose tariffs tell the season and the kind of day apart:
//   winter working day: T2 00-06, T1 06-22, T2 22-24;  summer working day: T4 / T3 / T4;
//   free day (Saturday, Sunday, special days): T5 all day; day 4: T6 from 06:00 only.
CalendarSet test_calendar() {
  CalendarSet set;
  set.name = ProfileName::from("TEST");
  EXPECT_TRUE(set.seasons.push_back({ProfileName::from("SUMMER"), every_year_at(4, 1), ProfileName::from("S")}, "t").is_ok());
  EXPECT_TRUE(set.seasons.push_back({ProfileName::from("WINTER"), every_year_at(10, 1), ProfileName::from("W")}, "t").is_ok());
  EXPECT_TRUE(set.weeks.push_back({ProfileName::from("S"), {2, 2, 2, 2, 2, 3, 3}}, "t").is_ok());
  EXPECT_TRUE(set.weeks.push_back({ProfileName::from("W"), {1, 1, 1, 1, 1, 3, 3}}, "t").is_ok());
  EXPECT_TRUE(set.days.push_back(day(1, {{0, 2}, {6, 1}, {22, 2}}), "t").is_ok());
  EXPECT_TRUE(set.days.push_back(day(2, {{0, 4}, {6, 3}, {22, 4}}), "t").is_ok());
  EXPECT_TRUE(set.days.push_back(day(3, {{0, 5}}), "t").is_ok());
  EXPECT_TRUE(set.days.push_back(day(4, {{6, 6}}), "t").is_ok());
  return set;
}

class ActivityCalendarTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(calendar.set_active(test_calendar()).is_ok()); }
  std::uint8_t tariff(const CivilDateTime& t) const { return calendar.tariff_at(t, special_days); }

  ActivityCalendar calendar;
  SpecialDaysTable special_days;
};

TEST_F(ActivityCalendarTest, SwitchesAtTheirInstantNotASecondBefore) {
  // 2025-02-03 is a Monday in winter.
  EXPECT_EQ(tariff({2025, 2, 3, 5, 59, 59}), 2);
  EXPECT_EQ(tariff({2025, 2, 3, 6, 0, 0}), 1);
  EXPECT_EQ(tariff({2025, 2, 3, 21, 59, 59}), 1);
  EXPECT_EQ(tariff({2025, 2, 3, 22, 0, 0}), 2);
  EXPECT_EQ(tariff({2025, 2, 3, 0, 0, 0}), 2);
  EXPECT_EQ(tariff({2025, 2, 1, 12, 0, 0}), 5);  // Saturday
}

TEST_F(ActivityCalendarTest, SeasonsChangeAtTheirStart) {
  // 2025-03-31 is a Monday (winter), 2025-04-01 a Tuesday (summer from 00:00).
  EXPECT_EQ(tariff({2025, 3, 31, 23, 59, 59}), 2);
  EXPECT_EQ(tariff({2025, 4, 1, 0, 0, 0}), 4);
  EXPECT_EQ(tariff({2025, 4, 1, 12, 0, 0}), 3);
  EXPECT_EQ(tariff({2025, 9, 30, 12, 0, 0}), 3);
  EXPECT_EQ(tariff({2025, 10, 1, 12, 0, 0}), 1);
  // January belongs to the season that started the previous October.
  const CalendarState s = calendar.evaluate({2026, 1, 5, 12, 0, 0}, special_days);
  EXPECT_TRUE(s.defined);
  EXPECT_EQ(s.season, 1);
  EXPECT_EQ(s.day_id, 1);
  EXPECT_EQ(s.tariff, 1);
}

TEST_F(ActivityCalendarTest, SpecialDayOverridesTheWeekday) {
  ASSERT_TRUE(special_days.insert({3, CosemDate::every_year(5, 1), 3}).is_ok());
  // 2025-05-01 is a Thursday: a working day by the week profile, a free day by the table.
  const CalendarState holiday = calendar.evaluate({2025, 5, 1, 10, 0, 0}, special_days);
  EXPECT_EQ(holiday.tariff, 5);
  EXPECT_EQ(holiday.day_id, 3);
  EXPECT_EQ(holiday.special_day, 3);
  const CalendarState next_thursday = calendar.evaluate({2025, 5, 8, 10, 0, 0}, special_days);
  EXPECT_EQ(next_thursday.tariff, 3);
  EXPECT_EQ(next_thursday.special_day, -1);
  // A special day naming an unknown day profile is ignored (and reported by the check).
  ASSERT_TRUE(special_days.insert({4, CosemDate::every_year(5, 8), 99}).is_ok());
  EXPECT_EQ(tariff({2025, 5, 8, 10, 0, 0}), 3);
  std::size_t bad = 0;
  const Status s = check_special_days(special_days, calendar.active(), &bad);
  EXPECT_EQ(std::string(s.field()), "special_days.day_id");
  EXPECT_EQ(bad, 1u);
}

TEST_F(ActivityCalendarTest, BeforeTheFirstSwitchYesterdaysLastSwitchHolds) {
  ASSERT_TRUE(special_days.insert({1, CosemDate::on(2025, 2, 4), 4}).is_ok());  // T6 from 06:00 only
  // 2025-02-04 (Tuesday) 03:00: day 4 has no switch yet; Monday's last switch (22:00 -> T2) holds.
  const CalendarState early = calendar.evaluate({2025, 2, 4, 3, 0, 0}, special_days);
  EXPECT_TRUE(early.carried_over);
  EXPECT_EQ(early.tariff, 2);
  EXPECT_EQ(tariff({2025, 2, 4, 6, 0, 0}), 6);
  // Day 4's only switch holds to the end of the day; Wednesday's 00:00 switch takes over.
  EXPECT_EQ(tariff({2025, 2, 4, 23, 59, 59}), 6);
  EXPECT_EQ(tariff({2025, 2, 5, 0, 0, 0}), 2);
}

TEST_F(ActivityCalendarTest, NextSwitch) {
  EXPECT_EQ(calendar.next_switch_after({2025, 2, 3, 5, 0, 0}, special_days), (CivilDateTime{2025, 2, 3, 6, 0, 0}));
  EXPECT_EQ(calendar.next_switch_after({2025, 2, 3, 6, 0, 0}, special_days), (CivilDateTime{2025, 2, 3, 22, 0, 0}));
  EXPECT_EQ(calendar.next_switch_after({2025, 2, 3, 22, 0, 0}, special_days), (CivilDateTime{2025, 2, 4, 0, 0, 0}));
  // A season start at noon comes before the next switch of the day.
  CalendarSet noon = test_calendar();
  noon.seasons[0].start.time = CosemTime::at(12, 0);
  ASSERT_TRUE(calendar.set_active(noon).is_ok());
  EXPECT_EQ(calendar.next_switch_after({2025, 4, 1, 6, 0, 0}, special_days), (CivilDateTime{2025, 4, 1, 12, 0, 0}));
  EXPECT_EQ(tariff({2025, 4, 1, 11, 59, 59}), 1);  // still winter
  EXPECT_EQ(tariff({2025, 4, 1, 12, 0, 0}), 3);    // summer, its 06:00 switch already past
}

TEST_F(ActivityCalendarTest, PassiveCalendarBecomesActiveAtItsTimeOnce) {
  CalendarSet all_t3 = test_calendar();
  all_t3.name = ProfileName::from("NEXT");
  for (DayProfile& d : all_t3.days)
    for (DayAction& a : d.schedule) a.script_selector = 3;
  ASSERT_TRUE(calendar.set_passive(all_t3).is_ok());
  CosemDateTime when;
  when.date = CosemDate{2025, 6, 1, kNotSpecified};
  when.time = CosemTime::at(0, 0);
  ASSERT_TRUE(calendar.set_activation_time(when).is_ok());
  const TimeZone pl = central_european_time();
  EXPECT_EQ(calendar.pending_activation_utc(pl), utc_of(2025, 5, 31, 22));  // 00:00 CEST
  // One second before: nothing.
  ActivityCalendar::PollResult r = calendar.poll(utc_of(2025, 5, 31, 21, 59, 59), pl);
  EXPECT_EQ(r.activation, ActivityCalendar::Activation::kNone);
  EXPECT_EQ(calendar.active().name, ProfileName::from("TEST"));
  // At the instant: activated, reported once.
  r = calendar.poll(utc_of(2025, 5, 31, 22), pl);
  EXPECT_EQ(r.activation, ActivityCalendar::Activation::kActivated);
  EXPECT_EQ(calendar.active(), all_t3);
  EXPECT_EQ(calendar.passive(), all_t3);  // a copy: the passive set stays
  EXPECT_EQ(calendar.poll(utc_of(2025, 5, 31, 22, 0, 1), pl).activation, ActivityCalendar::Activation::kNone);
  EXPECT_EQ(tariff({2025, 6, 2, 3, 0, 0}), 3);
  EXPECT_EQ(calendar.activation_time(), when);  // reads back as written
  EXPECT_FALSE(calendar.activation_pending());
}

TEST_F(ActivityCalendarTest, ActivationTimeNotSpecifiedMeansNever) {
  ASSERT_TRUE(calendar.set_activation_time(not_specified_date_time()).is_ok());
  EXPECT_EQ(calendar.pending_activation_utc(central_european_time()), kNever);
  EXPECT_EQ(calendar.poll(utc_of(2199, 1, 1, 0), central_european_time()).activation,
            ActivityCalendar::Activation::kNone);
  // Partly specified: refused.
  CosemDateTime partial;
  partial.date = CosemDate::every_year(6, 1);
  partial.time = CosemTime::at(0, 0);
  EXPECT_EQ(std::string(calendar.set_activation_time(partial).field()),
            "activity_calendar.activate_passive_calendar_time");
}

TEST_F(ActivityCalendarTest, InvalidPassiveSetIsRefusedAndTheActiveOneStays) {
  CalendarSet broken = test_calendar();
  broken.seasons[1].week_name = ProfileName::from("NOPE");
  ASSERT_TRUE(calendar.set_passive(broken).is_ok());  // each table is fine on its own
  const Status now = calendar.activate_passive_calendar();
  EXPECT_EQ(std::string(now.field()), "activity_calendar.season_profile.week_name");
  EXPECT_EQ(calendar.active(), test_calendar());
  CosemDateTime when;
  when.date = CosemDate{2025, 6, 1, kNotSpecified};
  when.time = CosemTime::at(0, 0);
  when.deviation = -120;  // an explicit deviation decides the instant
  ASSERT_TRUE(calendar.set_activation_time(when).is_ok());
  const ActivityCalendar::PollResult r = calendar.poll(utc_of(2025, 5, 31, 22), utc_time_zone());
  EXPECT_EQ(r.activation, ActivityCalendar::Activation::kRefused);
  EXPECT_FALSE(r.status.is_ok());
  EXPECT_FALSE(calendar.activation_pending());  // spent
  EXPECT_EQ(calendar.active(), test_calendar());
}

TEST_F(ActivityCalendarTest, PassiveTablesWrittenOneByOne) {
  const CalendarSet next = test_calendar();
  ASSERT_TRUE(calendar.set_passive_name(ProfileName::from("NEW")).is_ok());
  ASSERT_TRUE(calendar.set_passive_days(next.days.span()).is_ok());
  ASSERT_TRUE(calendar.set_passive_weeks(next.weeks.span()).is_ok());
  ASSERT_TRUE(calendar.set_passive_seasons(next.seasons.span()).is_ok());
  ASSERT_TRUE(calendar.activate_passive_calendar().is_ok());
  EXPECT_EQ(calendar.active().name, ProfileName::from("NEW"));
}

TEST(ActivityCalendar, WithoutAnActiveSetTheFallbackTariffApplies) {
  ActivityCalendar calendar;
  SpecialDaysTable none;
  const CalendarState s = calendar.evaluate({2025, 1, 1, 12, 0, 0}, none);
  EXPECT_FALSE(s.defined);
  EXPECT_EQ(s.tariff, kFallbackTariff);
  // A set whose only season starts in 2030 is undefined before then.
  CalendarSet later = test_calendar();
  later.seasons.erase(1);
  later.seasons[0].start.date = CosemDate::on(2030, 1, 1);
  ASSERT_TRUE(calendar.set_active(later).is_ok());
  EXPECT_FALSE(calendar.evaluate({2029, 12, 31, 23, 0, 0}, none).defined);
  EXPECT_TRUE(calendar.evaluate({2030, 1, 1, 0, 0, 0}, none).defined);
}

TEST(ActivityCalendarValidation, NamesTheFieldAndTheEntry) {
  std::size_t bad = 99;
  CalendarSet c = test_calendar();
  c.seasons[1].week_name = ProfileName::from("X");
  EXPECT_EQ(std::string(validate(c, &bad).field()), "activity_calendar.season_profile.week_name");
  EXPECT_EQ(bad, 1u);

  c = test_calendar();
  c.weeks[0].day_id[6] = 42;
  EXPECT_EQ(std::string(validate(c, &bad).field()), "activity_calendar.week_profile_table.day_id");
  EXPECT_EQ(bad, 0u);

  c = test_calendar();
  c.days[0].schedule[2].start_time = CosemTime::at(5, 0);  // 00:00, 06:00, 05:00: unsorted
  Status s = validate(c, &bad);
  EXPECT_EQ(std::string(s.field()), "activity_calendar.day_profile_table.day_schedule.start_time");
  EXPECT_EQ(std::string(s.reason()), "switch times must increase strictly");

  c = test_calendar();
  c.days[1].schedule[0].script_selector = 7;
  EXPECT_EQ(std::string(validate(c, &bad).field()), "activity_calendar.day_profile_table.day_schedule.script_selector");
  EXPECT_EQ(bad, 1u);

  c = test_calendar();
  c.days[1].schedule[0].script_logical_name = {0, 0, 10, 0, 1, 255};
  EXPECT_EQ(validate(c).code(), StatusCode::kNotSupported);

  c = test_calendar();
  c.days[2].day_id = 1;
  EXPECT_EQ(std::string(validate(c).field()), "activity_calendar.day_profile_table.day_id");

  c = test_calendar();
  c.days[2].schedule.clear();
  EXPECT_EQ(std::string(validate(c).field()), "activity_calendar.day_profile_table.day_schedule");

  c = test_calendar();
  c.days[2].schedule[0].start_time.minute = kNotSpecified;
  EXPECT_EQ(std::string(validate(c).field()), "activity_calendar.day_profile_table.day_schedule.start_time");

  c = test_calendar();
  c.seasons[1].name = c.seasons[0].name;
  EXPECT_EQ(std::string(validate(c).field()), "activity_calendar.season_profile.season_profile_name");

  c = test_calendar();
  c.seasons[1].start = c.seasons[0].start;
  EXPECT_EQ(std::string(validate(c).field()), "activity_calendar.season_profile.season_start");

  c = test_calendar();
  c.seasons[1].start.date.day_of_month = kNotSpecified;
  EXPECT_EQ(std::string(validate(c).field()), "activity_calendar.season_profile.season_start");

  c = test_calendar();
  c.weeks[1].name = c.weeks[0].name;
  EXPECT_EQ(std::string(validate(c).field()), "activity_calendar.week_profile_table.week_profile_name");

  c = test_calendar();
  c.seasons.clear();
  EXPECT_EQ(std::string(validate(c).field()), "activity_calendar.season_profile");

  EXPECT_TRUE(validate(test_calendar()).is_ok());
}

TEST(ActivityCalendarValidation, CapacitiesAreFixed) {
  DayProfile p;
  for (int i = 0; i < static_cast<int>(kMaxSwitchesPerDay); ++i)
    ASSERT_TRUE(p.schedule.push_back({CosemTime::at(i, 0), kTariffScriptTable, 1}, "switches").is_ok());
  const Status full = p.schedule.push_back({CosemTime::at(23, 0), kTariffScriptTable, 1}, "switches");
  EXPECT_EQ(full.code(), StatusCode::kCapacity);
  EXPECT_EQ(std::string(full.field()), "switches");

  CalendarSet c;
  for (int i = 0; i < static_cast<int>(kMaxDayProfiles); ++i)
    ASSERT_TRUE(c.days.push_back(day(static_cast<std::uint8_t>(i), {{0, 1}}), "days").is_ok());
  EXPECT_EQ(c.days.push_back(day(99, {{0, 1}}), "days").code(), StatusCode::kCapacity);

  ActivityCalendar calendar;
  SeasonProfile many[kMaxSeasons + 1];
  EXPECT_EQ(calendar.set_passive_seasons(many).code(), StatusCode::kCapacity);

  ProfileName name;
  const std::uint8_t nine[9] = {'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'};
  EXPECT_FALSE(make_profile_name(nine, &name).is_ok());
  EXPECT_TRUE(make_profile_name(std::span<const std::uint8_t>(nine, 8), &name).is_ok());
  EXPECT_EQ(name, ProfileName::from("ABCDEFGH"));
}

}  // namespace
}  // namespace quadra::clock
