#include "host/cli/measure_report.h"

#include <fmt/format.h>

namespace quadra::host {
namespace {

using metrology::Element;
using metrology::EnergyQuantity;
using nlohmann::ordered_json;

ordered_json harmonics(const std::array<double, metrology::kMaxHarmonicOrder + 1>& pct, unsigned max_order) {
  ordered_json h = ordered_json::object();
  for (unsigned k = 2; k <= metrology::kMaxHarmonicOrder; ++k) {
    // Orders above what the sampling rate can carry are not measured: null, not zero.
    h[std::to_string(k)] = k <= max_order ? ordered_json(pct[k]) : ordered_json(nullptr);
  }
  return h;
}

ordered_json energy(const metrology::FourQuadrantEnergy& e) {
  return ordered_json{{"active_import_wh", e.value(EnergyQuantity::kActiveImport)},
                      {"active_export_wh", e.value(EnergyQuantity::kActiveExport)},
                      {"reactive_import_varh", e.value(EnergyQuantity::kReactiveImport)},
                      {"reactive_export_varh", e.value(EnergyQuantity::kReactiveExport)},
                      {"reactive_q1_varh", e.value(EnergyQuantity::kReactiveQ1)},
                      {"reactive_q2_varh", e.value(EnergyQuantity::kReactiveQ2)},
                      {"reactive_q3_varh", e.value(EnergyQuantity::kReactiveQ3)},
                      {"reactive_q4_varh", e.value(EnergyQuantity::kReactiveQ4)},
                      {"apparent_import_vah", e.value(EnergyQuantity::kApparentImport)},
                      {"apparent_export_vah", e.value(EnergyQuantity::kApparentExport)}};
}

}  // namespace

ordered_json measure_json(const RunSummary& s, const ElementEnergies& energies) {
  ordered_json j;
  j["duration_s"] = s.duration_s;
  j["frequency_hz"] = s.frequency_hz;
  ordered_json phases;
  for (std::size_t k = 0; k < 3; ++k) {
    const PhaseSummary& p = s.phase[k];
    phases[fmt::format("L{}", k + 1)] = ordered_json{
        {"u_rms_v", p.u_rms_v},     {"i_rms_a", p.i_rms_a},
        {"p_w", p.p_w},             {"q_var", p.q_var},
        {"s_va", p.s_va},           {"pf", p.pf},
        {"u_thd_pct", p.u_thd_pct}, {"i_thd_pct", p.i_thd_pct},
        {"u_harmonics_pct", harmonics(p.u_harmonics_pct, p.u_max_order)},
        {"i_harmonics_pct", harmonics(p.i_harmonics_pct, p.i_max_order)}};
  }
  j["phases"] = phases;
  j["total"] = ordered_json{{"p_w", s.p_w},
                            {"q_var", s.q_var},
                            {"s_va_arithmetic", s.s_arithmetic_va},
                            {"s_va_vector", s.s_vector_va},
                            {"pf", s.pf}};
  j["neutral"] = ordered_json{{"i_rms_measured_a", s.in_measured_a}, {"i_rms_calculated_a", s.in_calculated_a}};
  j["unbalance"] = ordered_json{{"u2_pct", s.u2_pct}, {"u0_pct", s.u0_pct}, {"i2_pct", s.i2_pct}, {"i0_pct", s.i0_pct}};
  ordered_json e;
  e["total"] = energy(energies[metrology::index(Element::kTotal)]);
  e["L1"] = energy(energies[metrology::index(Element::kL1)]);
  e["L2"] = energy(energies[metrology::index(Element::kL2)]);
  e["L3"] = energy(energies[metrology::index(Element::kL3)]);
  j["energy"] = e;
  return j;
}

std::string measure_table(const RunSummary& s, const ElementEnergies& energies) {
  std::string out;
  auto line = [&out](const std::string& l) { out += l + "\n"; };
  line(fmt::format("{:.3f} s in {} windows ({} not locked to a voltage), f = {:.4f} Hz", s.duration_s, s.windows,
                   s.unlocked_windows, s.frequency_hz));
  line(fmt::format("{:>6} {:>12} {:>11} {:>13} {:>13} {:>13} {:>7} {:>7} {:>7}", "", "U rms [V]", "I rms [A]", "P [W]",
                   "Q [var]", "S [VA]", "PF", "THDu%", "THDi%"));
  for (std::size_t k = 0; k < 3; ++k) {
    const PhaseSummary& p = s.phase[k];
    line(fmt::format("{:>6} {:>12.3f} {:>11.4f} {:>13.2f} {:>13.2f} {:>13.2f} {:>7.4f} {:>7.2f} {:>7.2f}",
                     fmt::format("L{}", k + 1), p.u_rms_v, p.i_rms_a, p.p_w, p.q_var, p.s_va, p.pf, p.u_thd_pct,
                     p.i_thd_pct));
  }
  line(fmt::format("{:>6} {:>12} {:>11} {:>13.2f} {:>13.2f} {:>13.2f} {:>7.4f}   (S vector {:.2f} VA)", "total", "",
                   "", s.p_w, s.q_var, s.s_arithmetic_va, s.pf, s.s_vector_va));
  line(fmt::format("neutral: measured {:.4f} A, calculated {:.4f} A;  unbalance u2 {:.3f} %  u0 {:.3f} %  i2 {:.3f} %  "
                   "i0 {:.3f} %",
                   s.in_measured_a, s.in_calculated_a, s.u2_pct, s.u0_pct, s.i2_pct, s.i0_pct));
  line("energy (total):");
  const metrology::FourQuadrantEnergy& e = energies[metrology::index(Element::kTotal)];
  for (std::size_t q = 0; q < metrology::kEnergyQuantityCount; ++q) {
    const auto quantity = static_cast<EnergyQuantity>(q);
    const char* unit = q < 2 ? "Wh" : (q < 8 ? "varh" : "VAh");
    line(fmt::format("  {:>3} {:16.6f} {}", metrology::quantity_name(quantity), e.value(quantity), unit));
  }
  return out;
}

const char* event_type_name(quality::EventType type) {
  using quality::EventType;
  switch (type) {
    case EventType::kSagStart: case EventType::kSagEnd: return "sag";
    case EventType::kSwellStart: case EventType::kSwellEnd: return "swell";
    case EventType::kMissingVoltageStart: case EventType::kMissingVoltageEnd: return "missing_voltage";
    case EventType::kInterruptionStart: case EventType::kShortInterruptionEnd: return "interruption";
    case EventType::kLongInterruptionEnd: return "long_interruption";
    case EventType::kPowerDown: case EventType::kPowerUp: return "power_down";
    case EventType::kLongPowerOutage: return "long_power_outage";
    case EventType::kVoltageAsymmetryStart: case EventType::kVoltageAsymmetryEnd: return "voltage_asymmetry";
    case EventType::kCurrentAsymmetryStart: case EventType::kCurrentAsymmetryEnd: return "current_asymmetry";
    case EventType::kPhaseSequenceReversal: case EventType::kPhaseSequenceNormal: return "phase_sequence_reversal";
    case EventType::kCurrentWithoutVoltageStart: case EventType::kCurrentWithoutVoltageEnd: return "current_without_voltage";
    case EventType::kNoCurrentStart: case EventType::kNoCurrentEnd: return "no_current";
    case EventType::kImaxExceeded: case EventType::kImaxNormal: return "imax_exceeded";
    case EventType::kPmaxExceeded: case EventType::kPmaxNormal: return "pmax_exceeded";
    case EventType::kDemandOverLimit: case EventType::kDemandNormal: return "demand_over_limit";
    case EventType::kFrequencyOutOfRange: case EventType::kFrequencyNormal: return "frequency_out_of_range";
    case EventType::kTerminalCoverOpened: case EventType::kTerminalCoverClosed: return "terminal_cover_open";
    case EventType::kMagneticFieldDetected: case EventType::kMagneticFieldGone: return "magnetic_field";
    case EventType::kMeterCaseOpened: case EventType::kMeterCaseClosed: return "meter_case_open";
  }
  return "unknown";
}

namespace {
std::string phase_name(std::uint8_t phase) { return phase == 0 ? "all" : fmt::format("L{}", phase); }
}  // namespace

ordered_json events_json(const std::vector<quality::QualityEvent>& events) {
  ordered_json a = ordered_json::array();
  for (const quality::QualityEvent& e : events) {
    a.push_back(ordered_json{{"type", event_type_name(e.type)},
                             {"phase", phase_name(e.phase)},
                             {"start_s", e.start_s},
                             {"duration_s", e.duration_s},
                             {"extreme_pct", e.extreme_pct}});
  }
  return a;
}

std::string events_table(const std::vector<quality::QualityEvent>& events) {
  if (events.empty()) return "power quality: no events\n";
  std::string out = fmt::format("power quality: {} events\n", events.size());
  for (const quality::QualityEvent& e : events) {
    out += fmt::format("  {:<24} {:>4}  start {:10.4f} s  duration {:9.4f} s  extreme {:8.2f} %\n",
                       event_type_name(e.type), phase_name(e.phase), e.start_s, e.duration_s, e.extreme_pct);
  }
  return out;
}

SeriesWriter::SeriesWriter(std::ostream& out) : out_(out) {
  out_ << "start_s,duration_s,frequency_hz,locked";
  for (int k = 1; k <= 3; ++k) {
    out_ << fmt::format(",u{0}_rms_v,i{0}_rms_a,p{0}_w,q{0}_var,s{0}_va,pf{0},u{0}_thd_pct,i{0}_thd_pct", k);
  }
  out_ << ",p_w,q_var,s_va_arithmetic,s_va_vector,pf,in_measured_a,in_calculated_a,u2_pct,u0_pct,i2_pct,i0_pct\n";
}

void SeriesWriter::write(const metrology::WindowValues& w) {
  out_ << fmt::format("{:.6f},{:.6f},{:.6f},{}", w.start_s, w.duration_s, w.frequency_hz, w.locked ? 1 : 0);
  for (const metrology::PhaseValues& p : w.phase) {
    out_ << fmt::format(",{:.6g},{:.6g},{:.6g},{:.6g},{:.6g},{:.6f},{:.4f},{:.4f}", p.u_rms_v, p.i_rms_a, p.p_w,
                        p.q_var, p.s_va, p.pf, p.u_harmonics.thd_pct, p.i_harmonics.thd_pct);
  }
  out_ << fmt::format(",{:.6g},{:.6g},{:.6g},{:.6g},{:.6f},{:.6g},{:.6g},{:.4f},{:.4f},{:.4f},{:.4f}\n", w.p_w,
                      w.q_var, w.s_arithmetic_va, w.s_vector_va, w.pf, w.in_measured_a, w.in_calculated_a, w.u2_pct,
                      w.u0_pct, w.i2_pct, w.i0_pct);
}

}  // namespace quadra::host
