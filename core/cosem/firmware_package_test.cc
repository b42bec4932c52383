// The firmware package format (firmware_package.h): the header's bytes field by field, and
// verification over an image store, with the SHA-256 of "abc" from FIPS 180-2 (appendix B.1) as
// the payload's digest, so that a wrong hash is caught by a value this code did not compute.
#include "core/cosem/firmware_package.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "core/dlms/test_hex.h"

namespace quadra::cosem {
namespace {

using dlms::testing::hex;
using dlms::testing::to_hex;

// FIPS 180-2, B.1: SHA-256("abc").
const Sha256Digest kAbcSha256 = [] {
  Sha256Digest d{};
  const std::vector<std::uint8_t> h = hex("BA7816BF 8F01CFEA 414140DE 5DAE2223 B00361A3 96177A9C B410FF61 F20015AD");
  std::copy(h.begin(), h.end(), d.begin());
  return d;
}();

std::vector<std::uint8_t> abc_package() {
  std::array<std::uint8_t, kMaxPackageHeader> header{};
  const std::size_t n = encode_package_header("QUADRA-2.0.0", 3, kAbcSha256, header);
  std::vector<std::uint8_t> p(header.begin(), header.begin() + static_cast<std::ptrdiff_t>(n));
  for (char c : std::string("abc")) p.push_back(static_cast<std::uint8_t>(c));
  return p;
}

Status verify(const std::vector<std::uint8_t>& package, std::size_t size, PackageInfo* info) {
  std::array<std::uint8_t, 256> area{};
  BufferImageStore store(area);
  EXPECT_TRUE(store.write(0, package).is_ok());
  return verify_package(store, size, info);
}

TEST(FirmwarePackage, HeaderBytesAreTheDocumentedLayout) {
  const std::vector<std::uint8_t> p = abc_package();
  ASSERT_EQ(p.size(), 48u + 12u + 3u);
  EXPECT_EQ(to_hex(std::span(p).first(16)), "51 55 41 44 52 41 46 57 01 0C 00 00 00 00 00 03");  // QUADRAFW v1, n 12, 3 octets
  EXPECT_EQ(to_hex(std::span(p).subspan(16, 32)), to_hex(kAbcSha256));
  EXPECT_EQ(std::string(p.begin() + 48, p.begin() + 60), "QUADRA-2.0.0");
}

TEST(FirmwarePackage, AGoodPackageVerifies) {
  PackageInfo info;
  const std::vector<std::uint8_t> p = abc_package();
  ASSERT_TRUE(verify(p, p.size(), &info).is_ok());
  EXPECT_EQ(info.identifier_text(), "QUADRA-2.0.0");
  EXPECT_EQ(info.payload_size, 3u);
  EXPECT_EQ(info.payload_sha256, kAbcSha256);
}

TEST(FirmwarePackage, EachDefectIsNamed) {
  PackageInfo info;
  std::vector<std::uint8_t> p = abc_package();
  std::vector<std::uint8_t> bad = p;
  bad.back() = 'd';  // "abd": the digest no longer matches
  EXPECT_STREQ(verify(bad, bad.size(), &info).field(), "package.sha256");
  EXPECT_STREQ(verify(p, p.size() - 1, &info).field(), "package.length");  // one octet short
  bad = p;
  bad.push_back(0);
  EXPECT_STREQ(verify(bad, bad.size(), &info).field(), "package.length");  // one octet too many
  bad = p;
  bad[0] = 'X';
  EXPECT_STREQ(verify(bad, bad.size(), &info).field(), "package.magic");
  bad = p;
  bad[8] = 2;
  EXPECT_STREQ(verify(bad, bad.size(), &info).field(), "package.format");
  bad = p;
  bad[9] = 0;
  EXPECT_STREQ(verify(bad, bad.size(), &info).field(), "package.identifier");
  bad = p;
  bad[50] = 0x07;  // a control character in the identifier
  EXPECT_STREQ(verify(bad, bad.size(), &info).field(), "package.identifier");
  EXPECT_STREQ(verify(p, 20, &info).field(), "package.length");
  EXPECT_EQ(verify(p, 20, &info).code(), StatusCode::kCorruption);
}

TEST(FirmwarePackage, IdentifiersOutsideTheFormatAreNotEncoded) {
  std::array<std::uint8_t, kMaxPackageHeader> header{};
  EXPECT_EQ(encode_package_header("", 0, kAbcSha256, header), 0u);
  EXPECT_EQ(encode_package_header(std::string(kMaxIdentifier + 1, 'A'), 0, kAbcSha256, header), 0u);
  EXPECT_EQ(encode_package_header("tab\there", 0, kAbcSha256, header), 0u);
  EXPECT_EQ(encode_package_header(std::string(kMaxIdentifier, 'A'), 0, kAbcSha256, header), kMaxPackageHeader);
  EXPECT_EQ(encode_package_header("A", 0, kAbcSha256, std::span(header).first(48)), 0u);  // no room
}

}  // namespace
}  // namespace quadra::cosem
