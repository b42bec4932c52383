#include "core/clock/time_zone.h"

#include <gtest/gtest.h>

#include <string>

namespace quadra::clock {
namespace {

UtcSeconds utc_of(int y, int mo, int d, int h, int mi = 0, int s = 0) { return seconds_from_civil({y, mo, d, h, mi, s}); }

TEST(TimeZone, CosemSignIsUtcMinusLocal) {
  const TimeZone pl = central_european_time();
  EXPECT_EQ(pl.time_zone_min, -60);  // what Clock attribute 3 reads in Poland
  EXPECT_EQ(pl.standard_offset_min(), 60);
  EXPECT_EQ(utc_offset_min(pl, utc_of(2024, 1, 15, 12)), 60);
  EXPECT_EQ(utc_offset_min(pl, utc_of(2024, 6, 15, 12)), 120);
  EXPECT_EQ(cosem_deviation_min(pl, utc_of(2024, 1, 15, 12)), -60);
  EXPECT_EQ(cosem_deviation_min(pl, utc_of(2024, 6, 15, 12)), -120);
}

TEST(TimeZone, LocalTimeOfAKnownMeterReading) {
  // A Kaifa meter in Austria sent 2024-06-15 20:23:45 with deviation -120 for 18:23:45 UTC
  // (amsreader-firmware issue 809): 2024-06-15 is day 19889, 19889 * 86400 + 66225 = 1718475825.
  const UtcSeconds t = 1'718'475'825;
  EXPECT_EQ(t, utc_of(2024, 6, 15, 18, 23, 45));
  EXPECT_EQ(to_local(central_european_time(), t), (CivilDateTime{2024, 6, 15, 20, 23, 45}));
  EXPECT_TRUE(dst_active(central_european_time(), t));
}

TEST(TimeZone, LocalClockJumpsAtTheTransitions) {
  const TimeZone pl = central_european_time();
  // 2025-03-30 01:00 UTC: 01:59:59 CET is followed by 03:00:00 CEST.
  EXPECT_EQ(to_local(pl, utc_of(2025, 3, 30, 0, 59, 59)), (CivilDateTime{2025, 3, 30, 1, 59, 59}));
  EXPECT_EQ(to_local(pl, utc_of(2025, 3, 30, 1)), (CivilDateTime{2025, 3, 30, 3, 0, 0}));
  // 2025-10-26 01:00 UTC: 02:59:59 CEST is followed by 02:00:00 CET.
  EXPECT_EQ(to_local(pl, utc_of(2025, 10, 26, 0, 59, 59)), (CivilDateTime{2025, 10, 26, 2, 59, 59}));
  EXPECT_EQ(to_local(pl, utc_of(2025, 10, 26, 1)), (CivilDateTime{2025, 10, 26, 2, 0, 0}));
}

TEST(TimeZone, LocalTimeInTheSpringGapResolvesToTheJump) {
  const TimeZone pl = central_european_time();
  const UtcSeconds jump = utc_of(2025, 3, 30, 1);
  LocalTimeResolution r = to_utc(pl, {2025, 3, 30, 1, 59, 59});
  EXPECT_EQ(r.kind, LocalTimeKind::kUnique);
  EXPECT_EQ(r.utc, jump - 1);
  for (const CivilDateTime gap : {CivilDateTime{2025, 3, 30, 2, 0, 0}, CivilDateTime{2025, 3, 30, 2, 30, 0},
                                  CivilDateTime{2025, 3, 30, 2, 59, 59}}) {
    r = to_utc(pl, gap);
    EXPECT_EQ(r.kind, LocalTimeKind::kSkipped);
    EXPECT_EQ(r.utc, jump);
    EXPECT_EQ(to_utc(pl, gap, Fold::kLater).utc, jump);  // the fold does not matter in a gap
  }
  r = to_utc(pl, {2025, 3, 30, 3, 0, 0});
  EXPECT_EQ(r.kind, LocalTimeKind::kUnique);
  EXPECT_EQ(r.utc, jump);
}

TEST(TimeZone, RepeatedAutumnHourResolvedByFold) {
  const TimeZone pl = central_european_time();
  // 02:30 local happens at 00:30 UTC (CEST, first pass) and at 01:30 UTC (CET, second pass).
  LocalTimeResolution early = to_utc(pl, {2025, 10, 26, 2, 30, 0}, Fold::kEarlier);
  LocalTimeResolution late = to_utc(pl, {2025, 10, 26, 2, 30, 0}, Fold::kLater);
  EXPECT_EQ(early.kind, LocalTimeKind::kRepeated);
  EXPECT_EQ(late.kind, LocalTimeKind::kRepeated);
  EXPECT_EQ(early.utc, utc_of(2025, 10, 26, 0, 30));
  EXPECT_EQ(late.utc, utc_of(2025, 10, 26, 1, 30));
  EXPECT_EQ(to_utc(pl, {2025, 10, 26, 1, 59, 59}).kind, LocalTimeKind::kUnique);
  EXPECT_EQ(to_utc(pl, {2025, 10, 26, 1, 59, 59}).utc, utc_of(2025, 10, 25, 23, 59, 59));
  EXPECT_EQ(to_utc(pl, {2025, 10, 26, 3, 0, 0}).kind, LocalTimeKind::kUnique);
  EXPECT_EQ(to_utc(pl, {2025, 10, 26, 3, 0, 0}).utc, utc_of(2025, 10, 26, 2));
}

TEST(TimeZone, EveryQuarterOfAYearRoundTrips) {
  const TimeZone pl = central_european_time();
  for (UtcSeconds t = utc_of(2025, 1, 1, 0); t < utc_of(2026, 1, 1, 0); t += 900) {
    const CivilDateTime local = to_local(pl, t);
    const LocalTimeResolution r = to_utc(pl, local, dst_active(pl, t) ? Fold::kEarlier : Fold::kLater);
    ASSERT_NE(r.kind, LocalTimeKind::kSkipped);
    ASSERT_EQ(r.utc, t);
  }
}

TEST(TimeZone, UtcZoneAndValidation) {
  const TimeZone utc = utc_time_zone();
  EXPECT_EQ(to_local(utc, utc_of(2025, 6, 1, 12)), (CivilDateTime{2025, 6, 1, 12, 0, 0}));
  EXPECT_EQ(next_dst_transition_after(utc, 0), kNever);
  TimeZone bad = central_european_time();
  bad.time_zone_min = 721;
  EXPECT_EQ(std::string(validate(bad).field()), "clock.time_zone");
  bad = central_european_time();
  bad.dst.deviation_min = 0;
  EXPECT_EQ(std::string(validate(bad).field()), "clock.dst.deviation_min");
  EXPECT_TRUE(validate(central_european_time()).is_ok());
}

}  // namespace
}  // namespace quadra::clock
