// The HDLC ports on real file descriptors: a serial port on a pseudo-terminal, HDLC over TCP on a
// free port (two clients at once), and the optical port's mode E switch (IEC 62056-21 sign-on,
// ACK 2 Z 2, then SNRM, AARQ, GET, DISC, and back to mode C). The client side is the project's
// own HDLC client station; the server side is the meter's real DLMS server.
#include <fcntl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/link/hdlc/hdlc_client.h"
#include "host/cli/dlms_service.h"
#include "host/ports/hdlc_tcp_port.h"
#include "host/ports/optical_port.h"
#include "host/ports/serial_port.h"

namespace quadra::host::ports {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& s) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
  return out;
}

const Bytes kAarqPublic = hex("601DA109060760857405080101BE10040E01000000065F1F0400401E5DFFFF");
const Bytes kGetClockLn = hex("C001C100080000010000FF0100");
const Bytes kClockLn = hex("C401C10009060000010000FF");

// A non-blocking file descriptor (pty slave or TCP socket) with the project's HDLC client on it.
// `serve` runs the meter's side once (the port's service or poll).
class FdClient {
 public:
  FdClient(int fd, std::function<void()> serve, std::uint8_t sap = 16)
      : fd_(fd), serve_(std::move(serve)), rx_(0x10000), tx_(0x1000), client_(config(sap), rx_, tx_) {}
  ~FdClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  static hdlc::ClientConfig config(std::uint8_t sap) {
    hdlc::ClientConfig c;
    c.client_sap = sap;
    return c;
  }
  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }

  // Writes and reads until the client has nothing to send and awaits nothing (bounded).
  void pump() {
    for (int guard = 0; guard < 2000; ++guard) {
      for (auto o = client_.next_output(0); !o.empty(); o = client_.next_output(0)) {
        ASSERT_EQ(::write(fd_, o.data(), o.size()), static_cast<ssize_t>(o.size()));
      }
      serve_();
      std::uint8_t buf[2048];
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n > 0) client_.feed(std::span<const std::uint8_t>(buf, static_cast<std::size_t>(n)), 0);
      const auto s = client_.state();
      if (n <= 0 && !client_.busy() && s != hdlc::HdlcClient::State::kConnecting &&
          s != hdlc::HdlcClient::State::kDisconnecting)
        return;
      if (n <= 0) ::usleep(1000);
    }
    ADD_FAILURE() << "no answer";
  }
  void connect() {
    client_.connect();
    pump();
  }
  void disconnect() {
    client_.disconnect();
    pump();
  }
  Bytes request(const Bytes& apdu) {
    EXPECT_TRUE(client_.send_apdu(apdu).is_ok());
    pump();
    const auto r = client_.take_apdu();
    return r ? Bytes(r->begin(), r->end()) : Bytes{};
  }
  hdlc::HdlcClient& station() { return client_; }

 private:
  int fd_;
  std::function<void()> serve_;
  Bytes rx_, tx_;
  hdlc::HdlcClient client_;
};

int open_pty(const std::string& path) { return ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK); }

