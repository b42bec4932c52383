// The power-quality profiles and the daily billing profile, driven through the Meter: voltage
// events from Urms(1/2) values whose analytic start, duration and residual are known
// (half_cycle_testing.h), the periodic profiles at their 10-minute instants, the daily profile at
// local midnight, and all of them through a MeterStore save and load.
#include "core/meter/quality_profiles.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "core/meter/half_cycle_testing.h"
#include "core/meter/interval_values_testing.h"
#include "core/meter/meter.h"
#include "core/meter/meter_store.h"
#include "core/storage/memory_store.h"

namespace quadra::meter {
namespace {

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00

MeterSettings settings(clock::UtcSeconds start = kStart) {
  MeterSettings s;
  s.rtc.start_utc = start;
  s.billing = default_billing_settings();
  return s;
}

using Levels = VoltageLevels;

void feed(Meter& m, const std::array<Levels, 3>& phases, double until, double from = 0.0) {
  feed_half_cycles(m, phases, until, from);
}

const Levels kSteady{{0.0, 230.0}};

double read(const Meter& m, const Obis& o) {
  RegisterValue v;
  EXPECT_TRUE(m.read(o, v));
  return v.value;
}

TEST(QualityProfiles, ADipOnOnePhaseIsOneRowWithItsStartDurationAndResidualVoltage) {
  Meter m(settings());
  // L1 falls to 50 % at 1.00 s and is back at 1.10 s.
  feed(m, {Levels{{0.0, 230.0}, {1.00, 115.0}, {1.10, 230.0}}, kSteady, kSteady}, 2.0);
  const recording::EventProfile& dips = m.quality_profiles().events(VoltageEventKind::kDip);
  ASSERT_EQ(dips.entries_in_use(), 1u);
  EXPECT_NEAR(dips.entry(0).utc_s, kStart + 1.00, 1e-6);
  EXPECT_NEAR(dips.entry(0).values[0], 0.10, 1e-6);  // duration, s
  EXPECT_NEAR(dips.entry(0).values[1], 115.0, 1e-9);  // residual voltage, V
  EXPECT_EQ(dips.entry(0).values[2], 1.0);           // L1
  EXPECT_EQ(m.quality_profiles().events(VoltageEventKind::kSwell).entries_in_use(), 0u);
  EXPECT_EQ(m.quality_profiles().events(VoltageEventKind::kCut).entries_in_use(), 0u);
  // The "last dip" registers show the row: ms and 10 mV resolution.
  RegisterValue v;
  ASSERT_TRUE(m.read(Obis(1, 0, 12, 33, 0), v));
  EXPECT_NEAR(v.value, 0.10, 1e-6);
  EXPECT_EQ(v.unit, Unit::kSecond);
  EXPECT_EQ(v.scaler, -3);
  ASSERT_TRUE(m.read(Obis(1, 0, 12, 34, 0), v));
  EXPECT_EQ(v.unit, Unit::kV);
  EXPECT_NEAR(v.value, 115.0, 1e-9);
  EXPECT_EQ(read(m, Obis(1, 0, 12, 32, 128)), 1.0);
}

TEST(QualityProfiles, ASwellIsARowOfTheSwellsProfileWithItsMaximum) {
  Meter m(settings());
  // L2 rises to 115 % from 0.50 s to 0.80 s.
  feed(m, {kSteady, Levels{{0.0, 230.0}, {0.50, 264.5}, {0.80, 230.0}}, kSteady}, 1.5);
  const recording::EventProfile& swells = m.quality_profiles().events(VoltageEventKind::kSwell);
  ASSERT_EQ(swells.entries_in_use(), 1u);
  EXPECT_NEAR(swells.entry(0).utc_s, kStart + 0.50, 1e-6);
  EXPECT_NEAR(swells.entry(0).values[0], 0.30, 1e-6);
  EXPECT_NEAR(swells.entry(0).values[1], 264.5, 1e-9);
  EXPECT_EQ(swells.entry(0).values[2], 2.0);  // L2
  EXPECT_EQ(m.quality_profiles().events(VoltageEventKind::kDip).entries_in_use(), 0u);
}

TEST(QualityProfiles, OverlappingLossesOfTwoPhasesAreOneCutFromTheFirstLossToTheLastReturn) {
  Meter m(settings());
  // L1 lost from 1.00 s to 1.30 s, L3 from 1.20 s to 1.60 s: one cut of 0.6 s on L1 and L3 (and
  // one polyphase dip over the same time).
  feed(m, {Levels{{0.0, 230.0}, {1.00, 0.0}, {1.30, 230.0}}, kSteady, Levels{{0.0, 230.0}, {1.20, 0.0}, {1.60, 230.0}}}, 2.0);
  const recording::EventProfile& cuts = m.quality_profiles().events(VoltageEventKind::kCut);
  ASSERT_EQ(cuts.entries_in_use(), 1u);
  EXPECT_NEAR(cuts.entry(0).utc_s, kStart + 1.00, 1e-6);
  EXPECT_NEAR(cuts.entry(0).values[0], 0.60, 1e-6);
  EXPECT_EQ(cuts.entry(0).values[1], 0.0);
  EXPECT_EQ(cuts.entry(0).values[2], 5.0);  // L1 and L3
  const recording::EventProfile& dips = m.quality_profiles().events(VoltageEventKind::kDip);
  ASSERT_EQ(dips.entries_in_use(), 1u);
  EXPECT_NEAR(dips.entry(0).values[0], 0.60, 1e-6);
  EXPECT_EQ(dips.entry(0).values[2], 5.0);
  // A second, single-phase cut is a second row, and the registers show it.
  feed(m, {kSteady, Levels{{0.0, 230.0}, {3.00, 10.0}, {3.04, 230.0}}, kSteady}, 4.0, 2.0);
  ASSERT_EQ(cuts.entries_in_use(), 2u);
  EXPECT_NEAR(cuts.entry(1).utc_s, kStart + 3.00, 1e-6);
  EXPECT_EQ(read(m, Obis(1, 0, 12, 40, 128)), 2.0);
  EXPECT_NEAR(read(m, Obis(1, 0, 12, 41, 0)), 0.04, 1e-6);
  EXPECT_NEAR(read(m, Obis(1, 0, 12, 42, 0)), 10.0, 1e-9);
}

// An interval of one minute with distinct power-quality values, u = the L1 voltage.
IntervalValues pq_interval(double start_s, double u) {
  IntervalValues v = constant_power_interval(start_s, 60.0, 3000.0);
  v.u_rms_v = {u, u + 1.0, u + 2.0};
  v.u_line_v = {400.0, 401.0, 402.0};
  v.u_thd_pct = {1.5, 1.6, 1.7};
  v.i_thd_pct = {5.0, 6.0, 7.0};
  v.u2_pct = 0.25;
  v.i_neutral_a = 0.5;
  v.frequency_hz = 49.98;
  return v;
}

TEST(QualityProfiles, ThePeriodicProfilesCaptureTheValuesAtEveryTenMinuteInstant) {
  Meter m(settings());
  for (int k = 0; k < 30; ++k) m.on_interval(pq_interval(60.0 * k, 220.0 + k));
  const recording::LoadProfile& unbalance = m.load_profile(2);
  const recording::LoadProfile& quality = m.load_profile(3);
  EXPECT_EQ(unbalance.period_s(), 600);
  // Instants kStart + 600, 1200, 1800: each closes with the interval that ends there (k = 9, 19, 29).
  ASSERT_EQ(unbalance.entries_in_use(), 3u);
  ASSERT_EQ(quality.entries_in_use(), 3u);
  for (std::size_t r = 0; r < 3; ++r) {
    const double u1 = 220.0 + 9 + 10 * static_cast<double>(r);
    EXPECT_EQ(unbalance.entry(r).utc_s, kStart + 600 * static_cast<clock::UtcSeconds>(r + 1));
    const std::vector<double> u{unbalance.entry(r).values.begin(), unbalance.entry(r).values.end()};
    EXPECT_EQ(u, (std::vector<double>{0.25, u1, u1 + 1, u1 + 2, 400.0, 401.0, 402.0}));
    const std::vector<double> q{quality.entry(r).values.begin(), quality.entry(r).values.end()};
    EXPECT_EQ(q, (std::vector<double>{u1, u1 + 1, u1 + 2, 1.5, 1.6, 1.7, 5.0, 6.0, 7.0, 49.98, 0.25, 0.5}));
  }
}

// A day of 15-minute intervals at 4 kW from meter time t0.
void run_days(Meter& m, double t0, int days, double p_w = 4000.0) {
  for (int k = 0; k < 96 * days; ++k) m.on_interval(constant_power_interval(t0 + 900.0 * k, 900.0, p_w));
}

TEST(DailyBilling, CapturesTheEnergyRegistersAtEveryLocalMidnight) {
  Meter m(settings());
  EXPECT_EQ(m.next_daily_utc_s(), static_cast<double>(kStart + 86400));
  run_days(m, 0.0, 2);
  m.on_interval(constant_power_interval(2 * 86400.0, 900.0, 4000.0));
  const BillingProfile& daily = m.daily_billing();
  ASSERT_EQ(daily.entries_in_use(), 2u);
  EXPECT_EQ(daily.capture_list().size(), 18u);
  for (std::size_t d = 0; d < 2; ++d) {
    EXPECT_EQ(daily.entry(d).utc_s, static_cast<double>(kStart + 86400 * static_cast<clock::UtcSeconds>(d + 1)));
    EXPECT_EQ(daily.entry(d).counter, d + 1);
    EXPECT_TRUE(daily.entry(d).values[0].valid);
    EXPECT_NEAR(daily.entry(d).values[0].value, 96000.0 * static_cast<double>(d + 1), 1e-6);  // +A, Wh
  }
  // It ends no billing period.
  EXPECT_EQ(m.billing().counter(), 0u);
}

TEST(DailyBilling, ADayWithTheSpringDstJumpLasts23Hours) {
  // 2026-03-28T00:00+01:00; the clocks go forward on Sunday 29 March.
  constexpr clock::UtcSeconds kSaturday = 1774652400;
  Meter m(settings(kSaturday));
  run_days(m, 0.0, 3);
  const BillingProfile& daily = m.daily_billing();
  ASSERT_EQ(daily.entries_in_use(), 3u);
  EXPECT_EQ(daily.entry(0).utc_s, 1774738800.0);             // 29 March 00:00 CET
  EXPECT_EQ(daily.entry(1).utc_s, 1774738800.0 + 23 * 3600);  // 30 March 00:00 CEST
  EXPECT_EQ(daily.entry(2).utc_s, 1774738800.0 + 47 * 3600);
  EXPECT_NEAR(daily.entry(1).values[0].value - daily.entry(0).values[0].value, 4000.0 * 23, 1e-6);
}

TEST(QualityProfiles, RowsSurviveASaveAndLoadAndOnlyNewOnesAreWrittenAgain) {
  Meter a(settings());
  feed(a, {Levels{{0.0, 230.0}, {1.00, 115.0}, {1.10, 230.0}}, Levels{{0.0, 230.0}, {1.5, 264.5}, {1.6, 230.0}},
           Levels{{0.0, 230.0}, {1.8, 0.0}, {1.9, 230.0}}},
       2.5);
  for (int k = 0; k < 60 * 24 + 30; ++k) a.on_interval(pq_interval(3.0 + 60.0 * k, 225.0));
  MeterStore saver(a);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(a, store).is_ok());
  const std::size_t rows_after_first = store.image().profiles.size();
  ASSERT_TRUE(saver.save(a, store).is_ok());
  EXPECT_EQ(store.image().profiles.size(), rows_after_first);

