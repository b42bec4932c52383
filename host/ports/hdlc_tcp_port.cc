#include "host/ports/hdlc_tcp_port.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <asio.hpp>
#include <exception>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include "host/ports/hdlc_link.h"

namespace quadra::host::ports {
namespace {

using asio::ip::tcp;

constexpr std::size_t kReadChunk = 2048;
constexpr std::size_t kPollBudget = 64;

std::uint64_t now_ms() {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

std::string endpoint_text(const tcp::endpoint& ep) {
  if (ep.address().is_v6()) return fmt::format("[{}]:{}", ep.address().to_string(), ep.port());
  return fmt::format("{}:{}", ep.address().to_string(), ep.port());
}

}  // namespace

class HdlcTcpPort::Impl {
 public:
  Impl(ApduSessionFactory& factory, const io::HdlcSetup& setup, const HdlcTcpPortOptions& options);
  ~Impl();

  std::size_t poll() {
    if (io_.stopped()) io_.restart();
    std::size_t n = 0;
    while (n < kPollBudget && io_.poll_one() > 0) ++n;
    timers();
    return n;
  }
  std::size_t run_for(std::chrono::milliseconds d) {
    if (io_.stopped()) io_.restart();
    const std::size_t n = io_.run_for(d);
    timers();
    return n;
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
  const HdlcTcpPortStats& stats() const { return stats_; }

 private:
  class Connection;

  void start_accept();
  void on_accept(const asio::error_code& ec, tcp::socket socket);
  void timers();

  asio::io_context io_{1};
  tcp::acceptor acceptor_{io_};
  ApduSessionFactory& factory_;
  const io::HdlcSetup& setup_;
  const HdlcTcpPortOptions options_;
  HdlcTcpPortStats stats_;
  std::unordered_map<Connection*, std::shared_ptr<Connection>> connections_;
  std::vector<std::shared_ptr<Connection>> ticking_;
  bool stopping_ = false;
};

// One TCP client with its HDLC link. Reads continuously (HDLC paces itself: the client waits
// for the final frame of each answer); writes one buffer at a time, more output queues behind it.
class HdlcTcpPort::Impl::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Impl& port, tcp::socket socket, std::string peer)
      : port_(port),
        socket_(std::move(socket)),
        peer_(std::move(peer)),
        link_(port.factory_, port.setup_, "hdlc " + peer_),
        in_(kReadChunk),
        last_byte_ms_(now_ms()) {}

  void start() { read(); }

  void close(const char* why) {
    if (!open_) return;
    open_ = false;
    link_.reset();
    asio::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    ++port_.stats_.closed;
    --port_.stats_.open;
    spdlog::info("port hdlc: {} closed: {} ({} open)", peer_, why, port_.stats_.open);
    if (!port_.stopping_) port_.connections_.erase(this);
  }

  // The link's timers, and the idle rule for a connection without a link.
  void tick(std::uint64_t now) {
    if (!open_) return;
    if (link_.poll(now, queued_)) {
      flush();
      close("HDLC inactivity time-out");
      return;
    }
    const std::uint32_t idle_s = port_.setup_.inactivity_time_out_s;
    if (idle_s != 0 && !link_.connected() && now - last_byte_ms_ > std::uint64_t{idle_s} * 1000) {
      close("no HDLC link, nothing received");
      return;
    }
    flush();
  }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(in_), [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
      self->on_read(ec, n);
    });
  }

  void on_read(const asio::error_code& ec, std::size_t n) {
    if (!open_) return;
    if (ec) {
      close(ec == asio::error::eof ? "closed by the peer" : "socket error");
      return;
    }
    port_.stats_.bytes_in += n;
    last_byte_ms_ = now_ms();
    link_.feed(std::span<const std::uint8_t>(in_.data(), n), last_byte_ms_, queued_);
    flush();
    if (open_) read();
  }

  void flush() {
    if (writing_ || queued_.empty() || !open_) return;
    writing_ = true;
    out_.swap(queued_);
    queued_.clear();
    asio::async_write(socket_, asio::buffer(out_), [self = shared_from_this()](const asio::error_code& ec, std::size_t n) {
      self->on_write(ec, n);
    });
  }

  void on_write(const asio::error_code& ec, std::size_t n) {
    writing_ = false;
    if (!open_) return;
    port_.stats_.bytes_out += n;
    if (ec) {
      close("socket error while writing");
      return;
    }
    flush();
  }

  Impl& port_;
  tcp::socket socket_;
  std::string peer_;
  HdlcLink link_;
  std::vector<std::uint8_t> in_;
  std::vector<std::uint8_t> queued_;  // frames waiting for the current write
  std::vector<std::uint8_t> out_;     // frames being written
  std::uint64_t last_byte_ms_ = 0;
  bool open_ = true;
  bool writing_ = false;
};

