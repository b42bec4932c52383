#include "core/security/aes_gcm.h"

#include <gtest/gtest.h>
#include <mbedtls/gcm.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace quadra::security {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& s) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
  return out;
}
Key128 key_of(const std::string& s) {
  Key128 k{};
  const Bytes b = hex(s);
  std::copy(b.begin(), b.end(), k.begin());
  return k;
}
Iv96 iv_of(const std::string& s) {
  Iv96 v{};
  const Bytes b = hex(s);
  std::copy(b.begin(), b.end(), v.begin());
  return v;
}

// The AES-128 test cases of McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)"
// (revised 2005, appendix B), the vectors NIST points to for SP 800-38D. Test cases 1-4 have a
// 96-bit IV; case 4 has AAD and a plaintext that ends in a partial block.
struct Case {
  const char* name;
  const char* key;
  const char* iv;
  const char* plain;
  const char* aad;
  const char* cipher;
  const char* tag;
};
const Case kCases[] = {
    {"TestCase1", "00000000000000000000000000000000", "000000000000000000000000", "", "", "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {"TestCase2", "00000000000000000000000000000000", "000000000000000000000000", "00000000000000000000000000000000", "",
     "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
    {"TestCase3", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
     "", "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {"TestCase4", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
};

TEST(AesGcm, McGrewViegaTestCasesEncryptByteForByte) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const Bytes plain = hex(c.plain);
    const Bytes aad = hex(c.aad);
    Bytes cipher(plain.size());
    Bytes tag(16);
    ASSERT_TRUE(gcm_encrypt(key_of(c.key), iv_of(c.iv), std::span<const std::uint8_t>(aad), plain, cipher, tag).is_ok());
    EXPECT_EQ(cipher, hex(c.cipher));
    EXPECT_EQ(tag, hex(c.tag));
  }
}

TEST(AesGcm, McGrewViegaTestCasesDecryptAndTruncatedTags) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const Bytes cipher = hex(c.cipher);
    const Bytes aad = hex(c.aad);
    const Bytes tag = hex(c.tag);
    Bytes plain(cipher.size());
    ASSERT_TRUE(gcm_decrypt(key_of(c.key), iv_of(c.iv), std::span<const std::uint8_t>(aad), cipher, tag, plain).is_ok());
    EXPECT_EQ(plain, hex(c.plain));
    // DLMS suite 0 sends the first 12 bytes of the tag (SP 800-38D section 5.2.1.2 allows 96 bits).
    const Bytes tag12(tag.begin(), tag.begin() + 12);
    ASSERT_TRUE(gcm_decrypt(key_of(c.key), iv_of(c.iv), std::span<const std::uint8_t>(aad), cipher, tag12, plain).is_ok());
    EXPECT_EQ(plain, hex(c.plain));
  }
}

TEST(AesGcm, AnyFlippedBitIsAnAuthenticationFailureAndNoPlaintextLeaks) {
  const Case& c = kCases[3];
  const Bytes cipher = hex(c.cipher);
  const Bytes aad = hex(c.aad);
  const Bytes tag = hex(c.tag);
  for (std::size_t where = 0; where < cipher.size() + aad.size() + tag.size(); where += 7) {
    Bytes cx = cipher, ax = aad, tx = tag;
    if (where < cx.size()) {
      cx[where] ^= 0x01;
    } else if (where < cx.size() + ax.size()) {
      ax[where - cx.size()] ^= 0x80;
    } else {
      tx[where - cx.size() - ax.size()] ^= 0x10;
    }
    Bytes plain(cx.size(), 0xAA);
    const Status s = gcm_decrypt(key_of(c.key), iv_of(c.iv), std::span<const std::uint8_t>(ax), cx, tx, plain);
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << where;
    EXPECT_STREQ(s.reason(), "authentication tag mismatch");
    EXPECT_EQ(plain, Bytes(cx.size(), 0x00));
  }
}