  Meter b(settings());
  MeterStore loader(b);
  bool found = false;
  ASSERT_TRUE(loader.load(b, store, found).is_ok());
  ASSERT_TRUE(found);
  // Dips: the one on L1 and the cut on L3; one swell, one cut.
  const std::array<std::size_t, kVoltageEventKinds> rows{2, 1, 1};
  for (std::size_t e = 0; e < kVoltageEventKinds; ++e) {
    const auto kind = static_cast<VoltageEventKind>(e);
    const recording::EventProfile& pa = a.quality_profiles().events(kind);
    const recording::EventProfile& pb = b.quality_profiles().events(kind);
    ASSERT_EQ(pa.entries_in_use(), rows[e]);
    ASSERT_EQ(pb.entries_in_use(), rows[e]);
    EXPECT_EQ(pb.rows_written(), pa.rows_written());
    for (std::size_t r = 0; r < rows[e]; ++r) {
      EXPECT_EQ(pb.entry(r).utc_s, pa.entry(r).utc_s);  // the fraction too
      for (std::size_t c = 0; c < 3; ++c) EXPECT_EQ(pb.entry(r).values[c], pa.entry(r).values[c]);
    }
    EXPECT_EQ(b.quality_profiles().last(kind).duration_s, a.quality_profiles().last(kind).duration_s);
  }
  for (std::size_t p = 2; p < 4; ++p) {
    ASSERT_EQ(b.load_profile(p).entries_in_use(), a.load_profile(p).entries_in_use());
    ASSERT_GT(a.load_profile(p).entries_in_use(), 100u);
    const std::size_t last = a.load_profile(p).entries_in_use() - 1;
    EXPECT_EQ(b.load_profile(p).entry(last).utc_s, a.load_profile(p).entry(last).utc_s);
    EXPECT_EQ(b.load_profile(p).entry(last).values[0], a.load_profile(p).entry(last).values[0]);
  }
  ASSERT_EQ(b.daily_billing().entries_in_use(), 1u);
  EXPECT_EQ(b.daily_billing().counter(), 1u);
  EXPECT_EQ(b.daily_billing().entry(0).utc_s, a.daily_billing().entry(0).utc_s);
  EXPECT_EQ(b.daily_billing().entry(0).values[0].value, a.daily_billing().entry(0).values[0].value);
  EXPECT_EQ(b.daily_billing().entry(0).values[17].valid, a.daily_billing().entry(0).values[17].valid);
  EXPECT_EQ(b.next_daily_utc_s(), a.next_daily_utc_s());

  // Both go on the same way: the next midnight is captured by each, and saved once.
  for (int k = 0; k < 60 * 24; ++k) {
    a.on_interval(pq_interval(3.0 + 60.0 * (60 * 24 + 30 + k), 226.0));
    b.on_interval(pq_interval(3.0 + 60.0 * (60 * 24 + 30 + k), 226.0));
  }
  ASSERT_EQ(b.daily_billing().entries_in_use(), 2u);
  EXPECT_EQ(b.daily_billing().entry(1).counter, 2u);
  EXPECT_EQ(b.daily_billing().entry(1).values[0].value, a.daily_billing().entry(1).values[0].value);
  ASSERT_TRUE(loader.save(b, store).is_ok());
  Meter c(settings());
  MeterStore third(c);
  ASSERT_TRUE(third.load(c, store, found).is_ok());
  EXPECT_EQ(c.daily_billing().entries_in_use(), 2u);
  EXPECT_EQ(c.load_profile(3).entries_in_use(), b.load_profile(3).entries_in_use());
}

}  // namespace
}  // namespace quadra::meter
