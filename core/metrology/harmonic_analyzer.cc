#include "core/metrology/harmonic_analyzer.h"

#include <kiss_fftr.h>

#include <cmath>

namespace quadra::metrology {

static_assert(sizeof(kiss_fft_cpx) == sizeof(std::complex<float>));

HarmonicAnalyzer::HarmonicAnalyzer(std::size_t points, unsigned cycles)
    : points_(points), cycles_(cycles), bins_(points / 2 + 1) {
  std::size_t bytes = 0;
  kiss_fftr_alloc(static_cast<int>(points), 0, nullptr, &bytes);
  fft_memory_.resize(bytes);
  fft_ = kiss_fftr_alloc(static_cast<int>(points), 0, fft_memory_.data(), &bytes);
}

HarmonicAnalyzer::~HarmonicAnalyzer() = default;  // the state lives in fft_memory_

void HarmonicAnalyzer::analyze(const float* samples, unsigned max_order, HarmonicSpectrum& out) {
  auto* bins = reinterpret_cast<kiss_fft_cpx*>(bins_.data());
  kiss_fftr(fft_, samples, bins);

  const double n = static_cast<double>(points_);
  const double scale = std::sqrt(2.0) / n;  // bin -> rms of a cosine at that frequency
  auto rms2 = [&](std::size_t k) {
    const double re = bins[k].r;
    const double im = bins[k].i;
    return (re * re + im * im) * scale * scale;
  };

  const std::size_t last_bin = points_ / 2;
  unsigned top = max_order < kMaxHarmonicOrder ? max_order : kMaxHarmonicOrder;
  while (top > 0 && cycles_ * top + 1 > last_bin) --top;

  out = HarmonicSpectrum{};
  out.max_order = top;
  out.subgroup_rms[0] = std::fabs(static_cast<double>(bins[0].r)) / n;
  out.fundamental = std::complex<double>(bins[cycles_].r, bins[cycles_].i) * scale;
  for (unsigned h = 1; h <= top; ++h) {
    const std::size_t k = static_cast<std::size_t>(cycles_) * h;
    out.subgroup_rms[h] = std::sqrt(rms2(k - 1) + rms2(k) + rms2(k + 1));
  }
  const double g1 = out.subgroup_rms[1];
  if (g1 > 0.0) {
    double sum = 0.0;
    for (unsigned h = 2; h <= top && h <= kThdMaxOrder; ++h) sum += out.subgroup_rms[h] * out.subgroup_rms[h];
    out.thd = std::sqrt(sum) / g1;
  }
}

}  // namespace quadra::metrology
