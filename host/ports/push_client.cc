#include "host/ports/push_client.h"

#include <asio.hpp>
#include <vector>

#include "core/link/wrapper/wrapper.h"
#include "host/ports/tcp_dialer.h"

namespace quadra::host::ports {

class PushClient::Impl {
 public:
  explicit Impl(const PushClientOptions& options) : options_(options), dialer_(io_) {}

  void send(std::string_view destination, std::span<const std::uint8_t> apdu) {
    busy_ = true;
    // Handlers of an earlier send still queued belong to another generation and do nothing.
    const std::uint64_t gen = ++generation_;
    result_.reset();
    frame_.assign(apdu.size() + 8, 0);
    std::size_t written = 0;
    if (!quadra::wrapper::encode(options_.source_wport, options_.destination_wport, apdu, frame_, &written).is_ok())
      return finish(false, "notification too long for a wrapper frame");
    frame_.resize(written);
    // The time limit covers the resolve, the connect and the write.
    dialer_.start(destination, options_.timeout, [this, gen](const std::string& error) {
      if (gen != generation_) return;
      if (!error.empty()) return finish(false, error);
      asio::async_write(dialer_.socket(), asio::buffer(frame_), [this, gen](const asio::error_code& ec, std::size_t) {
        if (gen != generation_) return;
        if (ec) return finish(false, dialer_.timed_out() ? "time-out" : ec.message());
        finish(true, "");
      });
    });
  }

  void finish(bool delivered, std::string error) {
    if (result_) return;
    dialer_.stop();
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
  TcpDialer dialer_;
  std::vector<std::uint8_t> frame_;
  std::optional<PushResult> result_;
  bool busy_ = false;
  std::uint64_t generation_ = 0;
};

PushClient::PushClient(const PushClientOptions& options) : impl_(std::make_unique<Impl>(options)) {}
PushClient::~PushClient() = default;
void PushClient::send(std::string_view destination, std::span<const std::uint8_t> apdu) { impl_->send(destination, apdu); }
bool PushClient::busy() const { return impl_->busy(); }
std::optional<PushResult> PushClient::poll() { return impl_->poll(); }
std::optional<PushResult> PushClient::run_for(std::chrono::milliseconds duration) { return impl_->run_for(duration); }

}  // namespace quadra::host::ports
