#include "core/clock/activity_calendar.h"

#include <optional>

#include "core/clock/date_pattern.h"

namespace quadra::clock {
namespace {

Status fail(Status s, std::size_t index, std::size_t* bad_entry) {
  if (bad_entry != nullptr) *bad_entry = index;
  return s;
}

int seconds_of_day(const CosemTime& t) { return t.hour * 3600 + t.minute * 60 + t.second; }

const WeekProfile* find_week(const CalendarSet& set, const ProfileName& name) {
  for (const WeekProfile& w : set.weeks)
    if (w.name == name) return &w;
  return nullptr;
}

const DayProfile* find_day(const CalendarSet& set, std::uint8_t day_id) {
  for (const DayProfile& d : set.days)
    if (d.day_id == day_id) return &d;
  return nullptr;
}

// The season in force at `local` and when it started; -1 if none has started.
int season_at(const CalendarSet& set, const CivilDateTime& local) {
  int best = -1;
  CivilDateTime best_start{};
  for (std::size_t i = 0; i < set.seasons.size(); ++i) {
    const std::optional<CivilDateTime> start = latest_start_at_or_before(set.seasons[i].start, local);
    if (start && (best < 0 || *start >= best_start)) {
      best = static_cast<int>(i);
      best_start = *start;
    }
  }
  return best;
}

struct DayChoice {
  const DayProfile* profile = nullptr;
  std::uint8_t day_id = 0;
  int special_day = -1;
};

// The day profile for a date under a given week: a special day's, if one covers the date and
// names an existing profile, else the week's.
DayChoice day_for(const CalendarSet& set, const WeekProfile& week, const SpecialDaysTable& special_days,
                  const CivilDate& date) {
  if (const SpecialDay* s = special_days.find(date)) {
    if (const DayProfile* p = find_day(set, s->day_id)) return {p, s->day_id, s->index};
  }
  const std::uint8_t id = week.day_id[static_cast<std::size_t>(weekday(date) - 1)];
  return {find_day(set, id), id, -1};
}

Status validate_activation_time(const CosemDateTime& v) {
  constexpr const char* kField = "activity_calendar.activate_passive_calendar_time";
  if (Status s = validate(v); !s) return Status::error(s.code(), kField, s.reason());
  if (is_all_not_specified(v)) return Status::ok();
  const bool date_given = v.date.year != kYearNotSpecified && v.date.month >= 1 && v.date.month <= 12 &&
                          v.date.day_of_month >= 1 && v.date.day_of_month <= 31;
  const bool time_given =
      v.time.hour != kNotSpecified && v.time.minute != kNotSpecified && v.time.second != kNotSpecified;
  if (!date_given || !time_given)
    return Status::invalid(kField, "must be all not specified (never) or name one instant");
  return Status::ok();
}

}  // namespace

Status make_profile_name(std::span<const std::uint8_t> bytes, ProfileName* out) {
  if (bytes.size() > kMaxNameLength)
    return Status::invalid("activity_calendar.profile_name", "must be at most 8 bytes");
  ProfileName n;
  for (std::size_t i = 0; i < bytes.size(); ++i) n.bytes[i] = bytes[i];
  n.length = static_cast<std::uint8_t>(bytes.size());
  *out = n;
  return Status::ok();
}

Status validate_seasons(std::span<const SeasonProfile> seasons, std::size_t* bad_entry) {
  if (seasons.size() > kMaxSeasons)
    return Status::error(StatusCode::kCapacity, "activity_calendar.season_profile", "more than 12 seasons");
  for (std::size_t i = 0; i < seasons.size(); ++i) {
    if (Status s = validate_recurring_start(seasons[i].start, "activity_calendar.season_profile.season_start"); !s)
      return fail(s, i, bad_entry);
    for (std::size_t k = 0; k < i; ++k) {
      if (seasons[k].name == seasons[i].name)
        return fail(Status::invalid("activity_calendar.season_profile.season_profile_name", "is used twice"), i,
                    bad_entry);
      if (seasons[k].start == seasons[i].start)
        return fail(Status::invalid("activity_calendar.season_profile.season_start", "two seasons start together"),
                    i, bad_entry);
    }
  }
  return Status::ok();
}

Status validate_weeks(std::span<const WeekProfile> weeks, std::size_t* bad_entry) {
  if (weeks.size() > kMaxWeekProfiles)
    return Status::error(StatusCode::kCapacity, "activity_calendar.week_profile_table", "more than 12 week profiles");
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    if (weeks[i].name.length == 0)
      return fail(Status::invalid("activity_calendar.week_profile_table.week_profile_name", "must not be empty"), i,
                  bad_entry);
    for (std::size_t k = 0; k < i; ++k)
      if (weeks[k].name == weeks[i].name)
        return fail(Status::invalid("activity_calendar.week_profile_table.week_profile_name", "is used twice"), i,
                    bad_entry);
  }
  return Status::ok();
}

