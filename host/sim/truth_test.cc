#include "host/sim/truth.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

#include "host/sim/builtin_scenario.h"
#include "host/sim/grid_simulator.h"

namespace quadra::host::sim {
namespace {

constexpr double kPi = 3.14159265358979323846;
double rad(double deg) { return deg * kPi / 180.0; }

// Three phases at 230 V, L1 carrying 5 A at phi = 60 deg (inductive).
Scenario basic() {
  Scenario s;
  s.current[0].rms_a = 5.0;
  s.current[0].phi_deg = 60.0;
  return s;
}

TEST(Truth, ClosedFormForASinusoid) {
  const ScenarioTruth truth(basic());
  const PhaseTruth t = truth.at(12.3, 0);
  EXPECT_DOUBLE_EQ(t.frequency_hz, 50.0);
  EXPECT_DOUBLE_EQ(t.u_rms_v, 230.0);
  EXPECT_DOUBLE_EQ(t.i_rms_a, 5.0);
  EXPECT_NEAR(t.p_w, 575.0, 1e-9);
  EXPECT_NEAR(t.p1_w, 575.0, 1e-9);
  EXPECT_NEAR(t.q1_var, 995.9292143, 1e-6);  // 230 * 5 * sin 60
  EXPECT_NEAR(t.s_va, 1150.0, 1e-9);
  EXPECT_NEAR(t.phi1_deg, 60.0, 1e-12);
  EXPECT_NEAR(t.u1_angle_deg, 0.0, 1e-12);
  EXPECT_NEAR(t.i1_angle_deg, -60.0, 1e-12);
  EXPECT_DOUBLE_EQ(t.u_harmonic_rms_v[1], 230.0);
  EXPECT_EQ(t.u_harmonic_rms_v[5], 0.0);

  const PhaseTruth l2 = truth.at(0.0, 1);
  EXPECT_NEAR(l2.u1_angle_deg, -120.0, 1e-12);
  EXPECT_EQ(l2.p_w, 0.0);
  EXPECT_EQ(l2.i_rms_a, 0.0);
}

TEST(Truth, EnergiesOfASinusoid) {
  const ScenarioTruth truth(basic());
  EXPECT_NEAR(truth.active_energy_wh(0, 0.0, 3600.0), 575.0, 1e-9);
  EXPECT_NEAR(truth.fundamental_reactive_energy_varh(0, 0.0, 3600.0), 995.9292143, 1e-6);
  EXPECT_NEAR(truth.active_energy_wh(kAllPhases, 100.0, 100.0 + 36.0), 5.75, 1e-12);
  EXPECT_NEAR(truth.active_energy_wh(0, 36.0, 0.0), -5.75, 1e-12);
  EXPECT_EQ(truth.active_energy_wh(1, 0.0, 3600.0), 0.0);
}

TEST(Truth, AllFourQuadrantsOfAFixedCurrent) {
  // phi = 0, 120, 210, 300 deg: P+Q0, P-Q+, P-Q-, P+Q-.
  const double phis[] = {30.0, 120.0, 210.0, 300.0};
  for (double phi : phis) {
    Scenario s = basic();
    s.current[0].phi_deg = phi;
    const PhaseTruth t = ScenarioTruth(s).at(1.0, 0);
    EXPECT_NEAR(t.p_w, 1150.0 * std::cos(rad(phi)), 1e-9) << phi;
    EXPECT_NEAR(t.q1_var, 1150.0 * std::sin(rad(phi)), 1e-9) << phi;
  }
}

TEST(Truth, HarmonicPowerAndRms) {
  Scenario s = basic();
  s.current[0].phi_deg = 20.0;
  s.voltage[0].harmonics = {{5, 4.0, 30.0}, {7, 3.0, 0.0}};
  s.voltage[0].interharmonics = {{175.0, 1.0, 10.0}};
  s.current[0].harmonics = {{5, 10.0, 0.0}, {11, 5.0, 0.0}};
  s.current[0].interharmonics = {{175.0, 2.0, 70.0}, {380.0, 1.0, 0.0}};
  const PhaseTruth t = ScenarioTruth(s).at(0.5, 0);
  const double u1 = 230.0;
  const double i1 = 5.0;
  const double expected = u1 * i1 * std::cos(rad(20.0)) +
                          (0.04 * u1) * (0.10 * i1) * std::cos(rad(5 * 20.0 + 30.0 - 0.0)) +
                          (0.01 * u1) * (0.02 * i1) * std::cos(rad(10.0 - 70.0));
  EXPECT_NEAR(t.p_w, expected, 1e-9);
  EXPECT_NEAR(t.p1_w, u1 * i1 * std::cos(rad(20.0)), 1e-9);
  EXPECT_NEAR(t.q1_var, u1 * i1 * std::sin(rad(20.0)), 1e-9);
  EXPECT_NEAR(t.u_rms_v, u1 * std::sqrt(1 + 0.04 * 0.04 + 0.03 * 0.03 + 0.01 * 0.01), 1e-9);
  EXPECT_NEAR(t.i_rms_a, i1 * std::sqrt(1 + 0.01 + 0.0025 + 0.0004 + 0.0001), 1e-12);
  EXPECT_NEAR(t.u_harmonic_rms_v[5], 9.2, 1e-12);
  EXPECT_NEAR(t.i_harmonic_rms_a[11], 0.25, 1e-12);
  EXPECT_NEAR(t.s_va, t.u_rms_v * t.i_rms_a, 1e-9);
}

TEST(Truth, EventsScaleVoltageAndCurrentAtSampleInstants) {
  Scenario s = basic();
  s.current[0].phi_deg = 0.0;
  VoltageEvent sag;
  sag.kind = EventKind::kSag;
  sag.start_s = 10.00001;  // snapped to sample 64000 -> 10.0 s
  sag.duration_s = 0.5;    // ends at sample 67200 -> 10.5 s
  sag.residual_percent = 40.0;
  sag.current_residual_percent = 50.0;
  sag.phases = {true, false, false};
  s.events.push_back(sag);
  const ScenarioTruth truth(s);
  EXPECT_EQ(truth.at(9.99999, 0).voltage_factor, 1.0);
  EXPECT_EQ(truth.at(10.0, 0).voltage_factor, 0.4);
  EXPECT_NEAR(truth.at(10.2, 0).u_rms_v, 92.0, 1e-12);
  EXPECT_NEAR(truth.at(10.2, 0).i_rms_a, 2.5, 1e-12);
  EXPECT_NEAR(truth.at(10.2, 0).p_w, 1150.0 * 0.2, 1e-9);
  EXPECT_EQ(truth.at(10.5, 0).voltage_factor, 1.0);
  EXPECT_EQ(truth.at(10.2, 1).voltage_factor, 1.0);
  // 20 s at 1150 W, of which 0.5 s at 230 W.
  const double expected_j = 1150.0 * 19.5 + 230.0 * 0.5;
  EXPECT_NEAR(truth.active_energy_wh(0, 0.0, 20.0), expected_j / 3600.0, 1e-12);
  EXPECT_NEAR(truth.active_energy_wh(0, 10.25, 10.75), (230.0 * 0.25 + 1150.0 * 0.25) / 3600.0,
              1e-12);
  EXPECT_NEAR(truth.active_energy_wh(kAllPhases, 0.0, 20.0), expected_j / 3600.0, 1e-12);
}

TEST(Truth, InterruptionDropsTheCurrentByDefault) {
  Scenario s = basic();
  VoltageEvent cut;
  cut.kind = EventKind::kInterruption;
  cut.start_s = 1.0;
  cut.duration_s = 2.0;
  s.events.push_back(cut);
  const ScenarioTruth truth(s);
  EXPECT_EQ(truth.at(2.0, 0).u_rms_v, 0.0);
  EXPECT_EQ(truth.at(2.0, 0).i_rms_a, 0.0);
  EXPECT_NEAR(truth.active_energy_wh(0, 0.0, 10.0), 575.0 * 8.0 / 3600.0, 1e-12);
}

TEST(Truth, FrequencyFollowsRampsAndSteps) {
  Scenario s;
  s.frequency.ramps.push_back({10.0, 20.0, 51.0});
  s.frequency.steps.push_back({40.0, 49.5});
  const ScenarioTruth truth(s);
  EXPECT_DOUBLE_EQ(truth.frequency_hz(5.0), 50.0);
  EXPECT_DOUBLE_EQ(truth.frequency_hz(20.0), 50.5);
  EXPECT_NEAR(truth.frequency_hz(29.999), 50.99995, 1e-9);
  EXPECT_DOUBLE_EQ(truth.frequency_hz(35.0), 51.0);
  EXPECT_DOUBLE_EQ(truth.frequency_hz(40.0), 49.5);
  EXPECT_DOUBLE_EQ(truth.frequency_hz(1e6), 49.5);
}

TEST(Truth, LoadProfileGivesPAndQExactlyAndIntegratesThem) {
  Scenario s;
  s.grid.start_time_of_day_s = 6.0 * 3600.0;  // t = 0 is 06:00
  s.voltage[0].angle_deg = 17.0;               // the reference does not matter
  s.current[0].load_profile = {{6.0, 1000.0, 500.0}, {8.0, -1000.0, -300.0}};
  const ScenarioTruth truth(s);
  // 07:00 is half way from the 06:00 point to the 08:00 one.
  const PhaseTruth t = truth.at(3600.0, 0);
  EXPECT_NEAR(t.p_w, 0.0, 1e-9);
  EXPECT_NEAR(t.q1_var, 100.0, 1e-9);
  EXPECT_NEAR(t.i1_rms_a, 100.0 / 230.0, 1e-12);
  // From 08:00 the profile wraps back to the 06:00 point over 22 hours.
  const PhaseTruth w = truth.at(2.0 * 3600.0 + 11.0 * 3600.0, 0);
  EXPECT_NEAR(w.p_w, 0.0, 1e-9);
  EXPECT_NEAR(w.q1_var, 100.0 - 0.0, 1e-9);  // -300 + 800 * 0.5
  // 06:00 -> 07:00: P goes 1000 -> 0, Q 500 -> 100.
  EXPECT_NEAR(truth.active_energy_wh(0, 0.0, 3600.0), 500.0, 1e-9);
  EXPECT_NEAR(truth.fundamental_reactive_energy_varh(0, 0.0, 3600.0), 300.0, 1e-9);
  // A whole day: the mean of two linear pieces of 2 h and 22 h, both averaging (1000 - 1000) / 2.
  EXPECT_NEAR(truth.active_energy_wh(0, 0.0, 86400.0), 0.0, 1e-8);
  EXPECT_NEAR(truth.fundamental_reactive_energy_varh(0, 0.0, 86400.0), 100.0 * 24.0, 1e-8);
  // And it repeats the next day.
  EXPECT_NEAR(truth.fundamental_reactive_energy_varh(0, 86400.0, 2 * 86400.0),
              100.0 * 24.0, 1e-8);
}

// Composite Simpson over truth.at(t).p_w: an independent integration of the truth's own power.
double simpson_of_power(const ScenarioTruth& truth, std::size_t ph, double a, double b, int n) {
  const double h = (b - a) / n;
  double sum = truth.at(a, ph).p_w + truth.at(b, ph).p_w;
  for (int k = 1; k < n; ++k) sum += (k % 2 ? 4.0 : 2.0) * truth.at(a + k * h, ph).p_w;
  return sum * h / 3.0 / 3600.0;
}

TEST(Truth, HarmonicPowerOnAProfileIntegratesToTheSimpsonRule) {
  Scenario s;
  s.voltage[0].harmonics = {{5, 5.0, 40.0}, {7, 3.0, -20.0}};
  s.current[0].harmonics = {{5, 20.0, 180.0}, {7, 10.0, 0.0}};
  s.current[0].load_profile = {{0.0, 800.0, 600.0}, {1.0, -300.0, 200.0}, {2.0, 200.0, -400.0}};
  const ScenarioTruth truth(s);
  for (auto [a, b] : {std::pair{0.0, 3600.0}, std::pair{1800.0, 5400.0}, std::pair{100.0, 200.0}}) {
    const double exact = truth.active_energy_wh(0, a, b);
    // Simpson on each linear piece separately (the kink at 1 h would spoil it).
    double reference = 0.0;
    if (b <= 3600.0 || a >= 3600.0) {
      reference = simpson_of_power(truth, 0, a, b, 20000);
    } else {
      reference = simpson_of_power(truth, 0, a, 3600.0, 20000) +
                  simpson_of_power(truth, 0, 3600.0, b, 20000);
    }
    EXPECT_NEAR(exact, reference, 1e-9 * std::abs(reference) + 1e-12) << a << ".." << b;
    EXPECT_NE(exact, truth.fundamental_active_energy_wh(0, a, b));
  }
}

TEST(Truth, NeutralIsThePhasorSum) {
  Scenario s;
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    s.current[ph].rms_a = 5.0;
    s.current[ph].phi_deg = 30.0;
    s.current[ph].harmonics = {{3, 10.0, 0.0}, {5, 10.0, 0.0}};
  }
  const ScenarioTruth truth(s);
  // Fundamentals and 5th cancel; the 3rd adds up: 3 * 0.5 A.
  EXPECT_NEAR(truth.neutral_rms_a(1.0), 1.5, 1e-12);

