#include "host/ports/tcp_dialer.h"

#include <utility>

namespace quadra::host::ports {

using asio::ip::tcp;

void TcpDialer::start(std::string_view destination, std::chrono::milliseconds timeout, Done done) {
  stop();
  const std::uint64_t gen = ++generation_;
  timed_out_ = false;
  const std::size_t colon = destination.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    asio::post(timer_.get_executor(), [this, gen, done = std::move(done)] {
      if (gen == generation_) done("destination is not host:port");
    });
    return;
  }
  std::string host(destination.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port(destination.substr(colon + 1));
  timer_.expires_after(timeout);
  timer_.async_wait([this, gen](const asio::error_code& ec) {
    if (ec || gen != generation_) return;
    timed_out_ = true;
    resolver_.cancel();
    asio::error_code ignored;
    socket_.close(ignored);
  });
  resolver_.async_resolve(
      host, port, [this, gen, done = std::move(done)](const asio::error_code& ec, const tcp::resolver::results_type& r) {
        if (gen != generation_) return;
        if (ec) return done(timed_out_ ? "time-out" : "cannot resolve: " + ec.message());
        asio::async_connect(socket_, r, [this, gen, done](const asio::error_code& ec2, const tcp::endpoint&) {
          if (gen != generation_) return;
          if (ec2) return done(timed_out_ ? "time-out" : ec2.message());
          done("");
        });
      });
}

void TcpDialer::stop() {
  ++generation_;
  asio::error_code ignored;
  timer_.cancel();
  resolver_.cancel();
  if (socket_.is_open()) {
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }
}

tcp::socket TcpDialer::take() {
  ++generation_;
  timer_.cancel();
  tcp::socket s = std::move(socket_);
  return s;
}

}  // namespace quadra::host::ports
