#include "core/meter/meter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "core/meter/interval_values_testing.h"
#include "core/recording/event_codes.h"
#include "core/registers/transformer_model.h"

namespace quadra::meter {
namespace {

using metrology::Element;
using metrology::EnergyQuantity;

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00, a Thursday (public holiday)

// An interval of constant power: p_w import on every phase of a 230 V / I A system.
IntervalValues constant(double start_s, double dt, double p_total_w, double current_a = 10.0) {
  IntervalValues v;
  v.start_s = start_s;
  v.duration_s = dt;
  const double hours = dt / 3600.0;
  for (std::size_t k = 0; k < 3; ++k) {
    v.u_rms_v[k] = 230.0;
    v.i_rms_a[k] = current_a;
    v.p_w[k] = p_total_w / 3;
    v.s_va[k] = p_total_w / 3;
    v.energy[k] = metrology::split_into_quadrants(p_total_w / 3 * hours, 0.0, p_total_w / 3 * hours);
  }
  v.energy[3] = metrology::split_into_quadrants(p_total_w * hours, 0.0, p_total_w * hours);
  v.p_w_total = p_total_w;
  v.s_va_total = p_total_w;
  v.frequency_hz = 50.0;
  return v;
}

MeterSettings settings() {
  MeterSettings s;
  s.rtc.start_utc = kStart;
  s.billing = default_billing_settings();
  return s;
}

TEST(Meter, BillingResetByCommandSnapshotsThenResetsMaximumDemand) {
  Meter m(settings());
  for (int k = 0; k < 60; ++k) m.on_interval(constant(60.0 * k, 60.0, k < 30 ? 12000.0 : 6000.0));
  // Two 15-minute periods at 12 kW, two at 6 kW: maximum 12 kW, 9 kWh in all.
  RegisterValue md;
  ASSERT_TRUE(m.read(Obis(1, 0, 1, 6, 0), md));
  EXPECT_NEAR(md.value, 12000.0, 1e-6);
  EXPECT_TRUE(md.has_capture_time);
  EXPECT_EQ(md.capture_utc_s, static_cast<double>(kStart + 900));  // the first period that reached it
  const BillingEntry& e = m.billing_reset(3600.0, BillingTrigger::kCommand);
  EXPECT_EQ(e.counter, 1u);
  EXPECT_EQ(e.trigger, BillingTrigger::kCommand);
  EXPECT_NEAR(e.values[0].value, 9000.0, 1e-6);   // 1.0.1.8.0
  EXPECT_NEAR(e.values[18].value, 12000.0, 1e-6);  // 1.0.1.6.0
  ASSERT_TRUE(m.read(Obis(1, 0, 1, 6, 0), md));
  EXPECT_EQ(md.value, 0.0);
  RegisterValue cmd;
  ASSERT_TRUE(m.read(Obis(1, 0, 1, 2, 0), cmd));
  EXPECT_NEAR(cmd.value, 12000.0, 1e-6);
  RegisterValue counter;
  ASSERT_TRUE(m.read(Obis(0, 0, 0, 1, 0), counter));
  EXPECT_EQ(counter.value, 1.0);
}

TEST(Meter, TariffInputOverridesTheCalendar) {
  MeterSettings s = settings();
  s.tariff_input.mode = clock::TariffInputMode::kForceWhenActive;
  s.tariff_input.tariff_when_active = 5;
  Meter m(s);
  m.on_interval(constant(0.0, 60.0, 3600.0));
  const unsigned calendar_tariff = m.tariff();
  m.set_tariff_input(true, 60.0);
  m.on_interval(constant(60.0, 60.0, 3600.0));
  EXPECT_EQ(m.tariff(), 5u);
  EXPECT_EQ(m.tariff_source(), clock::TariffSource::kInput);
  EXPECT_NEAR(m.energy().value(Element::kTotal, EnergyQuantity::kActiveImport, 5), 60.0, 1e-9);
  EXPECT_NEAR(m.energy().value(Element::kTotal, EnergyQuantity::kActiveImport, calendar_tariff), 60.0, 1e-9);
}

TEST(Meter, ScheduledBillingAtMidnightOfTheFirst) {
  Meter m(settings());
  // 2026-02-01T00:00+01:00 is 31 days after the start.
  EXPECT_EQ(m.next_billing_utc_s(), static_cast<double>(kStart + 31 * 86400));
  for (int k = 0; k < 31 * 24 + 1; ++k) m.on_interval(constant(3600.0 * k, 3600.0, 1000.0));
  ASSERT_EQ(m.billing().counter(), 1u);
  EXPECT_EQ(m.billing().entry(0).utc_s, static_cast<double>(kStart + 31 * 86400));
  EXPECT_NEAR(m.billing().entry(0).values[0].value, 31 * 24 * 1000.0, 1e-6);  // exactly January's energy
  EXPECT_EQ(m.next_billing_utc_s(), static_cast<double>(kStart + (31 + 28) * 86400));
}

TEST(Meter, ClockShiftClosesTheDemandPeriodAndIsReported) {
  Meter m(settings());
  for (int k = 0; k < 5; ++k) m.on_interval(constant(60.0 * k, 60.0, 6000.0));
  const clock::ClockResult r = m.shift_clock(300.0, 600);
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.change.delta_us(), 600'000'000);
  EXPECT_EQ(m.demand().clock_changes(), 1u);
  EXPECT_FALSE(m.shift_clock(300.0, 901).status.is_ok());  // COSEM limits shift_time to 900 s
}

TEST(Meter, LossRegistersFromATestSheetByObis) {
  MeterSettings s = settings();
  registers::TransformerSheet sheet;  // 630 kVA 15/0.4 kV, Pk 6500 W, uk 4 %, P0 600 W, i0 1 %
  sheet.rated_power_va = 630e3;
  sheet.rated_voltage_hv_v = 15000;
  sheet.rated_voltage_lv_v = 400;
  sheet.load_losses_w = 6500;
  sheet.short_circuit_voltage_pct = 4;
  sheet.no_load_losses_w = 600;
  sheet.no_load_current_pct = 1;
  ASSERT_TRUE(registers::coefficients_from_sheet(sheet, registers::MeteringSide::kLowVoltage,
                                                 registers::NoLoadReactiveLaw::kQuadratic, s.losses.coefficients)
                  .is_ok());
  s.losses_enabled = true;
  Meter m(s);
  // One hour at rated LV voltage and current (630 kVA / (sqrt(3) 400 V) = 909.33 A).
  IntervalValues v = constant(0.0, 3600.0, 500e3, 630e3 / (std::sqrt(3.0) * 400.0));
  for (double& u : v.u_rms_v) u = 400.0 / std::sqrt(3.0);
  m.on_interval(v);
  RegisterValue ola, nla;
  ASSERT_TRUE(m.read(Obis(1, 0, 83, 8, 1), ola));  // OLA import
  ASSERT_TRUE(m.read(Obis(1, 0, 83, 8, 4), nla));  // NLA import
  EXPECT_NEAR(ola.value, 6500.0, 1e-6);
  EXPECT_NEAR(nla.value, 600.0, 1e-6);
  EXPECT_EQ(ola.unit, Unit::kWh);
  RegisterValue ola_l2, olr_l3;
  ASSERT_TRUE(m.read(Obis(1, 0, 83, 8, 128 + 16 + 1), ola_l2));   // OLA import of L2
  ASSERT_TRUE(m.read(Obis(1, 0, 83, 8, 128 + 32 + 12), olr_l3));  // OLR total of L3
  EXPECT_NEAR(ola_l2.value, 6500.0 / 3, 1e-6);
  EXPECT_EQ(olr_l3.unit, Unit::kvarh);
  EXPECT_GT(olr_l3.value, 0.0);
}

TEST(Meter, EveryRegisterHasOneObisCode) {
  MeterSettings s = settings();
  Meter m(s);
  std::set<std::string> seen;
  std::size_t count = 0;
  m.for_each_register([&](const Obis& o, const RegisterValue&) {
    char text[24];
    o.format(text);
    EXPECT_TRUE(seen.insert(text).second) << text;
    ++count;
  });
  // 4 elements x 10 quantities x 7 (total, T1..T6) energies, 6 x (2 + 7 + 7) demand, 7 x 5 excess,
  // 31 instantaneous (U, I, f, and 6 powers for the total and each phase), the billing counter and
  // the error register (no losses).
  EXPECT_EQ(count, 280u + 96u + 35u + 31u + 2u);
  RegisterValue v;
  EXPECT_FALSE(m.read(Obis(1, 0, 83, 8, 1), v));  // losses off
  EXPECT_FALSE(m.read(Obis(1, 0, 1, 8, 7), v));   // no T7
}

TEST(Meter, BillingAndClockChangesAreLoggedAndFlagTheProfiles) {
  Meter m(settings());
  for (int k = 0; k < 10; ++k) m.on_interval(constant(60.0 * k, 60.0, 6000.0));
  m.billing_reset(600.0, BillingTrigger::kServiceButton);
  const recording::EventLog& config_log = m.events().log(recording::LogGroup::kConfiguration);
  ASSERT_EQ(config_log.entries_in_use(), 1u);
  EXPECT_EQ(config_log.entry(0).code, 231);  // billing period closed
  EXPECT_EQ(config_log.entry(0).context[1], 3.0);  // by the service button
  ASSERT_TRUE(m.shift_clock(600.0, 300).status.is_ok());
  const recording::EventLog& standard = m.events().log(recording::LogGroup::kStandard);
  ASSERT_EQ(standard.entries_in_use(), 2u);
  EXPECT_EQ(standard.entry(0).code, 4);
  EXPECT_EQ(standard.entry(0).utc_s, kStart + 600);
  EXPECT_EQ(standard.entry(1).code, 5);
  EXPECT_EQ(standard.entry(1).utc_s, kStart + 900);
  // Profile 2 (10 min) captured at 00:10 before the shift; its next row, at 00:20 on the new
  // clock, carries "clock adjusted".
  for (int k = 10; k < 20; ++k) m.on_interval(constant(60.0 * k, 60.0, 6000.0));
  const recording::LoadProfile& p2 = m.load_profile(1);
  ASSERT_GE(p2.entries_in_use(), 2u);
  EXPECT_EQ(p2.entry(0).utc_s, kStart + 600);
  EXPECT_EQ(p2.entry(0).status & recording::amr::kClockAdjusted, 0);
  EXPECT_NE(p2.entry(1).status & recording::amr::kClockAdjusted, 0);
  // Profile 1 (15 min): the set jumped over 00:15, which gets no row; the row at 00:30 carries
  // "clock adjusted" and the energy registered by then (25 minutes at 6 kW of meter time).
  for (int k = 20; k < 26; ++k) m.on_interval(constant(60.0 * k, 60.0, 6000.0));
  const recording::LoadProfile& p1 = m.load_profile(0);
  ASSERT_EQ(p1.entries_in_use(), 1u);
  EXPECT_EQ(p1.entry(0).utc_s, kStart + 1800);
  EXPECT_NE(p1.entry(0).status & recording::amr::kClockAdjusted, 0);
  EXPECT_NEAR(p1.entry(0).values[0], 6000.0 * 25 / 60, 1e-6);
}

TEST(Meter, ResolutionTruncatesEnergyAndRoundsPower) {
  EXPECT_EQ(readout_value(12345.678, 3, true), 12000.0);
  EXPECT_EQ(readout_value(12999.999, 3, true), 12000.0);
  EXPECT_EQ(readout_value(2999.9999999999, 3, true), 3000.0);  // an exact 3 kWh reached by sums
  EXPECT_EQ(readout_value(12500.0, 3, false), 13000.0);
  EXPECT_NEAR(readout_value(1.23456, -2, true), 1.23, 1e-12);
  MeterSettings s = settings();
  s.resolution.energy_scaler = 3;
  s.resolution.power_scaler = 2;
  Meter m(s);
  m.on_interval(constant(0.0, 3600.0, 4321.0));
  RegisterValue v;
  ASSERT_TRUE(m.read(Obis(1, 0, 1, 8, 0), v));
  EXPECT_EQ(v.scaler, 3);
  EXPECT_NEAR(v.value, 4321.0, 1e-9);  // the register keeps full precision; readouts truncate
  ASSERT_TRUE(m.read(Obis(1, 0, 21, 7, 0), v));  // +P of L1
  EXPECT_EQ(v.scaler, 2);
  EXPECT_NEAR(v.value, 4321.0 / 3, 1e-9);
  s.resolution.energy_scaler = 9;
  EXPECT_STREQ(Meter::validate(s).field(), "registers.energy_scaler");
}

// A notifier that keeps what it is told.
struct Alarms final : recording::Notifier {
  std::vector<recording::AlarmNotification> seen;
  void on_notification(const recording::AlarmNotification& n) override { seen.push_back(n); }
};

TEST(Meter, DemandAboveItsLimitIsLoggedWhenThePeriodCloses) {
  MeterSettings s = settings();
  s.quality.demand_limit = 10000.0;
  Meter m(s);
  // 15 minutes at 12 kW: the period closing at 00:15 has a 12 kW average, above 10 kW.
  for (int k = 0; k < 15; ++k) m.on_interval(constant(60.0 * k, 60.0, 12000.0));
  for (int k = 15; k < 31; ++k) m.on_interval(constant(60.0 * k, 60.0, 6000.0));
  const auto& log = m.events().log(recording::LogGroup::kLimits);
  ASSERT_EQ(log.entries_in_use(), 2u);
  EXPECT_EQ(log.entry(0).code, 149);                    // demand above its limit
  EXPECT_EQ(log.entry(0).utc_s, kStart + 900);          // at the end of the period that exceeded
  EXPECT_NEAR(log.entry(0).context[1], 12000.0, 1e-6);  // the extreme: that period's demand
  EXPECT_EQ(log.entry(1).code, 150);                    // back below, when the next period closed
  EXPECT_EQ(log.entry(1).utc_s, kStart + 1800);
}

TEST(Meter, DigitalInputsAreLoggedOnEveryChange) {
  Meter m(settings());
  m.set_tariff_input(true, 10.0);
  m.set_tariff_input(true, 20.0);  // no change, no row
  m.set_tariff_input(false, 30.0);
  m.digital_input_2(true, 40.0);
  m.digital_input_2(false, 41.0);
  const auto& log = m.events().log(recording::LogGroup::kConfiguration);
  ASSERT_EQ(log.entries_in_use(), 4u);
  EXPECT_EQ(log.entry(0).code, recording::event_code::kDigitalInput1Activated);
  EXPECT_EQ(log.entry(0).utc_s, kStart + 10);
  EXPECT_EQ(log.entry(1).code, recording::event_code::kDigitalInput1Deactivated);
  EXPECT_EQ(log.entry(2).code, recording::event_code::kDigitalInput2Activated);
  EXPECT_EQ(log.entry(3).code, recording::event_code::kDigitalInput2Deactivated);
}

TEST(Meter, AFailingStoreIsACriticalErrorOncePerStretch) {
  MeterSettings s = settings();
  constexpr std::array<recording::AlarmMapping, 1> kMap{{{recording::LogGroup::kStandard, 14, 2}}};
  s.events.alarm_map = kMap;
  Meter m(s);
  Alarms alarms;
  m.set_notifier(&alarms);
  m.nv_failed(5.0);
  m.nv_failed(6.0);
  m.nv_ok();
  m.nv_failed(9.0);
  const auto& log = m.events().log(recording::LogGroup::kStandard);
  ASSERT_EQ(log.entries_in_use(), 2u);
  EXPECT_EQ(log.entry(0).code, recording::event_code::kNonVolatileMemoryError);
  EXPECT_EQ(log.entry(1).utc_s, kStart + 9);
  RegisterValue e;
  ASSERT_TRUE(m.read(Obis(0, 0, 97, 97, 0), e));
  EXPECT_EQ(e.value, 1.0);
  ASSERT_EQ(alarms.seen.size(), 1u);  // one alarm raised; the bit stayed set after that
  EXPECT_EQ(alarms.seen[0].bit, 2);
  m.clear_errors(1u, 12.0);
  ASSERT_TRUE(m.read(Obis(0, 0, 97, 97, 0), e));
  EXPECT_EQ(e.value, 0.0);
  EXPECT_EQ(log.entry(log.entries_in_use() - 1).code, 10);  // error register cleared
}

TEST(Meter, ClearingALogIsItselfLogged) {
  Meter m(settings());
  m.set_fraud_input(quality::Input::kTerminalCover, true, 1.0);
  m.clear_log(recording::LogGroup::kFraud, 2.0);
  const auto& fraud = m.events().log(recording::LogGroup::kFraud);
  ASSERT_EQ(fraud.entries_in_use(), 1u);
  EXPECT_EQ(fraud.entry(0).code, 255);
  const auto& comm = m.events().log(recording::LogGroup::kCommunication);
  ASSERT_EQ(comm.entries_in_use(), 1u);
  EXPECT_EQ(comm.entry(0).code, 230);
  EXPECT_EQ(comm.entry(0).context[0], 2.0);  // the fraud log is log 2
}

}  // namespace
}  // namespace quadra::meter

