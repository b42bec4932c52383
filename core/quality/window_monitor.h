// Conditions checked on the 10/12-cycle windows (and on the 10 s frequency):
//   voltage asymmetry (u2 above its limit) and current asymmetry (i2 above its limit while a current
//     of at least cwv_current_a flows on some phase; with no current the episode ends);
//   phase sequence reversal: all three voltages present (at least interruption threshold +
//     hysteresis) and angle(U1) - angle(U2) in (180, 360) degrees, i.e. U2 leads U1: the negative
//     sequence dominates (120 in positive sequence); it ends when the angle is back in (0, 180);
//   current without voltage, per phase: I above cwv_current_a while U below cwv_voltage_pct of Udin;
//   no current flow: every phase current below no_current_a;
//   Imax per phase and Pmax on the windows' total active power (import, W);
//   frequency outside [frequency_low_hz, frequency_high_hz], on the windows' frequency (locked
//     windows only) or on the 10 s frequency (intervals with cycles only), per configuration.
//
// Time stamps: a condition starts at the start of the first window that shows it and ends at the
// start of the first window that no longer does (= the end of the last one that did); a minimum
// duration is checked at window starts, so confirmation lags by up to one window (0.2 s).
#pragma once

#include <array>
#include <cstdint>

#include "core/metrology/measurements.h"
#include "core/quality/episode.h"
#include "core/quality/quality_config.h"
#include "core/quality/quality_event.h"

namespace quadra::quality {

class WindowMonitor {
 public:
  // Preconditions: validate_config(config).is_ok(); sink outlives the monitor.
  WindowMonitor(const QualityConfig& config, EventSink& sink);

  // New limits and minimum durations from the next window on (see VoltageMonitor::retune).
  // Only the over-current check (imax_a, imax_min_duration_s) and Pmax follow; the others keep
  // the levels of construction. Precondition: validate_config(config).is_ok().
  void retune(const QualityConfig& config);

  void on_window(const metrology::WindowValues& w);
  void on_frequency_10s(const metrology::TenSecondFrequency& f);

  bool voltage_asymmetry() const { return u2_.active(); }
  bool current_asymmetry() const { return i2_.active(); }
  bool phase_sequence_reversed() const { return sequence_.active(); }
  bool no_current() const { return no_current_.active(); }
  bool frequency_out_of_range() const { return f_low_.active() || f_high_.active(); }
  // phase 1..3
  bool current_without_voltage(std::size_t phase) const { return cwv_[phase - 1].active(); }
  bool imax_exceeded(std::size_t phase) const { return imax_[phase - 1].active(); }
  bool pmax_exceeded() const { return pmax_.active(); }

 private:
  // Runs one episode and reports its start and end as the given types.
  void run(Episode& e, bool beyond, bool back, double value, double t, EventType start, EventType end,
           std::uint8_t phase, double reference);
  void frequency(double f_hz, double t);

  QualityConfig config_;
  EventSink& sink_;
  double keep_;  // 1 - limit_hysteresis_pct / 100: an upper limit's end level is limit * keep_
  double u_present_v_, cwv_u_start_v_, cwv_u_end_v_;
  Episode u2_, i2_, sequence_, no_current_, pmax_, f_low_, f_high_;
  std::array<Episode, 3> cwv_, imax_;
};

}  // namespace quadra::quality
