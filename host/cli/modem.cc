#include "host/cli/modem.h"

#include <spdlog/spdlog.h>

#include <arpa/inet.h>

#include <exception>

#include "core/recording/event_codes.h"

namespace quadra::host {

Modem::Modem(meter::Meter& meter, DlmsService& dlms, const cosem::ModemSettings& settings,
             const ports::WrapperPortOptions& port)
    : meter_(meter), dlms_(dlms), settings_(settings), options_(port) {
  options_.max_connections = settings_.max_connections;
  options_.inactivity_timeout_s = settings_.inactivity_timeout_s;
  settings_.tcp_port = options_.port;
  // IP_address of the IPv4 setup: the configured one, else the IPv4 address listened on.
  in_addr a{};
  if (settings_.ip_address == 0 && inet_pton(AF_INET, options_.address.c_str(), &a) == 1)
    settings_.ip_address = ntohl(a.s_addr);
  if (open()) settings_.tcp_port = port_->port();  // port 0: the one the system gave
  dlms_.directory().add(std::make_unique<cosem::TcpUdpSetupObject>(settings_));
  dlms_.directory().add(std::make_unique<cosem::Ipv4SetupObject>(settings_));
  dlms_.directory().add(std::make_unique<cosem::GprsModemSetupObject>(settings_));
}

bool Modem::open() {
  try {
    port_ = std::make_unique<ports::WrapperPort>(dlms_, options_);
    return true;
  } catch (const std::exception& e) {
    spdlog::error("modem: {}: the module stays removed", e.what());
    return false;
  }
}

void Modem::remove(double now_s) {
  if (!port_) return;
  port_.reset();
  meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kCommunicationModuleRemoved, now_s);
  spdlog::info("0.0.25.0.0.255: communication module removed (TCP port {} closed)", settings_.tcp_port);
}

void Modem::insert(double now_s) {
  if (port_) return;
  // The port it had (a system-given port 0 is kept, so that a client can come back).
  options_.port = settings_.tcp_port;
  if (!open()) return;
  meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kCommunicationModuleInserted, now_s);
  spdlog::info("0.0.25.0.0.255: communication module inserted (DLMS/COSEM on TCP {})", port_->local_endpoint());
}

}  // namespace quadra::host
