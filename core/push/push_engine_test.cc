#include "core/push/push_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/cosem/security_setup_object.h"
#include "core/dlms/notification.h"
#include "core/dlms/test_hex.h"
#include "core/push/push_test_fixture.h"
#include "core/recording/log_group.h"
#include "core/security/ciphered_apdu.h"

namespace quadra::push {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes bytes_of(const Attempt* a) { return a == nullptr ? Bytes{} : Bytes(a->apdu.begin(), a->apdu.end()); }

// 2026-01-01T00:00:00 local (Thursday), deviation -60 min (CET), status 00: the COSEM date-time
// of meter time 0 in the fixture.
const char* kStartDateTime = "07EA0101 04 00000000 FFC4 00";

TEST(PushEngine, AlarmNotificationCarriesThePushObjectListAtTheEvent) {
  PushFixture f;
  f.meter.set_fraud_input(quality::Input::kTerminalCover, true, 0.0);
  const Attempt* a = f.engine.poll(0.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->destination, "127.0.0.1:4061");
  EXPECT_EQ(a->invoke_id, 1u);
  EXPECT_EQ(a->attempt, 1u);
  // DataNotification: tag 0F, long-invoke-id 1 with high priority (an alarm), the date-time,
  // then a structure of the three values: the push setup's LN, the serial number and the alarm
  // register with bit 8 (terminal cover opened) set.
  const Bytes expected = dlms::testing::hex(std::string("0F 80000001 0C") + kStartDateTime +
                                         "02 03"
                                         " 09 06 0000190900FF"
                                         " 0A 0B 5144523030303030303031"
                                         " 06 00000100");
  EXPECT_EQ(bytes_of(a), expected) << dlms::testing::to_hex(bytes_of(a));
  dlms::DataNotification n;
  ASSERT_TRUE(dlms::decode_data_notification(a->apdu, &n).is_ok());
  EXPECT_TRUE(n.invoke.high_priority());
  EXPECT_FALSE(n.invoke.confirmed());
}

TEST(PushEngine, DisabledWithoutDestination) {
  PushFixture f(default_alarm_push_objects());
  f.meter.set_fraud_input(quality::Input::kTerminalCover, true, 0.0);
  EXPECT_EQ(f.engine.poll(0.0), nullptr);
  EXPECT_EQ(f.engine.pending(), 0u);
}

TEST(PushEngine, RandomisedStartStaysWithinTheIntervalAndRepeatsForASeed) {
  std::vector<double> first_run;
  for (int run = 0; run < 2; ++run) {
    PushSettings s = PushFixture::alarm_settings();
    s.randomisation_start_interval_s = 60;
    PushEngineConfig c;
    c.seed = 12345;
    PushFixture f(s, c);
    double spread_min = 1e9;
    double spread_max = -1;
    for (int k = 0; k < 50; ++k) {
      const double now = 100.0 * k;
      f.engine.trigger(Trigger::kMethod);
      const Attempt* a = f.engine.poll(now);  // builds it; goes at once only if 0 was drawn
      const double delay = a != nullptr ? 0.0 : f.engine.next_due_s() - now;
      EXPECT_GE(delay, 0.0);
      EXPECT_LE(delay, 60.0);
      EXPECT_EQ(delay, std::floor(delay));  // whole seconds
      if (a == nullptr) {
        EXPECT_EQ(f.engine.poll(now + delay - 0.5), nullptr);
        a = f.engine.poll(now + delay);
      }
      ASSERT_NE(a, nullptr);
      f.engine.delivered(now + delay);
      spread_min = std::min(spread_min, delay);
      spread_max = std::max(spread_max, delay);
      if (run == 0) first_run.push_back(delay);
      else EXPECT_EQ(delay, first_run[static_cast<std::size_t>(k)]);
    }
    EXPECT_GT(spread_max - spread_min, 30.0);  // the draws do spread over the interval
  }
}

TEST(PushEngine, RetriesAfterTheRepetitionDelayThenLogsTheFailureAndKeepsTheNotification) {
  PushSettings s = PushFixture::alarm_settings();
  s.number_of_retries = 2;
  s.repetition_delay_s = 30;
  PushFixture f(s);
  f.meter.set_fraud_input(quality::Input::kTerminalCover, true, 0.0);
  const Attempt* a = f.engine.poll(0.0);
  ASSERT_NE(a, nullptr);
  const Bytes apdu = bytes_of(a);
  f.engine.failed(0.5);
  EXPECT_EQ(f.engine.poll(30.4), nullptr);
  a = f.engine.poll(30.5);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->attempt, 2u);
  EXPECT_EQ(bytes_of(a), apdu);  // the same notification, as built at the event
  f.engine.failed(31.0);
  a = f.engine.poll(61.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->attempt, 3u);
  EXPECT_TRUE(f.comm_rows(kPushDeliveryFailed).empty());
  f.engine.failed(62.0);
  // 1 + 2 retries spent: logged once, with this push setup's OBIS as context.
  const auto rows = f.comm_rows(kPushDeliveryFailed);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(recording::obis_from_context(rows[0].context[0]), kAlarmPushLn);
  EXPECT_EQ(f.engine.pending(), 1u);
  EXPECT_EQ(f.engine.stats().failed_attempts, 3u);
  // Kept: a new round after pending_round_s.
  EXPECT_EQ(f.engine.poll(62.0 + 899.0), nullptr);
  a = f.engine.poll(62.0 + 900.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->attempt, 1u);
  EXPECT_EQ(bytes_of(a), apdu);
  f.engine.delivered(963.0);
  EXPECT_EQ(f.engine.pending(), 0u);
  EXPECT_EQ(f.engine.stats().delivered, 1u);
}

