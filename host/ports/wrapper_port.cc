#include "host/ports/wrapper_port.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <asio.hpp>
#include <exception>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/link/wrapper/wrapper.h"
#include "host/ports/tcp_dialer.h"

namespace quadra::host::ports {
namespace {

using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = 4096;
// Handlers run by one poll() at most (each handles at most one read of kReadChunk bytes, or one
// write's completion, or one accept or timer).
constexpr std::size_t kPollBudget = 64;
// After a failed accept (out of descriptors, say), wait before the next one instead of spinning.
constexpr auto kAcceptRetry = std::chrono::milliseconds(100);

std::string endpoint_text(const tcp::endpoint& ep) {
  if (ep.address().is_v6()) return fmt::format("[{}]:{}", ep.address().to_string(), ep.port());
  return fmt::format("{}:{}", ep.address().to_string(), ep.port());
}

bool is_peer_gone(const asio::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted;
}

}  // namespace

const char* close_reason_name(CloseReason reason) {
  switch (reason) {
    case CloseReason::kPeerClosed: return "closed by the peer";
    case CloseReason::kIdleTimeout: return "inactivity time-out";
    case CloseReason::kBadVersion: return "not a wrapper frame";
    case CloseReason::kOversized: return "frame too long";
    case CloseReason::kSessionError: return "session error";
    case CloseReason::kSocketError: return "socket error";
    case CloseReason::kPortStopped: return "port stopped";
    case CloseReason::kHungUp: return "hung up by the meter";
  }
  return "?";
}

class WrapperPort::Impl {
 public:
  Impl(ApduSessionFactory& factory, const WrapperPortOptions& options);
  ~Impl();

  // poll_one() at a time, up to a budget: io_context::poll() would go on for as long as clients
  // keep the sockets busy.
  std::size_t poll() {
    if (io_.stopped()) io_.restart();
    std::size_t n = 0;
    while (n < kPollBudget && io_.poll_one() > 0) ++n;
    return n;
  }
  std::size_t run_for(std::chrono::milliseconds d) {
    if (io_.stopped()) io_.restart();
    return io_.run_for(d);
  }
  std::uint16_t port() const {
    asio::error_code ec;
    const tcp::endpoint ep = acceptor_.local_endpoint(ec);
    return ec ? std::uint16_t{0} : ep.port();
  }
  std::string local_endpoint() const {
    asio::error_code ec;
    const tcp::endpoint ep = acceptor_.local_endpoint(ec);
    return ec ? std::string("(closed)") : endpoint_text(ep);
  }
  const WrapperPortStats& stats() const { return stats_; }

  void dial(std::string_view destination, std::chrono::milliseconds timeout,
            std::function<void(const std::string&)> done);
  bool dialed_open() const;
  void hang_up();

 private:
  class Connection;
  friend class Connection;

  // Serves a connected socket (accepted or dialed) as a connection: "" when served, else why
  // not (the caller closes the socket).
  std::string serve(tcp::socket& socket, const std::string& peer, bool dialed);
  void start_accept();
  void on_accept(const asio::error_code& ec, tcp::socket socket);
  void forget(Connection* c);

