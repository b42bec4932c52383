// The meter's DLMS/COSEM port on TCP: the IEC 62056-47 wrapper (core/link/wrapper) over asio
// sockets. It listens on one address and port (4059 is the port IANA assigned to DLMS/COSEM),
// accepts several clients at once and gives each connection its own reassembler, its own
// ApduSession (apdu_session.h) and its own inactivity timer. Every complete request frame goes to
// the connection's session; a non-empty answer goes back framed with the two wPorts swapped.
//
// Single-threaded by design: nothing runs in the background. poll() runs whatever socket work is
// ready and returns at once, so the meter's run loop calls it on every iteration and every session
// call happens on the meter's thread. run_for() does the same while waiting, for tests.
//
// One connection's trouble never touches another: a frame with another version or announcing an
// APDU longer than max_apdu_bytes (the stream cannot be resynchronised), an answer that cannot be
// framed, a session that throws, a socket error or the inactivity time-out closes THAT connection,
// with one log line naming the peer and the reason, and calls its session's on_close().
//
// Flow control: a connection handles one frame at a time. While an answer is being written, it
// neither reads nor handles more input, so a client that sends without reading its answers is held
// back by TCP instead of growing a queue in the meter.
//
// Meter-initiated connections (the Auto connect, Blue Book class 29): dial() connects to a head
// end that listens and serves that connection exactly as an accepted one: the meter stays the
// DLMS server (the wPorts of the head end's requests are answered swapped), the inactivity
// time-out applies and it counts against max_connections. One dialed connection at a time.
//
// Inactivity: as the TCP-UDP setup object's inactivity_time_out (class 41, attribute 6), the time
// without a complete frame received after which the connection is closed, counted from the accept
// and from the end of each received frame; 0 disables it. The default, 180 s, is that attribute's
// default as the Gurux libraries set it (GXDLMSTcpUdpSetup); max_connections plays the part of
// its nb_of_sim_conn (attribute 5). It is wall-clock time (steady clock), not
// the meter's simulated time: it concerns the client on the other end.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "host/ports/apdu_session.h"

namespace quadra::host::ports {

struct WrapperPortOptions {
  std::string address = "0.0.0.0";  // IPv4 or IPv6 literal to listen on
  std::uint16_t port = 4059;         // 0: any free port (port() tells which)
  std::size_t max_connections = 4;   // further clients are accepted and closed at once (refused)
  std::uint32_t inactivity_timeout_s = 180;  // 0: none
  // The longest request APDU accepted (1..65535). It must cover the server's negotiated
  // max-receive-pdu-size plus the ciphering overhead of a protected APDU.
  std::size_t max_apdu_bytes = 4096;
};

enum class CloseReason : std::uint8_t {
  kPeerClosed = 0,  // the client closed (or reset) the connection
  kIdleTimeout,     // no complete frame for inactivity_timeout_s
  kBadVersion,      // a header whose version is not 0x0001
  kOversized,       // a header announcing an APDU above max_apdu_bytes
  kSessionError,    // the session threw, or answered more than a frame can carry
  kSocketError,     // another socket error while reading or writing
  kPortStopped,     // the port was destroyed with the connection open
  kHungUp,          // the meter closed its own (dialed) connection: hang_up()
};
inline constexpr std::size_t kCloseReasons = 8;
const char* close_reason_name(CloseReason reason);

// Counters for the live view; they only grow, except `open`.
struct WrapperPortStats {
  std::uint64_t accepted = 0;  // connections given a session
  std::uint64_t refused = 0;   // beyond max_connections, or the factory gave no session
  std::array<std::uint64_t, kCloseReasons> closed{};  // indexed by CloseReason
  std::uint64_t frames_in = 0;   // complete request frames handed to sessions
  std::uint64_t frames_out = 0;  // answer frames written in full
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::size_t open = 0;  // connections open now

  std::uint64_t closed_for(CloseReason r) const { return closed[static_cast<std::size_t>(r)]; }
};

class WrapperPort {
 public:
  // Binds and listens at once; throws std::runtime_error naming the address, port and cause
  // (address in use, bad literal, permission) or an option out of range. `factory` must outlive
  // the port.
  WrapperPort(ApduSessionFactory& factory, const WrapperPortOptions& options);
  // Closes every open connection (on_close() is called, reason kPortStopped) and the listener.
  ~WrapperPort();
  WrapperPort(const WrapperPort&) = delete;
  WrapperPort& operator=(const WrapperPort&) = delete;

  // Runs the handlers that are ready (accepts, reads, frames to sessions, writes, timers) without
  // blocking, at most 64 of them so that busy clients cannot hold the caller's loop (what is left
  // waits for the next call). Returns the number of handlers run.
  std::size_t poll();
  // As poll(), but waits up to `duration` for work (tests, or a loop with nothing else to do).
  std::size_t run_for(std::chrono::milliseconds duration);

  // Resolves and connects to `destination` ("host:port", "[v6]:port") within `timeout`, then
  // serves the connection (above). `done` runs once, from poll() or run_for(): "" when the
  // connection is served, else why not (the dial's error, or why the port refused it). A dial
  // still under way is abandoned (its `done` is not called).
  void dial(std::string_view destination, std::chrono::milliseconds timeout,
            std::function<void(const std::string& error)> done);
  // Whether the dialed connection is open (dialed, served, not closed by either side).
  bool dialed_open() const;
  // Closes the dialed connection if it is open (reason kHungUp).
  void hang_up();

  // The port actually listened on (useful with options.port == 0).
  std::uint16_t port() const;
  // "address:port" as listened on, e.g. "0.0.0.0:4059".
  std::string local_endpoint() const;
  const WrapperPortStats& stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quadra::host::ports
