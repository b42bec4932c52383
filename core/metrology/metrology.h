// The metrology engine: conditioned samples in, measurements and energy out.
//
//   raw frame -> ChannelConditioner -> SampleHistory
//                                   -> CycleTracker -> half-cycle, cycle and window boundaries
//   each boundary -> sums over the history (fractional weights at the edges) -> rms, power
//   each window   -> BandLimitedResampler -> HarmonicAnalyzer -> phasors, harmonics, Q, unbalance
//                 -> four-quadrant energy registers and pulse outputs
//
// Energy: active energy is the integral of u*i over gapless windows (every sample's weight adds up
// to one across windows), reactive energy the integral of the fundamental reactive power of each
// window (IEEE 1459, Q1 = U1 I1 sin phi1), apparent energy that of S. Per phase, a window's energy
// goes to the quadrant of that phase's (P, Q). The TOTAL's direction is taken from the sum of the
// phases: a window adds P1+P2+P3 to +A if that sum is >= 0 and to -A otherwise (likewise for Q and
// the quadrants), so total registers are the net of the phases, not the sum of per-phase registers.
//
// Contract: construct once at start-up (it allocates); push() never allocates, never fails.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/metrology/band_limited_resampler.h"
#include "core/metrology/channel_conditioner.h"
#include "core/metrology/cycle_tracker.h"
#include "core/metrology/four_quadrant_energy.h"
#include "core/metrology/harmonic_analyzer.h"
#include "core/metrology/measurements.h"
#include "core/metrology/metrology_config.h"
#include "core/metrology/pulse_output.h"
#include "core/metrology/sample_history.h"

namespace quadra::metrology {

class Metrology {
 public:
  // Preconditions: validate_config(config).is_ok(); sink outlives the engine.
  Metrology(const MetrologyConfig& config, MeasurementSink& sink);

  void push(const SampleFrame& raw);
  void push(std::span<const SampleFrame> frames) {
    for (const SampleFrame& f : frames) push(f);
  }

  const MetrologyConfig& config() const { return config_; }
  // Registers in primary Wh / varh / VAh.
  const FourQuadrantEnergy& energy(Element e) const { return energy_[index(e)]; }
  const PulseOutput& pulse_output(std::size_t k) const { return pulses_[k]; }
  std::int64_t samples() const { return history_.next(); }
  // Points per fundamental cycle of the synchronised harmonic window.
  std::size_t points_per_cycle() const { return points_per_cycle_; }

 private:
  struct Sums;
  void on_boundary(const CycleEvent& e);
  void accumulate(double a, double b, Sums& s) const;
  void emit_half_cycle(double a, double b, bool locked);
  void emit_cycle(double a, double b, bool locked);
  void process_window(double a, double b, bool locked);
  void harmonics_of(const HarmonicSpectrum& spec, double reference, ChannelHarmonics& out) const;
  void register_energy(WindowValues& w, const std::array<double, 3>& s_phase);
  double time_of(double position) const;

  MetrologyConfig config_;
  MeasurementSink& sink_;
  ChannelConditioner conditioner_;
  SampleHistory history_;
  CycleTracker tracker_;
  BandLimitedResampler resampler_;
  std::size_t points_per_cycle_;
  HarmonicAnalyzer analyzer_;
  std::vector<float> resampled_;  // 8 lanes x window points
  std::array<FourQuadrantEnergy, kElementCount> energy_{};
  std::vector<PulseOutput> pulses_;
  double vt_, ct_, creep_secondary_a_;

  // Boundaries seen so far.
  double last_full_ = -1.0;
  // The last five cycle lengths (samples); their median is the length of the half-cycle rms
  // window, so a phase jump of the reference during a dip does not stretch that window.
  std::array<double, 5> recent_periods_{};
  std::size_t recent_count_ = 0;
  double window_start_ = -1.0;
  unsigned window_cycles_seen_ = 0;
  bool window_locked_ = true;
  // A window whose interpolation needs samples that have not arrived yet.
  bool window_pending_ = false;
  double pending_a_ = 0.0, pending_b_ = 0.0;
  bool pending_locked_ = false;
  // 10 s frequency aggregation.
  std::int64_t freq_interval_ = -1;
  std::uint32_t freq_cycles_ = 0;
  double freq_duration_s_ = 0.0;
};

}  // namespace quadra::metrology
