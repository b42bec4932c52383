// The register monitors' actions on the push script table: the alarm monitor 0.0.16.1.0.255
// crossing its threshold 0 when an alarm is raised sends the alarm push (script 1), once even
// when the alarm filter triggered it too; a threshold of register monitor 0.0.16.0.0.255 with
// script 2 sends the interval push when the watched power crosses it.
#include "core/push/monitor_actions.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/dlms/notification.h"
#include "core/dlms/test_hex.h"
#include "core/meter/interval_values_testing.h"
#include "core/push/push_test_fixture.h"

namespace quadra::push {
namespace {

using Bytes = std::vector<std::uint8_t>;

// The meter with both push setups, the push script table over them and the monitors' actions
// wired to it, as the host wires them.
struct MonitoredPushes {
  explicit MonitoredPushes(std::uint32_t alarm_filter = 0xFFFFFFFF)
      : meter(settings(alarm_filter)),
        directory(meter, cosem::DirectoryConfig{"QDR00000001", "quadra-0.1.0", {}}),
        alarm(meter, kAlarmPushLn, PushFixture::alarm_settings(), PushEngineConfig{}),
        interval(meter, kIntervalPushLn, interval_settings(), PushEngineConfig{}),
        trigger(alarm),
        table(engines_),
        actions(table, &trigger) {
    meter.set_notifier(&trigger);
    meter.set_script_runner(&actions);
    directory.add(std::make_unique<PushSetupObject>(meter, alarm));
    directory.add(std::make_unique<PushSetupObject>(meter, interval));
    alarm.attach(directory);
    interval.attach(directory);
  }
  static meter::MeterSettings settings(std::uint32_t alarm_filter) {
    meter::MeterSettings s = test_meter_settings();
    s.events.alarm_filter = alarm_filter;
    return s;
  }
  static PushSettings interval_settings() {
    PushSettings s = default_interval_push_objects();
    s.set_destination("127.0.0.1:4062");
    return s;
  }
  // One second of constant power ending at `end_s`: the meter evaluates its monitors after it.
  void second(double end_s, double p_w = 1000.0) { meter.on_interval(meter::constant_power_interval(end_s - 1.0, 1.0, p_w)); }
  // Every notification `engine` sends up to now_s (each delivered at once).
  static std::vector<dlms::DataNotification> sent(PushEngine& engine, double now_s) {
    std::vector<dlms::DataNotification> out;
    while (const Attempt* a = engine.poll(now_s)) {
      dlms::DataNotification n;
      EXPECT_TRUE(dlms::decode_data_notification(a->apdu, &n).is_ok());
      out.push_back(n);
      engine.delivered(now_s);
    }
    return out;
  }

