#include "core/cosem/radio_objects.h"

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

RadioNetwork network() {
  RadioNetwork n;
  n.set_operator("Quadra Net");
  n.status = RegistrationStatus::kHomeNetwork;
  n.ps_status = PacketSwitchStatus::kLte;
  n.cell = {0x0001E240, 0x1234, 21, 0, 262, 1, 6300};
  n.adjacent[0] = {0x0001E241, 17};
  n.adjacent[1] = {0x0001E242, 9};
  n.adjacent_count = 2;
  n.capture_time = {0x07, 0xEA, 0x0C, 0x07, 0x01, 0x06, 0x1E, 0x00, 0x00, 0xFF, 0xC4, 0x00};
  n.lte = {720, 3240, 36000, 6000, 8192, 10, -70, -100, -120};
  n.lte_qos = {-10, -95, 12, 1};
  return n;
}

// Bytes by hand from the Blue Book's class 47 version 1: visible-string 0x0A, enum 0x16,
// structure 0x02, double-long-unsigned 0x06, long-unsigned 0x12, unsigned 0x11, array 0x01,
// date-time 0x19.
TEST(RadioObjects, GsmDiagnosticVersion1) {
  const RadioNetwork n = network();
  GsmDiagnosticObject o(n);
  EXPECT_EQ(o.class_id(), 47);
  EXPECT_EQ(o.version(), 1);
  EXPECT_FALSE(o.writable(2));
  EXPECT_EQ(get(o, 1), hex("09 06 0000190600FF"));
  EXPECT_EQ(get(o, 2), hex("0A 0A 51756164726120 4E6574"));  // "Quadra Net"
  EXPECT_EQ(get(o, 3), hex("16 01"));
  EXPECT_EQ(get(o, 4), hex("16 00"));
  EXPECT_EQ(get(o, 5), hex("16 05"));
  // {cell_ID 123456, location_ID 0x1234, signal_quality 21, ber 0, mcc 262, mnc 1, channel 6300}
  EXPECT_EQ(get(o, 6), hex("02 07 06 0001E240 12 1234 11 15 11 00 12 0106 12 0001 06 0000189C"));
  EXPECT_EQ(get(o, 7), hex("01 02 02 02 06 0001E241 11 11 02 02 06 0001E242 11 09"));
  // 2026-12-07 Monday 06:30:00, deviation -60, status 0.
  EXPECT_EQ(get(o, 8), hex("19 07EA0C0701 061E0000 FFC4 00"));
}

TEST(RadioObjects, NothingKnownBeforeRegistration) {
  const RadioNetwork n;
  GsmDiagnosticObject o(n);
  EXPECT_EQ(get(o, 2), hex("0A 00"));
  EXPECT_EQ(get(o, 3), hex("16 00"));
  EXPECT_EQ(get(o, 5), hex("16 00"));
  EXPECT_EQ(get(o, 6), hex("02 07 06 00000000 12 0000 11 63 11 63 12 0000 12 0000 06 00000000"));
  EXPECT_EQ(get(o, 7), hex("01 00"));
  EXPECT_EQ(get(o, 8), hex("19 FFFFFFFFFF FFFFFFFF 8000 FF"));
}

// Class 151 version 1: integer 0x0F.
TEST(RadioObjects, LteMonitoringVersion1) {
  const RadioNetwork n = network();
  LteMonitoringObject o(n);
  EXPECT_EQ(o.class_id(), 151);
  EXPECT_EQ(o.version(), 1);
  EXPECT_EQ(get(o, 1), hex("09 06 0000190B00FF"));
  // {T3402 720, T3412 3240, T3412ext2 36000, T3324 6000, TeDRX 8192, TPTW 10, -70, -100, -120}
  EXPECT_EQ(get(o, 2), hex("02 09 12 02D0 12 0CA8 06 00008CA0 12 1770 06 00002000 12 000A 0F BA 0F 9C 0F 88"));
  // {signal_quality -10, signal_level -95, SNR 12, coverage enhancement level 1}
  EXPECT_EQ(get(o, 3), hex("02 04 0F F6 0F A1 0F 0C 16 01"));
}

TEST(RadioObjects, OperatorNameCapacity) {
  RadioNetwork n;
  EXPECT_TRUE(n.set_operator(std::string(32, 'a')));
  EXPECT_FALSE(n.set_operator(std::string(33, 'b')));
  EXPECT_EQ(n.operator_view(), std::string(32, 'a'));
}

}  // namespace
}  // namespace quadra::cosem
