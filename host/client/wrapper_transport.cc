#include "host/client/wrapper_transport.h"

#include <fmt/format.h>

#include <fcntl.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace quadra::client {

using Clock = std::chrono::steady_clock;

void split_host_port(const std::string& text, std::string* host, std::uint16_t* port) {
  std::string h = text;
  std::string p;
  if (!text.empty() && text[0] == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) throw ClientError(fmt::format("\"{}\": missing ']'", text));
    h = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') throw ClientError(fmt::format("\"{}\" is not HOST:PORT", text));
      p = text.substr(close + 2);
    }
  } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    h = text.substr(0, colon);
    p = text.substr(colon + 1);
  }
  if (h.empty()) throw ClientError(fmt::format("\"{}\" names no host", text));
  *host = h;
  *port = 4059;
  if (!p.empty()) {
    char* end = nullptr;
    const unsigned long v = std::strtoul(p.c_str(), &end, 10);
    if (*end != '\0' || v == 0 || v > 65535) throw ClientError(fmt::format("\"{}\": the port must be 1..65535", text));
    *port = static_cast<std::uint16_t>(v);
  }
}

WrapperTransport::WrapperTransport(int connected_fd, std::uint16_t client_sap, std::uint16_t server_sap,
                                   int timeout_ms)
    : stream_(connected_fd, "the accepted connection"), client_sap_(client_sap), server_sap_(server_sap),
      timeout_ms_(timeout_ms), storage_(0xFFFF), reassembler_(storage_) {
  const int flags = ::fcntl(stream_.fd(), F_GETFL, 0);
  if (flags < 0 || ::fcntl(stream_.fd(), F_SETFL, flags | O_NONBLOCK) != 0) {
    const std::string why = std::strerror(errno);
    throw ClientError(fmt::format("the accepted connection: {}", why));
  }
}

WrapperTransport::WrapperTransport(const std::string& host, std::uint16_t port, std::uint16_t client_sap,
                                   std::uint16_t server_sap, int timeout_ms)
    : stream_(connect_tcp(host, port, timeout_ms)), client_sap_(client_sap), server_sap_(server_sap),
      timeout_ms_(timeout_ms), storage_(0xFFFF), reassembler_(storage_) {}

void WrapperTransport::send(std::span<const std::uint8_t> apdu) {
  std::vector<std::uint8_t> frame(apdu.size() + wrapper::kHeaderSize);
  std::size_t n = 0;
  if (const Status s = wrapper::encode(client_sap_, server_sap_, apdu, frame, &n); !s.is_ok())
    throw ClientError(fmt::format("wrapper: {}: {}", s.field(), s.reason()));
  stream_.write_all({frame.data(), n}, Clock::now() + std::chrono::milliseconds(timeout_ms_));
}

std::vector<std::uint8_t> WrapperTransport::receive() {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms_);
  for (;;) {
    if (!pending_.empty()) {
      const auto r = reassembler_.feed(pending_);
      if (!r.status.is_ok())
        throw ClientError(fmt::format("wrapper: {}: {} (connection dropped)", r.status.field(), r.status.reason()));
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(r.consumed));
    }
    if (auto frame = reassembler_.take_frame()) {
      if (frame->source != server_sap_ || frame->destination != client_sap_)
        throw ClientError(fmt::format("wrapper: a frame from wPort {} to wPort {} (expected {} to {})", frame->source,
                                      frame->destination, server_sap_, client_sap_));
      return {frame->apdu.begin(), frame->apdu.end()};
    }
    std::uint8_t buf[4096];
    const std::size_t got = stream_.read_some(buf, deadline);
    if (got == 0)
      throw ClientError(fmt::format("no answer from the server within {} ms{}", timeout_ms_,
                                    reassembler_.in_frame() ? " (a frame was cut short)" : ""));
    pending_.insert(pending_.end(), buf, buf + got);
  }
}

}  // namespace quadra::client
