// Ciphered xDLMS APDUs with security suite 0 (IEC 62056-5-3 / DLMS UA Green Book, "Protection of
// xDLMS APDUs"): turning a plain APDU into its glo-, ded- or general-glo/ded-ciphering form and
// back.
//
// Service-specific ciphering (the tag names the service and the key):
//   tag  length  SC  IC(4)  information
// general-glo-ciphering (0xDB) / general-ded-ciphering (0xDC) (the sender's system title inside):
//   tag  08 system-title(8)  length  SC  IC(4)  information
// where information = C || T (SC 0x30), P || T (SC 0x10), C (SC 0x20); T is 12 bytes; lengths are
// A-XDR lengths (1 byte below 128, else 0x81 n or 0x82 hi lo). glo- APDUs use the global unicast
// key (or the broadcast key when SC bit 6 is set), ded- APDUs the association's dedicated key.
// IV = sender's system title || IC; AAD = SC || AK (|| P when authentication only).
//
// Nothing here allocates; plaintext and ciphertext live in caller spans. The invocation counter
// is the caller's: protect() takes the next one, unprotect() hands the received one to an
// optional InvocationCounterGuard.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"
#include "core/security/aes_gcm.h"
#include "core/security/invocation_counter.h"
#include "core/security/security_header.h"

