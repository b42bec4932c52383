// The exchangeable communication module's setup objects over the module's settings (the
// configuration's [modem], then what the management client writes):
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
//
// Writable (by the management client, association.cc), each checked; a value of another type is
// type-unmatched, one out of range other-reason, and neither changes anything:
//   TCP-UDP setup    2 TCP-UDP_port 1..65535, 5 nb_of_sim_conn 1..64, 6 inactivity_time_out
//                    0..65535 s (0: none)
//   IPv4 setup       3 IP_address: the address the module listens on, a unicast address (not
//                    0.0.0.0, not 224.0.0.0/3);
//                    6 subnet_mask: a contiguous mask of 1..32 leading ones (0.0.0.0 refused), that
//                    keeps a gateway other than 0 in the subnet of IP_address;
//                    7 gateway_IP_address: 0.0.0.0 (none) or a unicast address in the subnet of
//                    IP_address (IP_address & subnet_mask), other than IP_address itself;
//                    8 use_DHCP_flag: boolean;
//                    9, 10 primary / secondary DNS address: 0.0.0.0 (none) or a unicast address.
//                    The subnet checks use the values in force at the write (write IP_address, then
//                    subnet_mask, then gateway_IP_address); with IP_address 0 (not yet known) the
//                    gateway is only checked as unicast. Attributes 6..10 describe the module's own
//                    network: they are kept (and, on the host, stored) and read back, never
//                    applied to the host's interfaces, routes or resolver (a module with its own
//                    IP stack would apply them; the host has no DHCP client nor routes to set)
//   GPRS modem setup 2 APN: 1..64 octets of letters, digits, '-' and '.' (3GPP TS 23.003);
//                    3 PIN_code 0..9999; 4 quality_of_service {default, requested}, each of five
//                    unsigned
// A write taken bumps ModemSettings::generation and is logged as "parameters changed" (event 47,
// context = the object's OBIS); the module applies it at its next insertion (a new TCP port or
// address re-binds its listener then).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

struct QualityOfService {
  friend bool operator==(const QualityOfService&, const QualityOfService&) = default;
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
  std::uint32_t generation = 0;  // bumped by every write taken over DLMS

  std::string_view apn_view() const { return {apn.data(), apn_size}; }
  // False (nothing changed) above 64 octets.
  bool set_apn(std::string_view text) {
    if (text.size() > apn.size()) return false;
    apn_size = 0;
    for (char c : text) apn[apn_size++] = c;
    return true;
  }
};

// The checks of the writes: an APN as GPRS modem setup attribute 2 takes it, an IPv4 unicast
// address as IPv4 setup attribute 3 takes it.
bool apn_valid(std::string_view apn);
bool unicast_ipv4(std::uint32_t address);
// A subnet mask of 1..32 leading one bits and nothing else (255.255.255.0 yes, 255.0.255.0 no).
bool contiguous_mask(std::uint32_t mask);
// What IPv4 setup attribute 7 takes under `s`'s IP_address and subnet_mask (see above).
bool gateway_valid(const ModemSettings& s, std::uint32_t gateway);
// What IPv4 setup attributes 9 and 10 take: 0 or a unicast address.
inline bool dns_valid(std::uint32_t address) { return address == 0 || unicast_ipv4(address); }
// Every IPv4 setup attribute of `s` as the writes would take it (for restored settings).
bool ipv4_setup_valid(const ModemSettings& s);

inline constexpr meter::Obis kTcpUdpSetupLn{0, 0, 25, 0, 0};
inline constexpr meter::Obis kIpv4SetupLn{0, 0, 25, 1, 0};
inline constexpr meter::Obis kGprsModemSetupLn{0, 0, 25, 4, 0};

class TcpUdpSetupObject final : public CosemObject {
 public:
  // `s` and `meter` outlive the object.
  TcpUdpSetupObject(ModemSettings& s, meter::Meter& meter) : CosemObject(41, 0, kTcpUdpSetupLn), s_(s), meter_(meter) {}
  bool writable(std::uint8_t attribute) const override { return attribute == 2 || attribute == 5 || attribute == 6; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;
  std::uint8_t attribute_count() const override { return 6; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  ModemSettings& s_;
  meter::Meter& meter_;
};

class Ipv4SetupObject final : public CosemObject {
 public:
  // `s` and `meter` outlive the object.
  Ipv4SetupObject(ModemSettings& s, meter::Meter& meter) : CosemObject(42, 0, kIpv4SetupLn), s_(s), meter_(meter) {}
  bool writable(std::uint8_t attribute) const override { return attribute == 3 || (attribute >= 6 && attribute <= 10); }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;
  std::uint8_t attribute_count() const override { return 10; }
  std::uint8_t method_count() const override { return 3; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  ModemSettings& s_;
  meter::Meter& meter_;
};

class GprsModemSetupObject final : public CosemObject {
 public:
  // `s` and `meter` outlive the object.
  GprsModemSetupObject(ModemSettings& s, meter::Meter& meter) : CosemObject(45, 0, kGprsModemSetupLn), s_(s), meter_(meter) {}
  bool writable(std::uint8_t attribute) const override { return attribute >= 2 && attribute <= 4; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;
  std::uint8_t attribute_count() const override { return 4; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  ModemSettings& s_;
  meter::Meter& meter_;
};

}  // namespace quadra::cosem
