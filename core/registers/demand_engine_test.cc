#include "core/registers/demand_engine.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace quadra::registers {
namespace {

constexpr double kT0 = 1705276800.0;  // 2024-01-15T00:00:00Z, on every grid that divides a day
constexpr auto kP = DemandQuantity::kActiveImport;

struct Recorder final : DemandObserver {
  void on_period_closed(const ClosedPeriod& p) override { periods.push_back(p); }
  std::vector<ClosedPeriod> periods;
};

DemandIncrement active(double wh) {
  DemandIncrement inc;
  inc[kP] = wh;
  return inc;
}

// Constant active power over [from, to) in steps of `step` seconds (the last one shorter).
void feed(DemandEngine& e, double from, double to, double step, double power_w, int tariff = 1) {
  for (double t = from; t < to; t += step) {
    const double d = std::fmin(step, to - t);
    ASSERT_TRUE(e.add(t, d, active(power_w * d / 3600.0), tariff).is_ok());
  }
}

DemandConfig block15() { return DemandConfig{}; }

TEST(DemandEngine, BlockDemandOfAStepInTheMiddleOfThePeriod) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  feed(e, kT0, kT0 + 450.0, 1.0, 10000.0);
  // Halfway: 10 kW for 450 s over the 900 s window = 5 kW running demand.
  EXPECT_NEAR(e.demand(kP).current_average(), 5000.0, 1e-9);
  EXPECT_EQ(e.demand(kP).start_time_current(), kT0);
  feed(e, kT0 + 450.0, kT0 + 900.0, 1.0, 20000.0);
  // (10 kW * 450 s + 20 kW * 450 s) / 900 s = 15 kW, closed the moment time reached 00:15.
  ASSERT_EQ(rec.periods.size(), 1u);
  EXPECT_NEAR(rec.periods[0].demand[index(kP)], 15000.0, 1e-9);
  EXPECT_EQ(rec.periods[0].start_utc_s, kT0);
  EXPECT_EQ(rec.periods[0].end_utc_s, kT0 + 900.0);
  EXPECT_EQ(rec.periods[0].flags, 0);
  EXPECT_NEAR(e.demand(kP).last_average(), 15000.0, 1e-9);
  EXPECT_EQ(e.demand(kP).capture_time(), kT0 + 900.0);
  EXPECT_EQ(e.demand(kP).start_time_current(), kT0 + 900.0);
  EXPECT_EQ(e.demand(kP).current_average(), 0.0);
}

TEST(DemandEngine, IntervalsStraddlingBoundariesAreSplitInProportionToTime) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  // 7 s intervals never meet the 900 s grid (900 / 7 = 128.57...): every boundary cuts one.
  feed(e, kT0, kT0 + 2800.0, 7.0, 12000.0);
  ASSERT_EQ(rec.periods.size(), 3u);
  for (const ClosedPeriod& p : rec.periods) EXPECT_NEAR(p.demand[index(kP)], 12000.0, 1e-7);
  // The running period holds 12 kW * 100 s.
  EXPECT_NEAR(e.demand(kP).current_energy(), 12000.0 * 100.0 / 3600.0, 1e-9);
}

TEST(DemandEngine, OneLongIntervalOverTwoBoundaries) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  // 6 kW over [00:10, 00:35): 2500 Wh. The engine starts at 00:10, mid-period.
  ASSERT_TRUE(e.add(kT0 + 600.0, 1500.0, active(2500.0), 2).is_ok());
  ASSERT_EQ(rec.periods.size(), 2u);
  // [00:10, 00:15): 300 s of 6 kW over the nominal 900 s = 2 kW, flagged as started late.
  EXPECT_NEAR(rec.periods[0].demand[index(kP)], 2000.0, 1e-9);
  EXPECT_EQ(rec.periods[0].start_utc_s, kT0 + 600.0);
  EXPECT_EQ(rec.periods[0].flags, kStartedLate);
  EXPECT_EQ(rec.periods[0].tariff, 2);
  // [00:15, 00:30): a full 6 kW.
  EXPECT_NEAR(rec.periods[1].demand[index(kP)], 6000.0, 1e-9);
  EXPECT_EQ(rec.periods[1].flags, 0);
  // [00:30, 00:35) running: 500 Wh, 2 kW so far.
  EXPECT_NEAR(e.demand(kP).current_average(), 2000.0, 1e-9);
  // Nothing lost or made: 2000 W * 0.25 h + 6000 W * 0.25 h + 500 Wh = 2500 Wh.
  EXPECT_NEAR(0.25 * (rec.periods[0].demand[0] + rec.periods[1].demand[0]) + e.demand(kP).current_energy(),
              2500.0, 1e-9);
}

