// When did an abrupt voltage change happen, given Urms(1/2) values around the one that crossed?
//
// Urms(1/2) is the rms of the one cycle (length T) that ends at a half-cycle boundary. Across a step
// at t0, its square r(e), as a function of the window's end e, is `base` up to t0, then ramps to the
// new level over [t0, t0 + T] (linearly, plus a ripple at twice the fundamental of at most 1/(4 pi)
// of the step that repeats every half cycle), then stays. The value that first crosses a threshold,
// at e, has t0 inside its window (e - T, e]; the value at e - T therefore is still `base`, and of the
// two half-cycle differences r(e) - r(e - T/2) and r(e + T/2) - r(e) the one that lies on the ramp
// is the steeper (the other runs partly flat). Since the ripple repeats every half cycle it cancels
// in that difference, so the slope is exact and
//     t0 = e - (r(e) - base) / slope
// is off by the ripple only, at most about T / (2 pi) (3.2 ms at 50 Hz; 3.8 ms is the worst measured
// over depths 0..85 % and all points on wave in voltage_monitor_test) for any point on wave, where stamping the window's start
// or end would be off by up to a cycle. The estimate is clamped to the window; without a usable slope
// (no change, or a gradual drift) it falls back to the window's centre.
//
// The price: the value after e is needed, so events are reported half a cycle later.
#pragma once

#include <algorithm>
#include <cmath>

namespace quadra::quality {

// base, before, at, after: Urms(1/2) squared at e - T, e - T/2, e, e + T/2. period_s = T > 0.
inline double step_time(double base, double before, double at, double after, double e, double period_s) {
  const double change = at - base;
  const double d1 = at - before;
  const double d2 = after - at;
  const double d = std::abs(d1) > std::abs(d2) ? d1 : d2;
  const double centre = e - 0.5 * period_s;
  // The slope must run the way of the change, and be more than rounding noise.
  if (d * change <= 0.0 || std::abs(d) <= 1e-9 * std::max(std::abs(at), std::abs(base))) return centre;
  const double t0 = e - change / (d / (0.5 * period_s));
  return std::clamp(t0, e - period_s, e);
}

}  // namespace quadra::quality
