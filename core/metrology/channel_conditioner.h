// Applies the per-channel calibration (gain, offset, phase) to raw samples.
//
// Every channel passes through a first-order all-pass section
//     y[n] = a*x[n] + x[n-1] - a*y[n-1]
// which delays it by one sample plus an extra phase that a sets; a = 0 is a pure one-sample delay.
// a is solved exactly for the requested phase at the nominal frequency, so an uncorrected channel
// and a corrected one differ by precisely that phase there, and the gain is 1 at every frequency.
// The engine therefore sees every channel one sample late: time stamps account for it.
#pragma once

#include <array>

#include "core/metrology/metrology_config.h"
#include "core/metrology/sample_frame.h"

namespace quadra::metrology {

class ChannelConditioner {
 public:
  // Delay in samples that the conditioner adds to every channel (at a = 0; within a few
  // thousandths of a sample for the phase corrections allowed).
  static constexpr double kDelaySamples = 1.0;

  // Precondition: config valid (validate_config).
  explicit ChannelConditioner(const MetrologyConfig& config);

  SampleFrame process(const SampleFrame& raw) {
    SampleFrame out;
    for (std::size_t c = 0; c < kChannelCount; ++c) {
      const double x = gain_[c] * (static_cast<double>(raw.value[c]) - offset_[c]);
      const double y = a_[c] * x + x_prev_[c] - a_[c] * y_prev_[c];
      x_prev_[c] = x;
      y_prev_[c] = y;
      out.value[c] = static_cast<float>(y);
    }
    return out;
  }

  // All-pass coefficient that advances a signal of angular frequency omega (rad/sample) by
  // phase_rad on top of a one-sample delay.
  static double allpass_coefficient(double phase_rad, double omega);

 private:
  std::array<double, kChannelCount> gain_{};
  std::array<double, kChannelCount> offset_{};
  std::array<double, kChannelCount> a_{};
  std::array<double, kChannelCount> x_prev_{};
  std::array<double, kChannelCount> y_prev_{};
};

}  // namespace quadra::metrology
