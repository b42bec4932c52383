// The meter's real-time clock: the state behind the COSEM Clock object (IC 8, 0-0:1.0.0.255).
//
// The core never reads a wall clock. Meter time (seconds since the meter started, from the sample
// count) is passed in, and
//     UTC = start_utc + meter_time + offset,
// where the offset is what set, shift, adjust and sync operations have changed. UTC is kept in
// whole microseconds (meter time is rounded to the nearest microsecond), so that setting or
// rounding the clock gives exactly the instant asked for, forever after.
//
// Every change returns a ClockChange {old UTC, new UTC, kind} for the event logs and for the
// profiles' "clock adjusted" status; poll() also reports DST begin and end as changes of kind
// kDstBegin / kDstEnd (UTC does not jump there: old = new = the instant the poll saw it).
//
// Operations (COSEM Clock methods in brackets):
//   set(utc)                 attribute 2 write: any instant in 1970..2199;
//   shift_time(s)            (6) moves the clock by -900..900 s; beyond: kOutOfRange, no change;
//   adjust_to_quarter        (1) to the nearest *:00, *:15, *:30, *:45 of local time;
//   adjust_to_measuring_period (2), adjust_to_minute (3): the nearest period / minute;
//   preset_adjusting_time    (5) and adjust_to_preset_time (4);
//   sync_pulse               the synchronisation input: to the nearest minute or quarter, as
//                            configured, optionally refusing corrections beyond a window.
// Rounding goes to the nearest boundary of local time; exactly half-way rounds up (Blue Book:
// adjust_to_minute sets 0 s below 30 s, and the next minute from 30 s on).
//
// Status bits (the Clock's attribute 4 and the last byte of its date-time), rules of this meter:
//   bit 0 invalid value: at start-up when configured so (the clock was not recovered), or after
//         invalidate(); cleared only by set(), since a shift or a rounding of a wrong time is
//         still wrong; bits 0 and 1 are exclusive (Blue Book), invalid wins;
//   bit 1 doubtful value: after mark_doubtful() (recovered after an incident but not guaranteed,
//         e.g. the backup ran longer than its rating); cleared by every set, shift, adjust or
//         sync, each of which compares the clock with a reference. Jumps themselves do not make
//         the value doubtful: they are reported to the logs, and the new value is the good one;
//   bit 2 different clock base: set_different_clock_base() while running from another base than
//         the configured clock_base (e.g. the crystal while mains frequency is missing);
//   bit 3 invalid clock status: mark_status_unreliable() (status restored from a damaged record);
//         cleared by set();
//   bit 7 daylight saving active: computed from the time zone at each reading.
#pragma once

#include <cstdint>
#include <optional>

#include "core/clock/civil_time.h"
#include "core/clock/cosem_date_time.h"
#include "core/clock/time_zone.h"
#include "core/common/status.h"

namespace quadra::clock {

enum class ClockChangeKind : std::uint8_t {
  kSet,
  kShift,
  kAdjustToQuarter,
  kAdjustToMinute,
  kAdjustToMeasuringPeriod,
  kAdjustToPresetTime,
  kSyncPulse,
  kDstBegin,  // local time jumps forward; UTC unchanged
  kDstEnd,    // local time jumps back; UTC unchanged
};

struct ClockChange {
  UtcMicros old_utc_us = 0;
  UtcMicros new_utc_us = 0;
  ClockChangeKind kind = ClockChangeKind::kSet;
  constexpr std::int64_t delta_us() const { return new_utc_us - old_utc_us; }
  friend constexpr bool operator==(const ClockChange&, const ClockChange&) = default;
};

// The result of a clock operation: the change, meaningful only when status is ok (the clock is
// untouched otherwise).
struct [[nodiscard]] ClockResult {
  Status status;
  ClockChange change;
};

// COSEM Clock attribute 9.
enum class ClockBase : std::uint8_t {
  kNotDefined = 0,
  kInternalCrystal = 1,
  kMains50Hz = 2,
  kMains60Hz = 3,
  kGps = 4,
  kRadioControlled = 5,
};

enum class SyncRounding : std::uint8_t { kMinute, kQuarter };

struct RtcConfig {
  // UTC at meter time 0. Default 2025-01-01T00:00:00 CET = 2024-12-31T23:00:00Z.
  UtcSeconds start_utc = 1'735'686'000;
  // false: the clock starts with the "invalid value" status bit until the first set().
  bool valid_at_start = true;
  TimeZone time_zone = central_european_time();
  SyncRounding pulse_rounding = SyncRounding::kMinute;
  // A sync pulse that would move the clock by more than this is refused (noise on the input, or
  // a clock too far off for the pulse to say which minute it marks); 0 accepts any correction.
  std::int32_t pulse_max_correction_s = 0;
  ClockBase clock_base = ClockBase::kInternalCrystal;
};

Status validate(const RtcConfig& config);

class Rtc {
 public:
  // Precondition: validate(config).is_ok().
  explicit Rtc(const RtcConfig& config = {});