TEST(DemandEngine, EnergyIsConservedAcrossRandomIntervals) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<double>(seed >> 8) / static_cast<double>(1u << 24);
  };
  double t = kT0;
  double total_wh = 0.0;
  for (int k = 0; k < 20000; ++k) {
    const double d = 0.05 + 30.0 * next();
    const double wh = 5.0 * next();
    ASSERT_TRUE(e.add(t, d, active(wh), 1).is_ok());
    total_wh += wh;
    t += d;
  }
  double registered = e.demand(kP).current_energy();
  for (const ClosedPeriod& p : rec.periods) registered += p.demand[0] * 900.0 / 3600.0;
  EXPECT_NEAR(registered, total_wh, 1e-9 * total_wh);
}

TEST(DemandEngine, SlidingDemandWithThreeSubperiods) {
  DemandConfig c;
  c.period_s = 300.0;
  c.number_of_periods = 3;
  Recorder rec;
  DemandEngine e(c, &rec);
  // Sub-periods of 5 min at 3, 6, 9, 0, 0 kW: 250, 500, 750, 0, 0 Wh.
  // Sliding 15-min demand = (sum of the last three) * 3600 / 900:
  //   1000, 3000, 6000, 5000, 3000 W.
  const double kw[] = {3.0, 6.0, 9.0, 0.0, 0.0};
  for (int k = 0; k < 5; ++k) {
    const double from = kT0 + 300.0 * k;
    if (k == 3) {
      feed(e, from, from + 150.0, 10.0, 0.0);
      // Mid sub-period 4: (500 + 750 + 0) Wh * 4 = 5000 W running; started at 00:15.
      EXPECT_NEAR(e.demand(kP).current_average(), 5000.0, 1e-9);
      EXPECT_EQ(e.demand(kP).start_time_current(), kT0 + 900.0);
      EXPECT_EQ(e.demand(kP).capture_time(), kT0 + 900.0);
      feed(e, from + 150.0, from + 300.0, 10.0, 0.0);
    } else {
      feed(e, from, from + 300.0, 10.0, kw[k] * 1000.0);
    }
  }
  const double expected[] = {1000.0, 3000.0, 6000.0, 5000.0, 3000.0};
  ASSERT_EQ(rec.periods.size(), 5u);
  for (int k = 0; k < 5; ++k) {
    EXPECT_NEAR(rec.periods[k].demand[index(kP)], expected[k], 1e-9) << k;
    EXPECT_EQ(rec.periods[k].end_utc_s, kT0 + 300.0 * (k + 1));
  }
  EXPECT_NEAR(e.maximum(kP).maximum(0).value, 6000.0, 1e-9);
  EXPECT_EQ(e.maximum(kP).maximum(0).capture_utc_s, kT0 + 900.0);
}

