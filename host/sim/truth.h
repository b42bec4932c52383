// The analytic truth of a scenario: rms values, powers and energies in closed form from the
// scenario's phasors, never from its samples. This is what the metrology's accuracy tests compare
// against (docs: "Truth, not echoes").
//
// All values are SECONDARY (multiply by vt_ratio and/or ct_ratio for primary ones).
//
// Definitions (per phase, at an instant t; the signal is taken as stationary at t):
//   U_rms, I_rms  sqrt of the sum of the squares of all components (fundamental, harmonics,
//                 interharmonics) — the rms over a long window;
//   P             sum over h of U_h * I_h * cos(phi_h), plus U * I * cos(phase difference) for each
//                 voltage/current interharmonic pair at the same frequency; interharmonics are
//                 taken as incoherent with the harmonics;
//   P1, Q1        U1 * I1 * cos(phi1), U1 * I1 * sin(phi1): fundamental active and reactive power
//                 (IEEE 1459; Q1 > 0 inductive);
//   S             U_rms * I_rms.
// Event envelopes (sags, swells, interruptions) apply from the sample instant nearest their start
// to the one nearest their end, exactly as in the samples. The ADC model (noise, quantisation) is
// not part of the truth.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <vector>

#include "host/sim/scenario.h"

namespace quadra::host::sim {

namespace detail {
class SignalModel;
}

// Selects the three-phase total in the energy functions.
inline constexpr std::size_t kAllPhases = kPhases;

struct PhaseTruth {
  double frequency_hz = 0.0;
  double u_rms_v = 0.0;  // all components
  double i_rms_a = 0.0;
  double u1_rms_v = 0.0;  // fundamental phasors; angles against the common reference (U1 at its
  double u1_angle_deg = 0.0;  // configured angle), in (-180, 180]
  double i1_rms_a = 0.0;
  double i1_angle_deg = 0.0;
  double phi1_deg = 0.0;  // u1_angle - i1_angle, in (-180, 180]; > 0 inductive
  double p_w = 0.0;       // active power, all components
  double p1_w = 0.0;      // fundamental active power
  double q1_var = 0.0;    // fundamental reactive power
  double s_va = 0.0;      // U_rms * I_rms
  // rms of harmonic h at index h (1 = fundamental, 0 unused, up to kMaxHarmonicOrder).
  std::array<double, kMaxHarmonicOrder + 1> u_harmonic_rms_v{};
  std::array<double, kMaxHarmonicOrder + 1> i_harmonic_rms_a{};
  double voltage_factor = 1.0;  // event envelope in force (1 outside events)
  double current_factor = 1.0;
};

class ScenarioTruth {
 public:
  // Precondition: the scenario passed validate_scenario() (GridSimulator checks it).
  explicit ScenarioTruth(const Scenario& scenario);
  explicit ScenarioTruth(std::shared_ptr<const detail::SignalModel> model);
  ~ScenarioTruth();
  ScenarioTruth(const ScenarioTruth&) = default;
  ScenarioTruth& operator=(const ScenarioTruth&) = default;

  // phase: 0, 1, 2.
  PhaseTruth at(double t_s, std::size_t phase) const;
  double frequency_hz(double t_s) const;
  // rms of IN: the phasor sum of the three currents per frequency plus neutral.extra; 0 when the
  // neutral is absent.
  double neutral_rms_a(double t_s) const;

  // Energies over [t0_s, t1_s] (negative if t1 < t0), of one phase (0..2) or of kAllPhases.
  // Exact per piece where the integrand is a polynomial of degree <= 1 between breakpoints (fixed
  // currents, the fundamental part of load profiles, event envelopes); the harmonic part of P on
  // a load-profile phase (a non-polynomial function of S(t)) by adaptive Simpson to 1e-12 of the
  // piece's scale.
  double active_energy_wh(std::size_t phase, double t0_s, double t1_s) const;
  double fundamental_active_energy_wh(std::size_t phase, double t0_s, double t1_s) const;
  double fundamental_reactive_energy_varh(std::size_t phase, double t0_s, double t1_s) const;

 private:
  enum class Quantity { kP, kP1, kQ1 };
  double energy(Quantity q, std::size_t phase, double t0, double t1) const;
  double phase_energy_j(Quantity q, std::size_t phase, double t0, double t1) const;
  // Harmonic and interharmonic active power of a phase for an undisturbed current phasor i1.
  double cross_power_w(std::size_t phase, double i1_abs, double phi1_rad) const;

  // A voltage/current component pair at one frequency: contributes
  // U1 * I1 * coef * cos(order * phi1 + offset_rad) to P (order 0 for interharmonics).
  struct CrossPair {
    int order;
    double coef;
    double offset_rad;
  };

  std::shared_ptr<const detail::SignalModel> model_;
  std::array<std::vector<CrossPair>, kPhases> pairs_;
};

}  // namespace quadra::host::sim
