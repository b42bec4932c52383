// The association control APDUs of DLMS/COSEM (ISO/IEC 8650 ACSE as profiled by IEC 62056-5-3 /
// the Green Book), BER-encoded:
//
//   AARQ 60  protocol-version 80, application-context-name A1, called-AP-title A2,
//            called-AE-qualifier A3, calling-AP-title A6, calling-AE-qualifier A7,
//            sender-acse-requirements 8A, mechanism-name 8B, calling-authentication-value AC,
//            implementation-information 9D, user-information BE
//   AARE 61  protocol-version 80, application-context-name A1, result A2,
//            result-source-diagnostic A3, responding-AP-title A4, responder-acse-requirements 88,
//            mechanism-name 89, responding-authentication-value AA, user-information BE
//   RLRQ 62 / RLRE 63  reason 80, user-information BE
//
// Green Book example (LN referencing, no security):
//   60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0
//
// Decoded structures hold spans into the input. The user-information is exposed as the bytes
// of its OCTET STRING (an InitiateRequest/Response, a ConfirmedServiceError, or a ciphered APDU:
// decode it with initiate.h / errors.h, or hand it to the security layer). Decoders check every
// BER length against its content and the input; fields this codec does not use (AP/AE invocation
// identifiers, implementation-information, called-AE-qualifier) are length-checked and skipped.
// Encoders write the shortest BER lengths (a strict client checks every length octet).
#pragma once

#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"

