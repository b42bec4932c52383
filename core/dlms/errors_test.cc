#include "core/dlms/errors.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/dlms/notification.h"
#include "core/dlms/test_hex.h"

namespace quadra::dlms {
namespace {

using testing::hex;
using testing::to_hex;

struct Out {
  std::array<std::uint8_t, 256> bytes{};
  AxdrWriter w{bytes};
};

TEST(ExceptionResponse, EncodesAndDecodes) {
  // By hand from the IEC 62056-5-3 ASN.1: EXCEPTION-Response ::= SEQUENCE { state-error [0]
  // IMPLICIT ENUMERATED, service-error [1] CHOICE {..., invocation-counter-error [6] IMPLICIT
  // Unsigned32} }, in A-XDR: D8, the state-error value, the CHOICE index (and the counter).
  const std::vector<std::uint8_t> unknown = hex("D8 02 02");  // service-unknown, service-not-supported
  ExceptionResponse e;
  ASSERT_TRUE(decode_exception_response(unknown, &e).is_ok());
  EXPECT_EQ(e.state_error, StateError::kServiceUnknown);
  EXPECT_EQ(e.service_error, ServiceError::kServiceNotSupported);
  Out o;
  encode_exception_response(o.w, e);
  EXPECT_EQ(to_hex(o.w.bytes()), "D8 02 02");

  const std::vector<std::uint8_t> counter = hex("D8 01 06 00 00 01 2C");
  ASSERT_TRUE(decode_exception_response(counter, &e).is_ok());
  EXPECT_EQ(e.service_error, ServiceError::kInvocationCounterError);
  EXPECT_EQ(e.invocation_counter, 300u);
  Out c;
  encode_exception_response(c.w, e);
  EXPECT_EQ(to_hex(c.w.bytes()), to_hex(counter));

  EXPECT_STREQ(decode_exception_response(hex("D8 03 01"), &e).field(), "exception_response.state_error");
  EXPECT_STREQ(decode_exception_response(hex("D8 01 07"), &e).reason(), kReasonUnknownTag);
  EXPECT_STREQ(decode_exception_response(hex("D8 01 06 00 00"), &e).reason(), kReasonTruncated);
  EXPECT_STREQ(decode_exception_response(hex("D8 01 01 00"), &e).reason(), kReasonTrailing);
}

TEST(ConfirmedServiceError, InitiateErrorFromAnAare) {
  // The user-information of the AARE "incorrect DLMS version" in pwitab/dlms-cosem
  // tests/test_asce/test_aare.py: 0E 01 06 01 = initiateError, initiate, dlms-version-too-low.
  const std::vector<std::uint8_t> apdu = hex("0E 01 06 01");
  ConfirmedServiceError e;
  ASSERT_TRUE(decode_confirmed_service_error(apdu, &e).is_ok());
  EXPECT_EQ(e, ConfirmedServiceError::initiate(InitiateError::kDlmsVersionTooLow));
  Out o;
  encode_confirmed_service_error(o.w, e);
  EXPECT_EQ(to_hex(o.w.bytes()), "0E 01 06 01");
  EXPECT_STREQ(decode_confirmed_service_error(hex("0E 00 06 01"), &e).reason(), kReasonUnknownTag);
  EXPECT_STREQ(decode_confirmed_service_error(hex("0E 01 06"), &e).reason(), kReasonTruncated);
}

TEST(DataNotification, FromDlmsCosem) {
  // pwitab/dlms-cosem tests/test_xdlms/test_data_notification.py: invoke id 0x1DB, no date-time,
  // body an octet-string of 34 octets.
  const std::vector<std::uint8_t> apdu = hex(
      "0F 00 00 01 DB 00 09 22 12 5A 85 91 36 00 00 00 00 49 00 00 00 11 00 00 00 0A 5A 85 13 D0 14 80 00 00 00 0D "
      "00 00 00 0A 01 00");
  DataNotification n;
  ASSERT_TRUE(decode_data_notification(apdu, &n).is_ok());
  EXPECT_EQ(n.invoke.invoke_id(), 0x1DBu);
  EXPECT_FALSE(n.invoke.confirmed());
  EXPECT_TRUE(n.date_time.empty());
  EXPECT_EQ(n.body.size(), 36u);
  Out o;
  encode_data_notification(o.w, n);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(DataNotification, WithDateTimeAndErrors) {
  const std::array<std::uint8_t, 12> dt = {0x07, 0xE9, 0x01, 0x01, 0x03, 0, 0, 0, 0, 0xFF, 0xC4, 0x00};
  Out o;
  begin_data_notification(o.w, LongInvokeIdAndPriority::make(7, false, true), dt);
  o.w.long_unsigned(230);
  EXPECT_EQ(to_hex(o.w.bytes()), "0F 80 00 00 07 0C 07 E9 01 01 03 00 00 00 00 FF C4 00 12 00 E6");
  DataNotification n;
  ASSERT_TRUE(decode_data_notification(o.w.bytes(), &n).is_ok());
  EXPECT_EQ(n.date_time.size(), 12u);
  EXPECT_TRUE(n.invoke.high_priority());
  EXPECT_STREQ(decode_data_notification(hex("0F 00 00 00 01 03 01 02 03 00"), &n).reason(), kReasonBadLength);
  // dlms-cosem's own encoding of a present date-time (01 + 12 octets, no length) is refused.
  EXPECT_STREQ(decode_data_notification(hex("0F 00 00 00 01 01 07 E9 01 01 FF 00 00 00 00 FF C4 00 12 00 E6"), &n).reason(),
               kReasonBadLength);
  EXPECT_STREQ(decode_data_notification(hex("0F 00 00 00 01 00"), &n).field(), "axdr.tag");
  EXPECT_STREQ(decode_data_notification(hex("0F 00 00 00 01 00 00 00"), &n).reason(), kReasonTrailing);
}

}  // namespace
}  // namespace quadra::dlms
