#include "core/metrology/band_limited_resampler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/metrology/harmonic_analyzer.h"

namespace quadra::metrology {
namespace {

// Fills the history with a cosine of the given frequency (cycles per sample) on lane 0.
SampleHistory cosine_history(double f, std::size_t n, double phase = 0.3) {
  SampleHistory h(n);
  for (std::size_t k = 0; k < n; ++k) {
    SampleFrame fr;
    fr.value[0] = static_cast<float>(std::cos(2.0 * std::numbers::pi * f * static_cast<double>(k) + phase));
    h.push(fr);
  }
  return h;
}

TEST(BandLimitedResampler, InterpolatesWithinPassbandToOneIn10000) {
  BandLimitedResampler r(24);
  ASSERT_GT(r.passband_edge(), 0.43);
  for (double f : {0.0078125, 0.1, 0.25, 0.39, r.passband_edge()}) {
    SampleHistory h = cosine_history(f, 4096);
    std::vector<float> out(500);
    std::array<float*, 8> lanes{};
    lanes[0] = out.data();
    const double first = 1000.37, step = 0.913;
    r.resample(h, first, step, out.size(), lanes);
    double worst = 0;
    for (std::size_t j = 0; j < out.size(); ++j) {
      const double t = first + static_cast<double>(j) * step;
      const double truth = std::cos(2.0 * std::numbers::pi * f * t + 0.3);
      worst = std::fmax(worst, std::fabs(out[j] - truth));
    }
    EXPECT_LT(worst, f < 0.01 ? 1e-5 : 1e-4) << "frequency " << f << " cycles/sample";
  }
}

TEST(HarmonicAnalyzer, SubgroupsOfASynchronisedWindow) {
  // 10 cycles of 144 points: fundamental 100 rms, 5th harmonic 7 % at 30 deg, an interharmonic
  // at 5.5 x f (between subgroups 5 and 6, falls in neither subgroup's centre bin).
  const unsigned cycles = 10;
  const std::size_t per = 144, n = cycles * per;
  std::vector<float> x(n);
  for (std::size_t k = 0; k < n; ++k) {
    const double t = static_cast<double>(k) / static_cast<double>(per);  // in cycles
    x[k] = static_cast<float>(100.0 * std::sqrt(2.0) * std::cos(2 * std::numbers::pi * t) +
                              7.0 * std::sqrt(2.0) * std::cos(2 * std::numbers::pi * 5 * t + 0.5236) +
                              2.0 * std::sqrt(2.0) * std::cos(2 * std::numbers::pi * 5.5 * t));
  }
  HarmonicAnalyzer a(n, cycles);
  HarmonicSpectrum s;
  a.analyze(x.data(), 50, s);
  EXPECT_NEAR(std::abs(s.fundamental), 100.0, 1e-3);
  EXPECT_NEAR(std::arg(s.fundamental), 0.0, 1e-5);
  EXPECT_NEAR(s.subgroup_rms[5], 7.0, 1e-4);
  EXPECT_NEAR(s.subgroup_rms[3], 0.0, 1e-4);
  EXPECT_NEAR(s.thd, 0.07, 1e-5);
  EXPECT_EQ(s.max_order, 50u);
}

}  // namespace
}  // namespace quadra::metrology
