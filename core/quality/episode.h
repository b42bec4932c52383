// One condition's life: idle -> pending (crossed, not yet long enough) -> active (reported) -> idle.
// Every detector of the monitor is one Episode fed with two booleans per measurement:
//   beyond: the value is past the START level (e.g. Urms(1/2) < 90 % Udin),
//   back:   the value is past the END level (e.g. Urms(1/2) >= 92 % Udin).
// The levels differ by the hysteresis, so neither holds in between and the state then stays as it is:
// a value hovering in the band neither starts nor ends anything.
//
// Minimum duration: a pending condition becomes active (kStarted) once end_stamp - start >= the
// minimum; one that goes back before that is dropped (kCancelled) and never reported. With a minimum
// of 0 the first crossing starts it at once. The start time is the start stamp of the first crossing
// measurement, whatever the minimum.
//
// Extreme: the lowest (kMin) or highest (kMax) value offered while pending or active; the measurement
// that ends the episode is not part of it.
#pragma once

#include <cstdint>

namespace quadra::quality {

enum class Extreme : std::uint8_t { kMin, kMax };

class Episode {
 public:
  enum class Step : std::uint8_t { kNone, kStarted, kEnded, kCancelled };

  // Precondition: min_duration_s >= 0.
  Episode(double min_duration_s, Extreme extreme) : min_duration_s_(min_duration_s), extreme_kind_(extreme) {}

  // One measurement. start_stamp: the time this measurement would give as a start; end_stamp: the
  // time it would give as an end (and the time up to which the condition is known to hold).
  // Precondition: not (beyond && back). An end stamp before the start gives a duration of 0.
  Step update(bool beyond, bool back, double value, double start_stamp, double end_stamp);

  // A new minimum duration (>= 0), from the next measurement on: a pending condition is judged
  // against it, an active one stays active.
  void set_min_duration(double min_duration_s) { min_duration_s_ = min_duration_s; }

  bool active() const { return state_ == State::kActive; }
  bool pending() const { return state_ == State::kPending; }
  // Valid while pending or active, and after kEnded until the next start.
  double start_s() const { return start_s_; }
  double extreme() const { return extreme_; }
  // Valid after kEnded.
  double end_s() const { return end_s_; }
  double duration_s() const { return end_s_ - start_s_; }

 private:
  enum class State : std::uint8_t { kIdle, kPending, kActive };
  void track(double value);

  double min_duration_s_;
  Extreme extreme_kind_;
  State state_ = State::kIdle;
  double start_s_ = 0.0;
  double end_s_ = 0.0;
  double extreme_ = 0.0;
};

}  // namespace quadra::quality
