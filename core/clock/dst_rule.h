// A daylight saving time rule: when summer time begins and ends each year, and by how much it
// moves local time.
//
// Each transition is "the n-th (or last) <weekday> of <month>, at <time of day>", the time being
// counted either in UTC or in local standard time. The EU rule (Directive 2000/84/EC) is the
// default: last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC, +60 min; in Poland
// local clocks go 02:00 CET -> 03:00 CEST and 03:00 CEST -> 02:00 CET. A rule whose end comes
// before its begin in the year (southern hemisphere) is in force from begin to the next year's end.
//
// Offsets here are "local standard time minus UTC" in minutes (+60 for CET), the arithmetic sign;
// the COSEM sign of the Clock's time_zone attribute is handled in time_zone.h.
//
// Limits: a transition must not fall within a day of New Year (the year of an instant is taken in
// local standard time), and rules are the same every year (historical rule changes are out of scope).
#pragma once

#include <cstdint>

#include "core/clock/civil_time.h"
#include "core/common/status.h"

namespace quadra::clock {

enum class TimeBase : std::uint8_t {
  kUtc,            // time_s counts UTC seconds after midnight UTC of the transition day
  kLocalStandard,  // time_s counts local standard time (DST not applied), e.g. US rules at 02:00
};

inline constexpr std::uint8_t kLastWeek = 5;  // DstTransition::week: the last occurrence in the month

struct DstTransition {
  std::uint8_t month = 3;         // 1..12
  std::uint8_t week = kLastWeek;  // 1..4: the n-th occurrence of weekday in the month; kLastWeek: the last
  std::uint8_t weekday = 7;       // 1 = Monday .. 7 = Sunday
  std::int32_t time_s = 3600;     // 0..86399 seconds after midnight, counted in `base`
  TimeBase base = TimeBase::kUtc;
  friend constexpr bool operator==(const DstTransition&, const DstTransition&) = default;
};

struct DstRule {
  bool enabled = true;  // false: local time is standard time all year (COSEM Clock attribute 8)
  DstTransition begin{3, kLastWeek, 7, 3600, TimeBase::kUtc};
  DstTransition end{10, kLastWeek, 7, 3600, TimeBase::kUtc};
  // Minutes added to local standard time while DST is in force (COSEM Clock attribute 7):
  // -120..120, not 0.
  std::int16_t deviation_min = 60;
  friend constexpr bool operator==(const DstRule&, const DstRule&) = default;
};

// The EU rule (the default DstRule).
constexpr DstRule eu_rule() { return DstRule{}; }
// No daylight saving time.
constexpr DstRule no_dst() {
  DstRule r;
  r.enabled = false;
  return r;
}

// Checks every field; a disabled rule must still be well-formed (it can be re-enabled by COSEM).
Status validate(const DstRule& rule);

// The civil day of a transition in `year`. Precondition: validate(rule) passed for its rule.
CivilDate transition_date(const DstTransition& t, int year);

// The UTC instant of a transition in `year`. standard_offset_min: local standard time - UTC.
UtcSeconds transition_utc(const DstTransition& t, int year, int standard_offset_min);

struct DstYear {
  UtcSeconds begin;  // first instant of DST
  UtcSeconds end;    // first instant of standard time again
};

// The two transition instants of `year` (whether or not the rule is enabled).
DstYear transitions(const DstRule& rule, int year, int standard_offset_min);

// Whether DST is in force at a UTC instant (false when the rule is disabled).
bool dst_in_force(const DstRule& rule, UtcSeconds utc, int standard_offset_min);

// The first transition (begin or end) strictly after `utc`; kNever when the rule is disabled.
inline constexpr UtcSeconds kNever = INT64_MAX;
UtcSeconds next_transition_after(const DstRule& rule, UtcSeconds utc, int standard_offset_min);

}  // namespace quadra::clock
