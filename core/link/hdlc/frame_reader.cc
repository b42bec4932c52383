#include "core/link/hdlc/frame_reader.h"

namespace quadra::hdlc {

FrameReader::Event FrameReader::push(std::uint8_t b) {
  switch (state_) {
    case State::kHunt:
      if (b == kFlag) state_ = State::kAfterFlag;
      return Event::kNone;
    case State::kAfterFlag:
      if (b == kFlag) return Event::kNone;  // inter-frame fill or an empty frame
      if ((b & 0xF0U) != 0xA0U) {
        state_ = State::kHunt;
        return Event::kDiscarded;
      }
      buffer_[0] = b;
      state_ = State::kFormat2;
      return Event::kNone;
    case State::kFormat2: {
      buffer_[1] = b;
      length_ = (static_cast<std::size_t>(buffer_[0] & 0x07U) << 8) | b;
      if (length_ < 7) {
        state_ = b == kFlag ? State::kAfterFlag : State::kHunt;
        return Event::kDiscarded;
      }
      count_ = 2;
      state_ = State::kBody;
      return Event::kNone;
    }
    case State::kBody:
      buffer_[count_++] = b;
      if (count_ == length_) state_ = State::kClosing;
      return Event::kNone;
    case State::kClosing:
      if (b == kFlag) {
        state_ = State::kAfterFlag;  // the closing flag may open the next frame
        return Event::kFrame;
      }
      state_ = State::kHunt;
      return Event::kDiscarded;
  }
  return Event::kNone;
}

}  // namespace quadra::hdlc
