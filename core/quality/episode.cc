#include "core/quality/episode.h"

namespace quadra::quality {

void Episode::track(double value) {
  if (extreme_kind_ == Extreme::kMin ? value < extreme_ : value > extreme_) extreme_ = value;
}

Episode::Step Episode::update(bool beyond, bool back, double value, double start_stamp, double end_stamp) {
  switch (state_) {
    case State::kIdle:
      if (!beyond) return Step::kNone;
      state_ = State::kPending;
      start_s_ = start_stamp;
      extreme_ = value;
      [[fallthrough]];
    case State::kPending:
      if (back) {
        state_ = State::kIdle;
        return Step::kCancelled;
      }
      track(value);
      if (end_stamp - start_s_ >= min_duration_s_) {
        state_ = State::kActive;
        return Step::kStarted;
      }
      return Step::kNone;
    case State::kActive:
      if (back) {
        state_ = State::kIdle;
        // Estimated stamps of an episode shorter than half a cycle may cross; never a negative length.
        end_s_ = end_stamp > start_s_ ? end_stamp : start_s_;
        return Step::kEnded;
      }
      track(value);
      return Step::kNone;
  }
  return Step::kNone;
}

}  // namespace quadra::quality
