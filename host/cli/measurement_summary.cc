#include "host/cli/measurement_summary.h"

#include <algorithm>

namespace quadra::host {

void SummaryBuilder::add(const metrology::WindowValues& w) {
  const double d = w.duration_s;
  if (sum_.windows == 0) sum_.start_s = w.start_s;
  sum_.duration_s += d;
  ++sum_.windows;
  if (!w.locked) ++sum_.unlocked_windows;
  for (std::size_t k = 0; k < 3; ++k) {
    const metrology::PhaseValues& p = w.phase[k];
    PhaseSummary& s = sum_.phase[k];
    s.u_rms_v += d * p.u_rms_v;
    s.i_rms_a += d * p.i_rms_a;
    s.p_w += d * p.p_w;
    s.q_var += d * p.q_var;
    s.s_va += d * p.s_va;
    s.u_thd_pct += d * p.u_harmonics.thd_pct;
    s.i_thd_pct += d * p.i_harmonics.thd_pct;
    for (unsigned h = 2; h <= metrology::kMaxHarmonicOrder; ++h) {
      s.u_harmonics_pct[h] += d * p.u_harmonics.harmonic_pct[h];
      s.i_harmonics_pct[h] += d * p.i_harmonics.harmonic_pct[h];
    }
    // A window whose channel was too small to analyse reports max_order 0: it does not limit.
    if (p.u_harmonics.max_order > 0) s.u_max_order = std::min(s.u_max_order, p.u_harmonics.max_order);
    if (p.i_harmonics.max_order > 0) s.i_max_order = std::min(s.i_max_order, p.i_harmonics.max_order);
  }
  sum_.p_w += d * w.p_w;
  sum_.q_var += d * w.q_var;
  sum_.s_arithmetic_va += d * w.s_arithmetic_va;
  sum_.s_vector_va += d * w.s_vector_va;
  sum_.s_va += d * w.s_va;
  sum_.in_measured_a += d * w.in_measured_a;
  sum_.in_calculated_a += d * w.in_calculated_a;
  sum_.u2_pct += d * w.u2_pct;
  sum_.u0_pct += d * w.u0_pct;
  sum_.i2_pct += d * w.i2_pct;
  sum_.i0_pct += d * w.i0_pct;
  sum_.frequency_hz += d * w.frequency_hz;
}

RunSummary SummaryBuilder::summary() const {
  RunSummary m = sum_;
  if (sum_.duration_s <= 0) return RunSummary{};
  const double inv = 1.0 / sum_.duration_s;
  // start_s, duration_s and the counts are not averages.
  for (PhaseSummary& s : m.phase) {
    s.u_rms_v *= inv;
    s.i_rms_a *= inv;
    s.p_w *= inv;
    s.q_var *= inv;
    s.s_va *= inv;
    s.pf = s.s_va > 0 ? s.p_w / s.s_va : 0.0;
    s.u_thd_pct *= inv;
    s.i_thd_pct *= inv;
    for (double& v : s.u_harmonics_pct) v *= inv;
    for (double& v : s.i_harmonics_pct) v *= inv;
  }
  m.p_w *= inv;
  m.q_var *= inv;
  m.s_arithmetic_va *= inv;
  m.s_vector_va *= inv;
  m.s_va *= inv;
  m.pf = m.s_va > 0 ? m.p_w / m.s_va : 0.0;
  m.in_measured_a *= inv;
  m.in_calculated_a *= inv;
  m.u2_pct *= inv;
  m.u0_pct *= inv;
  m.i2_pct *= inv;
  m.i0_pct *= inv;
  // Each window's frequency is cycles / duration, so the duration-weighted mean of the windows
  // is total cycles over total duration.
  m.frequency_hz *= inv;
  return m;
}

}  // namespace quadra::host
