// Test helper: runs a grid-simulator scenario through the metrology into a QualityMonitor and
// records the events. Host-only (uses host/sim), so it lives with the cross-module tests.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/metrology/metrology.h"
#include "core/quality/quality_monitor.h"
#include "host/sim/grid_simulator.h"

namespace quadra::quality::testing {

struct Recorder : EventSink {
  std::vector<QualityEvent> events;
  void on_event(const QualityEvent& e) override { events.push_back(e); }

  std::vector<QualityEvent> of(EventType type, int phase = -1) const {
    std::vector<QualityEvent> out;
    for (const QualityEvent& e : events)
      if (e.type == type && (phase < 0 || e.phase == phase)) out.push_back(e);
    return out;
  }
  std::size_t count(EventType type, int phase = -1) const { return of(type, phase).size(); }
};

struct Forward : metrology::MeasurementSink {
  QualityMonitor* monitor = nullptr;
  void on_half_cycle(const metrology::HalfCycleValues& h) override { monitor->on_half_cycle(h); }
  void on_window(const metrology::WindowValues& w) override { monitor->on_window(w); }
  void on_frequency_10s(const metrology::TenSecondFrequency& f) override { monitor->on_frequency_10s(f); }
};

inline metrology::MetrologyConfig metrology_for(const host::sim::Scenario& s) {
  metrology::MetrologyConfig c;
  c.sample_rate_hz = s.grid.sample_rate_hz;
  c.nominal_frequency_hz = s.grid.nominal_frequency_hz;
  c.nominal_voltage_v = s.grid.nominal_voltage_v;
  c.vt_ratio = s.grid.vt_ratio;
  c.ct_ratio = s.grid.ct_ratio;
  return c;
}

// A balanced 3 x 230 V, 50 Hz scenario of `seconds`, no current.
inline host::sim::Scenario base_scenario(double seconds) {
  host::sim::Scenario s;
  s.grid.duration_s = seconds;
  return s;
}

// Everything of one run: the monitor sees the metrology's output from the first sample.
class SimRun {
 public:
  SimRun(const host::sim::Scenario& scenario, const QualityConfig& config)
      : sim_(scenario), monitor_(config, recorder_), metrology_(metrology_for(scenario), forward_) {
    forward_.monitor = &monitor_;
  }

  // Runs the whole scenario; returns every event.
  const Recorder& run() {
    std::vector<metrology::SampleFrame> buf(4096);
    for (std::size_t got; (got = sim_.read(buf)) > 0;) metrology_.push(std::span(buf.data(), got));
    return recorder_;
  }

  const Recorder& events() const { return recorder_; }
  QualityMonitor& monitor() { return monitor_; }

 private:
  host::sim::GridSimulator sim_;
  Recorder recorder_;
  Forward forward_;
  QualityMonitor monitor_;
  metrology::Metrology metrology_;
};

}  // namespace quadra::quality::testing
