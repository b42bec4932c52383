#include "core/security/ciphered_apdu.h"

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

// The Green Book's suite-0 example keys and sender (DLMS UA 1000-2 Ed. 7, "Security examples":
// system title 4D4D4D0000BC614E, IC 01234567, EK 000102..0F, AK D0D1..DF).
const SystemTitle kTitle = arr<8>("4D4D4D0000BC614E");
const Key128 kEk = arr<16>("000102030405060708090A0B0C0D0E0F");
const Key128 kAk = arr<16>("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
constexpr std::uint32_t kIc = 0x01234567;
// The plain APDU of the example: get-request-normal, invoke-id 0x01, Clock 0.0.1.0.0.255 attribute 2.
const char* const kGetClock = "C0010000080000010000FF0200";

ProtectParams params(std::uint8_t sc) {
  ProtectParams p;
  p.security_control = SecurityControl::from_byte(sc);
  p.invocation_counter = kIc;
  p.system_title = kTitle;
  p.encryption_key = kEk;
  p.authentication_key = kAk;
  return p;
}

ReceiveKeys receive_keys() {
  ReceiveKeys k;
  k.global_unicast = &kEk;
  k.authentication = kAk;
  return k;
}

Bytes protect_hex(const ProtectParams& p, const std::string& plain) {
  const Bytes in = hex(plain);
  Bytes out(in.size() + kMaxProtectOverhead);
  std::size_t n = 0;
  const Status s = protect(p, in, out, &n);
  EXPECT_TRUE(s.is_ok()) << s.field() << ": " << s.reason();
  out.resize(n);
  return out;
}

Bytes unprotect_ok(const Bytes& apdu, const ReceiveKeys& keys, const SystemTitle& peer, Unprotected* info,
                   InvocationCounterGuard* guard = nullptr) {
  Bytes plain(apdu.size());
  const Status s = unprotect(apdu, keys, peer, guard, plain, info);
  EXPECT_TRUE(s.is_ok()) << s.field() << ": " << s.reason();
  plain.resize(info->plain_size);
  return plain;
}

// Green Book Ed. 7 glo-get-request example (Ed. 8: Table 40) in its three protection modes; the
// same bytes are pinned by pwitab/dlms-cosem tests/test_security.py (test_encrypt_authenticated:
// C || T for SC 0x30) and by the jDLMS/OpenMUC security tests (all three frames).
TEST(CipheredApdu, GreenBookGloGetRequestAuthenticationOnly) {
  const Bytes expected = hex("C81E1001234567C0010000080000010000FF020006725D910F9221D263877516");
  EXPECT_EQ(protect_hex(params(0x10), kGetClock), expected);
  Unprotected info;
  EXPECT_EQ(unprotect_ok(expected, receive_keys(), kTitle, &info), hex(kGetClock));
  EXPECT_EQ(info.apdu.security_control_byte, 0x10);
  EXPECT_EQ(info.apdu.invocation_counter, kIc);
  EXPECT_EQ(info.apdu.expected_plain_tag, tag::kGetRequest);
}

TEST(CipheredApdu, GreenBookGloGetRequestEncryptionOnly) {
  const Bytes expected = hex("C8122001234567411312FF935A47566827C467BC");
  EXPECT_EQ(protect_hex(params(0x20), kGetClock), expected);
  Unprotected info;
  EXPECT_EQ(unprotect_ok(expected, receive_keys(), kTitle, &info), hex(kGetClock));
}

TEST(CipheredApdu, GreenBookGloGetRequestAuthenticatedEncryption) {
  const Bytes expected = hex("C81E3001234567411312FF935A47566827C467BC7D825C3BE4A77C3FCC056B6B");
  EXPECT_EQ(protect_hex(params(0x30), kGetClock), expected);
  Unprotected info;
  EXPECT_EQ(unprotect_ok(expected, receive_keys(), kTitle, &info), hex(kGetClock));
  EXPECT_TRUE(info.apdu.security_control.authenticated);
  EXPECT_TRUE(info.apdu.security_control.encrypted);
  EXPECT_FALSE(info.apdu.has_system_title);
}

// The Green Book's ciphered AARQ user-information: glo-initiate-request with a dedicated key,
// pwitab/dlms-cosem tests/test_xdlms/test_initiate.py (TestGlobalCipherInitiateRequest).
TEST(CipheredApdu, GreenBookGloInitiateRequest) {
  const char* plain = "01011000112233445566778899AABBCCDDEEFF0000065F1F0400007E1F04B0";
  const Bytes expected = hex(
      "21303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855");
  EXPECT_EQ(protect_hex(params(0x30), plain), expected);
  Unprotected info;
  EXPECT_EQ(unprotect_ok(expected, receive_keys(), kTitle, &info), hex(plain));
}

// The ciphered initiate-response inside an RLRE, pwitab/dlms-cosem
// tests/test_asce/test_rlre.py (test_with_ciphered_initiate_response): it authenticates under
// the example keys, and its content is an initiate-response (tag 08, DLMS version 6,
// conformance block 5F 1F 04 ...).
TEST(CipheredApdu, GloInitiateResponseFromAnRlre) {
  const Bytes apdu = hex("281F3001234567891214A0845E475714383F65BC19745CA235906525E4F3E1C893");
  Unprotected info;
  const Bytes plain = unprotect_ok(apdu, receive_keys(), kTitle, &info);
  ASSERT_EQ(plain.size(), 14U);
  EXPECT_EQ(plain[0], tag::kInitiateResponse);
  EXPECT_EQ(Bytes(plain.begin() + 2, plain.begin() + 7), hex("065F1F0400"));
  // Ciphering it again gives the published bytes back.
  std::string plain_hex;
  for (auto b : plain) {
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02X", b);
    plain_hex += buf;
  }
  EXPECT_EQ(protect_hex(params(0x30), plain_hex), apdu);
}

// general-glo-ciphering of a data-notification pushed by a meter, keys "MYDUMMYGLOBALKEY":
// pwitab/dlms-cosem tests/test_general_global_cipher.py.
TEST(CipheredApdu, GeneralGloCipheringDataNotification) {
  const Bytes apdu = hex(
      "DB082F192291991641033B30000001E5025CE9D2271FD78BE8C204211A916A9D7F587E0A7A814CADEA89E9593F01F92EA8C087B5BDFDEF"
      "EAB6BECF282DFE49C08F5BE6DC8400");
  const Key128 key = arr<16>("4D5944554D4D59474C4F42414C4B4559");  // "MYDUMMYGLOBALKEY"
  ReceiveKeys keys;
  keys.global_unicast = &key;
  keys.authentication = key;
  Unprotected info;
  const SystemTitle unknown{};  // the APDU carries the sender's title
  const Bytes plain = unprotect_ok(apdu, keys, unknown, &info);
  EXPECT_TRUE(info.apdu.general_ciphering);
  EXPECT_TRUE(info.apdu.has_system_title);
  EXPECT_EQ(info.apdu.system_title, arr<8>("2F19229199164103"));
  EXPECT_EQ(info.apdu.invocation_counter, 0x000001E5U);
  ASSERT_FALSE(plain.empty());
  EXPECT_EQ(plain[0], 0x0F);  // data-notification
  ProtectParams p;
  p.general_ciphering = true;
  p.security_control = SecurityControl::from_byte(0x30);
  p.invocation_counter = 0x1E5;
  p.system_title = info.apdu.system_title;
  p.encryption_key = key;
  p.authentication_key = key;
  Bytes out(plain.size() + kMaxProtectOverhead);
  std::size_t n = 0;
  ASSERT_TRUE(protect(p, plain, out, &n).is_ok());
  out.resize(n);
  EXPECT_EQ(out, apdu);
}

TEST(CipheredApdu, TagMapping) {
  const std::pair<std::uint8_t, std::uint8_t> glo[] = {{0x01, 0x21}, {0x08, 0x28}, {0xC0, 0xC8}, {0xC1, 0xC9}, {0xC2, 0xCA},
                                                       {0xC3, 0xCB}, {0xC4, 0xCC}, {0xC5, 0xCD}, {0xC7, 0xCF}, {0x0E, 0x2E}};
  for (auto [plain, ciphered] : glo) {
    EXPECT_EQ(ciphered_tag_for(plain, KeyKind::kGlobal), ciphered);
    std::uint8_t back = 0;
    KeyKind kind = KeyKind::kDedicated;
    ASSERT_TRUE(plain_tag_for(ciphered, &back, &kind));
    EXPECT_EQ(back, plain);
    EXPECT_EQ(kind, KeyKind::kGlobal);
  }
  const std::pair<std::uint8_t, std::uint8_t> ded[] = {{0xC0, 0xD0}, {0xC1, 0xD1}, {0xC2, 0xD2}, {0xC3, 0xD3},
                                                       {0xC4, 0xD4}, {0xC5, 0xD5}, {0xC7, 0xD7}};
  for (auto [plain, ciphered] : ded) {
    EXPECT_EQ(ciphered_tag_for(plain, KeyKind::kDedicated), ciphered);
    std::uint8_t back = 0;
    KeyKind kind = KeyKind::kGlobal;
    ASSERT_TRUE(plain_tag_for(ciphered, &back, &kind));
    EXPECT_EQ(back, plain);
    EXPECT_EQ(kind, KeyKind::kDedicated);
  }
  EXPECT_EQ(ciphered_tag_for(0x01, KeyKind::kDedicated), 0);
  EXPECT_EQ(ciphered_tag_for(0x60, KeyKind::kGlobal), 0);  // AARQ is never ciphered this way
  std::uint8_t p = 0;
  KeyKind k{};
  EXPECT_FALSE(plain_tag_for(0xDB, &p, &k));
  EXPECT_FALSE(plain_tag_for(0xC0, &p, &k));
}

TEST(CipheredApdu, DedicatedKeyUsesDedTagAndDedicatedKey) {
  const Key128 dedicated = arr<16>("00112233445566778899AABBCCDDEEFF");
  ProtectParams p = params(0x30);
  p.key_kind = KeyKind::kDedicated;
  p.encryption_key = dedicated;
  const Bytes apdu = protect_hex(p, kGetClock);
  EXPECT_EQ(apdu[0], tag::kDedGetRequest);
  ReceiveKeys keys = receive_keys();
  Unprotected info;
  Bytes plain(apdu.size());
  EXPECT_EQ(unprotect(apdu, keys, kTitle, nullptr, plain, &info).code(), StatusCode::kNotSupported);
  EXPECT_EQ(info.rejection, Rejection::kNoKey);
  keys.dedicated = &dedicated;
  EXPECT_EQ(unprotect_ok(apdu, keys, kTitle, &info), hex(kGetClock));
}

TEST(CipheredApdu, BroadcastKeyBitSelectsTheBroadcastKey) {
  const Key128 broadcast = arr<16>("0F0E0D0C0B0A09080706050403020100");
  ProtectParams p = params(0x70);  // 0x30 | key set bit
  p.encryption_key = broadcast;
  const Bytes apdu = protect_hex(p, kGetClock);
  ReceiveKeys keys = receive_keys();
  keys.global_broadcast = &broadcast;
  Unprotected info;
  EXPECT_EQ(unprotect_ok(apdu, keys, kTitle, &info), hex(kGetClock));
  EXPECT_TRUE(info.apdu.security_control.broadcast_key);
}

TEST(CipheredApdu, EveryTamperedByteIsRefused) {
  const Bytes good = hex("C81E3001234567411312FF935A47566827C467BC7D825C3BE4A77C3FCC056B6B");
  for (std::size_t i = 2; i < good.size(); ++i) {  // SC, IC, C and T (tag and length byte: framing)
    Bytes bad = good;
    bad[i] ^= 0x04;
    Bytes plain(bad.size(), 0x55);
    Unprotected info;
    const Status s = unprotect(bad, receive_keys(), kTitle, nullptr, plain, &info);
    EXPECT_FALSE(s.is_ok()) << i;
    if (i == 2) {
      EXPECT_EQ(info.rejection, Rejection::kUnsupported);  // 0x34: suite 4
    } else {
      EXPECT_EQ(info.rejection, Rejection::kAuthentication) << i;
      EXPECT_EQ(s.code(), StatusCode::kCorruption);
    }
    EXPECT_EQ(info.plain_size, 0U);
    EXPECT_NE(Bytes(plain.begin(), plain.begin() + 13), hex(kGetClock)) << i;  // nothing leaked
  }
  // Authentication only: the plaintext is in clear, and altering it is caught too.
  Bytes a_only = hex("C81E1001234567C0010000080000010000FF020006725D910F9221D263877516");
  a_only[16] ^= 0x01;  // attribute 2 -> 3
  Bytes plain(a_only.size());
  Unprotected info;
  EXPECT_EQ(unprotect(a_only, receive_keys(), kTitle, nullptr, plain, &info).code(), StatusCode::kCorruption);
  EXPECT_EQ(info.rejection, Rejection::kAuthentication);
}

TEST(CipheredApdu, WrongSystemTitleOrKeyFailsAuthentication) {
  const Bytes good = hex("C81E3001234567411312FF935A47566827C467BC7D825C3BE4A77C3FCC056B6B");
  Bytes plain(good.size());
  Unprotected info;
  SystemTitle other = kTitle;
  other[7] ^= 1;
  EXPECT_EQ(unprotect(good, receive_keys(), other, nullptr, plain, &info).code(), StatusCode::kCorruption);
  EXPECT_EQ(info.rejection, Rejection::kAuthentication);
  ReceiveKeys keys = receive_keys();
  keys.authentication[0] ^= 1;
  EXPECT_EQ(unprotect(good, keys, kTitle, nullptr, plain, &info).code(), StatusCode::kCorruption);
}

TEST(CipheredApdu, ReplayedCounterIsRefusedBeforeDecryption) {
  InvocationCounterGuard guard;
  const Bytes first = protect_hex(params(0x30), kGetClock);
  Unprotected info;
  unprotect_ok(first, receive_keys(), kTitle, &info, &guard);
  EXPECT_EQ(guard.last(), kIc);
  Bytes plain(first.size());
  const Status s = unprotect(first, receive_keys(), kTitle, &guard, plain, &info);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(info.rejection, Rejection::kReplay);
  EXPECT_STREQ(s.field(), "security.invocation_counter");
  ProtectParams next = params(0x30);
  next.invocation_counter = kIc + 1;
  unprotect_ok(protect_hex(next, kGetClock), receive_keys(), kTitle, &info, &guard);
  EXPECT_EQ(guard.last(), kIc + 1);
}

TEST(CipheredApdu, ForgedHighCounterDoesNotAdvanceTheGuard) {
  InvocationCounterGuard guard = InvocationCounterGuard::after(10);
  ProtectParams forged = params(0x30);
  forged.invocation_counter = 0xFFFFFFF0;
  forged.encryption_key[0] ^= 0xFF;  // an attacker without the key
  const Bytes apdu = protect_hex(forged, kGetClock);
  Bytes plain(apdu.size());
  Unprotected info;
  EXPECT_FALSE(unprotect(apdu, receive_keys(), kTitle, &guard, plain, &info).is_ok());
  EXPECT_EQ(info.rejection, Rejection::kAuthentication);
  EXPECT_EQ(guard.last(), 10U);
}

TEST(CipheredApdu, TruncatedAndMalformedAreClearErrors) {
  const Bytes good = hex("C81E3001234567411312FF935A47566827C467BC7D825C3BE4A77C3FCC056B6B");
  for (std::size_t len = 0; len < good.size(); ++len) {
    const Bytes cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(len));
    Bytes plain(64);
    Unprotected info;
    const Status s = unprotect(cut, receive_keys(), kTitle, nullptr, plain, &info);
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << len;
    EXPECT_EQ(info.rejection, Rejection::kMalformed) << len;
  }
  Bytes longer = good;
  longer.push_back(0x00);
  CipheredApdu parsed;
  EXPECT_STREQ(parse_ciphered_apdu(longer, &parsed).reason(), "bytes after the ciphered content");
  EXPECT_STREQ(parse_ciphered_apdu(hex("C81E30"), &parsed).reason(), "truncated: fewer bytes than the length says");
  EXPECT_EQ(parse_ciphered_apdu(hex("C0010000080000010000FF0200"), &parsed).code(), StatusCode::kNotSupported);
  EXPECT_STREQ(parse_ciphered_apdu(hex("C883000000"), &parsed).reason(), "length encoding not 0..127, 81 n or 82 n n");
  EXPECT_STREQ(parse_ciphered_apdu(hex("DB0401020304"), &parsed).reason(), "system title must be empty or 8 bytes");
  // Authenticated but shorter than the tag.
  Bytes plain(64);
  Unprotected info;
  EXPECT_STREQ(unprotect(hex("C80730012345670102"), receive_keys(), kTitle, nullptr, plain, &info).reason(),
               "too short for the authentication tag");
}

