#include "core/metrology/band_limited_resampler.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>

namespace quadra::metrology {
namespace {

// Modified Bessel function of the first kind, order 0 (power series; converges fast for x < 30).
double bessel_i0(double x) {
  double sum = 1.0;
  double term = 1.0;
  const double q = x * x / 4.0;
  for (int k = 1; k < 200; ++k) {
    term *= q / (static_cast<double>(k) * static_cast<double>(k));
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

double sinc(double x) {
  if (std::fabs(x) < 1e-12) return 1.0;
  const double px = std::numbers::pi * x;
  return std::sin(px) / px;
}

// Pure interpolation (the output never decimates), so the cut-off sits at the input's Nyquist
// frequency. A Kaiser window with beta 10 (~100 dB) keeps the pass-band ripple near 1e-5, which the
// fundamental's magnitude (and so reactive power) needs; its transition band is about
// 3.2 / half_width of the sampling rate wide, centred on the cut-off.
constexpr double kCutoff = 0.5;  // fraction of the input sampling rate
constexpr double kBeta = 10.0;

// Four float lanes: one SSE or NEON register (scalar code where there is no SIMD).
using Quad = float __attribute__((vector_size(16)));

}  // namespace

BandLimitedResampler::BandLimitedResampler(unsigned half_width)
    : half_width_(half_width),
      passband_edge_(kCutoff - 1.6 / static_cast<double>(half_width)),
      table_((kPhases + 1) * 2 * half_width) {
  const std::size_t taps = 2 * static_cast<std::size_t>(half_width);
  const double k = static_cast<double>(half_width);
  const double rho = 2.0 * kCutoff;  // cut-off relative to the input Nyquist frequency
  const double i0_beta = bessel_i0(kBeta);
  for (std::size_t p = 0; p <= kPhases; ++p) {
    const double frac = static_cast<double>(p) / static_cast<double>(kPhases);
    float* row = &table_[p * taps];
    double sum = 0.0;
    std::array<double, 128> w{};
    for (std::size_t m = 0; m < taps; ++m) {
      const double d = frac + k - 1.0 - static_cast<double>(m);  // distance to the tap, samples
      const double r = d / k;
      const double window = r * r < 1.0 ? bessel_i0(kBeta * std::sqrt(1.0 - r * r)) / i0_beta : 0.0;
      w[m] = rho * sinc(rho * d) * window;
      sum += w[m];
    }
    // Unit gain at DC for every phase: the fundamental then carries no phase-dependent ripple.
    for (std::size_t m = 0; m < taps; ++m) row[m] = static_cast<float>(w[m] / sum);
  }
}

void BandLimitedResampler::resample(const SampleHistory& history, double first, double step,
                                    std::size_t count, const std::array<float*, 8>& out) const {
  const std::size_t taps = 2 * static_cast<std::size_t>(half_width_);
  const std::int64_t hw = half_width_;
  for (std::size_t j = 0; j < count; ++j) {
    const double t = first + static_cast<double>(j) * step;
    const double base = std::floor(t);
    // Kernel at this fractional position: linear interpolation between the two nearest phases
    // (the residual error is below 1e-7 of full scale).
    const double scaled = (t - base) * static_cast<double>(kPhases);
    const double row = std::floor(scaled);
    const auto phase = static_cast<std::size_t>(row);
    const auto mix = static_cast<float>(scaled - row);
    const float* w0 = &table_[phase * taps];
    const float* w1 = phase < kPhases ? w0 + taps : w0;
    std::array<float, 128> w;
    for (std::size_t m = 0; m < taps; ++m) w[m] = w0[m] + mix * (w1[m] - w0[m]);
    const std::int64_t n0 = static_cast<std::int64_t>(base) - hw + 1;
    // The eight lanes of a frame as two four-lane vectors (GCC/Clang vector extension).
    Quad lo = {}, hi = {};
    // Within the ring the taps are consecutive frames, except where they wrap around its end.
    const HistoryFrame* run = history.contiguous(n0, taps);
    for (std::size_t m = 0; m < taps; ++m) {
      const float* lane = run != nullptr ? run[m].lane.data() : history.at(n0 + static_cast<std::int64_t>(m)).lane.data();
      Quad x0, x1;
      std::memcpy(&x0, lane, sizeof x0);
      std::memcpy(&x1, lane + 4, sizeof x1);
      lo += w[m] * x0;
      hi += w[m] * x1;
    }
    for (std::size_t c = 0; c < 4; ++c) {
      if (out[c] != nullptr) out[c][j] = lo[c];
      if (out[4 + c] != nullptr) out[4 + c][j] = hi[c];
    }
  }
}

}  // namespace quadra::metrology
