// Behaviour of the engine on signals generated in closed form inside the test (the accuracy matrix
// against the grid simulator lives in tests/accuracy).
#include "core/metrology/metrology.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace quadra::metrology {
namespace {

constexpr double kPi = std::numbers::pi;

struct Recorder : MeasurementSink {
  std::vector<WindowValues> windows;
  std::vector<HalfCycleValues> halves;
  std::vector<CycleValues> cycles;
  std::vector<TenSecondFrequency> freq10;
  std::vector<PulseEvent> pulses;
  void on_window(const WindowValues& w) override { windows.push_back(w); }
  void on_half_cycle(const HalfCycleValues& h) override { halves.push_back(h); }
  void on_cycle(const CycleValues& c) override { cycles.push_back(c); }
  void on_frequency_10s(const TenSecondFrequency& f) override { freq10.push_back(f); }
  void on_pulse(const PulseEvent& p) override { pulses.push_back(p); }
};

// Balanced three-phase set: U rms, I rms, current lagging by phi, optional 5th harmonic in I.
struct Signal {
  double f = 50.0, u = 230.0, i = 5.0, phi_deg = 0.0, i5_pct = 0.0;
  SampleFrame at(double t) const {
    SampleFrame fr;
    for (std::size_t k = 0; k < 3; ++k) {
      const double th = 2 * kPi * f * t - 2 * kPi / 3 * static_cast<double>(k);
      fr.value[k] = static_cast<float>(u * std::sqrt(2.0) * std::cos(th));
      const double ia = th - phi_deg * kPi / 180.0;
      fr.value[3 + k] = static_cast<float>(i * std::sqrt(2.0) * (std::cos(ia) + i5_pct / 100.0 * std::cos(5 * ia)));
    }
    fr.value[6] = fr.value[3] + fr.value[4] + fr.value[5];
    return fr;
  }
};

void run(Metrology& m, const Signal& s, double seconds, double fs) {
  const auto n = static_cast<long>(seconds * fs);
  for (long k = 0; k < n; ++k) m.push(s.at(static_cast<double>(k) / fs));
}

TEST(Metrology, SineAtNominal) {
  MetrologyConfig c;
  Recorder r;
  Metrology m(c, r);
  Signal s;
  s.phi_deg = 60.0;
  run(m, s, 3.0, c.sample_rate_hz);
  ASSERT_GE(r.windows.size(), 12u);
  const WindowValues& w = r.windows.back();
  EXPECT_NEAR(w.frequency_hz, 50.0, 1e-4);
  EXPECT_NEAR(w.duration_s, 0.2, 1e-6);
  EXPECT_TRUE(w.locked);
  for (const PhaseValues& p : w.phase) {
    EXPECT_NEAR(p.u_rms_v, 230.0, 230.0 * 1e-5);
    EXPECT_NEAR(p.i_rms_a, 5.0, 5.0 * 1e-5);
    EXPECT_NEAR(p.p_w, 575.0, 575.0 * 1e-5);
    EXPECT_NEAR(p.q_var, 995.929, 0.01);
    EXPECT_NEAR(p.ui_angle_deg, 60.0, 1e-3);
    EXPECT_NEAR(p.pf, 0.5, 1e-5);
  }
  EXPECT_NEAR(w.phase[1].u_angle_deg, -120.0, 1e-3);
  EXPECT_NEAR(w.u12_angle_deg, 120.0, 1e-3);
  EXPECT_NEAR(w.u13_angle_deg, 240.0, 1e-3);
  EXPECT_NEAR(w.u_line_v[0], 230.0 * std::sqrt(3.0), 0.01);
  EXPECT_NEAR(w.u2_pct, 0.0, 1e-3);
  EXPECT_NEAR(w.in_calculated_a, 0.0, 1e-3);
  EXPECT_EQ(w.quadrant, 1);
}

TEST(Metrology, WindowsAreGaplessAndEnergyMatchesTheirSpan) {
  MetrologyConfig c;
  Recorder r;
  Metrology m(c, r);
  Signal s;
  s.f = 49.73;
  s.phi_deg = -30.0;  // capacitive import: Q4
  run(m, s, 5.0, c.sample_rate_hz);
  ASSERT_GT(r.windows.size(), 10u);
  double span = 0;
  for (std::size_t k = 1; k < r.windows.size(); ++k) {
    EXPECT_NEAR(r.windows[k].start_s, r.windows[k - 1].start_s + r.windows[k - 1].duration_s, 1e-12);
  }
  for (const WindowValues& w : r.windows) span += w.duration_s;
  const double p_total = 3 * 230.0 * 5.0 * std::cos(-30.0 * kPi / 180.0);
  const double q_total = 3 * 230.0 * 5.0 * std::sin(-30.0 * kPi / 180.0);
  const FourQuadrantEnergy& e = m.energy(Element::kTotal);
  EXPECT_NEAR(e.value(EnergyQuantity::kActiveImport), p_total * span / 3600.0, 1e-5 * p_total * span / 3600.0);
  EXPECT_NEAR(e.value(EnergyQuantity::kReactiveQ4), -q_total * span / 3600.0, 1e-4 * -q_total * span / 3600.0);
  EXPECT_EQ(e.value(EnergyQuantity::kActiveExport), 0.0);
  EXPECT_EQ(e.value(EnergyQuantity::kReactiveQ1), 0.0);
  EXPECT_NEAR(r.windows.back().frequency_hz, 49.73, 1e-4);
}

TEST(Metrology, FundamentalReactiveIgnoresHarmonics) {
  MetrologyConfig c;
  Recorder r;
  Metrology m(c, r);
  Signal s;
  s.phi_deg = 30.0;
  s.i5_pct = 20.0;  // no 5th in U: adds to I rms and S, not to P or Q1
  run(m, s, 2.0, c.sample_rate_hz);
  const WindowValues& w = r.windows.back();
  const double i_rms = 5.0 * std::sqrt(1.0 + 0.04);
  EXPECT_NEAR(w.phase[0].i_rms_a, i_rms, i_rms * 1e-5);
  EXPECT_NEAR(w.phase[0].q_var, 230.0 * 5.0 * 0.5, 0.02);
  EXPECT_NEAR(w.phase[0].p_w, 230.0 * 5.0 * std::cos(kPi / 6), 0.02);
  EXPECT_NEAR(w.phase[0].s_va, 230.0 * i_rms, 0.02);
  EXPECT_NEAR(w.phase[0].i_harmonics.harmonic_pct[5], 20.0, 0.01);
  EXPECT_NEAR(w.phase[0].i_harmonics.thd_pct, 20.0, 0.01);
}

TEST(Metrology, HalfCycleRmsFollowsASag) {
  MetrologyConfig c;
  Recorder r;
  Metrology m(c, r);
  Signal s;
  const double fs = c.sample_rate_hz;
  for (long k = 0; k < static_cast<long>(2.0 * fs); ++k) {
    const double t = static_cast<double>(k) / fs;
    SampleFrame fr = s.at(t);
    if (t >= 1.0 && t < 1.1) fr.value[0] *= 0.5f;  // 50 % sag on U1 for 100 ms
    m.push(fr);
  }
  double min_u1 = 1e9;
  std::size_t refreshes = 0;
  for (const HalfCycleValues& h : r.halves) {
    min_u1 = std::fmin(min_u1, h.u_rms_v[0]);
    if (h.end_s > 1.2 && h.end_s < 1.8) ++refreshes;
  }
  EXPECT_NEAR(min_u1, 115.0, 0.5);
  EXPECT_NEAR(static_cast<double>(refreshes), 60.0, 1.0);  // two per cycle
}

TEST(Metrology, TenSecondFrequency) {
  MetrologyConfig c;
  c.sample_rate_hz = 3200;  // keeps the test short
  Recorder r;
  Metrology m(c, r);
  Signal s;
  s.f = 50.0123;
  run(m, s, 31.0, c.sample_rate_hz);
  ASSERT_GE(r.freq10.size(), 2u);
  EXPECT_NEAR(r.freq10[1].frequency_hz, 50.0123, 1e-5);
  EXPECT_GE(r.freq10[1].cycles, 499u);
}

TEST(Metrology, NoLoadRegistersNothing) {
  MetrologyConfig c;
  c.pulse_outputs[0].enabled = true;
  Recorder r;
  Metrology m(c, r);
  Signal s;
  s.u = 230.0 * 1.15;
  s.i = 0.002;  // below 0.7 * 5 mA
  run(m, s, 5.0, c.sample_rate_hz);
  for (std::size_t q = 0; q < kEnergyQuantityCount; ++q)
    EXPECT_EQ(m.energy(Element::kTotal).value(static_cast<EnergyQuantity>(q)), 0.0);
  EXPECT_TRUE(r.pulses.empty());
}

TEST(Metrology, InterruptionKeepsWindowsGoing) {
  MetrologyConfig c;
  Recorder r;
  Metrology m(c, r);
  Signal s;
  const double fs = c.sample_rate_hz;
  for (long k = 0; k < static_cast<long>(4.0 * fs); ++k) {
    const double t = static_cast<double>(k) / fs;
    SampleFrame fr = s.at(t);
    if (t >= 1.0 && t < 2.0) fr = SampleFrame{};
    m.push(fr);
  }
  ASSERT_GT(r.windows.size(), 15u);
  bool unlocked = false;
  for (std::size_t k = 1; k < r.windows.size(); ++k) {
    EXPECT_NEAR(r.windows[k].start_s, r.windows[k - 1].start_s + r.windows[k - 1].duration_s, 1e-12);
    unlocked = unlocked || !r.windows[k].locked;
  }
  EXPECT_TRUE(unlocked);
  EXPECT_TRUE(r.windows.back().locked);
  EXPECT_NEAR(r.windows.back().phase[2].u_rms_v, 230.0, 0.01);
}

TEST(Metrology, CalibrationUndoesGainOffsetAndPhaseErrors) {
  // The I1 input reads 0.5 % low, carries a 20 mA DC offset and lags by 0.3 deg (a CT's errors);
  // the calibration removes all three, and leaves the harmonics' amplitudes alone.
  MetrologyConfig c;
  c.calibration[index(Channel::kI1)] = {1.0 / 0.995, 0.02, 0.3};
  Recorder r;
  Metrology m(c, r);
  Signal s;
  s.phi_deg = 60.0;
  s.i5_pct = 10.0;
  const double fs = c.sample_rate_hz;
  for (long k = 0; k < static_cast<long>(2.0 * fs); ++k) {
    const double t = static_cast<double>(k) / fs;
    SampleFrame fr = s.at(t);
    Signal err = s;
    err.phi_deg = 60.3;
    fr.value[3] = static_cast<float>(0.995 * err.at(t).value[3] + 0.02);
    m.push(fr);
  }
  const PhaseValues& p = r.windows.back().phase[0];
  EXPECT_NEAR(p.ui_angle_deg, 60.0, 0.001);
  EXPECT_NEAR(p.i_fundamental_a, 5.0, 5.0 * 1e-5);
  EXPECT_NEAR(p.q_var, 230.0 * 5.0 * std::sin(kPi / 3), 0.01);
  EXPECT_NEAR(p.p_w, r.windows.back().phase[1].p_w, 0.01);  // same as the uncalibrated, exact L2
  EXPECT_NEAR(p.i_harmonics.harmonic_pct[5], 10.0, 0.001);
}

TEST(Metrology, ThreeWireTotalFromArtificialStar) {
  // A 3-wire network: the real phase voltages carry a zero-sequence (neutral displacement) the
  // meter cannot see; it gets the voltages to an artificial star point, (U12 - U31) / 3 etc., and
  // currents that sum to zero. Per-phase values differ from the real ones, the total does not.
  MetrologyConfig c;
  c.wiring = Wiring::kThreeWire;
  Recorder r;
  Metrology m(c, r);
  const double fs = c.sample_rate_hz;
  double true_energy_ws = 0;
  const long n = static_cast<long>(2.0 * fs);
  for (long k = 0; k < n; ++k) {
    const double t = static_cast<double>(k) / fs, w = 2 * kPi * 50.0 * t;
    double u[3], i[3];
    const double zero_seq = 40.0 * std::sqrt(2.0) * std::cos(w + 0.7);
    const double ia[3] = {0.3, 0.9, -0.4}, im[3] = {4.0, 2.5, 0.0};
    for (int p = 0; p < 3; ++p) u[p] = 230.0 * std::sqrt(2.0) * std::cos(w - 2 * kPi / 3 * p) + zero_seq;
    for (int p = 0; p < 2; ++p) i[p] = im[p] * std::sqrt(2.0) * std::cos(w - 2 * kPi / 3 * p - ia[p]);
    i[2] = -i[0] - i[1];
    const double u12 = u[0] - u[1], u23 = u[1] - u[2], u31 = u[2] - u[0];
    SampleFrame fr;
    fr.value[0] = static_cast<float>((u12 - u31) / 3);
    fr.value[1] = static_cast<float>((u23 - u12) / 3);
    fr.value[2] = static_cast<float>((u31 - u23) / 3);
    for (int p = 0; p < 3; ++p) {
      fr.value[3 + static_cast<std::size_t>(p)] = static_cast<float>(i[p]);
      true_energy_ws += (u[p] * i[p]) / fs;
    }
    m.push(fr);
  }
  const double true_p = true_energy_ws / (static_cast<double>(n) / fs);
  const WindowValues& w = r.windows.back();
  EXPECT_NEAR(w.p_w, true_p, 1e-4 * std::fabs(true_p));
  EXPECT_EQ(w.u0_pct, 0.0);
  EXPECT_EQ(w.in_measured_a, 0.0);
  EXPECT_NEAR(w.in_calculated_a, 0.0, 1e-4);
  EXPECT_NEAR(w.u_line_v[0], 230.0 * std::sqrt(3.0), 0.02);
}

TEST(Metrology, ConfigValidationNamesTheField) {
  MetrologyConfig c;
  c.nominal_frequency_hz = 55;
  Status st = validate_config(c);
  EXPECT_FALSE(st.is_ok());
  EXPECT_STREQ(st.field(), "metrology.nominal_frequency_hz");
  c = MetrologyConfig{};
  c.calibration[4].phase_deg = 3.0;
  EXPECT_STREQ(validate_config(c).field(), "metrology.calibration.phase_deg");
  EXPECT_TRUE(validate_config(MetrologyConfig{}).is_ok());
}

}  // namespace
}  // namespace quadra::metrology
