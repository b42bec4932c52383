#include "core/metrology/channel_conditioner.h"

#include <cmath>
#include <numbers>

namespace quadra::metrology {

// H(e^jw) = e^-jw (1 + a e^jw) / (1 + a e^-jw), so arg H = -w + 2 atan2(a sin w, 1 + a cos w).
// Requiring the extra phase to equal phase_rad: a sin w = t (1 + a cos w) with t = tan(phase/2).
double ChannelConditioner::allpass_coefficient(double phase_rad, double omega) {
  const double t = std::tan(phase_rad / 2.0);
  return t / (std::sin(omega) - t * std::cos(omega));
}

ChannelConditioner::ChannelConditioner(const MetrologyConfig& config) {
  const double omega = 2.0 * std::numbers::pi * config.nominal_frequency_hz / config.sample_rate_hz;
  for (std::size_t c = 0; c < kChannelCount; ++c) {
    const ChannelCalibration& cal = config.calibration[c];
    gain_[c] = cal.gain;
    offset_[c] = cal.offset;
    a_[c] = allpass_coefficient(cal.phase_deg * std::numbers::pi / 180.0, omega);
  }
}

}  // namespace quadra::metrology