TEST(DemandEngine, MaximumDemandCaptureTimeAndTariff) {
  DemandEngine e(block15());
  // Four whole periods, each one interval: 5 kW T1, 8 kW T2, 7 kW T1, 8 kW T2.
  const double kw[] = {5.0, 8.0, 7.0, 8.0};
  const int tariff[] = {1, 2, 1, 2};
  for (int k = 0; k < 4; ++k) {
    ASSERT_TRUE(e.add(kT0 + 900.0 * k, 900.0, active(kw[k] * 250.0), tariff[k]).is_ok());
  }
  const MaximumDemand& md = e.maximum(kP);
  EXPECT_NEAR(md.maximum(0).value, 8000.0, 1e-9);
  EXPECT_EQ(md.maximum(0).capture_utc_s, kT0 + 1800.0);  // the first 8 kW, at its period's end
  EXPECT_NEAR(md.maximum(1).value, 7000.0, 1e-9);
  EXPECT_EQ(md.maximum(1).capture_utc_s, kT0 + 2700.0);
  EXPECT_NEAR(md.maximum(2).value, 8000.0, 1e-9);
  EXPECT_EQ(md.maximum(2).capture_utc_s, kT0 + 1800.0);
  EXPECT_FALSE(md.maximum(3).captured);
  // Other quantities saw zero demand, captured at the first period.
  EXPECT_EQ(e.maximum(DemandQuantity::kApparentExport).maximum(0).value, 0.0);
}

TEST(DemandEngine, PeriodCountsUnderTheTariffInForceAtItsEnd) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  // T1 until 00:13:20, then the caller switches to T2 (splitting its interval there).
  feed(e, kT0, kT0 + 800.0, 10.0, 9000.0, 1);
  feed(e, kT0 + 800.0, kT0 + 900.0, 10.0, 9000.0, 2);
  // An interval straddling 00:30 carries T3: the period that ends inside it counts under T3.
  feed(e, kT0 + 900.0, kT0 + 1750.0, 10.0, 1000.0, 1);
  ASSERT_TRUE(e.add(kT0 + 1750.0, 100.0, active(1000.0 * 100.0 / 3600.0), 3).is_ok());
  ASSERT_EQ(rec.periods.size(), 2u);
  EXPECT_EQ(rec.periods[0].tariff, 2);
  EXPECT_EQ(rec.periods[1].tariff, 3);
  EXPECT_NEAR(e.maximum(kP).maximum(2).value, 9000.0, 1e-9);
  EXPECT_FALSE(e.maximum(kP).maximum(1).captured);
  EXPECT_NEAR(e.maximum(kP).maximum(3).value, 1000.0, 1e-9);
}

TEST(DemandEngine, CumulativeMaximumDemandOverThreeBillingResets) {
  DemandEngine e(block15());
  double t = kT0;
  auto period = [&](double kw, int tariff) {
    ASSERT_TRUE(e.add(t, 900.0, active(kw * 250.0), tariff).is_ok());
    t += 900.0;
  };
  DemandBillingSnapshot snap;
  // Month 1: 10 kW under T1, 4 kW under T2.
  period(10.0, 1);
  period(4.0, 2);
  ASSERT_TRUE(e.billing_reset(t, 1, snap).is_ok());
  const MaximumDemandSnapshot& m1 = snap.maximum[index(kP)];
  EXPECT_NEAR(m1.maximum[0].value, 10000.0, 1e-9);
  EXPECT_EQ(m1.maximum[0].capture_utc_s, kT0 + 900.0);
  EXPECT_NEAR(m1.maximum[2].value, 4000.0, 1e-9);
  EXPECT_NEAR(m1.cumulative[0], 10000.0, 1e-9);
  EXPECT_FALSE(e.maximum(kP).maximum(0).captured);  // cleared
  // Month 2: 12 kW under T2 (T1 has no period: it adds 0).
  period(12.0, 2);
  ASSERT_TRUE(e.billing_reset(t, 2, snap).is_ok());
  EXPECT_NEAR(snap.maximum[index(kP)].cumulative[0], 10000.0 + 12000.0, 1e-9);
  EXPECT_NEAR(snap.maximum[index(kP)].cumulative[1], 10000.0, 1e-9);
  EXPECT_NEAR(snap.maximum[index(kP)].cumulative[2], 4000.0 + 12000.0, 1e-9);
  // Month 3: 7 kW under T1.
  period(7.0, 1);
  ASSERT_TRUE(e.billing_reset(t, 1, snap).is_ok());
  EXPECT_NEAR(e.maximum(kP).cumulative(0), 22000.0 + 7000.0, 1e-9);
  EXPECT_NEAR(e.maximum(kP).cumulative(1), 10000.0 + 7000.0, 1e-9);
  EXPECT_NEAR(e.maximum(kP).cumulative(2), 16000.0, 1e-9);
  EXPECT_EQ(snap.utc_s, t);
  // A reset cannot be dated before what is already registered.
  EXPECT_EQ(e.billing_reset(t - 60.0, 1, snap).code(), StatusCode::kOutOfRange);
}

