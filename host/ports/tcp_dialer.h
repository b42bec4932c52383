// The outbound half of a TCP exchange: resolve "host:port" ("[v6]:port"), connect, all within a
// time limit, on the caller's io_context. Shared by the push client (one notification, then
// close) and the wrapper port (the Auto connect's meter-initiated connection, which the meter then
// serves as the DLMS server). Single-threaded: everything runs from the caller's io_context.
#pragma once

// A standard header before asio's: asio picks its aligned allocation (aligned_alloc or operator
// new) by a libstdc++ macro that only a standard header defines, and every file of the program
// must pick the same (ASan reports the mismatch otherwise).
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <asio.hpp>

namespace quadra::host::ports {

class TcpDialer {
 public:
  // "" when socket() is connected, else why not ("destination is not host:port", "time-out",
  // "cannot resolve: ...", the connect error's text).
  using Done = std::function<void(const std::string& error)>;

  explicit TcpDialer(asio::io_context& io) : resolver_(io), socket_(io), timer_(io) {}

  // Starts a dial; `done` runs once, from the io_context (never from inside start()). A dial
  // still under way is stopped first. The time limit keeps running after the connection is made,
  // until stop() or take(): reached, it closes the socket, so that the caller's pending operation
  // fails and timed_out() says why.
  void start(std::string_view destination, std::chrono::milliseconds timeout, Done done);
  asio::ip::tcp::socket& socket() { return socket_; }
  bool timed_out() const { return timed_out_; }
  // Cancels whatever is pending (their handlers then do nothing) and closes the socket.
  void stop();
  // The connected socket, for the caller to keep; the time limit is cancelled.
  asio::ip::tcp::socket take();

 private:
  asio::ip::tcp::resolver resolver_;
  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  bool timed_out_ = false;
  // Handlers of an earlier dial still queued (a resolve cancelled by the time-out completes late)
  // belong to another generation and do nothing.
  std::uint64_t generation_ = 0;
};

}  // namespace quadra::host::ports
