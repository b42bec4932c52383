#include "core/registers/demand_register.h"

#include <gtest/gtest.h>

namespace quadra::registers {
namespace {

TEST(DemandRegister, BlockDemandIsTheEnergyOverThePeriod) {
  DemandRegister r(900.0, 1);
  r.start(100.0);
  r.add(1000.0);  // Wh
  // current_average = 1000 Wh * 3600 / 900 s = 4000 W, already while the period runs.
  EXPECT_DOUBLE_EQ(r.current_average(), 4000.0);
  r.add(1500.0);
  EXPECT_DOUBLE_EQ(r.close(900.0), 10000.0);  // 2500 Wh in 15 min = 10 kW
  EXPECT_DOUBLE_EQ(r.last_average(), 10000.0);
  EXPECT_EQ(r.capture_time(), 900.0);
  EXPECT_EQ(r.start_time_current(), 900.0);
  EXPECT_DOUBLE_EQ(r.current_average(), 0.0);  // block: nothing carries into the next period
}

TEST(DemandRegister, SlidingDemandAveragesTheLastNSubperiods) {
  // n = 3 sub-periods of 300 s. Energies 250, 500, 750, 0, 0 Wh (3, 6, 9, 0, 0 kW).
  // last_average = sum of the last three * 3600 / 900 = sum * 4:
  //   250*4 = 1000; (250+500)*4 = 3000; (250+500+750)*4 = 6000; (500+750)*4 = 5000; 750*4 = 3000.
  DemandRegister r(300.0, 3);
  const double energy[] = {250.0, 500.0, 750.0, 0.0, 0.0, 0.0};
  const double expected[] = {1000.0, 3000.0, 6000.0, 5000.0, 3000.0, 0.0};
  for (int k = 0; k < 6; ++k) {
    r.add(energy[k]);
    EXPECT_DOUBLE_EQ(r.close(300.0 * (k + 1)), expected[k]) << "sub-period " << k;
  }
}

TEST(DemandRegister, SlidingCurrentAverageIncludesTheRunningSubperiod) {
  DemandRegister r(300.0, 3);
  r.add(500.0);
  r.close(300.0);
  r.add(750.0);
  r.close(600.0);
  r.add(100.0);
  // (500 + 750 + 100) Wh * 3600 / 900 s.
  EXPECT_DOUBLE_EQ(r.current_average(), 1350.0 * 4.0);
  EXPECT_DOUBLE_EQ(r.current_energy(), 100.0);
  EXPECT_FALSE(r.window_empty());
}

TEST(DemandRegister, ResetClearsValuesAndStampsTheTime) {
  DemandRegister r(300.0, 3);
  r.add(500.0);
  r.close(300.0);
  r.add(10.0);
  r.reset(450.0);
  EXPECT_EQ(r.current_average(), 0.0);
  EXPECT_EQ(r.last_average(), 0.0);
  EXPECT_EQ(r.capture_time(), 450.0);
  EXPECT_EQ(r.start_time_current(), 450.0);
  EXPECT_TRUE(r.window_empty());
}

TEST(DemandRegister, LargestWindowHoldsSixtySubperiods) {
  DemandRegister r(60.0, DemandRegister::kMaxPeriods);
  for (int k = 0; k < 60; ++k) {
    r.add(1.0);
    r.close(60.0 * (k + 1));
  }
  EXPECT_DOUBLE_EQ(r.last_average(), 60.0);  // 60 Wh in one hour = 60 W
  r.close(3660.0);
  EXPECT_DOUBLE_EQ(r.last_average(), 59.0);
}

}  // namespace
}  // namespace quadra::registers