TEST(DemandEngine, ExcessPowerOnACraftedProfile) {
  DemandConfig c;
  c.contracted_power[1] = 10000.0;  // T1: 10 kW contracted
  c.contracted_power[2] = 15000.0;  // T2: 15 kW
  Recorder rec;
  DemandEngine e(c, &rec);
  // Six 15-min periods (demand, tariff):
  //   8 T1 -> below;  12 T1 -> 2 kW over;  16 T2 -> 1 kW over;  14 T2 -> below;
  //   13.5 T1 -> 3.5 kW over;  10 T1 -> equal, not over.
  const double kw[] = {8.0, 12.0, 16.0, 14.0, 13.5, 10.0};
  const int tariff[] = {1, 1, 2, 2, 1, 1};
  // One interval per period keeps the sums exact (10 kW * 900 s = 2500 Wh -> exactly 10 kW).
  for (int k = 0; k < 6; ++k) feed(e, kT0 + 900.0 * k, kT0 + 900.0 * (k + 1), 900.0, kw[k] * 1000.0, tariff[k]);
  ASSERT_EQ(rec.periods.size(), 6u);
  EXPECT_NEAR(rec.periods[1].excess, 2000.0, 1e-7);
  EXPECT_EQ(rec.periods[5].excess, 0.0);

  const ExcessCounters& t1 = e.excess().billing_period(1);
  // T1: 2 periods, 1800 s, energy (2 + 3.5) kW * 0.25 h = 1375 Wh, largest 3.5 kW at 01:15.
  EXPECT_EQ(t1.count, 2u);
  EXPECT_EQ(t1.duration_s, 1800.0);
  EXPECT_NEAR(t1.energy_wh, 1375.0, 1e-6);
  EXPECT_NEAR(t1.largest_w, 3500.0, 1e-7);
  EXPECT_EQ(t1.largest_utc_s, kT0 + 5 * 900.0);
  const ExcessCounters& t2 = e.excess().billing_period(2);
  // T2: 1 period, 900 s, 1 kW * 0.25 h = 250 Wh.
  EXPECT_EQ(t2.count, 1u);
  EXPECT_NEAR(t2.energy_wh, 250.0, 1e-6);
  const ExcessCounters& all = e.excess().billing_period(0);
  // All: 3 periods, 2700 s, 1625 Wh; ten largest 3.5 + 2 + 1 = 6.5 kW.
  EXPECT_EQ(all.count, 3u);
  EXPECT_EQ(all.duration_s, 2700.0);
  EXPECT_NEAR(all.energy_wh, 1625.0, 1e-6);
  EXPECT_NEAR(all.top_sum_w(), 6500.0, 1e-6);
  EXPECT_NEAR(all.top_w[0], 3500.0, 1e-7);
  EXPECT_NEAR(all.top_w[1], 2000.0, 1e-7);
  EXPECT_NEAR(all.top_w[2], 1000.0, 1e-7);
  EXPECT_EQ(all.top_w[3], 0.0);

  DemandBillingSnapshot snap;
  ASSERT_TRUE(e.billing_reset(kT0 + 5400.0, 1, snap).is_ok());
  EXPECT_EQ(snap.excess[0].count, 3u);
  EXPECT_EQ(e.excess().billing_period(0).count, 0u);
  EXPECT_EQ(e.excess().lifetime_count(0), 3u);
  EXPECT_NEAR(e.excess().lifetime_energy_wh(0), 1625.0, 1e-6);
}

