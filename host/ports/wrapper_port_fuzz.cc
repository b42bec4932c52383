// libFuzzer target for the wrapper port as a whole (build with -DQUADRA_FUZZ=ON): the input is
// the byte stream one TCP client sends to a WrapperPort on loopback, written in chunks whose size
// comes from the input's checksum, after which the client half-closes and reads to the end.
//
// An independent reading of the stream says what must happen: the complete frames before the
// first bad header (version not 1, or an APDU above the port's 256 bytes) reach the session, in
// order and whole; each is answered (the session echoes behind one byte) with the wPorts
// swapped; a bad header closes the connection as such, otherwise the client's close does; the
// session is closed exactly once. With a bad header the client may lose the tail of its answers
// (the port resets a connection whose input it did not read), so there the answers received must
// be a prefix of those expected; otherwise all of them, exactly.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <asio.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "host/ports/wrapper_port.h"

namespace {

using quadra::host::ports::ApduSession;
using quadra::host::ports::ApduSessionFactory;
using quadra::host::ports::CloseReason;
using quadra::host::ports::WrapperPort;
using quadra::host::ports::WrapperPortOptions;
using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kMaxApdu = 256;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "wrapper port fuzz: %s\n", what);
    std::abort();
  }
}

struct Record {
  std::vector<Bytes> frames;  // source, destination and APDU as received, re-framed
  int sessions = 0;
  int closes = 0;
};
Record g_record;

class EchoSession : public ApduSession {
 public:
  void on_apdu(std::uint16_t client, std::uint16_t server, std::span<const std::uint8_t> apdu,
               Bytes& response) override {
    Bytes f = {0x00, 0x01, static_cast<std::uint8_t>(client >> 8), static_cast<std::uint8_t>(client),
               static_cast<std::uint8_t>(server >> 8), static_cast<std::uint8_t>(server),
               static_cast<std::uint8_t>(apdu.size() >> 8), static_cast<std::uint8_t>(apdu.size())};
    f.insert(f.end(), apdu.begin(), apdu.end());
    g_record.frames.push_back(std::move(f));
    response.push_back(0xA5);
    response.insert(response.end(), apdu.begin(), apdu.end());
  }
  void on_close() override { ++g_record.closes; }
};

class EchoFactory : public ApduSessionFactory {
 public:
  std::unique_ptr<ApduSession> open(const std::string&) override {
    ++g_record.sessions;
    return std::make_unique<EchoSession>();
  }
};

template <typename F>
void pump_until(WrapperPort& port, F done, const char* what) {
  const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    check(std::chrono::steady_clock::now() < limit, what);
    if (port.poll() == 0) port.run_for(std::chrono::milliseconds(1));
  }
}

std::uint16_t be16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static EchoFactory factory;
  static WrapperPort* port = [] {
    spdlog::set_level(spdlog::level::off);
    WrapperPortOptions o;
    o.address = "127.0.0.1";
    o.port = 0;
    o.max_apdu_bytes = kMaxApdu;
    o.inactivity_timeout_s = 0;
    return new WrapperPort(factory, o);  // lives for the whole run
  }();
  static asio::io_context io;
  if (size > 16384) return 0;

  // What must happen.
  std::vector<Bytes> frames;
  Bytes answers;
  bool bad = false;
  CloseReason bad_reason = CloseReason::kPeerClosed;
  for (std::size_t pos = 0; pos + 8 <= size;) {
    const std::size_t len = be16(data + pos + 6);
    if (be16(data + pos) != 1 || len > kMaxApdu) {
      bad = true;
      bad_reason = be16(data + pos) != 1 ? CloseReason::kBadVersion : CloseReason::kOversized;
      break;
    }
    if (pos + 8 + len > size) break;
    frames.emplace_back(data + pos, data + pos + 8 + len);
    const Bytes a = {0x00, 0x01, data[pos + 4], data[pos + 5], data[pos + 2], data[pos + 3],
                     static_cast<std::uint8_t>((len + 1) >> 8), static_cast<std::uint8_t>(len + 1), 0xA5};
    answers.insert(answers.end(), a.begin(), a.end());
    answers.insert(answers.end(), data + pos + 8, data + pos + 8 + len);
    pos += 8 + len;
  }

  g_record = Record{};
  const auto before = port->stats();
  std::size_t sum = 0;
  for (std::size_t i = 0; i < size; ++i) sum += data[i];
  const std::size_t chunk = 1 + sum % 97;

  asio::ip::tcp::socket client(io);
  client.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port->port()));
  client.non_blocking(true);
  Bytes received;
  bool eof = false;
  auto drain = [&] {
    std::uint8_t buf[1024];
    for (;;) {
      asio::error_code ec;
      const std::size_t n = client.read_some(asio::buffer(buf), ec);
      if (ec == asio::error::would_block) return;
      if (ec) {
        eof = true;
        return;
      }
      received.insert(received.end(), buf, buf + n);
    }
  };
  std::size_t sent = 0;
  bool send_failed = false;
  while (sent < size && !send_failed) {
    asio::error_code ec;
    const std::size_t n = std::min(chunk, size - sent);
    sent += client.write_some(asio::buffer(data + sent, n), ec);
    if (ec && ec != asio::error::would_block) send_failed = true;
    port->poll();
    drain();
  }
  check(bad || !send_failed, "the port stopped a valid stream");
  asio::error_code ignored;
  client.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  pump_until(*port, [&] {
    drain();
    return eof && port->stats().open == 0;
  }, "the connection did not end");

  const auto& after = port->stats();
  check(g_record.sessions == 1 && g_record.closes == 1, "not one session closed once");
  check(g_record.frames == frames, "the session did not get exactly the complete frames before a bad header");
  check(after.frames_in - before.frames_in == frames.size(), "frames_in");
  const auto closed = [&](CloseReason r) {
    return after.closed_for(r) - before.closed_for(r);
  };
  if (bad) {
    check(closed(bad_reason) == 1, "a bad header did not close the connection as such");
    check(received.size() <= answers.size() && std::equal(received.begin(), received.end(), answers.begin()),
          "the answers are not a prefix of those expected");
  } else {
    check(closed(CloseReason::kPeerClosed) == 1, "the client's close was not seen as such");
    check(received == answers, "the answers are not those expected");
    check(after.frames_out - before.frames_out == frames.size(), "frames_out");
  }
  return 0;
}
