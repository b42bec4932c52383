#include "core/registers/excess_power.h"

#include <gtest/gtest.h>

namespace quadra::registers {
namespace {

std::array<double, kTariffSlots> contracted(double t0, double t1, double t2) {
  std::array<double, kTariffSlots> c{};
  c[0] = t0;
  c[1] = t1;
  c[2] = t2;
  return c;
}

TEST(ExcessPower, CountsOnlyStrictlyAboveTheContractedPower) {
  ExcessPower ex(contracted(0.0, 10000.0, 0.0));
  EXPECT_EQ(ex.offer(10000.0, 1, 0.0, 900.0), 0.0);  // equal is not above
  EXPECT_EQ(ex.offer(10000.5, 1, 900.0, 1800.0), 0.5);
  EXPECT_EQ(ex.billing_period(1).count, 1u);
  EXPECT_EQ(ex.offer(50000.0, 0, 0.0, 900.0), 0.0);  // tariff 0 has no contracted power here
  EXPECT_EQ(ex.offer(50000.0, 2, 0.0, 900.0), 0.0);  // neither has T2
  EXPECT_EQ(ex.billing_period(0).count, 1u);
}

TEST(ExcessPower, KeepsTheTenLargestExcessesInDescendingOrder) {
  ExcessPower ex(contracted(0.0, 1000.0, 0.0));
  // Excesses 1..12 W in a scrambled order; the ten largest are 12..3, their sum 75.
  const double order[] = {5, 12, 1, 7, 3, 11, 2, 9, 4, 10, 6, 8};
  double t = 0.0;
  for (double x : order) {
    ex.offer(1000.0 + x, 1, t, t + 900.0);
    t += 900.0;
  }
  const ExcessCounters& c = ex.billing_period(1);
  for (std::size_t k = 0; k < kTopExcesses; ++k) EXPECT_EQ(c.top_w[k], 12.0 - static_cast<double>(k));
  EXPECT_EQ(c.top_sum_w(), 75.0);
  EXPECT_EQ(c.largest_w, 12.0);
  EXPECT_EQ(c.largest_utc_s, 2.0 * 900.0);  // the second period ended at 1800 s
  EXPECT_EQ(c.count, 12u);
}

TEST(ExcessPower, ShortPeriodsCountTheirActualLength) {
  ExcessPower ex(contracted(0.0, 1000.0, 0.0));
  ex.offer(4600.0, 1, 0.0, 300.0);  // excess 3600 W for 300 s = 300 Wh
  EXPECT_EQ(ex.billing_period(1).duration_s, 300.0);
  EXPECT_DOUBLE_EQ(ex.billing_period(1).energy_wh, 300.0);
}

TEST(ExcessPower, BillingResetClearsThePeriodButNotTheLifetime) {
  ExcessPower ex(contracted(0.0, 1000.0, 0.0));
  ex.offer(1360.0, 1, 0.0, 900.0);  // 360 W * 0.25 h = 90 Wh
  const auto ended = ex.billing_reset();
  EXPECT_EQ(ended[1].count, 1u);
  EXPECT_DOUBLE_EQ(ended[1].energy_wh, 90.0);
  EXPECT_EQ(ex.billing_period(1).count, 0u);
  EXPECT_EQ(ex.lifetime_count(1), 1u);
  EXPECT_DOUBLE_EQ(ex.lifetime_energy_wh(1), 90.0);
  EXPECT_EQ(ex.lifetime_duration_s(0), 900.0);
}

}  // namespace
}  // namespace quadra::registers
