// The HDLC parameter negotiation carried in the information field of SNRM and UA
// (IEC 62056-46, after the parameter field of ISO/IEC 13239):
//
//   81 (format identifier) 80 (group identifier) L (group length) { id len value }...
//     id 05 maximum information field length, transmit     (value 1 or 2 bytes on the wire)
//     id 06 maximum information field length, receive
//     id 07 window size, transmit                          (value 4 bytes on the wire)
//     id 08 window size, receive
//
// Values are unsigned, most significant byte first, 1 to 4 bytes long. Each side states them
// from its own point of view: the client's SNRM "transmit" is what the client will send, the
// server's UA "transmit" is what the server will send. A parameter that is absent takes the
// default of 62056-46: 128 bytes and a window of 1; an SNRM or UA without an information field
// means all four defaults.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"

namespace quadra::hdlc {

inline constexpr std::uint32_t kDefaultMaxInfo = 128;
inline constexpr std::uint32_t kDefaultWindow = 1;
// Limits of this implementation: an information field fits a 2047-byte frame with 4-byte
// addresses (2047 - 15 = 2032; the HDLC setup object, IC 23, allows 32..2030), and modulo-8
// sequence numbers allow at most 7 frames outstanding.
inline constexpr std::uint32_t kMaxInfoLimit = 2030;
inline constexpr std::uint32_t kMaxWindow = 7;

struct LinkParams {
  std::uint32_t max_info_tx = kDefaultMaxInfo;  // bytes per information field, as sent
  std::uint32_t max_info_rx = kDefaultMaxInfo;  // bytes per information field, as received
  std::uint32_t window_tx = kDefaultWindow;     // frames sent before an acknowledgement is needed
  std::uint32_t window_rx = kDefaultWindow;     // frames received before one must be acknowledged
  friend constexpr bool operator==(const LinkParams&, const LinkParams&) = default;
};

// The same parameters seen from the other end (transmit and receive swapped).
constexpr LinkParams peer_view(const LinkParams& p) {
  return LinkParams{p.max_info_rx, p.max_info_tx, p.window_rx, p.window_tx};
}

// Decodes an SNRM or UA information field (empty = all defaults). Unknown parameter ids inside
// the group are skipped. Errors (kInvalidArgument, field "hdlc.params"): a format identifier
// other than 0x81, a group other than 0x80, a group length that disagrees with the bytes, a value
// of 0 or of more than 4 bytes, a parameter cut short.
Status decode_params(std::span<const std::uint8_t> info, LinkParams* out);

// Encodes all four parameters (information field lengths in 1 byte below 256, else 2; windows in
// 4 bytes, as the Gurux client and common meters do), or, with `omit_defaults`, only those that
// differ from the defaults (nothing at all when all are defaults: then *written is 0 and the
// frame goes without an information field). At most 23 bytes. kCapacity when `out` is too small,
// kInvalidArgument for a value of 0 or an information field length above 65535.
Status encode_params(const LinkParams& params, bool omit_defaults, std::span<std::uint8_t> out,
                     std::size_t* written);
inline constexpr std::size_t kMaxParamsBytes = 23;

// The server's side of the negotiation: what it will use (its own point of view) given the
// client's proposal (the client's point of view) and its own maxima (its own point of view).
// Each value is the smaller of what the client offers and what the server supports.
LinkParams negotiate(const LinkParams& client_proposal, const LinkParams& server_max);

// kInvalidArgument unless 1 <= max info <= kMaxInfoLimit and 1 <= window <= kMaxWindow.
Status validate(const LinkParams& params);

}  // namespace quadra::hdlc
