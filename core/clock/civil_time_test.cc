#include "core/clock/civil_time.h"

#include <gtest/gtest.h>

namespace quadra::clock {
namespace {

// The algorithms are constexpr: a calendar can be computed at compile time.
static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(civil_from_days(0) == CivilDate{1970, 1, 1});
static_assert(weekday_from_days(0) == 4);  // 1970-01-01 was a Thursday

TEST(CivilTime, EpochAndTheSecondBeforeIt) {
  EXPECT_EQ(seconds_from_civil({1970, 1, 1, 0, 0, 0}), 0);
  EXPECT_EQ(civil_from_seconds(-1), (CivilDateTime{1969, 12, 31, 23, 59, 59}));
  EXPECT_EQ(seconds_from_civil({1969, 12, 31, 23, 59, 59}), -1);
}

TEST(CivilTime, LeapDayOf2000) {
  // 1970..1999 are 30 years of 365 days plus 7 leap days (1972, 76, 80, 84, 88, 92, 96):
  // 2000-01-01 is day 10950 + 7 = 10957; + 31 (January) + 28 = day 11016 for 02-29.
  // 2000 is a leap year although divisible by 100, because it is divisible by 400.
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_EQ(days_from_civil(2000, 2, 29), 11016);
  EXPECT_EQ(civil_from_days(11016), (CivilDate{2000, 2, 29}));
  EXPECT_EQ(civil_from_days(11017), (CivilDate{2000, 3, 1}));
  EXPECT_EQ(weekday(CivilDate{2000, 2, 29}), 2);  // a Tuesday
  EXPECT_EQ(day_of_year(CivilDate{2000, 2, 29}), 60);
}

TEST(CivilTime, SignedThirtyTwoBitOverflowInstant) {
  // 2^31 s = 2147483648 s = 24855 days (24855 * 86400 = 2147472000) + 11648 s (3 h 14 min 8 s).
  // Day 24855: 2038-01-01 is 68 * 365 + 17 leap days (1972..2036) = 24837, + 18 = January 19th.
  const CivilDateTime t = civil_from_seconds(std::int64_t{1} << 31);
  EXPECT_EQ(t, (CivilDateTime{2038, 1, 19, 3, 14, 8}));
  EXPECT_EQ(seconds_from_civil(t), std::int64_t{2147483648});
  EXPECT_EQ(weekday(t.date()), 2);  // a Tuesday
}

TEST(CivilTime, TwentyOneHundredIsNotALeapYear) {
  // 2100-01-01: 130 * 365 + 32 leap days (1972..2096) = 47482; + 31 + 28 = 47541 for 03-01,
  // the day after 02-28 since 2100 (divisible by 100, not by 400) has no 02-29.
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_from_civil(2100, 3, 1), 47541);
  EXPECT_EQ(civil_from_days(47540), (CivilDate{2100, 2, 28}));
  EXPECT_EQ(weekday(CivilDate{2100, 3, 1}), 1);  // a Monday
  EXPECT_FALSE(is_valid(CivilDate{2100, 2, 29}));
}

TEST(CivilTime, LastSecondOfTheSupportedRange) {
  // 2199-12-31 is day 84005 (2200-01-01 = 84006); 84005 * 86400 + 86399 = 7258118399.
  EXPECT_EQ(seconds_from_civil({2199, 12, 31, 23, 59, 59}), 7'258'118'399);
  EXPECT_EQ(civil_from_seconds(7'258'118'399), (CivilDateTime{2199, 12, 31, 23, 59, 59}));
}

TEST(CivilTime, EveryDayFrom1900To2200RoundTripsAndAdvancesByOne) {
  CivilDate previous = civil_from_days(days_from_civil(1900, 1, 1) - 1);
  for (std::int64_t z = days_from_civil(1900, 1, 1); z < days_from_civil(2200, 1, 1); ++z) {
    const CivilDate d = civil_from_days(z);
    ASSERT_TRUE(is_valid(d)) << z;
    ASSERT_EQ(days_from_civil(d), z);
    const bool next_day_same_month = d.year == previous.year && d.month == previous.month && d.day == previous.day + 1;
    const bool first_of_next_month = d.day == 1 && previous.day == days_in_month(previous.year, previous.month);
    ASSERT_TRUE(next_day_same_month || first_of_next_month) << d.year << "-" << d.month << "-" << d.day;
    ASSERT_EQ(weekday_from_days(z), weekday_from_days(z - 1) % 7 + 1);
    previous = d;
  }
}

TEST(CivilTime, DayOfYearAndLeapYears) {
  EXPECT_EQ(day_of_year(CivilDate{2025, 1, 1}), 1);
  EXPECT_EQ(day_of_year(CivilDate{2025, 12, 31}), 365);
  EXPECT_EQ(day_of_year(CivilDate{2024, 12, 31}), 366);
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_FALSE(is_leap_year(2025));
  EXPECT_FALSE(is_leap_year(1900));
}

TEST(CivilTime, Validity) {
  EXPECT_TRUE(is_valid(CivilDateTime{2024, 2, 29, 23, 59, 59}));
  EXPECT_FALSE(is_valid(CivilDateTime{2023, 2, 29, 0, 0, 0}));
  EXPECT_FALSE(is_valid(CivilDateTime{2023, 4, 31, 0, 0, 0}));
  EXPECT_FALSE(is_valid(CivilDateTime{2023, 13, 1, 0, 0, 0}));
  EXPECT_FALSE(is_valid(CivilDateTime{2023, 1, 1, 24, 0, 0}));
  EXPECT_FALSE(is_valid(CivilDateTime{2023, 1, 1, 0, 60, 0}));
  EXPECT_FALSE(is_valid(CivilDateTime{2023, 1, 1, 0, 0, 60}));  // no leap seconds
}

TEST(CivilTime, AddSecondsCrossesYears) {
  EXPECT_EQ(add_seconds({2024, 12, 31, 23, 59, 59}, 1), (CivilDateTime{2025, 1, 1, 0, 0, 0}));
  EXPECT_EQ(add_seconds({2025, 1, 1, 0, 0, 0}, -1), (CivilDateTime{2024, 12, 31, 23, 59, 59}));
  EXPECT_EQ(add_days(CivilDate{2024, 2, 28}, 1), (CivilDate{2024, 2, 29}));
  EXPECT_TRUE((CivilDateTime{2025, 1, 1, 0, 0, 0}) < (CivilDateTime{2025, 1, 1, 0, 0, 1}));
}

}  // namespace
}  // namespace quadra::clock