TEST(DemandEngine, SlidingExcessCountsEverySubperiodUpdate) {
  DemandConfig c;
  c.period_s = 300.0;
  c.number_of_periods = 3;
  c.contracted_power[1] = 5000.0;
  DemandEngine e(c);
  // 9 kW for 15 min: 3, 6, 9 kW -> over at the 2nd (1 kW) and 3rd (4 kW) update, 300 s each.
  feed(e, kT0, kT0 + 900.0, 10.0, 9000.0);
  const ExcessCounters& x = e.excess().billing_period(1);
  EXPECT_EQ(x.count, 2u);
  EXPECT_EQ(x.duration_s, 600.0);
  // (1 kW + 4 kW) * 300 s / 3600 = 416.67 Wh.
  EXPECT_NEAR(x.energy_wh, 5000.0 * 300.0 / 3600.0, 1e-6);
}

TEST(DemandEngine, ClockSetBackClosesThePeriodEarly) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  feed(e, kT0, kT0 + 720.0, 1.0, 8000.0);
  // At 00:12 the clock is set back to 00:10.
  ASSERT_TRUE(e.set_clock(kT0 + 720.0, kT0 + 600.0, 1).is_ok());
  ASSERT_EQ(rec.periods.size(), 1u);
  // Closed early at 00:12: 8 kW * 720 s / 900 s = 6.4 kW.
  EXPECT_EQ(rec.periods[0].end_utc_s, kT0 + 720.0);
  EXPECT_EQ(rec.periods[0].flags, kEndedEarly | kClockChanged);
  EXPECT_NEAR(rec.periods[0].demand[index(kP)], 6400.0, 1e-9);
  // The new period runs from 00:10 (new clock) to the boundary at 00:15.
  EXPECT_EQ(e.subperiod_start_utc_s(), kT0 + 600.0);
  EXPECT_EQ(e.subperiod_end_utc_s(), kT0 + 900.0);
  feed(e, kT0 + 600.0, kT0 + 1800.0, 1.0, 8000.0);
  ASSERT_EQ(rec.periods.size(), 3u);
  // [00:10, 00:15): 8 kW * 300 s / 900 s.
  EXPECT_EQ(rec.periods[1].flags, kStartedLate | kClockChanged);
  EXPECT_NEAR(rec.periods[1].demand[index(kP)], 8000.0 / 3.0, 1e-9);
  EXPECT_EQ(rec.periods[2].flags, 0);
  EXPECT_NEAR(rec.periods[2].demand[index(kP)], 8000.0, 1e-9);
  EXPECT_EQ(e.maximum(kP).maximum(0).capture_utc_s, kT0 + 1800.0);
  for (const ClosedPeriod& p : rec.periods) EXPECT_GT(p.end_utc_s, p.start_utc_s);
  EXPECT_EQ(e.clock_changes(), 1u);
}

TEST(DemandEngine, TimestampsGoingBackAreAClockSetBack) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  feed(e, kT0, kT0 + 720.0, 1.0, 8000.0);
  feed(e, kT0 + 600.0, kT0 + 1800.0, 1.0, 8000.0);  // no set_clock: the engine sees time go back
  ASSERT_EQ(rec.periods.size(), 3u);
  EXPECT_EQ(rec.periods[0].flags, kEndedEarly | kClockChanged);
  EXPECT_NEAR(rec.periods[0].demand[index(kP)], 6400.0, 1e-9);
  EXPECT_EQ(rec.periods[1].start_utc_s, kT0 + 600.0);
  EXPECT_EQ(e.clock_changes(), 1u);
}

