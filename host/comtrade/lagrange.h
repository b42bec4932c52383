// Four-point (cubic) Lagrange interpolation over samples taken at increasing, not necessarily
// uniform, times. Used to put a multi-rate or time-stamped recording on one uniform grid.
//
// Accuracy (smooth signal, nodes spaced h apart around t): the error of a cubic through four
// nodes is at most max|f''''| * |(t-t0)(t-t1)(t-t2)(t-t3)| / 24, i.e. about (w*h)^4 * A * 9/384
// for a sine of amplitude A and angular frequency w on the middle interval: 7e-6*A at 48 samples
// per cycle, 2.3e-4*A at 20, 5.6e-4*A at 16. Harmonics lose accuracy with the fourth power of
// their order. At the two ends of the record the stencil is one-sided and the bound is ~4 times
// larger. There is no anti-alias filter: rates are only raised, never lowered, by the source.
#pragma once

#include <array>
#include <cstddef>
#include <span>

namespace quadra::comtrade {

class LagrangeInterpolator {
 public:
  // `times` must be strictly increasing and outlive the interpolator.
  explicit LagrangeInterpolator(std::span<const double> times);

  // The nodes first..first+count-1 and their weights for time t: value(t) = sum w[i]*x[first+i].
  // count is min(4, number of nodes). Times outside the record extrapolate from the end nodes.
  // Successive calls with non-decreasing t cost O(1) each.
  struct Stencil {
    std::size_t first = 0;
    std::size_t count = 0;
    std::array<double, 4> weight{};
  };
  Stencil at(double t);

 private:
  std::span<const double> times_;
  std::size_t cursor_ = 0;  // times_[cursor_] <= t < times_[cursor_+1] for the last t
};

}  // namespace quadra::comtrade
