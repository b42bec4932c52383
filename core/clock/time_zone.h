// The meter's time zone: the COSEM Clock's time_zone attribute (3) and its daylight saving
// attributes (5..8, held as a DstRule), and the conversions between UTC and local time.
//
// Sign convention. COSEM (Blue Book, Clock attribute 3 and the date-time "deviation" field) gives
// the "deviation of local time to UTC" in minutes, and meters and head-ends read it as
//     UTC = local time + deviation,
// so Central European Time is -60 and summer time (CEST) is -120 in a date-time: a Kaifa meter in
// Austria sends 20:23:45 with deviation 0xFF88 (-120) for 18:23:45 UTC, OSGP documents -120 for CEST,
// and Gurux treats this sign as the standard one (its UseUtc2NormalTime option flips it for the
// Italian, Indian and Saudi companion specifications). TimeZone::time_zone_min stores the attribute
// with exactly that COSEM sign; everything computed from it uses the arithmetic offset
// local - UTC (standard_offset_min() = -time_zone_min, +60 for Poland) under names that say so.
//
// Local times that do not exist or exist twice. When DST begins, local clocks jump (02:00 -> 03:00
// in Poland): a local time in the gap is resolved to the instant of the jump, the first instant
// whose local time is later than it. This is what a schedule needs ("the 02:30 switch happens as
// soon as local time has passed 02:30") and is reported as kSkipped so a setter may refuse it.
// When DST ends, an hour repeats (02:00..02:59:59 twice): Fold says which pass is meant, the
// earlier (still DST, the default) or the later (standard time); reported as kRepeated.
#pragma once

#include <cstdint>

#include "core/clock/civil_time.h"
#include "core/clock/dst_rule.h"
#include "core/common/status.h"

namespace quadra::clock {

struct TimeZone {
  // COSEM Clock attribute 3, minutes, COSEM sign: UTC - local standard time. -720..720.
  std::int16_t time_zone_min = -60;
  DstRule dst = eu_rule();

  // Local standard time - UTC, minutes (+60 for CET).
  constexpr int standard_offset_min() const { return -time_zone_min; }
  friend constexpr bool operator==(const TimeZone&, const TimeZone&) = default;
};

// Central European Time with the EU rule (Poland, Germany, ...): the meter's default.
constexpr TimeZone central_european_time() { return TimeZone{}; }
// UTC all year round.
constexpr TimeZone utc_time_zone() { return TimeZone{0, no_dst()}; }

Status validate(const TimeZone& tz);

bool dst_active(const TimeZone& tz, UtcSeconds utc);
// Local time - UTC in force at `utc`, minutes (+60 in CET, +120 in CEST).
int utc_offset_min(const TimeZone& tz, UtcSeconds utc);
// The same in COSEM sign, as the date-time deviation field carries it (-60 in CET, -120 in CEST).
inline std::int16_t cosem_deviation_min(const TimeZone& tz, UtcSeconds utc) {
  return static_cast<std::int16_t>(-utc_offset_min(tz, utc));
}

CivilDateTime to_local(const TimeZone& tz, UtcSeconds utc);

enum class Fold : std::uint8_t { kEarlier, kLater };
enum class LocalTimeKind : std::uint8_t {
  kUnique,    // exactly one instant has this local time
  kSkipped,   // in the gap of a DST begin: resolved to the instant of the jump
  kRepeated,  // in the repeated hour of a DST end: resolved by Fold
};

struct LocalTimeResolution {
  UtcSeconds utc = 0;
  LocalTimeKind kind = LocalTimeKind::kUnique;
};

// Precondition: is_valid(local).
LocalTimeResolution to_utc(const TimeZone& tz, const CivilDateTime& local, Fold fold = Fold::kEarlier);

// The next instant strictly after `utc` at which local time jumps; kNever without DST.
inline UtcSeconds next_dst_transition_after(const TimeZone& tz, UtcSeconds utc) {
  return next_transition_after(tz.dst, utc, tz.standard_offset_min());
}

}  // namespace quadra::clock