Status validate_days(std::span<const DayProfile> days, std::size_t* bad_entry) {
  if (days.size() > kMaxDayProfiles)
    return Status::error(StatusCode::kCapacity, "activity_calendar.day_profile_table", "more than 16 day profiles");
  for (std::size_t i = 0; i < days.size(); ++i) {
    const DayProfile& d = days[i];
    for (std::size_t k = 0; k < i; ++k)
      if (days[k].day_id == d.day_id)
        return fail(Status::invalid("activity_calendar.day_profile_table.day_id", "is used twice"), i, bad_entry);
    if (d.schedule.empty())
      return fail(Status::invalid("activity_calendar.day_profile_table.day_schedule", "must hold at least one switch"),
                  i, bad_entry);
    int previous = -1;
    for (const DayAction& a : d.schedule) {
      const CosemTime& t = a.start_time;
      if (!validate(t) || t.hour == kNotSpecified || t.minute == kNotSpecified || t.second == kNotSpecified ||
          (t.hundredths != 0 && t.hundredths != kNotSpecified))
        return fail(Status::invalid("activity_calendar.day_profile_table.day_schedule.start_time",
                                    "must be a time of day in whole seconds"),
                    i, bad_entry);
      if (seconds_of_day(t) <= previous)
        return fail(Status::invalid("activity_calendar.day_profile_table.day_schedule.start_time",
                                    "switch times must increase strictly"),
                    i, bad_entry);
      previous = seconds_of_day(t);
      if (a.script_logical_name != kTariffScriptTable)
        return fail(Status::error(StatusCode::kNotSupported,
                                  "activity_calendar.day_profile_table.day_schedule.script_logical_name",
                                  "must be the tariffication script table 0-0:10.0.100.255"),
                    i, bad_entry);
      if (a.script_selector < 1 || a.script_selector > kTariffCount)
        return fail(Status::invalid("activity_calendar.day_profile_table.day_schedule.script_selector",
                                    "must be 1..6 (tariff T1..T6)"),
                    i, bad_entry);
    }
  }
  return Status::ok();
}

Status validate(const CalendarSet& set, std::size_t* bad_entry) {
  if (Status s = validate_seasons(set.seasons.span(), bad_entry); !s) return s;
  if (Status s = validate_weeks(set.weeks.span(), bad_entry); !s) return s;
  if (Status s = validate_days(set.days.span(), bad_entry); !s) return s;
  if (set.seasons.empty()) return fail(Status::invalid("activity_calendar.season_profile", "must hold at least one season"), 0, bad_entry);
  for (std::size_t i = 0; i < set.seasons.size(); ++i)
    if (find_week(set, set.seasons[i].week_name) == nullptr)
      return fail(Status::invalid("activity_calendar.season_profile.week_name", "names no week profile"), i,
                  bad_entry);
  for (std::size_t i = 0; i < set.weeks.size(); ++i)
    for (std::uint8_t id : set.weeks[i].day_id)
      if (find_day(set, id) == nullptr)
        return fail(Status::invalid("activity_calendar.week_profile_table.day_id", "names no day profile"), i,
                    bad_entry);
  return Status::ok();
}

Status check_special_days(const SpecialDaysTable& special_days, const CalendarSet& set, std::size_t* bad_entry) {
  const std::span<const SpecialDay> entries = special_days.entries();
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (find_day(set, entries[i].day_id) == nullptr)
      return fail(Status::invalid("special_days.day_id", "names no day profile of the active calendar"), i,
                  bad_entry);
  return Status::ok();
}

CalendarState evaluate(const CalendarSet& set, const SpecialDaysTable& special_days, const CivilDateTime& local) {
  CalendarState state;
  state.season = season_at(set, local);
  if (state.season < 0) return state;
  const WeekProfile* week = find_week(set, set.seasons[static_cast<std::size_t>(state.season)].week_name);
  if (week == nullptr) return state;

  const DayChoice today = day_for(set, *week, special_days, local.date());
  state.day_id = today.day_id;
  state.special_day = today.special_day;
  if (today.profile == nullptr) return state;
  const int now = local.seconds_of_day();
  const DayAction* in_force = nullptr;
  for (const DayAction& a : today.profile->schedule) {
    if (seconds_of_day(a.start_time) > now) break;
    in_force = &a;
  }
  if (in_force == nullptr) {
    // Before today's first switch: yesterday's last switch still holds. Schedules are never empty.
    const DayChoice yesterday = day_for(set, *week, special_days, add_days(local.date(), -1));
    if (yesterday.profile == nullptr) return state;
    in_force = &yesterday.profile->schedule[yesterday.profile->schedule.size() - 1];
    state.carried_over = true;
  }
  state.tariff = static_cast<std::uint8_t>(in_force->script_selector);
  state.defined = true;
  return state;
}

