#include "core/cosem/modem_objects.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/dlms/test_hex.h"
#include "core/meter/meter.h"
#include "core/recording/event_codes.h"
#include "core/recording/log_group.h"

namespace quadra::cosem {
namespace {

using Bytes = std::vector<std::uint8_t>;
using dlms::testing::hex;

Bytes get(CosemObject& o, std::uint8_t attribute) {
  Bytes out(256);
  dlms::AxdrWriter w(out);
  EXPECT_EQ(o.get(attribute, dlms::SelectiveAccess{}, w, RequestContext{}), DataAccessResult::kSuccess);
  out.resize(w.size());
  return out;
}

ModemSettings settings() {
  ModemSettings s;
  s.tcp_port = 4060;
  s.max_connections = 2;
  s.inactivity_timeout_s = 120;
  s.ip_address = 0xC0000201;  // 192.0.2.1
  s.subnet_mask = 0xFFFFFF00;
  s.gateway = 0xC0000202;
  s.primary_dns = 0xC0000203;
  s.set_apn("m2m.example");
  s.pin_code = 1234;
  s.default_qos = {1, 2, 3, 4, 5};
  s.requested_qos = {0, 0, 0, 9, 31};
  return s;
}

TEST(ModemObjects, TcpUdpSetup) {
  ModemSettings s = settings();
  meter::Meter meter{meter::MeterSettings{}};
  TcpUdpSetupObject o(s, meter);
  EXPECT_EQ(o.class_id(), 41);
  EXPECT_EQ(get(o, 1), hex("09 06 0000190000FF"));
  EXPECT_EQ(get(o, 2), hex("12 0FDC"));
  EXPECT_EQ(get(o, 3), hex("09 06 0000190100FF"));
  EXPECT_EQ(get(o, 4), hex("12 0240"));
  EXPECT_EQ(get(o, 5), hex("11 02"));
  EXPECT_EQ(get(o, 6), hex("12 0078"));
  EXPECT_TRUE(o.writable(2));
  EXPECT_FALSE(o.writable(3));
  EXPECT_FALSE(o.writable(4));
}

TEST(ModemObjects, Ipv4Setup) {
  ModemSettings s = settings();
  meter::Meter meter{meter::MeterSettings{}};
  Ipv4SetupObject o(s, meter);
  EXPECT_EQ(o.class_id(), 42);
  EXPECT_EQ(get(o, 2), hex("09 06 0000190400FF"));
  EXPECT_EQ(get(o, 3), hex("06 C0000201"));
  EXPECT_EQ(get(o, 4), hex("01 00"));
  EXPECT_EQ(get(o, 5), hex("01 00"));
  EXPECT_EQ(get(o, 6), hex("06 FFFFFF00"));
  EXPECT_EQ(get(o, 7), hex("06 C0000202"));
  EXPECT_EQ(get(o, 8), hex("03 00"));
  EXPECT_EQ(get(o, 9), hex("06 C0000203"));
  EXPECT_EQ(get(o, 10), hex("06 00000000"));
}

TEST(ModemObjects, GprsModemSetup) {
  ModemSettings s = settings();
  meter::Meter meter{meter::MeterSettings{}};
  GprsModemSetupObject o(s, meter);
  EXPECT_EQ(o.class_id(), 45);
  EXPECT_EQ(get(o, 2), hex("09 0B 6D326D2E6578616D706C65"));
  EXPECT_EQ(get(o, 3), hex("12 04D2"));
  EXPECT_EQ(get(o, 4), hex("02 02 02 05 11 01 11 02 11 03 11 04 11 05 02 05 11 00 11 00 11 00 11 09 11 1F"));
}

// The "parameters changed" rows (event 47) of the configuration log: their contexts.
std::vector<double> changes(const meter::Meter& meter) {
  std::vector<double> out;
  const recording::EventLog& log = meter.events().log(recording::LogGroup::kConfiguration);
  for (std::size_t k = 0; k < log.entries_in_use(); ++k) {
    if (log.entry(k).code == recording::event_code::kParametersChanged) out.push_back(log.entry(k).context[0]);
  }
  return out;
}

struct ModemWrites : ::testing::Test {
  DataAccessResult set(CosemObject& o, std::uint8_t attribute, const char* value) {
    return o.set(attribute, hex(value), RequestContext{10.0, nullptr});
  }
  ModemSettings s = settings();
  meter::Meter meter{meter::MeterSettings{}};
};

TEST_F(ModemWrites, TcpUdpSetupTakesPortConnectionsAndTimeoutInRange) {
  TcpUdpSetupObject o(s, meter);
  EXPECT_EQ(set(o, 2, "12 1234"), DataAccessResult::kSuccess);
  EXPECT_EQ(set(o, 5, "11 08"), DataAccessResult::kSuccess);
  EXPECT_EQ(set(o, 6, "12 0000"), DataAccessResult::kSuccess);  // 0: no inactivity time-out
  EXPECT_EQ(get(o, 2), hex("12 1234"));
  EXPECT_EQ(get(o, 5), hex("11 08"));
  EXPECT_EQ(get(o, 6), hex("12 0000"));
  EXPECT_EQ(s.generation, 3u);
  EXPECT_EQ(changes(meter).size(), 3u);
  EXPECT_EQ(changes(meter)[0], recording::obis_to_context(kTcpUdpSetupLn));
  // Refused, nothing changed, nothing logged.
  EXPECT_EQ(set(o, 2, "12 0000"), DataAccessResult::kOtherReason);  // port 0
  EXPECT_EQ(set(o, 2, "11 05"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(o, 5, "11 00"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(o, 5, "11 41"), DataAccessResult::kOtherReason);   // 65
  EXPECT_EQ(set(o, 6, "06 00000001"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(o, 4, "12 0100"), DataAccessResult::kReadWriteDenied);  // MSS: the host's TCP decides
  EXPECT_EQ(get(o, 2), hex("12 1234"));
  EXPECT_EQ(s.generation, 3u);
  EXPECT_EQ(changes(meter).size(), 3u);
}

TEST_F(ModemWrites, Ipv4SetupTakesAUnicastAddressOnly) {
  Ipv4SetupObject o(s, meter);
  EXPECT_EQ(set(o, 3, "06 7F000002"), DataAccessResult::kSuccess);  // 127.0.0.2
  EXPECT_EQ(get(o, 3), hex("06 7F000002"));
  EXPECT_EQ(set(o, 3, "06 00000000"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(o, 3, "06 E0000001"), DataAccessResult::kOtherReason);  // 224.0.0.1 multicast
  EXPECT_EQ(set(o, 3, "06 FFFFFFFF"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(o, 3, "09 04 7F000002"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(o, 4, "01 00"), DataAccessResult::kReadWriteDenied);  // multicast_IP_address: none
  EXPECT_EQ(set(o, 5, "01 00"), DataAccessResult::kReadWriteDenied);  // IP_options: none
  EXPECT_EQ(get(o, 3), hex("06 7F000002"));
  EXPECT_EQ(changes(meter).size(), 1u);
}

// The module's network (192.0.2.1/24, gateway 192.0.2.2, DNS 192.0.2.3 at the start): subnet
// mask, gateway, DHCP flag and DNS addresses as the Blue Book types them (double-long-unsigned,
// boolean), each checked, each write logged (event 47 naming 0.0.25.1.0.255) and read back.
TEST_F(ModemWrites, Ipv4SetupTakesTheNetworkItDescribes) {
  Ipv4SetupObject o(s, meter);
  for (std::uint8_t a = 3; a <= 10; ++a) EXPECT_EQ(o.writable(a), a == 3 || a >= 6) << int(a);
  EXPECT_EQ(set(o, 6, "06 FFFF0000"), DataAccessResult::kSuccess);  // /16: the gateway stays inside
  EXPECT_EQ(set(o, 7, "06 C0000101"), DataAccessResult::kSuccess);  // 192.0.1.1, inside 192.0.0.0/16
  EXPECT_EQ(set(o, 8, "03 01"), DataAccessResult::kSuccess);
  EXPECT_EQ(set(o, 9, "06 08080808"), DataAccessResult::kSuccess);  // 8.8.8.8
  EXPECT_EQ(set(o, 10, "06 00000000"), DataAccessResult::kSuccess);  // none
  EXPECT_EQ(get(o, 6), hex("06 FFFF0000"));
  EXPECT_EQ(get(o, 7), hex("06 C0000101"));
  EXPECT_EQ(get(o, 8), hex("03 01"));
  EXPECT_EQ(get(o, 9), hex("06 08080808"));
  EXPECT_EQ(get(o, 10), hex("06 00000000"));
  EXPECT_EQ(s.generation, 5u);
  ASSERT_EQ(changes(meter).size(), 5u);
  for (const double c : changes(meter)) EXPECT_EQ(c, recording::obis_to_context(kIpv4SetupLn));
  // Refused, nothing changed, nothing logged.
  EXPECT_EQ(set(o, 6, "06 FF00FF00"), DataAccessResult::kOtherReason);  // not contiguous
  EXPECT_EQ(set(o, 6, "06 00000000"), DataAccessResult::kOtherReason);  // no network at all
  EXPECT_EQ(set(o, 6, "06 FFFFFF00"), DataAccessResult::kOtherReason);  // /24 leaves 192.0.1.1 outside
  EXPECT_EQ(set(o, 7, "06 C0010001"), DataAccessResult::kOtherReason);  // 192.1.0.1: another subnet
  EXPECT_EQ(set(o, 7, "06 C0000201"), DataAccessResult::kOtherReason);  // the module's own address
  EXPECT_EQ(set(o, 7, "06 E0000001"), DataAccessResult::kOtherReason);  // multicast
  EXPECT_EQ(set(o, 9, "06 EFFFFFFA"), DataAccessResult::kOtherReason);  // 239.255.255.250 multicast
  EXPECT_EQ(set(o, 10, "06 FFFFFFFF"), DataAccessResult::kOtherReason);  // broadcast
  EXPECT_EQ(set(o, 8, "11 01"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(o, 6, "03 01"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(o, 9, "12 0808"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(get(o, 6), hex("06 FFFF0000"));
  EXPECT_EQ(get(o, 7), hex("06 C0000101"));
  EXPECT_EQ(s.generation, 5u);
  EXPECT_EQ(changes(meter).size(), 5u);
  // A /32 (a point-to-point link, as GPRS gives) takes no gateway but 0.
  EXPECT_EQ(set(o, 7, "06 00000000"), DataAccessResult::kSuccess);
  EXPECT_EQ(set(o, 6, "06 FFFFFFFF"), DataAccessResult::kSuccess);
  EXPECT_EQ(set(o, 7, "06 C0000202"), DataAccessResult::kOtherReason);
}

TEST(ModemObjects, MaskGatewayAndDnsChecks) {
  EXPECT_TRUE(contiguous_mask(0x80000000));
  EXPECT_TRUE(contiguous_mask(0xFFFFFFFF));
  EXPECT_FALSE(contiguous_mask(0));
  EXPECT_FALSE(contiguous_mask(0xFFFFFF01));
  EXPECT_FALSE(contiguous_mask(0x7FFFFFFF));
  ModemSettings s;  // IP_address 0: not yet known, the gateway is only checked as unicast
  EXPECT_TRUE(gateway_valid(s, 0x0A000001));
  EXPECT_FALSE(gateway_valid(s, 0xF0000001));  // 240.0.0.1, class E
  EXPECT_TRUE(dns_valid(0));
  EXPECT_FALSE(dns_valid(0xE0000001));
}

TEST_F(ModemWrites, GprsModemSetupTakesApnPinAndQualityOfService) {
  GprsModemSetupObject o(s, meter);
  EXPECT_EQ(set(o, 2, "09 0C 696F742E6578616D706C65"), DataAccessResult::kTypeUnmatched);  // short by one
  EXPECT_EQ(set(o, 2, "09 0B 696F742E6578616D706C65"), DataAccessResult::kSuccess);  // "iot.example"
  EXPECT_EQ(s.apn_view(), "iot.example");
  EXPECT_EQ(set(o, 2, "09 00"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(o, 2, "09 03 612062"), DataAccessResult::kOtherReason);  // "a b"
  EXPECT_EQ(set(o, 3, "12 270F"), DataAccessResult::kSuccess);            // 9999
  EXPECT_EQ(set(o, 3, "12 2710"), DataAccessResult::kOtherReason);        // 10000
  const char* qos = "02 02 02 05 11 05 11 04 11 03 11 02 11 01 02 05 11 01 11 01 11 01 11 01 11 01";
  EXPECT_EQ(set(o, 4, qos), DataAccessResult::kSuccess);
  EXPECT_EQ(get(o, 4), hex(qos));
  EXPECT_EQ(set(o, 4, "02 01 02 05 11 05 11 04 11 03 11 02 11 01"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(get(o, 4), hex(qos));
  EXPECT_EQ(get(o, 3), hex("12 270F"));
  EXPECT_EQ(changes(meter).size(), 3u);
}

}  // namespace
}  // namespace quadra::cosem
