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
    : pty_(options.link_path), readout_(meter, checked(options.readout, meter)), engine_(readout_) {
  const Status s = engine_.configure(options.engine);
  if (!s.is_ok()) throw std::runtime_error(std::string("optical port: ") + s.field() + ": " + s.reason());
}

void OpticalPort::service(std::uint64_t now_ms) {
  std::array<std::uint8_t, 256> buf;
  for (;;) {
    const std::size_t n = pty_.read(buf);
    if (n == 0) break;
    engine_.feed(std::span<const std::uint8_t>(buf.data(), n), now_ms);
    drain(now_ms);
  }
  engine_.poll(now_ms);
  drain(now_ms);
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
        spdlog::info("port optical: mode E switch to HDLC at {} Bd acknowledged, but HDLC is not served on the optical "
                     "port yet: back to IEC 62056-21 mode C at 300 Bd",
                     out.baud);
        engine_.return_from_hdlc(now_ms);
        break;
    }
  }
  if (engine_.stats().readouts != readouts_logged_) {
    readouts_logged_ = engine_.stats().readouts;
    spdlog::info("port optical: data readout {} ({} items in the readout list)", readouts_logged_, readout_.items().size());
  }
}

}  // namespace quadra::host::ports
