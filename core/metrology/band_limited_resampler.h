// Band-limited interpolation of the sample history at arbitrary (fractional) sample positions:
// a Kaiser-windowed sinc kernel tabulated in 1024 phases. The metrology uses it to resample each
// 10/12-cycle window onto a grid of exactly an integer number of points per fundamental cycle, so
// that the harmonic analysis is synchronised to the fundamental as IEC 61000-4-7 requires, whatever
// the fixed ADC rate and the grid frequency.
//
// Accuracy: with 24 taps a side the kernel's gain is within 3e-5 of one up to passband_edge()
// (0.433 of the input sampling rate) and within 3e-6 at the fundamental; components above the edge
// are attenuated, so harmonics above that frequency are reported as not measurable.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "core/metrology/sample_history.h"

namespace quadra::metrology {

class BandLimitedResampler {
 public:
  static constexpr std::size_t kPhases = 1024;

  // half_width: taps on each side (8..64).
  explicit BandLimitedResampler(unsigned half_width);

  unsigned half_width() const { return half_width_; }
  // Highest frequency, as a fraction of the input sampling rate, interpolated within 1e-4.
  double passband_edge() const { return passband_edge_; }

  // Writes out[c][j] = channel c interpolated at position first + j * step (in samples), for
  // j < count and the 8 lanes of the history.
  // Preconditions: history.holds(floor(first) - half_width + 1, floor(last) + half_width + 1) for
  // last = first + (count - 1) * step; each out[c] has room for count floats.
  void resample(const SampleHistory& history, double first, double step, std::size_t count,
                const std::array<float*, 8>& out) const;

 private:
  unsigned half_width_;
  double passband_edge_;
  std::vector<float> table_;  // kPhases + 1 rows of 2 * half_width taps
};

}  // namespace quadra::metrology
