// The push setups and the communication module over real loopback sockets. Meter time is driven
// by the test (10 ms a step); each step polls the push service and lets the receiver run, so
// "within 1 s" is counted in meter time, as the meter itself counts it.
#include "host/cli/push_service.h"

#include <gtest/gtest.h>

#include <asio.hpp>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/cosem/security_setup_object.h"
#include "core/dlms/notification.h"
#include "core/dlms/test_hex.h"
#include "core/push/default_pushes.h"
#include "core/push/push_schedule.h"
#include "core/recording/default_alarms.h"
#include "core/recording/event_codes.h"
#include "core/security/ciphered_apdu.h"
#include "host/cli/meta_store_testing.h"
#include "host/cli/modem.h"

namespace quadra::host {
namespace {

using asio::ip::tcp;
using Bytes = std::vector<std::uint8_t>;

// A push receiver (a head end's listener): takes connections and keeps every byte received on
// each, until the peer closes it.
class Receiver {
 public:
  explicit Receiver(std::uint16_t port = 0) : acceptor_(io_) {
    const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
    acceptor_.open(ep.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen();
    accept();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void run(std::chrono::milliseconds d) {
    io_.restart();
    io_.run_for(d);
  }
  // Connections closed by the meter, with what they carried.
  std::vector<Bytes> received;

 private:
  struct Connection {
    explicit Connection(asio::io_context& io) : socket(io) {}
    tcp::socket socket;
    Bytes data;
    std::array<std::uint8_t, 2048> chunk{};
  };
  void accept() {
    auto c = std::make_shared<Connection>(io_);
    acceptor_.async_accept(c->socket, [this, c](const asio::error_code& ec) {
      if (ec) return;
      read(c);
      accept();
    });
  }
  void read(std::shared_ptr<Connection> c) {
    c->socket.async_read_some(asio::buffer(c->chunk), [this, c](const asio::error_code& ec, std::size_t n) {
      c->data.insert(c->data.end(), c->chunk.begin(), c->chunk.begin() + static_cast<std::ptrdiff_t>(n));
      if (ec) {
        received.push_back(c->data);
        return;
      }
      read(c);
    });
  }
  asio::io_context io_;
  tcp::acceptor acceptor_;
};

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;  // 2026-01-01T00:00:00+01:00
  s.events.alarm_map = recording::kDefaultAlarmMap;  // terminal cover = bit 8, meter case 9, magnet 10
  return s;
}

struct PushHostTest : ::testing::Test {
  PushHostTest() : meter(settings()), dlms(meter, "QDR00000001", now_s, 100) {}