TEST(DemandEngine, ClockSetForwardDoesNotInventThePeriodsItSkips) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  feed(e, kT0, kT0 + 300.0, 1.0, 9000.0);
  ASSERT_TRUE(e.set_clock(kT0 + 300.0, kT0 + 4000.0, 1).is_ok());
  feed(e, kT0 + 4000.0, kT0 + 4500.0, 1.0, 9000.0);
  ASSERT_EQ(rec.periods.size(), 2u);
  // [00:00, 00:05) closed early: 9 kW * 300 / 900 = 3 kW.
  EXPECT_NEAR(rec.periods[0].demand[index(kP)], 3000.0, 1e-9);
  EXPECT_EQ(rec.periods[0].end_utc_s, kT0 + 300.0);
  // [01:06:40, 01:15): 9 kW * 500 / 900 = 5 kW; nothing in between.
  EXPECT_EQ(rec.periods[1].start_utc_s, kT0 + 4000.0);
  EXPECT_EQ(rec.periods[1].end_utc_s, kT0 + 4500.0);
  EXPECT_EQ(rec.periods[1].flags, kStartedLate | kClockChanged);
  EXPECT_NEAR(rec.periods[1].demand[index(kP)], 5000.0, 1e-9);
}

TEST(DemandEngine, ClockChangeRightAfterABoundaryRestartsInsteadOfClosingNothing) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  feed(e, kT0, kT0 + 900.0, 10.0, 4000.0);
  ASSERT_EQ(rec.periods.size(), 1u);
  ASSERT_TRUE(e.set_clock(kT0 + 900.0, kT0 + 850.0, 1).is_ok());
  EXPECT_EQ(rec.periods.size(), 1u);  // the period that had not run is not closed at zero length
  EXPECT_EQ(e.subperiod_start_utc_s(), kT0 + 850.0);
  EXPECT_EQ(e.subperiod_end_utc_s(), kT0 + 900.0);
}

TEST(DemandEngine, LateNoticeOfAClockChangeTakesEffectNow) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  feed(e, kT0, kT0 + 400.0, 1.0, 4000.0);
  // The clock was set from 00:06:30 to 00:03:30, but data up to 00:06:40 (old scale) has arrived:
  // the change takes effect at 00:06:40, to 00:03:40.
  ASSERT_TRUE(e.set_clock(kT0 + 390.0, kT0 + 210.0, 1).is_ok());
  EXPECT_EQ(rec.periods.back().end_utc_s, kT0 + 400.0);
  EXPECT_EQ(e.now_utc_s(), kT0 + 220.0);
}

TEST(DemandEngine, AGapWithoutSetClockClosesThePeriodsWithNoEnergy) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  feed(e, kT0, kT0 + 300.0, 1.0, 9000.0);
  feed(e, kT0 + 2000.0, kT0 + 2100.0, 1.0, 9000.0);
  ASSERT_EQ(rec.periods.size(), 2u);
  EXPECT_NEAR(rec.periods[0].demand[index(kP)], 3000.0, 1e-9);
  EXPECT_EQ(rec.periods[0].flags, 0);
  EXPECT_EQ(rec.periods[1].demand[index(kP)], 0.0);
  EXPECT_NEAR(e.demand(kP).current_energy(), 250.0, 1e-9);  // 9 kW * 100 s
}

TEST(DemandEngine, FloatingPointNoiseBetweenIntervalsIsNotAClockChange) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  // Interval starts that miss the previous end by up to +-0.5 ms (meter time + offset rounding).
  double t = kT0;
  for (int k = 0; k < 1800; ++k) {
    const double jitter = ((k + 1) % 3 - 1) * 5e-4;  // 0, +0.5 ms, -0.5 ms, 0, ...
    ASSERT_TRUE(e.add(t + jitter, 1.0, active(4000.0 / 3600.0), 1).is_ok());
    t += 1.0;
  }
  ASSERT_TRUE(e.advance_to(kT0 + 1800.0, 1).is_ok());
  EXPECT_EQ(e.clock_changes(), 0u);
  ASSERT_EQ(rec.periods.size(), 2u);
  for (const ClosedPeriod& p : rec.periods) {
    EXPECT_EQ(p.flags, 0);
    EXPECT_NEAR(p.demand[index(kP)], 4000.0, 1e-2);
  }
}