namespace quadra::security {

// xDLMS tags (IEC 62056-5-3, the xDLMS APDU ASN.1): plain and their ciphered forms.
namespace tag {
inline constexpr std::uint8_t kInitiateRequest = 0x01;
inline constexpr std::uint8_t kInitiateResponse = 0x08;
inline constexpr std::uint8_t kConfirmedServiceError = 0x0E;
inline constexpr std::uint8_t kGetRequest = 0xC0;
inline constexpr std::uint8_t kSetRequest = 0xC1;
inline constexpr std::uint8_t kEventNotificationRequest = 0xC2;
inline constexpr std::uint8_t kActionRequest = 0xC3;
inline constexpr std::uint8_t kGetResponse = 0xC4;
inline constexpr std::uint8_t kSetResponse = 0xC5;
inline constexpr std::uint8_t kActionResponse = 0xC7;

inline constexpr std::uint8_t kGloInitiateRequest = 0x21;         // [33]
inline constexpr std::uint8_t kGloInitiateResponse = 0x28;        // [40]
inline constexpr std::uint8_t kGloConfirmedServiceError = 0x2E;   // [46]
inline constexpr std::uint8_t kGloGetRequest = 0xC8;              // [200]
inline constexpr std::uint8_t kGloSetRequest = 0xC9;              // [201]
inline constexpr std::uint8_t kGloEventNotificationRequest = 0xCA;  // [202]
inline constexpr std::uint8_t kGloActionRequest = 0xCB;           // [203]
inline constexpr std::uint8_t kGloGetResponse = 0xCC;             // [204]
inline constexpr std::uint8_t kGloSetResponse = 0xCD;             // [205]
inline constexpr std::uint8_t kGloActionResponse = 0xCF;          // [207]
inline constexpr std::uint8_t kDedGetRequest = 0xD0;              // [208]
inline constexpr std::uint8_t kDedSetRequest = 0xD1;              // [209]
inline constexpr std::uint8_t kDedEventNotificationRequest = 0xD2;  // [210]
inline constexpr std::uint8_t kDedActionRequest = 0xD3;           // [211]
inline constexpr std::uint8_t kDedGetResponse = 0xD4;             // [212]
inline constexpr std::uint8_t kDedSetResponse = 0xD5;             // [213]
inline constexpr std::uint8_t kDedActionResponse = 0xD7;          // [215]
inline constexpr std::uint8_t kGeneralGloCiphering = 0xDB;        // [219]
inline constexpr std::uint8_t kGeneralDedCiphering = 0xDC;        // [220]
}  // namespace tag

enum class KeyKind : std::uint8_t {
  kGlobal,     // global unicast encryption key (or broadcast, by SC bit 6)
  kDedicated,  // the dedicated key of the current association
};

// The glo- or ded- tag of a plain APDU tag; 0 when that service has no such form (ded- exists
// for get/set/action/event-notification only; initiate and confirmed-service-error are glo- only).
std::uint8_t ciphered_tag_for(std::uint8_t plain_tag, KeyKind kind);
// The plain tag behind a service-specific glo-/ded- tag and the key it uses; false for any other
// tag (general-glo/ded-ciphering included: their content may be any APDU).
bool plain_tag_for(std::uint8_t ciphered_tag, std::uint8_t* plain_tag, KeyKind* kind);

// The largest header protect() adds before the plaintext-sized part: general-*-ciphering with a
// 3-byte length (1 + 1 + 8 + 3) plus SC and IC; the tag adds kSuite0TagSize at the end.
inline constexpr std::size_t kMaxProtectOverhead = 13 + kSecurityHeaderSize + kSuite0TagSize;

struct ProtectParams {
  KeyKind key_kind = KeyKind::kGlobal;
  bool general_ciphering = false;  // general-glo/ded-ciphering (0xDB/0xDC) instead of glo-/ded-
  SecurityControl security_control{0, true, true, false, false};
  std::uint32_t invocation_counter = 0;
  SystemTitle system_title{};  // the sender's
  Key128 encryption_key{};     // the key key_kind and security_control select
  Key128 authentication_key{};
};

// Ciphers `plain` (a complete plain xDLMS APDU, tag first) into `out` and sets *written.
// Errors: kInvalidArgument (empty APDU, unsupported security control, a tag with no ciphered
// form), kCapacity "security.apdu: output buffer too small" (nothing useful in `out`).
// `out` must not overlap `plain`.
Status protect(const ProtectParams& params, std::span<const std::uint8_t> plain, std::span<std::uint8_t> out,
               std::size_t* written);

// A ciphered APDU taken apart, nothing decrypted: views into the input bytes.
struct CipheredApdu {
  std::uint8_t tag = 0;
  bool general_ciphering = false;
  KeyKind key_kind = KeyKind::kGlobal;
  std::uint8_t expected_plain_tag = 0;  // 0 for general-*-ciphering
  bool has_system_title = false;        // general-*-ciphering with a non-empty system title
  SystemTitle system_title{};
  SecurityControl security_control{};
  std::uint8_t security_control_byte = 0;
  std::uint32_t invocation_counter = 0;
  std::span<const std::uint8_t> information;  // C || T, P || T or C
};

// Refuses (kCorruption) a truncated APDU, a length that disagrees with the bytes, a bad length
// encoding or a system title that is neither empty nor 8 bytes; kNotSupported for a tag that is
// not a ciphered APDU. The security control is decoded but not judged here.
Status parse_ciphered_apdu(std::span<const std::uint8_t> apdu, CipheredApdu* out);

// The keys a receiver may need; null pointers are keys it does not have.
struct ReceiveKeys {
  const Key128* global_unicast = nullptr;
  const Key128* global_broadcast = nullptr;
  const Key128* dedicated = nullptr;
  Key128 authentication{};
};

// Why unprotect() refused, for the caller's logs and events (kReplay is event 50).
enum class Rejection : std::uint8_t {
  kNone,
  kMalformed,         // framing broken (see parse_ciphered_apdu)
  kNotCiphered,       // not a ciphered tag
  kUnsupported,       // suite other than 0, compression, neither A nor E, ded- with broadcast
  kNoKey,             // the selected key is not available
  kReplay,            // invocation counter not greater than the last accepted
  kAuthentication,    // GCM tag mismatch
  kWrongContent,      // authentic, but the plain tag does not match the glo-/ded- tag
  kOutputTooSmall,
};

struct Unprotected {
  CipheredApdu apdu;
  std::size_t plain_size = 0;
  Rejection rejection = Rejection::kNone;
};

// Deciphers `apdu` into `plain_out` (plain_size bytes). `peer_system_title` is the sender's
// system title known from the association; general-*-ciphering carrying its own title uses that.
// If `guard` is given the counter is checked before and accepted after authentication (an
// encryption-only APDU is accepted after decryption: it has no authentication to wait for).
// On any refusal nothing is accepted by the guard and no plaintext is left in `plain_out`.
// `plain_out` must not overlap `apdu`.
Status unprotect(std::span<const std::uint8_t> apdu, const ReceiveKeys& keys, const SystemTitle& peer_system_title,
                 InvocationCounterGuard* guard, std::span<std::uint8_t> plain_out, Unprotected* out);

}  // namespace quadra::security
