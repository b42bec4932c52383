#include "core/clock/date_pattern.h"

#include <gtest/gtest.h>

namespace quadra::clock {
namespace {

CosemDateTime start_at(CosemDate date, int hour = 0, int minute = 0) {
  CosemDateTime v;
  v.date = date;
  v.time = CosemTime::at(hour, minute);
  return v;
}

TEST(DatePattern, EveryYearAndOneYear) {
  const CosemDate christmas = CosemDate::every_year(12, 25);
  EXPECT_TRUE(matches(christmas, {2025, 12, 25}));
  EXPECT_TRUE(matches(christmas, {2031, 12, 25}));
  EXPECT_FALSE(matches(christmas, {2025, 12, 24}));
  const CosemDate easter_monday_2025 = CosemDate::on(2025, 4, 21);
  EXPECT_TRUE(matches(easter_monday_2025, {2025, 4, 21}));
  EXPECT_FALSE(matches(easter_monday_2025, {2026, 4, 21}));
}

TEST(DatePattern, LastAndSecondLastDayOfTheMonth) {
  const CosemDate last_day{kYearNotSpecified, kNotSpecified, kLastDayOfMonth, kNotSpecified};
  EXPECT_TRUE(matches(last_day, {2024, 2, 29}));
  EXPECT_TRUE(matches(last_day, {2025, 2, 28}));
  EXPECT_FALSE(matches(last_day, {2025, 2, 27}));
  EXPECT_TRUE(matches(last_day, {2025, 4, 30}));
  const CosemDate second_last{kYearNotSpecified, 2, kSecondLastDayOfMonth, kNotSpecified};
  EXPECT_TRUE(matches(second_last, {2025, 2, 27}));
  EXPECT_TRUE(matches(second_last, {2024, 2, 28}));
}

TEST(DatePattern, WeekdayWithDayOfMonth) {
  // Last Sunday of March (as in a Clock's daylight_savings_begin): 2024-03-31, 2025-03-30.
  const CosemDate last_sunday_of_march{kYearNotSpecified, 3, kLastDayOfMonth, 7};
  EXPECT_TRUE(matches(last_sunday_of_march, {2024, 3, 31}));
  EXPECT_TRUE(matches(last_sunday_of_march, {2025, 3, 30}));
  EXPECT_FALSE(matches(last_sunday_of_march, {2025, 3, 23}));
  EXPECT_FALSE(matches(last_sunday_of_march, {2025, 3, 31}));
  // The Sunday on or after October 8th = the second Sunday: 2025-10-01 is a Wednesday, so the
  // Sundays are the 5th and the 12th.
  const CosemDate second_sunday_of_october{kYearNotSpecified, 10, 8, 7};
  EXPECT_EQ(day_in_month(second_sunday_of_october, 2025, 10), 12);
  EXPECT_TRUE(matches(second_sunday_of_october, {2025, 10, 12}));
  EXPECT_FALSE(matches(second_sunday_of_october, {2025, 10, 5}));
  // On or after the 30th of February: no such day.
  EXPECT_EQ(day_in_month(CosemDate{kYearNotSpecified, 2, 30, 1}, 2025, 2), std::nullopt);
  // Every Sunday.
  const CosemDate sundays{kYearNotSpecified, kNotSpecified, kNotSpecified, 7};
  EXPECT_TRUE(matches(sundays, {2025, 3, 30}));
  EXPECT_FALSE(matches(sundays, {2025, 3, 31}));
}

TEST(DatePattern, UnsupportedWildcardsAreRefused) {
  const Status dst_month = validate_pattern(CosemDate{kYearNotSpecified, kMonthDstBegin, 1, kNotSpecified}, "f");
  EXPECT_EQ(dst_month.code(), StatusCode::kNotSupported);
  const Status second_last_weekday =
      validate_pattern(CosemDate{kYearNotSpecified, 3, kSecondLastDayOfMonth, 7}, "f");
  EXPECT_EQ(second_last_weekday.code(), StatusCode::kNotSupported);
  const Status bad = validate_pattern(CosemDate{kYearNotSpecified, 13, 1, kNotSpecified}, "special");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_STREQ(bad.field(), "special");
  CosemDateTime no_day = start_at(CosemDate{kYearNotSpecified, 4, kNotSpecified, kNotSpecified});
  EXPECT_FALSE(validate_recurring_start(no_day, "season_start").is_ok());
  EXPECT_TRUE(validate_recurring_start(start_at(CosemDate::every_year(4, 1)), "season_start").is_ok());
}

TEST(DatePattern, YearlyStartBeforeAndAfter) {
  const CosemDateTime april = start_at(CosemDate::every_year(4, 1));
  EXPECT_EQ(latest_start_at_or_before(april, {2025, 3, 31, 23, 59, 59}), (CivilDateTime{2024, 4, 1, 0, 0, 0}));
  EXPECT_EQ(latest_start_at_or_before(april, {2025, 4, 1, 0, 0, 0}), (CivilDateTime{2025, 4, 1, 0, 0, 0}));
  EXPECT_EQ(latest_start_at_or_before(april, {2025, 12, 31, 0, 0, 0}), (CivilDateTime{2025, 4, 1, 0, 0, 0}));
  EXPECT_EQ(first_start_after(april, {2025, 3, 31, 23, 59, 59}), (CivilDateTime{2025, 4, 1, 0, 0, 0}));
  EXPECT_EQ(first_start_after(april, {2025, 4, 1, 0, 0, 0}), (CivilDateTime{2026, 4, 1, 0, 0, 0}));
  // A start at a time of day.
  const CosemDateTime noon = start_at(CosemDate::every_year(6, 1), 12, 30);
  EXPECT_EQ(latest_start_at_or_before(noon, {2025, 6, 1, 12, 29, 59}), (CivilDateTime{2024, 6, 1, 12, 30, 0}));
  EXPECT_EQ(latest_start_at_or_before(noon, {2025, 6, 1, 12, 30, 0}), (CivilDateTime{2025, 6, 1, 12, 30, 0}));
}

TEST(DatePattern, OneYearStartHappensOnce) {
  const CosemDateTime once = start_at(CosemDate::on(2026, 1, 1));
  EXPECT_EQ(latest_start_at_or_before(once, {2025, 12, 31, 23, 59, 59}), std::nullopt);
  EXPECT_EQ(latest_start_at_or_before(once, {2030, 1, 1, 0, 0, 0}), (CivilDateTime{2026, 1, 1, 0, 0, 0}));
  EXPECT_EQ(first_start_after(once, {2025, 6, 1, 0, 0, 0}), (CivilDateTime{2026, 1, 1, 0, 0, 0}));
  EXPECT_EQ(first_start_after(once, {2026, 1, 1, 0, 0, 0}), std::nullopt);
}

TEST(DatePattern, MonthlyAndLeapDayStarts) {
  // The last day of every month.
  const CosemDateTime month_end = start_at(CosemDate{kYearNotSpecified, kNotSpecified, kLastDayOfMonth, kNotSpecified});
  EXPECT_EQ(latest_start_at_or_before(month_end, {2025, 3, 15, 0, 0, 0}), (CivilDateTime{2025, 2, 28, 0, 0, 0}));
  EXPECT_EQ(first_start_after(month_end, {2025, 3, 15, 0, 0, 0}), (CivilDateTime{2025, 3, 31, 0, 0, 0}));
  // February 29th recurs up to eight years apart (2096, then 2104 since 2100 is not leap).
  const CosemDateTime leap_day = start_at(CosemDate::every_year(2, 29));
  EXPECT_EQ(latest_start_at_or_before(leap_day, {2103, 6, 1, 0, 0, 0}), (CivilDateTime{2096, 2, 29, 0, 0, 0}));
  EXPECT_EQ(first_start_after(leap_day, {2096, 3, 1, 0, 0, 0}), (CivilDateTime{2104, 2, 29, 0, 0, 0}));
}

}  // namespace
}  // namespace quadra::clock
