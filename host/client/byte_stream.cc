#include "host/client/byte_stream.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace quadra::client {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

ByteStream::~ByteStream() {
  if (fd_ >= 0) ::close(fd_);
}

ByteStream::ByteStream(ByteStream&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), name_(std::move(other.name_)) {}

ByteStream& ByteStream::operator=(ByteStream&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    name_ = std::move(other.name_);
  }
  return *this;
}

void ByteStream::write_all(std::span<const std::uint8_t> bytes, Clock::time_point deadline) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    // send() with MSG_NOSIGNAL on sockets (no SIGPIPE from a closed peer); write() on devices.
    ssize_t w = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (w < 0 && errno == ENOTSOCK) w = ::write(fd_, bytes.data() + sent, bytes.size() - sent);
    if (w > 0) {
      sent += static_cast<std::size_t>(w);
      continue;
    }
    if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      throw ClientError(fmt::format("{}: write: {}", name_, std::strerror(errno)));
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, remaining_ms(deadline)) == 0) throw ClientError(fmt::format("{}: write timed out", name_));
  }
}

std::size_t ByteStream::read_some(std::span<std::uint8_t> buf, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    const int rc = ::poll(&p, 1, remaining_ms(deadline));
    if (rc == 0) return 0;
    if (rc < 0) {
      if (errno == EINTR) continue;
      throw ClientError(fmt::format("{}: poll: {}", name_, std::strerror(errno)));
    }
    const ssize_t got = ::read(fd_, buf.data(), buf.size());
    if (got > 0) return static_cast<std::size_t>(got);
    if (got == 0 || (got < 0 && errno == EIO)) throw ClientError(fmt::format("{}: the peer closed the connection", name_));
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      throw ClientError(fmt::format("{}: read: {}", name_, std::strerror(errno)));
  }
}

ByteStream connect_tcp(const std::string& host, std::uint16_t port, int timeout_ms) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const std::string port_text = std::to_string(port);
  if (const int rc = getaddrinfo(host.c_str(), port_text.c_str(), &hints, &list); rc != 0)
    throw ClientError(fmt::format("{}:{}: {}", host, port, gai_strerror(rc)));
  std::string last_error = "no address";
  int connected = -1;
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (addrinfo* a = list; a != nullptr && connected < 0; a = a->ai_next) {
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
    connected = fd;
  }
  freeaddrinfo(list);
  if (connected < 0) throw ClientError(fmt::format("cannot connect to {}:{}: {}", host, port, last_error));
  return ByteStream(connected, fmt::format("{}:{}", host, port));
}

namespace {

speed_t speed_constant(std::uint32_t baud) {
  switch (baud) {
    case 300: return B300;
    case 600: return B600;
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    default: return B0;
  }
}

}  // namespace

ByteStream open_serial(const std::string& path, std::uint32_t baud) {
  const speed_t speed = speed_constant(baud);
  if (speed == B0)
    throw ClientError(fmt::format("--baud {}: not one of 300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, "
                                  "115200, 230400",
                                  baud));
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw ClientError(fmt::format("cannot open serial device {}: {}", path, std::strerror(errno)));
  ByteStream stream(fd, path);
  termios t{};
  if (::tcgetattr(fd, &t) != 0)
    throw ClientError(fmt::format("cannot open serial device {}: {}", path, std::strerror(errno)));
  ::cfmakeraw(&t);
  t.c_cflag |= CLOCAL | CREAD;
  t.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS);
  t.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  t.c_cc[VMIN] = 0;
  t.c_cc[VTIME] = 0;
  if (::cfsetispeed(&t, speed) != 0 || ::cfsetospeed(&t, speed) != 0 || ::tcsetattr(fd, TCSANOW, &t) != 0)
    throw ClientError(fmt::format("cannot set up serial device {} at {} Bd: {}", path, baud, std::strerror(errno)));
  return stream;
}

void set_serial_line(ByteStream& stream, std::uint32_t baud, bool seven_e_one) {
  const speed_t speed = speed_constant(baud);
  termios t{};
  if (speed == B0 || ::tcgetattr(stream.fd(), &t) != 0)
    throw ClientError(fmt::format("{}: cannot set {} Bd", stream.name(), baud));
  if (::cfsetispeed(&t, speed) != 0 || ::cfsetospeed(&t, speed) != 0)
    throw ClientError(fmt::format("{}: cannot set {} Bd: {}", stream.name(), baud, std::strerror(errno)));
  termios plain = t;
  plain.c_cflag = (plain.c_cflag & ~static_cast<tcflag_t>(CSIZE | PARENB | PARODD)) | CS8;
  if (seven_e_one) {
    termios seven = t;
    seven.c_cflag = (seven.c_cflag & ~static_cast<tcflag_t>(CSIZE | PARODD)) | CS7 | PARENB;
    if (::tcsetattr(stream.fd(), TCSADRAIN, &seven) == 0) return;
  }
  if (::tcsetattr(stream.fd(), TCSADRAIN, &plain) != 0)
    throw ClientError(fmt::format("{}: cannot set {} Bd: {}", stream.name(), baud, std::strerror(errno)));
}

}  // namespace quadra::client
