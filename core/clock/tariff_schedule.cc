#include "core/clock/tariff_schedule.h"

namespace quadra::clock {

CalendarState evaluate_at_utc(const ActivityCalendar& calendar, const SpecialDaysTable& special_days,
                              const TimeZone& tz, UtcSeconds utc) {
  return calendar.evaluate(to_local(tz, utc), special_days);
}

UtcSeconds next_boundary_utc(const ActivityCalendar& calendar, const SpecialDaysTable& special_days,
                             const TimeZone& tz, UtcSeconds after) {
  const CivilDateTime local = to_local(tz, after);
  const CivilDateTime next_local = calendar.next_switch_after(local, special_days);
  // The first pass of a repeated local time, unless that pass is already behind us (we are in the
  // second pass of the autumn hour, where local time runs through the same hour again).
  UtcSeconds next = to_utc(tz, next_local, Fold::kEarlier).utc;
  if (next <= after) next = to_utc(tz, next_local, Fold::kLater).utc;
  if (next <= after) next = after + 1;  // cannot happen for a valid zone; never stall a caller
  const UtcSeconds jump = next_dst_transition_after(tz, after);
  if (jump < next) next = jump;
  const UtcSeconds activation = calendar.pending_activation_utc(tz);
  if (activation > after && activation < next) next = activation;
  return next;
}

UtcSeconds next_change_utc(const ActivityCalendar& calendar, const SpecialDaysTable& special_days,
                           const TimeZone& tz, UtcSeconds after, UtcSeconds horizon) {
  const std::uint8_t now = evaluate_at_utc(calendar, special_days, tz, after).tariff;
  UtcSeconds t = after;
  while (t < horizon) {
    t = next_boundary_utc(calendar, special_days, tz, t);
    if (t >= horizon) return horizon;
    if (evaluate_at_utc(calendar, special_days, tz, t).tariff != now) return t;
  }
  return horizon;
}

}  // namespace quadra::clock