  // Reading, at meter time now_s (finite, >= 0, seconds since the meter started).
  UtcMicros utc_us(double now_s) const;
  UtcSeconds utc(double now_s) const;  // floor to the second
  CivilDateTime local(double now_s) const;
  bool dst_active(double now_s) const;
  std::uint8_t status(double now_s) const;
  CosemDateTime cosem_time(double now_s) const;  // attribute 2 as it would be read

  const TimeZone& time_zone() const { return time_zone_; }
  Status set_time_zone(const TimeZone& tz);  // attributes 3, 5..8
  ClockBase clock_base() const { return clock_base_; }
  std::int64_t offset_us() const { return offset_us_; }

  // Changes. Each is evaluated at meter time now_s.
  ClockResult set(double now_s, UtcMicros new_utc_us);
  // Attribute 2 write: the value must name one instant (cosem_date_time.h to_utc()).
  ClockResult set(double now_s, const CosemDateTime& value);
  ClockResult shift_time(double now_s, std::int32_t seconds);
  ClockChange adjust_to_quarter(double now_s);
  ClockChange adjust_to_minute(double now_s);
  // period_s: 1..86400, dividing a day evenly (the measuring period of the demand registers).
  ClockResult adjust_to_measuring_period(double now_s, std::int32_t period_s);
  // Method 5: each date-time must name one instant; validity_start <= validity_end.
  Status preset_adjusting_time(const CosemDateTime& preset, const CosemDateTime& validity_start,
                               const CosemDateTime& validity_end);
  // Method 4: sets the preset time if the clock lies within the validity interval (inclusive),
  // else kOutOfRange; either way the preset is used up.
  ClockResult adjust_to_preset_time(double now_s);
  ClockResult sync_pulse(double now_s);

  // Status management (see the rules above).
  void invalidate();
  void mark_doubtful();
  void set_different_clock_base(bool different);
  void mark_status_unreliable();

  // DST begin or end since the previous poll (the first poll only takes note of the state).
  std::optional<ClockChange> poll(double now_s);

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  template <class Archive>
  void persist(Archive& a) {
    a(start_us_)(offset_us_)(status_bits_)(preset_)(preset_from_)(preset_to_)(last_dst_);
  }

 private:
  static std::int64_t meter_us(double now_s);
  ClockResult move_to(double now_s, UtcMicros new_utc_us, ClockChangeKind kind);
  ClockChange round_to(double now_s, std::int64_t period_s, ClockChangeKind kind);

  UtcMicros start_us_;
  std::int64_t offset_us_ = 0;
  TimeZone time_zone_;
  SyncRounding pulse_rounding_;
  std::int32_t pulse_max_correction_s_;
  ClockBase clock_base_;
  std::uint8_t status_bits_ = 0;  // bits 0..3; bit 7 is computed
  std::optional<UtcMicros> preset_;
  UtcMicros preset_from_ = 0;
  UtcMicros preset_to_ = 0;
  std::optional<bool> last_dst_;
};

}  // namespace quadra::clock
