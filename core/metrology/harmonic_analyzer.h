// Harmonic analysis of one synchronised window per IEC 61000-4-7: a real FFT over a window holding
// exactly `cycles` fundamental periods (10 at 50 Hz, 12 at 60 Hz, so the bins are 5 Hz apart), the
// fundamental phasor, and the harmonic SUBGROUPS
//     G_sg,h^2 = C(k-1)^2 + C(k)^2 + C(k+1)^2,   k = cycles * h,
// for h = 1..50, where C(k) is the rms value of bin k. THD is the subgroup THD of IEC 61000-4-7
// (THDS) over orders 2..40:  THDS = sqrt(sum_{h=2..40} G_sg,h^2) / G_sg,1.
#pragma once

#include <array>
#include <complex>
#include <cstddef>
#include <vector>

struct kiss_fftr_state;

namespace quadra::metrology {

inline constexpr unsigned kMaxHarmonicOrder = 50;
inline constexpr unsigned kThdMaxOrder = 40;

struct HarmonicSpectrum {
  std::complex<double> fundamental{};  // rms phasor of bin `cycles` (cosine reference)
  // subgroup_rms[h] for h = 1..50; index 0 holds the DC component. Orders above max_order are 0.
  std::array<double, kMaxHarmonicOrder + 1> subgroup_rms{};
  unsigned max_order = 0;  // highest order measured (<= 50)
  double thd = 0.0;        // ratio (not %), over the measured orders up to 40; 0 if no fundamental
};

class HarmonicAnalyzer {
 public:
  // points: window length, even, = cycles * points_per_cycle. Allocates its FFT state here.
  HarmonicAnalyzer(std::size_t points, unsigned cycles);
  ~HarmonicAnalyzer();
  HarmonicAnalyzer(const HarmonicAnalyzer&) = delete;
  HarmonicAnalyzer& operator=(const HarmonicAnalyzer&) = delete;

  std::size_t points() const { return points_; }

  // samples: `points` values of one channel. max_order: highest order the input can carry
  // (limited by the sampling rate), clipped to 50 and to the FFT length.
  void analyze(const float* samples, unsigned max_order, HarmonicSpectrum& out);

 private:
  std::size_t points_;
  unsigned cycles_;
  std::vector<unsigned char> fft_memory_;
  kiss_fftr_state* fft_ = nullptr;
  std::vector<std::complex<float>> bins_;
};

}  // namespace quadra::metrology