namespace quadra::dlms {

// application-context-name 2.16.756.5.8.1.x (BER content 60 85 74 05 08 01 x).
enum class ApplicationContext : std::uint8_t {
  kUnknown = 0,  // any other object identifier
  kLogicalName = 1,
  kShortName = 2,
  kLogicalNameCiphered = 3,
  kShortNameCiphered = 4,
};

// mechanism-name 2.16.756.5.8.2.x (BER content 60 85 74 05 08 02 x).
enum class Mechanism : std::uint8_t {
  kLowest = 0,
  kLow = 1,         // LLS: password
  kHigh = 2,        // HLS, manufacturer specific
  kHighMd5 = 3,
  kHighSha1 = 4,
  kHighGmac = 5,
  kHighSha256 = 6,
  kHighEcdsa = 7,
  kUnknown = 0xFF,  // any other object identifier
};

// AARE result.
enum class AssociationResult : std::uint8_t { kAccepted = 0, kRejectedPermanent = 1, kRejectedTransient = 2 };

// result-source-diagnostic: which CHOICE, and its code.
enum class DiagnosticSource : std::uint8_t { kAcseServiceUser = 1, kAcseServiceProvider = 2 };
// Codes of acse-service-user.
namespace user_diagnostic {
inline constexpr std::uint8_t kNull = 0;
inline constexpr std::uint8_t kNoReasonGiven = 1;
inline constexpr std::uint8_t kApplicationContextNameNotSupported = 2;
inline constexpr std::uint8_t kCallingApTitleNotRecognized = 3;
inline constexpr std::uint8_t kCallingApInvocationIdentifierNotRecognized = 4;
inline constexpr std::uint8_t kCallingAeQualifierNotRecognized = 5;
inline constexpr std::uint8_t kCallingAeInvocationIdentifierNotRecognized = 6;
inline constexpr std::uint8_t kCalledApTitleNotRecognized = 7;
inline constexpr std::uint8_t kCalledApInvocationIdentifierNotRecognized = 8;
inline constexpr std::uint8_t kCalledAeQualifierNotRecognized = 9;
inline constexpr std::uint8_t kCalledAeInvocationIdentifierNotRecognized = 10;
inline constexpr std::uint8_t kAuthenticationMechanismNameNotRecognised = 11;
inline constexpr std::uint8_t kAuthenticationMechanismNameRequired = 12;
inline constexpr std::uint8_t kAuthenticationFailure = 13;
inline constexpr std::uint8_t kAuthenticationRequired = 14;
}  // namespace user_diagnostic
// Codes of acse-service-provider.
namespace provider_diagnostic {
inline constexpr std::uint8_t kNull = 0;
inline constexpr std::uint8_t kNoReasonGiven = 1;
inline constexpr std::uint8_t kNoCommonAcseVersion = 2;
}  // namespace provider_diagnostic

// Authentication-value CHOICE used: charstring [0] (GraphicString: LLS passwords, HLS challenges)
// or bitstring [1].
enum class AuthenticationValueKind : std::uint8_t { kCharString = 0, kBitString = 1 };

struct Aarq {
  bool has_protocol_version = false;
  std::span<const std::uint8_t> protocol_version;  // BIT STRING content (07 80 = version1)
  ApplicationContext application_context = ApplicationContext::kUnknown;
  std::span<const std::uint8_t> application_context_name;  // the OID content octets
  std::span<const std::uint8_t> called_ap_title;           // OCTET STRING content
  std::span<const std::uint8_t> calling_ap_title;          // the client system title
  std::span<const std::uint8_t> calling_ae_qualifier;      // OCTET STRING content
  // calling-AE-invocation-id [9]: the Green Book's user identification carries the user_id
  // (0..255, an Unsigned8 of the Association LN's user_list) in this INTEGER.
  bool has_calling_ae_invocation_id = false;
  std::uint8_t calling_ae_invocation_id = 0;
  bool authentication_functional_unit = false;  // sender-acse-requirements, bit 0
  bool has_mechanism = false;
  Mechanism mechanism = Mechanism::kUnknown;
  std::span<const std::uint8_t> mechanism_name;  // the OID content octets
  bool has_authentication_value = false;
  AuthenticationValueKind authentication_value_kind = AuthenticationValueKind::kCharString;
  std::span<const std::uint8_t> authentication_value;  // password or client challenge
  bool has_user_information = false;
  std::span<const std::uint8_t> user_information;  // the xDLMS APDU (InitiateRequest or ciphered)
};

struct Aare {
  ApplicationContext application_context = ApplicationContext::kLogicalName;
  std::span<const std::uint8_t> application_context_name;  // decode only; encode uses the enum
  AssociationResult result = AssociationResult::kAccepted;
  DiagnosticSource diagnostic_source = DiagnosticSource::kAcseServiceUser;
  std::uint8_t diagnostic = 0;
  std::span<const std::uint8_t> responding_ap_title;  // the server system title; empty = absent
  bool authentication_functional_unit = false;      // responder-acse-requirements, bit 0
  bool has_mechanism = false;
  Mechanism mechanism = Mechanism::kUnknown;
  std::span<const std::uint8_t> mechanism_name;  // decode only
  bool has_authentication_value = false;
  AuthenticationValueKind authentication_value_kind = AuthenticationValueKind::kCharString;
  std::span<const std::uint8_t> authentication_value;  // the server challenge (StoC)
  bool has_user_information = false;
  std::span<const std::uint8_t> user_information;  // InitiateResponse, ConfirmedServiceError, or ciphered
};

// RLRQ and RLRE have the same shape.
struct Release {
  bool has_reason = false;
  std::uint8_t reason = 0;  // RLRQ: 0 normal, 1 urgent, 30 user-defined; RLRE: 0 normal, 1 not-finished, 30 user-defined
  bool has_user_information = false;
  std::span<const std::uint8_t> user_information;
};

Status decode_aarq(std::span<const std::uint8_t> apdu, Aarq* out);
// Writes protocol-version only if has_protocol_version (then as 80 02 07 80), the
// application-context-name from application_context (precondition: not kUnknown), the other
// fields when present / non-empty, and 8A 02 07 80 when authentication_functional_unit
// (precondition: mechanism is not kUnknown when has_mechanism).
void encode_aarq(AxdrWriter& w, const Aarq& a);

Status decode_aare(std::span<const std::uint8_t> apdu, Aare* out);
// Writes application-context-name, result and result-source-diagnostic always, then the
// optional fields in ASN.1 order. Preconditions: application_context is not kUnknown, and
// mechanism is not kUnknown when has_mechanism (both are written from the enums).
void encode_aare(AxdrWriter& w, const Aare& a);

Status decode_rlrq(std::span<const std::uint8_t> apdu, Release* out);
void encode_rlrq(AxdrWriter& w, const Release& r);
Status decode_rlre(std::span<const std::uint8_t> apdu, Release* out);
void encode_rlre(AxdrWriter& w, const Release& r);

}  // namespace quadra::dlms
