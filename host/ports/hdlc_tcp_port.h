// DLMS/COSEM over HDLC on TCP: IEC 62056-46 frames carried as they are in a TCP stream, as many
// meters and head-end systems (and the Gurux clients without "-i WRAPPER") do. It listens on one
// address and port (default 4061), accepts several clients at once and gives each connection its
// own HdlcLink (hdlc_link.h): its own station, timers and DLMS session.
//
// Single-threaded, as WrapperPort: poll() runs the socket work that is ready and the links'
// timers without blocking, from the meter's run loop; run_for() waits for work (tests).
//
// A connection ends when the client closes it, on a socket error, when its HDLC link drops for
// inactivity (the HDLC setup's inactivity_time_out), or when no byte at all arrives for that
// time while no link stands. An HDLC DISC leaves the TCP connection open: the client may SNRM
// again. Every connection's link takes its settings from the same HdlcSetup.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/link/hdlc/hdlc_setup.h"
#include "host/ports/apdu_session.h"

namespace quadra::host::ports {

struct HdlcTcpPortOptions {
  std::string address = "0.0.0.0";  // IPv4 or IPv6 literal
  std::uint16_t port = 4061;         // 0: any free port (port() tells which)
  std::size_t max_connections = 4;   // further clients are accepted and closed at once
};

struct HdlcTcpPortStats {
  std::uint64_t accepted = 0;
  std::uint64_t refused = 0;
  std::uint64_t closed = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::size_t open = 0;
};

class HdlcTcpPort {
 public:
  // Binds and listens at once; throws std::runtime_error naming the address and cause, or
  // std::invalid_argument for settings that make no valid HDLC station. `factory` and `setup`
  // outlive the port.
  HdlcTcpPort(ApduSessionFactory& factory, const io::HdlcSetup& setup, const HdlcTcpPortOptions& options);
  // Closes every connection (each session's on_close() is called).
  ~HdlcTcpPort();
  HdlcTcpPort(const HdlcTcpPort&) = delete;
  HdlcTcpPort& operator=(const HdlcTcpPort&) = delete;

  std::size_t poll();
  std::size_t run_for(std::chrono::milliseconds duration);

  std::uint16_t port() const;
  std::string local_endpoint() const;  // "address:port"
  const HdlcTcpPortStats& stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quadra::host::ports
