#include "core/security/hls_gmac.h"

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
template <std::size_t N>
std::array<std::uint8_t, N> arr(const std::string& s) {
  std::array<std::uint8_t, N> a{};
  const Bytes b = hex(s);
  std::copy(b.begin(), b.end(), a.begin());
  return a;
}

// DLMS UA Green Book, "HLS example using authentication-mechanism 5 with GMAC" (Ed. 7 Amd. 2
// Table 18; Ed. 8 Table 43). Pass 3 is also pinned by pwitab/dlms-cosem tests/test_security.py
// (test_gmac); pass 4 by the OpenMUC/jDLMS HLS tests.
const SystemTitle kClientTitle = arr<8>("4D4D4D0000000001");
const SystemTitle kServerTitle = arr<8>("4D4D4D0000BC614E");
const Key128 kEk = arr<16>("000102030405060708090A0B0C0D0E0F");
const Key128 kAk = arr<16>("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
const Bytes kCtoS = hex("4B35366956616759");  // "K56iVagY"
const Bytes kStoC = hex("503677524A323146");  // "P6wRJ21F"

TEST(HlsGmac, GreenBookPass3ClientProcessesStoC) {
  std::array<std::uint8_t, kHlsGmacResponseSize> f{};
  ASSERT_TRUE(hls_gmac_response(kEk, kAk, kClientTitle, 0x00000001, kStoC, f).is_ok());
  EXPECT_EQ(Bytes(f.begin(), f.end()), hex("10000000011A52FE7DD3E72748973C1E28"));
  // The server checks it with the client's system title.
  std::uint32_t ic = 0;
  ASSERT_TRUE(hls_gmac_verify(kEk, kAk, kClientTitle, kStoC, f, &ic).is_ok());
  EXPECT_EQ(ic, 1U);
}

TEST(HlsGmac, GreenBookPass4ServerProcessesCtoS) {
  std::array<std::uint8_t, kHlsGmacResponseSize> f{};
  ASSERT_TRUE(hls_gmac_response(kEk, kAk, kServerTitle, 0x01234567, kCtoS, f).is_ok());
  EXPECT_EQ(Bytes(f.begin(), f.end()), hex("1001234567FE1466AFB3DBCD4F9389E2B7"));
  std::uint32_t ic = 0;
  ASSERT_TRUE(hls_gmac_verify(kEk, kAk, kServerTitle, kCtoS, f, &ic).is_ok());
  EXPECT_EQ(ic, 0x01234567U);
}

TEST(HlsGmac, VerifyRefusesWhatDoesNotMatch) {
  const Bytes good = hex("10000000011A52FE7DD3E72748973C1E28");
  std::uint32_t ic = 99;
  for (std::size_t i = 0; i < good.size(); ++i) {
    Bytes bad = good;
    bad[i] ^= 0x20;
    const Status s = hls_gmac_verify(kEk, kAk, kClientTitle, kStoC, bad, &ic);
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << i;
  }
  EXPECT_EQ(ic, 99U);
  EXPECT_STREQ(hls_gmac_verify(kEk, kAk, kServerTitle, kStoC, good, &ic).reason(), "the peer's f(challenge) does not verify");
  EXPECT_STREQ(hls_gmac_verify(kEk, kAk, kClientTitle, kCtoS, good, &ic).reason(), "the peer's f(challenge) does not verify");
  const Bytes truncated(good.begin(), good.end() - 1);
  EXPECT_STREQ(hls_gmac_verify(kEk, kAk, kClientTitle, kStoC, truncated, &ic).reason(),
               "f(challenge) must be 17 bytes (SC, IC, 12-byte tag)");
  Bytes wrong_sc = good;
  wrong_sc[0] = 0x30;
  EXPECT_STREQ(hls_gmac_verify(kEk, kAk, kClientTitle, kStoC, wrong_sc, &ic).reason(), "f(challenge) security control must be 0x10");
}

TEST(HlsGmac, ChallengeLengthLimits) {
  std::array<std::uint8_t, kHlsGmacResponseSize> f{};
  EXPECT_EQ(hls_gmac_response(kEk, kAk, kServerTitle, 1, Bytes(7), f).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(hls_gmac_response(kEk, kAk, kServerTitle, 1, Bytes(65), f).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(hls_gmac_response(kEk, kAk, kServerTitle, 1, Bytes(64), f).is_ok());
  std::uint32_t ic = 0;
  EXPECT_TRUE(hls_gmac_verify(kEk, kAk, kServerTitle, Bytes(64), f, &ic).is_ok());
}

}  // namespace
}  // namespace quadra::security
