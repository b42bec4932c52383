#include "host/ports/push_client.h"

#include <asio.hpp>
#include <vector>

#include "core/link/wrapper/wrapper.h"

namespace quadra::host::ports {

using asio::ip::tcp;

class PushClient::Impl {
 public:
  explicit Impl(const PushClientOptions& options) : options_(options), resolver_(io_), socket_(io_), timer_(io_) {}

  void send(std::string_view destination, std::span<const std::uint8_t> apdu) {
    busy_ = true;
    // Handlers of an earlier send still queued (a resolve cancelled by the time-out completes
    // late) belong to another generation and do nothing.
    const std::uint64_t gen = ++generation_;
    result_.reset();
    frame_.assign(apdu.size() + 8, 0);
    std::size_t written = 0;
    if (!quadra::wrapper::encode(options_.source_wport, options_.destination_wport, apdu, frame_, &written).is_ok())
      return finish(false, "notification too long for a wrapper frame");
    frame_.resize(written);
    const std::size_t colon = destination.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return finish(false, "destination is not host:port");
    std::string host(destination.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string port(destination.substr(colon + 1));
    timer_.expires_after(options_.timeout);
    timer_.async_wait([this, gen](const asio::error_code& ec) {
      if (ec || gen != generation_ || result_) return;
      timed_out_ = true;
      resolver_.cancel();
      asio::error_code ignored;
      socket_.close(ignored);
    });
    timed_out_ = false;
    resolver_.async_resolve(host, port, [this, gen](const asio::error_code& ec, const tcp::resolver::results_type& r) {
      if (gen != generation_) return;
      if (ec) return finish(false, timed_out_ ? "time-out" : "cannot resolve: " + ec.message());
      asio::async_connect(socket_, r, [this, gen](const asio::error_code& ec2, const tcp::endpoint&) {
        if (gen != generation_) return;
        if (ec2) return finish(false, timed_out_ ? "time-out" : ec2.message());
        asio::async_write(socket_, asio::buffer(frame_), [this, gen](const asio::error_code& ec3, std::size_t) {
          if (gen != generation_) return;
          if (ec3) return finish(false, timed_out_ ? "time-out" : ec3.message());
          finish(true, "");
        });
      });
    });
  }

  void finish(bool delivered, std::string error) {
    if (result_) return;
    asio::error_code ignored;
    timer_.cancel();
    if (socket_.is_open()) {
      socket_.shutdown(tcp::socket::shutdown_both, ignored);
      socket_.close(ignored);
    }
    result_ = PushResult{delivered, std::move(error)};
  }

  std::optional<PushResult> take() {
    if (!busy_ || !result_) return std::nullopt;
    // Let the cancelled handlers run out before the next send reuses the objects.
    io_.restart();
    io_.poll();
    busy_ = false;
    std::optional<PushResult> r = std::move(result_);
    result_.reset();
    return r;
  }

  std::optional<PushResult> poll() {
    if (io_.stopped()) io_.restart();
    io_.poll();
    return take();
  }

  std::optional<PushResult> run_for(std::chrono::milliseconds duration) {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (busy_ && !result_ && std::chrono::steady_clock::now() < until) {
      if (io_.stopped()) io_.restart();
      io_.run_one_until(until);
    }
    return take();
  }

  bool busy() const { return busy_; }

 private:
  PushClientOptions options_;
  asio::io_context io_;
  tcp::resolver resolver_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::vector<std::uint8_t> frame_;
  std::optional<PushResult> result_;
  bool busy_ = false;
  bool timed_out_ = false;
  std::uint64_t generation_ = 0;
};

PushClient::PushClient(const PushClientOptions& options) : impl_(std::make_unique<Impl>(options)) {}
PushClient::~PushClient() = default;
void PushClient::send(std::string_view destination, std::span<const std::uint8_t> apdu) { impl_->send(destination, apdu); }
bool PushClient::busy() const { return impl_->busy(); }
std::optional<PushResult> PushClient::poll() { return impl_->poll(); }
std::optional<PushResult> PushClient::run_for(std::chrono::milliseconds duration) { return impl_->run_for(duration); }

}  // namespace quadra::host::ports
