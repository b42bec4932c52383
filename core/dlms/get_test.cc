#include "core/dlms/get.h"

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
  std::array<std::uint8_t, 4096> bytes{};
  AxdrWriter w{bytes};
};

TEST(InvokeIdAndPriority, Bits) {
  EXPECT_EQ(kC1.raw, 0xC1);
  EXPECT_EQ(InvokeIdAndPriority{0x81}.invoke_id(), 1);
  EXPECT_FALSE(InvokeIdAndPriority{0x81}.confirmed());
  EXPECT_TRUE(InvokeIdAndPriority{0x81}.high_priority());
  EXPECT_EQ(InvokeIdAndPriority::make(0, true, true).raw, 0xC0);
}

TEST(GetRequest, NormalFromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_get.py: Data (class 1) 0.0.43.1.0.255 attribute 2,
  // invoke id 1, confirmed, high priority, no selective access.
  const std::vector<std::uint8_t> apdu = hex("C0 01 C1 00 01 00 00 2B 01 00 FF 02 00");
  GetRequest q;
  ASSERT_TRUE(decode_get_request(apdu, &q).is_ok());
  EXPECT_EQ(q.type, GetRequestType::kNormal);
  EXPECT_EQ(q.invoke, kC1);
  EXPECT_EQ(q.attribute.attribute, (AttributeDescriptor{1, {0, 0, 43, 1, 0, 255}, 2}));
  EXPECT_FALSE(q.attribute.access.present);
  Out o;
  encode_get_request_normal(o.w, q.invoke, q.attribute);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(GetRequest, NormalWithRangeDescriptor) {
  // pwitab/dlms-cosem tests/test_xdlms/test_selective_access.py (test_range_descriptor1): profile
  // generic 1.0.99.1.0.255 buffer by range: restricting object = Clock attribute 2, from
  // 2018-06-01 03:00 to 2021-01-06 03:00, all columns.
  const std::vector<std::uint8_t> apdu = hex(
      "C0 01 C1 00 07 01 00 63 01 00 FF 02 01 01 02 04 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 00 00 "
      "09 0C 07 E2 06 01 FF 00 03 00 FF FF 88 80 09 0C 07 E5 01 06 FF 00 03 00 FF FF C4 00 01 00");
  GetRequest q;
  ASSERT_TRUE(decode_get_request(apdu, &q).is_ok());
  EXPECT_EQ(q.attribute.attribute, (AttributeDescriptor{7, {1, 0, 99, 1, 0, 255}, 2}));
  ASSERT_TRUE(q.attribute.access.present);
  EXPECT_EQ(q.attribute.access.selector, 1);
  EXPECT_EQ(q.attribute.access.parameters.size(), apdu.size() - 14);
  EXPECT_EQ(q.attribute.access.parameters.data(), apdu.data() + 14);  // a span into the input
  Out o;
  encode_get_request_normal(o.w, q.invoke, q.attribute);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(GetRequest, NextFromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_get.py: GET-Request-Next for block 1, and block 3.
  const std::vector<std::uint8_t> apdu = hex("C0 02 C1 00 00 00 01");
  GetRequest q;
  ASSERT_TRUE(decode_get_request(apdu, &q).is_ok());
  EXPECT_EQ(q.type, GetRequestType::kNext);
  EXPECT_EQ(q.block_number, 1u);
  Out o;
  encode_get_request_next(o.w, kC1, 3);
  EXPECT_EQ(to_hex(o.w.bytes()), "C0 02 C1 00 00 00 03");
}

TEST(GetRequest, WithList) {
  // Encoded by hand from the IEC 62056-5-3 ASN.1: C0 03 iid, SEQUENCE OF count 2, then per item
  // the attribute descriptor and the access-selection flag. Register 1.0.1.8.0.255 value and
  // scaler_unit: the usual pair a client asks for together.
  const std::vector<std::uint8_t> apdu =
      hex("C0 03 C1 02 00 03 01 00 01 08 00 FF 02 00 00 03 01 00 01 08 00 FF 03 00");
  GetRequest q;
  ASSERT_TRUE(decode_get_request(apdu, &q).is_ok());
  EXPECT_EQ(q.type, GetRequestType::kWithList);
  ASSERT_EQ(q.list.count, 2u);
  EXPECT_EQ(q.list[0].attribute, (AttributeDescriptor{3, {1, 0, 1, 8, 0, 255}, 2}));
  EXPECT_EQ(q.list[1].attribute.attribute_id, 3);
  Out o;
  encode_get_request_with_list(o.w, kC1, q.list.span());
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(GetRequest, MalformedInputsGiveTheExactError) {
  struct Case {
    const char* bytes;
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {"", "get_request", kReasonTruncated},
      {"C1 01 C1 00 01 00 00 2B 01 00 FF 02 00", "get_request", kReasonUnknownTag},      // SET tag
      {"C0 04 C1 00 00 00 01", "get_request.type", kReasonUnknownTag},                   // no such type
      {"C0 01 C1 00 01 00 00 2B 01 00", "get_request.attribute", kReasonTruncated},     // descriptor cut
      {"C0 01 C1 00 01 00 00 2B 01 00 FF 02", "get_request.access_selection", kReasonTruncated},
      {"C0 01 C1 00 01 00 00 2B 01 00 FF 02 02", "get_request.access_selection", kReasonBadValue},
      {"C0 01 C1 00 01 00 00 2B 01 00 FF 02 00 00", "get_request", kReasonTrailing},
      {"C0 01 C1 00 07 01 00 63 01 00 FF 02 01 01 02 04 12 00 08", "axdr.structure", kReasonTruncated},
      {"C0 02 C1 00 00 01", "get_request.block_number", kReasonTruncated},
      {"C0 03 C1 11", "get_request.list", kReasonTooMany},  // 17 items
      {"C0 03 C1 02 00 03 01 00 01 08 00 FF 02 00", "get_request.list", kReasonTruncated},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    GetRequest q;
    const Status s = decode_get_request(apdu, &q);
    EXPECT_STREQ(s.field(), c.field) << c.bytes;
    EXPECT_STREQ(s.reason(), c.reason) << c.bytes;
  }
}

TEST(GetResponse, NormalFromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_get.py: data double-long-unsigned 5009, and a
  // data-access-result 1 (hardware-fault).
  const std::vector<std::uint8_t> data = hex("C4 01 C1 00 06 00 00 13 91");
  GetResponse p;
  ASSERT_TRUE(decode_get_response(data, &p).is_ok());
  EXPECT_EQ(p.type, GetResponseType::kNormal);
  ASSERT_TRUE(p.result.is_data);
  EXPECT_EQ(to_hex(p.result.data), "06 00 00 13 91");
  Out o;
  encode_get_response_normal(o.w, kC1, p.result);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(data));
  // Streaming the value straight into the writer gives the same bytes.
  Out s;
  begin_get_response_normal_data(s.w, kC1);
  s.w.double_long_unsigned(5009);
  EXPECT_EQ(to_hex(s.w.bytes()), to_hex(data));

  const std::vector<std::uint8_t> error = hex("C4 01 C1 01 01");
  ASSERT_TRUE(decode_get_response(error, &p).is_ok());
  EXPECT_FALSE(p.result.is_data);
  EXPECT_EQ(p.result.result, DataAccessResult::kHardwareFault);
  Out e;
  encode_get_response_normal(e.w, kC1, GetDataResult::of_error(DataAccessResult::kHardwareFault));
  EXPECT_EQ(to_hex(e.w.bytes()), to_hex(error));
}

TEST(GetResponse, WithDatablockFromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_get.py: block 1 (not last) of a profile read, raw
  // data of 0x049E = 1182 octets; the last block 19 (0x13) of 0x017C = 380 octets; and a last
  // block carrying data-access-result 1.
  const std::vector<std::uint8_t> first = testing::load("pwitab_get_response_with_block_1.bin");
  GetResponse p;
  ASSERT_TRUE(decode_get_response(first, &p).is_ok());
  EXPECT_EQ(p.type, GetResponseType::kWithDatablock);
  EXPECT_FALSE(p.block.last_block);
  EXPECT_EQ(p.block.block_number, 1u);
  ASSERT_TRUE(p.block.is_raw_data);
  EXPECT_EQ(p.block.raw_data.size(), 1182u);
  Out o;
  encode_get_response_with_datablock(o.w, kC1, p.block);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(first));

  const std::vector<std::uint8_t> last = testing::load("pwitab_get_response_last_block_19.bin");
  ASSERT_TRUE(decode_get_response(last, &p).is_ok());
  EXPECT_TRUE(p.block.last_block);
  EXPECT_EQ(p.block.block_number, 19u);
  EXPECT_EQ(p.block.raw_data.size(), 380u);
  Out l;
  encode_get_response_with_datablock(l.w, kC1, p.block);
  EXPECT_EQ(to_hex(l.w.bytes()), to_hex(last));

  const std::vector<std::uint8_t> error = hex("C4 02 C1 01 00 00 00 13 01 01");
  ASSERT_TRUE(decode_get_response(error, &p).is_ok());
  EXPECT_FALSE(p.block.is_raw_data);
  EXPECT_EQ(p.block.data_access_result, 1);
  Out e;
  encode_get_response_with_datablock(e.w, kC1, p.block);
  EXPECT_EQ(to_hex(e.w.bytes()), to_hex(error));
}

TEST(GetResponse, WithList) {
  // By hand from the ASN.1: two results, a double-long-unsigned and object-undefined (4).
  const std::vector<std::uint8_t> apdu = hex("C4 03 C1 02 00 06 00 00 13 91 01 04");
  GetResponse p;
  ASSERT_TRUE(decode_get_response(apdu, &p).is_ok());
  EXPECT_EQ(p.type, GetResponseType::kWithList);
  ASSERT_EQ(p.list.count, 2u);
  EXPECT_TRUE(p.list[0].is_data);
  EXPECT_EQ(p.list[1].result, DataAccessResult::kObjectUndefined);
  Out o;
  encode_get_response_with_list(o.w, kC1, p.list.span());
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
  Out s;
  begin_get_response_with_list(s.w, kC1, 2);
  s.w.u8(0);
  s.w.double_long_unsigned(5009);
  write_get_data_result(s.w, GetDataResult::of_error(DataAccessResult::kObjectUndefined));
  EXPECT_EQ(to_hex(s.w.bytes()), to_hex(apdu));
}

TEST(GetResponse, MalformedInputsGiveTheExactError) {
  struct Case {
    const char* bytes;
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {"C5 01 C1 00 06 00 00 13 91", "get_response", kReasonUnknownTag},
      {"C4 04 C1 01 01", "get_response.type", kReasonUnknownTag},
      {"C4 01 C1 02 01", "get_response.result", kReasonUnknownTag},
      {"C4 01 C1 00 06 00 00 13", "axdr.value", kReasonTruncated},
      {"C4 01 C1 00 06 00 00 13 91 00", "get_response", kReasonTrailing},
      {"C4 02 C1 02 00 00 00 01 00 00", "get_response.datablock", kReasonBadValue},
      {"C4 02 C1 00 00 00 00 01 00 05 01 02", "get_response.datablock", kReasonTruncated},
      {"C4 02 C1 00 00 00 00 01 00 80", "get_response.datablock", kReasonBadLength},
      {"C4 03 C1 20", "get_response.list", kReasonTooMany},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    GetResponse p;
    const Status s = decode_get_response(apdu, &p);
    EXPECT_STREQ(s.field(), c.field) << c.bytes;
    EXPECT_STREQ(s.reason(), c.reason) << c.bytes;
  }
}

TEST(GetResponse, EncoderReportsOverflow) {
  std::array<std::uint8_t, 6> small{};
  AxdrWriter w(small);
  begin_get_response_normal_data(w, kC1);
  w.double_long_unsigned(5009);
  EXPECT_STREQ(w.status().reason(), kReasonOverflow);
  EXPECT_EQ(w.size(), 4u);
}

}  // namespace
}  // namespace quadra::dlms