  asio::io_context io_{1};
  tcp::acceptor acceptor_{io_};
  asio::steady_timer accept_retry_{io_};
  ApduSessionFactory& factory_;
  const WrapperPortOptions options_;
  WrapperPortStats stats_;
  std::unordered_map<Connection*, std::shared_ptr<Connection>> connections_;
  TcpDialer dialer_{io_};
  std::weak_ptr<Connection> dialed_;
  bool stopping_ = false;
};

// One accepted client. Lives as long as the port's table or a pending handler holds it.
// At most one read and one write are pending, never both at once (see process()).
class WrapperPort::Impl::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Impl& port, tcp::socket socket, std::string peer, std::unique_ptr<ApduSession> session)
      : port_(port),
        socket_(std::move(socket)),
        timer_(port.io_),
        peer_(std::move(peer)),
        session_(std::move(session)),
        apdu_storage_(port.options_.max_apdu_bytes),
        reassembler_(apdu_storage_),
        in_(kReadChunk) {}

  const std::string& peer() const { return peer_; }
  bool is_open() const { return open_; }

  void start() {
    if (port_.options_.inactivity_timeout_s > 0) {
      touch();
      arm_timer();
    }
    process();
  }

  // Idempotent. Closes the socket (pending operations complete with operation_aborted and find
  // the connection closed), logs one line, counts, tells the session, leaves the port's table.
  void close(CloseReason reason, const std::string& detail) {
    if (!open_) return;
    open_ = false;
    asio::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    timer_.cancel();
    WrapperPortStats& s = port_.stats_;
    ++s.closed[static_cast<std::size_t>(reason)];
    --s.open;
    const std::string what = detail.empty() ? std::string(close_reason_name(reason))
                                            : fmt::format("{}: {}", close_reason_name(reason), detail);
    switch (reason) {
      case CloseReason::kPeerClosed:
      case CloseReason::kIdleTimeout:
      case CloseReason::kPortStopped:
      case CloseReason::kHungUp:
        spdlog::info("port wrapper: {} closed: {} ({} open)", peer_, what, s.open);
        break;
      default:
        spdlog::warn("port wrapper: {} closed: {} ({} open)", peer_, what, s.open);
        break;
    }
    try {
      session_->on_close();
    } catch (const std::exception& e) {
      spdlog::error("port wrapper: {}: the session's on_close threw: {}", peer_, e.what());
    } catch (...) {
      spdlog::error("port wrapper: {}: the session's on_close threw", peer_);
    }
    port_.forget(this);
  }

 private:
  void touch() { deadline_ = Clock::now() + std::chrono::seconds(port_.options_.inactivity_timeout_s); }

  void arm_timer() {
    timer_.expires_at(deadline_);
    timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) { self->on_timer(ec); });
  }

  // The timer is not re-armed at every frame: when it fires early (a frame moved the deadline),
  // it waits again for the new deadline.
  void on_timer(const asio::error_code& ec) {
    if (!open_ || ec == asio::error::operation_aborted) return;
    if (Clock::now() >= deadline_) {
      close(CloseReason::kIdleTimeout, fmt::format("no frame for {} s", port_.options_.inactivity_timeout_s));
      return;
    }
    arm_timer();
  }

  // Hands buffered input to the reassembler, and each complete frame to the session, until the
  // input runs out (then reads more) or an answer is being written (then waits for it).
  void process() {
    while (open_ && !writing_ && in_pos_ < in_len_) {
      const auto res = reassembler_.feed(std::span<const std::uint8_t>(in_.data() + in_pos_, in_len_ - in_pos_));
      in_pos_ += res.consumed;
      if (!res.status.is_ok()) {
        const CloseReason reason =
            res.status.code() == StatusCode::kCapacity ? CloseReason::kOversized : CloseReason::kBadVersion;
        close(reason, reason == CloseReason::kOversized
                          ? fmt::format("{}: {} ({} bytes)", res.status.field(), res.status.reason(),
                                        port_.options_.max_apdu_bytes)
                          : fmt::format("{}: {}", res.status.field(), res.status.reason()));
        return;
      }
      if (const auto frame = reassembler_.take_frame()) handle(*frame);
    }
    if (open_ && !writing_ && !reading_) read();
  }

  void handle(const wrapper::WrapperFrame& frame) {
    ++port_.stats_.frames_in;
    if (port_.options_.inactivity_timeout_s > 0) touch();
    spdlog::debug("port wrapper: {} frame {} -> {}, {} bytes", peer_, frame.source, frame.destination,
                  frame.apdu.size());
    response_.clear();
    try {
      session_->on_apdu(frame.source, frame.destination, frame.apdu, response_);
    } catch (const std::exception& e) {
      close(CloseReason::kSessionError, fmt::format("the session threw: {}", e.what()));
      return;
    } catch (...) {
      close(CloseReason::kSessionError, "the session threw");
      return;
    }
    if (response_.empty()) return;
    out_.resize(wrapper::kHeaderSize + response_.size());
    std::size_t written = 0;
    const Status st = wrapper::encode_response(frame, response_, out_, &written);
    if (!st.is_ok()) {
      close(CloseReason::kSessionError,
            fmt::format("an answer of {} bytes: {}: {}", response_.size(), st.field(), st.reason()));
      return;
    }
    out_.resize(written);
    write();
  }

  void read() {
    reading_ = true;
    socket_.async_read_some(asio::buffer(in_), [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
      self->on_read(ec, n);
    });
  }

  void on_read(const asio::error_code& ec, std::size_t n) {
    reading_ = false;
    if (!open_) return;
    if (ec) {
      const std::string cut = reassembler_.in_frame() ? ", in the middle of a frame" : "";
      if (is_peer_gone(ec)) close(CloseReason::kPeerClosed, cut.empty() ? std::string() : cut.substr(2));
      else close(CloseReason::kSocketError, fmt::format("reading: {}{}", ec.message(), cut));
      return;
    }
    port_.stats_.bytes_in += n;
    in_pos_ = 0;
    in_len_ = n;
    process();
  }

  void write() {
    writing_ = true;
    asio::async_write(socket_, asio::buffer(out_), [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
      self->on_write(ec, n);
    });
  }

  void on_write(const asio::error_code& ec, std::size_t n) {
    writing_ = false;
    if (!open_) return;
    port_.stats_.bytes_out += n;
    if (ec) {
      if (is_peer_gone(ec)) close(CloseReason::kPeerClosed, "while an answer was written");
      else close(CloseReason::kSocketError, fmt::format("writing: {}", ec.message()));
      return;
    }
    ++port_.stats_.frames_out;
    process();
  }

  Impl& port_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  std::string peer_;
  std::unique_ptr<ApduSession> session_;
  std::vector<std::uint8_t> apdu_storage_;  // before reassembler_, which points into it
  wrapper::Reassembler reassembler_;
  std::vector<std::uint8_t> in_;  // the latest read; [in_pos_, in_len_) not yet handled
  std::size_t in_pos_ = 0;
  std::size_t in_len_ = 0;
  std::vector<std::uint8_t> response_;  // the session's answer, capacity kept
  std::vector<std::uint8_t> out_;       // the framed answer being written
  Clock::time_point deadline_{};
  bool open_ = true;
  bool reading_ = false;
  bool writing_ = false;
};

