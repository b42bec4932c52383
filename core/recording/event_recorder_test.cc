#include "core/recording/event_recorder.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/recording/event_codes.h"

namespace quadra::recording {
namespace {

struct RecordingNotifier final : Notifier {
  std::vector<AlarmNotification> seen;
  void on_notification(const AlarmNotification& n) override { seen.push_back(n); }
};

constexpr std::uint16_t kTerminalCoverOpened = 40;
constexpr std::uint16_t kTerminalCoverClosed = 41;
constexpr std::uint16_t kSagL1 = 76;

const std::array<AlarmMapping, 3> kMap{{
    {LogGroup::kFraud, kTerminalCoverOpened, 0},
    {LogGroup::kPowerQuality, kSagL1, 4},
    {LogGroup::kStandard, 14, 9},  // NV memory error
}};

EventRecorderConfig config() {
  EventRecorderConfig c;
  c.capacities = {10, 5, 10, 10, 10, 10, 10};
  c.alarm_map = kMap;
  return c;
}

TEST(EventRecorder, ValidatesItsConfiguration) {
  EXPECT_TRUE(EventRecorder::validate(config()).is_ok());
  EventRecorderConfig c = config();
  c.capacities[3] = 0;
  EXPECT_EQ(EventRecorder::validate(c).code(), StatusCode::kInvalidArgument);
  const std::array<AlarmMapping, 1> bad{{{LogGroup::kFraud, 40, 32}}};
  c = config();
  c.alarm_map = bad;
  EXPECT_STREQ(EventRecorder::validate(c).field(), "events.alarm_map.bit");
}

TEST(EventRecorder, RoutesEachEventToItsLogWithContext) {
  EventRecorder rec(config(), nullptr);
  rec.record(LogGroup::kPowerQuality, kSagL1, 1000, 2.5, 180.4);  // 2.5 s sag down to 180.4 V
  rec.record(LogGroup::kFraud, kTerminalCoverClosed, 1001);
  EXPECT_EQ(rec.log(LogGroup::kPowerQuality).entries_in_use(), 1u);
  EXPECT_EQ(rec.log(LogGroup::kFraud).entries_in_use(), 1u);
  EXPECT_EQ(rec.log(LogGroup::kStandard).entries_in_use(), 0u);
  const EventRow& r = rec.log(LogGroup::kPowerQuality).entry(0);
  EXPECT_EQ(r.utc_s, 1000);
  EXPECT_EQ(r.code, kSagL1);
  EXPECT_EQ(r.context[0], 2.5);
  EXPECT_EQ(r.context[1], 180.4);
  EXPECT_EQ(rec.last_code(LogGroup::kFraud), kTerminalCoverClosed);
}

TEST(EventRecorder, CountersSurviveWrapAndAreReadableByObis) {
  EventRecorder rec(config(), nullptr);
  for (int k = 0; k < 12; ++k) rec.record(LogGroup::kFraud, kTerminalCoverClosed, 100 + k);
  EXPECT_EQ(rec.log(LogGroup::kFraud).entries_in_use(), 5u);
  meter::RegisterValue v;
  ASSERT_TRUE(rec.read(meter::Obis(0, 0, 96, 15, 1), v));
  EXPECT_EQ(v.value, 12.0);
  ASSERT_TRUE(rec.read(meter::Obis(0, 0, 96, 11, 1), v));
  EXPECT_EQ(v.value, kTerminalCoverClosed);
  EXPECT_FALSE(rec.read(meter::Obis(0, 0, 96, 15, 9), v));
}

TEST(EventRecorder, ClearingALogIsItselfAnEvent) {
  EventRecorder rec(config(), nullptr);
  for (int k = 0; k < 3; ++k) rec.record(LogGroup::kPowerQuality, kSagL1, 100 + k);
  rec.clear_log(LogGroup::kPowerQuality, 500);
  const EventLog& pq = rec.log(LogGroup::kPowerQuality);
  ASSERT_EQ(pq.entries_in_use(), 1u);
  EXPECT_EQ(pq.entry(0).code, event_code::kLogCleared);
  EXPECT_EQ(pq.entry(0).utc_s, 500);
  EXPECT_EQ(pq.counter(), 4u);  // three sags and the clearing
  const EventLog& comm = rec.log(LogGroup::kCommunication);
  ASSERT_EQ(comm.entries_in_use(), 1u);
  EXPECT_EQ(comm.entry(0).code, event_code::kEventLogDeleted);
  EXPECT_EQ(comm.entry(0).context[0], 4.0);  // log number 4: power quality
}

TEST(EventRecorder, ClearingTheCommunicationLogWritesOneRow) {
  EventRecorder rec(config(), nullptr);
  rec.record(LogGroup::kCommunication, 48, 10);
  rec.clear_log(LogGroup::kCommunication, 20);
  const EventLog& comm = rec.log(LogGroup::kCommunication);
  ASSERT_EQ(comm.entries_in_use(), 1u);
  EXPECT_EQ(comm.entry(0).code, event_code::kLogCleared);
}

TEST(EventRecorder, PowerFailureLogKeepsLongOutagesWithEndTimeAndDuration) {
  EventRecorder rec(config(), nullptr);
  rec.record_power_failure(1000, 30);    // short: counted only
  rec.record_power_failure(5000, 600);   // long
  rec.record_power_failure(9000, 180);   // exactly the threshold: long
  const EventLog& pf = rec.log(LogGroup::kPowerFailure);
  ASSERT_EQ(pf.entries_in_use(), 2u);
  EXPECT_EQ(pf.entry(0).utc_s, 5000);  // the end of the outage
  EXPECT_EQ(pf.entry(0).context[0], 600.0);
  meter::RegisterValue v;
  ASSERT_TRUE(rec.read(meter::Obis(0, 0, 96, 7, 21), v));
  EXPECT_EQ(v.value, 3.0);
  ASSERT_TRUE(rec.read(meter::Obis(0, 0, 96, 7, 9), v));
  EXPECT_EQ(v.value, 2.0);
  ASSERT_TRUE(rec.read(meter::Obis(0, 0, 96, 7, 19), v));
  EXPECT_EQ(v.value, 780.0);
  EXPECT_EQ(v.unit, meter::Unit::kSecond);
  rec.clear_log(LogGroup::kPowerFailure, 9500);  // no code column: no row 255 there
  EXPECT_EQ(pf.entries_in_use(), 0u);
  EXPECT_EQ(rec.log(LogGroup::kCommunication).entry(0).context[0], 5.0);
}

TEST(EventRecorder, AlarmRegisterFilterAndNotifications) {
  RecordingNotifier n;
  EventRecorderConfig c = config();
  c.alarm_filter = 1u << 0;  // only the terminal cover is reported
  EventRecorder rec(c, &n);

  rec.record(LogGroup::kPowerQuality, kSagL1, 100);  // sets bit 4, filtered out
  EXPECT_EQ(rec.alarm_register(), 1u << 4);
  EXPECT_TRUE(n.seen.empty());

  rec.record(LogGroup::kFraud, kTerminalCoverOpened, 200);
  EXPECT_EQ(rec.alarm_register(), (1u << 4) | 1u);
  ASSERT_EQ(n.seen.size(), 1u);
  EXPECT_EQ(n.seen[0].utc_s, 200);
  EXPECT_EQ(n.seen[0].group, LogGroup::kFraud);
  EXPECT_EQ(n.seen[0].code, kTerminalCoverOpened);
  EXPECT_EQ(n.seen[0].bit, 0);
  EXPECT_EQ(n.seen[0].alarm_register, (1u << 4) | 1u);
  EXPECT_EQ(n.seen[0].reported, 1u);

  rec.record(LogGroup::kFraud, kTerminalCoverOpened, 300);  // already raised: no second push
  EXPECT_EQ(n.seen.size(), 1u);
  rec.record(LogGroup::kFraud, kTerminalCoverClosed, 301);  // not mapped
  rec.record(LogGroup::kStandard, kTerminalCoverOpened, 302);  // same code, other log: not mapped
  EXPECT_EQ(rec.alarm_register(), (1u << 4) | 1u);

  rec.clear_alarms(1u, 400);
  EXPECT_EQ(rec.alarm_register(), 1u << 4);
  EXPECT_EQ(rec.last_code(LogGroup::kStandard), event_code::kAlarmRegisterCleared);
  rec.record(LogGroup::kFraud, kTerminalCoverOpened, 500);  // raised again after clearing
  EXPECT_EQ(n.seen.size(), 2u);

  rec.set_alarm_filter(0xFFFF'FFFF);
  rec.record(LogGroup::kStandard, 14, 600);
  ASSERT_EQ(n.seen.size(), 3u);
  EXPECT_EQ(n.seen[2].bit, 9);
  meter::RegisterValue v;
  ASSERT_TRUE(rec.read(meter::Obis(0, 0, 97, 98, 0), v));
  EXPECT_EQ(v.value, static_cast<double>((1u << 9) | (1u << 4) | 1u));
  ASSERT_TRUE(rec.read(meter::Obis(0, 0, 97, 98, 10), v));
  EXPECT_EQ(v.value, 4294967295.0);
}

TEST(EventRecorder, RegistersRoundTripForTheStore) {
  EventRecorder a(config(), nullptr);
  a.record(LogGroup::kFraud, kTerminalCoverOpened, 1);
  a.record_power_failure(10, 500);
  EventRecorder b(config(), nullptr);
  b.restore_registers(a.registers());
  EXPECT_EQ(b.alarm_register(), a.alarm_register());
  EXPECT_EQ(b.all_outages(), 1u);
  EXPECT_EQ(b.long_outage_total_s(), 500);
  EXPECT_EQ(b.last_code(LogGroup::kFraud), kTerminalCoverOpened);
}

}  // namespace
}  // namespace quadra::recording