HdlcTcpPort::Impl::Impl(ApduSessionFactory& factory, const io::HdlcSetup& setup, const HdlcTcpPortOptions& options)
    : factory_(factory), setup_(setup), options_(options) {
  if (const Status s = hdlc::validate(setup); !s.is_ok())
    throw std::invalid_argument(fmt::format("port hdlc: {}: {}", s.field(), s.reason()));
  if (options.max_connections < 1) throw std::runtime_error("port hdlc: max_connections must be at least 1");
  asio::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.address, ec);
  if (ec) throw std::runtime_error(fmt::format("port hdlc: \"{}\" is not an IP address", options.address));
  const tcp::endpoint endpoint(address, options.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error(fmt::format("port hdlc: cannot listen on {}: {}", endpoint_text(endpoint), ec.message()));
  start_accept();
}

HdlcTcpPort::Impl::~Impl() {
  stopping_ = true;
  asio::error_code ignored;
  acceptor_.close(ignored);
  auto open = std::move(connections_);
  connections_.clear();
  for (auto& [raw, c] : open) c->close("port stopped");
  io_.restart();
  io_.poll();
}

void HdlcTcpPort::Impl::start_accept() {
  acceptor_.async_accept([this](const asio::error_code& ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void HdlcTcpPort::Impl::on_accept(const asio::error_code& ec, tcp::socket socket) {
  if (stopping_ || ec == asio::error::operation_aborted) return;
  if (!ec) {
    asio::error_code peer_ec;
    const tcp::endpoint remote = socket.remote_endpoint(peer_ec);
    const std::string peer = peer_ec ? std::string("(unknown peer)") : endpoint_text(remote);
    if (connections_.size() >= options_.max_connections) {
      ++stats_.refused;
      spdlog::warn("port hdlc: {} refused: {} connections open already (the maximum)", peer, connections_.size());
      asio::error_code ignored;
      socket.close(ignored);
    } else {
      asio::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto c = std::make_shared<Connection>(*this, std::move(socket), peer);
      connections_.emplace(c.get(), c);
      ++stats_.accepted;
      ++stats_.open;
      spdlog::info("port hdlc: {} connected ({} open)", peer, stats_.open);
      c->start();
    }
  } else {
    spdlog::warn("port hdlc: accepting on {} failed: {}", local_endpoint(), ec.message());
  }
  start_accept();
}

void HdlcTcpPort::Impl::timers() {
  // tick() may close a connection, which leaves the table: walk a copy (capacity kept).
  const std::uint64_t now = now_ms();
  ticking_.clear();
  for (auto& [raw, c] : connections_) ticking_.push_back(c);
  for (auto& c : ticking_) c->tick(now);
  ticking_.clear();
}

HdlcTcpPort::HdlcTcpPort(ApduSessionFactory& factory, const io::HdlcSetup& setup, const HdlcTcpPortOptions& options)
    : impl_(std::make_unique<Impl>(factory, setup, options)) {}
HdlcTcpPort::~HdlcTcpPort() = default;
std::size_t HdlcTcpPort::poll() { return impl_->poll(); }
std::size_t HdlcTcpPort::run_for(std::chrono::milliseconds duration) { return impl_->run_for(duration); }
std::uint16_t HdlcTcpPort::port() const { return impl_->port(); }
std::string HdlcTcpPort::local_endpoint() const { return impl_->local_endpoint(); }
const HdlcTcpPortStats& HdlcTcpPort::stats() const { return impl_->stats(); }

}  // namespace quadra::host::ports
