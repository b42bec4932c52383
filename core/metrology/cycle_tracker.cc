#include "core/metrology/cycle_tracker.h"

#include <cmath>
#include <numbers>

namespace quadra::metrology {

CycleTracker::Biquad CycleTracker::butterworth_lowpass(double cutoff_hz, double sample_rate_hz, double q) {
  // Bilinear transform with pre-warping (RBJ cookbook low-pass).
  const double w0 = 2.0 * std::numbers::pi * cutoff_hz / sample_rate_hz;
  const double alpha = std::sin(w0) / (2.0 * q);
  const double cw = std::cos(w0);
  const double a0 = 1.0 + alpha;
  Biquad b{};
  b.b0 = (1.0 - cw) / 2.0 / a0;
  b.b1 = (1.0 - cw) / a0;
  b.b2 = (1.0 - cw) / 2.0 / a0;
  b.a1 = -2.0 * cw / a0;
  b.a2 = (1.0 - alpha) / a0;
  return b;
}

CycleTracker::CycleTracker(double sample_rate_hz, double nominal_frequency_hz, double nominal_voltage_v)
    : nominal_period_(sample_rate_hz / nominal_frequency_hz),
      min_period_(sample_rate_hz / 70.0),
      max_period_(sample_rate_hz / 40.0),
      presence_level_(0.1 * nominal_voltage_v * std::numbers::sqrt2),
      hp_r_(1.0 - 2.0 * std::numbers::pi * 0.5 / sample_rate_hz),
      // Fourth-order Butterworth as two sections (Q of its pole pairs).
      lp1_(butterworth_lowpass(1.2 * nominal_frequency_hz, sample_rate_hz, 0.5411961)),
      lp2_(butterworth_lowpass(1.2 * nominal_frequency_hz, sample_rate_hz, 1.3065630)),
      settle_until_(static_cast<std::int64_t>(2.0 * sample_rate_hz / nominal_frequency_hz)) {}

void CycleTracker::emit(CycleEvents& out, CycleEvent::Kind kind, double position, bool locked) {
  out.event[out.count++] = CycleEvent{kind, position, locked};
}

// Ends the current cycle at `position`, first placing a missing half boundary mid-cycle.
void CycleTracker::close_cycle(CycleEvents& out, double position, bool locked) {
  if (half_pending_) emit(out, CycleEvent::Kind::kHalf, 0.5 * (last_full_ + position), false);
  emit(out, CycleEvent::Kind::kFull, position, locked);
  last_full_ = position;
  half_pending_ = true;
  locked_ = locked;
  last_peak_ = peak_;
  peak_ = 0.0;
}

CycleEvents CycleTracker::push(std::int64_t n, const SampleFrame& frame) {
  CycleEvents out;
  const double alpha = (2.0 * frame[Channel::kU1] - frame[Channel::kU2] - frame[Channel::kU3]) / 3.0;
  const double hp = alpha - hp_x1_ + hp_r_ * hp_y1_;
  hp_x1_ = alpha;
  hp_y1_ = hp;
  const double v = lp2_.step(lp1_.step(hp));
  const double prev = prev_;
  prev_ = v;
  const double mag = std::fabs(v);
  if (mag > peak_) peak_ = mag;
  const double pos = static_cast<double>(n);

  if (n < settle_until_) return out;

  const double level = last_peak_ > peak_ ? last_peak_ : peak_;
  const double hysteresis = 0.1 * level;
  if (v < -hysteresis) armed_positive_ = true;
  if (v > hysteresis) armed_negative_ = true;
  const bool present = level > presence_level_;

  if (prev < 0.0 && v >= 0.0 && armed_positive_ && present) {
    armed_positive_ = false;
    armed_negative_ = false;
    const double crossing = pos - 1.0 + prev / (prev - v);
    if (last_full_ < 0.0) {
      // The very first boundary: the first cycle starts here.
      half_pending_ = false;
      close_cycle(out, crossing, true);
      return out;
    }
    const double period = crossing - last_full_;
    if (period >= min_period_ && period <= max_period_) {
      close_cycle(out, crossing, true);
      return out;
    }
    if (period > max_period_) {
      // Back after an absence: one long cycle, flagged, re-anchors the boundaries on the signal.
      close_cycle(out, crossing, false);
      return out;
    }
    // Too short: noise or a frequency out of range. Skipped; the next crossing re-anchors.
  }
  if (prev > 0.0 && v <= 0.0 && armed_negative_ && present && half_pending_) {
    armed_negative_ = false;
    const double crossing = pos - 1.0 + prev / (prev - v);
    const double since = crossing - last_full_;
    if (locked_ && since >= 0.5 * min_period_ && since <= 0.5 * max_period_) {
      emit(out, CycleEvent::Kind::kHalf, crossing, true);
      half_pending_ = false;
      return out;
    }
  }
  if (last_full_ < 0.0) {
    // No voltage at start-up: start synthesising from here.
    if (pos - static_cast<double>(settle_until_) > 1.5 * nominal_period_) {
      half_pending_ = false;
      close_cycle(out, pos, false);
    }
    return out;
  }
  // Nothing found in time: a boundary at the nominal period keeps the windows gapless.
  if (pos - last_full_ > 1.5 * nominal_period_) close_cycle(out, last_full_ + nominal_period_, false);
  return out;
}

}  // namespace quadra::metrology
