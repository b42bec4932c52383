#include "core/registers/transformer_losses.h"

#include <cmath>

namespace quadra::registers {
namespace {

using metrology::Element;
using metrology::EnergyQuantity;

bool non_negative_finite(double v) { return std::isfinite(v) && v >= 0.0; }

constexpr double kSecondsPerHour = 3600.0;
constexpr double kU2hQuantum = 1.0;  // V^2h

}  // namespace

Status validate_config(const TransformerLossConfig& c) {
  const Status s = validate(c.coefficients);
  if (!s) return s;
  if (!std::isfinite(c.ct_ratio) || c.ct_ratio <= 0.0)
    return Status::invalid("losses.ct_ratio", "must be positive");
  if (!std::isfinite(c.vt_ratio) || c.vt_ratio <= 0.0)
    return Status::invalid("losses.vt_ratio", "must be positive");
  if (c.input != LossInputScale::kPrimary && c.input != LossInputScale::kSecondary)
    return Status::invalid("losses.input", "must be primary or secondary");
  if (c.compensation != LossCompensation::kNone && c.compensation != LossCompensation::kAddLosses &&
      c.compensation != LossCompensation::kSubtractLosses)
    return Status::invalid("losses.compensation", "must be none, add or subtract");
  return Status::ok();
}

LossInterval loss_interval(const metrology::WindowValues& w) {
  LossInterval in;
  in.duration_s = w.duration_s;
  for (std::size_t k = 0; k < 3; ++k) {
    in.u_rms_v[k] = w.phase[k].u_rms_v;
    in.i_rms_a[k] = w.phase[k].i_rms_a;
  }
  in.p_total_w = w.p_w;
  in.q_total_var = w.q_var;
  return in;
}

TransformerLosses::TransformerLosses(const TransformerLossConfig& config) : config_(config) {
  for (auto& acc : u2h_) acc = metrology::EnergyAccumulator(kU2hQuantum);
}

Status TransformerLosses::add(const LossInterval& in, LossIncrement* added) {
  if (!non_negative_finite(in.duration_s))
    return Status::invalid("losses.interval.duration_s", "must be finite and >= 0");
  for (std::size_t k = 0; k < 3; ++k) {
    if (!non_negative_finite(in.u_rms_v[k]))
      return Status::invalid("losses.interval.u_rms_v", "must be finite and >= 0");
    if (!non_negative_finite(in.i_rms_a[k]))
      return Status::invalid("losses.interval.i_rms_a", "must be finite and >= 0");
  }
  if (!std::isfinite(in.p_total_w) || !std::isfinite(in.q_total_var))
    return Status::invalid("losses.interval.power", "must be finite");

  const bool secondary = config_.input == LossInputScale::kSecondary;
  const double ku = secondary ? config_.vt_ratio : 1.0;
  const double ki = secondary ? config_.ct_ratio : 1.0;
  const LossCoefficients& c = config_.coefficients;
  const double hours = in.duration_s / kSecondsPerHour;

  LossIncrement inc;
  inc.direction = in.p_total_w >= 0.0 ? LossDirection::kImport : LossDirection::kExport;
  const std::size_t total = metrology::index(Element::kTotal);
  double i2h_total = 0.0;
  double u2h_total = 0.0;
  for (std::size_t k = 0; k < 3; ++k) {
    const double u = in.u_rms_v[k] * ku;
    const double i = in.i_rms_a[k] * ki;
    const double i2h = i * i * hours;
    const double u2h = u * u * hours;
    i2h_[k].add(i2h);
    u2h_[k].add(u2h);
    i2h_total += i2h;
    u2h_total += u2h;
    auto& l = inc.loss;
    l[index(LossKind::kOla)][k] = c.r_cu_ohm * i2h;
    l[index(LossKind::kOlr)][k] = c.x_cu_ohm * i2h;
    l[index(LossKind::kNla)][k] = c.g_fe_s * u2h;
    l[index(LossKind::kNlr)][k] = c.law == NoLoadReactiveLaw::kQuadratic
                                      ? c.b_m_s * u2h
                                      : c.b4_var_per_v4 * u2h * u * u;
    for (std::size_t kind = 0; kind < kLossKindCount; ++kind) l[kind][total] += l[kind][k];
  }
  i2h_[total].add(i2h_total);
  u2h_[total].add(u2h_total);

  const std::size_t dir = index(inc.direction);
  for (std::size_t kind = 0; kind < kLossKindCount; ++kind) {
    for (std::size_t e = 0; e < metrology::kElementCount; ++e) {
      if (inc.loss[kind][e] > 0.0) loss_[kind][e][dir].add(inc.loss[kind][e]);
    }
  }

  if (compensating()) {
    const double s = config_.compensation == LossCompensation::kAddLosses ? 1.0 : -1.0;
    const double lp = inc.loss[index(LossKind::kOla)][total] + inc.loss[index(LossKind::kNla)][total];
    const double lq = inc.loss[index(LossKind::kOlr)][total] + inc.loss[index(LossKind::kNlr)][total];
    const double ep = in.p_total_w * hours + s * lp;
    const double eq = in.q_total_var * hours + s * lq;
    if (ep >= 0.0) {
      compensated_[metrology::index(EnergyQuantity::kActiveImport)].add(ep);
    } else {
      compensated_[metrology::index(EnergyQuantity::kActiveExport)].add(-ep);
    }
    if (eq >= 0.0) {
      compensated_[metrology::index(EnergyQuantity::kReactiveImport)].add(eq);
    } else {
      compensated_[metrology::index(EnergyQuantity::kReactiveExport)].add(-eq);
    }
  }
  if (added != nullptr) *added = inc;
  return Status::ok();
}

}  // namespace quadra::registers
