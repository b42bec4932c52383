// Finds the fundamental cycles of the network in the sample stream.
//
// It follows the Clarke alpha component of the voltages, v = (2 u1 - u2 - u3) / 3, which stays a
// clean sinusoid when any one phase sags or fails. v is high-passed (DC block, 0.5 Hz) and low-passed
// (two Butterworth sections at 1.2 x nominal frequency) to remove offset, harmonics and noise, then
// its positive-going zero crossings, interpolated to a fraction of a sample, mark cycle boundaries
// and its negative-going crossings mark half cycles. The filters delay v by a few milliseconds; the
// delay is the same for every cycle at a steady frequency, so periods (and windows built from them)
// are exact, merely found a little later than they end.
//
// While the voltage is absent (below 10 % of nominal) or its crossings give periods outside
// 40..70 Hz, the tracker goes on producing boundaries at the nominal period, flagged unlocked, so
// the windows stay gapless through interruptions.
#pragma once

#include <cstdint>

#include "core/metrology/sample_frame.h"

namespace quadra::metrology {

struct CycleEvent {
  enum class Kind : std::uint8_t { kNone, kHalf, kFull };
  Kind kind = Kind::kNone;
  double position = 0.0;  // sample number (fractional) of the boundary
  bool locked = false;    // true if found on the signal, false if synthesised at nominal period
};

// What one frame completed: none, one or (when a half boundary had to be synthesised just before a
// full one) two boundaries, in time order.
struct CycleEvents {
  CycleEvent event[2];
  int count = 0;
};

class CycleTracker {
 public:
  // Preconditions: sample_rate_hz >= 10 * nominal_frequency_hz; nominal_voltage_v > 0.
  CycleTracker(double sample_rate_hz, double nominal_frequency_hz, double nominal_voltage_v);

  // Feeds the conditioned frame with sample number n (consecutive from 0). Returns the boundaries
  // this frame completed, if any.
  CycleEvents push(std::int64_t n, const SampleFrame& frame);

  double nominal_period() const { return nominal_period_; }  // samples

 private:
  struct Biquad {
    double b0, b1, b2, a1, a2;
    double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    double step(double x) {
      const double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      return y;
    }
  };
  static Biquad butterworth_lowpass(double cutoff_hz, double sample_rate_hz, double q);

  void emit(CycleEvents& out, CycleEvent::Kind kind, double position, bool locked);
  void close_cycle(CycleEvents& out, double position, bool locked);

  double nominal_period_;
  double min_period_;
  double max_period_;
  double presence_level_;  // peak of v below which the voltage counts as absent
  double hp_r_;
  double hp_x1_ = 0.0, hp_y1_ = 0.0;
  Biquad lp1_, lp2_;
  double prev_ = 0.0;
  double peak_ = 0.0;           // running peak of |v| in the current cycle
  double last_peak_ = 0.0;      // peak of the previous cycle
  bool armed_positive_ = false;  // v went clearly negative since the last positive crossing
  bool armed_negative_ = false;
  double last_full_ = -1.0;     // position of the last full boundary (< 0: none yet)
  bool half_pending_ = false;   // a half boundary is due before the next full one
  bool locked_ = false;         // the last boundary was found on the signal
  std::int64_t settle_until_ = 0;  // samples to skip while the filters settle
};

}  // namespace quadra::metrology