  MeterConfig::Push config(std::uint16_t port) {
    MeterConfig::Push p;
    p.delivery.set_destination("127.0.0.1:" + std::to_string(port));
    p.delivery.number_of_retries = 2;
    p.delivery.repetition_delay_s = 5;
    p.interval_s = 0;
    return p;
  }
  // Steps of 10 ms of meter time until the receiver has `count` notifications or `limit_s` of
  // meter time passed; returns the meter time it took.
  double run_until(PushService& pushes, Receiver* receiver, std::size_t count, double limit_s) {
    const double from = now_s;
    while (now_s - from < limit_s && (receiver == nullptr || receiver->received.size() < count)) {
      pushes.poll(now_s);
      if (receiver != nullptr) receiver->run(std::chrono::milliseconds(2));
      else std::this_thread::sleep_for(std::chrono::milliseconds(1));
      now_s += 0.01;
    }
    return now_s - from;
  }
  // The DataNotification inside one received connection: wrapper frame from wPort 1 to 102,
  // general-glo-ciphering under the meter's keys.
  Bytes notification(const Bytes& frame) {
    EXPECT_GE(frame.size(), 8u);
    if (frame.size() < 8) return {};
    EXPECT_EQ(Bytes(frame.begin(), frame.begin() + 6), (Bytes{0x00, 0x01, 0x00, 0x01, 0x00, 0x66}));
    EXPECT_EQ(static_cast<std::size_t>(frame[6] << 8 | frame[7]), frame.size() - 8);
    const std::span<const std::uint8_t> apdu(frame.data() + 8, frame.size() - 8);
    security::ReceiveKeys keys;
    const security::Key128 ek = kDefaultEncryptionKey;
    keys.global_unicast = &ek;
    keys.authentication = kDefaultAuthenticationKey;
    Bytes plain(2048);
    security::Unprotected u;
    EXPECT_TRUE(security::unprotect(apdu, keys, dlms.system_title(), &guard, plain, &u).is_ok());
    plain.resize(u.plain_size);
    return plain;
  }
  // The alarm register value, the last element of the alarm push's structure.
  std::uint32_t alarm_register(const Bytes& plain, std::uint32_t* invoke_id) {
    dlms::DataNotification n;
    EXPECT_TRUE(dlms::decode_data_notification(plain, &n).is_ok());
    *invoke_id = n.invoke.invoke_id();
    const auto b = n.body.last(5);
    EXPECT_EQ(b[0], 0x06);
    return static_cast<std::uint32_t>(b[1] << 24 | b[2] << 16 | b[3] << 8 | b[4]);
  }
  std::size_t comm_events(std::uint16_t code) const {
    const recording::EventLog& log = meter.events().log(recording::LogGroup::kCommunication);
    std::size_t n = 0;
    for (std::size_t k = 0; k < log.entries_in_use(); ++k) n += log.entry(k).code == code ? 1 : 0;
    return n;
  }

