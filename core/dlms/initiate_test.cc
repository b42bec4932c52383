#include "core/dlms/initiate.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/dlms/data_type.h"
#include "core/dlms/test_hex.h"

namespace quadra::dlms {
namespace {

using testing::hex;
using testing::to_hex;

struct Out {
  std::array<std::uint8_t, 256> bytes{};
  AxdrWriter w{bytes};
};

TEST(Conformance, GreenBookBits) {
  // The Green Book's proposed conformance 00 7E 1F (pwitab/dlms-cosem
  // tests/test_asce/test_conformance.py): priority-mgmt, attribute0-with-get, block transfer with
  // get, set and action, multiple-references, get, set, selective-access, event-notification,
  // action.
  using namespace conformance;
  EXPECT_EQ(kPriorityMgmtSupported | kAttribute0SupportedWithGet | kBlockTransferWithGetOrRead |
                kBlockTransferWithSetOrWrite | kBlockTransferWithAction | kMultipleReferences | kGet | kSet |
                kSelectiveAccess | kEventNotification | kAction,
            0x007E1Fu);
  // 00 50 1F: priority-mgmt, block transfer with get, get, set, selective access, event
  // notification, action.
  EXPECT_EQ(kPriorityMgmtSupported | kBlockTransferWithGetOrRead | kGet | kSet | kSelectiveAccess |
                kEventNotification | kAction,
            0x00501Fu);
  EXPECT_EQ(kGeneralProtection, 0x400000u);
  EXPECT_EQ(kGeneralBlockTransfer, 0x200000u);
}

TEST(InitiateRequest, GreenBookExample) {
  // Green Book / pwitab/dlms-cosem tests/test_xdlms/test_initiate.py.
  const std::vector<std::uint8_t> apdu = hex("01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  InitiateRequest q;
  ASSERT_TRUE(decode_initiate_request(apdu, &q).is_ok());
  EXPECT_TRUE(q.dedicated_key.empty());
  EXPECT_TRUE(q.response_allowed);
  EXPECT_FALSE(q.has_quality_of_service);
  EXPECT_EQ(q.dlms_version, 6);
  EXPECT_EQ(q.conformance, 0x007E1Fu);
  EXPECT_EQ(q.client_max_receive_pdu_size, 1200);
  Out o;
  encode_initiate_request(o.w, q);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(InitiateRequest, WithDedicatedKey) {
  // pwitab/dlms-cosem tests/test_xdlms/test_initiate.py (test_decode_with_dedicated_key).
  const std::vector<std::uint8_t> apdu =
      hex("01 01 10 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  InitiateRequest q;
  ASSERT_TRUE(decode_initiate_request(apdu, &q).is_ok());
  EXPECT_EQ(to_hex(q.dedicated_key), "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF");
  Out o;
  encode_initiate_request(o.w, q);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(InitiateRequest, ResponseNotAllowedAndQualityOfService) {
  // By hand from the ASN.1: response-allowed FALSE is written (01 00), quality of service 01 xx.
  const std::vector<std::uint8_t> apdu = hex("01 00 01 00 01 03 06 5F 1F 04 00 00 00 18 FF FF");
  InitiateRequest q;
  ASSERT_TRUE(decode_initiate_request(apdu, &q).is_ok());
  EXPECT_FALSE(q.response_allowed);
  EXPECT_TRUE(q.has_quality_of_service);
  EXPECT_EQ(q.quality_of_service, 3);
  EXPECT_EQ(q.conformance, conformance::kGet | conformance::kSet);
  EXPECT_EQ(q.client_max_receive_pdu_size, 0xFFFF);
  Out o;
  encode_initiate_request(o.w, q);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(InitiateResponse, GreenBookExamples) {
  // pwitab/dlms-cosem tests/test_xdlms/test_initiate.py: negotiated 00 50 1F, 500 octets, VAA 7;
  // and one with the quality-of-service present (01 00) and 00 1E 1D, 1224 octets.
  const std::vector<std::uint8_t> apdu = hex("08 00 06 5F 1F 04 00 00 50 1F 01 F4 00 07");
  InitiateResponse p;
  ASSERT_TRUE(decode_initiate_response(apdu, &p).is_ok());
  EXPECT_EQ(p.conformance, 0x00501Fu);
  EXPECT_EQ(p.server_max_receive_pdu_size, 500);
  EXPECT_EQ(p.vaa_name, kVaaNameLn);
  Out o;
  encode_initiate_response(o.w, p);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));

  const std::vector<std::uint8_t> qos = hex("08 01 00 06 5F 1F 04 00 00 1E 1D 04 C8 00 07");
  ASSERT_TRUE(decode_initiate_response(qos, &p).is_ok());
  EXPECT_TRUE(p.has_quality_of_service);
  EXPECT_EQ(p.quality_of_service, 0);
  EXPECT_EQ(p.server_max_receive_pdu_size, 1224);
  Out q;
  encode_initiate_response(q.w, p);
  EXPECT_EQ(to_hex(q.w.bytes()), to_hex(qos));
}

TEST(Initiate, MalformedInputsGiveTheExactError) {
  struct Case {
    const char* bytes;
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {"08 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0", "initiate_request", kReasonUnknownTag},
      {"01 02 00 00 06 5F 1F 04 00 00 7E 1F 04 B0", "initiate_request.dedicated_key", kReasonBadValue},
      {"01 01 10 00 11", "initiate_request.dedicated_key", kReasonTruncated},
      {"01 00 00 00 06 5F 1E 04 00 00 7E 1F 04 B0", "initiate_request.conformance", kReasonUnknownTag},
      {"01 00 00 00 06 5F 1F 05 00 00 7E 1F 04 B0", "initiate_request.conformance", kReasonBadLength},
      {"01 00 00 00 06 5F 1F 04 00 00 7E 1F 04", "initiate_request.max_receive_pdu_size", kReasonTruncated},
      {"01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0 00", "initiate_request", kReasonTrailing},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    InitiateRequest q;
    const Status s = decode_initiate_request(apdu, &q);
    EXPECT_STREQ(s.field(), c.field) << c.bytes;
    EXPECT_STREQ(s.reason(), c.reason) << c.bytes;
  }
  InitiateResponse p;
  EXPECT_STREQ(decode_initiate_response(hex("08 00 06 5F 1F 04 00 00 50 1F 01 F4 00"), &p).field(),
               "initiate_response.vaa_name");
}

}  // namespace
}  // namespace quadra::dlms
