#include "host/cli/live_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "host/cli/event_names.h"
#include "host/cli/meter_report.h"

namespace quadra::host {

using metrology::Element;
using metrology::EnergyQuantity;

std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(std::floor(seconds));
  const long long days = s / 86400;
  const std::string hms = fmt::format("{:02}:{:02}:{:02}", (s % 86400) / 3600, (s % 3600) / 60, s % 60);
  return days > 0 ? fmt::format("{}d {}", days, hms) : hms;
}

std::string render_live_view(const meter::IntervalValues& v, const metrology::WindowValues* w,
                             const meter::Meter& m, const std::string& source) {
  std::string out;
  auto line = [&out](const std::string& s) { out += s + "\n"; };
  const double now = m.meter_time_s();
  const clock::CivilDateTime local = m.rtc().local(now);
  line(fmt::format("Quadra - {}   meter time {}   {:04}-{:02}-{:02} {:02}:{:02}:{:02}{}   T{}   f = {:.3f} Hz", source,
                   format_duration(now), local.year, local.month, local.day, local.hour, local.minute, local.second,
                   m.rtc().dst_active(now) ? " DST" : "", m.tariff(), v.frequency_hz));
  line("");
  line(fmt::format("{:>4} {:>10} {:>9} {:>11} {:>11} {:>7} {:>7} {:>7}", "", "U [V]", "I [A]", "P [kW]", "Q [kvar]",
                   "PF", "THDu%", "THDi%"));
  for (std::size_t k = 0; k < 3; ++k) {
    const double pf = v.s_va[k] > 0 ? v.p_w[k] / v.s_va[k] : 0.0;
    // Fast mode has no waveform, hence no THD: shown as "-".
    const std::string thd_u = w != nullptr ? fmt::format("{:.2f}", w->phase[k].u_harmonics.thd_pct) : "-";
    const std::string thd_i = w != nullptr ? fmt::format("{:.2f}", w->phase[k].i_harmonics.thd_pct) : "-";
    line(fmt::format("{:>4} {:>10.2f} {:>9.3f} {:>11.3f} {:>11.3f} {:>7.3f} {:>7} {:>7}", fmt::format("L{}", k + 1),
                     v.u_rms_v[k], v.i_rms_a[k], v.p_w[k] / 1e3, v.q_var[k] / 1e3, pf, thd_u, thd_i));
  }
  const double pf = v.s_va_total > 0 ? v.p_w_total / v.s_va_total : 0.0;
  line(fmt::format("{:>4} {:>10} {:>9} {:>11.3f} {:>11.3f} {:>7.3f}   Q{}  S = {:.3f} kVA", "sum", "", "",
                   v.p_w_total / 1e3, v.q_var_total / 1e3, pf, metrology::quadrant(v.p_w_total, v.q_var_total),
                   v.s_va_total / 1e3));
  if (w != nullptr) {
    line(fmt::format("     IN {:.3f} A (calc. {:.3f} A)   u2 {:.2f} %  u0 {:.2f} %  i2 {:.2f} %  U12 {:.1f} V",
                     w->in_measured_a, w->in_calculated_a, w->u2_pct, w->u0_pct, w->i2_pct, w->u_line_v[0]));
  }
  line("");
  const meter::TariffEnergyRegisters& e = m.energy();
  meter::RegisterValue probe;
  m.read(meter::Obis(1, 0, 1, 8, 0), probe);
  const std::int8_t scaler = probe.scaler;
  auto k = [&e, scaler](EnergyQuantity q, unsigned t) {
    return meter::readout_value(e.value(Element::kTotal, q, t), scaler, true) / 1e3;
  };
  line(fmt::format("{:>10} {:>14} {:>12} {:>12} {:>12} {:>12}", "", "total", "T1", "T2", "T3", "T4"));
  const struct {
    EnergyQuantity q;
    const char* name;
  } rows[] = {{EnergyQuantity::kActiveImport, "+A kWh"},    {EnergyQuantity::kActiveExport, "-A kWh"},
              {EnergyQuantity::kReactiveImport, "+R kvarh"}, {EnergyQuantity::kReactiveExport, "-R kvarh"},
              {EnergyQuantity::kApparentImport, "+S kVAh"},  {EnergyQuantity::kApparentExport, "-S kVAh"}};
  for (const auto& r : rows) {
    line(fmt::format("{:>10} {:>14.3f} {:>12.3f} {:>12.3f} {:>12.3f} {:>12.3f}", r.name, k(r.q, 0), k(r.q, 1), k(r.q, 2),
                     k(r.q, 3), k(r.q, 4)));
  }
  line(fmt::format("{:>10}   Q1 {:.3f}   Q2 {:.3f}   Q3 {:.3f}   Q4 {:.3f} kvarh", "", k(EnergyQuantity::kReactiveQ1, 0),
                   k(EnergyQuantity::kReactiveQ2, 0), k(EnergyQuantity::kReactiveQ3, 0),
                   k(EnergyQuantity::kReactiveQ4, 0)));
  line("");
  meter::RegisterValue cur, last, md, cmd;
  m.read(meter::Obis(1, 0, 1, 4, 0), cur);
  m.read(meter::Obis(1, 0, 1, 5, 0), last);
  m.read(meter::Obis(1, 0, 1, 6, 0), md);
  m.read(meter::Obis(1, 0, 1, 2, 0), cmd);
  line(fmt::format("  demand +P: current {:.3f} kW, last {:.3f} kW   maximum {:.3f} kW at {}   cumulative {:.3f} kW",
                   cur.value / 1e3, last.value / 1e3, md.value / 1e3,
                   md.capture_utc_s > 0 ? iso_utc(md.capture_utc_s) : std::string("-"), cmd.value / 1e3));
  meter::RegisterValue xc, xe;
  m.read(meter::Obis(1, 0, 1, 36, 0), xc);
  m.read(meter::Obis(1, 0, 1, 38, 128), xe);
  line(fmt::format("  excess power: {:.0f} periods, {:.3f} kWh   billing periods closed: {}", xc.value, xe.value / 1e3,
                   m.billing().counter()));
  const recording::EventRecorder& ev = m.events();
  using recording::LogGroup;
  line(fmt::format("  logs: standard {}  fraud {}  limits {}  power quality {}  power failure {}  configuration {}"
                   "   load profiles: {} / {} rows",
                   ev.log(LogGroup::kStandard).counter(), ev.log(LogGroup::kFraud).counter(),
                   ev.log(LogGroup::kLimits).counter(), ev.log(LogGroup::kPowerQuality).counter(),
                   ev.log(LogGroup::kPowerFailure).counter(), ev.log(LogGroup::kConfiguration).counter(),
                   m.load_profile(0).entries_in_use(), m.load_profile(1).entries_in_use()));
  if (m.losses()) {
    meter::RegisterValue ola, nla, olr, nlr;
    m.read(meter::Obis(1, 0, 83, 8, 3), ola);
    m.read(meter::Obis(1, 0, 83, 8, 6), nla);
    m.read(meter::Obis(1, 0, 83, 8, 12), olr);
    m.read(meter::Obis(1, 0, 83, 8, 15), nlr);
    line(fmt::format("  losses: OLA {:.3f} kWh  NLA {:.3f} kWh  OLR {:.3f} kvarh  NLR {:.3f} kvarh", ola.value / 1e3,
                     nla.value / 1e3, olr.value / 1e3, nlr.value / 1e3));
  }
  // The newest events of all logs, newest first, and the newest rows of load profile 1.
  struct Recent {
    clock::UtcSeconds utc;
    LogGroup log;
    const recording::EventRow* row;
  };
  std::vector<Recent> recent;
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) {
    const recording::EventLog& log = ev.log(static_cast<LogGroup>(g));
    for (std::size_t n = 0; n < std::min<std::size_t>(5, log.entries_in_use()); ++n) {
      const recording::EventRow& r = log.entry(log.entries_in_use() - 1 - n);
      recent.push_back({r.utc_s, static_cast<LogGroup>(g), &r});
    }
  }
  std::stable_sort(recent.begin(), recent.end(), [](const Recent& a, const Recent& b) { return a.utc > b.utc; });
  line("");
  line("  last events:");
  if (recent.empty()) line("    (none)");
  for (std::size_t n = 0; n < std::min<std::size_t>(5, recent.size()); ++n) {
    const Recent& r = recent[n];
    const clock::CivilDateTime t = clock::to_local(m.rtc().time_zone(), r.utc);
    line(fmt::format("    {:04}-{:02}-{:02} {:02}:{:02}:{:02}  {:<14} {:>3}  {}", t.year, t.month, t.day, t.hour, t.minute,
                     t.second, log_group_cli_name(r.log), r.row->code, event_name(r.log, r.row->code)));
  }
  const recording::LoadProfile& p1 = m.load_profile(0);
  line(fmt::format("  load profile 1 (every {} min), last rows: +A / -A / +R / -R [kWh, kvarh]", p1.period_s() / 60));
  if (p1.entries_in_use() == 0) line("    (none yet)");
  for (std::size_t n = p1.entries_in_use() > 3 ? p1.entries_in_use() - 3 : 0; n < p1.entries_in_use(); ++n) {
    const recording::ProfileRowView r = p1.entry(n);
    const clock::CivilDateTime t = clock::to_local(m.rtc().time_zone(), r.utc_s);
    std::string values;
    for (std::size_t c = 0; c < std::min<std::size_t>(4, r.values.size()); ++c)
      values += fmt::format("  {:.3f}", r.values[c] / 1e3);
    line(fmt::format("    {:04}-{:02}-{:02} {:02}:{:02}  status {:02X}{}", t.year, t.month, t.day, t.hour, t.minute, r.status,
                     values));
  }
  return out;
}

}  // namespace quadra::host
