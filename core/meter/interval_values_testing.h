// For tests and benchmarks only: a balanced three-phase interval at 230 V with constant total
// powers, each phase carrying a third. Energies are the powers times the duration, split into
// quadrants the way the metrology splits them.
#pragma once

#include <cstddef>

#include "core/meter/interval_values.h"
#include "core/metrology/four_quadrant_energy.h"

namespace quadra::meter {

// p_w, q_var, s_va: total active, reactive and apparent power (W, var, VA); s_va < 0 means
// "the same as p_w" (with q_var = 0: a unity power factor). duration_s > 0.
inline IntervalValues constant_power_interval(double start_s, double duration_s, double p_w, double q_var = 0.0,
                                              double s_va = -1.0) {
  if (s_va < 0.0) s_va = p_w;
  IntervalValues v;
  v.start_s = start_s;
  v.duration_s = duration_s;
  const double h = duration_s / 3600.0;
  for (std::size_t k = 0; k < 3; ++k) {
    v.u_rms_v[k] = 230.0;
    v.i_rms_a[k] = p_w / 690.0;
    v.p_w[k] = p_w / 3;
    v.q_var[k] = q_var / 3;
    v.s_va[k] = s_va / 3;
    v.energy[k] = metrology::split_into_quadrants(p_w / 3 * h, q_var / 3 * h, s_va / 3 * h);
  }
  v.energy[3] = metrology::split_into_quadrants(p_w * h, q_var * h, s_va * h);
  v.p_w_total = p_w;
  v.q_var_total = q_var;
  v.s_va_total = s_va;
  v.frequency_hz = 50.0;
  return v;
}

}  // namespace quadra::meter
