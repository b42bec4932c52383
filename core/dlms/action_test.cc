#include "core/dlms/action.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/dlms/test_hex.h"

namespace quadra::dlms {
namespace {

using testing::hex;
using testing::to_hex;

constexpr InvokeIdAndPriority kC0 = InvokeIdAndPriority::make(0, true, true);
constexpr MethodDescriptor kReplyToHls{15, {0, 0, 40, 0, 0, 255}, 1};  // Association LN, method 1

struct Out {
  std::array<std::uint8_t, 1024> bytes{};
  AxdrWriter w{bytes};
};

TEST(ActionRequest, NormalFromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_action.py: reply_to_HLS_authentication on the
  // current association with the client's 17-octet answer (security control 10, invocation
  // counter, GMAC), and the same method without parameters.
  const std::vector<std::uint8_t> apdu =
      hex("C3 01 C0 00 0F 00 00 28 00 00 FF 01 01 09 11 10 00 00 1A 90 E6 D2 22 1F A2 FD 85 EE D6 1A CC 22");
  ActionRequest q;
  ASSERT_TRUE(decode_action_request(apdu, &q).is_ok());
  EXPECT_EQ(q.type, ActionRequestType::kNormal);
  EXPECT_EQ(q.invoke, kC0);
  EXPECT_EQ(q.method, kReplyToHls);
  ASSERT_TRUE(q.has_parameters);
  EXPECT_EQ(q.parameters.size(), 19u);
  Out o;
  encode_action_request_normal(o.w, kC0, q.method, q.parameters);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));

  const std::vector<std::uint8_t> bare = hex("C3 01 C0 00 0F 00 00 28 00 00 FF 01 00");
  ASSERT_TRUE(decode_action_request(bare, &q).is_ok());
  EXPECT_FALSE(q.has_parameters);
  Out b;
  encode_action_request_normal(b.w, kC0, kReplyToHls, {});
  EXPECT_EQ(to_hex(b.w.bytes()), to_hex(bare));
}

TEST(ActionResponse, NormalFromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_action.py: success without data, success with the
  // server's 17-octet answer, and success whose return is data-access-result other-reason (FA).
  const std::vector<std::uint8_t> plain = hex("C7 01 C0 00 00");
  ActionResponse p;
  ASSERT_TRUE(decode_action_response(plain, &p).is_ok());
  EXPECT_EQ(p.type, ActionResponseType::kNormal);
  EXPECT_EQ(p.single.result, ActionResult::kSuccess);
  EXPECT_FALSE(p.single.has_return);
  Out o;
  encode_action_response_normal(o.w, kC0, p.single);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(plain));

  const std::vector<std::uint8_t> data =
      hex("C7 01 C0 00 01 00 09 11 10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1");
  ASSERT_TRUE(decode_action_response(data, &p).is_ok());
  ASSERT_TRUE(p.single.has_return);
  ASSERT_TRUE(p.single.return_parameters.is_data);
  EXPECT_EQ(p.single.return_parameters.data.size(), 19u);
  Out d;
  encode_action_response_normal(d.w, kC0, p.single);
  EXPECT_EQ(to_hex(d.w.bytes()), to_hex(data));
  Out s;  // streamed
  begin_action_response_normal_data(s.w, kC0, ActionResult::kSuccess);
  s.w.octet_string(hex("10 00 00 1A FD E8 85 7B 72 8A 34 99 10 6A A6 65 D1"));
  EXPECT_EQ(to_hex(s.w.bytes()), to_hex(data));

  const std::vector<std::uint8_t> error = hex("C7 01 C0 00 01 01 FA");
  ASSERT_TRUE(decode_action_response(error, &p).is_ok());
  ASSERT_TRUE(p.single.has_return);
  EXPECT_FALSE(p.single.return_parameters.is_data);
  EXPECT_EQ(p.single.return_parameters.result, DataAccessResult::kOtherReason);
  Out e;
  encode_action_response_normal(e.w, kC0, p.single);
  EXPECT_EQ(to_hex(e.w.bytes()), to_hex(error));
}

