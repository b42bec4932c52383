// What the meter application consumes: one measuring interval's energy and mean values. On the
// sample path an interval is one 10/12-cycle metrology window; in fast mode (phasor-level
// simulation, no samples) it is one tick computed from the scenario's closed form. Primary units.
#pragma once

#include <array>

#include "core/metrology/four_quadrant_energy.h"
#include "core/metrology/measurements.h"

namespace quadra::meter {

// The harmonic orders the meter serves per phase (1.0.C.7.h.255, h = 1..40): the orders of the
// metrology's THD (IEC 61000-4-7 THDS, orders 2..40); it measures up to 50.
inline constexpr unsigned kServedHarmonicOrder = 40;

struct IntervalValues {
  double start_s = 0.0;     // meter time (seconds since the first sample)
  double duration_s = 0.0;  // > 0
  // Registered energy of L1, L2, L3 and the total (metrology::Element order), after creep
  // suppression: exactly what the metrology's own registers received.
  std::array<metrology::EnergyIncrement, metrology::kElementCount> energy{};
  std::array<double, 3> u_rms_v{};
  std::array<double, 3> i_rms_a{};
  std::array<double, 3> p_w{};
  std::array<double, 3> q_var{};
  std::array<double, 3> s_va{};
  double p_w_total = 0.0;
  double q_var_total = 0.0;
  double s_va_total = 0.0;  // the configured total (arithmetic or vector)
  double frequency_hz = 0.0;
  // THD of U and I per phase, %; 0 in fast mode (no waveform).
  std::array<double, 3> u_thd_pct{};
  std::array<double, 3> i_thd_pct{};
  // From the waveform too, so 0 in fast mode: the line voltages U12, U23, U31; the neutral
  // current (the IN input where measured, else the rms of i1 + i2 + i3); the angle of each phase's
  // voltage fundamental to its current's, U - I in degrees (+ inductive); the voltage unbalance
  // u2 = U2 / U1, %.
  std::array<double, 3> u_line_v{};
  double i_neutral_a = 0.0;
  std::array<double, 3> ui_angle_deg{};
  double u2_pct = 0.0;
  // Harmonic subgroups per phase, rms, primary (IEC 61000-4-7): [phase][h] for h = 1..40, [0]
  // unused. h = 1 is the fundamental's rms; h >= 2 is U_1 * G_sg,h / G_sg,1, the metrology's
  // harmonic ratio applied to it. 0 in fast mode (no waveform), above the highest order the
  // metrology measured, and while the fundamental is below 1 % of its reference (no ratios then).
  std::array<std::array<double, kServedHarmonicOrder + 1>, 3> u_harmonic_v{};
  std::array<std::array<double, kServedHarmonicOrder + 1>, 3> i_harmonic_a{};
};

inline IntervalValues interval_from_window(const metrology::WindowValues& w) {
  IntervalValues v;
  v.start_s = w.start_s;
  v.duration_s = w.duration_s;
  v.energy = w.energy;
  for (std::size_t k = 0; k < 3; ++k) {
    v.u_rms_v[k] = w.phase[k].u_rms_v;
    v.i_rms_a[k] = w.phase[k].i_rms_a;
    v.p_w[k] = w.phase[k].p_w;
    v.q_var[k] = w.phase[k].q_var;
    v.s_va[k] = w.phase[k].s_va;
    v.u_thd_pct[k] = w.phase[k].u_harmonics.thd_pct;
    v.i_thd_pct[k] = w.phase[k].i_harmonics.thd_pct;
    v.u_line_v[k] = w.u_line_v[k];
    v.ui_angle_deg[k] = w.phase[k].ui_angle_deg;
    const metrology::PhaseValues& p = w.phase[k];
    v.u_harmonic_v[k][1] = p.u_fundamental_v;
    v.i_harmonic_a[k][1] = p.i_fundamental_a;
    for (unsigned h = 2; h <= kServedHarmonicOrder; ++h) {
      if (h <= p.u_harmonics.max_order) v.u_harmonic_v[k][h] = p.u_fundamental_v * p.u_harmonics.harmonic_pct[h] / 100.0;
      if (h <= p.i_harmonics.max_order) v.i_harmonic_a[k][h] = p.i_fundamental_a * p.i_harmonics.harmonic_pct[h] / 100.0;
    }
  }
  v.i_neutral_a = w.in_measured_a > 0.0 ? w.in_measured_a : w.in_calculated_a;
  v.u2_pct = w.u2_pct;
  v.p_w_total = w.p_w;
  v.q_var_total = w.q_var;
  v.s_va_total = w.s_va;
  v.frequency_hz = w.frequency_hz;
  return v;
}

}  // namespace quadra::meter