int connect_tcp(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

struct Meter : ::testing::Test {
  Meter() : meter(settings()), service(meter, "QDR00000001", now_s, 1, &ports) {}
  static meter::MeterSettings settings() {
    meter::MeterSettings s;
    s.rtc.start_utc = 1767222000;
    s.billing = meter::default_billing_settings();
    return s;
  }
  double now_s = 0;
  io::PortSettings ports;
  meter::Meter meter;
  DlmsService service;
};

TEST_F(Meter, SerialPortOnAPty) {
  SerialPort port(service, ports.hdlc[io::PortSettings::kSerial1], "serial 1", "");
  EXPECT_EQ(port.slave_path().rfind("/dev/pts/", 0), 0u);
  std::uint64_t t = 0;
  FdClient c(open_pty(port.slave_path()), [&] { port.service(t += 5); });
  ASSERT_TRUE(c.ok());
  c.connect();
  ASSERT_EQ(c.station().state(), hdlc::HdlcClient::State::kConnected);
  EXPECT_EQ(c.request(kAarqPublic)[0], 0x61);
  EXPECT_EQ(c.request(kGetClockLn), kClockLn);
  c.disconnect();
  EXPECT_EQ(c.station().state(), hdlc::HdlcClient::State::kDisconnected);
  EXPECT_EQ(port.link().stats().connections, 1u);
  EXPECT_EQ(port.link().stats().responses, 2u);
}

TEST_F(Meter, HdlcOverTcpServesTwoClientsAtOnce) {
  HdlcTcpPortOptions o;
  o.address = "127.0.0.1";
  o.port = 0;
  HdlcTcpPort port(service, ports.hdlc[io::PortSettings::kHdlcTcp], o);
  ASSERT_NE(port.port(), 0);
  auto serve = [&] { port.run_for(std::chrono::milliseconds(2)); };
  FdClient a(connect_tcp(port.port()), serve);
  FdClient b(connect_tcp(port.port()), serve, 17);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  a.connect();
  b.connect();  // each connection has its own station: both are connected
  ASSERT_EQ(a.station().state(), hdlc::HdlcClient::State::kConnected);
  ASSERT_EQ(b.station().state(), hdlc::HdlcClient::State::kConnected);
  EXPECT_EQ(a.request(kAarqPublic)[0], 0x61);
  EXPECT_EQ(b.request(kGetClockLn)[0], 0xD8) << "b has no association of its own yet";
  EXPECT_EQ(a.request(kGetClockLn), kClockLn);
  a.disconnect();
  EXPECT_EQ(a.station().state(), hdlc::HdlcClient::State::kDisconnected);
  EXPECT_EQ(port.stats().accepted, 2u);
  EXPECT_EQ(port.stats().open, 2u);  // DISC leaves the TCP connection open
}

TEST_F(Meter, OpticalModeEServesHdlcThenModeC) {
  OpticalPortOptions po;
  po.dlms = &service;
  po.hdlc = &ports.hdlc[io::PortSettings::kOpticalHdlc];
  OpticalPort port(meter, po);
  const int fd = open_pty(port.slave_path());
  ASSERT_GE(fd, 0);
  auto receive = [&] {
    std::string r;
    char buf[512];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) r.append(buf, static_cast<std::size_t>(n));
    return r;
  };
  auto send = [&](const std::string& s) { ASSERT_EQ(::write(fd, s.data(), s.size()), static_cast<ssize_t>(s.size())); };
  std::uint64_t t = 1000;
  send("/?!\r\n");
  port.service(t);
  port.service(t += 300);
  EXPECT_EQ(receive(), "/QDR5\\2QUADRA\r\n");
  send("\x06" "252\r\n");
  port.service(t += 100);
  port.service(t += 300);
  EXPECT_EQ(receive(), "\x06" "252\r\n");
  ASSERT_TRUE(port.in_hdlc());

  FdClient c(::dup(fd), [&] { port.service(t += 5); });
  c.connect();
  ASSERT_EQ(c.station().state(), hdlc::HdlcClient::State::kConnected);
  EXPECT_EQ(c.request(kAarqPublic)[0], 0x61);
  EXPECT_EQ(c.request(kGetClockLn), kClockLn);
  c.disconnect();
  EXPECT_EQ(c.station().state(), hdlc::HdlcClient::State::kDisconnected);
  EXPECT_FALSE(port.in_hdlc());

  // Mode C again: a sign-on is answered.
  send("/?!\r\n");
  port.service(t += 10);
  port.service(t += 300);
  EXPECT_EQ(receive(), "/QDR5\\2QUADRA\r\n");
  ::close(fd);
}

TEST_F(Meter, OpticalModeEWithoutSnrmFallsBackAfterTheInactivityTime) {
  OpticalPortOptions po;
  po.dlms = &service;
  po.hdlc = &ports.hdlc[io::PortSettings::kOpticalHdlc];
  OpticalPort port(meter, po);
  const int fd = open_pty(port.slave_path());
  ASSERT_GE(fd, 0);
  auto send = [&](const std::string& s) { ASSERT_EQ(::write(fd, s.data(), s.size()), static_cast<ssize_t>(s.size())); };
  send("/?!\r\n");
  port.service(0);
  port.service(300);
  send("\x06" "252\r\n");
  port.service(400);
  port.service(700);
  ASSERT_TRUE(port.in_hdlc());
  port.service(700 + 119'000);
  EXPECT_TRUE(port.in_hdlc());
  port.service(700 + 121'000);
  EXPECT_FALSE(port.in_hdlc());
  ::close(fd);
}

}  // namespace
}  // namespace quadra::host::ports
