// The character-level messages of IEC 62056-21 (direct local data exchange, formerly IEC 61107):
// control characters, the block check character, baud rate characters, and the data set
// "address(value*unit)" that readouts and programming commands carry.
//
//   request          / ? [device address] ! CR LF
//   identification   / X X X Z [\W] ident CR LF     (XXX manufacturer, Z baud rate character,
//                                                   \2 = "binary mode (HDLC) available": mode E)
//   option select    ACK V Z Y CR LF                (V protocol control, Y mode control)
//   data message     STX data-block ! CR LF ETX BCC (readout) / STX data-block ETX BCC (answer)
//   command          SOH C D STX data-set ETX BCC   (programming mode: P0/P1/R1/W1...)
//   break            SOH B 0 ETX BCC
//
// BCC: the XOR of every character after the first SOH or STX up to and including ETX (7-bit
// ASCII, so the BCC is 7-bit too).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/common/status.h"

namespace quadra::iec62056_21 {

inline constexpr std::uint8_t kSoh = 0x01;
inline constexpr std::uint8_t kStx = 0x02;
inline constexpr std::uint8_t kEtx = 0x03;
inline constexpr std::uint8_t kEot = 0x04;
inline constexpr std::uint8_t kAck = 0x06;
inline constexpr std::uint8_t kNak = 0x15;
inline constexpr std::uint8_t kCr = 0x0D;
inline constexpr std::uint8_t kLf = 0x0A;

// Field limits of the standard's data set (address, value, unit) and messages.
inline constexpr std::size_t kMaxAddress = 16;
inline constexpr std::size_t kMaxValue = 32;
inline constexpr std::size_t kMaxUnit = 16;
inline constexpr std::size_t kMaxIdentification = 16;
inline constexpr std::size_t kMaxDeviceAddress = 32;

// XOR of `bytes` (callers pass what follows SOH/STX, up to and including ETX).
constexpr std::uint8_t bcc(std::span<const std::uint8_t> bytes, std::uint8_t start = 0) {
  for (const std::uint8_t b : bytes) start = static_cast<std::uint8_t>(start ^ b);
  return start;
}

// Mode C baud rate characters: '0' 300, '1' 600, '2' 1200, '3' 2400, '4' 4800, '5' 9600,
// '6' 19200. 0 / '\0' for anything else.
std::uint32_t baud_of_char(char z);
char char_of_baud(std::uint32_t baud);

// One value of a data set: `value` and, if not empty, `unit` ("000123.456", "kWh").
struct DataSetValue {
  std::string_view value;
  std::string_view unit;
};

// Formats the data set `address(v1*u1)(v2*u2)...` into `out` (no CR LF) and sets *size.
// `address` may be empty (a value without address, as in a password message) and may carry a
// billing period after '*' ("1.8.1*12"). Refused with kInvalidArgument: an address over 16, a
// value over 32 or a unit over 16 characters, any of ( ) / ! or a control character inside
// them, or '*' in a value or unit; kCapacity when `out` is too small.
Status format_data_set(std::string_view address, std::span<const DataSetValue> values, std::span<char> out,
                       std::size_t* size);

// A fixed-point value as meters print it: `scaled` / 10^decimals, the integer part zero-padded
// to `integer_digits` ("000123.456" for 123456, 3 decimals, 6 digits; "-0001.5" for -15, 1, 4).
// kInvalidArgument for decimals > 9 or integer_digits > 18; kCapacity when `out` is too small.
Status format_fixed(std::int64_t scaled, int decimals, int integer_digits, std::span<char> out, std::size_t* size);

// The VDEW time stamp YYMMDDhhmm ("2611251415" = 2026-11-25 14:15). Precondition: plausible
// ranges; `out` must hold 10 characters (else kCapacity).
Status format_timestamp(int year, int month, int day, int hour, int minute, std::span<char> out, std::size_t* size);

// A programming-mode command message taken apart: `SOH C D STX data ETX BCC` or `SOH C D ETX BCC`.
struct Command {
  char command = 0;  // 'P' password, 'W' write, 'R' read, 'E' execute, 'B' break
  char type = 0;     // '0'..'9'
  bool has_data = false;
  std::string_view address;  // the data set's address (may be empty: "(password)")
  std::string_view value;    // what is inside the first parentheses (may be empty)
};

// Parses one complete command message (SOH through BCC). kCorruption with a precise reason for a
// wrong frame or a BCC mismatch ("iec62056_21.command: BCC mismatch"); the views point into `bytes`.
Status parse_command(std::span<const std::uint8_t> bytes, Command* out);

}  // namespace quadra::iec62056_21
