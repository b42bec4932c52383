#include "core/registers/transformer_model.h"

#include <cmath>
#include <limits>

namespace quadra::registers {
namespace {

bool non_negative_finite(double v) { return std::isfinite(v) && v >= 0.0; }
bool positive_finite(double v) { return std::isfinite(v) && v > 0.0; }

}  // namespace

Status validate(const LossCoefficients& c) {
  if (!non_negative_finite(c.r_cu_ohm)) return Status::invalid("losses.r_cu_ohm", "must be finite and >= 0");
  if (!non_negative_finite(c.x_cu_ohm)) return Status::invalid("losses.x_cu_ohm", "must be finite and >= 0");
  if (!non_negative_finite(c.g_fe_s)) return Status::invalid("losses.g_fe_s", "must be finite and >= 0");
  if (!non_negative_finite(c.b_m_s)) return Status::invalid("losses.b_m_s", "must be finite and >= 0");
  if (!non_negative_finite(c.b4_var_per_v4))
    return Status::invalid("losses.b4_var_per_v4", "must be finite and >= 0");
  if (c.law != NoLoadReactiveLaw::kQuadratic && c.law != NoLoadReactiveLaw::kQuartic)
    return Status::invalid("losses.law", "must be quadratic or quartic");
  return Status::ok();
}

Status coefficients_from_sheet(const TransformerSheet& s, MeteringSide side, NoLoadReactiveLaw law,
                               LossCoefficients& out) {
  if (!positive_finite(s.rated_power_va))
    return Status::invalid("transformer.rated_power_va", "must be positive");
  if (!positive_finite(s.rated_voltage_hv_v) || !positive_finite(s.rated_voltage_lv_v))
    return Status::invalid("transformer.rated_voltage", "both windings need a positive rated voltage");
  if (!std::isfinite(s.short_circuit_voltage_pct) || s.short_circuit_voltage_pct <= 0.0 ||
      s.short_circuit_voltage_pct >= 100.0)
    return Status::invalid("transformer.short_circuit_voltage_pct", "must lie in (0, 100)");
  if (!std::isfinite(s.no_load_current_pct) || s.no_load_current_pct < 0.0 ||
      s.no_load_current_pct >= 100.0)
    return Status::invalid("transformer.no_load_current_pct", "must lie in [0, 100)");
  const double sk = s.short_circuit_voltage_pct / 100.0 * s.rated_power_va;  // |Z_k| I_n^2 * 3
  const double s0 = s.no_load_current_pct / 100.0 * s.rated_power_va;
  if (!non_negative_finite(s.load_losses_w) || s.load_losses_w > sk)
    return Status::invalid("transformer.load_losses_w", "must lie between 0 and u_k * S_n");
  if (!non_negative_finite(s.no_load_losses_w) || s.no_load_losses_w > s0)
    return Status::invalid("transformer.no_load_losses_w", "must lie between 0 and i_0 * S_n");

  const double un = side == MeteringSide::kLowVoltage ? s.rated_voltage_lv_v : s.rated_voltage_hv_v;
  const double un2 = un * un;
  const double to_series = un2 / (s.rated_power_va * s.rated_power_va);  // ohm per W at I_n
  const double qk = std::sqrt(sk * sk - s.load_losses_w * s.load_losses_w);
  const double q0 = std::sqrt(s0 * s0 - s.no_load_losses_w * s.no_load_losses_w);

  LossCoefficients c;
  c.r_cu_ohm = s.load_losses_w * to_series;
  c.x_cu_ohm = qk * to_series;
  c.g_fe_s = s.no_load_losses_w / un2;
  c.b_m_s = q0 / un2;
  c.b4_var_per_v4 = 3.0 * q0 / (un2 * un2);
  c.law = law;
  out = c;
  return Status::ok();
}

EquivalentCircuit equivalent_circuit(const LossCoefficients& c) {
  const double open = std::numeric_limits<double>::infinity();
  EquivalentCircuit e;
  e.r_cu_ohm = c.r_cu_ohm;
  e.x_s_ohm = c.x_cu_ohm;
  e.r_fe_ohm = c.g_fe_s > 0.0 ? 1.0 / c.g_fe_s : open;
  e.x_m_valid = c.law == NoLoadReactiveLaw::kQuadratic;
  e.x_m_ohm = c.b_m_s > 0.0 ? 1.0 / c.b_m_s : open;
  return e;
}

LossCoefficients referred_to_secondary(const LossCoefficients& c, double ct_ratio, double vt_ratio) {
  LossCoefficients n = c;
  const double ct2 = ct_ratio * ct_ratio;
  const double vt2 = vt_ratio * vt_ratio;
  n.r_cu_ohm = c.r_cu_ohm * ct2;
  n.x_cu_ohm = c.x_cu_ohm * ct2;
  n.g_fe_s = c.g_fe_s * vt2;
  n.b_m_s = c.b_m_s * vt2;
  n.b4_var_per_v4 = c.b4_var_per_v4 * vt2 * vt2;
  return n;
}

}  // namespace quadra::registers
