#include "core/security/aes_gcm.h"

#include <mbedtls/aes.h>

#include <cstring>

namespace quadra::security {
namespace {

constexpr std::size_t kBlock = 16;
using Block = std::array<std::uint8_t, kBlock>;

std::uint64_t load_be64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

void store_be64(std::uint64_t v, std::uint8_t* p) {
  for (int i = 7; i >= 0; --i) {
    p[i] = static_cast<std::uint8_t>(v & 0xFF);
    v >>= 8;
  }
}

// One GCM computation: the AES key schedule, the hash subkey H, the running GHASH value and
// the counter. Lives on the stack of one call; the destructor wipes the key material.
class Gcm {
 public:
  Gcm(const Key128& key, const Iv96& iv) {
    mbedtls_aes_init(&aes_);
    (void)mbedtls_aes_setkey_enc(&aes_, key.data(), 128);
    Block zero{};
    Block h{};
    encrypt_block(zero, h);
    h_hi_ = load_be64(h.data());
    h_lo_ = load_be64(h.data() + 8);
    // 96-bit IV: J0 = IV || 0^31 || 1 (SP 800-38D section 7.1, step 2).
    std::memcpy(j0_.data(), iv.data(), kIvSize);
    j0_[12] = 0;
    j0_[13] = 0;
    j0_[14] = 0;
    j0_[15] = 1;
    counter_ = j0_;
  }
  ~Gcm() {
    mbedtls_aes_free(&aes_);
    volatile std::uint64_t* h = &h_hi_;
    *h = 0;
    h = &h_lo_;
    *h = 0;
  }
  Gcm(const Gcm&) = delete;
  Gcm& operator=(const Gcm&) = delete;

  // GHASH over `data`, zero-padded to whole blocks (as for A and for C).
  void hash_padded(std::span<const std::uint8_t> data) {
    std::size_t i = 0;
    while (i < data.size()) {
      Block b{};
      const std::size_t n = (data.size() - i < kBlock) ? data.size() - i : kBlock;
      std::memcpy(b.data(), data.data() + i, n);
      hash_block(b);
      i += n;
    }
  }

  // GHASH over the pieces of the AAD as one string, zero-padded at its end only.
  void hash_aad(const Aad& aad) {
    Block b{};
    std::size_t fill = 0;
    for (const auto& part : aad.parts) {
      for (const std::uint8_t byte : part) {
        b[fill++] = byte;
        if (fill == kBlock) {
          hash_block(b);
          fill = 0;
        }
      }
    }
    if (fill != 0) {
      for (std::size_t k = fill; k < kBlock; ++k) b[k] = 0;
      hash_block(b);
    }
  }

  // GCTR from inc32(J0) over `in` into `out` (same size; may be the same buffer).
  void ctr(std::span<const std::uint8_t> in, std::span<std::uint8_t> out) {
    std::size_t i = 0;
    while (i < in.size()) {
      increment32(counter_);
      Block ks{};
      encrypt_block(counter_, ks);
      const std::size_t n = (in.size() - i < kBlock) ? in.size() - i : kBlock;
      for (std::size_t k = 0; k < n; ++k) out[i + k] = static_cast<std::uint8_t>(in[i + k] ^ ks[k]);
      i += n;
    }
  }

  // The full tag: GHASH of len(A) || len(C) closes the hash, then E(K, J0) XOR S.
  Block finish(std::size_t aad_bytes, std::size_t cipher_bytes) {
    Block lengths{};
    store_be64(static_cast<std::uint64_t>(aad_bytes) * 8, lengths.data());
    store_be64(static_cast<std::uint64_t>(cipher_bytes) * 8, lengths.data() + 8);
    hash_block(lengths);
    Block s{};
    store_be64(x_hi_, s.data());
    store_be64(x_lo_, s.data() + 8);
    Block ej0{};
    encrypt_block(j0_, ej0);
    for (std::size_t k = 0; k < kBlock; ++k) s[k] = static_cast<std::uint8_t>(s[k] ^ ej0[k]);
    return s;
  }

 private:
  void encrypt_block(const Block& in, Block& out) {
    (void)mbedtls_aes_crypt_ecb(&aes_, MBEDTLS_AES_ENCRYPT, in.data(), out.data());
  }