  s.neutral.extra = {{1, 0.2, 0.0}};
  EXPECT_NEAR(ScenarioTruth(s).neutral_rms_a(1.0), std::hypot(1.5, 0.2), 1e-12);
  s.neutral.extra.clear();
  s.neutral.measured_sum = false;
  EXPECT_EQ(ScenarioTruth(s).neutral_rms_a(1.0), 0.0);
}

TEST(Truth, BuiltinDayHasAllFourQuadrantsOnEveryPhase) {
  const ScenarioTruth truth(builtin_scenario());
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    std::set<int> quadrants;
    for (double t = 0.0; t < 86400.0; t += 60.0) {
      const PhaseTruth p = truth.at(t, ph);
      if (p.p1_w == 0.0 || p.q1_var == 0.0) continue;
      quadrants.insert(p.p1_w > 0 ? (p.q1_var > 0 ? 1 : 4) : (p.q1_var > 0 ? 2 : 3));
    }
    EXPECT_EQ(quadrants.size(), 4u) << phase_name(ph);
  }
}

TEST(Truth, EnergiesAreAdditive) {
  const ScenarioTruth truth(builtin_scenario());
  const double day = truth.active_energy_wh(kAllPhases, 0.0, 86400.0);
  const double split = truth.active_energy_wh(kAllPhases, 0.0, 31277.2) +
                       truth.active_energy_wh(kAllPhases, 31277.2, 86400.0);
  EXPECT_GT(day, 0.0);
  EXPECT_NEAR(day, split, 1e-9 * day);
  const double q = truth.fundamental_reactive_energy_varh(1, 0.0, 86400.0);
  EXPECT_NEAR(q, truth.fundamental_reactive_energy_varh(1, 0.0, 40000.0) +
                     truth.fundamental_reactive_energy_varh(1, 40000.0, 86400.0),
              1e-9 * std::abs(q));
}

}  // namespace
}  // namespace quadra::host::sim
