// HLS authentication mechanism 5, GMAC (DLMS UA Green Book, "HLS authentication mechanisms";
// Table "HLS example using authentication-mechanism 5 with GMAC"). After the AARQ/AARE exchange
// of challenges (CtoS from the client, StoC from the server), each side proves it holds the keys
// by sending f() of the other side's challenge (pass 3: client f(StoC), pass 4: server f(CtoS)):
//
//   f(challenge) = SC || IC || GMAC(EK, IV = own system title || IC, AAD = SC || AK || challenge)
//
// with SC = 0x10 (suite 0, authentication only), IC the computing side's invocation counter
// (4 bytes, big-endian) and the GMAC tag truncated to 12 bytes: 17 bytes in all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"
#include "core/security/aes_gcm.h"
#include "core/security/security_header.h"

namespace quadra::security {

inline constexpr std::size_t kHlsGmacResponseSize = 1 + 4 + kSuite0TagSize;  // 17
inline constexpr std::uint8_t kHlsGmacSecurityControl = 0x10;
// The challenge lengths the Green Book allows (8 to 64 bytes).
inline constexpr std::size_t kMinChallengeSize = 8;
inline constexpr std::size_t kMaxChallengeSize = 64;

// Computes f(challenge) as the side whose system title is `own_title` and whose invocation
// counter is `invocation_counter` (the caller increments its counter after the call).
// kInvalidArgument for a challenge outside 8..64 bytes.
Status hls_gmac_response(const Key128& encryption_key, const Key128& authentication_key, const SystemTitle& own_title,
                         std::uint32_t invocation_counter, std::span<const std::uint8_t> challenge,
                         std::span<std::uint8_t, kHlsGmacResponseSize> out);

// Checks f(challenge) received from the peer (whose system title is `peer_title`) for the
// challenge we sent. kCorruption for a wrong size, a security control other than 0x10, or a tag
// mismatch ("security.hls_gmac: the peer's f(challenge) does not verify"); on success
// *peer_invocation_counter is the counter the peer used (for the caller's replay guard).
Status hls_gmac_verify(const Key128& encryption_key, const Key128& authentication_key, const SystemTitle& peer_title,
                       std::span<const std::uint8_t> challenge, std::span<const std::uint8_t> received,
                       std::uint32_t* peer_invocation_counter);

}  // namespace quadra::security
