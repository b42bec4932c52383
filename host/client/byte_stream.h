// The client's ends of the byte streams `quadra read` speaks over: a TCP connection and a serial
// device (a real port or a pseudo-terminal such as the meter's serial ports). Both are plain
// non-blocking POSIX descriptors; the framing (wrapper, HDLC) is the transports' business.
//
// Every wait is bounded by poll() with a deadline, so a silent peer ends in a ClientError that
// says what was awaited, never in a hang.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include "host/client/client_error.h"

namespace quadra::client {

// An owned descriptor, closed on destruction.
class ByteStream {
 public:
  ByteStream() = default;
  ByteStream(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  ~ByteStream();
  ByteStream(ByteStream&& other) noexcept;
  ByteStream& operator=(ByteStream&& other) noexcept;
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  int fd() const { return fd_; }
  // "127.0.0.1:4061" or "/dev/pts/3": how error messages name the peer.
  const std::string& name() const { return name_; }

  // Writes all of `bytes` before `deadline`; ClientError on an error or when the time runs out.
  void write_all(std::span<const std::uint8_t> bytes, std::chrono::steady_clock::time_point deadline);
  // Waits until bytes arrive or `deadline`; returns how many were read into `buf` (0: the time
  // ran out). ClientError when the peer closed the stream or on an error.
  std::size_t read_some(std::span<std::uint8_t> buf, std::chrono::steady_clock::time_point deadline);

 private:
  int fd_ = -1;
  std::string name_;
};

// Connects to HOST:PORT (a name or address; every address it resolves to is tried) within
// `timeout_ms`. ClientError "cannot connect to HOST:PORT: reason".
ByteStream connect_tcp(const std::string& host, std::uint16_t port, int timeout_ms);

// Opens a serial device read-write, raw (8 data bits, no parity, 1 stop bit, no flow control,
// no echo or line editing) at `baud` (one of the POSIX rates 300..230400). ClientError
// "cannot open serial device PATH: reason" when it does not open or is not a terminal, and for a
// baud rate the system has no constant for.
ByteStream open_serial(const std::string& path, std::uint32_t baud);

// The line settings of an open serial device: `baud` as above, 8N1 or 7E1 (the IEC 62056-21
// character format). A pseudo-terminal refuses 7E1 on some kernels; there bytes pass whatever
// the setting, so 8N1 is kept. ClientError when the device refuses the baud rate.
void set_serial_line(ByteStream& stream, std::uint32_t baud, bool seven_e_one);

// Milliseconds left until `deadline` (0 when past), for poll().
int remaining_ms(std::chrono::steady_clock::time_point deadline);

}  // namespace quadra::client
