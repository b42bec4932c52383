#include "core/clock/dst_rule.h"

#include <gtest/gtest.h>

#include <string>

namespace quadra::clock {
namespace {

constexpr int kCet = 60;  // local standard time - UTC in Poland, minutes

UtcSeconds utc_of(int y, int mo, int d, int h, int mi = 0, int s = 0) { return seconds_from_civil({y, mo, d, h, mi, s}); }

TEST(DstRule, EuTransitionsOf2024) {
  // 2024-01-01 was a Monday. March 31st is day 31 + 29 + 31 = 91 of the year, 90 days after
  // January 1st = 12 weeks + 6 days, so a Sunday: the last Sunday of March is the 31st.
  // October 31st is day 305, 304 days on = 43 weeks + 3 days: a Thursday; the Sunday before is
  // the 27th. Both transitions are at 01:00 UTC.
  //   2024-03-31 = day 19723 + 90 = 19813 -> 19813 * 86400 + 3600 = 1711846800
  //   2024-10-27 = day 19723 + 300 = 20023 -> 20023 * 86400 + 3600 = 1729990800
  const DstYear t = transitions(eu_rule(), 2024, kCet);
  EXPECT_EQ(transition_date(eu_rule().begin, 2024), (CivilDate{2024, 3, 31}));
  EXPECT_EQ(transition_date(eu_rule().end, 2024), (CivilDate{2024, 10, 27}));
  EXPECT_EQ(t.begin, 1'711'846'800);
  EXPECT_EQ(t.end, 1'729'990'800);
  EXPECT_EQ(t.begin, utc_of(2024, 3, 31, 1));
  EXPECT_EQ(t.end, utc_of(2024, 10, 27, 1));
}

TEST(DstRule, EuTransitionsOf2026) {
  // 2026-01-01 is a Thursday (2024 had 366 days, 2025 365: 731 = 104 weeks + 3 days after a
  // Monday). March 31st (day 90, 89 days on = 12 weeks + 5 days) is a Tuesday: the last Sunday
  // is the 29th. October 31st (day 304, 303 days on = 43 weeks + 2 days) is a Saturday: the
  // 25th.  2026-03-29 = day 20541 -> 1774746000;  2026-10-25 = day 20751 -> 1792890000.
  const DstYear t = transitions(eu_rule(), 2026, kCet);
  EXPECT_EQ(transition_date(eu_rule().begin, 2026), (CivilDate{2026, 3, 29}));
  EXPECT_EQ(transition_date(eu_rule().end, 2026), (CivilDate{2026, 10, 25}));
  EXPECT_EQ(t.begin, 1'774'746'000);
  EXPECT_EQ(t.end, 1'792'890'000);
}

TEST(DstRule, EuTransitionsOfOtherYearsAreLastSundays) {
  // Published EU summer-time dates (Commission communication for 2022-2026, and on).
  struct Case {
    int year, begin_day, end_day;
  } cases[] = {{2021, 28, 31}, {2022, 27, 30}, {2023, 26, 29}, {2025, 30, 26}, {2027, 28, 31}, {2028, 26, 29}};
  for (const Case& c : cases) {
    EXPECT_EQ(transition_date(eu_rule().begin, c.year), (CivilDate{c.year, 3, c.begin_day})) << c.year;
    EXPECT_EQ(transition_date(eu_rule().end, c.year), (CivilDate{c.year, 10, c.end_day})) << c.year;
  }
}

TEST(DstRule, InForceFromBeginUpToEnd) {
  const DstYear t = transitions(eu_rule(), 2024, kCet);
  EXPECT_FALSE(dst_in_force(eu_rule(), t.begin - 1, kCet));
  EXPECT_TRUE(dst_in_force(eu_rule(), t.begin, kCet));
  EXPECT_TRUE(dst_in_force(eu_rule(), t.end - 1, kCet));
  EXPECT_FALSE(dst_in_force(eu_rule(), t.end, kCet));
  EXPECT_FALSE(dst_in_force(eu_rule(), utc_of(2024, 1, 15, 12), kCet));
  EXPECT_TRUE(dst_in_force(eu_rule(), utc_of(2024, 7, 15, 12), kCet));
  EXPECT_FALSE(dst_in_force(no_dst(), utc_of(2024, 7, 15, 12), kCet));
}

TEST(DstRule, UsRuleInLocalStandardTime) {
  // US: second Sunday of March 02:00 local standard time, first Sunday of November 02:00 local
  // daylight time = 01:00 local standard time. New York: standard time = UTC - 5 h.
  // 2024: March 1st was a Friday -> Sundays 3rd, 10th; November 1st a Friday -> Sunday 3rd.
  DstRule us;
  us.begin = {3, 2, 7, 2 * 3600, TimeBase::kLocalStandard};
  us.end = {11, 1, 7, 1 * 3600, TimeBase::kLocalStandard};
  ASSERT_TRUE(validate(us).is_ok());
  const int est = -300;
  const DstYear t = transitions(us, 2024, est);
  EXPECT_EQ(t.begin, utc_of(2024, 3, 10, 7));  // 02:00 EST = 07:00 UTC
  EXPECT_EQ(t.end, utc_of(2024, 11, 3, 6));    // 01:00 EST = 02:00 EDT = 06:00 UTC
}

TEST(DstRule, SouthernHemisphereSpansNewYear) {
  // Sydney: first Sunday of October 02:00 standard -> first Sunday of April 03:00 daylight
  // (= 02:00 standard); standard time UTC + 10 h.
  DstRule au;
  au.begin = {10, 1, 7, 2 * 3600, TimeBase::kLocalStandard};
  au.end = {4, 1, 7, 2 * 3600, TimeBase::kLocalStandard};
  ASSERT_TRUE(validate(au).is_ok());
  const int aest = 600;
  EXPECT_TRUE(dst_in_force(au, utc_of(2024, 1, 15, 0), aest));
  EXPECT_FALSE(dst_in_force(au, utc_of(2024, 6, 15, 0), aest));
  EXPECT_TRUE(dst_in_force(au, utc_of(2024, 12, 15, 0), aest));
  // 2024-04-07 (first Sunday of April) 02:00 AEST = 2024-04-06T16:00Z.
  EXPECT_TRUE(dst_in_force(au, utc_of(2024, 4, 6, 15, 59, 59), aest));
  EXPECT_FALSE(dst_in_force(au, utc_of(2024, 4, 6, 16), aest));
}

TEST(DstRule, NextTransition) {
  const UtcSeconds mid_summer = utc_of(2024, 7, 1, 0);
  EXPECT_EQ(next_transition_after(eu_rule(), mid_summer, kCet), utc_of(2024, 10, 27, 1));
  EXPECT_EQ(next_transition_after(eu_rule(), utc_of(2024, 10, 27, 1), kCet), utc_of(2025, 3, 30, 1));
  EXPECT_EQ(next_transition_after(eu_rule(), utc_of(2024, 12, 31, 23, 30), kCet), utc_of(2025, 3, 30, 1));
  EXPECT_EQ(next_transition_after(no_dst(), mid_summer, kCet), kNever);
}

TEST(DstRule, ValidationNamesTheField) {
  DstRule r = eu_rule();
  r.begin.month = 13;
  EXPECT_EQ(std::string(validate(r).field()), "clock.dst.begin");
  r = eu_rule();
  r.end.week = 0;
  EXPECT_EQ(std::string(validate(r).field()), "clock.dst.end");
  r = eu_rule();
  r.end.weekday = 8;
  EXPECT_FALSE(validate(r).is_ok());
  r = eu_rule();
  r.begin.time_s = 86'400;
  EXPECT_FALSE(validate(r).is_ok());
  r = eu_rule();
  r.deviation_min = 0;
  EXPECT_EQ(std::string(validate(r).field()), "clock.dst.deviation_min");
  r.deviation_min = 121;
  EXPECT_FALSE(validate(r).is_ok());
  EXPECT_TRUE(validate(eu_rule()).is_ok());
  EXPECT_TRUE(validate(no_dst()).is_ok());
}

}  // namespace
}  // namespace quadra::clock
