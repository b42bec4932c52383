// The meter's HDLC ports for `quadra run`: HDLC over TCP (--hdlc-tcp) and the two serial ports
// on pseudo-terminals (--serial1, --serial2), all served by the one DLMS server, each channel
// with its settings from io::PortSettings (the HDLC setup objects 0.B.22.0.0.255).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/io/port_settings.h"
#include "host/ports/apdu_session.h"
#include "host/ports/hdlc_tcp_port.h"
#include "host/ports/serial_port.h"

namespace quadra::host {

struct HdlcPortOptions {
  std::string tcp = "4061";  // [ADDRESS:]PORT or "none"
  std::string serial1;       // link to the pty; empty: <data_dir>/serial1; "none"
  std::string serial2;       // likewise, <data_dir>/serial2
  std::string data_dir;
};

// "[ADDRESS:]PORT" -> address and port; throws std::invalid_argument naming `option`.
void parse_listen_address(const std::string& text, const char* option, std::string* address, std::uint16_t* port);

class HdlcPorts {
 public:
  // Opens the ports asked for and prints one line for each ("port hdlc     tcp 0.0.0.0:4061",
  // "port serial 1 /dev/pts/7 (link quadra-data/serial1)"). Throws on a refused option, a port
  // in use or a pty error. `dlms` and `settings` outlive the ports.
  HdlcPorts(ports::ApduSessionFactory& dlms, const io::PortSettings& settings, const HdlcPortOptions& options);
  // Socket work, bytes and timers of every port; never blocks. now_ms: monotonic wall clock.
  void service(std::uint64_t now_ms);
  bool any() const { return tcp_ || serial_[0] || serial_[1]; }

 private:
  std::unique_ptr<ports::HdlcTcpPort> tcp_;
  std::unique_ptr<ports::SerialPort> serial_[2];
};

}  // namespace quadra::host
