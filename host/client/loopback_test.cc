// The client over a real TCP connection: a scripted fake server on 127.0.0.1 (a listening
// socket in a thread) reads each wrapper frame and answers with canned APDUs. The answers are
// published vectors: pwitab/dlms-cosem tests/test_asce/test_aare.py (AARE accepted),
// tests/test_xdlms/test_get.py (GET-Response, hardware-fault), tests/test_xdlms/test_set.py (the
// clock date-time), tests/test_a_xdr.py (the 24-row load profile, here cut into two
// GET-Response-With-Datablock APDUs framed by hand from the IEC 62056-5-3 ASN.1) and
// tests/test_asce/test_rlre.py (RLRE).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <thread>

#include "core/dlms/test_hex.h"
#include "core/link/wrapper/wrapper.h"
#include "host/client/data_text.h"
#include "host/client/wrapper_transport.h"

namespace quadra::client {
namespace {

using dlms::testing::hex;
using dlms::testing::to_hex;
using Bytes = std::vector<std::uint8_t>;

// Listens on an ephemeral port; serve() accepts one connection and, for each answer in turn,
// reads one whole wrapper frame (kept in `received`) and sends the answer (an empty answer:
// sends nothing and waits for the client to close).
class FakeServer {
 public:
  FakeServer() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    EXPECT_EQ(::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    EXPECT_EQ(::listen(listen_fd_, 1), 0);
    socklen_t len = sizeof a;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~FakeServer() {
    if (thread_.joinable()) thread_.join();
    ::close(listen_fd_);
  }
  void serve(std::vector<Bytes> answers) {
    thread_ = std::thread([this, answers = std::move(answers)] {
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      std::vector<std::uint8_t> storage(0xFFFF);
      wrapper::Reassembler r(storage);
      std::vector<std::uint8_t> pending;
      for (const Bytes& answer : answers) {
        std::optional<wrapper::WrapperFrame> frame;
        while (!(frame = r.take_frame())) {
          if (pending.empty()) {
            std::uint8_t buf[1024];
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) {
              ::close(fd);
              return;
            }
            pending.assign(buf, buf + n);
          }
          const auto f = r.feed(pending);
          pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(f.consumed));
        }
        received.emplace_back(frame->apdu.begin(), frame->apdu.end());
        ports.emplace_back(frame->source, frame->destination);
        if (answer.empty()) {
          std::uint8_t b;
          while (::recv(fd, &b, 1, 0) > 0) {
          }
          break;
        }
        std::vector<std::uint8_t> out(answer.size() + wrapper::kHeaderSize);
        std::size_t n = 0;
        EXPECT_TRUE(wrapper::encode_response(*frame, answer, out, &n).is_ok());
        // Sent in two pieces, to exercise the client's reassembly.
        ::send(fd, out.data(), 5, MSG_NOSIGNAL);
        ::send(fd, out.data() + 5, n - 5, MSG_NOSIGNAL);
      }
      ::close(fd);
    });
  }
  void join() { thread_.join(); }

  std::uint16_t port = 0;
  std::vector<Bytes> received;
  std::vector<std::pair<std::uint16_t, std::uint16_t>> ports;

