#include "core/dlms/set.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/dlms/test_hex.h"

namespace quadra::dlms {
namespace {

using testing::hex;
using testing::to_hex;

constexpr InvokeIdAndPriority kC1 = InvokeIdAndPriority::make(1, true, true);

struct Out {
  std::array<std::uint8_t, 1024> bytes{};
  AxdrWriter w{bytes};
};

TEST(SetRequest, NormalFromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_set.py: Clock 0.0.1.0.0.255 attribute 2 set to the
  // octet-string date-time 2021-01-24 14:48:57.80, deviation -60.
  const std::vector<std::uint8_t> apdu =
      hex("C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");
  SetRequest q;
  ASSERT_TRUE(decode_set_request(apdu, &q).is_ok());
  EXPECT_EQ(q.type, SetRequestType::kNormal);
  EXPECT_EQ(q.invoke, kC1);
  EXPECT_EQ(q.attribute.attribute, (AttributeDescriptor{8, {0, 0, 1, 0, 0, 255}, 2}));
  EXPECT_FALSE(q.attribute.access.present);
  EXPECT_EQ(to_hex(q.value), "09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");
  Out o;
  encode_set_request_normal(o.w, kC1, q.attribute, q.value);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(SetResponse, NormalFromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_set.py: success.
  const std::vector<std::uint8_t> apdu = hex("C5 01 C1 00");
  SetResponse p;
  ASSERT_TRUE(decode_set_response(apdu, &p).is_ok());
  EXPECT_EQ(p.type, SetResponseType::kNormal);
  EXPECT_EQ(p.result, DataAccessResult::kSuccess);
  Out o;
  encode_set_response_normal(o.w, kC1, DataAccessResult::kSuccess);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

// The block transfer and list forms, encoded by hand from the IEC 62056-5-3 ASN.1 (A-XDR):
// DataBlock-SA = last-block BOOLEAN, block-number Unsigned32, raw-data OCTET STRING.
TEST(SetRequest, BlockTransferForms) {
  const std::vector<std::uint8_t> first =
      hex("C1 02 C1 00 08 00 00 01 00 00 FF 02 00 00 00 00 00 01 05 09 0C 07 E5 01");
  SetRequest q;
  ASSERT_TRUE(decode_set_request(first, &q).is_ok());
  EXPECT_EQ(q.type, SetRequestType::kWithFirstDatablock);
  EXPECT_FALSE(q.block.last_block);
  EXPECT_EQ(q.block.block_number, 1u);
  EXPECT_EQ(to_hex(q.block.raw_data), "09 0C 07 E5 01");
  Out o;
  encode_set_request_with_first_datablock(o.w, kC1, q.attribute, q.block);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(first));

  const std::vector<std::uint8_t> next = hex("C1 03 C1 01 00 00 00 02 09 18 FF 0E 30 39 50 FF C4 00");
  ASSERT_TRUE(decode_set_request(next, &q).is_ok());
  EXPECT_EQ(q.type, SetRequestType::kWithDatablock);
  EXPECT_TRUE(q.block.last_block);
  EXPECT_EQ(q.block.block_number, 2u);
  EXPECT_EQ(q.block.raw_data.size(), 9u);
  Out n;
  encode_set_request_with_datablock(n.w, kC1, q.block);
  EXPECT_EQ(to_hex(n.w.bytes()), to_hex(next));

  const std::vector<std::uint8_t> list_first =
      hex("C1 05 C1 01 00 01 00 00 2B 01 00 FF 02 00 00 00 00 00 01 02 06 00");
  ASSERT_TRUE(decode_set_request(list_first, &q).is_ok());
  EXPECT_EQ(q.type, SetRequestType::kWithListAndFirstDatablock);
  EXPECT_EQ(q.list.count, 1u);
  EXPECT_EQ(q.block.raw_data.size(), 2u);
}

TEST(SetRequest, WithList) {
  const std::vector<std::uint8_t> apdu =
      hex("C1 04 C1 02 00 01 00 00 2B 01 00 FF 02 00 00 01 00 00 2B 01 01 FF 02 00 02 06 00 00 00 01 11 05");
  SetRequest q;
  ASSERT_TRUE(decode_set_request(apdu, &q).is_ok());
  EXPECT_EQ(q.type, SetRequestType::kWithList);
  ASSERT_EQ(q.list.count, 2u);
  ASSERT_EQ(q.values.count, 2u);
  EXPECT_EQ(to_hex(q.values[0]), "06 00 00 00 01");
  EXPECT_EQ(to_hex(q.values[1]), "11 05");
  Out o;
  encode_set_request_with_list(o.w, kC1, q.list.span(), q.values.span());
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(SetResponse, BlockAndListForms) {
  struct Case {
    const char* bytes;
    SetResponseType type;
  };
  const Case cases[] = {
      {"C5 02 C1 00 00 00 01", SetResponseType::kDatablock},
      {"C5 03 C1 00 00 00 00 02", SetResponseType::kLastDatablock},
      {"C5 04 C1 02 00 03 00 00 00 01", SetResponseType::kLastDatablockWithList},
      {"C5 05 C1 02 00 03", SetResponseType::kWithList},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    SetResponse p;
    ASSERT_TRUE(decode_set_response(apdu, &p).is_ok()) << c.bytes;
    EXPECT_EQ(p.type, c.type);
    Out o;
    switch (p.type) {
      case SetResponseType::kNormal: break;
      case SetResponseType::kDatablock: encode_set_response_datablock(o.w, kC1, p.block_number); break;
      case SetResponseType::kLastDatablock:
        encode_set_response_last_datablock(o.w, kC1, p.result, p.block_number);
        break;
      case SetResponseType::kLastDatablockWithList:
        encode_set_response_last_datablock_with_list(o.w, kC1, p.results.span(), p.block_number);
        break;
      case SetResponseType::kWithList: encode_set_response_with_list(o.w, kC1, p.results.span()); break;
    }
    EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
  }
  SetResponse p;
  ASSERT_TRUE(decode_set_response(hex("C5 04 C1 02 00 03 00 00 00 01"), &p).is_ok());
  EXPECT_EQ(p.results[1], DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(p.block_number, 1u);
}

TEST(SetRequest, MalformedInputsGiveTheExactError) {
  struct Case {
    const char* bytes;
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {"C2 01 C1 00 08 00 00 01 00 00 FF 02 00 11 00", "set_request", kReasonUnknownTag},
      {"C1 06 C1", "set_request.type", kReasonUnknownTag},
      {"C1 01 C1 00 08 00 00 01 00 00 FF 02 00", "axdr.tag", kReasonTruncated},  // no value
      {"C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 E5", "axdr.octet_string", kReasonTruncated},
      {"C1 01 C1 00 08 00 00 01 00 00 FF 02 00 11 00 11", "set_request", kReasonTrailing},
      {"C1 03 C1 07 00 00 00 02 00", "set_request.datablock", kReasonBadValue},  // last-block 07
      {"C1 03 C1 01 00 00 00 02 05 00", "set_request.datablock", kReasonTruncated},
      // two attributes, one value
      {"C1 04 C1 02 00 01 00 00 2B 01 00 FF 02 00 00 01 00 00 2B 01 01 FF 02 00 01 11 05", "set_request.values",
       kReasonBadValue},
      {"C1 04 C1 11", "set_request.list", kReasonTooMany},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    SetRequest q;
    const Status s = decode_set_request(apdu, &q);
    EXPECT_STREQ(s.field(), c.field) << c.bytes;
    EXPECT_STREQ(s.reason(), c.reason) << c.bytes;
  }
  SetResponse p;
  EXPECT_STREQ(decode_set_response(hex("C5 06 C1 00"), &p).reason(), kReasonUnknownTag);
  EXPECT_STREQ(decode_set_response(hex("C5 03 C1 00 00 00"), &p).reason(), kReasonTruncated);
  EXPECT_STREQ(decode_set_response(hex("C5 01 C1 00 00"), &p).reason(), kReasonTrailing);
}

}  // namespace
}  // namespace quadra::dlms