TEST(DemandEngine, AdvanceToClosesPeriodsWithoutEnergy) {
  Recorder rec;
  DemandEngine e(block15(), &rec);
  feed(e, kT0, kT0 + 450.0, 1.0, 2000.0);
  ASSERT_TRUE(e.advance_to(kT0 + 899.0, 1).is_ok());
  EXPECT_TRUE(rec.periods.empty());
  ASSERT_TRUE(e.advance_to(kT0 + 900.0, 1).is_ok());  // reaching the boundary closes it
  ASSERT_EQ(rec.periods.size(), 1u);
  EXPECT_NEAR(rec.periods[0].demand[index(kP)], 1000.0, 1e-9);
}

TEST(DemandEngine, LongIdleGapsAreSkippedNotLoopedOver) {
  DemandConfig c;
  c.period_s = 300.0;
  c.number_of_periods = 3;
  Recorder rec;
  DemandEngine e(c, &rec);
  feed(e, kT0, kT0 + 300.0, 10.0, 3000.0);  // 250 Wh in the first sub-period
  const double later = kT0 + 10.0 * 365.0 * 86400.0 + 123.0;
  ASSERT_TRUE(e.advance_to(later, 1).is_ok());
  // 250 Wh stays in the sliding window for three closes (1 kW each), then the window is empty:
  // the rest are skipped and only the last is reported, at 0.
  ASSERT_EQ(rec.periods.size(), 4u);
  for (int k = 0; k < 3; ++k) EXPECT_NEAR(rec.periods[k].demand[index(kP)], 1000.0, 1e-9);
  EXPECT_EQ(rec.periods[3].demand[index(kP)], 0.0);
  EXPECT_EQ(rec.periods[3].end_utc_s, later - 123.0);
  EXPECT_EQ(e.demand(kP).capture_time(), later - 123.0);
  EXPECT_GT(e.skipped_periods(), 1000000u);
  EXPECT_NEAR(e.maximum(kP).maximum(0).value, 1000.0, 1e-9);
  EXPECT_EQ(e.maximum(kP).maximum(0).capture_utc_s, kT0 + 300.0);
  // And the engine goes on normally.
  feed(e, later, later + 177.0, 1.0, 6000.0);
  EXPECT_EQ(rec.periods.back().end_utc_s, later + 177.0);
  EXPECT_NEAR(rec.periods.back().demand[index(kP)], 6000.0 * 177.0 / 900.0, 1e-9);
}

TEST(DemandEngine, RegistersNeverGoBackwards) {
  DemandConfig c;
  c.contracted_power.fill(20000.0);
  Recorder rec;
  DemandEngine e(c, &rec);
  std::uint32_t seed = 777;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<double>(seed >> 8) / static_cast<double>(1u << 24);
  };
  double t = kT0;
  std::array<double, kTariffSlots> cumulative{};
  std::array<double, kTariffSlots> md{};
  double lifetime_excess = 0.0;
  int tariff = 1;
  for (int k = 0; k < 3 * 24 * 60; ++k) {  // three days of 1-minute intervals
    if (next() < 0.01) tariff = 1 + static_cast<int>(next() * 6.0);
    if (next() < 0.002) {
      const double jump = (next() - 0.5) * 7200.0;  // up to an hour back or forward
      ASSERT_TRUE(e.set_clock(t, t + jump, tariff).is_ok());
      t += jump;
    }
    const double d = 60.0;
    DemandIncrement inc;
    for (double& a : inc.amount) a = 30000.0 * next() * d / 3600.0;
    ASSERT_TRUE(e.add(t, d, inc, tariff).is_ok());
    t += d;
    bool reset = false;
    if (k % (24 * 60) == 24 * 60 - 1) {
      DemandBillingSnapshot snap;
      ASSERT_TRUE(e.billing_reset(t, tariff, snap).is_ok());
      reset = true;
    }
    for (std::size_t s = 0; s < kTariffSlots; ++s) {
      EXPECT_GE(e.maximum(kP).cumulative(s), cumulative[s]);
      cumulative[s] = e.maximum(kP).cumulative(s);
      if (!reset) {
        EXPECT_GE(e.maximum(kP).maximum(s).value, md[s]);
      }
      md[s] = e.maximum(kP).maximum(s).value;
    }
    EXPECT_GE(e.excess().lifetime_energy_wh(0), lifetime_excess);
    lifetime_excess = e.excess().lifetime_energy_wh(0);
  }
  EXPECT_GT(e.clock_changes(), 0u);
  EXPECT_GT(e.excess().lifetime_count(0), 0u);
  for (const ClosedPeriod& p : rec.periods) {
    EXPECT_GT(p.end_utc_s, p.start_utc_s);
    EXPECT_LE(p.end_utc_s - p.start_utc_s, 900.0);
    for (double d : p.demand) EXPECT_GE(d, 0.0);
  }
}