  double now_s = 0.0;
  meter::Meter meter;
  DlmsService dlms;
  security::InvocationCounterGuard guard;
};

TEST_F(PushHostTest, TheAlarmReachesTheReceiverWithinOneSecondAlsoAfterAnOutage) {
  auto receiver = std::make_unique<Receiver>();
  const std::uint16_t port = receiver->port();
  PushService pushes(meter, dlms, config(port), 7, nullptr);
  run_until(pushes, receiver.get(), 1, 2.0);
  ASSERT_TRUE(receiver->received.empty());  // nothing to push yet

  meter.set_fraud_input(quality::Input::kTerminalCover, true, now_s);
  EXPECT_LE(run_until(pushes, receiver.get(), 1, 5.0), 1.0);
  ASSERT_EQ(receiver->received.size(), 1u);
  std::uint32_t id = 0;
  EXPECT_EQ(alarm_register(notification(receiver->received[0]), &id), 0x100u);  // bit 8: terminal cover
  EXPECT_EQ(id, 1u);

  // The receiver goes down: the meter case alarm is tried 1 + 2 times, 5 s apart, then the
  // failure is logged and the notification kept.
  receiver.reset();
  meter.set_fraud_input(quality::Input::kMeterCase, true, now_s);
  run_until(pushes, nullptr, 0, 12.0);
  EXPECT_EQ(pushes.alarm().stats().failed_attempts, 3u);
  EXPECT_EQ(comm_events(recording::event_code::kPushDeliveryFailed), 1u);
  EXPECT_EQ(pushes.alarm().pending(), 1u);

  // Back up: the next alarm (magnetic field) brings the kept one first, all within 1 s.
  receiver = std::make_unique<Receiver>(port);
  meter.set_fraud_input(quality::Input::kMagneticField, true, now_s);
  EXPECT_LE(run_until(pushes, receiver.get(), 2, 5.0), 1.0);
  ASSERT_EQ(receiver->received.size(), 2u);
  EXPECT_EQ(alarm_register(notification(receiver->received[0]), &id), 0x300u);  // + bit 9: meter case
  EXPECT_EQ(id, 2u);
  EXPECT_EQ(alarm_register(notification(receiver->received[1]), &id), 0x700u);  // + bit 10: magnetic field
  EXPECT_EQ(id, 3u);
  EXPECT_EQ(pushes.alarm().pending(), 0u);
}

TEST_F(PushHostTest, RaisingTheSecurityPolicyCiphersTheNextNotification) {
  Receiver receiver;
  MeterConfig::Push c = config(receiver.port());
  c.protection = push::Protection::kNone;  // no floor: the policy alone decides
  PushService pushes(meter, dlms, c, 7, nullptr);
  // Policy 0 allows plain notifications: the wrapper frame carries the DataNotification itself.
  meter.set_fraud_input(quality::Input::kTerminalCover, true, now_s);
  run_until(pushes, &receiver, 1, 5.0);
  ASSERT_EQ(receiver.received.size(), 1u);
  const Bytes& first = receiver.received[0];
  ASSERT_GT(first.size(), 8u);
  EXPECT_EQ(first[8], 0x0F);
  std::uint32_t id = 0;
  EXPECT_EQ(alarm_register(Bytes(first.begin() + 8, first.end()), &id), 0x100u);

  // security_activate (0.0.43.0.0.255 method 1) with every suite 0 bit, as the management
  // client calls it; the session applies it after its response.
  cosem::CosemObject* setup = dlms.directory().find(64, meter::Obis(0, 0, 43, 0, 0));
  ASSERT_NE(setup, nullptr);
  Bytes out(16);
  dlms::AxdrWriter w(out);
  bool has_data = false;
  const Bytes policy{0x16, cosem::security_policy::kSuite0Bits};
  ASSERT_EQ(setup->action(1, policy, w, has_data, cosem::RequestContext{now_s, nullptr}),
            cosem::ActionResult::kSuccess);
  dlms.security().apply_pending();
  const std::uint32_t counter = dlms.next_invocation_counter();

  meter.set_fraud_input(quality::Input::kMeterCase, true, now_s);
  run_until(pushes, &receiver, 2, 5.0);
  ASSERT_EQ(receiver.received.size(), 2u);
  const Bytes& second = receiver.received[1];
  ASSERT_GT(second.size(), 8u);
  EXPECT_EQ(second[8], security::tag::kGeneralGloCiphering);
  // Deciphered with the meter's keys: authenticated and encrypted, under the meter's next counter.
  security::ReceiveKeys keys;
  const security::Key128 ek = kDefaultEncryptionKey;
  keys.global_unicast = &ek;
  keys.authentication = kDefaultAuthenticationKey;
  Bytes plain(2048);
  security::Unprotected u;
  ASSERT_TRUE(security::unprotect(std::span<const std::uint8_t>(second).subspan(8), keys, dlms.system_title(), &guard,
                                  plain, &u)
                  .is_ok());
  EXPECT_EQ(u.apdu.security_control_byte, 0x30);
  EXPECT_EQ(u.apdu.invocation_counter, counter);
  plain.resize(u.plain_size);
  EXPECT_EQ(alarm_register(plain, &id), 0x300u);
  EXPECT_EQ(id, 2u);
}

using testing::FakeMeta;

TEST_F(PushHostTest, PendingAlarmsReachAHeadEndThatComesBackAfterAMeterRestart) {
  FakeMeta meta;
  auto receiver = std::make_unique<Receiver>();
  const std::uint16_t port = receiver->port();
  receiver.reset();  // the head end is down
  Bytes kept_first;
  {
    DlmsService before(meter, "QDR00000001", now_s, 100);
    PushService pushes(meter, before, config(port), 7, nullptr);
    pushes.attach_store(meta.store(), now_s);
    meter.set_fraud_input(quality::Input::kTerminalCover, true, now_s);
    run_until(pushes, nullptr, 0, 12.0);
    meter.set_fraud_input(quality::Input::kMeterCase, true, now_s);
    run_until(pushes, nullptr, 0, 1.0);
    EXPECT_GE(pushes.alarm().stats().failed_attempts, 3u);
    ASSERT_EQ(pushes.alarm().pending(), 2u);
    kept_first.assign(pushes.alarm().kept(0).apdu.begin(), pushes.alarm().kept(0).apdu.end());
  }  // the meter stops
  ASSERT_EQ(meta.values.count("push_queue 0.0.25.9.0.255"), 1u);
  EXPECT_EQ(meta.values["push_queue 0.0.25.9.0.255"].substr(0, 2), "1:");

  // The meter starts again on the same store, then the head end comes back: both alarms arrive,
  // oldest first, without a new trigger, byte for byte as built before the restart.
  DlmsService restarted(meter, "QDR00000001", now_s, 100);
  PushService pushes(meter, restarted, config(port), 7, nullptr);
  pushes.attach_store(meta.store(), now_s);
  EXPECT_EQ(pushes.alarm().pending(), 2u);
  receiver = std::make_unique<Receiver>(port);
  run_until(pushes, receiver.get(), 2, 5.0);
  ASSERT_EQ(receiver->received.size(), 2u);
  EXPECT_EQ(Bytes(receiver->received[0].begin() + 8, receiver->received[0].end()), kept_first);
  std::uint32_t id = 0;
  EXPECT_EQ(alarm_register(notification(receiver->received[0]), &id), 0x100u);
  EXPECT_EQ(id, 1u);
  EXPECT_EQ(alarm_register(notification(receiver->received[1]), &id), 0x300u);
  EXPECT_EQ(id, 2u);
  // Delivered: the store's queue is empty, so a further restart sends nothing again.
  run_until(pushes, nullptr, 0, 0.05);
  EXPECT_EQ(pushes.alarm().pending(), 0u);
  EXPECT_EQ(meta.values["push_queue 0.0.25.9.0.255"], "");
}

TEST_F(PushHostTest, PushSetupsWrittenOverDlmsSurviveARestart) {
  FakeMeta meta;
  const Bytes destination = dlms::testing::hex("02 03 16 00 09 0E 3139322E302E322E373A34303539 16 00");
  const Bytes retries = dlms::testing::hex("11 05");
  {
    DlmsService before(meter, "QDR00000001", now_s, 100);
    PushService pushes(meter, before, config(4059), 7, nullptr);
    pushes.attach_store(meta.store(), now_s);
    cosem::CosemObject* setup = before.directory().find(40, push::kIntervalPushLn);
    ASSERT_NE(setup, nullptr);
    ASSERT_EQ(setup->set(3, destination, cosem::RequestContext{now_s, nullptr}), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(setup->set(6, retries, cosem::RequestContext{now_s, nullptr}), dlms::DataAccessResult::kSuccess);
    pushes.poll(now_s);
  }
  DlmsService again(meter, "QDR00000001", now_s, 100);
  PushService pushes(meter, again, config(4059), 7, nullptr);
  pushes.attach_store(meta.store(), now_s);
  EXPECT_EQ(pushes.interval().settings().destination_view(), "192.0.2.7:4059");
  EXPECT_EQ(pushes.interval().settings().number_of_retries, 5);
  EXPECT_EQ(pushes.alarm().settings().number_of_retries, 2);  // untouched: the configuration's
  cosem::CosemObject* setup = again.directory().find(40, push::kIntervalPushLn);
  Bytes read(64);
  dlms::AxdrWriter w(read);
  ASSERT_EQ(setup->get(3, dlms::SelectiveAccess{}, w, cosem::RequestContext{}), dlms::DataAccessResult::kSuccess);
  read.resize(w.size());
  EXPECT_EQ(read, destination);

  // A damaged value stops the start, naming its key.
  meta.values["push_setup 0.0.25.9.1.255"] = "6=11";
  DlmsService third(meter, "QDR00000001", now_s, 100);
  PushService broken(meter, third, config(4059), 7, nullptr);
  try {
    broken.attach_store(meta.store(), now_s);
    ADD_FAILURE() << "a damaged push setup was taken";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("push_setup 0.0.25.9.1.255"), std::string::npos) << e.what();
  }
}

TEST(PushClient, SaysWhyANotificationWasNotDelivered) {
  ports::PushClient client;
  const Bytes apdu{0x0F, 0, 0, 0, 1, 0, 0};
  client.send("no-port", apdu);
  auto r = client.run_for(std::chrono::seconds(5));
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->delivered);
  EXPECT_EQ(r->error, "destination is not host:port");
  EXPECT_FALSE(client.busy());
  // A port nobody listens on (taken, then closed again).
  std::uint16_t port = 0;
  {
    Receiver gone;
    port = gone.port();
  }
  client.send("127.0.0.1:" + std::to_string(port), apdu);
  r = client.run_for(std::chrono::seconds(5));
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->delivered);
  EXPECT_FALSE(r->error.empty());
}

TEST_F(PushHostTest, TheModemPortClosesWhenRemovedAndOpensWhenInserted) {
  cosem::ModemSettings ms;
  ms.set_apn("internet");
  ports::WrapperPortOptions po;
  po.address = "127.0.0.1";
  po.port = 0;
  Modem modem(meter, dlms, ms, po);
  ASSERT_TRUE(modem.present());
  const std::string endpoint = modem.local_endpoint();
  const auto port = static_cast<std::uint16_t>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1)));
  EXPECT_NE(dlms.directory().find(41, cosem::kTcpUdpSetupLn), nullptr);
  cosem::CosemObject* ipv4 = dlms.directory().find(42, cosem::kIpv4SetupLn);
  ASSERT_NE(ipv4, nullptr);
  Bytes address(16);
  dlms::AxdrWriter w(address);
  ASSERT_EQ(ipv4->get(3, dlms::SelectiveAccess{}, w, cosem::RequestContext{}), dlms::DataAccessResult::kSuccess);
  address.resize(w.size());
  EXPECT_EQ(address, (Bytes{0x06, 127, 0, 0, 1}));  // the address listened on
  EXPECT_NE(dlms.directory().find(45, cosem::kGprsModemSetupLn), nullptr);
  asio::io_context io;
  auto connects = [&] {
    tcp::socket s(io);
    asio::error_code ec;
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    return !ec;
  };
  EXPECT_TRUE(connects());
  modem.remove(1.0);
  EXPECT_FALSE(modem.present());
  EXPECT_FALSE(connects());
  EXPECT_EQ(comm_events(recording::event_code::kCommunicationModuleRemoved), 1u);
  modem.insert(2.0);
  EXPECT_TRUE(modem.present());
  EXPECT_EQ(modem.local_endpoint(), endpoint);
  EXPECT_TRUE(connects());
  EXPECT_EQ(comm_events(recording::event_code::kCommunicationModuleInserted), 1u);
}

