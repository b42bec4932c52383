#include "core/cosem/activity_calendar_object.h"

#include "core/cosem/value_reader.h"

namespace quadra::cosem {
namespace {

using clock::CalendarSet;

void write_name(AxdrWriter& w, const clock::ProfileName& n) { w.octet_string(n.view()); }

void write_seasons(AxdrWriter& w, const CalendarSet& set) {
  w.array(static_cast<std::uint32_t>(set.seasons.size()));
  for (const clock::SeasonProfile& s : set.seasons) {
    w.structure(3);
    write_name(w, s.name);
    w.octet_string(clock::encode(s.start));
    write_name(w, s.week_name);
  }
}

void write_weeks(AxdrWriter& w, const CalendarSet& set) {
  w.array(static_cast<std::uint32_t>(set.weeks.size()));
  for (const clock::WeekProfile& k : set.weeks) {
    w.structure(8);
    write_name(w, k.name);
    for (std::uint8_t id : k.day_id) w.unsigned8(id);
  }
}

void write_days(AxdrWriter& w, const CalendarSet& set) {
  w.array(static_cast<std::uint32_t>(set.days.size()));
  for (const clock::DayProfile& d : set.days) {
    w.structure(2);
    w.unsigned8(d.day_id);
    w.array(static_cast<std::uint32_t>(d.schedule.size()));
    for (const clock::DayAction& a : d.schedule) {
      w.structure(3);
      w.octet_string(clock::encode(a.start_time));
      w.octet_string(a.script_logical_name);
      w.long_unsigned(a.script_selector);
    }
  }
}

bool read_name(ValueReader& v, clock::ProfileName* out) {
  std::span<const std::uint8_t> b;
  if (!v.octets(0, clock::kMaxNameLength, &b)) return false;
  return clock::make_profile_name(b, out).is_ok() || v.refuse();
}

bool read_seasons(ValueReader& v, CalendarSet& set) {
  std::uint32_t n = 0;
  if (!v.array(clock::kMaxSeasons, &n)) return false;
  set.seasons.clear();
  for (std::uint32_t i = 0; i < n; ++i) {
    clock::SeasonProfile s;
    if (!v.structure(3) || !read_name(v, &s.name) || !v.date_time(&s.start) || !read_name(v, &s.week_name)) return false;
    (void)set.seasons.push_back(s, "season_profile");  // n <= capacity
  }
  return true;
}

bool read_weeks(ValueReader& v, CalendarSet& set) {
  std::uint32_t n = 0;
  if (!v.array(clock::kMaxWeekProfiles, &n)) return false;
  set.weeks.clear();
  for (std::uint32_t i = 0; i < n; ++i) {
    clock::WeekProfile k;
    if (!v.structure(8) || !read_name(v, &k.name)) return false;
    for (std::uint8_t& id : k.day_id)
      if (!v.unsigned8(&id)) return false;
    (void)set.weeks.push_back(k, "week_profile_table");
  }
  return true;
}

bool read_days(ValueReader& v, CalendarSet& set) {
  std::uint32_t n = 0;
  if (!v.array(clock::kMaxDayProfiles, &n)) return false;
  set.days.clear();
  for (std::uint32_t i = 0; i < n; ++i) {
    clock::DayProfile d;
    std::uint32_t switches = 0;
    if (!v.structure(2) || !v.unsigned8(&d.day_id) || !v.array(clock::kMaxSwitchesPerDay, &switches)) return false;
    for (std::uint32_t k = 0; k < switches; ++k) {
      clock::DayAction a;
      std::span<const std::uint8_t> script;
      if (!v.structure(3) || !v.time(&a.start_time) || !v.octets(6, 6, &script) || !v.long_unsigned(&a.script_selector))
        return false;
      for (std::size_t b = 0; b < 6; ++b) a.script_logical_name[b] = script[b];
      (void)d.schedule.push_back(a, "day_schedule");
    }
    (void)set.days.push_back(d, "day_profile_table");
  }
  return true;
}

}  // namespace

DataAccessResult ActivityCalendarObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                       AxdrWriter& out, const RequestContext&) {
  const clock::ActivityCalendar& c = meter_.calendar();
  const CalendarSet& set = attribute <= 5 ? c.active() : c.passive();
  switch (attribute) {
    case 2: case 6: write_name(out, set.name); break;
    case 3: case 7: write_seasons(out, set); break;
    case 4: case 8: write_weeks(out, set); break;
    case 5: case 9: write_days(out, set); break;
    default: out.octet_string(clock::encode(c.activation_time())); break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult ActivityCalendarObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                             const RequestContext& ctx) {
  ValueReader v(value);
  if (attribute == 10) {
    clock::CosemDateTime when;
    if (!v.date_time(&when) || !v.end()) return v.result();
    return meter_.set_calendar_activation_time(when, ctx.now_s).is_ok() ? DataAccessResult::kSuccess
                                                                        : DataAccessResult::kOtherReason;
  }
  scratch_ = meter_.calendar().passive();
  bool read = false;
  switch (attribute) {
    case 6: read = read_name(v, &scratch_.name); break;
    case 7: read = read_seasons(v, scratch_); break;
    case 8: read = read_weeks(v, scratch_); break;
    case 9: read = read_days(v, scratch_); break;
    default: return DataAccessResult::kReadWriteDenied;
  }
  if (!read || !v.end()) return v.result();
  return meter_.set_passive_calendar(scratch_, ctx.now_s).is_ok() ? DataAccessResult::kSuccess
                                                                  : DataAccessResult::kOtherReason;
}

ActionResult ActivityCalendarObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter&,
                                            bool& has_data, const RequestContext& ctx) {
  has_data = false;
  if (method != 1) return ActionResult::kObjectUndefined;
  ValueReader v(parameters);
  std::int8_t zero = 0;
  // Blue Book: data ::= integer (0); a call without parameters is taken as well.
  if (!parameters.empty() && (!v.integer(&zero) || !v.end())) return action_result(v.result());
  return meter_.activate_passive_calendar(ctx.now_s).is_ok() ? ActionResult::kSuccess : ActionResult::kOtherReason;
}

}  // namespace quadra::cosem
