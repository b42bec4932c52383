// The exchangeable communication module's setup objects, as configured (read-only here: the
// module's settings come from the configuration, [modem]):
//   TCP-UDP setup   (class 41, version 0, 0.0.25.0.0.255): 2 TCP-UDP_port, 3 IP_reference (the
//                   IPv4 setup), 4 MSS, 5 nb_of_sim_conn, 6 inactivity_time_out (seconds)
//   IPv4 setup      (class 42, version 0, 0.0.25.1.0.255): 2 DL_reference (the GPRS modem setup),
//                   3 IP_address, 4 multicast_IP_address (empty), 5 IP_options (empty),
//                   6 subnet_mask, 7 gateway_IP_address, 8 use_DHCP_flag, 9/10 primary and
//                   secondary DNS address; its methods (multicast addresses) are not offered
//   GPRS modem setup (class 45, version 0, 0.0.25.4.0.255): 2 APN, 3 PIN_code,
//                   4 quality_of_service {default, requested}, each {precedence, delay,
//                   reliability, peak_throughput, mean_throughput}
// IPv4 addresses are double-long-unsigned with the first octet most significant (192.0.2.1 =
// 0xC0000201), as the Blue Book writes them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/cosem/cosem_object.h"

namespace quadra::cosem {

struct QualityOfService {
  std::uint8_t precedence = 0;
  std::uint8_t delay = 0;
  std::uint8_t reliability = 0;
  std::uint8_t peak_throughput = 0;
  std::uint8_t mean_throughput = 0;
};

struct ModemSettings {
  std::uint16_t tcp_port = 4060;
  std::uint16_t mss = 576;
  std::uint8_t max_connections = 4;
  std::uint16_t inactivity_timeout_s = 180;
  std::uint32_t ip_address = 0;  // 0: the address the module's port listens on (the host sets it)
  std::uint32_t subnet_mask = 0xFF000000;
  std::uint32_t gateway = 0;
  bool use_dhcp = false;
  std::uint32_t primary_dns = 0;
  std::uint32_t secondary_dns = 0;
  std::array<char, 64> apn{};
  std::size_t apn_size = 0;
  std::uint16_t pin_code = 0;
  QualityOfService default_qos;
  QualityOfService requested_qos;

  std::string_view apn_view() const { return {apn.data(), apn_size}; }
  // False (nothing changed) above 64 octets.
  bool set_apn(std::string_view text) {
    if (text.size() > apn.size()) return false;
    apn_size = 0;
    for (char c : text) apn[apn_size++] = c;
    return true;
  }
};

inline constexpr meter::Obis kTcpUdpSetupLn{0, 0, 25, 0, 0};
inline constexpr meter::Obis kIpv4SetupLn{0, 0, 25, 1, 0};
inline constexpr meter::Obis kGprsModemSetupLn{0, 0, 25, 4, 0};

class TcpUdpSetupObject final : public CosemObject {
 public:
  explicit TcpUdpSetupObject(const ModemSettings& s) : CosemObject(41, 0, kTcpUdpSetupLn), s_(s) {}
  std::uint8_t attribute_count() const override { return 6; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const ModemSettings& s_;
};

class Ipv4SetupObject final : public CosemObject {
 public:
  explicit Ipv4SetupObject(const ModemSettings& s) : CosemObject(42, 0, kIpv4SetupLn), s_(s) {}
  std::uint8_t attribute_count() const override { return 10; }
  std::uint8_t method_count() const override { return 3; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const ModemSettings& s_;
};

class GprsModemSetupObject final : public CosemObject {
 public:
  explicit GprsModemSetupObject(const ModemSettings& s) : CosemObject(45, 0, kGprsModemSetupLn), s_(s) {}
  std::uint8_t attribute_count() const override { return 4; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const ModemSettings& s_;
};

}  // namespace quadra::cosem
