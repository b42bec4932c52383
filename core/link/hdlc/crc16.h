// CRC-16/X.25, the frame check sequence FCS-16 of RFC 1662 (appendix C) that IEC 62056-46 uses
// for both the header check sequence (HCS) and the frame check sequence (FCS) of an HDLC frame.
//
// Parameters (Rocksoft model): width 16, polynomial 0x1021 (bit-reversed 0x8408), initial value
// 0xFFFF, input and output reflected, final XOR 0xFFFF. Check value: CRC of the ASCII string
// "123456789" = 0x906E.
//
// On the wire the 16-bit result goes least significant byte first. A receiver that runs the
// register (crc16_update from kCrc16Init, no final XOR) over the data *and* the two check bytes
// ends with kCrc16Good (RFC 1662's PPPGOODFCS16) when nothing was damaged.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace quadra::hdlc {

inline constexpr std::uint16_t kCrc16Init = 0xFFFF;
inline constexpr std::uint16_t kCrc16Good = 0xF0B8;

namespace detail {
constexpr std::array<std::uint16_t, 256> make_crc16_table() {
  std::array<std::uint16_t, 256> table{};
  for (unsigned i = 0; i < 256; ++i) {
    unsigned v = i;
    for (int bit = 0; bit < 8; ++bit) v = (v & 1U) != 0 ? (v >> 1) ^ 0x8408U : v >> 1;
    table[i] = static_cast<std::uint16_t>(v);
  }
  return table;
}
inline constexpr std::array<std::uint16_t, 256> kCrc16Table = make_crc16_table();
}  // namespace detail

// Runs the CRC register over `data` (no final XOR): chain calls to checksum data in pieces.
constexpr std::uint16_t crc16_update(std::uint16_t crc, std::span<const std::uint8_t> data) {
  for (const std::uint8_t b : data) {
    crc = static_cast<std::uint16_t>((crc >> 8) ^ detail::kCrc16Table[(crc ^ b) & 0xFFU]);
  }
  return crc;
}

// The complete CRC-16/X.25 of `data` (initial value, final XOR): the value to transmit.
constexpr std::uint16_t crc16_x25(std::span<const std::uint8_t> data) {
  return static_cast<std::uint16_t>(crc16_update(kCrc16Init, data) ^ 0xFFFFU);
}

}  // namespace quadra::hdlc