TEST(PushEngine, AHostThatComesBackGetsThePendingAlarmsAtTheNextTrigger) {
  PushFixture f;  // no retries
  f.meter.set_fraud_input(quality::Input::kTerminalCover, true, 0.0);
  ASSERT_NE(f.engine.poll(0.0), nullptr);
  f.engine.failed(0.1);
  ASSERT_EQ(f.comm_rows(kPushDeliveryFailed).size(), 1u);
  EXPECT_EQ(f.engine.poll(50.0), nullptr);  // waiting for a new round
  // Another alarm: the old one goes first, at once, then the new one.
  f.meter.set_fraud_input(quality::Input::kMeterCase, true, 60.0);
  const Attempt* a = f.engine.poll(60.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->invoke_id, 1u);
  f.engine.delivered(60.1);
  a = f.engine.poll(60.1);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->invoke_id, 2u);
  dlms::DataNotification n;
  ASSERT_TRUE(dlms::decode_data_notification(a->apdu, &n).is_ok());
  // The second carries both alarm bits (8 terminal cover, 9 meter case).
  EXPECT_EQ(Bytes(n.body.end() - 5, n.body.end()), dlms::testing::hex("06 00000300"));
  f.engine.delivered(60.2);
  EXPECT_EQ(f.engine.pending(), 0u);
}

// A daily window 02:00..03:00 local: nothing goes out at midnight, when the fixture starts.
PushSettings closed_until_two() {
  PushSettings s = PushFixture::alarm_settings();
  clock::CosemDateTime from = clock::not_specified_date_time();
  from.time = clock::CosemTime::at(2, 0, 0);
  clock::CosemDateTime to = from;
  to.time = clock::CosemTime::at(3, 0, 0);
  s.windows[0] = {clock::encode(from), clock::encode(to)};
  s.window_count = 1;
  return s;
}

TEST(PushEngine, AFullQueueDropsTheOldestAndLogsIt) {
  PushEngineConfig c;
  c.queue_capacity = 2;
  PushFixture f(closed_until_two(), c);
  for (int k = 0; k < 3; ++k) {
    f.engine.trigger(Trigger::kMethod);
    EXPECT_EQ(f.engine.poll(1.0 * k), nullptr);
  }
  EXPECT_EQ(f.engine.pending(), 2u);
  EXPECT_EQ(f.engine.stats().dropped, 1u);
  ASSERT_EQ(f.comm_rows(kPushNotificationDropped).size(), 1u);
  EXPECT_EQ(recording::obis_from_context(f.comm_rows(kPushNotificationDropped)[0].context[0]), kAlarmPushLn);
  const Attempt* a = f.engine.poll(7200.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->invoke_id, 2u);  // number 1 was dropped
  EXPECT_EQ(a->apdu[1] & 0x80, 0);  // a method call: normal priority
  f.engine.delivered(7200.0);
  a = f.engine.poll(7200.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->invoke_id, 3u);
}

