// WrapperPort on loopback, in one thread: the test's clients are plain non-blocking asio sockets
// and the port is pumped with poll() (and run_for() when nothing was ready) between their steps,
// as the meter's loop would.
// Sessions are fakes that record what they get and answer canned or echoed bytes.
//
// Frames (the same vectors as core/link/wrapper/wrapper_test.cc, whose comment gives the origins):
//  [gurux]  the AARQ the Gurux DLMS Python client sends over the wrapper (client wPort 16 to
//           server wPort 1), and the AARE answered to it, framed back from wPort 1 to wPort 16.
//  [jdlms]  jDLMS (OpenMUC) WrapperHeaderTest.java: an AARQ from wPort 16 to wPort 17; the same
//           bytes with version 0x0002 are refused.
//  [dlms-cosem] pwitab/dlms-cosem tests/test_udp_message.py: a 70-byte ciphered push APDU from
//           wPort 1 to wPort 1 (used where an APDU above a 64-byte maximum is wanted).
// Waits are bounded (10 s) only so that a broken port fails instead of hanging; nothing asserts
// how fast anything happens.
#include "host/ports/wrapper_port.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <asio.hpp>
#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace quadra::host::ports {
namespace {

using asio::ip::tcp;
using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& s) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
  }
  return out;
}

Bytes cat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const Bytes kAarq = hex("000100100001001F601DA109060760857405080101BE10040E01000000065F1F0400401E5DFFFF");
const Bytes kAare = hex("6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007");
const Bytes kAareFrame = cat(hex("000100010010002B"), kAare);  // wPort 1 -> 16, 43 bytes
const std::string kJdlmsBody = "001000110022602080020780a109060760857405080102be0f040d01000000065f0400181a200000";
const Bytes kJdlms = hex("0001" + kJdlmsBody);
const Bytes kJdlmsVersion2 = hex("0002" + kJdlmsBody);
const Bytes kPush = hex(
    "0001000100010046DB082F192291991641033B30000001E5025CE9D2271FD78BE8C204211A916A9D7F587E0A7A814CADEA89E9593F01F9"
    "2EA8C087B5BDFDEFEAB6BECF282DFE49C08F5BE6DC8400");

Bytes apdu_of(const Bytes& frame) { return Bytes(frame.begin() + 8, frame.end()); }

// Everything the fake sessions saw, kept by the factory so that it outlives the sessions.
struct Seen {
  struct Apdu {
    std::uint16_t client;
    std::uint16_t server;
    Bytes apdu;
  };
  std::string peer;
  std::vector<Apdu> apdus;
  int closes = 0;
};

// Answers: the AARE to the Gurux AARQ; nothing to an APDU starting with 0xC0 (an unconfirmed
// request, say); throws for one starting with 0xEE; otherwise echoes the APDU behind one byte
// naming the session (0xA0 + its index), so that a client can tell whose session answered.
class FakeSession : public ApduSession {
 public:
  FakeSession(std::vector<Seen>& all, std::size_t index) : all_(all), index_(index) {}
  void on_apdu(std::uint16_t client, std::uint16_t server, std::span<const std::uint8_t> apdu,
               Bytes& response) override {
    EXPECT_TRUE(response.empty());
    all_[index_].apdus.push_back({client, server, Bytes(apdu.begin(), apdu.end())});
    if (Bytes(apdu.begin(), apdu.end()) == apdu_of(kAarq)) {
      response = kAare;
      return;
    }
    if (!apdu.empty() && apdu[0] == 0xC0) return;
    if (!apdu.empty() && apdu[0] == 0xEE) throw std::runtime_error("no such service");
    response.push_back(static_cast<std::uint8_t>(0xA0 + index_));
    response.insert(response.end(), apdu.begin(), apdu.end());
  }
  void on_close() override { ++all_[index_].closes; }

 private:
  std::vector<Seen>& all_;
  std::size_t index_;
};

class FakeFactory : public ApduSessionFactory {
 public:
  std::unique_ptr<ApduSession> open(const std::string& peer) override {
    if (refuse) return nullptr;
    seen.push_back({peer, {}, 0});
    return std::make_unique<FakeSession>(seen, seen.size() - 1);
  }
  std::vector<Seen> seen;
  bool refuse = false;
};

bool pump_until(WrapperPort& port, const std::function<bool()>& done) {
  const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > limit) return false;
    if (port.poll() == 0) port.run_for(std::chrono::milliseconds(1));
  }
  return true;
}

