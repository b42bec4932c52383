// The IEC 62056-47 TCP/UDP wrapper ("DLMS/COSEM transport layer for IPv4 networks", also in
// the Green Book): every xDLMS APDU travels behind an 8-byte header of four big-endian 16-bit fields,
//
//   version (0x0001) | source wPort | destination wPort | length of the APDU
//
// wPorts name the application processes: on the client side 1 is the client management process
// and 16 the public client; on the server side 1 is the management logical device, 0x7F the
// broadcast. A wrapper frame carries one whole APDU (no segmentation in this layer).
//
// Reassembler cuts a TCP byte stream into frames, whatever the chunking. It stores the APDU in a
// buffer given at construction, whose size is the largest APDU accepted. A header with another
// version or a length above that maximum is fatal for the connection: the stream cannot be
// resynchronised, so the host closes it (the Status says why, and the reassembler refuses
// everything until reset()).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "core/common/status.h"

namespace quadra::wrapper {

inline constexpr std::size_t kHeaderSize = 8;
inline constexpr std::uint16_t kVersion = 0x0001;

struct WrapperFrame {
  std::uint16_t source = 0;       // wPort of the sender
  std::uint16_t destination = 0;  // wPort of the receiver
  std::span<const std::uint8_t> apdu;
};

// Writes header + APDU into `out`. kInvalidArgument for an APDU above 65535 bytes, kCapacity when
// `out` is too small.
Status encode(std::uint16_t source, std::uint16_t destination, std::span<const std::uint8_t> apdu,
              std::span<std::uint8_t> out, std::size_t* written);

// The answer to `request`: source and destination wPorts swapped.
inline Status encode_response(const WrapperFrame& request, std::span<const std::uint8_t> apdu,
                              std::span<std::uint8_t> out, std::size_t* written) {
  return encode(request.destination, request.source, apdu, out, written);
}

class Reassembler {
 public:
  // Precondition: `apdu_storage` outlives the reassembler; its size (at most 65535 is useful) is
  // the largest APDU accepted.
  explicit Reassembler(std::span<std::uint8_t> apdu_storage) : storage_(apdu_storage) {}

  struct [[nodiscard]] FeedResult {
    Status status;             // not ok: fatal, close the connection
    std::size_t consumed = 0;  // bytes taken from the front of the input
  };

  // Takes bytes until a frame is complete (then the rest is left for the next call, after
  // take_frame()) or the input runs out. While a complete frame waits to be taken, nothing is
  // consumed.
  FeedResult feed(std::span<const std::uint8_t> bytes);

  // The complete frame, once; its APDU stays valid until the next feed() or reset().
  std::optional<WrapperFrame> take_frame();

  // True between the first byte of a frame and its end (a connection closed now lost a frame).
  bool in_frame() const { return header_len_ > 0 && !ready_; }

  void reset();

 private:
  std::span<std::uint8_t> storage_;
  std::array<std::uint8_t, kHeaderSize> header_{};
  std::size_t header_len_ = 0;
  std::size_t apdu_len_ = 0;  // from the header
  std::size_t have_ = 0;      // APDU bytes received
  bool ready_ = false;
  Status failed_;
};

}  // namespace quadra::wrapper
