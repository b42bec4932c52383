#include "host/ports/serial_port.h"

#include <spdlog/spdlog.h>

#include <array>

namespace quadra::host::ports {

SerialPort::SerialPort(ApduSessionFactory& factory, const io::HdlcSetup& setup, std::string name,
                       const std::string& link_path)
    : pty_(link_path), link_(factory, setup, std::move(name)) {
  out_.reserve(4096);
}

void SerialPort::service(std::uint64_t now_ms) {
  std::array<std::uint8_t, 512> buf;
  for (;;) {
    const std::size_t n = pty_.read(buf);
    if (n == 0) break;
    link_.feed(std::span<const std::uint8_t>(buf.data(), n), now_ms, out_);
    write_out();
  }
  link_.poll(now_ms, out_);
  write_out();
}

void SerialPort::write_out() {
  if (out_.empty()) return;
  const std::size_t sent = pty_.write(out_);
  if (sent < out_.size())
    spdlog::warn("port {}: {} of {} bytes dropped, nobody reads {}", link_.name(), out_.size() - sent, out_.size(),
                 pty_.slave_path());
  out_.clear();
}

}  // namespace quadra::host::ports