// A DLMS client's socket, non-blocking so that the test thread can pump the port in between.
class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    socket_.set_option(tcp::no_delay(true));
    socket_.non_blocking(true);
  }
  // A head end that listens: takes the connection the port dials to `head_end` (non-blocking).
  Client(tcp::acceptor& head_end, WrapperPort& port) : socket_(io_) {
    EXPECT_TRUE(pump_until(port, [&] {
      asio::error_code ec;
      head_end.accept(socket_, ec);
      return !ec;
    }));
    socket_.non_blocking(true);
  }

  void send(WrapperPort& port, const Bytes& bytes) {
    std::size_t done = 0;
    ASSERT_TRUE(pump_until(port, [&] {
      asio::error_code ec;
      done += socket_.write_some(asio::buffer(bytes.data() + done, bytes.size() - done), ec);
      if (ec && ec != asio::error::would_block) throw std::runtime_error("client write: " + ec.message());
      return done == bytes.size();
    }));
  }

  // Takes whatever has arrived; notes the end of the stream.
  void drain() {
    std::uint8_t buf[512];
    for (;;) {
      asio::error_code ec;
      const std::size_t n = socket_.read_some(asio::buffer(buf), ec);
      if (ec == asio::error::would_block) return;
      if (ec) {
        closed_ = true;
        return;
      }
      received_.insert(received_.end(), buf, buf + n);
    }
  }

  // The next whole wrapper frame from the port (empty if none came).
  Bytes frame(WrapperPort& port) {
    auto whole = [&] {
      if (received_.size() < 8) return std::size_t{0};
      const std::size_t len = 8 + (static_cast<std::size_t>(received_[6]) << 8 | received_[7]);
      return received_.size() >= len ? len : std::size_t{0};
    };
    if (!pump_until(port, [&] {
          drain();
          return whole() > 0 || closed_;
        }) ||
        whole() == 0) {
      return {};
    }
    const std::size_t len = whole();
    Bytes f(received_.begin(), received_.begin() + static_cast<std::ptrdiff_t>(len));
    received_.erase(received_.begin(), received_.begin() + static_cast<std::ptrdiff_t>(len));
    return f;
  }

  bool wait_closed(WrapperPort& port) {
    return pump_until(port, [&] {
      drain();
      return closed_;
    });
  }

  bool closed() {
    drain();
    return closed_;
  }
  const Bytes& pending() const { return received_; }
  void close() { socket_.close(); }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  Bytes received_;
  bool closed_ = false;
};

