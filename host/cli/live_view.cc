#include "host/cli/live_view.h"

#include <fmt/format.h>

#include <cmath>

namespace quadra::host {

using metrology::Element;
using metrology::EnergyQuantity;

std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(std::floor(seconds));
  const long long days = s / 86400;
  const std::string hms = fmt::format("{:02}:{:02}:{:02}", (s % 86400) / 3600, (s % 3600) / 60, s % 60);
  return days > 0 ? fmt::format("{}d {}", days, hms) : hms;
}

std::string render_live_view(double meter_time_s, const metrology::WindowValues& w,
                             const metrology::Metrology& meter, const std::string& source) {
  std::string out;
  auto line = [&out](const std::string& s) { out += s + "\n"; };
  line(fmt::format("Quadra virtual meter - {}   meter time {}   f = {:.3f} Hz{}", source,
                   format_duration(meter_time_s), w.frequency_hz, w.locked ? "" : " (not locked)"));
  line("");
  line(fmt::format("{:>4} {:>10} {:>9} {:>11} {:>11} {:>7} {:>7} {:>7}", "", "U [V]", "I [A]", "P [kW]",
                   "Q [kvar]", "PF", "THDu%", "THDi%"));
  for (std::size_t k = 0; k < 3; ++k) {
    const metrology::PhaseValues& p = w.phase[k];
    line(fmt::format("{:>4} {:>10.2f} {:>9.3f} {:>11.3f} {:>11.3f} {:>7.3f} {:>7.2f} {:>7.2f}", fmt::format("L{}", k + 1),
                     p.u_rms_v, p.i_rms_a, p.p_w / 1e3, p.q_var / 1e3, p.pf, p.u_harmonics.thd_pct,
                     p.i_harmonics.thd_pct));
  }
  line(fmt::format("{:>4} {:>10} {:>9} {:>11.3f} {:>11.3f} {:>7.3f}   Q{}  S = {:.3f} kVA", "sum", "", "",
                   w.p_w / 1e3, w.q_var / 1e3, w.pf, w.quadrant, w.s_va / 1e3));
  line(fmt::format("     IN {:.3f} A (calc. {:.3f} A)   u2 {:.2f} %  u0 {:.2f} %  i2 {:.2f} %  U12 {:.1f} V",
                   w.in_measured_a, w.in_calculated_a, w.u2_pct, w.u0_pct, w.i2_pct, w.u_line_v[0]));
  line("");
  const metrology::FourQuadrantEnergy& e = meter.energy(Element::kTotal);
  auto k = [&e](EnergyQuantity q) { return e.value(q) / 1e3; };
  line(fmt::format("  +A {:14.3f} kWh      -A {:14.3f} kWh", k(EnergyQuantity::kActiveImport),
                   k(EnergyQuantity::kActiveExport)));
  line(fmt::format("  +R {:14.3f} kvarh    -R {:14.3f} kvarh", k(EnergyQuantity::kReactiveImport),
                   k(EnergyQuantity::kReactiveExport)));
  line(fmt::format("  Q1 {:14.3f} kvarh    Q2 {:14.3f} kvarh    Q3 {:14.3f} kvarh    Q4 {:14.3f} kvarh",
                   k(EnergyQuantity::kReactiveQ1), k(EnergyQuantity::kReactiveQ2), k(EnergyQuantity::kReactiveQ3),
                   k(EnergyQuantity::kReactiveQ4)));
  line(fmt::format("  +S {:14.3f} kVAh     -S {:14.3f} kVAh", k(EnergyQuantity::kApparentImport),
                   k(EnergyQuantity::kApparentExport)));
  return out;
}

}  // namespace quadra::host
