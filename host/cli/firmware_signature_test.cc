#include "host/cli/firmware_signature.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace quadra::host {
namespace {

std::string hex(const Sha256& d) {
  std::string s;
  char b[3];
  for (std::uint8_t x : d) {
    std::snprintf(b, sizeof b, "%02x", x);
    s += b;
  }
  return s;
}

// FIPS 180-2, appendix B.1: SHA-256("abc").
TEST(FirmwareSignature, Sha256OfAFileIsTheFips180Digest) {
  char path[] = "/tmp/quadra_sha256_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  std::FILE* f = fdopen(fd, "wb");
  ASSERT_NE(f, nullptr);
  std::fputs("abc", f);
  std::fclose(f);
  std::string error;
  const auto d = file_sha256(path, &error);
  std::remove(path);
  ASSERT_TRUE(d.has_value()) << error;
  EXPECT_EQ(hex(*d), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(FirmwareSignature, AMissingFileIsAClearError) {
  std::string error;
  EXPECT_FALSE(file_sha256("/nonexistent/quadra", &error).has_value());
  EXPECT_NE(error.find("/nonexistent/quadra"), std::string::npos);
  EXPECT_TRUE(executable_sha256(&error).has_value());
}

}  // namespace
}  // namespace quadra::host