TEST_F(PushHostTest, TheIntervalPushGoesAtThePushScheduleWhoseWrittenTimesSurviveARestart) {
  FakeMeta meta;
  Receiver receiver;
  MeterConfig::Push c = config(receiver.port());
  c.interval_s = 900;  // 0.0.15.0.4.255: FF:00, FF:15, FF:30, FF:45 of local time
  {
    DlmsService before(meter, "QDR00000001", now_s, 100);
    PushService pushes(meter, before, c, 7, nullptr);
    pushes.attach_store(meta.store(), now_s);
    pushes.poll(now_s);
    now_s = 899.0;
    run_until(pushes, &receiver, 1, 0.9);
    EXPECT_TRUE(receiver.received.empty());
    EXPECT_LE(run_until(pushes, &receiver, 1, 5.0), 1.0);  // 00:15:00 local
    ASSERT_EQ(receiver.received.size(), 1u);
    const Bytes plain = notification(receiver.received[0]);
    dlms::DataNotification n;
    ASSERT_TRUE(dlms::decode_data_notification(plain, &n).is_ok());
    EXPECT_FALSE(n.invoke.high_priority());
    // The body starts with the push setup's logical name: the interval push.
    EXPECT_EQ(Bytes(n.body.begin(), n.body.begin() + 10), dlms::testing::hex("02 05 09 06 0000190901FF"));
    // The management client moves it to once a day at 06:30.
    cosem::CosemObject* schedule = before.directory().find(22, push::kPushScheduleLn);
    ASSERT_NE(schedule, nullptr);
    ASSERT_EQ(schedule->set(4, dlms::testing::hex("01 01 02 02 09 04 061E0000 09 05 FFFFFFFFFF"),
                            cosem::RequestContext{now_s, nullptr}),
              dlms::DataAccessResult::kSuccess);
    pushes.poll(now_s);
  }
  EXPECT_EQ(meta.values.count("push_schedule"), 1u);
  DlmsService after(meter, "QDR00000001", now_s, 100);
  PushService pushes(meter, after, c, 7, nullptr);
  pushes.attach_store(meta.store(), now_s);
  Bytes read(64);
  dlms::AxdrWriter w(read);
  ASSERT_EQ(after.directory().find(22, push::kPushScheduleLn)->get(4, dlms::SelectiveAccess{}, w, cosem::RequestContext{}),
            dlms::DataAccessResult::kSuccess);
  read.resize(w.size());
  EXPECT_EQ(read, dlms::testing::hex("01 01 02 02 09 04 061E0000 09 05 FFFFFFFFFF"));
  // 00:30 passes without a push now.
  pushes.poll(now_s);
  now_s = 1799.5;
  run_until(pushes, &receiver, 2, 1.0);
  EXPECT_EQ(receiver.received.size(), 1u);
}

