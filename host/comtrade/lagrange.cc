#include "host/comtrade/lagrange.h"

#include <algorithm>

namespace quadra::comtrade {

LagrangeInterpolator::LagrangeInterpolator(std::span<const double> times) : times_(times) {}

LagrangeInterpolator::Stencil LagrangeInterpolator::at(double t) {
  Stencil s;
  const std::size_t n = times_.size();
  if (n == 0) return s;
  if (n == 1) {
    s.count = 1;
    s.weight[0] = 1.0;
    return s;
  }
  // Locate the interval [times_[k], times_[k+1]) holding t (clamped to the first/last one).
  if (t < times_[cursor_]) {
    const auto it = std::upper_bound(times_.begin(), times_.end(), t);
    cursor_ = it == times_.begin() ? 0 : static_cast<std::size_t>(it - times_.begin()) - 1;
  }
  while (cursor_ + 2 < n && times_[cursor_ + 1] <= t) ++cursor_;
  if (cursor_ + 1 >= n) cursor_ = n - 2;
  s.count = std::min<std::size_t>(4, n);
  // Centre the stencil on the interval: nodes k-1, k, k+1, k+2, shifted inside the record.
  std::size_t first = cursor_ > 0 ? cursor_ - 1 : 0;
  first = std::min(first, n - s.count);
  s.first = first;
  for (std::size_t i = 0; i < s.count; ++i) {
    double w = 1.0;
    const double xi = times_[first + i];
    for (std::size_t j = 0; j < s.count; ++j) {
      if (j == i) continue;
      const double xj = times_[first + j];
      w *= (t - xj) / (xi - xj);
    }
    s.weight[i] = w;
  }
  return s;
}

}  // namespace quadra::comtrade
