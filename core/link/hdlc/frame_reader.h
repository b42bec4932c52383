// Cuts a byte stream into HDLC frames (IEC 62056-46 on an asynchronous line or a TCP stream).
//
// A frame starts after a flag (0x7E); its format field's 11-bit length says how many bytes
// follow up to the closing flag; there is no byte stuffing, so 0x7E inside a frame is data. The
// closing flag may also open the next frame (flag sharing), and extra flags between frames are
// skipped. A frame whose closing flag is missing, whose format type is not 0xA or whose length is
// below 7 is discarded, and the reader hunts for the next flag. The reader does not check the
// HCS or FCS: decode_frame does.
//
// Time: the reader knows none. The owner calls abandon() when the inter-octet timeout of
// 62056-46 runs out in the middle of a frame.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/link/hdlc/hdlc_frame.h"

namespace quadra::hdlc {

class FrameReader {
 public:
  enum class Event : std::uint8_t {
    kNone,       // byte taken, no frame yet
    kFrame,      // a frame is complete: frame() holds it (bytes between the flags)
    kDiscarded,  // the bytes of a broken frame were dropped (missing closing flag, bad format)
  };

  Event push(std::uint8_t byte);

  // After kFrame, until the next push: the format field .. FCS.
  std::span<const std::uint8_t> frame() const { return {buffer_.data(), length_}; }

  // True between an opening flag followed by frame bytes and the frame's end.
  bool in_frame() const { return state_ == State::kFormat2 || state_ == State::kBody || state_ == State::kClosing; }

  // Drops a partial frame (inter-octet timeout) and hunts for the next flag.
  void abandon() { state_ = State::kHunt; }

 private:
  enum class State : std::uint8_t { kHunt, kAfterFlag, kFormat2, kBody, kClosing };
  State state_ = State::kHunt;
  std::size_t count_ = 0;
  std::size_t length_ = 0;
  std::array<std::uint8_t, kMaxFrameLength> buffer_{};
};

}  // namespace quadra::hdlc
