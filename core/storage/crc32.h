// CRC-32 (ISO-HDLC: polynomial 0x04C11DB7 reflected, init and final XOR 0xFFFFFFFF, the CRC of zlib
// and Ethernet; check value 0xCBF43926 over "123456789"). It guards every record the store keeps.
#pragma once

#include <cstdint>
#include <span>

namespace quadra::storage {

// Continues a CRC: crc32(b, crc32(a)) == crc32(a || b). Start with 0.
std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t crc = 0);

}  // namespace quadra::storage
