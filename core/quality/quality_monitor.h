// The power-quality monitor (issue 4): measurements in, QualityEvents out through an EventSink.
//
//   on_half_cycle()    -> VoltageMonitor: dips, swells, missing voltage, interruptions, power down/up
//   on_window()        -> WindowMonitor: asymmetry, phase sequence, current without voltage, no
//   on_frequency_10s()    current, Imax, Pmax, frequency out of range
//   offer_demand()     -> demand above demand_limit
//   set_input()        -> fraud input edges (terminal cover, meter case, strong magnetic field)
//
// The meter wires it below the metrology's MeasurementSink (forward the three callbacks). Times are
// the measurements' meter time; pass the same axis to offer_demand() and set_input().
//
// Contract: construct once at start-up; no entry point allocates, none fails. Events are delivered
// synchronously, from inside the call that detected them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/metrology/measurements.h"
#include "core/quality/episode.h"
#include "core/quality/quality_config.h"
#include "core/quality/quality_event.h"
#include "core/quality/voltage_monitor.h"
#include "core/quality/window_monitor.h"

namespace quadra::quality {

enum class Input : std::uint8_t { kTerminalCover, kMeterCase, kMagneticField };
inline constexpr std::size_t kInputCount = 3;

class QualityMonitor {
 public:
  // Preconditions: validate_config(config).is_ok(); sink outlives the monitor.
  QualityMonitor(const QualityConfig& config, EventSink& sink);

  // New thresholds written by the head end (the meter's writable parameters): the voltage
  // thresholds and their durations, the long interruption and outage lengths, Imax and Pmax with
  // theirs, the demand limit; from the next measurement on, running episodes kept.
  // Precondition: validate_config(config).is_ok() with the declared values of construction.
  void retune(const QualityConfig& config) {
    voltage_.retune(config);
    window_.retune(config);
    config_.demand_limit = config.demand_limit;
  }

  void on_half_cycle(const metrology::HalfCycleValues& h) { voltage_.on_half_cycle(h); }
  void on_window(const metrology::WindowValues& w) { window_.on_window(w); }
  void on_frequency_10s(const metrology::TenSecondFrequency& f) { window_.on_frequency_10s(f); }

  // A closed demand period's value (W, or the unit demand_limit is given in) at time_s. Above
  // demand_limit starts kDemandOverLimit, back below limit * (1 - hysteresis) ends it. Nothing when
  // demand_limit is 0.
  void offer_demand(double value, double time_s);

  // The state of a fraud input at time_s (true: opened / field detected). Only changes produce an
  // event; every input starts closed / absent.
  void set_input(Input input, bool active, double time_s);
  bool input(Input input) const { return inputs_[static_cast<std::size_t>(input)]; }

  // Counters: index 0 polyphase, 1..3 L1..L3 (see VoltageCounters).
  const VoltageCounters& counters(std::size_t index) const { return voltage_.counters(index); }
  const OutageCounters& outages() const { return voltage_.outages(); }
  const VoltageMonitor& voltage() const { return voltage_; }
  const WindowMonitor& windows() const { return window_; }
  bool demand_over_limit() const { return demand_.active(); }

  // The persistent state: the voltage counters and the fraud inputs (core/storage/state_archive.h).
  template <class Archive>
  void persist(Archive& a) {
    a(voltage_)(inputs_);
  }

 private:
  QualityConfig config_;
  EventSink& sink_;
  VoltageMonitor voltage_;
  WindowMonitor window_;
  Episode demand_;
  std::array<bool, kInputCount> inputs_{};
};

}  // namespace quadra::quality