TEST_F(PushHostTest, ModemSettingsWrittenOverDlmsTakeEffectAtTheNextInsertionAndSurviveARestart) {
  FakeMeta meta;
  ports::WrapperPortOptions po;
  po.address = "127.0.0.1";
  po.port = 0;
  // A free port to move to: taken from the system, then let go.
  std::uint16_t new_port = 0;
  {
    Receiver probe;
    new_port = probe.port();
  }
  asio::io_context io;
  auto connects = [&](const char* address, std::uint16_t port) {
    tcp::socket s(io);
    asio::error_code ec;
    s.connect(tcp::endpoint(asio::ip::make_address(address), port), ec);
    return !ec;
  };
  auto set = [](DlmsService& d, std::uint16_t class_id, const meter::Obis& ln, std::uint8_t a, const char* hex) {
    return d.directory().find(class_id, ln)->set(a, dlms::testing::hex(hex), cosem::RequestContext{3.0, nullptr});
  };
  std::uint16_t old_port = 0;
  {
    DlmsService before(meter, "QDR00000001", now_s, 100);
    Modem modem(meter, before, cosem::ModemSettings{}, po, meta.store());
    const std::string endpoint = modem.local_endpoint();
    old_port = static_cast<std::uint16_t>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1)));
    const std::string port_hex = fmt::format("12 {:04X}", new_port);
    ASSERT_EQ(set(before, 41, cosem::kTcpUdpSetupLn, 2, port_hex.c_str()), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(set(before, 42, cosem::kIpv4SetupLn, 3, "06 7F000002"), dlms::DataAccessResult::kSuccess);  // 127.0.0.2
    ASSERT_EQ(set(before, 45, cosem::kGprsModemSetupLn, 2, "09 03 6D326D"), dlms::DataAccessResult::kSuccess);
    // The module's network (kept, never applied to the host): 127.0.0.0/8 via 127.0.0.1, DHCP,
    // DNS 127.0.0.53 and none.
    ASSERT_EQ(set(before, 42, cosem::kIpv4SetupLn, 6, "06 FF000000"), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(set(before, 42, cosem::kIpv4SetupLn, 7, "06 7F000001"), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(set(before, 42, cosem::kIpv4SetupLn, 8, "03 01"), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(set(before, 42, cosem::kIpv4SetupLn, 9, "06 7F000035"), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(set(before, 42, cosem::kIpv4SetupLn, 10, "06 00000000"), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(set(before, 42, cosem::kIpv4SetupLn, 7, "06 0A000001"), dlms::DataAccessResult::kOtherReason);
    ASSERT_EQ(set(before, 41, cosem::kTcpUdpSetupLn, 2, "12 0000"), dlms::DataAccessResult::kOtherReason);
    modem.poll(3.0);
    // In force only at the next insertion: the listener stays where it was until then.
    EXPECT_TRUE(connects("127.0.0.1", old_port));
    EXPECT_FALSE(connects("127.0.0.2", new_port));
    modem.remove(4.0);
    modem.insert(5.0);
    EXPECT_EQ(modem.local_endpoint(), fmt::format("127.0.0.2:{}", new_port));
    EXPECT_TRUE(connects("127.0.0.2", new_port));
    EXPECT_FALSE(connects("127.0.0.1", old_port));
  }
  ASSERT_EQ(meta.values.count("modem_setup"), 1u);
  // After a restart on the same store the module listens where it was told, whatever --modem says.
  DlmsService after(meter, "QDR00000001", now_s, 100);
  Modem modem(meter, after, cosem::ModemSettings{}, po, meta.store());
  EXPECT_EQ(modem.local_endpoint(), fmt::format("127.0.0.2:{}", new_port));
  Bytes apn(16);
  dlms::AxdrWriter w(apn);
  ASSERT_EQ(after.directory().find(45, cosem::kGprsModemSetupLn)->get(2, dlms::SelectiveAccess{}, w, cosem::RequestContext{}),
            dlms::DataAccessResult::kSuccess);
  apn.resize(w.size());
  EXPECT_EQ(apn, dlms::testing::hex("09 03 6D326D"));
  const auto ipv4 = [&](std::uint8_t attribute) {
    Bytes out(16);
    dlms::AxdrWriter wr(out);
    EXPECT_EQ(after.directory().find(42, cosem::kIpv4SetupLn)->get(attribute, dlms::SelectiveAccess{}, wr,
                                                                   cosem::RequestContext{}),
              dlms::DataAccessResult::kSuccess);
    out.resize(wr.size());
    return out;
  };
  EXPECT_EQ(ipv4(6), dlms::testing::hex("06 FF000000"));
  EXPECT_EQ(ipv4(7), dlms::testing::hex("06 7F000001"));
  EXPECT_EQ(ipv4(8), dlms::testing::hex("03 01"));
  EXPECT_EQ(ipv4(9), dlms::testing::hex("06 7F000035"));
  EXPECT_EQ(ipv4(10), dlms::testing::hex("06 00000000"));
  // A damaged store stops the start, naming the key: a port 0, a mask with a hole.
  std::string holed = meta.values["modem_setup"];
  const std::size_t at = holed.find("\"subnet_mask\":4278190080");
  ASSERT_NE(at, std::string::npos) << holed;
  holed.replace(at, 24, "\"subnet_mask\":4278255360");  // 255.0.255.0
  meta.values["modem_setup"] = holed;
  {
    DlmsService other(meter, "QDR00000001", now_s, 100);
    EXPECT_THROW(Modem(meter, other, cosem::ModemSettings{}, po, meta.store()), std::runtime_error);
  }
  meta.values["modem_setup"] = R"({"tcp_port":0})";
  DlmsService third(meter, "QDR00000001", now_s, 100);
  try {
    Modem broken(meter, third, cosem::ModemSettings{}, po, meta.store());
    ADD_FAILURE() << "a damaged modem_setup was taken";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("modem_setup"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace quadra::host