class WrapperPortTest : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_ = spdlog::default_logger();
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    sink->set_pattern("%l %v");
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
    spdlog::set_level(spdlog::level::info);
  }
  void TearDown() override { spdlog::set_default_logger(previous_); }

  WrapperPortOptions options() const {
    WrapperPortOptions o;
    o.address = "127.0.0.1";
    o.port = 0;
    return o;
  }
  std::vector<std::string> log_lines() const {
    std::vector<std::string> lines;
    std::istringstream in(log_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  // The log lines that mention `text`.
  std::vector<std::string> log_with(const std::string& text) const {
    std::vector<std::string> out;
    for (const auto& l : log_lines()) {
      if (l.find(text) != std::string::npos) out.push_back(l);
    }
    return out;
  }

  FakeFactory factory_;
  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> previous_;
};

TEST_F(WrapperPortTest, AnswersWithSwappedWPorts) {
  WrapperPort port(factory_, options());
  ASSERT_NE(port.port(), 0);
  EXPECT_EQ(port.local_endpoint(), "127.0.0.1:" + std::to_string(port.port()));
  Client c(port.port());
  c.send(port, kAarq);
  EXPECT_EQ(c.frame(port), kAareFrame);
  ASSERT_EQ(factory_.seen.size(), 1U);
  ASSERT_EQ(factory_.seen[0].apdus.size(), 1U);
  EXPECT_EQ(factory_.seen[0].apdus[0].client, 16);
  EXPECT_EQ(factory_.seen[0].apdus[0].server, 1);
  EXPECT_EQ(factory_.seen[0].apdus[0].apdu, apdu_of(kAarq));
  EXPECT_EQ(factory_.seen[0].peer.rfind("127.0.0.1:", 0), 0U) << factory_.seen[0].peer;
  // jDLMS addresses logical device 17: the answer comes from 17 to 16.
  c.send(port, kJdlms);
  EXPECT_EQ(c.frame(port), cat(hex("0001001100100023A0"), apdu_of(kJdlms))) << "0x23 = 1 + 0x22 bytes";
  const WrapperPortStats& s = port.stats();
  EXPECT_EQ(s.accepted, 1U);
  EXPECT_EQ(s.open, 1U);
  EXPECT_EQ(s.frames_in, 2U);
  EXPECT_EQ(s.frames_out, 2U);
  EXPECT_EQ(s.bytes_in, kAarq.size() + kJdlms.size());
  EXPECT_EQ(s.bytes_out, kAareFrame.size() + 8 + 1 + 0x22);
}

TEST_F(WrapperPortTest, ConcurrentClientsEachHaveTheirOwnSession) {
  WrapperPort port(factory_, options());
  Client a(port.port());
  Client b(port.port());
  Client c(port.port());
  ASSERT_TRUE(pump_until(port, [&] { return factory_.seen.size() == 3; }));
  // Interleaved: each half of b's frame goes out before the next client speaks.
  b.send(port, Bytes(kJdlms.begin(), kJdlms.begin() + 20));
  a.send(port, kJdlms);
  c.send(port, kJdlms);
  b.send(port, Bytes(kJdlms.begin() + 20, kJdlms.end()));
  const Bytes fa = a.frame(port);
  const Bytes fb = b.frame(port);
  const Bytes fc = c.frame(port);
  ASSERT_EQ(fa.size(), 8 + 1 + 0x22U);
  ASSERT_EQ(fb.size(), fa.size());
  ASSERT_EQ(fc.size(), fa.size());
  // Sessions were opened in the order of the accepts, which follows the connects; each client is
  // answered by a different session, and every session saw exactly one APDU.
  std::vector<std::uint8_t> who = {fa[8], fb[8], fc[8]};
  std::sort(who.begin(), who.end());
  EXPECT_EQ(who, (std::vector<std::uint8_t>{0xA0, 0xA1, 0xA2}));
  for (const Seen& s : factory_.seen) {
    ASSERT_EQ(s.apdus.size(), 1U);
    EXPECT_EQ(s.apdus[0].apdu, apdu_of(kJdlms));
    EXPECT_EQ(s.closes, 0);
  }
  EXPECT_EQ(port.stats().open, 3U);
  EXPECT_EQ(port.stats().accepted, 3U);
}

TEST_F(WrapperPortTest, FrameSplitByteByByte) {
  WrapperPort port(factory_, options());
  Client c(port.port());
  for (const std::uint8_t byte : kAarq) {
    c.send(port, Bytes{byte});
    port.run_for(std::chrono::milliseconds(1));  // give each byte a chance to arrive alone
  }
  EXPECT_EQ(c.frame(port), kAareFrame);
  ASSERT_EQ(factory_.seen.size(), 1U);
  EXPECT_EQ(factory_.seen[0].apdus.size(), 1U);
}

TEST_F(WrapperPortTest, SeveralFramesInOneWriteAnsweredInOrder) {
  WrapperPort port(factory_, options());
  Client c(port.port());
  // AARQ, an unconfirmed APDU (no answer), jDLMS's AARQ, an empty APDU (echoed), the AARQ again.
  const Bytes unconfirmed = hex("0001001000010002C001");
  const Bytes empty = hex("0001001000010000");
  const Bytes stream = cat(cat(cat(cat(kAarq, unconfirmed), kJdlms), empty), kAarq);
  c.send(port, stream);
  EXPECT_EQ(c.frame(port), kAareFrame);
  EXPECT_EQ(c.frame(port), cat(hex("0001001100100023A0"), apdu_of(kJdlms)));
  EXPECT_EQ(c.frame(port), hex("0001000100100001A0"));  // 1 -> 16, the session's byte only
  EXPECT_EQ(c.frame(port), kAareFrame);
  ASSERT_EQ(factory_.seen.size(), 1U);
  ASSERT_EQ(factory_.seen[0].apdus.size(), 5U);
  EXPECT_EQ(factory_.seen[0].apdus[1].apdu, hex("C001"));
  EXPECT_TRUE(factory_.seen[0].apdus[3].apdu.empty());
  EXPECT_EQ(port.stats().frames_in, 5U);
  EXPECT_EQ(port.stats().frames_out, 4U);
  port.run_for(std::chrono::milliseconds(20));
  c.drain();
  EXPECT_TRUE(c.pending().empty());  // nothing was answered to the unconfirmed APDU
}

// 1000 requests in one burst, several reads of the port (4 KiB each) with frames cut between reads,
// sent before the client reads anything: the port answers one at a time, holding the rest of its
// input back while an answer is written, and every answer arrives, in order.
TEST_F(WrapperPortTest, BurstOfRequestsWithoutReadingAnswers) {
  WrapperPort port(factory_, options());
  Client c(port.port());
  Bytes burst;
  constexpr int kFrames = 1000;
  for (int i = 0; i < kFrames; ++i) {
    const Bytes apdu = {0xD0, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i & 0xFF)};
    burst = cat(cat(burst, hex("0001001000010003")), apdu);
  }
  c.send(port, burst);
  for (int i = 0; i < kFrames; ++i) {
    const Bytes expected = {0x00, 0x01, 0x00, 0x01, 0x00, 0x10, 0x00, 0x04, 0xA0, 0xD0,
                            static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i & 0xFF)};
    ASSERT_EQ(c.frame(port), expected) << i;
  }
  EXPECT_EQ(port.stats().frames_in, static_cast<std::uint64_t>(kFrames));
  EXPECT_EQ(port.stats().frames_out, static_cast<std::uint64_t>(kFrames));
}

