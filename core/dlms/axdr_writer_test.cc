#include "core/dlms/axdr_writer.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/dlms/codec_status.h"
#include "core/dlms/test_hex.h"

namespace quadra::dlms {
namespace {

using testing::hex;
using testing::to_hex;

struct Buffer {
  std::array<std::uint8_t, 2048> bytes{};
  AxdrWriter w{bytes};
  std::string text() const { return to_hex(w.bytes()); }
};

TEST(AxdrWriter, ScalarsAsSeenOnTheWire) {
  // double-long-unsigned 5009 = 06 00 00 13 91: the Data of a GET-Response in
  // pwitab/dlms-cosem tests/test_xdlms/test_get.py ("C4 01 C1 00 06 00 00 13 91").
  Buffer b;
  b.w.double_long_unsigned(5009);
  EXPECT_EQ(b.text(), "06 00 00 13 91");
  // The others by the A-XDR rules of the Blue Book (tag, then the value big-endian, two's
  // complement for the signed types, IEEE 754 for the floats).
  Buffer c;
  c.w.null();
  c.w.boolean(true);
  c.w.integer(-1);
  c.w.long16(-32768);
  c.w.unsigned8(200);
  c.w.long_unsigned(0x1234);
  c.w.double_long(-2);
  c.w.long64(-1);
  c.w.long64_unsigned(0x0102030405060708);
  c.w.enum_value(3);
  c.w.bcd(0x12);
  c.w.float32(1.0f);
  c.w.float64(-2.0);
  c.w.dont_care();
  EXPECT_EQ(c.text(),
            "00 03 01 0F FF 10 80 00 11 C8 12 12 34 05 FF FF FF FE 14 FF FF FF FF FF FF FF FF "
            "15 01 02 03 04 05 06 07 08 16 03 0D 12 17 3F 80 00 00 18 C0 00 00 00 00 00 00 00 FF");
  EXPECT_TRUE(c.w.ok());
}

TEST(AxdrWriter, StringsAndDateTime) {
  // A SET of the Clock's time in pwitab/dlms-cosem tests/test_xdlms/test_set.py carries this
  // value: octet-string of 12 = 2021-01-24 (weekday not specified) 14:48:57.80, deviation -60.
  Buffer b;
  const std::array<std::uint8_t, 12> dt = {0x07, 0xE5, 0x01, 0x18, 0xFF, 0x0E, 0x30, 0x39, 0x50, 0xFF, 0xC4, 0x00};
  b.w.octet_string(dt);
  EXPECT_EQ(b.text(), "09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");
  Buffer c;
  c.w.date_time(dt);
  c.w.date(std::span<const std::uint8_t, 5>(dt.data(), 5));
  c.w.time(std::span<const std::uint8_t, 4>(dt.data() + 5, 4));
  c.w.visible_string("AB");
  c.w.utf8_string("\xC3\xA9");
  EXPECT_EQ(c.text(), "19 07 E5 01 18 FF 0E 30 39 50 FF C4 00 1A 07 E5 01 18 FF 1B 0E 30 39 50 0A 02 41 42 0C 02 C3 A9");
}

TEST(AxdrWriter, BitString) {
  // 11 bits 1010 1010 101: length in bits (0B), then two octets, unused bits zero.
  Buffer b;
  const std::array<std::uint8_t, 2> bits = {0xAA, 0xA0};
  b.w.bit_string(bits, 11);
  EXPECT_EQ(b.text(), "04 0B AA A0");
  Buffer c;
  c.w.bit_string(bits, 17);  // would need three octets
  EXPECT_EQ(c.w.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.w.size(), 0u);
}

TEST(AxdrWriter, LengthForms) {
  // BER definite lengths: short form to 127, then 0x81..0x84 with the fewest octets.
  Buffer b;
  b.w.length(0);
  b.w.length(127);
  b.w.length(128);
  b.w.length(255);
  b.w.length(256);
  b.w.length(0xFFFF);
  b.w.length(0x10000);
  b.w.length(0x1000000);
  EXPECT_EQ(b.text(), "00 7F 81 80 81 FF 82 01 00 82 FF FF 83 01 00 00 84 01 00 00 00");
  std::vector<std::uint8_t> long_string(300, 0x55);
  Buffer c;
  c.w.octet_string(long_string);
  EXPECT_EQ(c.w.size(), 1u + 3u + 300u);
  EXPECT_EQ(to_hex(c.w.bytes().first(4)), "09 82 01 2C");
}

// The 24 hourly rows of a load profile read from a meter, as published in pwitab/dlms-cosem
// tests/test_a_xdr.py (test_decode_array_and_structure): 00 (Get-Data-Result: data), then an
// array of 24 structures {date-time as octet-string, status, energy}. The writer, fed the values,
// must reproduce the meter's bytes exactly; the count is patched at the end as a profile reader
// streaming rows would.
TEST(AxdrWriter, LoadProfileRowsMatchAMetersBytes) {
  const std::vector<std::uint8_t> expected = testing::load("pwitab_profile_24_rows.bin");
  ASSERT_EQ(expected.size(), 555u);
  Buffer b;
  b.w.u8(0x00);
  const AxdrWriter::Mark rows = b.w.begin_array();
  std::uint32_t n = 0;
  for (std::uint8_t hour = 0; hour < 24; ++hour, ++n) {
    // 2018-02-12 (07E2 02 0C), weekday 05 as the meter sent it, hh:00:00.00,
    // deviation not specified (80 00), status 00.
    const std::array<std::uint8_t, 12> dt = {0x07, 0xE2, 0x02, 0x0C, 0x05, hour, 0, 0, 0, 0x80, 0x00, 0x00};
    b.w.structure(3);
    b.w.octet_string(dt);
    b.w.unsigned8(0);
    b.w.double_long_unsigned(100000u + 416u * hour);
  }
  b.w.end_count(rows, n);
  ASSERT_TRUE(b.w.ok());
  EXPECT_EQ(to_hex(b.w.bytes()), to_hex(expected));
}

TEST(AxdrWriter, PatchedCountTakesTheLongFormByMovingTheContent) {
  Buffer b;
  b.w.u8(0xAA);
  const AxdrWriter::Mark m = b.w.begin_array();
  for (int i = 0; i < 200; ++i) b.w.unsigned8(static_cast<std::uint8_t>(i));
  b.w.end_count(m, 200);
  ASSERT_TRUE(b.w.ok());
  ASSERT_EQ(b.w.size(), 1u + 1u + 2u + 400u);
  EXPECT_EQ(to_hex(b.w.bytes().first(8)), "AA 01 81 C8 11 00 11 01");
  EXPECT_EQ(to_hex(b.w.bytes().last(2)), "11 C7");
}

TEST(AxdrWriter, NestedLengthsCloseInnerFirst) {
  // A BER container inside another (AARE result-source-diagnostic style): A3 05 A1 03 02 01 00.
  Buffer b;
  b.w.u8(0xA3);
  const AxdrWriter::Mark outer = b.w.open_length();
  b.w.u8(0xA1);
  const AxdrWriter::Mark inner = b.w.open_length();
  b.w.raw(hex("02 01 00"));
  b.w.close_length(inner);
  b.w.close_length(outer);
  EXPECT_EQ(b.text(), "A3 05 A1 03 02 01 00");
  // Inner content of 130 octets: both lengths grow to the long form.
  Buffer c;
  c.w.u8(0x30);
  const AxdrWriter::Mark o = c.w.open_length();
  c.w.u8(0x04);
  const AxdrWriter::Mark i = c.w.open_length();
  c.w.raw(std::vector<std::uint8_t>(130, 0x11));
  c.w.close_length(i);
  c.w.close_length(o);
  ASSERT_TRUE(c.w.ok());
  EXPECT_EQ(to_hex(c.w.bytes().first(6)), "30 81 85 04 81 82");  // 3 + 130 = 133 = 0x85
  EXPECT_EQ(c.w.size(), 3u + 3u + 130u);
}

TEST(AxdrWriter, OverflowIsStickyAndWritesNothingPartial) {
  std::array<std::uint8_t, 4> out{};
  AxdrWriter w(out);
  w.long_unsigned(0x0102);  // 3 octets
  EXPECT_TRUE(w.ok());
  w.long_unsigned(0x0304);  // 3 more do not fit
  EXPECT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), StatusCode::kCapacity);
  EXPECT_STREQ(w.status().reason(), kReasonOverflow);
  EXPECT_EQ(w.size(), 3u);
  w.u8(0xFF);  // would fit, but the writer has failed
  EXPECT_EQ(w.size(), 3u);
  EXPECT_EQ(to_hex(w.bytes()), "12 01 02");
}

TEST(AxdrWriter, PatchWithoutRoomToGrowFails) {
  std::array<std::uint8_t, 130> out{};
  AxdrWriter w(out);
  const AxdrWriter::Mark m = w.begin_array();
  for (int i = 0; i < 128; ++i) w.null();
  ASSERT_TRUE(w.ok());
  w.end_count(m, 128);  // needs 81 80: one more octet than there is room for
  EXPECT_STREQ(w.status().reason(), kReasonOverflow);
}

}  // namespace
}  // namespace quadra::dlms
