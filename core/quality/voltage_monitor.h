// Voltage events on Urms(1/2) (IEC 61000-4-30: one-cycle rms refreshed every half cycle):
//   dips and swells per phase (codes 76..81, end 85..87) and polyphase (the IEC aggregation: starts
//   when ANY phase crosses, ends when ALL are back past the hysteresis), with residual / maximum;
//   missing voltage per phase (below the interruption threshold; 82..84, end 85..87);
//   interruption: ALL phases below the interruption threshold, ends when ANY is back above
//   threshold + hysteresis; short or long by its duration;
//   power down / power up: all below the power-down threshold, with the outage duration at power up
//   and a long-power-outage event when it lasted longer than long_outage_s.
//
// Polyphase aggregation without extra state: a polyphase dip is an Episode on the LOWEST phase
// (lowest < 90 % <=> any phase below; lowest >= 92 % <=> all back), a swell on the highest, an
// interruption on the highest (highest < 10 % <=> all below; >= 12 % <=> any back).
//
// Time stamps: by default both the start and the end of every episode are the instant of the
// abrupt change that caused the crossing, estimated from the Urms(1/2) values around it (step_time.h);
// events are therefore reported half a cycle after the crossing value. With iec_time_stamps, the
// start is the start of the crossing one-cycle window and the end the end of the window that came back.
//
// An interruption is also a dip on every phase, and missing voltage on each: all of them are
// reported (the logs decide what they keep). Counters per phase ([1..3]) and polyphase ([0]) count
// events as they start and add durations as they end.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/metrology/measurements.h"
#include "core/quality/episode.h"
#include "core/quality/quality_config.h"
#include "core/quality/quality_event.h"

namespace quadra::quality {

struct VoltageCounters {
  std::uint32_t sags = 0;
  std::uint32_t swells = 0;
  std::uint32_t interruptions = 0;  // per phase: missing voltage; [0]: polyphase interruptions
  std::uint32_t long_interruptions = 0;  // [0] only
  double sag_s = 0.0;               // total durations of the ended ones
  double swell_s = 0.0;
  double interruption_s = 0.0;
  template <class Archive>
  void persist(Archive& a) {
    a(sags)(swells)(interruptions)(long_interruptions)(sag_s)(swell_s)(interruption_s);
  }
};

struct OutageCounters {
  std::uint32_t outages = 0;       // power downs (0.0.96.7.21)
  std::uint32_t long_outages = 0;  // 0.0.96.7.9
  double total_s = 0.0;            // of the ended outages (0.0.96.7.19)
  template <class Archive>
  void persist(Archive& a) {
    a(outages)(long_outages)(total_s);
  }
};

class VoltageMonitor {
 public:
  // Preconditions: validate_config(config).is_ok(); sink outlives the monitor.
  VoltageMonitor(const QualityConfig& config, EventSink& sink);

  // New thresholds and minimum durations (the head end wrote them), from the next half cycle on;
  // the declared voltage and frequency stay those of construction. Running episodes keep going
  // and end at the new end levels. Precondition: validate_config(config).is_ok().
  void retune(const QualityConfig& config);

  // Every Urms(1/2), in time order.
  void on_half_cycle(const metrology::HalfCycleValues& h);

  // index 0: polyphase, 1..3: L1..L3.
  const VoltageCounters& counters(std::size_t index) const { return counters_[index]; }
  const OutageCounters& outages() const { return outages_; }
  bool powered_down() const { return outage_.active(); }
  bool in_dip(std::size_t index) const { return dip_[index].active(); }
  bool in_swell(std::size_t index) const { return swell_[index].active(); }
  bool in_interruption() const { return interruption_.active(); }
  bool missing_voltage(std::size_t phase) const { return missing_[phase].active(); }  // phase 1..3

  // The counters survive a restart; an episode running at the time of a power loss does not.
  template <class Archive>
  void persist(Archive& a) {
    a(counters_)(outages_);
  }

 private:
  void dip(std::size_t k, double u, double t0, double t1);
  void swell(std::size_t k, double u, double t0, double t1);
  void missing(std::size_t k, double u, double t0, double t1);
  void interruption(double u, double t0, double t1);
  void outage(double u, double t0, double t1);

  // Urms(1/2) of U1, U2, U3, the lowest and the highest phase at one boundary.
  static constexpr std::size_t kSeries = 5;
  struct Point {
    double end_s = 0.0;
    std::array<double, kSeries> u{};
  };
  // The stamps of the value at history_[2] for each series, from history_[0..3].
  void stamps(std::size_t series, double period, double& t0, double& t1) const;

  QualityConfig config_;
  EventSink& sink_;
  // Levels in volts.
  double udin_, dip_start_, dip_end_, swell_start_, swell_end_, int_start_, int_end_, down_start_, down_end_;
  double nominal_period_s_;
  // The last four boundaries, oldest first; the one judged is history_[2] (see step_time.h).
  std::array<Point, 4> history_{};
  std::size_t seen_ = 0;
  std::array<Episode, 4> dip_;    // [0] polyphase
  std::array<Episode, 4> swell_;
  std::array<Episode, 4> missing_;  // [0] unused
  Episode interruption_;
  Episode outage_;
  std::array<VoltageCounters, 4> counters_{};
  OutageCounters outages_{};
};

}  // namespace quadra::quality