WrapperPort::Impl::Impl(ApduSessionFactory& factory, const WrapperPortOptions& options)
    : factory_(factory), options_(options) {
  if (options.max_apdu_bytes < 1 || options.max_apdu_bytes > 0xFFFF) {
    throw std::runtime_error(
        fmt::format("port wrapper: max_apdu_bytes must be in 1..65535 (the wrapper's length field), not {}",
                    options.max_apdu_bytes));
  }
  if (options.max_connections < 1) throw std::runtime_error("port wrapper: max_connections must be at least 1");
  asio::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.address, ec);
  if (ec) throw std::runtime_error(fmt::format("port wrapper: \"{}\" is not an IP address", options.address));
  const tcp::endpoint endpoint(address, options.port);
  const std::string where = endpoint_text(endpoint);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error(fmt::format("port wrapper: cannot listen on {}: {}", where, ec.message()));
  start_accept();
}

WrapperPort::Impl::~Impl() {
  stopping_ = true;
  dialer_.stop();
  asio::error_code ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  auto open = std::move(connections_);
  connections_.clear();
  for (auto& [raw, c] : open) c->close(CloseReason::kPortStopped, "");
  // Let the cancelled operations complete so that they release their connections while the
  // io_context is whole.
  io_.restart();
  io_.poll();
}