TEST(CipheredApdu, LongLengthForms) {
  // 200-byte set-request body: the content length (5 + 200 + 12 = 217) takes the 81 form.
  std::string plain = "C1";
  for (int i = 0; i < 199; ++i) plain += "AB";
  const Bytes apdu = protect_hex(params(0x30), plain);
  EXPECT_EQ(apdu[0], tag::kGloSetRequest);
  EXPECT_EQ(apdu[1], 0x81);
  EXPECT_EQ(apdu[2], 217);
  Unprotected info;
  EXPECT_EQ(unprotect_ok(apdu, receive_keys(), kTitle, &info), hex(plain));
  // 300 bytes: 82 01 3D.
  std::string big = "C4";
  for (int i = 0; i < 299; ++i) big += "CD";
  const Bytes apdu2 = protect_hex(params(0x30), big);
  EXPECT_EQ(Bytes(apdu2.begin() + 1, apdu2.begin() + 4), hex("82013D"));
  EXPECT_EQ(unprotect_ok(apdu2, receive_keys(), kTitle, &info), hex(big));
}

TEST(CipheredApdu, ProtectRefusals) {
  const Bytes plain = hex(kGetClock);
  Bytes out(plain.size() + kMaxProtectOverhead);
  std::size_t n = 0;
  EXPECT_EQ(protect(params(0x00), plain, out, &n).code(), StatusCode::kInvalidArgument);  // neither A nor E
  EXPECT_EQ(protect(params(0xB0), plain, out, &n).code(), StatusCode::kInvalidArgument);  // compression
  EXPECT_EQ(protect(params(0x31), plain, out, &n).code(), StatusCode::kInvalidArgument);  // suite 1
  EXPECT_EQ(protect(params(0x30), hex("60"), out, &n).code(), StatusCode::kInvalidArgument);
  Bytes small(plain.size() + 5 + 12 + 1);  // one byte short
  EXPECT_EQ(protect(params(0x30), plain, small, &n).code(), StatusCode::kCapacity);
  EXPECT_EQ(n, 0U);
  small.push_back(0);
  EXPECT_TRUE(protect(params(0x30), plain, small, &n).is_ok());
}

TEST(CipheredApdu, AuthenticWrongContentIsRefused) {
  // A glo-get-request whose authentic content is a set-request: the sender mislabelled it.
  ProtectParams p = params(0x30);
  const Bytes set_req = hex("C1010000080000010000FF0200");
  Bytes out(set_req.size() + kMaxProtectOverhead);
  std::size_t n = 0;
  ASSERT_TRUE(protect(p, set_req, out, &n).is_ok());
  out.resize(n);
  out[0] = tag::kGloGetRequest;  // the tag is outside the authenticated data
  Bytes plain(out.size(), 0x77);
  Unprotected info;
  EXPECT_EQ(unprotect(out, receive_keys(), kTitle, nullptr, plain, &info).code(), StatusCode::kCorruption);
  EXPECT_EQ(info.rejection, Rejection::kWrongContent);
  EXPECT_EQ(plain[0], 0x00);
}

}  // namespace
}  // namespace quadra::security
