#include "core/security/key_wrap.h"

#include <gtest/gtest.h>

#include <cstdint>
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

// RFC 3394 section 4.1, "Wrap 128 bits of Key Data with a 128-bit KEK".
const Key128 kKek = key_of("000102030405060708090A0B0C0D0E0F");
const char* const kKeyData = "00112233445566778899AABBCCDDEEFF";
const char* const kWrapped = "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5";

TEST(KeyWrap, Rfc3394Section4_1Wrap) {
  Bytes out(24);
  ASSERT_TRUE(key_wrap(kKek, hex(kKeyData), out).is_ok());
  EXPECT_EQ(out, hex(kWrapped));
}

TEST(KeyWrap, Rfc3394Section4_1Unwrap) {
  Bytes out(16);
  ASSERT_TRUE(key_unwrap(kKek, hex(kWrapped), out).is_ok());
  EXPECT_EQ(out, hex(kKeyData));
  Key128 key{};
  ASSERT_TRUE(unwrap_key128(kKek, hex(kWrapped), &key).is_ok());
  EXPECT_EQ(Bytes(key.begin(), key.end()), hex(kKeyData));
}

TEST(KeyWrap, AlteredDataOrWrongKekFailsTheIntegrityCheck) {
  const Bytes good = hex(kWrapped);
  for (std::size_t i = 0; i < good.size(); ++i) {
    Bytes bad = good;
    bad[i] ^= 0x01;
    Key128 key{};
    key.fill(0xEE);
    const Status s = unwrap_key128(kKek, bad, &key);
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << i;
    EXPECT_STREQ(s.reason(), "integrity check failed (wrong KEK or altered data)");
    EXPECT_EQ(key[0], 0xEE);  // untouched
  }
  Key128 wrong = kKek;
  wrong[15] ^= 0x80;
  Bytes out(16, 0x11);
  EXPECT_EQ(key_unwrap(wrong, good, out).code(), StatusCode::kCorruption);
  EXPECT_EQ(out, Bytes(16, 0x00));
}

TEST(KeyWrap, SizeChecks) {
  Bytes out(24);
  Bytes o16(16), o25(25), o23(23), o8(8);
  EXPECT_EQ(key_wrap(kKek, Bytes(8), o16).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(key_wrap(kKek, Bytes(17), o25).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(key_wrap(kKek, Bytes(16), o23).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(key_unwrap(kKek, Bytes(16), o8).code(), StatusCode::kInvalidArgument);
  Key128 k{};
  EXPECT_EQ(unwrap_key128(kKek, Bytes(32), &k).code(), StatusCode::kInvalidArgument);
}

// Longer key data (3 and 4 blocks) under the same KEK. RFC 3394 publishes these sizes only for
// 192/256-bit KEKs, so the expected bytes come from an independent implementation: OpenSSL's
// AES key wrap (python3-cryptography's aes_key_wrap, Debian 12), computed once and pasted here.
TEST(KeyWrap, LongerKeyDataAgreesWithOpenSsl) {
  const char* const cases[][2] = {
      {"00112233445566778899AABBCCDDEEFF0001020304050607",
       "889671106535A9F86D9F9A262F674569EFA38D7535AAC77527CAB92855BDDD6E"},
      {"00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F",
       "11826840774D993FF9C2FA02CCA3CEA0E93B1E1CF96361F93EA6DC2F345194E7B30F964C79F9E61D"},
  };
  for (const auto& c : cases) {
    const Bytes data = hex(c[0]);
    Bytes out(data.size() + 8);
    ASSERT_TRUE(key_wrap(kKek, data, out).is_ok());
    EXPECT_EQ(out, hex(c[1]));
    Bytes back(data.size());
    ASSERT_TRUE(key_unwrap(kKek, out, back).is_ok());
    EXPECT_EQ(back, data);
  }
}

}  // namespace
}  // namespace quadra::security