// The client asks and leaves at once: the session gets the request, the answer may or may not be
// written, the session is closed once.
TEST_F(WrapperPortTest, ClientLeavesRightAfterItsRequest) {
  WrapperPort port(factory_, options());
  {
    Client c(port.port());
    c.send(port, kAarq);
    c.close();
  }
  ASSERT_TRUE(pump_until(port, [&] { return port.stats().accepted == 1 && port.stats().open == 0; }));
  ASSERT_EQ(factory_.seen.size(), 1U);
  EXPECT_EQ(factory_.seen[0].apdus.size(), 1U);
  EXPECT_EQ(factory_.seen[0].closes, 1);
  EXPECT_EQ(port.stats().closed_for(CloseReason::kPeerClosed), 1U);
}

TEST_F(WrapperPortTest, WrongVersionClosesOnlyThatConnection) {
  WrapperPort port(factory_, options());
  Client good(port.port());
  Client bad(port.port());
  ASSERT_TRUE(pump_until(port, [&] { return factory_.seen.size() == 2; }));
  good.send(port, kAarq);
  EXPECT_EQ(good.frame(port), kAareFrame);
  bad.send(port, kJdlmsVersion2);
  EXPECT_TRUE(bad.wait_closed(port));
  // The other connection goes on.
  good.send(port, kJdlms);
  EXPECT_EQ(good.frame(port).size(), 8 + 1 + 0x22U);
  EXPECT_FALSE(good.closed());
  const WrapperPortStats& s = port.stats();
  EXPECT_EQ(s.closed_for(CloseReason::kBadVersion), 1U);
  EXPECT_EQ(s.open, 1U);
  int closes = 0;
  for (const Seen& seen : factory_.seen) closes += seen.closes;
  EXPECT_EQ(closes, 1);
  // One line, naming the peer and the reason.
  const auto lines = log_with("wrapper.version");
  ASSERT_EQ(lines.size(), 1U) << log_.str();
  EXPECT_NE(lines[0].find("127.0.0.1:"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("not a wrapper frame"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[0].rfind("warning ", 0), 0U) << lines[0];
}

TEST_F(WrapperPortTest, OversizedLengthCloses) {
  WrapperPortOptions o = options();
  o.max_apdu_bytes = 64;
  WrapperPort port(factory_, o);
  Client fits(port.port());
  fits.send(port, kJdlms);  // 34 bytes: accepted
  EXPECT_EQ(fits.frame(port).size(), 8 + 1 + 0x22U);
  Client over(port.port());
  // The 70-byte push: refused on its header, before its APDU has arrived.
  over.send(port, Bytes(kPush.begin(), kPush.begin() + 8));
  EXPECT_TRUE(over.wait_closed(port));
  EXPECT_EQ(port.stats().closed_for(CloseReason::kOversized), 1U);
  EXPECT_FALSE(fits.closed());
  ASSERT_EQ(factory_.seen.size(), 2U);
  EXPECT_TRUE(factory_.seen[1].apdus.empty());
  EXPECT_EQ(factory_.seen[1].closes, 1);
  const auto lines = log_with("wrapper.length");
  ASSERT_EQ(lines.size(), 1U) << log_.str();
  EXPECT_NE(lines[0].find("(64 bytes)"), std::string::npos) << lines[0];
}

TEST_F(WrapperPortTest, IdleConnectionClosedAfterTheTimeout) {
  WrapperPortOptions o = options();
  o.inactivity_timeout_s = 1;
  WrapperPort port(factory_, o);
  Client c(port.port());
  c.send(port, kAarq);
  EXPECT_EQ(c.frame(port), kAareFrame);
  EXPECT_TRUE(c.wait_closed(port));
  EXPECT_EQ(port.stats().closed_for(CloseReason::kIdleTimeout), 1U);
  ASSERT_EQ(factory_.seen.size(), 1U);
  EXPECT_EQ(factory_.seen[0].closes, 1);
  EXPECT_EQ(log_with("no frame for 1 s").size(), 1U) << log_.str();
}

// A frame moves the deadline: the connection lives at least the time-out after its latest frame
// (a lower bound only, which load cannot break; the port's timer first fires at the old deadline
// and waits again).
TEST_F(WrapperPortTest, EachFrameRestartsTheInactivityTime) {
  WrapperPortOptions o = options();
  o.inactivity_timeout_s = 2;
  WrapperPort port(factory_, o);
  Client c(port.port());
  c.send(port, kAarq);
  EXPECT_EQ(c.frame(port), kAareFrame);
  const auto first = std::chrono::steady_clock::now();
  ASSERT_TRUE(pump_until(port, [&] { return std::chrono::steady_clock::now() - first > std::chrono::milliseconds(500); }));
  const auto second = std::chrono::steady_clock::now();
  c.send(port, kJdlms);
  EXPECT_EQ(c.frame(port).size(), 8 + 1 + 0x22U);  // still open
  EXPECT_TRUE(c.wait_closed(port));
  EXPECT_GE(std::chrono::steady_clock::now() - second, std::chrono::seconds(2));
  EXPECT_EQ(port.stats().closed_for(CloseReason::kIdleTimeout), 1U);
}

TEST_F(WrapperPortTest, PeerCloseCallsOnClose) {
  WrapperPort port(factory_, options());
  Client c(port.port());
  c.send(port, Bytes(kAarq.begin(), kAarq.begin() + 12));  // part of a frame, then gone
  ASSERT_TRUE(pump_until(port, [&] { return port.stats().bytes_in == 12; }));
  c.close();
  ASSERT_TRUE(pump_until(port, [&] { return port.stats().open == 0; }));
  EXPECT_EQ(port.stats().closed_for(CloseReason::kPeerClosed), 1U);
  ASSERT_EQ(factory_.seen.size(), 1U);
  EXPECT_EQ(factory_.seen[0].closes, 1);
  EXPECT_TRUE(factory_.seen[0].apdus.empty());
  EXPECT_EQ(log_with("in the middle of a frame").size(), 1U) << log_.str();
}

// The Auto connect's connection: the meter dials a head end that listens, and stays the server.
TEST_F(WrapperPortTest, DialedConnectionIsServedAsAnAcceptedOne) {
  WrapperPort port(factory_, options());
  asio::io_context io;
  tcp::acceptor head_end(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  head_end.non_blocking(true);
  std::optional<std::string> outcome;
  port.dial("127.0.0.1:" + std::to_string(head_end.local_endpoint().port()), std::chrono::seconds(5),
            [&](const std::string& error) { outcome = error; });
  EXPECT_FALSE(outcome.has_value());  // never from inside dial()
  Client c(head_end, port);
  ASSERT_TRUE(pump_until(port, [&] { return outcome.has_value(); }));
  EXPECT_EQ(*outcome, "");
  EXPECT_TRUE(port.dialed_open());
  c.send(port, kAarq);
  EXPECT_EQ(c.frame(port), kAareFrame);  // from wPort 1 to the head end's 16
  EXPECT_EQ(port.stats().accepted, 1U);
  EXPECT_EQ(log_with("meter-initiated").size(), 1U) << log_.str();
  port.hang_up();
  EXPECT_TRUE(c.wait_closed(port));
  EXPECT_FALSE(port.dialed_open());
  EXPECT_EQ(port.stats().closed_for(CloseReason::kHungUp), 1U);
  ASSERT_EQ(factory_.seen.size(), 1U);
  EXPECT_EQ(factory_.seen[0].closes, 1);
}

TEST_F(WrapperPortTest, DialSaysWhyNot) {
  WrapperPort port(factory_, options());
  std::optional<std::string> outcome;
  port.dial("no-port", std::chrono::seconds(5), [&](const std::string& error) { outcome = error; });
  ASSERT_TRUE(pump_until(port, [&] { return outcome.has_value(); }));
  EXPECT_EQ(*outcome, "destination is not host:port");
  std::uint16_t gone = 0;
  {
    asio::io_context io;
    tcp::acceptor taken(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    gone = taken.local_endpoint().port();
  }
  outcome.reset();
  port.dial("127.0.0.1:" + std::to_string(gone), std::chrono::seconds(5),
            [&](const std::string& error) { outcome = error; });
  ASSERT_TRUE(pump_until(port, [&] { return outcome.has_value(); }));
  EXPECT_FALSE(outcome->empty());
  EXPECT_FALSE(port.dialed_open());
  EXPECT_EQ(port.stats().accepted, 0U);
}

TEST_F(WrapperPortTest, ConnectionsBeyondTheMaximumAreRefused) {
  WrapperPortOptions o = options();
  o.max_connections = 2;
  WrapperPort port(factory_, o);
  Client a(port.port());
  Client b(port.port());
  ASSERT_TRUE(pump_until(port, [&] { return port.stats().accepted == 2; }));
  Client c(port.port());
  EXPECT_TRUE(c.wait_closed(port));
  EXPECT_EQ(port.stats().refused, 1U);
  EXPECT_EQ(factory_.seen.size(), 2U);  // no session for the refused one
  EXPECT_EQ(log_with("refused").size(), 1U) << log_.str();
  a.send(port, kAarq);
  EXPECT_EQ(a.frame(port), kAareFrame);
  // A place freed is taken again.
  b.close();
  ASSERT_TRUE(pump_until(port, [&] { return port.stats().open == 1; }));
  Client d(port.port());
  d.send(port, kAarq);
  EXPECT_EQ(d.frame(port), kAareFrame);
  EXPECT_EQ(port.stats().accepted, 3U);
  EXPECT_EQ(port.stats().refused, 1U);
}

TEST_F(WrapperPortTest, FactoryWithoutSessionRefuses) {
  factory_.refuse = true;
  WrapperPort port(factory_, options());
  Client c(port.port());
  EXPECT_TRUE(c.wait_closed(port));
  EXPECT_EQ(port.stats().refused, 1U);
  EXPECT_EQ(port.stats().accepted, 0U);
}

TEST_F(WrapperPortTest, SessionThatThrowsClosesItsConnection) {
  WrapperPort port(factory_, options());
  Client c(port.port());
  c.send(port, hex("0001001000010002EE01"));
  EXPECT_TRUE(c.wait_closed(port));
  EXPECT_EQ(port.stats().closed_for(CloseReason::kSessionError), 1U);
  ASSERT_EQ(factory_.seen.size(), 1U);
  EXPECT_EQ(factory_.seen[0].closes, 1);
  EXPECT_EQ(log_with("no such service").size(), 1U) << log_.str();
}

TEST_F(WrapperPortTest, DestroyingThePortClosesEveryConnection) {
  auto port = std::make_unique<WrapperPort>(factory_, options());
  Client a(port->port());
  Client b(port->port());
  ASSERT_TRUE(pump_until(*port, [&] { return port->stats().open == 2; }));
  port.reset();
  ASSERT_EQ(factory_.seen.size(), 2U);
  EXPECT_EQ(factory_.seen[0].closes, 1);
  EXPECT_EQ(factory_.seen[1].closes, 1);
  // The clients see the end of the stream (no port to pump any more: the kernel answers).
  WrapperPort other(factory_, options());
  EXPECT_TRUE(a.wait_closed(other));
  EXPECT_TRUE(b.wait_closed(other));
}

TEST_F(WrapperPortTest, RefusedOptionsAndAddresses) {
  WrapperPortOptions o = options();
  o.max_apdu_bytes = 70000;
  EXPECT_THROW(WrapperPort(factory_, o), std::runtime_error);
  o = options();
  o.max_connections = 0;
  EXPECT_THROW(WrapperPort(factory_, o), std::runtime_error);
  o = options();
  o.address = "localhost";  // a name, not an address
  EXPECT_THROW(WrapperPort(factory_, o), std::runtime_error);
  WrapperPort first(factory_, options());
  o = options();
  o.port = first.port();
  try {
    WrapperPort second(factory_, o);
    ADD_FAILURE() << "a second port listened on the same address";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(first.port())),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace quadra::host::ports
