#include "host/sim/grid_simulator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <complex>
#include <cstdio>
#include <vector>

#include "host/sim/builtin_scenario.h"

namespace quadra::host::sim {
namespace {

using metrology::Channel;
using metrology::index;
using metrology::SampleFrame;
using Frames = std::vector<GridSimulator::PreciseFrame>;

constexpr double kPi = 3.14159265358979323846;
constexpr std::size_t kU1 = 0, kU2 = 1, kU3 = 2, kI1 = 3, kI2 = 4, kI3 = 5, kIN = 6;

double rad(double deg) { return deg * kPi / 180.0; }
double real(std::size_t n) { return static_cast<double>(n); }

Frames read_precise(GridSimulator& sim, std::size_t n) {
  Frames f(n);
  f.resize(sim.read_precise(f));
  return f;
}

double rms(const Frames& f, std::size_t ch, std::size_t begin, std::size_t end) {
  double sq = 0.0;
  for (std::size_t i = begin; i < end; ++i) sq += f[i][ch] * f[i][ch];
  return std::sqrt(sq / static_cast<double>(end - begin));
}

// DFT bin k over [begin, begin + n): the rms phasor of a component with k periods in the window
// (cosine reference: x = sqrt2 * X * cos(2 pi k i / n + angle) gives X at that angle).
std::complex<double> dft(const Frames& f, std::size_t ch, std::size_t begin, std::size_t n,
                         double k) {
  std::complex<double> sum;
  for (std::size_t i = 0; i < n; ++i) {
    sum += f[begin + i][ch] * std::polar(1.0, -2.0 * kPi * k * real(i) / real(n));
  }
  return sum * (std::sqrt(2.0) / static_cast<double>(n));
}

// Times of the positive-going zero crossings of a channel, by cubic interpolation through the
// four samples around each crossing.
std::vector<double> rising_zero_crossings(const Frames& f, std::size_t ch, double fs) {
  std::vector<double> out;
  for (std::size_t i = 1; i + 2 < f.size(); ++i) {
    const double y0 = f[i][ch];
    const double y1 = f[i + 1][ch];
    if (!(y0 < 0.0 && y1 >= 0.0)) continue;
    const double ym = f[i - 1][ch];
    const double y2 = f[i + 2][ch];
    // Lagrange cubic through x = -1, 0, 1, 2; Newton iterations from the linear estimate.
    auto p = [&](double x) {
      return ym * (-x * (x - 1) * (x - 2) / 6) + y0 * ((x + 1) * (x - 1) * (x - 2) / 2) +
             y1 * (-(x + 1) * x * (x - 2) / 2) + y2 * ((x + 1) * x * (x - 1) / 6);
    };
    double x = -y0 / (y1 - y0);
    for (int it = 0; it < 20; ++it) {
      const double d = (p(x + 1e-6) - p(x - 1e-6)) / 2e-6;
      x -= p(x) / d;
    }
    out.push_back((static_cast<double>(i) + x) / fs);
  }
  return out;
}

Scenario clean() {
  Scenario s;
  s.current[0].rms_a = 5.0;
  s.current[0].phi_deg = 60.0;
  return s;
}

TEST(GridSimulator, IsASampleSource) {
  Scenario s = clean();
  s.name = "unit";
  s.grid.ct_ratio = 80.0;
  s.grid.vt_ratio = 2.0;
  s.grid.duration_s = 1.0;
  GridSimulator sim(s);
  SampleSource& src = sim;
  EXPECT_EQ(src.sample_rate_hz(), 6400.0);
  EXPECT_EQ(src.nominal_frequency_hz(), 50.0);
  EXPECT_EQ(src.ratios().ct, 80.0);
  EXPECT_EQ(src.ratios().vt, 2.0);
  EXPECT_NE(src.describe().find("'unit'"), std::string::npos);
  std::vector<SampleFrame> frames(5000);
  EXPECT_EQ(src.read(frames), 5000u);
  EXPECT_DOUBLE_EQ(sim.time_s(), 5000.0 / 6400.0);
  EXPECT_EQ(src.read(frames), 1400u);
  EXPECT_EQ(src.read(frames), 0u);
  EXPECT_EQ(*sim.total_samples(), 6400u);
}

TEST(GridSimulator, RefusesAnInvalidScenario) {
  Scenario s;
  s.grid.sample_rate_hz = 10.0;
  EXPECT_THROW(GridSimulator{s}, ScenarioError);
}

TEST(GridSimulator, PureSineHasTheConfiguredRms) {
  Scenario s = clean();
  s.voltage[1].rms_v = 57.735;
  GridSimulator sim(s);
  std::vector<SampleFrame> frames(6400);  // 50 whole cycles
  ASSERT_EQ(sim.read(frames), frames.size());
  std::array<double, metrology::kChannelCount> sq{};
  for (const SampleFrame& f : frames) {
    for (std::size_t ch = 0; ch < sq.size(); ++ch) sq[ch] += double{f.value[ch]} * f.value[ch];
  }
  auto rms_of = [&](std::size_t ch) { return std::sqrt(sq[ch] / real(frames.size())); };
  EXPECT_NEAR(rms_of(kU1) / 230.0, 1.0, 1e-6);
  EXPECT_NEAR(rms_of(kU2) / 57.735, 1.0, 1e-6);
  EXPECT_NEAR(rms_of(kU3) / 230.0, 1.0, 1e-6);
  EXPECT_NEAR(rms_of(kI1) / 5.0, 1.0, 1e-6);
  EXPECT_EQ(rms_of(kI2), 0.0);
  EXPECT_NEAR(rms_of(kIN) / 5.0, 1.0, 1e-6);  // IN = i1 + i2 + i3
}

TEST(GridSimulator, SamplesMatchTheClosedFormTo1e9) {
  // 50 Hz at 6400 Hz: the phase of sample n is exactly n / 128 turns, so the expected waveform
  // is computable without rounding, even hours into the run.
  Scenario s = clean();
  s.voltage[0].harmonics = {{50, 1.0, 33.0}, {13, 5.0, -70.0}};
  s.voltage[0].interharmonics = {{1234.5, 2.0, 15.0}};
  GridSimulator sim(s);
  for (std::uint64_t start : {std::uint64_t{0}, std::uint64_t{6400} * 3600 * 20 + 77}) {
    sim.seek(start);
    const Frames f = read_precise(sim, 3000);
    double worst = 0.0;
    for (std::size_t i = 0; i < f.size(); ++i) {
      const std::uint64_t n = start + i;
      auto turns = [&](int h) { return static_cast<double>((n * h) % 128) / 128.0; };
      const auto ih_turns = static_cast<double>(std::fmod(1234.5L * n / 6400.0L, 1.0L));
      const double u = std::sqrt(2.0) * 230.0 *
                       (std::cos(2 * kPi * turns(1)) +
                        0.01 * std::cos(2 * kPi * turns(50) + rad(33.0)) +
                        0.05 * std::cos(2 * kPi * turns(13) + rad(-70.0)) +
                        0.02 * std::cos(2 * kPi * ih_turns + rad(15.0)));
      const double i1 = std::sqrt(2.0) * 5.0 * std::cos(2 * kPi * turns(1) - rad(60.0));
      worst = std::max({worst, std::abs(f[i][kU1] - u) / 325.0, std::abs(f[i][kI1] - i1) / 7.07});
    }
    EXPECT_LT(worst, 1e-9) << "from sample " << start;
  }
}

TEST(GridSimulator, HarmonicsHaveTheirMagnitudeAndPhase) {
  Scenario s = clean();
  s.voltage[1].harmonics = {{3, 1.5, 40.0}, {5, 4.0, 30.0}, {7, 2.5, -45.0}};
  s.voltage[1].interharmonics = {{137.5, 0.7, 20.0}};
  s.current[0].phi_deg = 25.0;
  s.current[0].harmonics = {{5, 20.0, 180.0}, {11, 6.0, 10.0}};
  GridSimulator sim(s);
  // Any instant; the window is 20 whole cycles of 50 Hz and 55 of the 137.5 Hz interharmonic.
  sim.seek(6400 * 7 + 3);
  const double t0 = sim.time_s();
  const Frames f = read_precise(sim, 2560);
  // The harmonic h of a signal with fundamental angle beta is at h * (2 pi phi(t) + beta) +
  // phase_h; phi(t0) = 50 * t0 turns.
  const double theta0 = 2 * kPi * 50.0 * t0;
  auto expect_component = [&](std::size_t ch, int h, double rms, double angle) {
    const std::complex<double> x = dft(f, ch, 0, 2560, 20.0 * h);
    EXPECT_NEAR(std::abs(x), rms, 1e-9 * 230.0) << "channel " << ch << " h " << h;
    if (rms == 0.0) return;
    const double err = std::remainder(std::arg(x) - (h * theta0 + angle), 2 * kPi);
    EXPECT_NEAR(err, 0.0, 1e-9) << "channel " << ch << " h " << h;
  };
  const double beta_u2 = rad(-120.0);
  expect_component(kU2, 1, 230.0, beta_u2);
  expect_component(kU2, 3, 230.0 * 0.015, 3 * beta_u2 + rad(40.0));
  expect_component(kU2, 5, 230.0 * 0.04, 5 * beta_u2 + rad(30.0));
  expect_component(kU2, 7, 230.0 * 0.025, 7 * beta_u2 + rad(-45.0));
  expect_component(kU2, 2, 0.0, 0.0 * 0);  // nothing else
  const double beta_i1 = rad(0.0 - 25.0);
  expect_component(kI1, 1, 5.0, beta_i1);
  expect_component(kI1, 5, 1.0, 5 * beta_i1 + rad(180.0));
  expect_component(kI1, 11, 0.3, 11 * beta_i1 + rad(10.0));
  // The interharmonic's phase is relative to t = 0.
  const std::complex<double> ih = dft(f, kU2, 0, 2560, 137.5 * 0.4);
  EXPECT_NEAR(std::abs(ih), 230.0 * 0.007, 1e-9 * 230.0);
  EXPECT_NEAR(std::remainder(std::arg(ih) - (2 * kPi * 137.5 * t0 + rad(20.0)), 2 * kPi), 0.0,
              1e-9);
}

TEST(GridSimulator, FrequencyStepMovesTheZeroCrossings) {
  Scenario s;
  s.voltage[0].angle_deg = -90.0;  // u1 = sqrt2 U sin(2 pi phi): rising crossings at whole turns
  s.frequency.steps.push_back({0.10031, 51.0});
  s.grid.duration_s = 0.3;
  GridSimulator sim(s);
  const Frames f = read_precise(sim, 6400);
  const std::vector<double> zc = rising_zero_crossings(f, kU1, 6400.0);
  ASSERT_GT(zc.size(), 10u);
  const double ts = 0.10031;
  const double turns_at_step = 50.0 * ts;
  for (double t : zc) {
    const double k = std::round(t < ts ? 50.0 * t : turns_at_step + 51.0 * (t - ts));
    const double expected = k / 50.0 <= ts ? k / 50.0 : ts + (k - turns_at_step) / 51.0;
    EXPECT_NEAR(t, expected, 2e-9) << "crossing " << k;
  }
  // After the step the period is 1/51 s.
  EXPECT_NEAR(zc.back() - zc[zc.size() - 2], 1.0 / 51.0, 1e-9);
}

TEST(GridSimulator, FrequencyRampGivesQuadraticPhase) {
  Scenario s;
  s.voltage[0].angle_deg = -90.0;
  s.frequency.ramps.push_back({0.2, 0.5, 52.0});  // 50 -> 52 Hz over [0.2, 0.7] s: 4 Hz/s
  s.grid.duration_s = 1.0;
  GridSimulator sim(s);
  const Frames f = read_precise(sim, 6400);
  // phi(t) = 50 t before; 10 + 50 (t - 0.2) + 2 (t - 0.2)^2 during; 35.5 + 52 (t - 0.7) after.
  auto phase = [](double t) {
    if (t < 0.2) return 50.0 * t;
    if (t < 0.7) return 10.0 + 50.0 * (t - 0.2) + 2.0 * (t - 0.2) * (t - 0.2);
    return 35.5 + 52.0 * (t - 0.7);
  };
  auto crossing = [](double k) {
    if (k <= 10.0) return k / 50.0;
    if (k <= 35.5) return 0.2 + (-50.0 + std::sqrt(2500.0 + 8.0 * (k - 10.0))) / 4.0;
    return 0.7 + (k - 35.5) / 52.0;
  };
  const std::vector<double> zc = rising_zero_crossings(f, kU1, 6400.0);
  ASSERT_GT(zc.size(), 40u);
  for (double t : zc) {
    const double k = std::round(phase(t));
    EXPECT_NEAR(t, crossing(k), 2e-9) << "crossing " << k;
  }
  EXPECT_NEAR(sim.truth_at(0.45, 0).frequency_hz, 51.0, 1e-12);
}

TEST(GridSimulator, SagStartsAndEndsAtTheNearestSamples) {
  Scenario s = clean();
  s.voltage[1].harmonics = {{5, 3.0, 0.0}};
  s.current[1].rms_a = 2.0;
  Scenario sagged = s;
  VoltageEvent sag;
  sag.kind = EventKind::kSag;
  sag.start_s = 0.10312;  // sample 659.97 -> 660
  sag.duration_s = 0.06;  // to 0.16312 s: sample 1043.97 -> 1044
  sag.residual_percent = 60.0;
  sag.phases = {false, true, false};
  sagged.events.push_back(sag);
  GridSimulator a(s);
  GridSimulator b(sagged);
  const Frames fa = read_precise(a, 2000);
  const Frames fb = read_precise(b, 2000);
  for (std::size_t n = 0; n < fa.size(); ++n) {
    const double k = n >= 660 && n < 1044 ? 0.6 : 1.0;
    ASSERT_NEAR(fb[n][kU2], k * fa[n][kU2], 1e-10) << n;
    ASSERT_NEAR(fb[n][kU1], fa[n][kU1], 1e-10) << n;
    ASSERT_NEAR(fb[n][kI2], fa[n][kI2], 1e-10) << n;  // current unchanged in a sag
  }
  // The residual voltage over whole cycles inside the sag.
  EXPECT_NEAR(rms(fb, kU2, 700, 700 + 256) / rms(fa, kU2, 700, 700 + 256), 0.6, 1e-9);
  EXPECT_EQ(b.truth_at(659.0 / 6400.0, 1).voltage_factor, 1.0);
  EXPECT_EQ(b.truth_at(660.0 / 6400.0, 1).voltage_factor, 0.6);
  EXPECT_EQ(b.truth_at(1044.0 / 6400.0, 1).voltage_factor, 1.0);
}

TEST(GridSimulator, InterruptionZeroesVoltageAndCurrent) {
  Scenario s = clean();
  VoltageEvent cut;
  cut.kind = EventKind::kInterruption;
  cut.start_s = 0.05;
  cut.duration_s = 0.1;
  s.events.push_back(cut);
  GridSimulator sim(s);
  const Frames f = read_precise(sim, 1280);
  for (std::size_t n = 320; n < 960; ++n) {
    for (std::size_t ch = 0; ch < 7; ++ch) ASSERT_EQ(f[n][ch], 0.0) << n << " " << ch;
  }
  EXPECT_NE(f[319][kU1], 0.0);
  EXPECT_NE(f[960][kU1], 0.0);
}

TEST(GridSimulator, NeutralIsTheSumOrAbsent) {
  Scenario s;
  for (std::size_t ph = 0; ph < 3; ++ph) {
    s.current[ph].rms_a = 1.0 + real(ph);
    s.current[ph].phi_deg = 10.0 * real(ph);
    s.current[ph].harmonics = {{3, 10.0, 0.0}};
  }
  s.neutral.extra = {{1, 0.5, 30.0}};
  GridSimulator sim(s);
  const Frames f = read_precise(sim, 1280);
  for (std::size_t n = 0; n < f.size(); ++n) {
    const double extra = std::sqrt(2.0) * 0.5 * std::cos(2 * kPi * real(n) / 128.0 + rad(30.0));
    ASSERT_NEAR(f[n][kIN], f[n][kI1] + f[n][kI2] + f[n][kI3] + extra, 1e-12) << n;
  }
  EXPECT_NEAR(rms(f, kIN, 0, 1280), sim.truth().neutral_rms_a(0.0), 1e-9);

  s.neutral.extra.clear();
  s.neutral.measured_sum = false;
  s.adc.current_noise_rms_a = 0.01;
  GridSimulator absent(s);
  const Frames g = read_precise(absent, 256);
  for (const auto& frame : g) ASSERT_EQ(frame[kIN], 0.0);
}

TEST(GridSimulator, QuantisationStepAndClipping) {
  Scenario s = clean();
  s.frequency.base_hz = 49.7311;  // not commensurate with the sampling: a busy quantisation error
  s.voltage[2].rms_v = 300.0;     // peak 424 V: clips at the 400 V full scale
  s.adc.bits = 12;
  s.adc.voltage_full_scale_v = 400.0;
  s.adc.current_full_scale_a = 10.0;
  const double step_v = 400.0 / 2048.0;
  const double step_a = 10.0 / 2048.0;
  Scenario ideal = s;
  ideal.adc = {};
  GridSimulator q(s);
  GridSimulator r(ideal);
  const Frames fq = read_precise(q, 12800);
  const Frames fr = read_precise(r, 12800);
  double worst = 0.0;
  double sq = 0.0;
  double max_u3 = -1e9;
  double min_u3 = 1e9;
  for (std::size_t n = 0; n < fq.size(); ++n) {
    const double codes_v = fq[n][kU1] / step_v;
    const double codes_a = fq[n][kI1] / step_a;
    ASSERT_EQ(codes_v, std::round(codes_v));
    ASSERT_EQ(codes_a, std::round(codes_a));
    const double e = fq[n][kU1] - fr[n][kU1];
    worst = std::max(worst, std::abs(e));
    sq += e * e;
    max_u3 = std::max(max_u3, fq[n][kU3]);
    min_u3 = std::min(min_u3, fq[n][kU3]);
  }
  EXPECT_LE(worst, step_v / 2 + 1e-12);
  EXPECT_NEAR(std::sqrt(sq / real(fq.size())) / (step_v / std::sqrt(12.0)), 1.0, 0.05);
  EXPECT_EQ(max_u3, 400.0 - step_v);
  EXPECT_EQ(min_u3, -400.0);
  // Through read(), the float frames are multiples of the step too (12 bits fit a float).
  q.seek(0);
  std::vector<SampleFrame> frames(256);
  q.read(frames);
  for (const SampleFrame& fr2 : frames) {
    const double c = fr2[Channel::kU1] / step_v;
    ASSERT_EQ(c, std::round(c));
  }
}

TEST(GridSimulator, NoiseHasTheConfiguredRms) {
  Scenario s;
  for (auto& v : s.voltage) v.rms_v = 0.0;
  s.adc.voltage_noise_rms_v = 0.5;
  s.adc.current_noise_rms_a = 0.002;
  GridSimulator sim(s);
  const Frames f = read_precise(sim, 200000);
  for (std::size_t ch = 0; ch < 7; ++ch) {
    double sum = 0.0;
    double sq = 0.0;
    double quad = 0.0;
    for (const auto& frame : f) {
      sum += frame[ch];
      sq += frame[ch] * frame[ch];
      quad += frame[ch] * frame[ch] * frame[ch] * frame[ch];
    }
    const double sigma = ch < 3 ? 0.5 : 0.002;
    const double n = static_cast<double>(f.size());
    const double var = sq / n;
    EXPECT_NEAR(std::sqrt(var) / sigma, 1.0, 0.01) << ch;  // 6 standard errors
    EXPECT_NEAR(sum / n / sigma, 0.0, 0.015) << ch;
    EXPECT_NEAR(quad / n / (var * var), 3.0, 0.1) << ch;  // Gaussian kurtosis
  }
  // Channels are independent.
  double cross = 0.0;
  for (const auto& frame : f) cross += frame[kU1] * frame[kU2];
  EXPECT_NEAR(cross / real(f.size()) / 0.25, 0.0, 0.015);
}

TEST(GridSimulator, SameSeedSameSamplesWhateverTheReadSizes) {
  const Scenario s = builtin_scenario();
  GridSimulator a(s);
  GridSimulator b(s);
  std::vector<SampleFrame> fa(20000);
  ASSERT_EQ(a.read(fa), fa.size());
  std::vector<SampleFrame> fb;
  const std::size_t sizes[] = {1, 7, 255, 256, 1000, 4097, 3};
  for (std::size_t k = 0; fb.size() < fa.size(); ++k) {
    std::vector<SampleFrame> part(std::min(sizes[k % 7], fa.size() - fb.size()));
    ASSERT_EQ(b.read(part), part.size());
    fb.insert(fb.end(), part.begin(), part.end());
  }
  for (std::size_t n = 0; n < fa.size(); ++n) ASSERT_EQ(fa[n].value, fb[n].value) << n;

  Scenario other = s;
  other.adc.seed += 1;
  GridSimulator c(other);
  std::vector<SampleFrame> fc(1000);
  c.read(fc);
  std::size_t differ = 0;
  for (std::size_t n = 0; n < fc.size(); ++n) differ += fc[n].value != fa[n].value;
  EXPECT_GT(differ, 900u);
}

TEST(GridSimulator, SeekLandsOnTheSameSamples) {
  const Scenario s = builtin_scenario();
  GridSimulator a(s);
  std::vector<SampleFrame> all(30000);
  ASSERT_EQ(a.read(all), all.size());
  GridSimulator b(s);
  for (std::uint64_t at : {std::uint64_t{12345}, std::uint64_t{4096}, std::uint64_t{29000},
                           std::uint64_t{1}}) {
    b.seek(at);
    EXPECT_EQ(b.sample_index(), at);
    std::vector<SampleFrame> part(500);
    ASSERT_EQ(b.read(part), part.size());
    for (std::size_t i = 0; i < part.size() && at + i < all.size(); ++i) {
      ASSERT_EQ(part[i].value, all[at + i].value) << at << "+" << i;
    }
  }
}

TEST(GridSimulator, BuiltinDayMatchesTheTruthOverAMinute) {
  // Mean of u * i over a minute at 10:00 (load profile, harmonics, frequency ramping) against the
  // analytic energy; the window is not a whole number of cycles, so allow the leakage (~3e-5).
  Scenario s = builtin_scenario();
  s.adc = {};
  GridSimulator sim(s);
  const double t0 = 10.0 * 3600.0;
  sim.seek(static_cast<std::uint64_t>(t0 * 6400.0));
  const Frames f = read_precise(sim, 6400 * 60);
  for (std::size_t ph = 0; ph < 3; ++ph) {
    double e = 0.0;
    for (const auto& frame : f) e += frame[ph] * frame[3 + ph];
    e /= 6400.0 * 3600.0;
    const double truth = sim.active_energy_wh(ph, t0, t0 + 60.0);
    EXPECT_NEAR(e / truth, 1.0, 1e-4) << phase_name(ph);
  }
}

TEST(GridSimulator, LoadProfileCurrentFollowsTheTruthPhasorSampleBySample) {
  // Constant 50 Hz (phase n / 128 turns exactly) and a steep profile crossing a profile point:
  // every sample equals sqrt2 * Re(I(t) e^{j theta}) with I(t) the truth's phasor at that instant,
  // harmonics included (their amplitudes are interpolated within 256-sample chunks).
  Scenario s;
  s.current[0].load_profile = {{0.0, 1000.0, 200.0}, {1.0, -500.0, -800.0}, {3.0, 0.0, 900.0}};
  s.current[0].harmonics = {{5, 20.0, 30.0}};
  GridSimulator sim(s);
  const std::uint64_t first = 6400 * 3600 - 1000;  // the 01:00 point lies inside the window
  sim.seek(first);
  const Frames f = read_precise(sim, 3000);
  double worst = 0.0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const std::uint64_t n = first + i;
    const PhaseTruth t = sim.truth_at(static_cast<double>(n) / 6400.0, 0);
    const double theta = 2 * kPi * static_cast<double>(n % 128) / 128.0;
    const double beta = rad(t.i1_angle_deg);
    const double expected = std::sqrt(2.0) * t.i1_rms_a *
                            (std::cos(theta + beta) + 0.2 * std::cos(5 * (theta + beta) + rad(30.0)));
    worst = std::max(worst, std::abs(f[i][kI1] - expected));
  }
  EXPECT_LT(worst, 1e-9 * 6.0);
}

TEST(GridSimulator, PrintsGenerationSpeed) {
  // A measurement for the log, not an assertion (docs: no unit test asserts a duration).
  Scenario s = builtin_scenario();
  s.grid.duration_s = 60.0;
  GridSimulator sim(s);
  std::vector<SampleFrame> frames(4096);
  std::size_t total = 0;
  const auto start = std::chrono::steady_clock::now();
  while (const std::size_t n = sim.read(frames)) total += n;
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ speed    ] built-in scenario: %.2f M frames/s\n", real(total) / secs / 1e6);
  EXPECT_EQ(total, 6400u * 60);
}

}  // namespace
}  // namespace quadra::host::sim