  meter::Meter meter;
  cosem::Directory directory;
  PushEngine alarm;
  PushEngine interval;
  AlarmTrigger trigger;
  PushEngine* engines_[2] = {&alarm, &interval};
  PushScriptTable table;
  MonitorActions actions;
};

TEST(MonitorActions, AnAlarmOutsideTheFilterIsPushedByTheAlarmMonitor) {
  MonitoredPushes m(0);  // the filter lets nothing through: only the monitor pushes
  m.second(1.0);
  EXPECT_TRUE(MonitoredPushes::sent(m.alarm, 1.0).empty());
  m.meter.set_fraud_input(quality::Input::kTerminalCover, true, 1.5);  // alarm bit 8
  EXPECT_TRUE(MonitoredPushes::sent(m.alarm, 1.5).empty());             // not through the filter
  m.second(2.0);  // the alarm monitor sees 0.0.97.98.0 = 0x100 > 0: script 1
  EXPECT_EQ(m.actions.pushes_run(), 1u);
  const std::vector<dlms::DataNotification> n = MonitoredPushes::sent(m.alarm, 2.0);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_TRUE(n[0].invoke.high_priority());  // the alarm push's priority
  // The body: the push setup's LN, the serial number, the alarm register with bit 8.
  const Bytes body(n[0].body.begin(), n[0].body.end());
  EXPECT_EQ(body, dlms::testing::hex("02 03 09 06 0000190900FF 0A 0B 5144523030303030303031 06 00000100"))
      << dlms::testing::to_hex(body);
  // Still above the threshold: no further crossing, no further push.
  m.second(3.0);
  EXPECT_TRUE(MonitoredPushes::sent(m.alarm, 3.0).empty());
  EXPECT_TRUE(MonitoredPushes::sent(m.interval, 3.0).empty());
}

TEST(MonitorActions, TheFirstFilteredAlarmIsPushedOnce) {
  MonitoredPushes m;
  m.second(1.0);
  m.meter.set_fraud_input(quality::Input::kTerminalCover, true, 1.5);  // through the filter
  m.second(2.0);                                                       // and the monitor's crossing
  EXPECT_EQ(MonitoredPushes::sent(m.alarm, 2.0).size(), 1u);
  EXPECT_EQ(m.actions.pushes_run(), 0u);  // the alarm trigger had pushed it
  // A further alarm: the register was not 0, so no crossing; the filter pushes it.
  m.meter.set_fraud_input(quality::Input::kMeterCase, true, 2.5);
  m.second(3.0);
  EXPECT_EQ(MonitoredPushes::sent(m.alarm, 3.0).size(), 1u);
  EXPECT_EQ(m.actions.pushes_run(), 0u);
}

TEST(MonitorActions, ARegisterMonitorThresholdRunsTheIntervalPush) {
  MonitoredPushes m;
  meter::RegisterMonitor::Config c = m.meter.register_monitor(0).config();  // watches 1.0.1.7.0 (W)
  c.thresholds[0] = 5000.0;
  c.actions[0].up = meter::ActionItem{kPushScriptTableLn, 2};
  c.count = 1;
  ASSERT_TRUE(m.meter.set_register_monitor(0, c, 0.0).is_ok());
  m.second(1.0, 1000.0);
  EXPECT_TRUE(MonitoredPushes::sent(m.interval, 1.0).empty());
  m.second(2.0, 12000.0);  // crosses 5 kW upward
  EXPECT_EQ(m.actions.pushes_run(), 1u);
  const std::vector<dlms::DataNotification> n = MonitoredPushes::sent(m.interval, 2.0);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_FALSE(n[0].invoke.high_priority());
  // The crossing is also event 240, alarm bit 19 by the default alarm map: the alarm push goes
  // once (the filter's trigger; the alarm monitor's crossing in the same evaluation is the same
  // first alarm).
  const std::vector<dlms::DataNotification> a = MonitoredPushes::sent(m.alarm, 2.0);
  ASSERT_EQ(a.size(), 1u);
  const Bytes body(a[0].body.begin(), a[0].body.end());
  EXPECT_EQ(Bytes(body.end() - 5, body.end()), dlms::testing::hex("06 00080000"));
  m.second(3.0, 1000.0);  // back down: no down action
  EXPECT_TRUE(MonitoredPushes::sent(m.interval, 3.0).empty());
  EXPECT_TRUE(MonitoredPushes::sent(m.alarm, 3.0).empty());
}

TEST(MonitorActions, OtherScriptsAndUnknownSelectorsRunNothing) {
  MonitoredPushes m;
  m.actions.run_script(meter::ActionItem{meter::Obis(0, 0, 10, 0, 100), 1}, 0.0);  // another table
  m.actions.run_script(meter::ActionItem{kPushScriptTableLn, 3}, 0.0);             // no script 3
  m.actions.run_script(meter::ActionItem{kPushScriptTableLn, 0}, 0.0);
  EXPECT_EQ(m.actions.pushes_run(), 0u);
  EXPECT_TRUE(MonitoredPushes::sent(m.alarm, 0.0).empty());
  EXPECT_TRUE(MonitoredPushes::sent(m.interval, 0.0).empty());
}

}  // namespace
}  // namespace quadra::push
