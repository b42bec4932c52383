#include "host/ports/hdlc_link.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <stdexcept>

namespace quadra::host::ports {
namespace {

const io::HdlcSetup& checked(const io::HdlcSetup& setup, const std::string& name) {
  const Status s = hdlc::validate(setup);
  if (!s.is_ok()) throw std::invalid_argument(fmt::format("port {}: {}: {}", name, s.field(), s.reason()));
  return setup;
}

}  // namespace

HdlcLink::HdlcLink(ApduSessionFactory& factory, const io::HdlcSetup& setup, std::string name)
    : factory_(factory),
      setup_(checked(setup, name)),
      generation_(setup.generation),
      name_(std::move(name)),
      rx_(kMaxRequest),
      tx_(kMaxResponse + hdlc::kLlcResponse.size()) {
  response_.reserve(kMaxResponse);
  station_.emplace(hdlc::station_config(setup_), rx_, tx_);
  logical_address_ = setup_.logical_address;
}

HdlcLink::~HdlcLink() { close_session("port stopped"); }

void HdlcLink::rebuild_station_if_changed() {
  if (setup_.generation == generation_ || connected()) return;
  generation_ = setup_.generation;
  const Status s = hdlc::validate(setup_);
  if (!s.is_ok()) {  // the COSEM object validates every write: this is a programming error
    spdlog::error("port {}: new HDLC settings refused, the old ones stay: {}: {}", name_, s.field(), s.reason());
    return;
  }
  station_.emplace(hdlc::station_config(setup_), rx_, tx_);
  logical_address_ = setup_.logical_address;
  spdlog::info("port {}: HDLC settings applied (window {}/{}, information field {}/{}, inactivity {} s, device address {})",
               name_, setup_.window_size_transmit, setup_.window_size_receive, setup_.max_info_field_length_transmit,
               setup_.max_info_field_length_receive, setup_.inactivity_time_out_s, setup_.device_address);
}

void HdlcLink::feed(std::span<const std::uint8_t> bytes, std::uint64_t now_ms, std::vector<std::uint8_t>& out) {
  rebuild_station_if_changed();
  station_->feed(bytes, now_ms);
  service(out);
}

bool HdlcLink::poll(std::uint64_t now_ms, std::vector<std::uint8_t>& out) {
  const bool dropped = station_->poll(now_ms);
  if (dropped) {
    ++stats_.inactivity_drops;
    drop_reason_ = "inactivity time-out";
  }
  service(out);
  rebuild_station_if_changed();
  return dropped;
}

void HdlcLink::reset() {
  drop_reason_ = "port closed";
  station_->reset();
  while (const auto e = station_->take_event()) handle_event(*e);
  close_session("port closed");
}

void HdlcLink::service(std::vector<std::uint8_t>& out) {
  // Events first: a request that came after an SNRM belongs to the session that SNRM opened.
  while (const auto e = station_->take_event()) handle_event(*e);
  if (const auto rq = station_->take_apdu()) handle_request(*rq);
  // Handling a request may not raise events, but a session error drops the link.
  while (const auto e = station_->take_event()) handle_event(*e);
  drain(out);
}

void HdlcLink::handle_event(const hdlc::LinkEvent& e) {
  if (e.kind == hdlc::LinkEvent::Kind::kDisconnected) {
    close_session(drop_reason_);
    drop_reason_ = "disconnected (DISC)";
    return;
  }
  close_session("new SNRM");
  const std::string peer = fmt::format("{} client {}", name_, e.client_sap);
  try {
    session_ = factory_.open(peer);
  } catch (const std::exception& ex) {
    spdlog::warn("port {}: opening a session threw: {}", name_, ex.what());
  }
  if (!session_) {
    spdlog::warn("port {}: no session for client {}: its requests go unanswered", name_, e.client_sap);
    return;
  }
  session_client_ = e.client_sap;
  ++stats_.connections;
  const hdlc::LinkParams& p = station_->negotiated();
  spdlog::info("port {}: client {} connected (information field {}/{}, window {}/{})", name_, e.client_sap,
               p.max_info_tx, p.max_info_rx, p.window_tx, p.window_rx);
}

void HdlcLink::handle_request(const hdlc::ReceivedApdu& rq) {
  ++stats_.requests;
  response_.clear();
  if (session_ && rq.client_sap == session_client_) {
    try {
      session_->on_apdu(rq.client_sap, logical_address_, rq.apdu, response_);
    } catch (const std::exception& ex) {
      spdlog::warn("port {}: the session threw: {}: link dropped", name_, ex.what());
      response_.clear();
      station_->finish_without_response();
      drop_reason_ = "session error";
      station_->reset();
      return;
    }
  }
  if (rq.unconfirmed || response_.empty()) {
    station_->finish_without_response();
    return;
  }
  const Status s = station_->send_apdu(rq.client_sap, response_);
  if (!s.is_ok()) {
    spdlog::warn("port {}: an answer of {} bytes cannot be sent: {}: {}", name_, response_.size(), s.field(), s.reason());
    station_->finish_without_response();
    return;
  }
  ++stats_.responses;
}

void HdlcLink::close_session(const char* why) {
  if (!session_) return;
  spdlog::info("port {}: client {} {}", name_, session_client_, why);
  try {
    session_->on_close();
  } catch (const std::exception& ex) {
    spdlog::error("port {}: the session's on_close threw: {}", name_, ex.what());
  }
  session_.reset();
}

void HdlcLink::drain(std::vector<std::uint8_t>& out) {
  for (;;) {
    const std::span<const std::uint8_t> frame = station_->next_output();
    if (frame.empty()) break;
    out.insert(out.end(), frame.begin(), frame.end());
  }
}

}  // namespace quadra::host::ports