namespace quadra::meter {
namespace {

TEST(Meter, RelaysSwitchByScriptAndAreLoggedWithWhoSwitchedThem) {
  MeterSettings s;
  s.rtc.start_utc = 1767222000;
  Meter m(s);
  const recording::EventLog& log = m.events().log(recording::LogGroup::kLimits);
  RegisterValue v;
  ASSERT_TRUE(m.read(Obis(0, 0, 96, 3, 2), v));
  EXPECT_EQ(v.value, 1.0);  // relay 1 closed, relay 2 open
  // A client runs script 1 (disconnect): remote disconnection, IDIS 62.
  ASSERT_TRUE(m.run_output_script(1, Relays::Source::kRemote, 10.0).is_ok());
  EXPECT_EQ(m.relays().control_state(), Relays::ControlState::kDisconnected);
  // The meter itself (a monitor's action) closes relay 2: 244, context relay 2, by the meter.
  m.on_interval(constant_power_interval(0.0, 1.0, 1000.0));
  ASSERT_TRUE(m.run_output_script(3, Relays::Source::kLocal, 20.0).is_ok());
  ASSERT_TRUE(m.read(Obis(0, 0, 96, 3, 2), v));
  EXPECT_EQ(v.value, 2.0);
  ASSERT_EQ(log.entries_in_use(), 2u);
  EXPECT_EQ(log.entry(0).code, recording::event_code::kRemoteDisconnection);
  EXPECT_EQ(log.entry(0).context[0], 1.0);
  EXPECT_EQ(log.entry(1).code, recording::event_code::kRelay2Closed);
  EXPECT_EQ(log.entry(1).context[0], 2.0);
  EXPECT_EQ(log.entry(1).context[1], 1.0) << "by the meter";
  EXPECT_EQ(m.run_output_script(5, Relays::Source::kRemote, 20.0).code(), StatusCode::kOutOfRange);
  // Remote reconnection in mode 1 goes straight to Connected (d), IDIS 63.
  ASSERT_TRUE(m.run_output_script(2, Relays::Source::kRemote, 30.0).is_ok());
  EXPECT_EQ(log.entry(2).code, recording::event_code::kRemoteConnection);
  // Mode 0: the disconnector refuses, logs nothing; the mode change is a configuration change.
  const std::uint32_t changes = m.configuration_changes();
  ASSERT_TRUE(m.set_disconnect_control_mode(0, 40.0).is_ok());
  EXPECT_EQ(m.configuration_changes(), changes + 1);
  EXPECT_EQ(m.run_output_script(1, Relays::Source::kLocal, 50.0).code(), StatusCode::kNotSupported);
  EXPECT_EQ(log.entries_in_use(), 3u);
  EXPECT_EQ(m.set_disconnect_control_mode(7, 40.0).code(), StatusCode::kInvalidArgument);
}

TEST(Meter, ALimiterActionNamingTheOutputScriptDisconnectsLocally) {
  MeterSettings s;
  s.rtc.start_utc = 1767222000;
  s.quality.demand_limit = 500.0;  // W: the limiter's threshold_normal
  s.monitoring.limiter.monitored = ValueDefinition{3, Obis(1, 0, 1, 7, 0), 2};  // instantaneous +P
  s.monitoring.limiter.action_over = ActionItem{kOutputScript, 1};
  s.monitoring.limiter.action_under = ActionItem{kOutputScript, 2};
  Meter m(s);
  ASSERT_TRUE(m.set_disconnect_control_mode(5, 0.0).is_ok());  // mode 5 also reconnects locally (h)
  m.on_interval(constant_power_interval(0.0, 1.0, 1000.0));
  EXPECT_EQ(m.relays().control_state(), Relays::ControlState::kReadyForReconnection);
  EXPECT_EQ(m.relays().last_switch(1).who, Relays::Source::kLocal);
  m.on_interval(constant_power_interval(1.0, 1.0, 100.0));
  EXPECT_EQ(m.relays().control_state(), Relays::ControlState::kConnected);
  const recording::EventLog& log = m.events().log(recording::LogGroup::kLimits);
  bool disconnected = false, reconnected = false;
  for (std::size_t k = 0; k < log.entries_in_use(); ++k) {
    disconnected |= log.entry(k).code == recording::event_code::kLocalDisconnection;
    reconnected |= log.entry(k).code == recording::event_code::kLocalReconnection;
  }
  EXPECT_TRUE(disconnected);
  EXPECT_TRUE(reconnected);
}

TEST(Meter, TheOutputScheduleRunsItsScriptEveryDayAtItsLocalTime) {
  MeterSettings s;
  s.rtc.start_utc = 1767222000;  // 2026-01-01T00:00:00+01:00
  s.output_schedule = {3, true, 6, 0};  // close relay 2 at 06:00 local
  Meter m(s);
  EXPECT_EQ(m.next_output_utc_s(), 1767222000.0 + 6 * 3600);
  m.on_interval(constant_power_interval(0.0, 6 * 3600.0, 100.0));
  EXPECT_FALSE(m.relays().relay2_closed());  // due at the start of the next interval
  m.on_interval(constant_power_interval(6 * 3600.0, 60.0, 100.0));
  EXPECT_TRUE(m.relays().relay2_closed());
  EXPECT_EQ(m.relays().last_switch(2).who, Relays::Source::kLocal);
  EXPECT_EQ(m.relays().last_switch(2).utc_s, 1767222000.0 + 6 * 3600);
  EXPECT_EQ(m.next_output_utc_s(), 1767222000.0 + 30 * 3600);
  // A write: open it at 07:00 from now on; logged as a configuration change.
  const std::uint32_t changes = m.configuration_changes();
  ASSERT_TRUE(m.set_output_schedule({4, true, 7, 0}, 6 * 3600.0 + 60.0).is_ok());
  EXPECT_EQ(m.configuration_changes(), changes + 1);
  EXPECT_EQ(m.next_output_utc_s(), 1767222000.0 + 7 * 3600);
  m.on_interval(constant_power_interval(6 * 3600.0 + 60.0, 3540.0, 100.0));
  m.on_interval(constant_power_interval(7 * 3600.0, 60.0, 100.0));
  EXPECT_FALSE(m.relays().relay2_closed());
  EXPECT_EQ(m.set_output_schedule({5, true, 7, 0}, 0.0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(m.set_output_schedule({1, true, 24, 0}, 0.0).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace quadra::meter
