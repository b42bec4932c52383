// A pseudo-terminal pair that stands for one of the meter's serial ports: the meter holds the
// master (non-blocking), a client opens the slave (/dev/pts/N) as it would a serial device.
//
// The slave is set to raw mode (no echo, no line editing, no CR/LF translation), and the pty keeps
// a slave descriptor of its own open, so that the master never reads EIO or hang-up while no
// client has the port open, and a client's termios settings (baud rate, 7E1) are accepted and
// kept. Baud rate and character format have no effect on a pty: bytes pass as they are.
//
// Optionally a symbolic link at a configured path points at the slave (e.g. <data dir>/optical),
// so that clients find the port under a stable name; an existing link there is replaced, any
// other file is refused. The link is removed when the Pty is destroyed (if it still points at
// this slave).
//
// Host side: errors are thrown as std::runtime_error with the path and errno text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace quadra::host::ports {

class Pty {
 public:
  // Opens the pair (posix_openpt, grantpt, unlockpt), sets raw mode, makes the link if
  // `link_path` is not empty.
  explicit Pty(const std::string& link_path = "");
  ~Pty();
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;

  const std::string& slave_path() const { return slave_path_; }
  const std::string& link_path() const { return link_path_; }
  int master_fd() const { return master_; }

  // What the client wrote, without blocking: the number of bytes read into `buf` (0 if none).
  std::size_t read(std::span<std::uint8_t> buf);
  // Writes to the client without blocking; returns the bytes accepted (fewer when the pty's
  // buffer is full: nobody reads the port).
  std::size_t write(std::span<const std::uint8_t> bytes);

 private:
  int master_ = -1;
  int slave_ = -1;  // held open, see above
  std::string slave_path_;
  std::string link_path_;
};

}  // namespace quadra::host::ports
