#include "host/sim/phasor_ticker.h"

#include <cmath>

namespace quadra::host::sim {

using metrology::Element;

PhasorTicker::PhasorTicker(const Scenario& scenario, const metrology::MetrologyConfig& config)
    : truth_(scenario), config_(config) {}

meter::IntervalValues PhasorTicker::tick(double t0_s, double dt_s) const {
  meter::IntervalValues v;
  v.start_s = t0_s;
  v.duration_s = dt_s;
  const double t1 = t0_s + dt_s;
  const double mid = t0_s + dt_s / 2;
  const double vt = config_.vt_ratio, ct = config_.ct_ratio, power = vt * ct;
  const double hours = dt_s / 3600.0;
  const double creep = config_.effective_creep_current_a();
  double p_wh = 0, q_varh = 0, s_vah = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    const PhaseTruth t = truth_.at(mid, k);
    v.u_rms_v[k] = t.u_rms_v * vt;
    v.i_rms_a[k] = t.i_rms_a * ct;
    if (t.i_rms_a < creep) continue;  // no-load: the phase registers nothing
    const double e_p = truth_.active_energy_wh(k, t0_s, t1) * power;
    const double e_q = truth_.fundamental_reactive_energy_varh(k, t0_s, t1) * power;
    const double e_s = t.s_va * power * hours;
    v.p_w[k] = e_p / hours;
    v.q_var[k] = e_q / hours;
    v.s_va[k] = t.s_va * power;
    v.energy[k] = metrology::split_into_quadrants(e_p, e_q, e_s);
    p_wh += e_p;
    q_varh += e_q;
    s_vah += e_s;
  }
  if (config_.apparent_total == metrology::ApparentTotal::kVector) s_vah = std::hypot(p_wh, q_varh);
  v.energy[metrology::index(Element::kTotal)] = metrology::split_into_quadrants(p_wh, q_varh, s_vah);
  v.p_w_total = p_wh / hours;
  v.q_var_total = q_varh / hours;
  v.s_va_total = s_vah / hours;
  v.frequency_hz = truth_.frequency_hz(mid);
  return v;
}

}  // namespace quadra::host::sim
