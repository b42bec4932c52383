// Averages of the metrology's window values over a whole run, as `quadra measure` reports them:
// duration-weighted means of every 10/12-cycle window, the energy registers at the end, and the
// frequency as cycles over their total duration.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/metrology/measurements.h"

namespace quadra::host {

struct PhaseSummary {
  double u_rms_v = 0, i_rms_a = 0, p_w = 0, q_var = 0, s_va = 0, pf = 0, u_thd_pct = 0, i_thd_pct = 0;
  std::array<double, metrology::kMaxHarmonicOrder + 1> u_harmonics_pct{};
  std::array<double, metrology::kMaxHarmonicOrder + 1> i_harmonics_pct{};
  unsigned u_max_order = metrology::kMaxHarmonicOrder;  // lowest max_order seen over the windows
  unsigned i_max_order = metrology::kMaxHarmonicOrder;
};

struct RunSummary {
  double start_s = 0;     // start of the first complete window, seconds from the first sample
  double duration_s = 0;  // covered by complete windows
  double frequency_hz = 0;
  std::uint64_t windows = 0;
  std::uint64_t unlocked_windows = 0;
  std::array<PhaseSummary, 3> phase{};
  double p_w = 0, q_var = 0, s_arithmetic_va = 0, s_vector_va = 0;
  double s_va = 0;  // the configured total (arithmetic or vector)
  double pf = 0;    // P / configured S
  double in_measured_a = 0, in_calculated_a = 0;
  double u2_pct = 0, u0_pct = 0, i2_pct = 0, i0_pct = 0;
};

class SummaryBuilder {
 public:
  void add(const metrology::WindowValues& w);
  // Means so far (all zero before the first window).
  RunSummary summary() const;

 private:
  RunSummary sum_;  // duration-weighted sums
};

}  // namespace quadra::host
