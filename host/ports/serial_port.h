// One of the meter's two electrical serial ports (RS-485/RS-232 on the data sheet, 300..57 600 Bd)
// on Linux: a pseudo-terminal (pty.h) carrying DLMS/COSEM over HDLC (hdlc_link.h). Each port has
// its own HdlcSetup (baud, addresses, timeouts), its own station and its own session.
//
// Single-threaded: the run loop calls service(now_ms) on every iteration; it reads what the
// client wrote without blocking, feeds the link, runs its timers and writes the answers. The
// baud rate (comm_speed) has no effect on a pty: bytes pass as they are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/link/hdlc/hdlc_setup.h"
#include "host/ports/apdu_session.h"
#include "host/ports/hdlc_link.h"
#include "host/ports/pty.h"

namespace quadra::host::ports {

class SerialPort {
 public:
  // `name` e.g. "serial 1"; `link_path` a symbolic link to make to the pty's slave (empty: none).
  // Throws std::runtime_error (pty errors) or std::invalid_argument (settings). `factory` and
  // `setup` outlive the port.
  SerialPort(ApduSessionFactory& factory, const io::HdlcSetup& setup, std::string name, const std::string& link_path);

  void service(std::uint64_t now_ms);

  const std::string& slave_path() const { return pty_.slave_path(); }
  const std::string& link_path() const { return pty_.link_path(); }
  const HdlcLink& link() const { return link_; }

 private:
  void write_out();

  Pty pty_;
  HdlcLink link_;
  std::vector<std::uint8_t> out_;
};

}  // namespace quadra::host::ports