TEST(PushEngine, AQueueKeepsTheOneUnderWayWhenFull) {
  PushEngineConfig c;
  c.queue_capacity = 2;
  PushFixture f(PushFixture::alarm_settings(), c);
  f.engine.trigger(Trigger::kMethod);
  ASSERT_NE(f.engine.poll(0.0), nullptr);  // number 1 under way
  for (int k = 0; k < 2; ++k) {
    f.engine.trigger(Trigger::kMethod);
    EXPECT_EQ(f.engine.poll(1.0), nullptr);
  }
  f.engine.delivered(2.0);
  const Attempt* a = f.engine.poll(2.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->invoke_id, 3u);  // 2 was dropped to make room for 3, 1 was delivered
}

TEST(PushEngine, WaitsForTheCommunicationWindow) {
  const PushSettings s = closed_until_two();
  ASSERT_TRUE(validate(s).is_ok());
  PushFixture f(s);
  f.meter.set_fraud_input(quality::Input::kTerminalCover, true, 0.0);
  EXPECT_EQ(f.engine.poll(0.0), nullptr);
  EXPECT_EQ(f.engine.poll(7199.0), nullptr);  // 01:59:59 local
  EXPECT_NE(f.engine.poll(7200.0), nullptr);  // 02:00:00
}

TEST(PushEngine, WindowForms) {
  PushSettings s;
  clock::CosemDateTime a = clock::not_specified_date_time();
  a.time = clock::CosemTime::at(23, 0, 0);
  clock::CosemDateTime b = a;
  b.time = clock::CosemTime::at(1, 0, 0);
  s.windows[0] = {clock::encode(a), clock::encode(b)};  // across midnight
  s.window_count = 1;
  const clock::TimeZone tz = test_meter_settings().rtc.time_zone;
  const clock::UtcMicros midnight = static_cast<clock::UtcMicros>(kTestStart) * 1000000;
  EXPECT_TRUE(window_open(s, midnight, tz));
  EXPECT_FALSE(window_open(s, midnight + 3600LL * 1000000, tz));
  EXPECT_TRUE(window_open(s, midnight - 3600LL * 1000000, tz));
  // A date given on one side only is not served.
  a.date = clock::CosemDate::on(2026, 1, 1);
  s.windows[0] = {clock::encode(a), clock::encode(b)};
  EXPECT_FALSE(validate(s).is_ok());
  b.date = clock::CosemDate::on(2026, 1, 2);
  s.windows[0] = {clock::encode(a), clock::encode(b)};
  EXPECT_TRUE(validate(s).is_ok());
  EXPECT_FALSE(window_open(s, midnight, tz));
  EXPECT_TRUE(window_open(s, midnight + 23 * 3600LL * 1000000, tz));
}

