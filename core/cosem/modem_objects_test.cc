#include "core/cosem/modem_objects.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/dlms/test_hex.h"

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
  const ModemSettings s = settings();
  TcpUdpSetupObject o(s);
  EXPECT_EQ(o.class_id(), 41);
  EXPECT_EQ(get(o, 1), hex("09 06 0000190000FF"));
  EXPECT_EQ(get(o, 2), hex("12 0FDC"));
  EXPECT_EQ(get(o, 3), hex("09 06 0000190100FF"));
  EXPECT_EQ(get(o, 4), hex("12 0240"));
  EXPECT_EQ(get(o, 5), hex("11 02"));
  EXPECT_EQ(get(o, 6), hex("12 0078"));
  EXPECT_FALSE(o.writable(2));
}

TEST(ModemObjects, Ipv4Setup) {
  const ModemSettings s = settings();
  Ipv4SetupObject o(s);
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
  const ModemSettings s = settings();
  GprsModemSetupObject o(s);
  EXPECT_EQ(o.class_id(), 45);
  EXPECT_EQ(get(o, 2), hex("09 0B 6D326D2E6578616D706C65"));
  EXPECT_EQ(get(o, 3), hex("12 04D2"));
  EXPECT_EQ(get(o, 4), hex("02 02 02 05 11 01 11 02 11 03 11 04 11 05 02 05 11 00 11 00 11 00 11 09 11 1F"));
}

}  // namespace
}  // namespace quadra::cosem
