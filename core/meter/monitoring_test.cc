// The register monitors, the limiter and the writable parameters, on their own and inside the
// Meter: crossings run actions and log events, durations hold, a SET threshold changes what the
// power-quality monitor detects, and everything written survives a save and load.
#include <gtest/gtest.h>

#include <vector>

#include "core/meter/interval_values_testing.h"
#include "core/meter/meter.h"
#include "core/meter/meter_store.h"
#include "core/recording/event_codes.h"
#include "core/storage/memory_store.h"

namespace quadra::meter {
namespace {

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00

MeterSettings settings() {
  MeterSettings s;
  s.rtc.start_utc = kStart;
  s.billing = default_billing_settings();
  s.demand.period_s = 900;
  return s;
}

std::vector<std::uint16_t> codes(const Meter& m, recording::LogGroup g) {
  std::vector<std::uint16_t> out;
  const recording::EventLog& log = m.events().log(g);
  for (std::size_t k = 0; k < log.entries_in_use(); ++k) out.push_back(log.entry(k).code);
  return out;
}

double last_context(const Meter& m, recording::LogGroup g) {
  const recording::EventLog& log = m.events().log(g);
  return log.entry(log.entries_in_use() - 1).context[0];
}

// ---- RegisterMonitor and Limiter alone -------------------------------------------------------

TEST(RegisterMonitor, CallsUpOnceWhenTheValueRisesAboveAThresholdAndDownWhenItComesBack) {
  RegisterMonitor rm;
  RegisterMonitor::Config c = default_register_monitor();
  c.thresholds[0] = 100.0;
  c.thresholds[1] = 200.0;
  c.count = 2;
  ASSERT_TRUE(RegisterMonitor::validate(c).is_ok());
  rm.configure(c);
  std::vector<std::pair<std::size_t, bool>> seen;
  auto record = [&](std::size_t k, bool up) { seen.emplace_back(k, up); };
  rm.evaluate(50.0, record);
  EXPECT_TRUE(seen.empty());
  rm.evaluate(250.0, record);  // both at once, in threshold order
  rm.evaluate(260.0, record);  // nothing new
  rm.evaluate(200.0, record);  // at the threshold is not above it
  rm.evaluate(100.0, record);
  const std::vector<std::pair<std::size_t, bool>> expected{{0, true}, {1, true}, {1, false}, {0, false}};
  EXPECT_EQ(seen, expected);
}

TEST(RegisterMonitor, RefusesMoreThanEightThresholdsAndAValueItCannotWatch) {
  RegisterMonitor::Config c = default_register_monitor();
  c.count = 9;
  EXPECT_EQ(RegisterMonitor::validate(c).code(), StatusCode::kCapacity);
  c.count = 0;
  c.monitored.attribute = 3;  // a register's scaler_unit is no value
  EXPECT_EQ(RegisterMonitor::validate(c).code(), StatusCode::kInvalidArgument);
}

TEST(Limiter, GoesOverOnlyAfterTheMinimumDurationAboveAndUnderAfterTheMinimumBelow) {
  Limiter l;
  Limiter::Config c = default_limiter();
  c.threshold_normal = 1000.0;
  c.min_over_threshold_duration_s = 10;
  c.min_under_threshold_duration_s = 5;
  l.configure(c);
  EXPECT_EQ(l.evaluate(1500.0, 1.0, 0.0), Limiter::Change::kNone);
  EXPECT_EQ(l.evaluate(1500.0, 6.0, 0.0), Limiter::Change::kNone);
  EXPECT_EQ(l.evaluate(900.0, 7.0, 0.0), Limiter::Change::kNone);    // back below: starts again
  EXPECT_EQ(l.evaluate(1500.0, 8.0, 0.0), Limiter::Change::kNone);
  EXPECT_EQ(l.evaluate(1500.0, 17.0, 0.0), Limiter::Change::kNone);  // 9 s
  EXPECT_EQ(l.evaluate(1500.0, 18.0, 0.0), Limiter::Change::kOver);  // 10 s
  EXPECT_TRUE(l.over());
  EXPECT_EQ(l.evaluate(1000.0, 19.0, 0.0), Limiter::Change::kNone);  // at the threshold is under
  EXPECT_EQ(l.evaluate(1000.0, 24.0, 0.0), Limiter::Change::kUnder);
}

TEST(Limiter, TheEmergencyThresholdRulesWhileAnEmergencyProfileOfTheGroupIsActive) {
  Limiter l;
  Limiter::Config c = default_limiter();
  c.threshold_normal = 1000.0;
  c.threshold_emergency = 500.0;
  c.emergency = {7, 10000.0, 3600};
  c.group_ids[0] = 3;
  c.group_id_count = 1;
  l.configure(c);
  EXPECT_FALSE(l.emergency_profile_active(10000.0));  // id 7 is not in the group list
  c.group_ids[1] = 7;
  c.group_id_count = 2;
  l.configure(c);
  EXPECT_FALSE(l.emergency_profile_active(9999.0));
  EXPECT_TRUE(l.emergency_profile_active(10000.0));
  EXPECT_EQ(l.threshold_active(12000.0), 500.0);
  EXPECT_FALSE(l.emergency_profile_active(13600.0));
  EXPECT_EQ(l.threshold_active(13600.0), 1000.0);
  EXPECT_EQ(l.evaluate(700.0, 1.0, 12000.0), Limiter::Change::kOver);
  EXPECT_EQ(l.evaluate(700.0, 2.0, 14000.0), Limiter::Change::kUnder);
}

// ---- Inside the meter ------------------------------------------------------------------------

TEST(MeterMonitoring, RegisterMonitorOnTotalPowerLogsCrossingsAndRunsTheBillingScript) {
  Meter m(settings());
  RegisterMonitor::Config c = m.register_monitor(0).config();
  c.thresholds[0] = 20000.0;  // W of 1.0.1.7.0
  c.actions[0].up = ActionItem{kBillingScript, 1};
  c.count = 1;
  ASSERT_TRUE(m.set_register_monitor(0, c, 0.0).is_ok());
  EXPECT_EQ(m.configuration_changes(), 1u);
  for (int k = 0; k < 10; ++k) m.on_interval(constant_power_interval(k, 1.0, 10000.0));
  EXPECT_EQ(m.billing().counter(), 0u);
  m.on_interval(constant_power_interval(10, 1.0, 30000.0));
  EXPECT_EQ(m.billing().counter(), 1u);  // the up action ran, once
  m.on_interval(constant_power_interval(11, 1.0, 30000.0));
  m.on_interval(constant_power_interval(12, 1.0, 5000.0));
  EXPECT_EQ(m.billing().counter(), 1u);
  const auto limits = codes(m, recording::LogGroup::kLimits);
  const std::vector<std::uint16_t> expected{recording::event_code::kRegisterMonitorUp,
                                            recording::event_code::kRegisterMonitorDown};
  EXPECT_EQ(limits, expected);
  EXPECT_EQ(last_context(m, recording::LogGroup::kLimits), 5000.0);
}

TEST(MeterMonitoring, AlarmMonitorSeesTheAlarmRegisterRiseAndRunsThePushScriptThroughTheRunner) {
  struct Runner : ScriptRunner {
    std::vector<ActionItem> ran;
    void run_script(const ActionItem& a, double) override { ran.push_back(a); }
  } runner;
  static constexpr std::array<recording::AlarmMapping, 1> kMap{{{recording::LogGroup::kStandard, 14, 2}}};
  MeterSettings s = settings();
  s.events.alarm_map = kMap;
  Meter m(s);
  m.set_script_runner(&runner);
  m.on_interval(constant_power_interval(0, 1.0, 1000.0));
  EXPECT_TRUE(runner.ran.empty());
  m.nv_failed(1.0);  // sets alarm bit 2
  m.on_interval(constant_power_interval(1, 1.0, 1000.0));
  ASSERT_EQ(runner.ran.size(), 1u);
  EXPECT_EQ(runner.ran[0], (ActionItem{Obis(0, 0, 10, 0, 108), 1}));
  EXPECT_EQ(codes(m, recording::LogGroup::kLimits), std::vector<std::uint16_t>{recording::event_code::kAlarmMonitorUp});
  EXPECT_EQ(last_context(m, recording::LogGroup::kLimits), 4.0);
}

TEST(MeterMonitoring, TheLimiterOnClosedDemandLogsTheDemandLimitEvents) {
  MeterSettings s = settings();
  s.quality.demand_limit = 15000.0;  // the limiter's threshold_normal
  Meter m(s);
  EXPECT_EQ(m.limiter().config().threshold_normal, 15000.0);
  // 15 min at 10 kW, 15 min at 20 kW, 15 min at 10 kW: the second period closes over the limit.
  double t = 0.0;
  for (double p : {10000.0, 20000.0, 10000.0, 10000.0}) {
    for (int k = 0; k < 15; ++k, t += 60.0) m.on_interval(constant_power_interval(t, 60.0, p));
  }
  const std::vector<std::uint16_t> expected{149, 150};
  EXPECT_EQ(codes(m, recording::LogGroup::kLimits), expected);
}

TEST(MeterParameters, ASagThresholdWrittenChangesWhatIsADip) {
  Meter m(settings());
  auto half_cycles = [&](double from, int n, double u) {
    for (int k = 0; k < n; ++k) {
      metrology::HalfCycleValues h;
      h.end_s = from + 0.01 * (k + 1);
      h.u_rms_v = {u, 230.0, 230.0};
      h.locked = true;
      m.on_half_cycle(h);
    }
  };
  half_cycles(0.0, 20, 230.0);
  half_cycles(0.2, 20, 200.0);  // 87 %: a dip at the default 90 %
  half_cycles(0.4, 20, 230.0);
  EXPECT_EQ(m.quality().counters(1).sags, 1u);
  // 80 % (184 V): the same 200 V is no dip any more.
  ASSERT_TRUE(m.set_parameter(Obis(1, 0, 12, 31, 0), 184.0, 1.0).is_ok());
  half_cycles(1.0, 20, 230.0);
  half_cycles(1.2, 20, 200.0);
  half_cycles(1.4, 20, 230.0);
  EXPECT_EQ(m.quality().counters(1).sags, 1u);
  RegisterValue v;
  ASSERT_TRUE(m.read(Obis(1, 0, 12, 31, 0), v));
  EXPECT_EQ(v.value, 184.0);
  EXPECT_EQ(v.unit, Unit::kV);
  // A change is event 47 naming the object, counted in 0.0.96.2.0.
  EXPECT_EQ(codes(m, recording::LogGroup::kConfiguration).back(), recording::event_code::kParametersChanged);
  EXPECT_EQ(last_context(m, recording::LogGroup::kConfiguration), recording::obis_to_context(Obis(1, 0, 12, 31, 0)));
  ASSERT_TRUE(m.read(Obis(0, 0, 96, 2, 0), v));
  EXPECT_EQ(v.value, 1.0);
  EXPECT_GT(m.last_configuration_change_utc(), 0.0);
}

TEST(MeterParameters, ValuesOutOfRangeAreRefusedAndChangeNothing) {
  Meter m(settings());
  const MeterParameters before = m.parameters();
  // Above the declared voltage is no sag; below the cut level neither; 901 s is beyond the shift.
  EXPECT_EQ(m.set_parameter(Obis(1, 0, 12, 31, 0), 240.0, 1.0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(m.set_parameter(Obis(1, 0, 12, 31, 0), 20.0, 1.0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(m.set_parameter(Obis(1, 0, 0, 9, 11), 901.0, 1.0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(m.set_parameter(Obis(0, 0, 97, 98, 10), 0.5, 1.0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(m.set_parameter(Obis(1, 0, 1, 8, 0), 1.0, 1.0).code(), StatusCode::kNotSupported);
  EXPECT_EQ(m.parameters().values, before.values);
  EXPECT_EQ(m.configuration_changes(), 0u);
}

TEST(MeterParameters, ContractedPowerSetsEveryTariffAndTheClockShiftLimitBoundsShifts) {
  Meter m(settings());
  ASSERT_TRUE(m.set_parameter(Obis(1, 0, 1, 46, 0), 12000.0, 1.0).is_ok());
  for (std::size_t t = 0; t <= 6; ++t) EXPECT_EQ(m.demand().excess().contracted(t), 12000.0);
  ASSERT_TRUE(m.set_parameter(Obis(1, 0, 1, 35, 2), 9000.0, 1.0).is_ok());
  EXPECT_EQ(m.demand().excess().contracted(2), 9000.0);
  EXPECT_EQ(m.demand().excess().contracted(1), 12000.0);
  ASSERT_TRUE(m.set_parameter(Obis(1, 0, 0, 9, 11), 60.0, 1.0).is_ok());
  EXPECT_EQ(m.shift_clock(1.0, 61).status.code(), StatusCode::kOutOfRange);
  EXPECT_TRUE(m.shift_clock(1.0, 60).status.is_ok());
}

TEST(MeterParameters, ParametersMonitorsAndTheLimiterSurviveASaveAndLoad) {
  Meter a(settings());
  ASSERT_TRUE(a.set_parameter(Obis(1, 0, 12, 35, 0), 260.0, 1.0).is_ok());
  ASSERT_TRUE(a.set_parameter(Obis(0, 0, 96, 7, 20), 300.0, 1.0).is_ok());
  ASSERT_TRUE(a.set_parameter(Obis(0, 0, 97, 98, 10), 0x0F, 1.0).is_ok());
  RegisterMonitor::Config rm = a.register_monitor(0).config();
  rm.thresholds[0] = 5000.0;
  rm.count = 1;
  ASSERT_TRUE(a.set_register_monitor(0, rm, 1.0).is_ok());
  Limiter::Config lc = a.limiter().config();
  lc.threshold_normal = 7000.0;
  lc.min_over_threshold_duration_s = 30;
  ASSERT_TRUE(a.set_limiter(lc, 1.0).is_ok());
  for (int k = 0; k < 5; ++k) a.on_interval(constant_power_interval(k, 1.0, 6000.0));
  a.set_fraud_input(quality::Input::kMeterCase, true, 5.0);
  MeterStore saver(a);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(a, store).is_ok());

  Meter b(settings());
  MeterStore loader(b);
  bool found = false;
  ASSERT_TRUE(loader.load(b, store, found).is_ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(b.parameters().values, a.parameters().values);
  EXPECT_EQ(b.events().alarm_filter(), 0x0Fu);
  EXPECT_EQ(b.events().long_outage_threshold_s(), 300);
  EXPECT_TRUE(b.register_monitor(0).above(0));
  EXPECT_EQ(b.register_monitor(0).config().thresholds[0], 5000.0);
  EXPECT_EQ(b.limiter().config().threshold_normal, 7000.0);
  EXPECT_EQ(b.limiter().config().min_over_threshold_duration_s, 30u);
  EXPECT_EQ(b.configuration_changes(), 5u);
  EXPECT_EQ(b.tamper_count(quality::Input::kMeterCase), 1u);
  RegisterValue v;
  ASSERT_TRUE(b.read(Obis(0, 0, 96, 20, 0), v));
  EXPECT_EQ(v.value, 1.0);
}

}  // namespace
}  // namespace quadra::meter
