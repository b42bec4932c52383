// A Quadra firmware package: what a head end uploads through the Image transfer object
// 0.0.44.0.0.255 and what `quadra image make` builds. A header, then the payload:
//
//   offset  octets  field
//   0       8       magic "QUADRAFW"
//   8       1       format version, 1
//   9       1       identifier length n, 1..kMaxIdentifier
//   10      2       reserved, 0
//   12      4       payload length in octets, big-endian
//   16      32      SHA-256 of the payload
//   48      n       firmware identifier, printable ASCII (0x20..0x7E), e.g. "QUADRA-2.0.0"
//   48 + n  ...     the payload
//
// A package is well-formed when the header has these values and its total length is exactly
// 48 + n + payload length; it verifies when, besides, the SHA-256 of the payload is the one in
// the header. The virtual meter never executes the payload: activating a package makes its
// identifier the active firmware identifier (1.0.0.2.0.255) and the payload's SHA-256 the active
// firmware signature (1.0.0.2.8.255).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/common/status.h"
#include "core/cosem/image_store.h"

namespace quadra::cosem {

using Sha256Digest = std::array<std::uint8_t, 32>;

inline constexpr std::array<std::uint8_t, 8> kPackageMagic{'Q', 'U', 'A', 'D', 'R', 'A', 'F', 'W'};
inline constexpr std::uint8_t kPackageFormat = 1;
inline constexpr std::size_t kPackageFixedHeader = 48;
inline constexpr std::size_t kMaxIdentifier = 32;
inline constexpr std::size_t kMaxPackageHeader = kPackageFixedHeader + kMaxIdentifier;

struct PackageInfo {
  std::array<char, kMaxIdentifier> identifier{};
  std::size_t identifier_size = 0;
  std::uint32_t payload_size = 0;
  Sha256Digest payload_sha256{};
  std::size_t header_size() const { return kPackageFixedHeader + identifier_size; }
  std::string_view identifier_text() const { return {identifier.data(), identifier_size}; }
};

// Writes the header of a package of `identifier` over a payload of `payload_size` octets whose
// SHA-256 is `sha256` into `out`; returns its size (0, nothing meaningful written, when the
// identifier is empty, longer than kMaxIdentifier or not printable ASCII, or `out` is too small).
std::size_t encode_package_header(std::string_view identifier, std::uint32_t payload_size, const Sha256Digest& sha256,
                                  std::span<std::uint8_t> out);

// Reads a header from the first octets of a package (at least kPackageFixedHeader; the
// identifier's octets must be there too). kCorruption naming the field that is wrong.
Status decode_package_header(std::span<const std::uint8_t> bytes, PackageInfo* info);

// Checks the package of `size` octets at offset 0 of `store`: its header, its length, the
// SHA-256 of its payload (read back in small pieces: no copy of the image). On success *info
// holds the header. kCorruption naming what failed: "package.magic", "package.format",
// "package.identifier", "package.length" (the total is not header + payload), "package.sha256".
Status verify_package(ImageStore& store, std::size_t size, PackageInfo* info);

}  // namespace quadra::cosem
