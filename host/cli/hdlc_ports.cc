#include "host/cli/hdlc_ports.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace quadra::host {

void parse_listen_address(const std::string& text, const char* option, std::string* address, std::uint16_t* port) {
  const auto colon = text.rfind(':');
  *address = colon == std::string::npos ? "0.0.0.0" : text.substr(0, colon);
  const std::string port_text = colon == std::string::npos ? text : text.substr(colon + 1);
  std::size_t used = 0;
  unsigned long p = 0;
  try {
    p = std::stoul(port_text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != port_text.size() || p > 65535)
    throw std::invalid_argument(fmt::format("{}: \"{}\" is not [ADDRESS:]PORT or none", option, text));
  *port = static_cast<std::uint16_t>(p);
}

HdlcPorts::HdlcPorts(ports::ApduSessionFactory& dlms, const io::PortSettings& settings, const HdlcPortOptions& options) {
  if (options.tcp != "none") {
    ports::HdlcTcpPortOptions o;
    parse_listen_address(options.tcp, "--hdlc-tcp", &o.address, &o.port);
    tcp_ = std::make_unique<ports::HdlcTcpPort>(dlms, settings.hdlc[io::PortSettings::kHdlcTcp], o);
    std::printf("port hdlc     tcp %s\n", tcp_->local_endpoint().c_str());
  }
  const std::string* paths[2] = {&options.serial1, &options.serial2};
  for (std::size_t k = 0; k < 2; ++k) {
    if (*paths[k] == "none") continue;
    std::string link = *paths[k];
    if (link.empty()) {
      std::filesystem::create_directories(options.data_dir);
      link = (std::filesystem::path(options.data_dir) / fmt::format("serial{}", k + 1)).string();
    }
    const std::size_t channel = k == 0 ? io::PortSettings::kSerial1 : io::PortSettings::kSerial2;
    serial_[k] = std::make_unique<ports::SerialPort>(dlms, settings.hdlc[channel], fmt::format("serial {}", k + 1), link);
    std::printf("port serial %zu %s (link %s)\n", k + 1, serial_[k]->slave_path().c_str(), serial_[k]->link_path().c_str());
  }
  std::fflush(stdout);
}

void HdlcPorts::service(std::uint64_t now_ms) {
  if (tcp_) tcp_->poll();
  for (auto& s : serial_) {
    if (s) s->service(now_ms);
  }
}

}  // namespace quadra::host