 private:
  int listen_fd_ = -1;
  std::thread thread_;
};

const char* const kAareAccepted =
    "61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 05 A1 03 02 01 00 BE 10 04 0E 08 00 06 5F 1F 04 00 "
    "00 50 1F 01 F4 00 07";

// GET-Response-With-Datablock: C4 02 C1 last block-number(4) 00 length raw-data.
Bytes datablock(bool last, std::uint32_t number, std::span<const std::uint8_t> raw) {
  Bytes b = {0xC4, 0x02, 0xC1, static_cast<std::uint8_t>(last ? 1 : 0), static_cast<std::uint8_t>(number >> 24),
             static_cast<std::uint8_t>(number >> 16), static_cast<std::uint8_t>(number >> 8),
             static_cast<std::uint8_t>(number), 0x00};
  if (raw.size() < 0x80) {
    b.push_back(static_cast<std::uint8_t>(raw.size()));
  } else {
    b.push_back(0x82);
    b.push_back(static_cast<std::uint8_t>(raw.size() >> 8));
    b.push_back(static_cast<std::uint8_t>(raw.size()));
  }
  b.insert(b.end(), raw.begin(), raw.end());
  return b;
}

TEST(Loopback, AssociateGetBlockTransferErrorRelease) {
  const Bytes profile_file = dlms::testing::load("pwitab_profile_24_rows.bin");
  ASSERT_EQ(profile_file.size(), 555u);
  const std::span<const std::uint8_t> profile = std::span<const std::uint8_t>(profile_file).subspan(1);

  FakeServer server;
  server.serve({
      hex(kAareAccepted),
      hex("C4 01 C1 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00"),
      datablock(false, 1, profile.first(300)),
      datablock(true, 2, profile.subspan(300)),
      hex("C4 01 C1 01 01"),
      hex("63 03 80 01 00"),
  });
  std::vector<std::string> transcript;
  {
    WrapperTransport transport("127.0.0.1", server.port, 16, 1, 2000);
    ClientConfig cfg;
    DlmsClient client(transport, cfg);
    client.trace = [&](const char* dir, std::span<const std::uint8_t> apdu) {
      transcript.push_back(std::string(dir) + " " + to_hex(apdu));
    };
    client.associate();
    EXPECT_EQ(client.negotiated().server_max_receive_pdu_size, 500);

    const Bytes clock = client.get({8, {0, 0, 1, 0, 0, 255}, 2});
    EXPECT_EQ(value_text(parse_data(clock)), "2021-01-24 14:48:57.80 deviation -60");

    const Bytes rows = client.get({7, {1, 0, 99, 1, 0, 255}, 2});
    EXPECT_EQ(to_hex(rows), to_hex(profile));
    EXPECT_EQ(parse_data(rows).items.size(), 24u);

    try {
      (void)client.get({1, {0, 0, 96, 1, 0, 255}, 2});
      ADD_FAILURE() << "no error";
    } catch (const ClientError& e) {
      EXPECT_STREQ(e.what(), "GET 1/0.0.96.1.0.255/2: data-access-result hardware-fault (1)");
    }
    client.release();
  }
  server.join();
  ASSERT_EQ(server.received.size(), 6u);
  // Our AARQ (the Green Book example's form): LN, no security, the client's proposed conformance
  // 00 FE 1D (attribute 0 with set and get, priority management, block transfer with get, set
  // and action, multiple references, get, set, selective access, action) and a max receive PDU
  // of 0xFFFF.
  EXPECT_EQ(to_hex(server.received[0]),
            "60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 FE 1D FF FF");
  EXPECT_EQ(to_hex(server.received[1]), "C0 01 C1 00 08 00 00 01 00 00 FF 02 00");
  EXPECT_EQ(to_hex(server.received[3]), "C0 02 C1 00 00 00 01");  // GET-Request-Next, pwitab test_get.py
  EXPECT_EQ(to_hex(server.received[5]), "62 03 80 01 00");
  for (const auto& p : server.ports) EXPECT_EQ(p, (std::pair<std::uint16_t, std::uint16_t>(16, 1)));
  ASSERT_EQ(transcript.size(), 12u);
  EXPECT_EQ(transcript[0].substr(0, 8), "> 60 1D ");
  EXPECT_EQ(transcript[1].substr(0, 8), "< 61 29 ");
}

TEST(Loopback, SilentServerTimesOut) {
  FakeServer server;
  server.serve({Bytes{}});
  {
    WrapperTransport transport("127.0.0.1", server.port, 16, 1, 200);
    DlmsClient client(transport, ClientConfig{});
    try {
      client.associate();
      ADD_FAILURE() << "no error";
    } catch (const ClientError& e) {
      EXPECT_STREQ(e.what(), "no answer from the server within 200 ms");
    }
  }
  server.join();
}

TEST(Loopback, RefusedConnection) {
  std::uint16_t port;
  {
    FakeServer probe;  // a port that was free a moment ago, closed again
    port = probe.port;
  }
  try {
    WrapperTransport transport("127.0.0.1", port, 16, 1, 500);
    ADD_FAILURE() << "connected";
  } catch (const ClientError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot connect to 127.0.0.1:"), std::string::npos) << e.what();
  }
}

TEST(Loopback, HostPort) {
  std::string host;
  std::uint16_t port = 0;
  split_host_port("127.0.0.1:4059", &host, &port);
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 4059);
  split_host_port("[::1]:5000", &host, &port);
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 5000);
  split_host_port("meter.local", &host, &port);
  EXPECT_EQ(port, 4059);
  EXPECT_THROW(split_host_port("h:0", &host, &port), ClientError);
  EXPECT_THROW(split_host_port(":4059", &host, &port), ClientError);
}

}  // namespace
}  // namespace quadra::client
