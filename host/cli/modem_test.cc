// The communication module's diagnostics and Auto connect on the host, over real loopback
// sockets: the simulated network follows the module in and out, the Auto connect's settings
// survive a restart, and the meter dials a head end that listens (a socket of this test, port 0)
// and serves DLMS over that connection: the test reads a register over it with the project's DLMS
// client. The meter's loop (Modem::poll) runs on its own thread while the blocking client talks;
// only that thread touches the meter until it is joined. Waits are bounded (10 s) only so that a
// broken module fails instead of hanging; nothing asserts how fast anything happens.
#include "host/cli/modem.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/dlms/test_hex.h"
#include "core/meter/interval_values_testing.h"
#include "core/push/auto_connect_object.h"
#include "core/recording/event_codes.h"
#include "host/cli/meta_store_testing.h"
#include "host/client/wrapper_transport.h"

namespace quadra::host {
namespace {

using Bytes = std::vector<std::uint8_t>;
using dlms::testing::hex;
using testing::FakeMeta;

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;  // 2026-01-01T00:00:00+01:00
  return s;
}

// A head end's listener on 127.0.0.1, any free port.
class HeadEnd {
 public:
  HeadEnd() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(::listen(fd_, 4), 0);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~HeadEnd() {
    if (fd_ >= 0) ::close(fd_);
  }
  void close() {
    ::close(fd_);
    fd_ = -1;
  }
  // The next connection (its descriptor), or -1 after 10 s.
  int accept() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 10000) != 1) return -1;
    return ::accept(fd_, nullptr, nullptr);
  }
  // Whether a connection waits to be accepted, now.
  bool pending() {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1;
  }
  std::string destination() const { return "127.0.0.1:" + std::to_string(port); }
  std::uint16_t port = 0;

 private:
  int fd_ = -1;
};

// destination_list as A-XDR: an array of octet-strings.
Bytes destination_list(const std::vector<std::string>& destinations) {
  Bytes b;
  b.push_back(0x01);
  b.push_back(static_cast<std::uint8_t>(destinations.size()));
  for (const std::string& d : destinations) {
    b.push_back(0x09);
    b.push_back(static_cast<std::uint8_t>(d.size()));
    for (char c : d) b.push_back(static_cast<std::uint8_t>(c));
  }
  return b;
}

