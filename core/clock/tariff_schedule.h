// The activity calendar seen through the clock: the calendar's answer at a UTC instant, and the
// next UTC instant at which it may change, so that a fast simulation (or a sleeping MCU) can jump
// from one boundary to the next instead of evaluating every second.
//
// Boundaries are the calendar's own (switch times, midnights, season starts: local times turned
// into UTC), the DST jumps (local time leaps or repeats there) and an armed passive-calendar
// activation. Between two consecutive boundaries the calendar's answer is constant; at a boundary
// it may or may not change (next_change_utc() skips those where it does not).
#pragma once

#include "core/clock/activity_calendar.h"
#include "core/clock/civil_time.h"
#include "core/clock/special_days.h"
#include "core/clock/time_zone.h"

namespace quadra::clock {

CalendarState evaluate_at_utc(const ActivityCalendar& calendar, const SpecialDaysTable& special_days,
                              const TimeZone& tz, UtcSeconds utc);

// The first instant strictly after `after` at which evaluate_at_utc() must be redone.
UtcSeconds next_boundary_utc(const ActivityCalendar& calendar, const SpecialDaysTable& special_days,
                             const TimeZone& tz, UtcSeconds after);

// The first boundary after `after` at which the tariff differs from the one at `after`, looking no
// further than `horizon` (returned when nothing changes before it). The calendar is taken as it
// is: an armed activation counts as a boundary, but is not performed here.
UtcSeconds next_change_utc(const ActivityCalendar& calendar, const SpecialDaysTable& special_days,
                           const TimeZone& tz, UtcSeconds after, UtcSeconds horizon);

}  // namespace quadra::clock
