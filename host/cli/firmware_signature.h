// The active firmware signature 1.0.0.2.8.255 of the virtual meter: the SHA-256 of the running
// executable (/proc/self/exe), computed once at start (mbedtls), served by the core as an
// octet-string of 32 octets. A head end compares it with the digest of the release it installed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace quadra::host {

using Sha256 = std::array<std::uint8_t, 32>;

// The SHA-256 of the file at `path`; nullopt with a message in *error if it cannot be read.
std::optional<Sha256> file_sha256(const std::string& path, std::string* error);

// The SHA-256 of this program's executable.
inline std::optional<Sha256> executable_sha256(std::string* error) { return file_sha256("/proc/self/exe", error); }

}  // namespace quadra::host