CivilDateTime next_switch_after(const CalendarSet& set, const SpecialDaysTable& special_days,
                                const CivilDateTime& local) {
  const CivilDate tomorrow = add_days(local.date(), 1);
  CivilDateTime next{tomorrow.year, tomorrow.month, tomorrow.day, 0, 0, 0};
  const int season = season_at(set, local);
  if (season >= 0) {
    if (const WeekProfile* week = find_week(set, set.seasons[static_cast<std::size_t>(season)].week_name)) {
      if (const DayProfile* p = day_for(set, *week, special_days, local.date()).profile) {
        const int now = local.seconds_of_day();
        for (const DayAction& a : p->schedule) {
          if (seconds_of_day(a.start_time) > now) {
            const CivilDateTime at{local.year, local.month, local.day, a.start_time.hour, a.start_time.minute,
                                   a.start_time.second};
            if (at < next) next = at;
            break;
          }
        }
      }
    }
  }
  for (const SeasonProfile& s : set.seasons) {
    const std::optional<CivilDateTime> start = first_start_after(s.start, local);
    if (start && *start < next) next = *start;
  }
  return next;
}

Status ActivityCalendar::set_active(const CalendarSet& set) {
  if (Status s = validate(set); !s) return s;
  active_ = set;
  active_valid_ = true;
  return Status::ok();
}

Status ActivityCalendar::set_passive(const CalendarSet& set) {
  if (Status s = validate_seasons(set.seasons.span()); !s) return s;
  if (Status s = validate_weeks(set.weeks.span()); !s) return s;
  if (Status s = validate_days(set.days.span()); !s) return s;
  passive_ = set;
  return Status::ok();
}

Status ActivityCalendar::set_passive_name(const ProfileName& name) {
  passive_.name = name;
  return Status::ok();
}

Status ActivityCalendar::set_passive_seasons(std::span<const SeasonProfile> seasons) {
  if (Status s = validate_seasons(seasons); !s) return s;
  return passive_.seasons.assign(seasons, "activity_calendar.season_profile_passive");
}

Status ActivityCalendar::set_passive_weeks(std::span<const WeekProfile> weeks) {
  if (Status s = validate_weeks(weeks); !s) return s;
  return passive_.weeks.assign(weeks, "activity_calendar.week_profile_table_passive");
}

Status ActivityCalendar::set_passive_days(std::span<const DayProfile> days) {
  if (Status s = validate_days(days); !s) return s;
  return passive_.days.assign(days, "activity_calendar.day_profile_table_passive");
}

Status ActivityCalendar::set_activation_time(const CosemDateTime& when) {
  if (Status s = validate_activation_time(when); !s) return s;
  activation_time_ = when;
  activation_pending_ = !is_all_not_specified(when);
  return Status::ok();
}

UtcSeconds ActivityCalendar::pending_activation_utc(const TimeZone& tz) const {
  if (!activation_pending_) return kNever;
  const CosemDateTime& v = activation_time_;
  const CivilDateTime local{v.date.year, v.date.month, v.date.day_of_month, v.time.hour, v.time.minute,
                            v.time.second};
  if (v.deviation != kDeviationNotSpecified) return seconds_from_civil(local) + v.deviation * 60;
  // Local time: a time skipped by DST activates at the jump, a repeated one at its first pass.
  return to_utc(tz, local, Fold::kEarlier).utc;
}

Status ActivityCalendar::activate_passive_calendar() {
  if (Status s = validate(passive_); !s) return s;
  active_ = passive_;
  active_valid_ = true;
  return Status::ok();
}

ActivityCalendar::PollResult ActivityCalendar::poll(UtcSeconds now, const TimeZone& tz) {
  if (!activation_pending_ || now < pending_activation_utc(tz)) return {};
  activation_pending_ = false;
  const Status s = activate_passive_calendar();
  return {s.is_ok() ? Activation::kActivated : Activation::kRefused, s};
}

bool ActivityCalendar::well_formed() const {
  if (active_valid_ && !validate(active_).is_ok()) return false;
  if (!validate_seasons(passive_.seasons.span()).is_ok() || !validate_weeks(passive_.weeks.span()).is_ok() ||
      !validate_days(passive_.days.span()).is_ok())
    return false;
  if (!validate_activation_time(activation_time_).is_ok()) return false;
  return !activation_pending_ || !is_all_not_specified(activation_time_);
}

CalendarState ActivityCalendar::evaluate(const CivilDateTime& local, const SpecialDaysTable& special_days) const {
  if (!active_valid_) return {};
  return clock::evaluate(active_, special_days, local);
}

CivilDateTime ActivityCalendar::next_switch_after(const CivilDateTime& local,
                                                  const SpecialDaysTable& special_days) const {
  if (!active_valid_) {
    const CivilDate tomorrow = add_days(local.date(), 1);
    return {tomorrow.year, tomorrow.month, tomorrow.day, 0, 0, 0};
  }
  return clock::next_switch_after(active_, special_days, local);
}

}  // namespace quadra::clock
