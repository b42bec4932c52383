// `quadra image make`: the package it writes verifies with the meter's own verifier and carries
// the identifier and the payload's SHA-256 (FIPS 180-2 B.1 for "abc"); refused input is named.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/cosem/firmware_package.h"
#include "host/cli/commands.h"
#include "host/cli/meta_store.h"

namespace quadra::host {
namespace {

std::string temp_path(const char* name) { return ::testing::TempDir() + "quadra_image_" + name; }

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

TEST(ImageMake, ThePackageVerifiesAndCarriesIdentifierAndDigest) {
  const std::string in = temp_path("abc.bin"), out = temp_path("abc.img");
  write_file(in, "abc");
  const ImageMade made = make_image({"QUADRA-2.0.0", in, out});
  EXPECT_EQ(made.size, 48u + 12u + 3u);
  EXPECT_EQ(to_hex(made.payload_sha256), "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
  std::ifstream f(out, std::ios::binary);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  ASSERT_EQ(bytes.size(), made.size);
  std::array<std::uint8_t, 256> area{};
  cosem::BufferImageStore store(area);
  ASSERT_TRUE(store.write(0, bytes).is_ok());
  cosem::PackageInfo info;
  ASSERT_TRUE(cosem::verify_package(store, bytes.size(), &info).is_ok());
  EXPECT_EQ(info.identifier_text(), "QUADRA-2.0.0");
  EXPECT_EQ(info.payload_size, 3u);
  std::remove(in.c_str());
  std::remove(out.c_str());
}

TEST(ImageMake, RefusedInputIsNamed) {
  const std::string in = temp_path("x.bin"), out = temp_path("x.img");
  write_file(in, "x");
  try {
    make_image({"tab\there", in, out});
    ADD_FAILURE() << "identifier accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--identifier"), std::string::npos) << e.what();
  }
  try {
    make_image({"QUADRA-2.0.0", temp_path("missing.bin"), out});
    ADD_FAILURE() << "missing file accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot be read"), std::string::npos) << e.what();
  }
  write_file(in, std::string(std::size_t{1} << 20, 'z'));  // 1 MiB of payload: above the meter's 1 MiB image
  try {
    make_image({"QUADRA-2.0.0", in, out});
    ADD_FAILURE() << "oversized package accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("1048576 at most"), std::string::npos) << e.what();
  }
  std::remove(in.c_str());
}

}  // namespace
}  // namespace quadra::host
