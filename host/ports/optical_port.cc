#include "host/ports/optical_port.h"

#include <spdlog/spdlog.h>

#include <array>
#include <stdexcept>
#include <string>

namespace quadra::host::ports {
namespace {

const io::ReadoutConfig& checked(const io::ReadoutConfig& config, const meter::Meter& meter) {
  const Status s = io::MeterReadout::validate(config, meter);
  if (!s.is_ok()) throw std::runtime_error(std::string("optical port: ") + s.field() + ": " + s.reason());
  return config;
}

}  // namespace

OpticalPort::OpticalPort(const meter::Meter& meter, const OpticalPortOptions& options)
    : pty_(options.link_path),
      readout_(meter, checked(options.readout, meter)),
      engine_(readout_),
      dlms_(options.dlms),
      hdlc_setup_(options.hdlc),
      engine_config_(options.engine),
      local_(options.local) {
  if (options.readout_list != nullptr) {
    std::size_t bad = 0;
    const Status s = io::MeterReadout::validate_items(options.readout_list->view(), meter, &bad);
    if (!s.is_ok())
      throw std::runtime_error("optical port: readout list item " + std::to_string(bad + 1) + ": " + s.reason());
    readout_.follow(options.readout_list);
    readout_list_ = options.readout_list;
  }
  if (dlms_ && hdlc_setup_) link_ = std::make_unique<HdlcLink>(*dlms_, *hdlc_setup_, "optical");
  const Status s = engine_.configure(options.engine);
  if (!s.is_ok()) throw std::runtime_error(std::string("optical port: ") + s.field() + ": " + s.reason());
  if (local_) {
    local_generation_ = local_->generation + 1;  // force the first application
    apply_local_setup();
    applied_once_ = true;
  }
}

void OpticalPort::apply_local_setup() {
  if (!local_ || local_->generation == local_generation_ || hdlc_active_) return;
  local_generation_ = local_->generation;
  iec62056_21::Config c = engine_config_;
  c.max_baud = io::baud_of(local_->prop_baud);
  c.device_address = std::string_view(local_->device_addr.data(), local_->device_addr_size);
  const Status s = engine_.configure(c);
  if (!s.is_ok()) {
    spdlog::warn("port optical: local port setup not applied: {}: {}", s.field(), s.reason());
    return;
  }
  if (!applied_once_) return;
  spdlog::info("port optical: local port setup applied (proposed {} Bd, device address \"{}\")", c.max_baud,
               c.device_address);
}

void OpticalPort::service(std::uint64_t now_ms) {
  apply_local_setup();
  std::array<std::uint8_t, 256> buf;
  for (;;) {
    const std::size_t n = pty_.read(buf);
    if (n == 0) break;
    if (hdlc_active_) {
      service_hdlc(std::span<const std::uint8_t>(buf.data(), n), now_ms);
    } else {
      engine_.feed(std::span<const std::uint8_t>(buf.data(), n), now_ms);
      drain(now_ms);
    }
  }
  if (hdlc_active_) service_hdlc({}, now_ms);
  engine_.poll(now_ms);
  drain(now_ms);
}

void OpticalPort::enter_hdlc(std::uint32_t baud, std::uint64_t now_ms) {
  if (!link_) {
    spdlog::info("port optical: mode E switch to HDLC at {} Bd acknowledged, but no DLMS server runs: back to "
                 "IEC 62056-21 mode C at 300 Bd",
                 baud);
    engine_.return_from_hdlc(now_ms);
    return;
  }
  spdlog::info("port optical: mode E, HDLC at {} Bd", baud);
  link_->reset();
  hdlc_active_ = true;
  link_was_connected_ = false;
  hdlc_last_byte_ms_ = now_ms;
}

void OpticalPort::service_hdlc(std::span<const std::uint8_t> bytes, std::uint64_t now_ms) {
  hdlc_out_.clear();
  bool dropped = false;
  if (!bytes.empty()) {
    hdlc_last_byte_ms_ = now_ms;
    link_->feed(bytes, now_ms, hdlc_out_);
  } else {
    dropped = link_->poll(now_ms, hdlc_out_);
  }
  if (!hdlc_out_.empty()) {
    const std::size_t sent = pty_.write(hdlc_out_);
    if (sent < hdlc_out_.size())
      spdlog::warn("port optical: {} of {} bytes dropped, nobody reads {}", hdlc_out_.size() - sent, hdlc_out_.size(),
                   pty_.slave_path());
  }
  if (link_->connected()) {
    link_was_connected_ = true;
    return;
  }
  if (dropped) {
    leave_hdlc("HDLC inactivity time-out", now_ms);
  } else if (link_was_connected_) {
    leave_hdlc("HDLC link closed", now_ms);
  } else {
    const std::uint64_t idle_ms =
        std::uint64_t{hdlc_setup_->inactivity_time_out_s != 0 ? hdlc_setup_->inactivity_time_out_s : 120U} * 1000;
    if (now_ms - hdlc_last_byte_ms_ > idle_ms) leave_hdlc("no SNRM after the mode E switch", now_ms);
  }
}

void OpticalPort::leave_hdlc(const char* why, std::uint64_t now_ms) {
  spdlog::info("port optical: {}: back to IEC 62056-21 mode C at 300 Bd", why);
  link_->reset();
  hdlc_active_ = false;
  link_was_connected_ = false;
  engine_.return_from_hdlc(now_ms);
}

void OpticalPort::drain(std::uint64_t now_ms) {
  iec62056_21::Output out;
  while (engine_.next_output(&out)) {
    switch (out.kind) {
      case iec62056_21::OutputKind::kSend: {
        const std::size_t sent = pty_.write(out.bytes);
        if (sent < out.bytes.size())
          spdlog::warn("port optical: {} of {} bytes dropped, nobody reads {}", out.bytes.size() - sent, out.bytes.size(),
                       pty_.slave_path());
        break;
      }
      case iec62056_21::OutputKind::kSetLine:
        spdlog::debug("port optical: line set to {} Bd {} (no effect on a pty)", out.baud,
                      out.format == iec62056_21::CharFormat::k7E1 ? "7E1" : "8N1");
        break;
      case iec62056_21::OutputKind::kEnterHdlc:
        enter_hdlc(out.baud, now_ms);
        break;
    }
  }
  if (engine_.stats().readouts != readouts_logged_) {
    readouts_logged_ = engine_.stats().readouts;
    // The followed list is the one this readout takes (the readout takes it at its first line).
    spdlog::info("port optical: data readout {} ({} items in the readout list)", readouts_logged_,
                 readout_list_ != nullptr ? readout_list_->count : readout_.items().size());
  }
}

}  // namespace quadra::host::ports