  static void increment32(Block& b) {
    for (int k = 15; k >= 12; --k) {
      b[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(b[static_cast<std::size_t>(k)] + 1);
      if (b[static_cast<std::size_t>(k)] != 0) break;
    }
  }

  // X = (X xor B) * H in GF(2^128), SP 800-38D Algorithm 1 (bit 0 is the most significant bit
  // of the first byte). Branch-free in the data.
  void hash_block(const Block& b) {
    const std::uint64_t xh = x_hi_ ^ load_be64(b.data());
    const std::uint64_t xl = x_lo_ ^ load_be64(b.data() + 8);
    std::uint64_t zh = 0;
    std::uint64_t zl = 0;
    std::uint64_t vh = h_hi_;
    std::uint64_t vl = h_lo_;
    for (int i = 0; i < 128; ++i) {
      const std::uint64_t bit = (i < 64) ? (xh >> (63 - i)) & 1U : (xl >> (127 - i)) & 1U;
      const std::uint64_t mask = 0 - bit;
      zh ^= vh & mask;
      zl ^= vl & mask;
      const std::uint64_t lsb = vl & 1U;
      vl = (vl >> 1) | (vh << 63);
      vh = (vh >> 1) ^ (0xE100000000000000ULL & (0 - lsb));
    }
    x_hi_ = zh;
    x_lo_ = zl;
  }

  mbedtls_aes_context aes_;
  std::uint64_t h_hi_ = 0;
  std::uint64_t h_lo_ = 0;
  std::uint64_t x_hi_ = 0;
  std::uint64_t x_lo_ = 0;
  Block j0_{};
  Block counter_{};
};

bool tag_size_ok(std::size_t n) { return n >= 4 && n <= kMaxTagSize; }

}  // namespace

bool constant_time_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
  if (a.size() != b.size()) return false;
  std::uint8_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff = static_cast<std::uint8_t>(diff | (a[i] ^ b[i]));
  return diff == 0;
}

Status gcm_encrypt(const Key128& key, const Iv96& iv, const Aad& aad,
                   std::span<const std::uint8_t> plain, std::span<std::uint8_t> cipher,
                   std::span<std::uint8_t> tag) {
  if (cipher.size() != plain.size()) return Status::invalid("security.gcm", "ciphertext buffer must match the plaintext size");
  if (!tag_size_ok(tag.size())) return Status::invalid("security.gcm", "tag size must be 4..16 bytes");
  Gcm gcm(key, iv);
  gcm.hash_aad(aad);
  gcm.ctr(plain, cipher);
  gcm.hash_padded(cipher);
  const auto full = gcm.finish(aad.size(), cipher.size());
  std::memcpy(tag.data(), full.data(), tag.size());
  return Status::ok();
}

Status gcm_decrypt(const Key128& key, const Iv96& iv, const Aad& aad,
                   std::span<const std::uint8_t> cipher, std::span<const std::uint8_t> tag,
                   std::span<std::uint8_t> plain) {
  if (cipher.size() != plain.size()) return Status::invalid("security.gcm", "plaintext buffer must match the ciphertext size");
  if (!tag_size_ok(tag.size())) return Status::invalid("security.gcm", "tag size must be 4..16 bytes");
  Gcm gcm(key, iv);
  gcm.hash_aad(aad);
  gcm.hash_padded(cipher);
  const auto full = gcm.finish(aad.size(), cipher.size());
  if (!constant_time_equal(std::span<const std::uint8_t>(full.data(), tag.size()), tag)) {
    if (!plain.empty() && plain.data() != cipher.data()) std::memset(plain.data(), 0, plain.size());
    return Status::error(StatusCode::kCorruption, "security.gcm", "authentication tag mismatch");
  }
  gcm.ctr(cipher, plain);
  return Status::ok();
}

Status gcm_crypt_unauthenticated(const Key128& key, const Iv96& iv, std::span<const std::uint8_t> in,
                                 std::span<std::uint8_t> out) {
  if (in.size() != out.size()) return Status::invalid("security.gcm", "output buffer must match the input size");
  Gcm gcm(key, iv);
  gcm.ctr(in, out);
  return Status::ok();
}

Status gmac(const Key128& key, const Iv96& iv, const Aad& aad, std::span<std::uint8_t> tag) {
  if (!tag_size_ok(tag.size())) return Status::invalid("security.gcm", "tag size must be 4..16 bytes");
  Gcm gcm(key, iv);
  gcm.hash_aad(aad);
  const auto full = gcm.finish(aad.size(), 0);
  std::memcpy(tag.data(), full.data(), tag.size());
  return Status::ok();
}

}  // namespace quadra::security
