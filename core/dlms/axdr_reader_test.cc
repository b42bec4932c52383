#include "core/dlms/axdr_reader.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/dlms/axdr_writer.h"
#include "core/dlms/codec_status.h"
#include "core/dlms/test_hex.h"

namespace quadra::dlms {
namespace {

using testing::hex;
using testing::to_hex;

TEST(AxdrReader, LoadProfileRowsFromAMeter) {
  // pwitab/dlms-cosem tests/test_a_xdr.py: 00 (data) + array of 24 {octet-string(12), unsigned,
  // double-long-unsigned}.
  const std::vector<std::uint8_t> bytes = testing::load("pwitab_profile_24_rows.bin");
  ASSERT_EQ(bytes.size(), 555u);
  AxdrReader r(std::span<const std::uint8_t>(bytes).subspan(1));
  AxdrItem item;
  ASSERT_TRUE(r.next(&item).is_ok());
  ASSERT_EQ(item.type, DataType::kArray);
  ASSERT_EQ(item.count, 24u);
  for (std::uint32_t row = 0; row < 24; ++row) {
    ASSERT_TRUE(r.next(&item).is_ok());
    ASSERT_EQ(item.type, DataType::kStructure);
    ASSERT_EQ(item.count, 3u);
    ASSERT_TRUE(r.next(&item).is_ok());
    ASSERT_EQ(item.type, DataType::kOctetString);
    ASSERT_EQ(item.bytes.size(), 12u);
    EXPECT_EQ(item.bytes[5], row);  // the hour
    ASSERT_TRUE(r.next(&item).is_ok());
    EXPECT_EQ(item.type, DataType::kUnsigned);
    EXPECT_EQ(item.unsigned_value, 0u);
    ASSERT_TRUE(r.next(&item).is_ok());
    EXPECT_EQ(item.type, DataType::kDoubleLongUnsigned);
    EXPECT_EQ(item.unsigned_value, 100000u + 416u * row);
  }
  EXPECT_TRUE(r.at_end());
  // The same value in one call.
  AxdrReader s(std::span<const std::uint8_t>(bytes).subspan(1));
  std::span<const std::uint8_t> whole;
  ASSERT_TRUE(s.value(&whole).is_ok());
  EXPECT_EQ(whole.size(), 554u);
  EXPECT_TRUE(s.expect_end("test").is_ok());
}

TEST(AxdrReader, EveryScalarTypeReadsBackWhatTheWriterWrote) {
  std::array<std::uint8_t, 256> out{};
  AxdrWriter w(out);
  w.boolean(true);
  w.integer(-5);
  w.long16(-300);
  w.unsigned8(250);
  w.long_unsigned(65535);
  w.double_long(-100000);
  w.double_long_unsigned(4000000000u);
  w.long64(-5000000000);
  w.long64_unsigned(18000000000000000000u);
  w.enum_value(7);
  w.float32(0.5f);
  w.float64(-1.25);
  w.null();
  w.dont_care();
  ASSERT_TRUE(w.ok());
  AxdrReader r(w.bytes());
  AxdrItem i;
  const auto next = [&]() {
    EXPECT_TRUE(r.next(&i).is_ok());
    return i;
  };
  EXPECT_EQ(next().unsigned_value, 1u);
  EXPECT_EQ(next().signed_value, -5);
  EXPECT_EQ(next().signed_value, -300);
  EXPECT_EQ(next().unsigned_value, 250u);
  EXPECT_EQ(next().unsigned_value, 65535u);
  EXPECT_EQ(next().signed_value, -100000);
  EXPECT_EQ(next().unsigned_value, 4000000000u);
  EXPECT_EQ(next().signed_value, -5000000000);
  EXPECT_EQ(next().unsigned_value, 18000000000000000000u);
  EXPECT_EQ(next().type, DataType::kEnum);
  EXPECT_EQ(i.unsigned_value, 7u);
  EXPECT_EQ(next().float_value, 0.5);
  EXPECT_EQ(next().float_value, -1.25);
  EXPECT_EQ(next().type, DataType::kNull);
  EXPECT_EQ(next().type, DataType::kDontCare);
  EXPECT_TRUE(r.at_end());
}

TEST(AxdrReader, StringsBitStringAndDates) {
  const std::vector<std::uint8_t> bytes =
      hex("09 03 01 02 03 0A 02 41 42 0C 00 04 0B AA A0 19 07 E5 01 18 FF 0E 30 39 50 FF C4 00 1A 07 E5 01 18 FF 1B 0E 30 39 50");
  AxdrReader r(bytes);
  AxdrItem i;
  ASSERT_TRUE(r.next(&i).is_ok());
  EXPECT_EQ(to_hex(i.bytes), "01 02 03");
  ASSERT_TRUE(r.next(&i).is_ok());
  EXPECT_EQ(i.type, DataType::kVisibleString);
  EXPECT_EQ(to_hex(i.bytes), "41 42");
  ASSERT_TRUE(r.next(&i).is_ok());
  EXPECT_EQ(i.type, DataType::kUtf8String);
  EXPECT_TRUE(i.bytes.empty());
  ASSERT_TRUE(r.next(&i).is_ok());
  EXPECT_EQ(i.type, DataType::kBitString);
  EXPECT_EQ(i.count, 11u);
  EXPECT_EQ(to_hex(i.bytes), "AA A0");
  ASSERT_TRUE(r.next(&i).is_ok());
  EXPECT_EQ(i.type, DataType::kDateTime);
  EXPECT_EQ(i.bytes.size(), 12u);
  ASSERT_TRUE(r.next(&i).is_ok());
  EXPECT_EQ(i.bytes.size(), 5u);
  ASSERT_TRUE(r.next(&i).is_ok());
  EXPECT_EQ(to_hex(i.bytes), "0E 30 39 50");
  EXPECT_TRUE(r.at_end());
}

TEST(AxdrReader, CompactArray) {
  // compact-array (Blue Book): type description structure{unsigned, long-unsigned}, then the
  // contents as one counted octet string holding the elements without their tags.
  const std::vector<std::uint8_t> bytes = hex("13 02 02 11 12 06 01 00 02 03 00 04");
  AxdrReader r(bytes);
  AxdrItem i;
  ASSERT_TRUE(r.next(&i).is_ok());
  EXPECT_EQ(i.type, DataType::kCompactArray);
  EXPECT_EQ(to_hex(i.type_description), "02 02 11 12");
  EXPECT_EQ(to_hex(i.bytes), "01 00 02 03 00 04");
  EXPECT_TRUE(r.at_end());
  // An array description carries a 16-bit element count, then the element's description.
  const std::vector<std::uint8_t> arr = hex("13 01 00 02 12 04 00 01 00 02");
  AxdrReader a(arr);
  ASSERT_TRUE(a.skip_value().is_ok());
  EXPECT_TRUE(a.at_end());
  // A compact-array inside a type description is refused.
  const std::vector<std::uint8_t> bad = hex("13 13 00");
  AxdrReader b(bad);
  EXPECT_STREQ(b.next(&i).reason(), kReasonUnknownTag);
}

TEST(AxdrReader, LongFormCountInTheFirstBlockOfATransfer) {
  // The raw data of the first GET-Response-With-Datablock in pwitab/dlms-cosem
  // tests/test_xdlms/test_get.py: an array of 1440 (01 82 05 A0) profile rows, cut after 1182
  // octets. The count (long form 82 05 A0) reads as a bare length; as a Data value the array
  // does not fit in the block, and both next() and skip_value() say so without moving.
  const std::vector<std::uint8_t> apdu = testing::load("pwitab_get_response_with_block_1.bin");
  ASSERT_EQ(apdu.size(), 1194u);
  const std::span<const std::uint8_t> raw = std::span<const std::uint8_t>(apdu).subspan(12);
  AxdrReader r(raw);
  std::uint8_t tag = 0;
  std::uint32_t count = 0;
  ASSERT_TRUE(r.u8(&tag, "tag").is_ok());
  ASSERT_TRUE(r.length(&count, "count").is_ok());
  EXPECT_EQ(tag, 0x01);
  EXPECT_EQ(count, 1440u);
  AxdrReader s(raw);
  AxdrItem i;
  const Status n = s.next(&i);
  EXPECT_STREQ(n.reason(), kReasonTruncated);
  EXPECT_STREQ(n.field(), "axdr.array");
  const Status st = s.skip_value();
  EXPECT_STREQ(st.reason(), kReasonTruncated);
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  EXPECT_EQ(s.position(), 0u);  // a failure does not move the reader
}

TEST(AxdrReader, TruncationIsReportedForEveryKind) {
  const char* cases[] = {
      "",                        // no tag
      "12 01",                   // long-unsigned missing an octet
      "09 05 01 02",             // octet-string shorter than its length
      "09 82 01",                // length octets missing
      "04 10 FF",                // bit-string of 16 bits with one octet
      "19 07 E5 01",             // date-time cut
      "02 02 11 01",             // structure of 2 with one element
      "01 81 80 00",             // array of 128 with one element
      "13 02 02 11",             // compact-array description cut
      "13 02 01 11 05 01",       // compact-array contents cut
  };
  for (const char* c : cases) {
    const std::vector<std::uint8_t> bytes = hex(c);
    AxdrReader r(bytes);
    const Status s = r.skip_value();
    EXPECT_STREQ(s.reason(), kReasonTruncated) << c;
    EXPECT_EQ(r.position(), 0u) << c;
  }
}

TEST(AxdrReader, BadLengthsAndUnknownTags) {
  for (const char* c : {"09 80", "09 85 00 00 00 00 01", "01 80"}) {
    const std::vector<std::uint8_t> bytes = hex(c);
    AxdrReader r(bytes);
    EXPECT_STREQ(r.skip_value().reason(), kReasonBadLength) << c;
  }
  for (const char* c : {"07", "08 00", "0B 00", "0E", "1C", "FE", "02 01 64"}) {
    const std::vector<std::uint8_t> bytes = hex(c);
    AxdrReader r(bytes);
    const Status s = r.skip_value();
    EXPECT_STREQ(s.reason(), kReasonUnknownTag) << c;
    EXPECT_EQ(s.code(), StatusCode::kNotSupported) << c;
  }
}

TEST(AxdrReader, NestingDepthIsLimited) {
  // kMaxDepth nested structures of one element around a null: accepted; one more: refused.
  std::vector<std::uint8_t> ok;
  for (int i = 0; i < AxdrReader::kMaxDepth; ++i) ok.insert(ok.end(), {0x02, 0x01});
  ok.push_back(0x00);
  AxdrReader r(ok);
  EXPECT_TRUE(r.skip_value().is_ok());
  EXPECT_TRUE(r.at_end());
  std::vector<std::uint8_t> deep = {0x01, 0x01};
  deep.insert(deep.end(), ok.begin(), ok.end());
  AxdrReader d(deep);
  const Status s = d.skip_value();
  EXPECT_STREQ(s.reason(), kReasonTooDeep);
  EXPECT_EQ(s.code(), StatusCode::kCapacity);
  // Empty containers do not nest.
  const std::vector<std::uint8_t> empties = hex("02 03 01 00 02 00 00");
  AxdrReader e(empties);
  EXPECT_TRUE(e.skip_value().is_ok());
  EXPECT_TRUE(e.at_end());
}

TEST(AxdrReader, ExpectChecksTheType) {
  // A scaler_unit as a COSEM setter would read it: structure{integer, enum}.
  const std::vector<std::uint8_t> bytes = hex("02 02 0F FD 16 1E");
  AxdrReader r(bytes);
  AxdrItem i;
  ASSERT_TRUE(r.expect(DataType::kStructure, &i, "scaler_unit").is_ok());
  EXPECT_EQ(i.count, 2u);
  const Status s = r.expect(DataType::kUnsigned, &i, "scaler_unit.scaler");
  EXPECT_STREQ(s.reason(), kReasonWrongType);
  EXPECT_STREQ(s.field(), "scaler_unit.scaler");
  EXPECT_EQ(r.position(), 2u);
  ASSERT_TRUE(r.expect(DataType::kInteger, &i, "scaler_unit.scaler").is_ok());
  EXPECT_EQ(i.signed_value, -3);
  ASSERT_TRUE(r.expect(DataType::kEnum, &i, "scaler_unit.unit").is_ok());
  EXPECT_EQ(i.unsigned_value, 30u);
  EXPECT_TRUE(r.at_end());
}

TEST(AxdrReader, BareFields) {
  const std::vector<std::uint8_t> bytes = hex("C1 00 08 00 00 00 01 82 01 00 02");
  AxdrReader r(bytes);
  std::uint8_t a = 0;
  std::uint16_t b = 0;
  std::uint32_t c = 0, n = 0;
  bool flag = true;
  ASSERT_TRUE(r.u8(&a, "a").is_ok());
  ASSERT_TRUE(r.u16(&b, "b").is_ok());
  ASSERT_TRUE(r.u32(&c, "c").is_ok());
  ASSERT_TRUE(r.length(&n, "n").is_ok());
  EXPECT_EQ(a, 0xC1);
  EXPECT_EQ(b, 0x0008);
  EXPECT_EQ(c, 0x00000001u);
  EXPECT_EQ(n, 0x100u);
  const Status s = r.boolean(&flag, "flag");
  EXPECT_STREQ(s.reason(), kReasonBadValue);
  EXPECT_STREQ(s.field(), "flag");
  EXPECT_STREQ(r.expect_end("apdu").reason(), kReasonTrailing);
  EXPECT_STREQ(r.u32(&c, "more").reason(), kReasonTruncated);
}

}  // namespace
}  // namespace quadra::dlms
