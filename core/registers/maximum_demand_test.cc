#include "core/registers/maximum_demand.h"

#include <gtest/gtest.h>

namespace quadra::registers {
namespace {

TEST(MaximumDemand, KeepsTheFirstOfEqualMaximaPerTariff) {
  MaximumDemand md;
  EXPECT_FALSE(md.maximum(0).captured);
  EXPECT_TRUE(md.offer(5.0, 1, 900.0));
  EXPECT_TRUE(md.offer(8.0, 2, 1800.0));
  EXPECT_FALSE(md.offer(7.0, 1, 2700.0));
  EXPECT_FALSE(md.offer(8.0, 2, 3600.0));  // equal: the earlier capture stays
  EXPECT_EQ(md.maximum(0).value, 8.0);
  EXPECT_EQ(md.maximum(0).capture_utc_s, 1800.0);
  EXPECT_EQ(md.maximum(1).value, 7.0);
  EXPECT_EQ(md.maximum(1).capture_utc_s, 2700.0);
  EXPECT_EQ(md.maximum(2).capture_utc_s, 1800.0);
  EXPECT_FALSE(md.maximum(3).captured);
}

TEST(MaximumDemand, TariffZeroCountsInTheTotalOnly) {
  MaximumDemand md;
  md.offer(3.0, 0, 900.0);
  EXPECT_TRUE(md.maximum(0).captured);
  for (std::size_t s = 1; s < kTariffSlots; ++s) EXPECT_FALSE(md.maximum(s).captured);
}

TEST(MaximumDemand, FirstPeriodIsCapturedEvenAtZero) {
  MaximumDemand md;
  md.offer(0.0, 1, 900.0);
  EXPECT_TRUE(md.maximum(1).captured);
  EXPECT_EQ(md.maximum(1).capture_utc_s, 900.0);
}

TEST(MaximumDemand, BillingResetAddsToTheCumulativeAndClears) {
  MaximumDemand md;
  md.offer(10.0, 1, 900.0);
  MaximumDemandSnapshot s = md.billing_reset();
  EXPECT_EQ(s.maximum[1].value, 10.0);
  EXPECT_EQ(s.cumulative[0], 10.0);
  EXPECT_EQ(s.cumulative[2], 0.0);
  EXPECT_FALSE(md.maximum(0).captured);
  md.offer(4.0, 2, 1800.0);
  s = md.billing_reset();
  EXPECT_EQ(s.cumulative[0], 14.0);
  EXPECT_EQ(s.cumulative[1], 10.0);
  EXPECT_EQ(s.cumulative[2], 4.0);
  EXPECT_EQ(md.cumulative(0), 14.0);
}

}  // namespace
}  // namespace quadra::registers
