#include "core/cosem/firmware_package.h"

#include <mbedtls/sha256.h>

#include <algorithm>

namespace quadra::cosem {
namespace {

bool printable(char c) { return c >= 0x20 && c <= 0x7E; }

void put_u32(std::span<std::uint8_t> out, std::uint32_t v) {
  for (int k = 0; k < 4; ++k) out[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(v >> (24 - 8 * k));
}

Status corrupt(const char* field, const char* reason) { return Status::error(StatusCode::kCorruption, field, reason); }

}  // namespace

std::size_t encode_package_header(std::string_view identifier, std::uint32_t payload_size, const Sha256Digest& sha256,
                                  std::span<std::uint8_t> out) {
  if (identifier.empty() || identifier.size() > kMaxIdentifier || !std::all_of(identifier.begin(), identifier.end(), printable))
    return 0;
  const std::size_t size = kPackageFixedHeader + identifier.size();
  if (out.size() < size) return 0;
  std::copy(kPackageMagic.begin(), kPackageMagic.end(), out.begin());
  out[8] = kPackageFormat;
  out[9] = static_cast<std::uint8_t>(identifier.size());
  out[10] = 0;
  out[11] = 0;
  put_u32(out.subspan(12, 4), payload_size);
  std::copy(sha256.begin(), sha256.end(), out.begin() + 16);
  for (std::size_t k = 0; k < identifier.size(); ++k) out[kPackageFixedHeader + k] = static_cast<std::uint8_t>(identifier[k]);
  return size;
}

Status decode_package_header(std::span<const std::uint8_t> bytes, PackageInfo* info) {
  if (bytes.size() < kPackageFixedHeader) return corrupt("package.length", "shorter than a package header");
  if (!std::equal(kPackageMagic.begin(), kPackageMagic.end(), bytes.begin()))
    return corrupt("package.magic", "not a Quadra firmware package");
  if (bytes[8] != kPackageFormat || bytes[10] != 0 || bytes[11] != 0)
    return corrupt("package.format", "unknown package format");
  const std::size_t n = bytes[9];
  if (n == 0 || n > kMaxIdentifier) return corrupt("package.identifier", "identifier length out of range");
  if (bytes.size() < kPackageFixedHeader + n) return corrupt("package.length", "shorter than its header");
  PackageInfo p;
  for (std::size_t k = 0; k < n; ++k) {
    const char c = static_cast<char>(bytes[kPackageFixedHeader + k]);
    if (!printable(c)) return corrupt("package.identifier", "identifier is not printable ASCII");
    p.identifier[k] = c;
  }
  p.identifier_size = n;
  p.payload_size = static_cast<std::uint32_t>(bytes[12]) << 24 | static_cast<std::uint32_t>(bytes[13]) << 16 |
                   static_cast<std::uint32_t>(bytes[14]) << 8 | bytes[15];
  std::copy(bytes.begin() + 16, bytes.begin() + 48, p.payload_sha256.begin());
  *info = p;
  return Status::ok();
}

Status verify_package(ImageStore& store, std::size_t size, PackageInfo* info) {
  if (size < kPackageFixedHeader || size > store.capacity()) return corrupt("package.length", "shorter than a package header");
  std::array<std::uint8_t, kMaxPackageHeader> header{};
  const std::size_t head = std::min(size, header.size());
  if (Status s = store.read(0, std::span(header).first(head)); !s.is_ok()) return s;
  PackageInfo p;
  if (Status s = decode_package_header(std::span(header).first(head), &p); !s.is_ok()) return s;
  if (static_cast<std::uint64_t>(p.header_size()) + p.payload_size != size)
    return corrupt("package.length", "the image is not its header plus its payload length");
  mbedtls_sha256_context ctx;
  mbedtls_sha256_init(&ctx);
  bool ok = mbedtls_sha256_starts_ret(&ctx, 0) == 0;
  std::array<std::uint8_t, 256> piece{};
  Status read_status;
  for (std::size_t at = p.header_size(); ok && at < size;) {
    const std::size_t n = std::min(piece.size(), size - at);
    read_status = store.read(at, std::span(piece).first(n));
    ok = read_status.is_ok() && mbedtls_sha256_update_ret(&ctx, piece.data(), n) == 0;
    at += n;
  }
  Sha256Digest digest{};
  ok = ok && mbedtls_sha256_finish_ret(&ctx, digest.data()) == 0;
  mbedtls_sha256_free(&ctx);
  if (!read_status.is_ok()) return read_status;
  if (!ok) return Status::error(StatusCode::kNotSupported, "package.sha256", "SHA-256 failed");
  if (digest != p.payload_sha256) return corrupt("package.sha256", "the payload's SHA-256 differs from the header's");
  *info = p;
  return Status::ok();
}

}  // namespace quadra::cosem
