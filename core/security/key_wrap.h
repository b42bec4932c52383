// AES key wrap (RFC 3394, = NIST SP 800-38F "KW" with the default IV A6A6A6A6A6A6A6A6) with a
// 128-bit key-encryption key: how the Security setup object's global_key_transfer and
// key_agreement carry new keys, wrapped with the master key (KEK) (Blue Book, Security setup
// class_id 64, method 2; Green Book, "Key wrapping").
//
// Built on mbedtls' AES block function with the context on the stack: no heap, unlike
// mbedtls_nist_kw (which sets up a cipher context). Key data is n 64-bit blocks, n >= 2; the
// wrapped form is 8 bytes longer (a 128-bit key wraps to 24 bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"
#include "core/security/aes_gcm.h"

namespace quadra::security {

inline constexpr std::size_t kWrappedKey128Size = kKeySize + 8;  // 24

// key_id of the global_key_transfer key_data structure (Blue Book, Security setup, method 2).
enum class KeyId : std::uint8_t {
  kGlobalUnicastEncryption = 0,
  kGlobalBroadcastEncryption = 1,
  kAuthentication = 2,
  kMasterKek = 3,
};

// Wraps `key_data` (a multiple of 8 bytes, at least 16) into `out` (exactly key_data.size() + 8
// bytes). kInvalidArgument for other sizes. `out` must not overlap `key_data`.
Status key_wrap(const Key128& kek, std::span<const std::uint8_t> key_data, std::span<std::uint8_t> out);

// Unwraps `wrapped` (a multiple of 8 bytes, at least 24) into `out` (exactly wrapped.size() - 8
// bytes). A failed integrity check (wrong KEK, altered bytes) is kCorruption "security.key_wrap:
// integrity check failed (wrong KEK or altered data)" and leaves `out` zeroed.
Status key_unwrap(const Key128& kek, std::span<const std::uint8_t> wrapped, std::span<std::uint8_t> out);

// The global_key_transfer case: a 24-byte wrapped AES-128 key. On failure *key is unchanged.
Status unwrap_key128(const Key128& kek, std::span<const std::uint8_t> wrapped, Key128* key);

}  // namespace quadra::security
