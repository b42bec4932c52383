// The meter's power-quality profiles (class 7 v1) and the registers they capture.
//
// Event profiles, one row per event, captured when the event ends (capture_period 0), stamped
// with its start (UTC, fraction kept), FIFO, 100 rows each:
//   1.0.99.10.1.255 dips:   the polyphase dip of IEC 61000-4-30 (starts when any phase falls below
//                           the sag threshold 1.0.12.31.0, ends when all are back past it plus the
//                           hysteresis): duration 1.0.12.33.0 (s), residual voltage 1.0.12.34.0 (V,
//                           the lowest Urms(1/2) of any phase), phases 1.0.12.32.128;
//   1.0.99.10.2.255 swells: the same over the swell threshold 1.0.12.35.0: duration 1.0.12.37.0,
//                           maximum voltage 1.0.12.38.0, phases 1.0.12.36.128;
//   1.0.99.10.3.255 cuts:   missing voltage (below 1.0.12.39.0) on one or more phases, from the first
//                           phase lost to the last one back (all three lost: an interruption):
//                           duration 1.0.12.41.0, residual voltage 1.0.12.42.0, phases 1.0.12.40.128.
// The "last event" registers 1.0.12.D.0 hold the values of the newest row; the phases registers
// (E = 128, manufacturer-specific: the Blue Book has no code for them) hold bit p-1 for phase Lp.
//
// Periodic profiles, every 10 minutes on the UTC grid (the IEC 61000-4-30 class S interval), a
// week of rows (1008, the EN 50160 assessment period), the load profile machinery
// (recording/load_profile.h) with its AMR status column:
//   1.0.99.13.0.255 voltage unbalance: u2 1.0.12.7.128, U L1..L3, U12, U23, U31;
//   1.0.99.14.0.255 power quality: U L1..L3, THD U L1..L3, THD I L1..L3, frequency, u2, neutral I.
// Their values are the meter's instantaneous values of the last measuring interval at the
// capture instant (as load profile 2), not averages over the 10 minutes.
//
// Contract: construct once (allocates the rows); on_event() and the captures never allocate.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/obis.h"
#include "core/common/register_value.h"
#include "core/quality/quality_event.h"
#include "core/recording/event_profile.h"
#include "core/recording/load_profile.h"

namespace quadra::meter {

inline constexpr Obis kDipsProfile{1, 0, 99, 10, 1};
inline constexpr Obis kSwellsProfile{1, 0, 99, 10, 2};
inline constexpr Obis kCutsProfile{1, 0, 99, 10, 3};
inline constexpr Obis kUnbalanceProfile{1, 0, 99, 13, 0};
inline constexpr Obis kPowerQualityProfile{1, 0, 99, 14, 0};

enum class VoltageEventKind : std::uint8_t { kDip, kSwell, kCut };
inline constexpr std::size_t kVoltageEventKinds = 3;

// Capture objects of the event profiles after the clock: duration, magnitude, phases.
inline constexpr std::array<std::array<Obis, 3>, kVoltageEventKinds> kVoltageEventCaptures{{
    {{{1, 0, 12, 33, 0}, {1, 0, 12, 34, 0}, {1, 0, 12, 32, 128}}},
    {{{1, 0, 12, 37, 0}, {1, 0, 12, 38, 0}, {1, 0, 12, 36, 128}}},
    {{{1, 0, 12, 41, 0}, {1, 0, 12, 42, 0}, {1, 0, 12, 40, 128}}},
}};

inline constexpr std::array<Obis, 7> kUnbalanceCaptures{{
    {1, 0, 12, 7, 128}, {1, 0, 32, 7, 0}, {1, 0, 52, 7, 0}, {1, 0, 72, 7, 0},
    {1, 0, 124, 7, 0}, {1, 0, 125, 7, 0}, {1, 0, 126, 7, 0},
}};
inline constexpr std::array<Obis, 12> kPowerQualityCaptures{{
    {1, 0, 32, 7, 0}, {1, 0, 52, 7, 0}, {1, 0, 72, 7, 0}, {1, 0, 32, 7, 124}, {1, 0, 52, 7, 124},
    {1, 0, 72, 7, 124}, {1, 0, 31, 7, 124}, {1, 0, 51, 7, 124}, {1, 0, 71, 7, 124}, {1, 0, 14, 7, 0},
    {1, 0, 12, 7, 128}, {1, 0, 91, 7, 0},
}};

inline constexpr std::size_t kVoltageEventRows = 100;
inline constexpr std::int64_t kQualityPeriodS = 600;
inline constexpr std::size_t kQualityPeriodicRows = 1008;

// The newest event of one kind, as its registers show it.
struct VoltageEventRecord {
  double duration_s = 0.0;
  double magnitude_v = 0.0;
  std::uint8_t phases = 0;  // bit p-1: phase Lp took part
  template <class Archive>
  void persist(Archive& a) {
    a(duration_s)(magnitude_v)(phases);
  }
};

class QualityProfiles {
 public:
  QualityProfiles();

  // One event of the power-quality monitor; start_utc_s is the UTC of event.start_s (fraction
  // kept). Dips, swells and missing voltage update the registers and capture their rows; the
  // other events are not these profiles' business.
  void on_event(const quality::QualityEvent& event, double start_utc_s);

  // 1.0.12.D.0 and 1.0.12.D.128 above; false for any other code.
  bool read(const Obis& obis, RegisterValue& out) const;

  const recording::EventProfile& events(VoltageEventKind kind) const { return events_[static_cast<std::size_t>(kind)]; }
  recording::EventProfile& events(VoltageEventKind kind) { return events_[static_cast<std::size_t>(kind)]; }
  const VoltageEventRecord& last(VoltageEventKind kind) const { return last_[static_cast<std::size_t>(kind)]; }
  // k = 0: voltage unbalance, 1: power quality.
  const recording::LoadProfile& periodic(std::size_t k) const { return k == 0 ? unbalance_ : quality_; }
  recording::LoadProfile& periodic(std::size_t k) { return k == 0 ? unbalance_ : quality_; }

  // The registers. An event running at a power loss is not kept (nor are the monitor's
  // episodes); the rows are the store's, row by row (meter_store.h).
  template <class Archive>
  void persist(Archive& a) {
    a(last_);
    for (const VoltageEventRecord& r : last_) a.check(r.phases < 8, "the phases of a voltage event are not 0..7");
  }

 private:
  void record(VoltageEventKind kind, double start_utc_s, double duration_s, double magnitude_v, std::uint8_t phases);

  std::array<recording::EventProfile, kVoltageEventKinds> events_;
  recording::LoadProfile unbalance_;
  recording::LoadProfile quality_;
  std::array<VoltageEventRecord, kVoltageEventKinds> last_{};
  std::uint8_t dip_phases_ = 0;    // phases whose own dip started during the running polyphase dip
  std::uint8_t swell_phases_ = 0;
  // The running cut: phases missing now, phases lost since it began, its start and lowest voltage.
  std::uint8_t cut_missing_ = 0;
  std::uint8_t cut_phases_ = 0;
  double cut_start_s_ = 0.0;
  double cut_start_utc_s_ = 0.0;
  double cut_lowest_v_ = 0.0;
};

}  // namespace quadra::meter
