#include "core/security/hls_gmac.h"

#include <array>
#include <cstring>

namespace quadra::security {
namespace {

constexpr const char* kField = "security.hls_gmac";

bool challenge_size_ok(std::size_t n) { return n >= kMinChallengeSize && n <= kMaxChallengeSize; }

Status tag_of(const Key128& ek, const Key128& ak, const SystemTitle& title, std::uint32_t ic,
              std::span<const std::uint8_t> challenge, std::span<std::uint8_t> tag) {
  std::array<std::uint8_t, 1 + kKeySize> sc_ak{};
  sc_ak[0] = kHlsGmacSecurityControl;
  std::memcpy(sc_ak.data() + 1, ak.data(), kKeySize);
  return gmac(ek, make_iv(title, ic), Aad(sc_ak, challenge), tag);
}

}  // namespace

Status hls_gmac_response(const Key128& encryption_key, const Key128& authentication_key, const SystemTitle& own_title,
                         std::uint32_t invocation_counter, std::span<const std::uint8_t> challenge,
                         std::span<std::uint8_t, kHlsGmacResponseSize> out) {
  if (!challenge_size_ok(challenge.size())) return Status::invalid(kField, "challenge must be 8..64 bytes");
  out[0] = kHlsGmacSecurityControl;
  out[1] = static_cast<std::uint8_t>(invocation_counter >> 24);
  out[2] = static_cast<std::uint8_t>(invocation_counter >> 16);
  out[3] = static_cast<std::uint8_t>(invocation_counter >> 8);
  out[4] = static_cast<std::uint8_t>(invocation_counter);
  return tag_of(encryption_key, authentication_key, own_title, invocation_counter, challenge,
                std::span<std::uint8_t>(out).subspan(5));
}

Status hls_gmac_verify(const Key128& encryption_key, const Key128& authentication_key, const SystemTitle& peer_title,
                       std::span<const std::uint8_t> challenge, std::span<const std::uint8_t> received,
                       std::uint32_t* peer_invocation_counter) {
  if (!challenge_size_ok(challenge.size())) return Status::invalid(kField, "challenge must be 8..64 bytes");
  if (received.size() != kHlsGmacResponseSize)
    return Status::error(StatusCode::kCorruption, kField, "f(challenge) must be 17 bytes (SC, IC, 12-byte tag)");
  if (received[0] != kHlsGmacSecurityControl)
    return Status::error(StatusCode::kCorruption, kField, "f(challenge) security control must be 0x10");
  const std::uint32_t ic = (static_cast<std::uint32_t>(received[1]) << 24) | (static_cast<std::uint32_t>(received[2]) << 16) |
                           (static_cast<std::uint32_t>(received[3]) << 8) | received[4];
  std::array<std::uint8_t, kSuite0TagSize> expected{};
  Status s = tag_of(encryption_key, authentication_key, peer_title, ic, challenge, expected);
  if (!s.is_ok()) return s;
  if (!constant_time_equal(expected, received.subspan(5)))
    return Status::error(StatusCode::kCorruption, kField, "the peer's f(challenge) does not verify");
  *peer_invocation_counter = ic;
  return Status::ok();
}

}  // namespace quadra::security