TEST(PushEngine, ProtectedNotificationDecipheresWithTheMetersKeys) {
  const security::SystemTitle title{'Q', 'D', 'R', 0, 0, 0, 0, 1};
  const security::Key128 ek{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  security::Key128 ak{};
  for (std::size_t k = 0; k < ak.size(); ++k) ak[k] = static_cast<std::uint8_t>(0xD0 + k);
  std::uint32_t counter = 77;
  PushEngineConfig c;
  c.security = {Protection::kAuthenticatedEncrypted, nullptr, &title, &ek, &ak, &counter};
  PushFixture plain_meter;  // the same notification without protection, to compare with
  PushFixture f(PushFixture::alarm_settings(), c);
  f.meter.set_fraud_input(quality::Input::kTerminalCover, true, 0.0);
  plain_meter.meter.set_fraud_input(quality::Input::kTerminalCover, true, 0.0);
  const Attempt* a = f.engine.poll(0.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(counter, 78u);
  EXPECT_EQ(a->apdu[0], security::tag::kGeneralGloCiphering);
  security::ReceiveKeys keys;
  keys.global_unicast = &ek;
  keys.authentication = ak;
  security::InvocationCounterGuard guard;
  Bytes plain(1024);
  security::Unprotected u;
  ASSERT_TRUE(security::unprotect(a->apdu, keys, title, &guard, plain, &u).is_ok());
  EXPECT_EQ(u.apdu.invocation_counter, 77u);
  EXPECT_EQ(u.apdu.security_control_byte, 0x30);
  EXPECT_TRUE(u.apdu.has_system_title);
  plain.resize(u.plain_size);
  EXPECT_EQ(plain, bytes_of(plain_meter.engine.poll(0.0)));
  // A flipped octet fails the authentication.
  Bytes forged(a->apdu.begin(), a->apdu.end());
  forged.back() ^= 1;
  security::InvocationCounterGuard fresh;
  EXPECT_FALSE(security::unprotect(forged, keys, title, &fresh, plain, &u).is_ok());
}

TEST(PushEngine, TheSecurityPolicyInForceDecidesTheProtectionAboveTheFloor) {
  const security::SystemTitle title{'Q', 'D', 'R', 0, 0, 0, 0, 1};
  const security::Key128 ek{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  security::Key128 ak{};
  for (std::size_t k = 0; k < ak.size(); ++k) ak[k] = static_cast<std::uint8_t>(0xD0 + k);
  std::uint32_t counter = 5;
  std::uint8_t policy = 0;
  PushEngineConfig c;
  c.security = {Protection::kNone, &policy, &title, &ek, &ak, &counter};
  PushFixture f(PushFixture::alarm_settings(), c);
  security::ReceiveKeys keys;
  keys.global_unicast = &ek;
  keys.authentication = ak;
  security::InvocationCounterGuard guard;
  // Sends (and takes as delivered) the notification of one alarm at `t`.
  auto next = [&](quality::Input input, double t) {
    f.meter.set_fraud_input(input, true, t);
    const Attempt* a = f.engine.poll(t);
    Bytes out = bytes_of(a);
    if (a != nullptr) f.engine.delivered(t);
    return out;
  };
  // Policy 0, floor none: in plain (a DataNotification, tag 0F); no counter spent.
  EXPECT_EQ(f.engine.protection(), Protection::kNone);
  Bytes apdu = next(quality::Input::kTerminalCover, 0.0);
  ASSERT_FALSE(apdu.empty());
  EXPECT_EQ(apdu[0], 0x0F);
  EXPECT_EQ(counter, 5u);

  // Authenticated responses (bit 5): general-glo-ciphering, security control 0x10, the plain
  // DataNotification readable inside and authenticated by the tag.
  policy = cosem::security_policy::kAuthenticatedRequest | cosem::security_policy::kAuthenticatedResponse;
  EXPECT_EQ(f.engine.protection(), Protection::kAuthenticated);
  apdu = next(quality::Input::kMeterCase, 1.0);
  ASSERT_FALSE(apdu.empty());
  EXPECT_EQ(apdu[0], security::tag::kGeneralGloCiphering);
  Bytes plain(1024);
  security::Unprotected u;
  ASSERT_TRUE(security::unprotect(apdu, keys, title, &guard, plain, &u).is_ok());
  EXPECT_EQ(u.apdu.security_control_byte, 0x10);
  EXPECT_EQ(u.apdu.invocation_counter, 5u);
  EXPECT_EQ(plain[0], 0x0F);

  // Every suite 0 bit: authenticated and encrypted (security control 0x30).
  policy = cosem::security_policy::kSuite0Bits;
  apdu = next(quality::Input::kMagneticField, 2.0);
  ASSERT_FALSE(apdu.empty());
  ASSERT_TRUE(security::unprotect(apdu, keys, title, &guard, plain, &u).is_ok());
  EXPECT_EQ(u.apdu.security_control_byte, 0x30);
  EXPECT_EQ(u.apdu.invocation_counter, 6u);
  EXPECT_EQ(plain[0], 0x0F);
  EXPECT_EQ(counter, 7u);
}

TEST(PushEngine, TheConfiguredFloorHoldsUnderAWeakerPolicy) {
  const security::SystemTitle title{'Q', 'D', 'R', 0, 0, 0, 0, 1};
  const security::Key128 ek{};
  const security::Key128 ak{};
  std::uint32_t counter = 1;
  std::uint8_t policy = cosem::security_policy::kAuthenticatedResponse;
  PushEngineConfig c;
  c.security = {Protection::kEncrypted, &policy, &title, &ek, &ak, &counter};
  PushFixture f(PushFixture::alarm_settings(), c);
  EXPECT_EQ(f.engine.protection(), Protection::kAuthenticatedEncrypted);  // the union
  policy = 0;
  EXPECT_EQ(f.engine.protection(), Protection::kEncrypted);
  // A policy without the keys to honour it is refused at start.
  c.security = {Protection::kNone, &policy, nullptr, nullptr, nullptr, nullptr};
  EXPECT_FALSE(PushEngine::validate(c).is_ok());
}

TEST(PushEngine, KeptNotificationsArePutBackAfterARestartAndGoFirst) {
  Bytes first, second;
  std::vector<Bytes> kept;
  std::vector<std::uint32_t> ids;
  {
    PushFixture before;
    EXPECT_EQ(before.engine.queue_changes(), 0u);
    before.meter.set_fraud_input(quality::Input::kTerminalCover, true, 0.0);
    const Attempt* a = before.engine.poll(0.0);
    ASSERT_NE(a, nullptr);
    first = bytes_of(a);
    before.engine.failed(0.0);  // no retries configured: the round is spent
    before.meter.set_fraud_input(quality::Input::kMeterCase, true, 1.0);
    a = before.engine.poll(1.0);  // built behind the first, which gets a new round at once
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(bytes_of(a), first);
    before.engine.failed(1.0);
    ASSERT_EQ(before.engine.pending(), 2u);
    EXPECT_EQ(before.engine.queue_changes(), 2u);
    for (std::size_t k = 0; k < before.engine.pending(); ++k) {
      const PushEngine::Kept c = before.engine.kept(k);
      kept.emplace_back(c.apdu.begin(), c.apdu.end());
      ids.push_back(c.invoke_id);
    }
  }
  EXPECT_EQ(kept[0], first);
  EXPECT_EQ(ids, (std::vector<std::uint32_t>{1, 2}));

  PushFixture after;
  for (std::size_t k = 0; k < kept.size(); ++k) ASSERT_TRUE(after.engine.restore(ids[k], kept[k], 50.0).is_ok());
  EXPECT_EQ(after.engine.pending(), 2u);
  // Due at once, oldest first, byte for byte as built before the restart.
  const Attempt* a = after.engine.poll(50.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(bytes_of(a), first);
  EXPECT_EQ(a->invoke_id, 1u);
  EXPECT_EQ(a->attempt, 1u);
  after.engine.delivered(50.0);
  a = after.engine.poll(50.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(bytes_of(a), kept[1]);
  after.engine.delivered(50.0);
  // A new alarm continues the invoke ids.
  after.meter.set_fraud_input(quality::Input::kMagneticField, true, 51.0);
  a = after.engine.poll(51.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->invoke_id, 3u);
}

TEST(PushEngine, RestoreRefusesWhatDoesNotFit) {
  PushEngineConfig c;
  c.queue_capacity = 1;
  c.apdu_capacity = 64;
  PushFixture f(PushFixture::alarm_settings(), c);
  const Bytes big(65, 0x0F);
  EXPECT_FALSE(f.engine.restore(1, big, 0.0).is_ok());
  EXPECT_FALSE(f.engine.restore(1, Bytes{}, 0.0).is_ok());
  EXPECT_FALSE(f.engine.restore(0, Bytes{0x0F}, 0.0).is_ok());
  EXPECT_FALSE(f.engine.restore(0x1000000, Bytes{0x0F}, 0.0).is_ok());
  EXPECT_EQ(f.engine.pending(), 0u);
  EXPECT_TRUE(f.engine.restore(7, Bytes{0x0F}, 0.0).is_ok());
  EXPECT_FALSE(f.engine.restore(8, Bytes{0x0F}, 0.0).is_ok());  // full
  EXPECT_EQ(f.engine.pending(), 1u);
}

TEST(PushEngine, PushesOneElementByDataIndex) {
  PushSettings s;
  s.set_destination("h:1");
  s.add_object({40, kAlarmPushLn, 3, 2});  // send_destination_and_method, element 2: destination
  s.add_object({40, kAlarmPushLn, 3, 9});  // no such element: null
  s.add_object({3, meter::Obis(9, 9, 9, 9, 9), 2, 0});  // no such object: null
  PushFixture f(s);
  f.engine.trigger(Trigger::kMethod);
  const Attempt* a = f.engine.poll(0.0);
  ASSERT_NE(a, nullptr);
  dlms::DataNotification n;
  ASSERT_TRUE(dlms::decode_data_notification(a->apdu, &n).is_ok());
  EXPECT_EQ(Bytes(n.body.begin(), n.body.end()), dlms::testing::hex("02 03 09 03 683A31 00 00"));
}

TEST(PushEngine, RefusesSettingsOutOfRange) {
  PushSettings s = PushFixture::alarm_settings();
  s.set_destination("127.0.0.1");
  EXPECT_FALSE(validate(s).is_ok());
  s.set_destination("host:70000");
  EXPECT_FALSE(validate(s).is_ok());
  s.set_destination("host:4061");
  EXPECT_TRUE(validate(s).is_ok());
  s.transport = TransportService::kUdp;
  EXPECT_EQ(validate(s).code(), StatusCode::kNotSupported);
  PushEngineConfig c;
  c.security.protection = Protection::kAuthenticated;
  EXPECT_FALSE(PushEngine::validate(c).is_ok());
}

}  // namespace
}  // namespace quadra::push
