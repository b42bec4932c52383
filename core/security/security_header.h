// The security header of a ciphered xDLMS APDU (IEC 62056-5-3 / DLMS UA Green Book, "Security
// header"): the security control byte SC followed by the 4-byte invocation counter IC.
//
//   SC bit 0..3  security suite id (0 = AES-GCM-128, the only one supported here)
//      bit 4     A: authenticated          bit 5  E: encrypted
//      bit 6     key set: 0 = unicast key, 1 = broadcast key
//      bit 7     compression (not supported)
//
// So 0x10 = authentication only, 0x20 = encryption only, 0x30 = both. The GCM inputs are built
// from it: IV = system title of the sender (8 bytes) || IC (big-endian), and the additional
// authenticated data AAD = SC || AK (authenticated encryption) or SC || AK || information
// (authentication only).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/security/aes_gcm.h"

namespace quadra::security {

inline constexpr std::size_t kSystemTitleSize = 8;
inline constexpr std::size_t kSecurityHeaderSize = 5;  // SC + IC
using SystemTitle = std::array<std::uint8_t, kSystemTitleSize>;

inline constexpr std::uint8_t kScSuiteMask = 0x0F;
inline constexpr std::uint8_t kScAuthenticated = 0x10;
inline constexpr std::uint8_t kScEncrypted = 0x20;
inline constexpr std::uint8_t kScBroadcastKey = 0x40;
inline constexpr std::uint8_t kScCompressed = 0x80;

struct SecurityControl {
  std::uint8_t suite = 0;
  bool authenticated = false;
  bool encrypted = false;
  bool broadcast_key = false;
  bool compressed = false;

  static constexpr SecurityControl from_byte(std::uint8_t b) {
    return {static_cast<std::uint8_t>(b & kScSuiteMask), (b & kScAuthenticated) != 0, (b & kScEncrypted) != 0,
            (b & kScBroadcastKey) != 0, (b & kScCompressed) != 0};
  }
  constexpr std::uint8_t to_byte() const {
    return static_cast<std::uint8_t>((suite & kScSuiteMask) | (authenticated ? kScAuthenticated : 0) |
                                     (encrypted ? kScEncrypted : 0) | (broadcast_key ? kScBroadcastKey : 0) |
                                     (compressed ? kScCompressed : 0));
  }
  // Suite 0 with authentication and/or encryption, without compression: what this code does.
  constexpr bool supported() const { return suite == 0 && !compressed && (authenticated || encrypted); }
  friend constexpr bool operator==(const SecurityControl&, const SecurityControl&) = default;
};

// IV = system title || invocation counter (big-endian).
constexpr Iv96 make_iv(const SystemTitle& title, std::uint32_t invocation_counter) {
  Iv96 iv{};
  for (std::size_t i = 0; i < kSystemTitleSize; ++i) iv[i] = title[i];
  iv[8] = static_cast<std::uint8_t>(invocation_counter >> 24);
  iv[9] = static_cast<std::uint8_t>(invocation_counter >> 16);
  iv[10] = static_cast<std::uint8_t>(invocation_counter >> 8);
  iv[11] = static_cast<std::uint8_t>(invocation_counter);
  return iv;
}

}  // namespace quadra::security
