#include "core/metrology/metrology_config.h"

#include <cmath>
#include <numbers>

#include "core/metrology/channel_conditioner.h"

namespace quadra::metrology {
namespace {

bool positive_finite(double v) { return std::isfinite(v) && v > 0.0; }

}  // namespace

Status validate_config(const MetrologyConfig& c) {
  if (!(c.nominal_frequency_hz == 50.0 || c.nominal_frequency_hz == 60.0))
    return Status::invalid("metrology.nominal_frequency_hz", "must be 50 or 60");
  if (!positive_finite(c.sample_rate_hz) || c.sample_rate_hz < 10.0 * c.nominal_frequency_hz)
    return Status::invalid("metrology.sample_rate_hz", "must be at least 10 samples per nominal cycle");
  if (c.sample_rate_hz > 1.0e6)
    return Status::invalid("metrology.sample_rate_hz", "must not exceed 1 MHz");
  if (!positive_finite(c.nominal_voltage_v))
    return Status::invalid("metrology.nominal_voltage_v", "must be a positive number of volts");
  if (!positive_finite(c.reference_current_a))
    return Status::invalid("metrology.reference_current_a", "must be a positive number of amperes");
  if (!positive_finite(c.starting_current_a) || c.starting_current_a >= c.reference_current_a)
    return Status::invalid("metrology.starting_current_a", "must be positive and below the reference current");
  if (!std::isfinite(c.creep_current_a) || c.creep_current_a < 0.0 ||
      c.creep_current_a >= c.starting_current_a)
    return Status::invalid("metrology.creep_current_a",
                           "must be 0 (automatic) or positive and below the starting current");
  if (!positive_finite(c.vt_ratio)) return Status::invalid("metrology.vt_ratio", "must be positive");
  if (!positive_finite(c.ct_ratio)) return Status::invalid("metrology.ct_ratio", "must be positive");
  for (const ChannelCalibration& cal : c.calibration) {
    if (!positive_finite(cal.gain) || cal.gain < 0.5 || cal.gain > 2.0)
      return Status::invalid("metrology.calibration.gain", "must lie between 0.5 and 2");
    if (!std::isfinite(cal.offset))
      return Status::invalid("metrology.calibration.offset", "must be a finite number");
    if (!std::isfinite(cal.phase_deg) || std::fabs(cal.phase_deg) > 1.0)
      return Status::invalid("metrology.calibration.phase_deg", "must lie between -1 and +1 degree");
    const double omega = 2.0 * std::numbers::pi * c.nominal_frequency_hz / c.sample_rate_hz;
    const double a = ChannelConditioner::allpass_coefficient(cal.phase_deg * std::numbers::pi / 180.0, omega);
    if (!(std::fabs(a) < 0.9))
      return Status::invalid("metrology.calibration.phase_deg",
                             "is too large for this sampling rate (more than ~0.9 sample of delay)");
  }
  for (const PulseOutputConfig& p : c.pulse_outputs) {
    if (!p.enabled) continue;
    if (!positive_finite(p.imp_per_kwh) || p.imp_per_kwh > 1.0e7)
      return Status::invalid("metrology.pulse_output.imp_per_kwh", "must be positive and at most 1e7");
    if (index(p.quantity) >= kEnergyQuantityCount || index(p.element) >= kElementCount)
      return Status::invalid("metrology.pulse_output", "names an unknown quantity or element");
  }
  if (!(c.start_time_s >= 0.0) || !std::isfinite(c.start_time_s))
    return Status::invalid("metrology.start_time_s", "must be a finite time >= 0");
  if (c.resampler_half_width < 8 || c.resampler_half_width > 64)
    return Status::invalid("metrology.resampler_half_width", "must lie between 8 and 64");
  return Status::ok();
}

}  // namespace quadra::metrology
