#include "core/quality/quality_config.h"

#include <cmath>

namespace quadra::quality {
namespace {

bool finite(double x) { return std::isfinite(x); }
bool positive(double x) { return finite(x) && x > 0.0; }
bool non_negative(double x) { return finite(x) && x >= 0.0; }

}  // namespace

Status validate_config(const QualityConfig& c) {
  if (!positive(c.declared_voltage_v)) return Status::invalid("quality.declared_voltage_v", "must be > 0");
  if (c.nominal_frequency_hz != 50.0 && c.nominal_frequency_hz != 60.0)
    return Status::invalid("quality.nominal_frequency_hz", "must be 50 or 60");
  if (!positive(c.declared_current_a)) return Status::invalid("quality.declared_current_a", "must be > 0");

  if (!positive(c.interruption_threshold_pct) || c.interruption_threshold_pct >= c.dip_threshold_pct)
    return Status::invalid("quality.interruption_threshold_pct", "must lie in (0, dip_threshold_pct)");
  if (!finite(c.dip_threshold_pct) || c.dip_threshold_pct >= 100.0)
    return Status::invalid("quality.dip_threshold_pct", "must lie in (interruption_threshold_pct, 100)");
  if (!finite(c.swell_threshold_pct) || c.swell_threshold_pct <= 100.0 || c.swell_threshold_pct > 200.0)
    return Status::invalid("quality.swell_threshold_pct", "must lie in (100, 200]");
  if (!non_negative(c.voltage_hysteresis_pct) || c.voltage_hysteresis_pct > 10.0)
    return Status::invalid("quality.voltage_hysteresis_pct", "must lie in [0, 10]");
  if (c.dip_threshold_pct + c.voltage_hysteresis_pct >= 100.0)
    return Status::invalid("quality.voltage_hysteresis_pct", "dip_threshold_pct + hysteresis must stay below 100");
  if (c.swell_threshold_pct - c.voltage_hysteresis_pct <= 100.0)
    return Status::invalid("quality.voltage_hysteresis_pct", "swell_threshold_pct - hysteresis must stay above 100");
  if (!non_negative(c.dip_min_duration_s)) return Status::invalid("quality.dip_min_duration_s", "must be >= 0");
  if (!non_negative(c.swell_min_duration_s)) return Status::invalid("quality.swell_min_duration_s", "must be >= 0");

  if (!non_negative(c.interruption_min_duration_s))
    return Status::invalid("quality.interruption_min_duration_s", "must be >= 0");
  if (!positive(c.long_interruption_s)) return Status::invalid("quality.long_interruption_s", "must be > 0");
  if (!positive(c.power_down_threshold_pct) || c.power_down_threshold_pct + c.voltage_hysteresis_pct >= 100.0)
    return Status::invalid("quality.power_down_threshold_pct", "must lie in (0, 100 - voltage_hysteresis_pct)");
  if (!non_negative(c.power_down_min_duration_s))
    return Status::invalid("quality.power_down_min_duration_s", "must be >= 0");
  if (!positive(c.long_outage_s)) return Status::invalid("quality.long_outage_s", "must be > 0");

  if (!positive(c.u2_limit_pct)) return Status::invalid("quality.u2_limit_pct", "must be > 0");
  if (!positive(c.i2_limit_pct)) return Status::invalid("quality.i2_limit_pct", "must be > 0");
  if (!non_negative(c.asymmetry_min_duration_s))
    return Status::invalid("quality.asymmetry_min_duration_s", "must be >= 0");
  if (!non_negative(c.phase_sequence_min_duration_s))
    return Status::invalid("quality.phase_sequence_min_duration_s", "must be >= 0");

  if (!non_negative(c.imax_a)) return Status::invalid("quality.imax_a", "must be >= 0 (0: off)");
  if (!non_negative(c.imax_min_duration_s)) return Status::invalid("quality.imax_min_duration_s", "must be >= 0");
  if (!positive(c.no_current_a)) return Status::invalid("quality.no_current_a", "must be > 0");
  if (!non_negative(c.no_current_min_duration_s))
    return Status::invalid("quality.no_current_min_duration_s", "must be >= 0");
  if (!positive(c.cwv_current_a)) return Status::invalid("quality.cwv_current_a", "must be > 0");
  if (!positive(c.cwv_voltage_pct) || c.cwv_voltage_pct >= 100.0)
    return Status::invalid("quality.cwv_voltage_pct", "must lie in (0, 100)");
  if (!non_negative(c.cwv_min_duration_s)) return Status::invalid("quality.cwv_min_duration_s", "must be >= 0");

  if (!non_negative(c.pmax_w)) return Status::invalid("quality.pmax_w", "must be >= 0 (0: off)");
  if (!non_negative(c.pmax_min_duration_s)) return Status::invalid("quality.pmax_min_duration_s", "must be >= 0");
  if (!non_negative(c.demand_limit)) return Status::invalid("quality.demand_limit", "must be >= 0 (0: off)");

  if (!finite(c.frequency_low_hz) || c.frequency_low_hz <= 0.0 || c.frequency_low_hz >= c.nominal_frequency_hz)
    return Status::invalid("quality.frequency_low_hz", "must lie in (0, nominal_frequency_hz)");
  if (!finite(c.frequency_high_hz) || c.frequency_high_hz <= c.nominal_frequency_hz)
    return Status::invalid("quality.frequency_high_hz", "must be above nominal_frequency_hz");
  if (!non_negative(c.frequency_hysteresis_hz) ||
      2.0 * c.frequency_hysteresis_hz >= c.nominal_frequency_hz - c.frequency_low_hz ||
      2.0 * c.frequency_hysteresis_hz >= c.frequency_high_hz - c.nominal_frequency_hz)
    return Status::invalid("quality.frequency_hysteresis_hz", "must be >= 0 and below half the band to nominal");
  if (!non_negative(c.frequency_min_duration_s))
    return Status::invalid("quality.frequency_min_duration_s", "must be >= 0");

  if (!non_negative(c.limit_hysteresis_pct) || c.limit_hysteresis_pct > 50.0)
    return Status::invalid("quality.limit_hysteresis_pct", "must lie in [0, 50]");
  return Status::ok();
}

}  // namespace quadra::quality
