// The window-based conditions, the demand hook and the fraud inputs of the QualityMonitor. The
// simulated signals are built from the scenario's analytic events, so the expected values are known
// in closed form; window conditions start and end on window boundaries (0.2 s at 50 Hz).
#include "core/quality/quality_monitor.h"

#include <gtest/gtest.h>

#include <optional>

#include "tests/quality/quality_test_harness.h"

namespace quadra::quality {
namespace {

using host::sim::EventKind;
using host::sim::VoltageEvent;
using testing::base_scenario;
using testing::Recorder;
using testing::SimRun;

constexpr double kWindow = 0.2;

VoltageEvent event(EventKind kind, double start, double duration, double residual, std::array<bool, 3> phases,
                   std::optional<double> current_pct = std::nullopt) {
  VoltageEvent e;
  e.kind = kind;
  e.start_s = start;
  e.duration_s = duration;
  e.residual_percent = residual;
  e.phases = phases;
  e.current_residual_percent = current_pct;
  return e;
}

host::sim::Scenario loaded(double seconds, double amps) {
  auto s = base_scenario(seconds);
  for (auto& c : s.current) c.rms_a = amps;
  return s;
}

TEST(QualityMonitor, VoltageAsymmetryAboveItsLimitForItsMinimumDuration) {
  auto s = base_scenario(8.0);
  s.events.push_back(event(EventKind::kSag, 1.0, 3.0, 87.0, {false, false, true}));  // u2 = 13 / 287
  s.events.push_back(event(EventKind::kSag, 5.0, 0.5, 87.0, {false, false, true}));  // shorter than 1 s
  QualityConfig c;
  c.asymmetry_min_duration_s = 1.0;
  SimRun run(s, c);
  const auto& r = run.run();
  ASSERT_EQ(r.count(EventType::kVoltageAsymmetryStart), 1u);
  ASSERT_EQ(r.count(EventType::kVoltageAsymmetryEnd), 1u);
  const QualityEvent e = r.of(EventType::kVoltageAsymmetryEnd)[0];
  EXPECT_EQ(r.of(EventType::kVoltageAsymmetryStart)[0].code, 136);
  EXPECT_EQ(e.code, 137);
  EXPECT_NEAR(e.start_s, 1.0, kWindow);
  EXPECT_NEAR(e.end_s, 4.0, kWindow + 0.05);  // the metrology reports windows a little late
  EXPECT_NEAR(e.extreme, 100.0 * 13.0 / 287.0, 0.05);
  EXPECT_NEAR(e.extreme_pct, 100.0 * (100.0 * 13.0 / 287.0) / 2.0, 2.5);
  EXPECT_FALSE(run.monitor().windows().voltage_asymmetry());
}

TEST(QualityMonitor, CurrentAsymmetryWhileCurrentFlows) {
  auto s = loaded(6.0, 5.0);
  // L3's load halves: i2 = (1 - 0.5) / (2 + 0.5) = 20 %; the voltage stays (101 % is no swell).
  s.events.push_back(event(EventKind::kSwell, 1.0, 3.0, 101.0, {false, false, true}, 50.0));
  QualityConfig c;
  c.asymmetry_min_duration_s = 1.0;
  SimRun run(s, c);
  const auto& r = run.run();
  ASSERT_EQ(r.count(EventType::kCurrentAsymmetryStart), 1u);
  ASSERT_EQ(r.count(EventType::kCurrentAsymmetryEnd), 1u);
  EXPECT_EQ(r.count(EventType::kVoltageAsymmetryStart), 0u);
  const QualityEvent e = r.of(EventType::kCurrentAsymmetryEnd)[0];
  EXPECT_EQ(e.code, 139);
  EXPECT_NEAR(e.start_s, 1.0, kWindow);
  EXPECT_NEAR(e.duration_s, 3.0, 2 * kWindow);
  EXPECT_NEAR(e.extreme, 20.0, 0.05);
  EXPECT_NEAR(e.extreme_pct, 200.0, 0.5);
}

TEST(QualityMonitor, CurrentWithoutVoltage) {
  auto s = loaded(6.0, 5.0);
  // L1's voltage gone, its current left flowing (a bridged voltage path).
  s.events.push_back(event(EventKind::kSag, 1.0, 3.0, 0.0, {true, false, false}, 100.0));
  QualityConfig c;
  c.cwv_min_duration_s = 1.0;
  SimRun run(s, c);
  const auto& r = run.run();
  ASSERT_EQ(r.count(EventType::kCurrentWithoutVoltageStart, 1), 1u);
  ASSERT_EQ(r.count(EventType::kCurrentWithoutVoltageEnd, 1), 1u);
  EXPECT_EQ(r.count(EventType::kCurrentWithoutVoltageStart, 2), 0u);
  const QualityEvent e = r.of(EventType::kCurrentWithoutVoltageEnd, 1)[0];
  EXPECT_EQ(r.of(EventType::kCurrentWithoutVoltageStart, 1)[0].code, 141);
  EXPECT_EQ(e.code, 144);
  EXPECT_NEAR(e.start_s, 1.0, kWindow);
  EXPECT_NEAR(e.duration_s, 3.0, 2 * kWindow);
  EXPECT_NEAR(e.extreme, 5.0, 0.01);
  EXPECT_NEAR(e.extreme_pct, 100.0, 0.2);
  // The voltage side sees missing voltage on L1 at the same time.
  EXPECT_EQ(r.count(EventType::kMissingVoltageStart, 1), 1u);
}

TEST(QualityMonitor, ImaxAndPmaxExceeded) {
  auto s = loaded(4.0, 5.0);  // 3 x 230 V x 5 A = 3450 W
  s.events.push_back(event(EventKind::kSwell, 1.0, 1.0, 101.0, {false, true, false}, 130.0));  // I2 = 6.5 A
  QualityConfig c;
  c.imax_a = 6.0;
  c.pmax_w = 3700.0;  // during the event P = 2 x 1150 + 232.3 x 6.5 = 3810 W
  SimRun run(s, c);
  const auto& r = run.run();
  ASSERT_EQ(r.count(EventType::kImaxExceeded), 1u);
  ASSERT_EQ(r.count(EventType::kImaxNormal), 1u);
  const QualityEvent i = r.of(EventType::kImaxNormal)[0];
  EXPECT_EQ(i.phase, 2);
  EXPECT_EQ(r.of(EventType::kImaxExceeded)[0].code, 71);
  EXPECT_EQ(i.code, 74);
  EXPECT_NEAR(i.start_s, 1.0, kWindow);
  EXPECT_NEAR(i.duration_s, 1.0, 2 * kWindow);
  EXPECT_NEAR(i.extreme, 6.5, 0.01);
  EXPECT_NEAR(i.extreme_pct, 100.0 * 6.5 / 6.0, 0.2);

  ASSERT_EQ(r.count(EventType::kPmaxExceeded), 1u);
  ASSERT_EQ(r.count(EventType::kPmaxNormal), 1u);
  const QualityEvent p = r.of(EventType::kPmaxNormal)[0];
  EXPECT_EQ(p.code, 66);
  EXPECT_NEAR(p.extreme, 2 * 1150.0 + 232.3 * 6.5, 2.0);
  EXPECT_NEAR(p.duration_s, 1.0, 2 * kWindow);
  EXPECT_EQ(r.count(EventType::kSwellStart), 0u);  // 101 % is no swell
}

TEST(QualityMonitor, NoCurrentFlow) {
  auto s = loaded(5.0, 5.0);
  s.events.push_back(event(EventKind::kSag, 1.0, 2.0, 99.0, {true, true, true}, 0.0));  // loads drop out
  QualityConfig c;
  c.no_current_min_duration_s = 1.0;
  SimRun run(s, c);
  const auto& r = run.run();
  ASSERT_EQ(r.count(EventType::kNoCurrentStart), 1u);
  ASSERT_EQ(r.count(EventType::kNoCurrentEnd), 1u);
  const QualityEvent e = r.of(EventType::kNoCurrentEnd)[0];
  EXPECT_EQ(e.code, 148);
  EXPECT_NEAR(e.start_s, 1.0, kWindow);
  EXPECT_NEAR(e.duration_s, 2.0, 2 * kWindow);
}

TEST(QualityMonitor, FrequencyStepOutOfRangeOnWindows) {
  auto s = base_scenario(4.0);
  s.frequency.steps.push_back({1.0, 51.0});
  s.frequency.steps.push_back({2.5, 50.0});
  QualityConfig c;
  c.frequency_source = FrequencySource::kWindow;
  SimRun run(s, c);
  const auto& r = run.run();
  ASSERT_EQ(r.count(EventType::kFrequencyOutOfRange), 1u);
  ASSERT_EQ(r.count(EventType::kFrequencyNormal), 1u);
  const QualityEvent e = r.of(EventType::kFrequencyNormal)[0];
  EXPECT_EQ(r.of(EventType::kFrequencyOutOfRange)[0].code, 151);
  EXPECT_EQ(e.code, 152);
  EXPECT_NEAR(e.start_s, 1.0, kWindow);
  EXPECT_NEAR(e.end_s, 2.5, kWindow + 0.05);
  EXPECT_NEAR(e.extreme, 51.0, 0.01);
  EXPECT_NEAR(e.extreme_pct, 102.0, 0.02);
}

TEST(QualityMonitor, FrequencyOutOfRangeOnTheTenSecondValue) {
  auto s = base_scenario(31.0);
  s.grid.sample_rate_hz = 3200.0;
  s.frequency.steps.push_back({10.0, 49.0});
  s.frequency.steps.push_back({20.0, 50.0});
  SimRun run(s, QualityConfig{});
  const auto& r = run.run();
  ASSERT_EQ(r.count(EventType::kFrequencyOutOfRange), 1u);
  ASSERT_EQ(r.count(EventType::kFrequencyNormal), 1u);
  const QualityEvent e = r.of(EventType::kFrequencyNormal)[0];
  EXPECT_NEAR(e.start_s, 10.0, 1e-6);  // the 10 s intervals are clock-aligned
  EXPECT_NEAR(e.end_s, 20.0, 1e-6);
  EXPECT_NEAR(e.extreme, 49.0, 0.01);
}

TEST(QualityMonitor, PhaseSequenceReversal) {
  auto s = base_scenario(2.0);
  s.voltage[1].angle_deg = 120.0;  // L1, L3, L2: negative sequence
  s.voltage[2].angle_deg = -120.0;
  SimRun run(s, QualityConfig{});
  const auto& r = run.run();
  ASSERT_EQ(r.count(EventType::kPhaseSequenceReversal), 1u);
  EXPECT_EQ(r.of(EventType::kPhaseSequenceReversal)[0].code, 88);
  EXPECT_NEAR(r.of(EventType::kPhaseSequenceReversal)[0].extreme, 240.0, 0.01);
  EXPECT_TRUE(run.monitor().windows().phase_sequence_reversed());
}

TEST(QualityMonitor, PositiveSequenceIsNoReversal) {
  SimRun run(base_scenario(2.0), QualityConfig{});
  EXPECT_TRUE(run.run().events.empty());  // a clean balanced supply: nothing at all
}

TEST(QualityMonitor, FraudInputEdges) {
  Recorder r;
  QualityMonitor m(QualityConfig{}, r);
  m.set_input(Input::kTerminalCover, true, 10.0);
  m.set_input(Input::kTerminalCover, true, 11.0);  // no edge
  m.set_input(Input::kMagneticField, true, 12.0);
  m.set_input(Input::kTerminalCover, false, 13.0);
  m.set_input(Input::kMeterCase, false, 14.0);  // already closed
  m.set_input(Input::kMeterCase, true, 15.0);
  m.set_input(Input::kMagneticField, false, 16.0);
  m.set_input(Input::kMeterCase, false, 17.0);
  ASSERT_EQ(r.events.size(), 6u);
  const std::uint16_t codes[] = {40, 42, 41, 44, 43, 45};
  const double times[] = {10.0, 12.0, 13.0, 15.0, 16.0, 17.0};
  for (std::size_t k = 0; k < 6; ++k) {
    EXPECT_EQ(r.events[k].code, codes[k]) << k;
    EXPECT_EQ(r.events[k].start_s, times[k]) << k;
    EXPECT_EQ(r.events[k].phase, 0);
  }
  EXPECT_EQ(r.events[0].type, EventType::kTerminalCoverOpened);
  EXPECT_FALSE(r.events[0].end);
  EXPECT_TRUE(r.events[2].end);
  EXPECT_FALSE(m.input(Input::kTerminalCover));
}

TEST(QualityMonitor, DemandOverItsLimit) {
  Recorder r;
  QualityConfig c;
  c.demand_limit = 10000.0;
  QualityMonitor m(c, r);
  m.offer_demand(9000.0, 900.0);
  m.offer_demand(12000.0, 1800.0);
  m.offer_demand(11000.0, 2700.0);
  m.offer_demand(9900.0, 3600.0);  // inside the 2 % band: still over
  m.offer_demand(9700.0, 4500.0);
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].code, 149);
  EXPECT_EQ(r.events[0].start_s, 1800.0);
  EXPECT_EQ(r.events[1].code, 150);
  EXPECT_EQ(r.events[1].duration_s, 2700.0);
  EXPECT_EQ(r.events[1].extreme, 12000.0);
  EXPECT_DOUBLE_EQ(r.events[1].extreme_pct, 120.0);
}

TEST(QualityMonitor, DemandLimitZeroIsOff) {
  Recorder r;
  QualityMonitor m(QualityConfig{}, r);
  m.offer_demand(1e9, 900.0);
  EXPECT_TRUE(r.events.empty());
}

}  // namespace
}  // namespace quadra::quality