struct ModemTest : ::testing::Test {
  ModemTest() : meter(settings()), dlms(meter, "QDR00000001", now_s, 100) {
    port.address = "127.0.0.1";
    port.port = 0;
  }
  cosem::CosemObject& object(DlmsService& d, std::uint16_t class_id, const meter::Obis& ln) {
    cosem::CosemObject* o = d.directory().find(class_id, ln);
    if (o == nullptr) throw std::runtime_error("object not in the directory");
    return *o;
  }
  Bytes get(DlmsService& d, std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute) {
    Bytes out(512);
    dlms::AxdrWriter w(out);
    EXPECT_EQ(object(d, class_id, ln).get(attribute, dlms::SelectiveAccess{}, w, cosem::RequestContext{}),
              dlms::DataAccessResult::kSuccess);
    out.resize(w.size());
    return out;
  }
  dlms::DataAccessResult set(DlmsService& d, std::uint8_t attribute, const Bytes& value) {
    return object(d, 29, push::kAutoConnectLn).set(attribute, value, cosem::RequestContext{now_s, nullptr});
  }
  dlms::ActionResult connect(DlmsService& d) {
    Bytes out(16);
    dlms::AxdrWriter w(out);
    bool has_data = false;
    return object(d, 29, push::kAutoConnectLn).action(1, hex("0F 00"), w, has_data, cosem::RequestContext{now_s, nullptr});
  }
  std::vector<double> comm_events(std::uint16_t code) const {
    std::vector<double> contexts;
    const recording::EventLog& log = meter.events().log(recording::LogGroup::kCommunication);
    for (std::size_t k = 0; k < log.entries_in_use(); ++k) {
      if (log.entry(k).code == code) contexts.push_back(log.entry(k).context[0]);
    }
    return contexts;
  }
  // Polls the module on a thread of its own (the meter's loop) until stop().
  void run(Modem& modem) {
    running = true;
    loop = std::thread([this, &modem] {
      while (running) {
        modem.poll(now_s);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  void stop() {
    running = false;
    if (loop.joinable()) loop.join();
  }
  ~ModemTest() override { stop(); }

  double now_s = 2.0;
  meter::Meter meter;
  DlmsService dlms;
  ports::WrapperPortOptions port;
  std::atomic<bool> running{false};
  std::thread loop;
};

TEST_F(ModemTest, ServesTheDiagnosticsAndAutoConnectWithTheObjectListsClassesAndVersions) {
  Modem modem(meter, dlms, cosem::ModemSettings{}, port);
  EXPECT_EQ(object(dlms, 47, cosem::kGsmDiagnosticLn).version(), 1);  // objects.csv: 47 v1, 151 v1, 29 v2
  EXPECT_EQ(object(dlms, 151, cosem::kLteMonitoringLn).version(), 1);
  EXPECT_EQ(object(dlms, 29, push::kAutoConnectLn).version(), 2);
}

// The simulated network: registered as configured while the module is in, capture_time the
// meter's clock at registration; nothing registered while it is out.
TEST_F(ModemTest, TheRadioNetworkFollowsTheModule) {
  cosem::RadioNetwork radio = MeterConfig::default_radio_network();
  radio.set_operator("Test");
  radio.status = cosem::RegistrationStatus::kRoaming;
  Modem modem(meter, dlms, cosem::ModemSettings{}, port, {}, radio);
  ASSERT_TRUE(modem.present());
  modem.poll(now_s);  // registers at the first poll: 2026-01-01 00:00:02 (Thursday), +01:00
  const auto gsm = [&](std::uint8_t a) { return get(dlms, 47, cosem::kGsmDiagnosticLn, a); };
  EXPECT_EQ(gsm(2), hex("0A 04 54657374"));
  EXPECT_EQ(gsm(3), hex("16 05"));
  EXPECT_EQ(gsm(5), hex("16 05"));  // LTE
  EXPECT_EQ(gsm(6), hex("02 07 06 0001E240 12 0001 11 14 11 00 12 0001 12 0001 06 0000189C"));
  EXPECT_EQ(gsm(8), hex("19 07EA010104 00000200 FFC4 00"));
  EXPECT_EQ(get(dlms, 151, cosem::kLteMonitoringLn, 3), hex("02 04 0F F6 0F A1 0F 0C 16 00"));
  modem.remove(60.0);
  EXPECT_EQ(gsm(2), hex("0A 00"));
  EXPECT_EQ(gsm(3), hex("16 00"));
  EXPECT_EQ(gsm(5), hex("16 00"));
  EXPECT_EQ(gsm(6), hex("02 07 06 00000000 12 0000 11 63 11 63 12 0000 12 0000 06 00000000"));
  EXPECT_EQ(gsm(8), hex("19 07EA010104 00000200 FFC4 00"));  // still the last registration
  modem.insert(120.0);
  EXPECT_EQ(gsm(3), hex("16 05"));
  EXPECT_EQ(gsm(8), hex("19 07EA010104 00020000 FFC4 00"));  // 00:02:00
}

TEST_F(ModemTest, AutoConnectSettingsSurviveARestartAndADamagedOneStopsTheStart) {
  FakeMeta meta;
  const Bytes window = hex("01 01 02 02 09 0C FFFFFFFFFF 08000000 8000FF 09 0C FFFFFFFFFF 10000000 8000FF");
  {
    Modem modem(meter, dlms, cosem::ModemSettings{}, port, meta.store());
    ASSERT_EQ(set(dlms, 2, hex("16 66")), dlms::DataAccessResult::kSuccess);  // 102
    ASSERT_EQ(set(dlms, 3, hex("11 07")), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(set(dlms, 4, hex("12 001E")), dlms::DataAccessResult::kSuccess);
    ASSERT_EQ(set(dlms, 5, window), dlms::DataAccessResult::kSuccess);
    const Bytes list = destination_list({"head-end.example:4059"});
    ASSERT_EQ(set(dlms, 6, Bytes(list.begin() + 2, list.end())), dlms::DataAccessResult::kTypeUnmatched);  // no array
    ASSERT_EQ(set(dlms, 6, list), dlms::DataAccessResult::kSuccess);
    modem.poll(now_s);
  }
  ASSERT_EQ(meta.values.count("auto_connect"), 1u);
  DlmsService after(meter, "QDR00000001", now_s, 100);
  Modem modem(meter, after, cosem::ModemSettings{}, port, meta.store());
  EXPECT_EQ(get(after, 29, push::kAutoConnectLn, 2), hex("16 66"));
  EXPECT_EQ(get(after, 29, push::kAutoConnectLn, 3), hex("11 07"));
  EXPECT_EQ(get(after, 29, push::kAutoConnectLn, 4), hex("12 001E"));
  EXPECT_EQ(get(after, 29, push::kAutoConnectLn, 5), window);
  EXPECT_EQ(get(after, 29, push::kAutoConnectLn, 6), hex("01 01 09 15 686561642D656E642E6578616D706C653A34303539"));

  meta.values["auto_connect"] = R"({"mode":4,"repetitions":1,"repetition_delay":0,"calling_window":[],"destination_list":[]})";
  DlmsService damaged(meter, "QDR00000001", now_s, 100);
  try {
    Modem refused(meter, damaged, cosem::ModemSettings{}, port, meta.store());
    ADD_FAILURE() << "a stored mode 4 (SMS) was taken";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("store meta auto_connect"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("auto_connect.mode"), std::string::npos) << e.what();
  }
}

// The head end listens; connect (method 1) makes the module dial it, and the head end, as the
// client, reads the active energy total 1.0.1.8.0.255 over the meter-initiated connection.
TEST_F(ModemTest, ConnectDialsTheHeadEndWhichReadsARegisterOverTheConnection) {
  meter.on_interval(meter::constant_power_interval(0.0, 3600.0, 1000.0));  // 1 kWh
  HeadEnd head_end;
  HeadEnd unreachable;
  const std::string nobody = unreachable.destination();
  unreachable.close();
  Modem modem(meter, dlms, cosem::ModemSettings{}, port);
  ASSERT_EQ(set(dlms, 6, destination_list({nobody, head_end.destination()})),
            dlms::DataAccessResult::kSuccess);  // the first is not reachable
  ASSERT_EQ(connect(dlms), dlms::ActionResult::kSuccess);
  const Bytes expected = get(dlms, 3, meter::Obis(1, 0, 1, 8, 0), 2);
  run(modem);
  const int fd = head_end.accept();
  ASSERT_GE(fd, 0);
  Bytes value;
  {
    client::WrapperTransport transport(fd, 16, 1, 10000);
    client::DlmsClient c(transport, client::ClientConfig{});
    c.associate();
    value = c.get(dlms::AttributeDescriptor{3, meter::Obis(1, 0, 1, 8, 0).v, 2});
    c.release();
  }
  stop();
  EXPECT_EQ(value, expected);
  ASSERT_FALSE(value.empty());
  EXPECT_EQ(value[0], 0x15);  // long64-unsigned, as the register serves it
  EXPECT_TRUE(comm_events(recording::event_code::kAutoConnectFailed).empty());
}

TEST_F(ModemTest, AFailedConnectIsRetriedThenLogged) {
  HeadEnd gone;
  const std::string nobody = gone.destination();
  gone.close();
  Modem modem(meter, dlms, cosem::ModemSettings{}, port);
  ASSERT_EQ(set(dlms, 3, hex("11 02")), dlms::DataAccessResult::kSuccess);   // 2 repetitions
  ASSERT_EQ(set(dlms, 4, hex("12 0000")), dlms::DataAccessResult::kSuccess);  // no delay
  ASSERT_EQ(set(dlms, 6, destination_list({nobody})), dlms::DataAccessResult::kSuccess);
  ASSERT_EQ(connect(dlms), dlms::ActionResult::kSuccess);
  const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (comm_events(recording::event_code::kAutoConnectFailed).empty() && std::chrono::steady_clock::now() < limit) {
    modem.poll(now_s);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(comm_events(recording::event_code::kAutoConnectFailed), std::vector<double>{3.0});  // 1 + 2 rounds
  EXPECT_FALSE(modem.auto_connected());
}

TEST_F(ModemTest, NoConnectionWhileTheModuleIsOut) {
  HeadEnd head_end;
  Modem modem(meter, dlms, cosem::ModemSettings{}, port);
  ASSERT_EQ(set(dlms, 6, destination_list({head_end.destination()})), dlms::DataAccessResult::kSuccess);
  modem.remove(3.0);
  EXPECT_EQ(connect(dlms), dlms::ActionResult::kTemporaryFailure);
  // Permanently connected (101) dials by itself, but not while the module is out.
  ASSERT_EQ(set(dlms, 2, hex("16 65")), dlms::DataAccessResult::kSuccess);
  for (int k = 0; k < 50; ++k) modem.poll(now_s);
  EXPECT_FALSE(modem.auto_connected());
  EXPECT_FALSE(head_end.pending());
  modem.insert(4.0);
  run(modem);
  const int fd = head_end.accept();
  ASSERT_GE(fd, 0);
  ::close(fd);
  stop();
}

}  // namespace
}  // namespace quadra::host
