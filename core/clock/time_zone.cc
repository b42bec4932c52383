#include "core/clock/time_zone.h"

namespace quadra::clock {

Status validate(const TimeZone& tz) {
  if (tz.time_zone_min < -720 || tz.time_zone_min > 720)
    return Status::invalid("clock.time_zone", "must be -720..720 minutes (UTC - local standard time)");
  return validate(tz.dst);
}

bool dst_active(const TimeZone& tz, UtcSeconds utc) {
  return dst_in_force(tz.dst, utc, tz.standard_offset_min());
}

int utc_offset_min(const TimeZone& tz, UtcSeconds utc) {
  return tz.standard_offset_min() + (dst_active(tz, utc) ? tz.dst.deviation_min : 0);
}

CivilDateTime to_local(const TimeZone& tz, UtcSeconds utc) {
  return civil_from_seconds(utc + static_cast<std::int64_t>(utc_offset_min(tz, utc)) * 60);
}

LocalTimeResolution to_utc(const TimeZone& tz, const CivilDateTime& local, Fold fold) {
  const std::int64_t local_s = seconds_from_civil(local);
  const std::int64_t standard = static_cast<std::int64_t>(tz.standard_offset_min()) * 60;
  if (!tz.dst.enabled) return {local_s - standard, LocalTimeKind::kUnique};
  const std::int64_t summer = standard + static_cast<std::int64_t>(tz.dst.deviation_min) * 60;

  // Try both offsets; a candidate is genuine when the offset in force there is the one assumed.
  const UtcSeconds as_standard = local_s - standard;
  const UtcSeconds as_summer = local_s - summer;
  const bool standard_ok = !dst_active(tz, as_standard);
  const bool summer_ok = dst_active(tz, as_summer);
  if (standard_ok && summer_ok) {
    const UtcSeconds earlier = as_standard < as_summer ? as_standard : as_summer;
    const UtcSeconds later = as_standard < as_summer ? as_summer : as_standard;
    return {fold == Fold::kEarlier ? earlier : later, LocalTimeKind::kRepeated};
  }
  if (standard_ok) return {as_standard, LocalTimeKind::kUnique};
  if (summer_ok) return {as_summer, LocalTimeKind::kUnique};
  // Neither: the local time lies in a gap, which a transition between the two candidates opened.
  const UtcSeconds low = as_standard < as_summer ? as_standard : as_summer;
  return {next_dst_transition_after(tz, low), LocalTimeKind::kSkipped};
}

}  // namespace quadra::clock