TEST(DemandEngine, RefusesInvalidInputAndChangesNothing) {
  DemandEngine e(block15());
  feed(e, kT0, kT0 + 100.0, 1.0, 1000.0);
  const double now = e.now_utc_s();
  const double energy = e.demand(kP).current_energy();
  EXPECT_EQ(e.add(now, -1.0, active(1.0), 1).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.add(now, 1.0, active(-1.0), 1).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.add(now, 1.0, active(NAN), 1).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.add(INFINITY, 1.0, active(1.0), 1).code(), StatusCode::kInvalidArgument);
  const Status bad_tariff = e.add(now, 1.0, active(1.0), 7);
  EXPECT_EQ(bad_tariff.code(), StatusCode::kInvalidArgument);
  EXPECT_STREQ(bad_tariff.field(), "demand.add.tariff");
  EXPECT_FALSE(e.advance_to(now + 10.0, -1).is_ok());
  EXPECT_FALSE(e.set_clock(now, NAN, 1).is_ok());
  EXPECT_EQ(e.now_utc_s(), now);
  EXPECT_EQ(e.demand(kP).current_energy(), energy);
}

TEST(DemandEngine, ValidatesItsConfiguration) {
  DemandConfig c;
  EXPECT_TRUE(validate_config(c).is_ok());
  c.period_s = 7.0;  // does not divide a day
  EXPECT_STREQ(validate_config(c).field(), "demand.period_s");
  c.period_s = 900.5;
  EXPECT_FALSE(validate_config(c).is_ok());
  c.period_s = 60.0;
  EXPECT_TRUE(validate_config(c).is_ok());
  c.number_of_periods = 0;
  EXPECT_STREQ(validate_config(c).field(), "demand.number_of_periods");
  c.number_of_periods = 61;
  EXPECT_FALSE(validate_config(c).is_ok());
  c.number_of_periods = 15;
  c.contracted_power[3] = -1.0;
  EXPECT_STREQ(validate_config(c).field(), "demand.contracted_power");
}

TEST(DemandEngine, TakesMetrologyIncrements) {
  // A window in Q2 (export, capacitive) feeds -P, +Q and -S.
  const metrology::EnergyIncrement q2 = metrology::split_into_quadrants(-10.0, 4.0, 11.0);
  const DemandIncrement inc = to_demand_increment(q2);
  EXPECT_EQ(inc[DemandQuantity::kActiveExport], 10.0);
  EXPECT_EQ(inc[DemandQuantity::kReactiveImport], 4.0);
  EXPECT_EQ(inc[DemandQuantity::kApparentExport], 11.0);
  EXPECT_EQ(inc[DemandQuantity::kActiveImport], 0.0);
  EXPECT_EQ(obis_c(DemandQuantity::kApparentExport), 10);
}

}  // namespace
}  // namespace quadra::registers