void WrapperPort::Impl::start_accept() {
  acceptor_.async_accept([this](const asio::error_code& ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void WrapperPort::Impl::on_accept(const asio::error_code& ec, tcp::socket socket) {
  if (stopping_ || ec == asio::error::operation_aborted) return;
  if (ec) {
    spdlog::warn("port wrapper: accepting on {} failed: {}", local_endpoint(), ec.message());
    accept_retry_.expires_after(kAcceptRetry);
    accept_retry_.async_wait([this](const asio::error_code& e) {
      if (!stopping_ && e != asio::error::operation_aborted) start_accept();
    });
    return;
  }
  asio::error_code peer_ec;
  const tcp::endpoint remote = socket.remote_endpoint(peer_ec);
  const std::string peer = peer_ec ? std::string("(unknown peer)") : endpoint_text(remote);
  auto refuse = [&](const std::string& why) {
    ++stats_.refused;
    spdlog::warn("port wrapper: {} refused: {}", peer, why);
    asio::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  };
  if (const std::string why = serve(socket, peer, false); !why.empty()) refuse(why);
  start_accept();
}

std::string WrapperPort::Impl::serve(tcp::socket& socket, const std::string& peer, bool dialed) {
  if (connections_.size() >= options_.max_connections)
    return fmt::format("{} connections open already (the maximum)", connections_.size());
  std::unique_ptr<ApduSession> session;
  std::string why = "no session for it";
  try {
    session = factory_.open(peer);
  } catch (const std::exception& e) {
    why = fmt::format("opening its session threw: {}", e.what());
  }
  if (!session) return why;
  asio::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  auto c = std::make_shared<Connection>(*this, std::move(socket), peer, std::move(session));
  connections_.emplace(c.get(), c);
  ++stats_.accepted;
  ++stats_.open;
  if (dialed) {
    dialed_ = c;
    spdlog::info("port wrapper: connected to {}, meter-initiated ({} open)", peer, stats_.open);
  } else {
    spdlog::info("port wrapper: {} connected ({} open)", peer, stats_.open);
  }
  c->start();
  return {};
}

void WrapperPort::Impl::dial(std::string_view destination, std::chrono::milliseconds timeout,
                             std::function<void(const std::string&)> done) {
  dialer_.start(destination, timeout, [this, done = std::move(done)](const std::string& error) {
    if (!error.empty()) return done(error);
    tcp::socket socket = dialer_.take();
    asio::error_code ec;
    const tcp::endpoint remote = socket.remote_endpoint(ec);
    const std::string peer = ec ? std::string("(unknown peer)") : endpoint_text(remote);
    const std::string why = serve(socket, peer, true);
    if (!why.empty()) {
      ++stats_.refused;
      spdlog::warn("port wrapper: connection to {} given up: {}", peer, why);
      asio::error_code ignored;
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
    }
    done(why);
  });
}

bool WrapperPort::Impl::dialed_open() const {
  const std::shared_ptr<Connection> c = dialed_.lock();
  return c && c->is_open();
}

void WrapperPort::Impl::hang_up() {
  if (const std::shared_ptr<Connection> c = dialed_.lock()) c->close(CloseReason::kHungUp, "");
}

void WrapperPort::Impl::forget(Connection* c) {
  if (!stopping_) connections_.erase(c);
}

WrapperPort::WrapperPort(ApduSessionFactory& factory, const WrapperPortOptions& options)
    : impl_(std::make_unique<Impl>(factory, options)) {}
WrapperPort::~WrapperPort() = default;
std::size_t WrapperPort::poll() { return impl_->poll(); }
std::size_t WrapperPort::run_for(std::chrono::milliseconds duration) { return impl_->run_for(duration); }
void WrapperPort::dial(std::string_view destination, std::chrono::milliseconds timeout,
                       std::function<void(const std::string&)> done) {
  impl_->dial(destination, timeout, std::move(done));
}
bool WrapperPort::dialed_open() const { return impl_->dialed_open(); }
void WrapperPort::hang_up() { impl_->hang_up(); }
std::uint16_t WrapperPort::port() const { return impl_->port(); }
std::string WrapperPort::local_endpoint() const { return impl_->local_endpoint(); }
const WrapperPortStats& WrapperPort::stats() const { return impl_->stats(); }

}  // namespace quadra::host::ports
