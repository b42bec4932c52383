#include <cmath>

#include "core/meter/limiter.h"
#include "core/meter/register_monitor.h"

namespace quadra::meter {

Status RegisterMonitor::validate(const Config& c) {
  if (c.count > kMaxThresholds) return Status::error(StatusCode::kCapacity, "register_monitor.thresholds", "holds more than 8 values");
  Obis reg;
  if (!register_of(c.monitored, &reg))
    return Status::invalid("register_monitor.monitored_value", "is not attribute 2 of a Data or (extended) register, or 2/3 of a demand register");
  for (std::size_t k = 0; k < c.count; ++k) {
    if (!std::isfinite(c.thresholds[k])) return Status::invalid("register_monitor.thresholds", "must be finite");
  }
  return Status::ok();
}

void RegisterMonitor::configure(const Config& c) {
  std::array<bool, kMaxThresholds> keep{};
  const bool same_value = c.monitored == config_.monitored;
  for (std::size_t k = 0; k < c.count && k < config_.count; ++k)
    keep[k] = same_value && c.thresholds[k] == config_.thresholds[k] && above_[k];
  config_ = c;
  above_ = keep;
}

Status Limiter::validate(const Config& c) {
  Obis reg;
  if (!register_of(c.monitored, &reg))
    return Status::invalid("limiter.monitored_value", "is not attribute 2 of a Data or (extended) register, or 2/3 of a demand register");
  if (!(c.threshold_normal >= 0.0) || !std::isfinite(c.threshold_normal))
    return Status::invalid("limiter.threshold_normal", "must be a finite value >= 0");
  if (!(c.threshold_emergency >= 0.0) || !std::isfinite(c.threshold_emergency))
    return Status::invalid("limiter.threshold_emergency", "must be a finite value >= 0");
  if (c.group_id_count > kMaxGroupIds)
    return Status::error(StatusCode::kCapacity, "limiter.emergency_profile_group_id_list", "holds more than 8 ids");
  return Status::ok();
}

bool Limiter::emergency_profile_active(double utc_s) const {
  const EmergencyProfile& e = config_.emergency;
  if (e.activation_utc_s <= 0.0 || utc_s < e.activation_utc_s || utc_s >= e.activation_utc_s + e.duration_s) return false;
  for (std::size_t k = 0; k < config_.group_id_count; ++k) {
    if (config_.group_ids[k] == e.id) return true;
  }
  return false;
}

Limiter::Change Limiter::evaluate(double value, double now_s, double utc_s) {
  const double threshold = threshold_active(utc_s);
  if (threshold <= 0.0) {
    crossing_ = false;
    if (!over_) return Change::kNone;
    over_ = false;
    episode_s_ = now_s - over_start_s_;
    return Change::kUnder;
  }
  const bool other_side = over_ ? value <= threshold : value > threshold;
  if (!other_side) {
    crossing_ = false;
    return Change::kNone;
  }
  if (!crossing_) {
    crossing_ = true;
    since_s_ = now_s;
  }
  const double needed =
      static_cast<double>(over_ ? config_.min_under_threshold_duration_s : config_.min_over_threshold_duration_s);
  if (now_s - since_s_ < needed) return Change::kNone;
  crossing_ = false;
  over_ = !over_;
  if (over_) over_start_s_ = since_s_;
  episode_s_ = now_s - over_start_s_;
  return over_ ? Change::kOver : Change::kUnder;
}

}  // namespace quadra::meter
