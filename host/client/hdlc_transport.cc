#include "host/client/hdlc_transport.h"

#include <fmt/format.h>

#include <chrono>

namespace quadra::client {
namespace {

using Clock = std::chrono::steady_clock;

hdlc::ClientConfig link_config(const HdlcOptions& o) {
  if (o.client_sap < 1 || o.client_sap > 0x7E) throw ClientError("--client: an HDLC client address is 1..126");
  if (o.address_size != 1 && o.address_size != 2 && o.address_size != 4)
    throw ClientError("--address-size: 1, 2 or 4 bytes");
  const std::uint16_t limit = o.address_size == 4 ? 0x3FFF : 0x7F;
  if (o.logical == 0 || o.logical >= limit || o.logical == 0x7F)
    throw ClientError(fmt::format("--server: an HDLC logical address is 1..{} but not 127 with {}-byte addresses",
                                  limit - 1, o.address_size));
  if (o.address_size > 1 && (o.physical >= limit || o.physical == 0x7F))
    throw ClientError(fmt::format("--physical: 0..{} but not 127 with {}-byte addresses", limit - 1, o.address_size));
  hdlc::ClientConfig c;
  c.client_sap = o.client_sap;
  c.server = hdlc::server_address(o.logical, o.address_size == 1 ? 0 : o.physical, o.address_size);
  c.proposal = {o.max_info, o.max_info, o.window, o.window};
  if (const Status s = hdlc::validate(c.proposal); !s.is_ok())
    throw ClientError(fmt::format("HDLC parameters: {}", s.reason()));
  c.response_timeout_ms = static_cast<std::uint32_t>(o.timeout_ms);
  return c;
}

}  // namespace

std::string describe(const HdlcOptions& o) {
  if (o.address_size == 1) return fmt::format("client {}, server {} (1-byte address)", o.client_sap, o.logical);
  return fmt::format("client {}, server {}/{} ({}-byte address)", o.client_sap, o.logical, o.physical,
                     o.address_size);
}

HdlcTransport::HdlcTransport(ByteStream stream, const HdlcOptions& options)
    : stream_(std::move(stream)), options_(options), rx_storage_(0x10000), tx_storage_(0x10000 + 3),
      client_(link_config(options), rx_storage_, tx_storage_) {
  client_.connect();
  run_until([&] { return client_.state() != hdlc::HdlcClient::State::kConnecting; }, "UA to SNRM");
}

HdlcTransport::~HdlcTransport() {
  if (client_.state() != hdlc::HdlcClient::State::kConnected) return;
  try {
    disconnect();
  } catch (const ClientError&) {
    // The answer is what mattered; a server that does not acknowledge DISC times the link out.
  }
}

std::uint64_t HdlcTransport::now_ms() const {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count());
}

template <typename Done>
void HdlcTransport::run_until(Done done, const char* what) {
  using State = hdlc::HdlcClient::State;
  std::uint8_t buf[2048];
  for (;;) {
    // The station's own timer: the response timeout counts from its last frame with P.
    for (auto out = client_.next_output(now_ms()); !out.empty(); out = client_.next_output(now_ms()))
      stream_.write_all(out, Clock::now() + std::chrono::milliseconds(options_.timeout_ms));
    if (client_.state() != State::kFailed && done()) return;
    if (client_.state() == State::kFailed || client_.poll(now_ms())) {
      const bool connecting = std::string_view(what) == "UA to SNRM";
      switch (client_.failure()) {
        case hdlc::HdlcClient::Failure::kTimeout:
          throw ClientError(fmt::format("{}: no {} within {} ms ({}){}", stream_.name(), what, options_.timeout_ms,
                                        describe(options_),
                                        connecting ? ": not an HDLC port, or not this server address" : ""));
        case hdlc::HdlcClient::Failure::kDisconnectedMode:
          throw ClientError(fmt::format("{}: the server answered {} with DM (disconnected mode) ({}){}", stream_.name(),
                                        connecting ? "SNRM" : "the request", describe(options_),
                                        connecting ? ": it refused the link (busy with another client?)"
                                                   : ": the link was dropped"));
        default:
          throw ClientError(fmt::format("{}: HDLC: {}", stream_.name(), client_.error().reason()));
      }
    }
    // Wake up for the station's timer at the latest every 100 ms.
    std::size_t n = 0;
    try {
      n = stream_.read_some(buf, Clock::now() + std::chrono::milliseconds(100));
    } catch (const ClientError& e) {
      throw ClientError(fmt::format("{} (waiting for the {})", e.what(), what));
    }
    if (n > 0) client_.feed({buf, n}, now_ms());
  }
}

void HdlcTransport::send(std::span<const std::uint8_t> apdu) {
  if (const Status s = client_.send_apdu(apdu); !s.is_ok())
    throw ClientError(fmt::format("{}: HDLC: {}", stream_.name(), s.reason()));
  // The request's frames go out as receive() waits: a segmented request needs the server's RR
  // between its windows.
}

std::vector<std::uint8_t> HdlcTransport::receive() {
  std::optional<std::span<const std::uint8_t>> apdu;
  run_until([&] { return (apdu = client_.take_apdu()).has_value(); }, "response");
  return {apdu->begin(), apdu->end()};
}

void HdlcTransport::disconnect() {
  client_.disconnect();
  run_until([&] { return client_.state() == hdlc::HdlcClient::State::kDisconnected; }, "UA to DISC");
}

}  // namespace quadra::client
