#include "host/client/wrapper_transport.h"

#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>

namespace quadra::client {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

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
    : fd_(connected_fd), client_sap_(client_sap), server_sap_(server_sap), timeout_ms_(timeout_ms), storage_(0xFFFF),
      reassembler_(storage_) {
  const int flags = ::fcntl(fd_, F_GETFL, 0);
  if (flags < 0 || ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK) != 0) {
    const std::string why = std::strerror(errno);
    ::close(fd_);
    throw ClientError(fmt::format("the accepted connection: {}", why));
  }
}

WrapperTransport::WrapperTransport(const std::string& host, std::uint16_t port, std::uint16_t client_sap,
                                   std::uint16_t server_sap, int timeout_ms)
    : client_sap_(client_sap), server_sap_(server_sap), timeout_ms_(timeout_ms), storage_(0xFFFF),
      reassembler_(storage_) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const std::string port_text = std::to_string(port);
  if (const int rc = getaddrinfo(host.c_str(), port_text.c_str(), &hints, &list); rc != 0)
    throw ClientError(fmt::format("{}:{}: {}", host, port, gai_strerror(rc)));
  std::string last_error = "no address";
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms_);
  for (addrinfo* a = list; a != nullptr && fd_ < 0; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) {
      last_error = std::strerror(errno);
      continue;
    }
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      rc = ::poll(&p, 1, remaining_ms(deadline));
      if (rc == 0) {
        last_error = "connection timed out";
        ::close(fd);
        continue;
      }
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      rc = err == 0 ? 0 : -1;
      errno = err;
    }
    if (rc != 0) {
      last_error = std::strerror(errno);
      ::close(fd);
      continue;
    }
    fd_ = fd;
  }
  freeaddrinfo(list);
  if (fd_ < 0) throw ClientError(fmt::format("cannot connect to {}:{}: {}", host, port, last_error));
}

WrapperTransport::~WrapperTransport() {
  if (fd_ >= 0) ::close(fd_);
}

void WrapperTransport::send(std::span<const std::uint8_t> apdu) {
  std::vector<std::uint8_t> frame(apdu.size() + wrapper::kHeaderSize);
  std::size_t n = 0;
  if (const Status s = wrapper::encode(client_sap_, server_sap_, apdu, frame, &n); !s.is_ok())
    throw ClientError(fmt::format("wrapper: {}: {}", s.field(), s.reason()));
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms_);
  std::size_t sent = 0;
  while (sent < n) {
    const ssize_t w = ::send(fd_, frame.data() + sent, n - sent, MSG_NOSIGNAL);
    if (w > 0) {
      sent += static_cast<std::size_t>(w);
      continue;
    }
    if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      throw ClientError(fmt::format("send: {}", std::strerror(errno)));
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, remaining_ms(deadline)) == 0) throw ClientError("send: timed out");
  }
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
    pollfd p{fd_, POLLIN, 0};
    const int rc = ::poll(&p, 1, remaining_ms(deadline));
    if (rc == 0)
      throw ClientError(fmt::format("no answer from the server within {} ms{}", timeout_ms_,
                                    reassembler_.in_frame() ? " (a frame was cut short)" : ""));
    if (rc < 0 && errno == EINTR) continue;
    std::uint8_t buf[4096];
    const ssize_t got = ::recv(fd_, buf, sizeof buf, 0);
    if (got == 0) throw ClientError("the server closed the connection");
    if (got < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      throw ClientError(fmt::format("recv: {}", std::strerror(errno)));
    }
    pending_.insert(pending_.end(), buf, buf + got);
  }
}

}  // namespace quadra::client