TEST(AesGcm, InPlaceEncryptionAndDecryption) {
  const Case& c = kCases[3];
  Bytes buf = hex(c.plain);
  const Bytes aad = hex(c.aad);
  Bytes tag(16);
  ASSERT_TRUE(gcm_encrypt(key_of(c.key), iv_of(c.iv), std::span<const std::uint8_t>(aad), buf, buf, tag).is_ok());
  EXPECT_EQ(buf, hex(c.cipher));
  ASSERT_TRUE(gcm_decrypt(key_of(c.key), iv_of(c.iv), std::span<const std::uint8_t>(aad), buf, tag, buf).is_ok());
  EXPECT_EQ(buf, hex(c.plain));
}

TEST(AesGcm, AadInPiecesEqualsAadInOne) {
  const Case& c = kCases[3];
  const Bytes aad = hex(c.aad);  // 20 bytes, split across the block boundary
  const std::span<const std::uint8_t> all(aad);
  Bytes t1(16), t2(16);
  ASSERT_TRUE(gmac(key_of(c.key), iv_of(c.iv), Aad(all), t1).is_ok());
  ASSERT_TRUE(gmac(key_of(c.key), iv_of(c.iv), Aad(all.first(3), all.subspan(3, 14), all.subspan(17)), t2).is_ok());
  EXPECT_EQ(t1, t2);
}

TEST(AesGcm, RefusesBadSizes) {
  const Key128 k{};
  const Iv96 iv{};
  Bytes plain(5), cipher(4), tag(12), small_tag(3);
  EXPECT_EQ(gcm_encrypt(k, iv, {}, plain, cipher, tag).code(), StatusCode::kInvalidArgument);
  cipher.resize(5);
  EXPECT_EQ(gcm_encrypt(k, iv, {}, plain, cipher, small_tag).code(), StatusCode::kInvalidArgument);
  Bytes big_tag(17);
  EXPECT_EQ(gmac(k, iv, {}, big_tag).code(), StatusCode::kInvalidArgument);
}

// Differential check against an independent implementation (mbedtls_gcm, the library's own GCM)
// over random keys, IVs, AAD and plaintext lengths, including partial blocks and empty inputs.
TEST(AesGcm, AgreesWithMbedtlsGcmOnRandomInputs) {
  std::mt19937 rng(62056);
  auto random_bytes = [&](std::size_t n) {
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
  };
  for (int round = 0; round < 200; ++round) {
    Key128 key{};
    Iv96 iv{};
    for (auto& x : key) x = static_cast<std::uint8_t>(rng());
    for (auto& x : iv) x = static_cast<std::uint8_t>(rng());
    const Bytes aad = random_bytes(rng() % 50);
    const Bytes plain = random_bytes(rng() % 80);
    Bytes ours(plain.size()), ours_tag(12);
    ASSERT_TRUE(gcm_encrypt(key, iv, std::span<const std::uint8_t>(aad), plain, ours, ours_tag).is_ok());

    mbedtls_gcm_context ctx;
    mbedtls_gcm_init(&ctx);
    ASSERT_EQ(mbedtls_gcm_setkey(&ctx, MBEDTLS_CIPHER_ID_AES, key.data(), 128), 0);
    Bytes theirs(plain.size()), theirs_tag(12);
    ASSERT_EQ(mbedtls_gcm_crypt_and_tag(&ctx, MBEDTLS_GCM_ENCRYPT, plain.size(), iv.data(), iv.size(), aad.data(), aad.size(),
                                        plain.data(), theirs.data(), theirs_tag.size(), theirs_tag.data()),
              0);
    mbedtls_gcm_free(&ctx);
    ASSERT_EQ(ours, theirs) << round;
    ASSERT_EQ(ours_tag, theirs_tag) << round;
  }
}

TEST(AesGcm, ConstantTimeEqual) {
  const Bytes a = hex("0102"), b = hex("0102"), c = hex("0103"), d = hex("01");
  EXPECT_TRUE(constant_time_equal(a, b));
  EXPECT_FALSE(constant_time_equal(a, c));
  EXPECT_FALSE(constant_time_equal(a, d));
}

}  // namespace
}  // namespace quadra::security
