// AES-GCM with a 128-bit key (NIST SP 800-38D), as DLMS security suite 0 uses it: a 96-bit IV
// (system title || invocation counter) and a tag truncated to 12 bytes. Also GMAC, the
// authentication-only form (no plaintext, everything in the additional authenticated data).
//
// The mode is built here on mbedtls' AES block function (mbedtls/aes.h) rather than on
// mbedtls_gcm: the AES context lives on the stack, so no call ever touches the heap, which
// mbedtls_gcm_setkey would (it allocates a cipher context per key). Each call expands the key
// again (a few hundred cycles); keys change per association, so nothing is cached.
//
// All functions work over caller spans and never allocate. `cipher` and `plain` may be the same
// buffer (in-place), but must not otherwise overlap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"

namespace quadra::security {

inline constexpr std::size_t kKeySize = 16;     // AES-128
inline constexpr std::size_t kIvSize = 12;      // 96-bit IV, the only size suite 0 uses
inline constexpr std::size_t kMaxTagSize = 16;  // GCM's full tag
inline constexpr std::size_t kSuite0TagSize = 12;

using Key128 = std::array<std::uint8_t, kKeySize>;
using Iv96 = std::array<std::uint8_t, kIvSize>;

// Additional authenticated data in up to three pieces that GCM sees as one string (DLMS builds
// it as SC || AK || information without copying the pieces together).
struct Aad {
  std::array<std::span<const std::uint8_t>, 3> parts{};
  constexpr Aad() = default;
  constexpr Aad(std::span<const std::uint8_t> a) : parts{a, {}, {}} {}  // NOLINT: implicit on purpose
  constexpr Aad(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b,
                std::span<const std::uint8_t> c = {})
      : parts{a, b, c} {}
  constexpr std::size_t size() const { return parts[0].size() + parts[1].size() + parts[2].size(); }
};

// Encrypts `plain` into `cipher` (same size) and writes the first tag.size() bytes of the tag.
// Preconditions checked (else kInvalidArgument): cipher.size() == plain.size(); 4 <= tag.size() <= 16.
Status gcm_encrypt(const Key128& key, const Iv96& iv, const Aad& aad,
                   std::span<const std::uint8_t> plain, std::span<std::uint8_t> cipher,
                   std::span<std::uint8_t> tag);

// Checks the tag over `aad` and `cipher` (compared in constant time), then decrypts into `plain`
// (same size). A mismatch is kCorruption "security.gcm: authentication tag mismatch" and leaves
// `plain` zeroed (or untouched when it is the ciphertext buffer itself): no unauthenticated
// plaintext byte is ever handed out.
Status gcm_decrypt(const Key128& key, const Iv96& iv, const Aad& aad,
                   std::span<const std::uint8_t> cipher, std::span<const std::uint8_t> tag,
                   std::span<std::uint8_t> plain);

// GCM's counter mode without a tag (DLMS "encryption only", security control 0x20): the same
// call encrypts and decrypts. Precondition checked: out.size() == in.size().
Status gcm_crypt_unauthenticated(const Key128& key, const Iv96& iv, std::span<const std::uint8_t> in,
                                 std::span<std::uint8_t> out);

// GMAC: the GCM tag of `aad` with empty plaintext; writes tag.size() (4..16) bytes.
Status gmac(const Key128& key, const Iv96& iv, const Aad& aad, std::span<std::uint8_t> tag);

// Constant-time equality of two equally long byte strings (false if the sizes differ).
bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

}  // namespace quadra::security