// Block transfer forms, encoded by hand from the IEC 62056-5-3 ASN.1 (A-XDR).
TEST(ActionRequest, PblockForms) {
  const std::vector<std::uint8_t> first = hex("C3 04 C0 00 0F 00 00 28 00 00 FF 01 00 00 00 00 01 03 09 11 10");
  ActionRequest q;
  ASSERT_TRUE(decode_action_request(first, &q).is_ok());
  EXPECT_EQ(q.type, ActionRequestType::kWithFirstPblock);
  EXPECT_EQ(q.method, kReplyToHls);
  EXPECT_EQ(q.block.block_number, 1u);
  EXPECT_EQ(to_hex(q.block.raw_data), "09 11 10");
  Out o;
  encode_action_request_with_first_pblock(o.w, kC0, q.method, q.block);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(first));

  const std::vector<std::uint8_t> more = hex("C3 06 C0 01 00 00 00 02 02 00 00");
  ASSERT_TRUE(decode_action_request(more, &q).is_ok());
  EXPECT_EQ(q.type, ActionRequestType::kWithPblock);
  EXPECT_TRUE(q.block.last_block);
  Out m;
  encode_action_request_with_pblock(m.w, kC0, q.block);
  EXPECT_EQ(to_hex(m.w.bytes()), to_hex(more));

  const std::vector<std::uint8_t> next = hex("C3 02 C0 00 00 00 05");
  ASSERT_TRUE(decode_action_request(next, &q).is_ok());
  EXPECT_EQ(q.type, ActionRequestType::kNextPblock);
  EXPECT_EQ(q.block_number, 5u);
  Out n;
  encode_action_request_next_pblock(n.w, kC0, 5);
  EXPECT_EQ(to_hex(n.w.bytes()), to_hex(next));

  const std::vector<std::uint8_t> list =
      hex("C3 03 C0 02 00 0F 00 00 28 00 00 FF 01 00 46 00 00 60 03 0A FF 01 02 09 00 16 00");
  ASSERT_TRUE(decode_action_request(list, &q).is_ok());
  EXPECT_EQ(q.type, ActionRequestType::kWithList);
  ASSERT_EQ(q.methods.count, 2u);
  EXPECT_EQ(q.methods[1].class_id, 70);
  EXPECT_EQ(to_hex(q.parameter_list[1]), "16 00");
}

TEST(ActionResponse, PblockForms) {
  const std::vector<std::uint8_t> block = hex("C7 02 C0 00 00 00 00 01 04 01 82 05 A0");
  ActionResponse p;
  ASSERT_TRUE(decode_action_response(block, &p).is_ok());
  EXPECT_EQ(p.type, ActionResponseType::kWithPblock);
  EXPECT_FALSE(p.block.last_block);
  EXPECT_EQ(p.block.raw_data.size(), 4u);
  Out o;
  encode_action_response_with_pblock(o.w, kC0, p.block);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(block));

  const std::vector<std::uint8_t> next = hex("C7 04 C0 00 00 00 02");
  ASSERT_TRUE(decode_action_response(next, &p).is_ok());
  EXPECT_EQ(p.type, ActionResponseType::kNextPblock);
  EXPECT_EQ(p.block_number, 2u);
  Out n;
  encode_action_response_next_pblock(n.w, kC0, 2);
  EXPECT_EQ(to_hex(n.w.bytes()), to_hex(next));

  const std::vector<std::uint8_t> list = hex("C7 03 C0 02 00 00 0B 01 00 11 07");
  ASSERT_TRUE(decode_action_response(list, &p).is_ok());
  ASSERT_EQ(p.list.count, 2u);
  EXPECT_EQ(p.list[1].result, ActionResult::kObjectUnavailable);
  EXPECT_EQ(to_hex(p.list[1].return_parameters.data), "11 07");
  Out l;
  encode_action_response_with_list(l.w, kC0, p.list.span());
  EXPECT_EQ(to_hex(l.w.bytes()), to_hex(list));
}

TEST(Action, MalformedInputsGiveTheExactError) {
  struct Case {
    const char* bytes;
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {"C4 01 C0 00 0F 00 00 28 00 00 FF 01 00", "action_request", kReasonUnknownTag},
      {"C3 07 C0", "action_request.type", kReasonUnknownTag},
      {"C3 01 C0 00 0F 00 00 28 00 00 FF 01", "action_request.parameters", kReasonTruncated},
      {"C3 01 C0 00 0F 00 00 28 00 00 FF 01 02", "action_request.parameters", kReasonBadValue},
      {"C3 01 C0 00 0F 00 00 28 00 00 FF 01 01 09 11 10", "axdr.octet_string", kReasonTruncated},
      {"C3 01 C0 00 0F 00 00 28 00 00 FF 01 00 00", "action_request", kReasonTrailing},
      {"C3 04 C0 00 0F 00 00 28", "action_request.method", kReasonTruncated},
      {"C3 03 C0 01 00 0F 00 00 28 00 00 FF 01 00", "action_request.parameters", kReasonBadValue},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    ActionRequest q;
    const Status s = decode_action_request(apdu, &q);
    EXPECT_STREQ(s.field(), c.field) << c.bytes;
    EXPECT_STREQ(s.reason(), c.reason) << c.bytes;
  }
  ActionResponse p;
  EXPECT_STREQ(decode_action_response(hex("C7 01 C0 00 01 02 00"), &p).reason(), kReasonUnknownTag);
  EXPECT_STREQ(decode_action_response(hex("C7 05 C0"), &p).reason(), kReasonUnknownTag);
  EXPECT_STREQ(decode_action_response(hex("C7 01 C0 00"), &p).reason(), kReasonTruncated);
}

}  // namespace
}  // namespace quadra::dlms
