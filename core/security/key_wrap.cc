#include "core/security/key_wrap.h"

#include <mbedtls/aes.h>

#include <array>
#include <cstring>

namespace quadra::security {
namespace {

constexpr const char* kField = "security.key_wrap";
constexpr std::array<std::uint8_t, 8> kDefaultIv = {0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6};

void xor_counter(std::uint8_t* a, std::uint64_t t) {
  for (int k = 7; k >= 0; --k) {
    a[k] = static_cast<std::uint8_t>(a[k] ^ (t & 0xFF));
    t >>= 8;
  }
}

class Aes {
 public:
  Aes(const Key128& key, bool decrypt) {
    mbedtls_aes_init(&ctx_);
    if (decrypt) {
      (void)mbedtls_aes_setkey_dec(&ctx_, key.data(), 128);
    } else {
      (void)mbedtls_aes_setkey_enc(&ctx_, key.data(), 128);
    }
    mode_ = decrypt ? MBEDTLS_AES_DECRYPT : MBEDTLS_AES_ENCRYPT;
  }
  ~Aes() { mbedtls_aes_free(&ctx_); }
  Aes(const Aes&) = delete;
  Aes& operator=(const Aes&) = delete;
  void block(const std::uint8_t* in, std::uint8_t* out) { (void)mbedtls_aes_crypt_ecb(&ctx_, mode_, in, out); }

 private:
  mbedtls_aes_context ctx_;
  int mode_ = MBEDTLS_AES_ENCRYPT;
};

}  // namespace

Status key_wrap(const Key128& kek, std::span<const std::uint8_t> key_data, std::span<std::uint8_t> out) {
  if (key_data.size() < 16 || key_data.size() % 8 != 0)
    return Status::invalid(kField, "key data must be a multiple of 8 bytes, at least 16");
  if (out.size() != key_data.size() + 8) return Status::invalid(kField, "output must be 8 bytes longer than the key data");
  const std::size_t n = key_data.size() / 8;
  std::array<std::uint8_t, 8> a = kDefaultIv;
  std::memcpy(out.data() + 8, key_data.data(), key_data.size());
  Aes aes(kek, false);
  std::array<std::uint8_t, 16> b{};
  for (std::size_t j = 0; j <= 5; ++j) {
    for (std::size_t i = 1; i <= n; ++i) {
      std::uint8_t* r = out.data() + 8 * i;
      std::memcpy(b.data(), a.data(), 8);
      std::memcpy(b.data() + 8, r, 8);
      aes.block(b.data(), b.data());
      std::memcpy(a.data(), b.data(), 8);
      xor_counter(a.data(), static_cast<std::uint64_t>(n * j + i));
      std::memcpy(r, b.data() + 8, 8);
    }
  }
  std::memcpy(out.data(), a.data(), 8);
  return Status::ok();
}

Status key_unwrap(const Key128& kek, std::span<const std::uint8_t> wrapped, std::span<std::uint8_t> out) {
  if (wrapped.size() < 24 || wrapped.size() % 8 != 0)
    return Status::invalid(kField, "wrapped data must be a multiple of 8 bytes, at least 24");
  if (out.size() != wrapped.size() - 8) return Status::invalid(kField, "output must be 8 bytes shorter than the wrapped data");
  const std::size_t n = out.size() / 8;
  std::array<std::uint8_t, 8> a{};
  std::memcpy(a.data(), wrapped.data(), 8);
  std::memcpy(out.data(), wrapped.data() + 8, out.size());
  Aes aes(kek, true);
  std::array<std::uint8_t, 16> b{};
  for (std::size_t jj = 6; jj-- > 0;) {
    for (std::size_t i = n; i >= 1; --i) {
      std::uint8_t* r = out.data() + 8 * (i - 1);
      std::memcpy(b.data(), a.data(), 8);
      xor_counter(b.data(), static_cast<std::uint64_t>(n * jj + i));
      std::memcpy(b.data() + 8, r, 8);
      aes.block(b.data(), b.data());
      std::memcpy(a.data(), b.data(), 8);
      std::memcpy(r, b.data() + 8, 8);
    }
  }
  if (!constant_time_equal(a, kDefaultIv)) {
    std::memset(out.data(), 0, out.size());
    return Status::error(StatusCode::kCorruption, kField, "integrity check failed (wrong KEK or altered data)");
  }
  return Status::ok();
}

Status unwrap_key128(const Key128& kek, std::span<const std::uint8_t> wrapped, Key128* key) {
  if (wrapped.size() != kWrappedKey128Size) return Status::invalid(kField, "a wrapped 128-bit key is 24 bytes");
  Key128 k{};
  Status s = key_unwrap(kek, wrapped, k);
  if (s.is_ok()) *key = k;
  return s;
}

}  // namespace quadra::security
