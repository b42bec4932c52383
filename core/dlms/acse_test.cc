#include "core/dlms/acse.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dlms/errors.h"
#include "core/dlms/initiate.h"
#include "core/dlms/test_hex.h"

namespace quadra::dlms {
namespace {

using testing::hex;
using testing::to_hex;

struct Out {
  std::array<std::uint8_t, 1024> bytes{};
  AxdrWriter w{bytes};
};

std::string text(std::span<const std::uint8_t> b) { return std::string(b.begin(), b.end()); }

// ---- AARQ: Green Book examples as published in pwitab/dlms-cosem tests/test_asce/test_aarq.py ----

TEST(Aarq, NoSecurity) {
  const std::vector<std::uint8_t> apdu =
      hex("60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  Aarq a;
  ASSERT_TRUE(decode_aarq(apdu, &a).is_ok());
  EXPECT_EQ(a.application_context, ApplicationContext::kLogicalName);
  EXPECT_FALSE(a.has_mechanism);
  EXPECT_FALSE(a.authentication_functional_unit);
  EXPECT_FALSE(a.has_authentication_value);
  ASSERT_TRUE(a.has_user_information);
  EXPECT_EQ(to_hex(a.user_information), "01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  InitiateRequest ir;
  ASSERT_TRUE(decode_initiate_request(a.user_information, &ir).is_ok());
  EXPECT_EQ(ir.client_max_receive_pdu_size, 1200);
  Out o;
  encode_aarq(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(Aarq, LowLevelSecurity) {
  const std::vector<std::uint8_t> apdu = hex(
      "60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 01 AC 0A 80 08 31 32 33 34 35 36 "
      "37 38 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  Aarq a;
  ASSERT_TRUE(decode_aarq(apdu, &a).is_ok());
  EXPECT_TRUE(a.authentication_functional_unit);
  ASSERT_TRUE(a.has_mechanism);
  EXPECT_EQ(a.mechanism, Mechanism::kLow);
  ASSERT_TRUE(a.has_authentication_value);
  EXPECT_EQ(a.authentication_value_kind, AuthenticationValueKind::kCharString);
  EXPECT_EQ(text(a.authentication_value), "12345678");
  Out o;
  encode_aarq(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(Aarq, HighLevelSecurityGmac) {
  const std::vector<std::uint8_t> apdu = hex(
      "60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 05 AC 0A 80 08 4B 35 36 69 56 61 "
      "67 59 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  Aarq a;
  ASSERT_TRUE(decode_aarq(apdu, &a).is_ok());
  EXPECT_EQ(a.mechanism, Mechanism::kHighGmac);
  EXPECT_EQ(text(a.authentication_value), "K56iVagY");  // the client challenge
  Out o;
  encode_aarq(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(Aarq, CipheredContextWithSystemTitle) {
  // LN with ciphering (…01 03), calling-AP-title = system title 4D4D4D0000BC614E, LLS, and a
  // glo-initiateRequest (21 30 …) as user-information.
  const std::vector<std::uint8_t> apdu = hex(
      "6066a109060760857405080103a60a04084D4D4D0000BC614E8a0207808b0760857405080201ac0a80083132333435363738be3404322130"
      "3001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855");
  Aarq a;
  ASSERT_TRUE(decode_aarq(apdu, &a).is_ok());
  EXPECT_EQ(a.application_context, ApplicationContext::kLogicalNameCiphered);
  EXPECT_EQ(to_hex(a.calling_ap_title), "4D 4D 4D 00 00 BC 61 4E");
  EXPECT_EQ(a.user_information.size(), 0x32u);
  EXPECT_EQ(a.user_information[0], apdu_tag::kGloInitiateRequest);
  Out o;
  encode_aarq(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(Aarq, ClientEncodingFromFields) {
  // pwitab/dlms-cosem test_aarq.py TestEncodeAARE.test_decode: the bytes its client sends
  // (conformance 00 1E 1D, PDU size 65535).
  InitiateRequest ir;
  ir.conformance = 0x001E1D;
  ir.client_max_receive_pdu_size = 0xFFFF;
  std::array<std::uint8_t, 32> ui{};
  AxdrWriter uw(ui);
  encode_initiate_request(uw, ir);
  Aarq a;
  a.application_context = ApplicationContext::kLogicalName;
  a.has_user_information = true;
  a.user_information = uw.bytes();
  Out o;
  encode_aarq(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()),
            to_hex(hex("601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFF")));
}

TEST(Aarq, LongFieldsTakeLongFormLengths) {
  // A 200-octet calling-AE-qualifier (a certificate, as with HLS-ECDSA): every enclosing length
  // grows to 81 xx and the result decodes back.
  const std::vector<std::uint8_t> cert(200, 0x30);
  Aarq a;
  a.application_context = ApplicationContext::kLogicalNameCiphered;
  a.calling_ae_qualifier = cert;
  a.has_user_information = true;
  const std::vector<std::uint8_t> ui = hex("01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  a.user_information = ui;
  Out o;
  encode_aarq(o.w, a);
  ASSERT_TRUE(o.w.ok());
  // 60 81 EF | A1 09 … (11) | A7 81 CB 04 81 C8 <200> (206) | BE 10 04 0E <14> (18): 11+206+18 = 235 = 0xEB
  EXPECT_EQ(to_hex(o.w.bytes().first(3)), "60 81 EB");
  EXPECT_EQ(to_hex(o.w.bytes().subspan(14, 6)), "A7 81 CB 04 81 C8");
  Aarq back;
  ASSERT_TRUE(decode_aarq(o.w.bytes(), &back).is_ok());
  EXPECT_EQ(back.calling_ae_qualifier.size(), 200u);
  EXPECT_EQ(to_hex(back.user_information), to_hex(ui));
}

TEST(Aarq, ShortNameAndUnknownOidsDecodeForTheServerToRefuse) {
  // SN referencing (…01 02) and a mechanism outside 2.16.756.5.8.2: decoded, for the association
  // to answer with application-context-name-not-supported / mechanism-name-not-recognised.
  const std::vector<std::uint8_t> apdu = hex("60 17 A1 09 06 07 60 85 74 05 08 01 02 8B 04 2A 03 04 05 BE 04 04 02 01 00");
  Aarq a;
  ASSERT_TRUE(decode_aarq(apdu, &a).is_ok());
  EXPECT_EQ(a.application_context, ApplicationContext::kShortName);
  EXPECT_TRUE(a.has_mechanism);
  EXPECT_EQ(a.mechanism, Mechanism::kUnknown);
  EXPECT_EQ(to_hex(a.mechanism_name), "2A 03 04 05");
}

// AARQs recorded from an independent client: Gurux.DLMS.Python (snapshot e98a902d, April 2026),
// GXDLMSClient.aarqRequest() over the wrapper, the 8-octet wrapper header removed. Its proposed
// conformance 40 1E 5D includes general-protection; its PDU size is 65535.
TEST(Aarq, AsTheGuruxClientSendsThem) {
  struct Case {
    const char* bytes;
    ApplicationContext context;
    Mechanism mechanism;
    std::size_t title, auth;
  };
  const Case cases[] = {
      {"601da109060760857405080101be10040e01000000065f1f0400401e5dffff", ApplicationContext::kLogicalName,
       Mechanism::kUnknown, 0, 0},
      {"6036a1090607608574050801018a0207808b0760857405080201ac0a80083132333435363738be10040e01000000065f1f0400401e"
       "5dffff",
       ApplicationContext::kLogicalName, Mechanism::kLow, 0, 8},
      // HLS-GMAC with authenticated encryption: system title "Gurux123", a 16-octet challenge and a
      // glo-initiateRequest (21 1F 30 …) as user-information.
      {"605da109060760857405080103a60a040847757275783132338a0207808b0760857405080205ac12801017ad506a9fb5bc97b6f1e5"
       "6501c30f40be230421211f3000000001ea138f2d9af42f0ec616aa87fe11db55fbdb5707af2ab66eb8be",
       ApplicationContext::kLogicalNameCiphered, Mechanism::kHighGmac, 8, 16},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    Aarq a;
    ASSERT_TRUE(decode_aarq(apdu, &a).is_ok()) << c.bytes;
    EXPECT_EQ(a.application_context, c.context);
    EXPECT_EQ(a.mechanism, c.mechanism);
    EXPECT_EQ(a.calling_ap_title.size(), c.title);
    EXPECT_EQ(a.authentication_value.size(), c.auth);
    if (a.application_context == ApplicationContext::kLogicalName) {
      InitiateRequest ir;
      ASSERT_TRUE(decode_initiate_request(a.user_information, &ir).is_ok());
      EXPECT_EQ(ir.conformance, 0x401E5Du);
      EXPECT_EQ(ir.client_max_receive_pdu_size, 0xFFFF);
    } else {
      EXPECT_EQ(text(a.calling_ap_title), "Gurux123");
      EXPECT_EQ(a.user_information[0], apdu_tag::kGloInitiateRequest);
    }
    Out o;
    encode_aarq(o.w, a);
    EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
  }
}

// User identification (Green Book): calling-AE-invocation-id [9] holds the user_id as an
// INTEGER, between calling-AE-qualifier [7] and sender-acse-requirements [10]. The first case is
// the public client's Green Book AARQ with user 5 added (A9 03 02 01 05); the second, user 200
// as Gurux writes it (one octet C8); the third, user 200 in strict BER (00 C8).
TEST(Aarq, CallingAeInvocationIdCarriesTheUserId) {
  const std::vector<std::uint8_t> five =
      hex("60 22 A1 09 06 07 60 85 74 05 08 01 01 A9 03 02 01 05 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  Aarq a;
  ASSERT_TRUE(decode_aarq(five, &a).is_ok());
  ASSERT_TRUE(a.has_calling_ae_invocation_id);
  EXPECT_EQ(a.calling_ae_invocation_id, 5);
  Out o;
  encode_aarq(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(five));

  Aarq b;
  ASSERT_TRUE(decode_aarq(hex("60 10 A1 09 06 07 60 85 74 05 08 01 01 A9 03 02 01 C8"), &b).is_ok());
  EXPECT_EQ(b.calling_ae_invocation_id, 200);
  const std::vector<std::uint8_t> strict = hex("60 11 A1 09 06 07 60 85 74 05 08 01 01 A9 04 02 02 00 C8");
  Aarq c;
  ASSERT_TRUE(decode_aarq(strict, &c).is_ok());
  EXPECT_EQ(c.calling_ae_invocation_id, 200);
  Out oc;
  encode_aarq(oc.w, c);
  EXPECT_EQ(to_hex(oc.w.bytes()), to_hex(strict));

  Aarq none;
  ASSERT_TRUE(decode_aarq(hex("60 0B A1 09 06 07 60 85 74 05 08 01 01"), &none).is_ok());
  EXPECT_FALSE(none.has_calling_ae_invocation_id);
}

TEST(Aarq, MalformedInputsGiveTheExactError) {
  struct Case {
    const char* bytes;
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {"", "aarq", kReasonTruncated},
      {"61 00", "aarq", kReasonUnknownTag},
      // one octet cut off the end
      {"60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04", "aarq",
       kReasonTruncated},
      // outer length one short: a byte left over
      {"60 1C A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0", "aarq",
       kReasonTrailing},
      {"60 80 A1 09 06 07 60 85 74 05 08 01 01 00 00", "aarq", kReasonBadLength},
      // the OID inside A1 one octet shorter than its container
      {"60 0B A1 09 06 06 60 85 74 05 08 01 01", "aarq.application_context_name", kReasonBadLength},
      // user-information length says 0x11 but holds 0x10
      {"60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0F 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0",
       "aarq.user_information", kReasonTruncated},
      {"60 04 BE 02 04 00", "aarq.application_context_name", kReasonBadValue},
      {"60 0F A1 09 06 07 60 85 74 05 08 01 01 AC 02 82 00", "aarq.calling_authentication_value", kReasonUnknownTag},
      {"60 0D A1 09 06 07 60 85 74 05 08 01 01 8A 00", "aarq.sender_acse_requirements", kReasonBadLength},
      {"60 02 1F 00", "aarq", kReasonUnknownTag},
      // a user_id that is not an INTEGER, is empty, or does not fit 0..255
      {"60 10 A1 09 06 07 60 85 74 05 08 01 01 A9 03 04 01 05", "aarq.calling_ae_invocation_id", kReasonUnknownTag},
      {"60 0F A1 09 06 07 60 85 74 05 08 01 01 A9 02 02 00", "aarq.calling_ae_invocation_id", kReasonBadLength},
      {"60 11 A1 09 06 07 60 85 74 05 08 01 01 A9 04 02 02 01 00", "aarq.calling_ae_invocation_id", kReasonBadValue},
      {"60 12 A1 09 06 07 60 85 74 05 08 01 01 A9 05 02 03 00 00 05", "aarq.calling_ae_invocation_id",
       kReasonBadLength},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    Aarq a;
    const Status s = decode_aarq(apdu, &a);
    EXPECT_STREQ(s.field(), c.field) << c.bytes;
    EXPECT_STREQ(s.reason(), c.reason) << c.bytes;
  }
}

// ---- AARE: pwitab/dlms-cosem tests/test_asce/test_aare.py (Green Book examples) ----

Aare accepted_aare(std::span<const std::uint8_t> user_information) {
  Aare a;
  a.application_context = ApplicationContext::kLogicalName;
  a.result = AssociationResult::kAccepted;
  a.diagnostic_source = DiagnosticSource::kAcseServiceUser;
  a.diagnostic = user_diagnostic::kNull;
  a.has_user_information = true;
  a.user_information = user_information;
  return a;
}

TEST(Aare, AcceptedNoSecurity) {
  const std::vector<std::uint8_t> apdu = hex(
      "61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 05 A1 03 02 01 00 BE 10 04 0E 08 00 06 5F 1F 04 00 "
      "00 50 1F 01 F4 00 07");
  Aare a;
  ASSERT_TRUE(decode_aare(apdu, &a).is_ok());
  EXPECT_EQ(a.application_context, ApplicationContext::kLogicalName);
  EXPECT_EQ(a.result, AssociationResult::kAccepted);
  EXPECT_EQ(a.diagnostic_source, DiagnosticSource::kAcseServiceUser);
  EXPECT_EQ(a.diagnostic, user_diagnostic::kNull);
  InitiateResponse ir;
  ASSERT_TRUE(decode_initiate_response(a.user_information, &ir).is_ok());
  EXPECT_EQ(ir.server_max_receive_pdu_size, 500);
  // The server builds it from its fields: InitiateResponse first, then the AARE around it.
  std::array<std::uint8_t, 32> ui{};
  AxdrWriter uw(ui);
  encode_initiate_response(uw, InitiateResponse{false, 0, 6, 0x00501F, 500, kVaaNameLn});
  Out o;
  encode_aare(o.w, accepted_aare(uw.bytes()));
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(Aare, RejectedApplicationContext) {
  const std::vector<std::uint8_t> apdu = hex(
      "61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 01 A3 05 A1 03 02 01 02 BE 10 04 0E 08 00 06 5F 1F 04 00 "
      "00 50 1F 01 F4 00 07");
  Aare a;
  ASSERT_TRUE(decode_aare(apdu, &a).is_ok());
  EXPECT_EQ(a.result, AssociationResult::kRejectedPermanent);
  EXPECT_EQ(a.diagnostic, user_diagnostic::kApplicationContextNameNotSupported);
  Out o;
  encode_aare(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(Aare, RejectedDlmsVersionWithConfirmedServiceError) {
  const std::vector<std::uint8_t> apdu =
      hex("61 1F A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 01 A3 05 A1 03 02 01 01 BE 06 04 04 0E 01 06 01");
  Aare a;
  ASSERT_TRUE(decode_aare(apdu, &a).is_ok());
  EXPECT_EQ(a.diagnostic, user_diagnostic::kNoReasonGiven);
  ConfirmedServiceError e;
  ASSERT_TRUE(decode_confirmed_service_error(a.user_information, &e).is_ok());
  EXPECT_EQ(e, ConfirmedServiceError::initiate(InitiateError::kDlmsVersionTooLow));
  std::array<std::uint8_t, 8> ui{};
  AxdrWriter uw(ui);
  encode_confirmed_service_error(uw, ConfirmedServiceError::initiate(InitiateError::kDlmsVersionTooLow));
  Aare b = accepted_aare(uw.bytes());
  b.result = AssociationResult::kRejectedPermanent;
  b.diagnostic = user_diagnostic::kNoReasonGiven;
  Out o;
  encode_aare(o.w, b);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(Aare, HighLevelSecurityChallenge) {
  // Accepted with diagnostic authentication-required (14), responder-acse-requirements,
  // mechanism HLS-GMAC and the server challenge "P6wRJ21F".
  const std::vector<std::uint8_t> apdu = hex(
      "6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A8008503677524A323146BE10040E08"
      "00065F1F040000501F01F40007");
  Aare a;
  ASSERT_TRUE(decode_aare(apdu, &a).is_ok());
  EXPECT_EQ(a.diagnostic, user_diagnostic::kAuthenticationRequired);
  EXPECT_TRUE(a.authentication_functional_unit);
  EXPECT_EQ(a.mechanism, Mechanism::kHighGmac);
  EXPECT_EQ(text(a.authentication_value), "P6wRJ21F");
  EXPECT_TRUE(a.responding_ap_title.empty());
  Out o;
  encode_aare(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(apdu));
}

TEST(Aare, RespondingApTitleAndProviderDiagnostic) {
  // By hand from the ACSE ASN.1: responding-AP-title [4] holding an OCTET STRING (the server
  // system title), and an acse-service-provider [2] diagnostic.
  Aare a = accepted_aare({});
  a.has_user_information = false;
  a.result = AssociationResult::kRejectedTransient;
  a.diagnostic_source = DiagnosticSource::kAcseServiceProvider;
  a.diagnostic = provider_diagnostic::kNoCommonAcseVersion;
  const std::vector<std::uint8_t> title = hex("51 55 41 00 00 00 00 01");
  a.responding_ap_title = title;
  Out o;
  encode_aare(o.w, a);
  EXPECT_EQ(to_hex(o.w.bytes()),
            "61 23 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 02 A3 05 A2 03 02 01 02 "
            "A4 0A 04 08 51 55 41 00 00 00 00 01");
  Aare back;
  ASSERT_TRUE(decode_aare(o.w.bytes(), &back).is_ok());
  EXPECT_EQ(back.diagnostic_source, DiagnosticSource::kAcseServiceProvider);
  EXPECT_EQ(to_hex(back.responding_ap_title), to_hex(title));
}

TEST(Aare, MalformedInputsGiveTheExactError) {
  struct Case {
    const char* bytes;
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {"61 0B A1 09 06 07 60 85 74 05 08 01 01", "aare.result", kReasonBadValue},  // no result
      {"61 10 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00", "aare.result_source_diagnostic", kReasonBadValue},
      {"61 10 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 03", "aare.result", kReasonBadValue},
      {"61 11 A1 09 06 07 60 85 74 05 08 01 01 A2 04 02 02 00 00", "aare.result", kReasonBadLength},
      {"61 17 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 05 A3 03 02 01 00", "aare.result_source_diagnostic",
       kReasonUnknownTag},
      {"61 18 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 06 A1 03 02 01 00 00",
       "aare.result_source_diagnostic", kReasonBadLength},
  };
  for (const Case& c : cases) {
    const std::vector<std::uint8_t> apdu = hex(c.bytes);
    Aare a;
    const Status s = decode_aare(apdu, &a);
    EXPECT_STREQ(s.field(), c.field) << c.bytes;
    EXPECT_STREQ(s.reason(), c.reason) << c.bytes;
  }
}

// ---- RLRQ / RLRE: pwitab/dlms-cosem tests/test_asce/test_rlrq.py and test_rlre.py ----

TEST(Release, RequestAndResponse) {
  const std::vector<std::uint8_t> rlrq = hex("62 03 80 01 00");
  Release r;
  ASSERT_TRUE(decode_rlrq(rlrq, &r).is_ok());
  EXPECT_TRUE(r.has_reason);
  EXPECT_EQ(r.reason, 0);
  EXPECT_FALSE(r.has_user_information);
  Out o;
  encode_rlrq(o.w, r);
  EXPECT_EQ(to_hex(o.w.bytes()), to_hex(rlrq));

  const std::vector<std::uint8_t> ciphered = hex(
      "6239800100be34043221303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB"
      "8E356855");
  ASSERT_TRUE(decode_rlrq(ciphered, &r).is_ok());
  EXPECT_EQ(r.user_information.size(), 0x32u);
  Out c;
  encode_rlrq(c.w, r);
  EXPECT_EQ(to_hex(c.w.bytes()), to_hex(ciphered));

  const std::vector<std::uint8_t> rlre = hex("63 03 80 01 00");
  ASSERT_TRUE(decode_rlre(rlre, &r).is_ok());
  Out e;
  encode_rlre(e.w, r);
  EXPECT_EQ(to_hex(e.w.bytes()), to_hex(rlre));

  const std::vector<std::uint8_t> with_ir =
      hex("63 16 80 01 00 BE 11 04 0F 08 01 00 06 5F 1F 04 00 00 1E 1D 04 C8 00 07");
  ASSERT_TRUE(decode_rlre(with_ir, &r).is_ok());
  InitiateResponse ir;
  ASSERT_TRUE(decode_initiate_response(r.user_information, &ir).is_ok());
  Out w;
  encode_rlre(w.w, r);
  EXPECT_EQ(to_hex(w.w.bytes()), to_hex(with_ir));

  const std::vector<std::uint8_t> ciphered_re =
      hex("6328800100BE230421281F3001234567891214A0845E475714383F65BC19745CA235906525E4F3E1C893");
  ASSERT_TRUE(decode_rlre(ciphered_re, &r).is_ok());
  EXPECT_EQ(r.user_information[0], apdu_tag::kGloInitiateResponse);

  // An empty RLRE (every field is optional) and errors.
  ASSERT_TRUE(decode_rlre(hex("63 00"), &r).is_ok());
  EXPECT_FALSE(r.has_reason);
  EXPECT_STREQ(decode_rlre(hex("62 03 80 01 00"), &r).reason(), kReasonUnknownTag);
  EXPECT_STREQ(decode_rlrq(hex("62 04 80 02 00 00"), &r).field(), "rlrq.reason");
  EXPECT_STREQ(decode_rlrq(hex("62 03 80 01"), &r).reason(), kReasonTruncated);
}

}  // namespace
}  // namespace quadra::dlms
