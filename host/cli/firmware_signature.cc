#include "host/cli/firmware_signature.h"

#include <mbedtls/sha256.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace quadra::host {

std::optional<Sha256> file_sha256(const std::string& path, std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    if (error != nullptr) *error = path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  mbedtls_sha256_context ctx;
  mbedtls_sha256_init(&ctx);
  bool ok = mbedtls_sha256_starts_ret(&ctx, 0) == 0;
  std::vector<unsigned char> buf(1 << 16);
  std::size_t n = 0;
  while (ok && (n = std::fread(buf.data(), 1, buf.size(), f)) > 0) ok = mbedtls_sha256_update_ret(&ctx, buf.data(), n) == 0;
  const bool read_error = std::ferror(f) != 0;
  std::fclose(f);
  Sha256 digest{};
  if (ok && !read_error) ok = mbedtls_sha256_finish_ret(&ctx, digest.data()) == 0;
  mbedtls_sha256_free(&ctx);
  if (!ok || read_error) {
    if (error != nullptr) *error = path + ": " + (read_error ? "read error" : "SHA-256 failed");
    return std::nullopt;
  }
  return digest;
}

}  // namespace quadra::host
