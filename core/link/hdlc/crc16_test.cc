#include "core/link/hdlc/crc16.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace quadra::hdlc {
namespace {

std::span<const std::uint8_t> ascii(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(Crc16, CheckValue) {
  // CRC-16/X.25 (alias CRC-16/IBM-SDLC, the FCS-16 of RFC 1662): check = 0x906E for "123456789"
  // (Greg Cook's catalogue of parametrised CRC algorithms; RFC 1662 appendix C computes the same).
  EXPECT_EQ(crc16_x25(ascii("123456789")), 0x906E);
  static_assert(crc16_x25(std::array<std::uint8_t, 0>{}) == 0x0000);
}

TEST(Crc16, HeaderCheckSequenceOfDlmsCosemTest) {
  // pwitab/dlms-cosem tests/test_hdlc/test_hdlc.py, TestCrc: the HCS over 03 3F is 5B EC on the
  // wire (least significant byte first).
  const std::array<std::uint8_t, 2> data = {0x03, 0x3F};
  EXPECT_EQ(crc16_x25(data), 0xEC5B);
}

TEST(Crc16, GoodResidueOverDataAndCheckBytes) {
  // RFC 1662 C.2: running the register over the data and its transmitted FCS gives PPPGOODFCS16.
  // Frame 7E A0 07 03 21 93 0F 01 7E (SNRM from the Gurux DLMS Python client, see
  // hdlc_frame_test.cc): A0 07 03 21 93 then FCS 0F 01.
  const std::array<std::uint8_t, 7> frame = {0xA0, 0x07, 0x03, 0x21, 0x93, 0x0F, 0x01};
  EXPECT_EQ(crc16_x25(std::span(frame).first(5)), 0x010F);
  EXPECT_EQ(crc16_update(kCrc16Init, frame), kCrc16Good);
  // Chained updates equal one pass.
  EXPECT_EQ(crc16_update(crc16_update(kCrc16Init, std::span(frame).first(2)), std::span(frame).subspan(2)),
            kCrc16Good);
}

}  // namespace
}  // namespace quadra::hdlc
