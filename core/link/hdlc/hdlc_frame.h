// One HDLC frame of IEC 62056-46 (frame format type 3 of ISO/IEC 13239), encoded and decoded:
//
//   7E | format (2) | destination (1, 2 or 4) | source (1, 2 or 4) | control (1) |
//        [ HCS (2) | information (n) ] | FCS (2) | 7E
//
// - format: 0xA in the top 4 bits, then the segmentation bit S (more segments of the same APDU
//   follow), then an 11-bit length = the bytes between the two flags (so at most 2047);
// - addresses: each byte carries 7 address bits above an extension bit; the bit is 0 while more
//   bytes follow and 1 in the last byte. A client address is 1 byte (the client
//   SAP). A server address is the upper HDLC address (logical device) alone in 1 byte, or upper and
//   lower (physical device) in 2 bytes (7 bits each) or 4 bytes (14 bits each). 3 bytes is not a
//   valid server address;
// - HCS: CRC-16/X.25 of format..control, present only when there is an information field;
//   FCS: CRC-16/X.25 of format..information; both least significant byte first;
// - no byte stuffing: on asynchronous lines 62056-46 delimits frames by the length field, so 0x7E
//   may appear inside a frame (see frame_reader.h for the byte stream side).
//
// The decoder checks the structure only (type, length, addresses, control field, HCS, FCS); what
// a frame type may carry and what a station does with it is the stations' business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"

namespace quadra::hdlc {

inline constexpr std::uint8_t kFlag = 0x7E;
// The largest value of the 11-bit length field: bytes between the two flags.
inline constexpr std::size_t kMaxFrameLength = 2047;
// A frame on the wire with both flags.
inline constexpr std::size_t kMaxFrameBytes = kMaxFrameLength + 2;

// Reserved HDLC addresses (62056-46): no station, and the all-station (broadcast) value
// for a 7-bit (1 or 2 byte form) and a 14-bit (4 byte form) address part.
inline constexpr std::uint16_t kNoStation = 0x00;
inline constexpr std::uint16_t kAllStation7 = 0x7F;
inline constexpr std::uint16_t kAllStation14 = 0x3FFF;

struct Address {
  // Client: the client SAP (1 byte form). Server: the upper HDLC address (logical device).
  std::uint16_t upper = 0;
  // Server only: the lower HDLC address (physical device); meaningful when size is 2 or 4.
  std::uint16_t lower = 0;
  // Bytes on the wire: 1 (upper only, 7 bits), 2 (7 + 7 bits) or 4 (14 + 14 bits).
  std::uint8_t size = 1;
  friend constexpr bool operator==(const Address&, const Address&) = default;
};

constexpr Address client_address(std::uint8_t sap) { return Address{sap, 0, 1}; }
constexpr Address server_address(std::uint16_t logical, std::uint16_t physical, std::uint8_t size) {
  return Address{logical, physical, size};
}

// kInvalidArgument when the size is not 1, 2 or 4 or a part does not fit its 7 or 14 bits.
Status validate(const Address& address);

enum class FrameType : std::uint8_t {
  kI,     // information (N(S), N(R), P/F)
  kRR,    // receive ready (N(R), P/F)
  kRNR,   // receive not ready (N(R), P/F)
  kSNRM,  // set normal response mode (command, P)
  kDISC,  // disconnect (command, P)
  kUA,    // unnumbered acknowledge (response, F)
  kDM,    // disconnected mode (response, F)
  kFRMR,  // frame reject (response, F)
  kUI,    // unnumbered information (P/F)
};

const char* frame_type_name(FrameType type);

struct Control {
  FrameType type = FrameType::kI;
  bool poll_final = false;
  std::uint8_t send_seq = 0;     // N(S), 0..7, I-frames only
  std::uint8_t receive_seq = 0;  // N(R), 0..7, I, RR and RNR only
  friend constexpr bool operator==(const Control&, const Control&) = default;
};

// The control byte (62056-46, modulo 8). Sequence numbers are taken modulo 8.
std::uint8_t encode_control(const Control& control);
// False for a control byte that 62056-46 does not use (REJ, SREJ, SABM, XID, TEST, ...).
bool decode_control(std::uint8_t byte, Control* out);

struct Frame {
  Address destination;
  Address source;
  Control control;
  bool segmented = false;  // the format field's S bit
  // decode_frame: the control byte as received (for FRMR). encode_frame ignores it.
  std::uint8_t control_byte = 0;
  // The information field; empty means no HCS and no information field on the wire. After
  // decode_frame it points into the decoded bytes.
  std::span<const std::uint8_t> info;
};

enum class FrameError : std::uint8_t {
  kNone,
  kTooShort,        // fewer bytes than the smallest frame (7 between the flags)
  kFormatType,      // the top 4 bits of the format field are not 0xA
  kLengthMismatch,  // the length field disagrees with the bytes given
  kAddress,         // an address longer than 4 bytes, 3 bytes long, or cut by the frame's end
  kControl,         // a control field 62056-46 does not use
  kHcs,             // header check sequence wrong
  kFcs,             // frame check sequence wrong
  kMalformed,       // bytes after the control field that are neither FCS nor HCS+info+FCS
};

// A precise Status for an error (kCorruption for damaged bytes, kInvalidArgument otherwise).
Status frame_error_status(FrameError error);

// Decodes the bytes between the flags (format field .. FCS). The FCS is checked first, so a
// damaged frame reports kFcs whatever else is wrong with it. *out is written on kNone, and on
// kControl with the addresses and segmentation bit (the control field stays default).
FrameError decode_frame(std::span<const std::uint8_t> bytes, Frame* out);

// Bytes encode_frame writes for `frame`, both flags included.
std::size_t encoded_size(const Frame& frame);

// Writes the frame with both flags into `out`. kInvalidArgument for an invalid address or a frame
// longer than 2047 bytes between its flags, kCapacity when `out` is too small.
Status encode_frame(const Frame& frame, std::span<std::uint8_t> out, std::size_t* written);

}  // namespace quadra::hdlc
