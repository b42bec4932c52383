#include "core/clock/dst_rule.h"

namespace quadra::clock {
namespace {

Status validate_transition(const DstTransition& t, const char* field) {
  if (t.month < 1 || t.month > 12) return Status::invalid(field, "month must be 1..12");
  if (t.week < 1 || t.week > kLastWeek) return Status::invalid(field, "week must be 1..4 or last (5)");
  if (t.weekday < 1 || t.weekday > 7) return Status::invalid(field, "weekday must be 1 (Monday)..7 (Sunday)");
  if (t.time_s < 0 || t.time_s >= kSecondsPerDay)
    return Status::invalid(field, "time of day must be 0..86399 s");
  return Status::ok();
}

// The year of an instant in local standard time: the year whose transitions decide DST there.
int standard_year(UtcSeconds utc, int standard_offset_min) {
  return civil_from_seconds(utc + standard_offset_min * 60).year;
}

}  // namespace

Status validate(const DstRule& rule) {
  if (Status s = validate_transition(rule.begin, "clock.dst.begin"); !s) return s;
  if (Status s = validate_transition(rule.end, "clock.dst.end"); !s) return s;
  if (rule.deviation_min == 0 || rule.deviation_min < -120 || rule.deviation_min > 120)
    return Status::invalid("clock.dst.deviation_min", "must be -120..120 minutes and not 0");
  if (rule.begin.month == rule.end.month && rule.begin.week == rule.end.week &&
      rule.begin.weekday == rule.end.weekday)
    return Status::invalid("clock.dst.end", "must fall on another day than the begin");
  return Status::ok();
}

CivilDate transition_date(const DstTransition& t, int year) {
  // The first <weekday> of the month, then n-1 weeks on; "last" is the last one that fits.
  const std::int64_t first = days_from_civil(year, t.month, 1);
  const int first_wd = weekday_from_days(first);
  const int to_first = (t.weekday - first_wd + 7) % 7;
  int day = 1 + to_first;
  if (t.week == kLastWeek) {
    const int last = days_in_month(year, t.month);
    while (day + 7 <= last) day += 7;
  } else {
    day += 7 * (t.week - 1);
  }
  return {year, t.month, day};
}

UtcSeconds transition_utc(const DstTransition& t, int year, int standard_offset_min) {
  const UtcSeconds midnight = days_from_civil(transition_date(t, year)) * kSecondsPerDay;
  const UtcSeconds shift = t.base == TimeBase::kUtc ? 0 : static_cast<UtcSeconds>(standard_offset_min) * 60;
  return midnight + t.time_s - shift;
}

DstYear transitions(const DstRule& rule, int year, int standard_offset_min) {
  return {transition_utc(rule.begin, year, standard_offset_min),
          transition_utc(rule.end, year, standard_offset_min)};
}

bool dst_in_force(const DstRule& rule, UtcSeconds utc, int standard_offset_min) {
  if (!rule.enabled) return false;
  const DstYear y = transitions(rule, standard_year(utc, standard_offset_min), standard_offset_min);
  if (y.begin < y.end) return utc >= y.begin && utc < y.end;
  return utc >= y.begin || utc < y.end;  // southern hemisphere: DST spans New Year
}

UtcSeconds next_transition_after(const DstRule& rule, UtcSeconds utc, int standard_offset_min) {
  if (!rule.enabled) return kNever;
  const int year = standard_year(utc, standard_offset_min);
  UtcSeconds best = kNever;
  for (int y = year; y <= year + 1; ++y) {
    const DstYear t = transitions(rule, y, standard_offset_min);
    if (t.begin > utc && t.begin < best) best = t.begin;
    if (t.end > utc && t.end < best) best = t.end;
  }
  return best;
}

}  // namespace quadra::clock
