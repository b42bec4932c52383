// The activity calendar, COSEM interface class 20, as the meter's tariff program.
//
// A calendar set has three tables (Blue Book names):
//   season_profile      {season_profile_name, season_start, week_name}: from season_start on
//                       (a date-time, usually repeating: every year on 04-01 00:00), the season's
//                       week profile is in force, until another season starts;
//   week_profile_table  {week_profile_name, day_id for Monday .. Sunday};
//   day_profile_table   {day_id, day_schedule: [{start_time, script_logical_name, script_selector}]}.
// Here a day action runs the tariffication script table 0-0:10.0.100.255 and its script_selector
// 1..6 selects tariff T1..T6 (the scripts of that table are 1..6 = "switch the registers to Tn");
// other script tables are refused, since tariff switching is the only thing this calendar drives.
// The special days table (IC 11, special_days.h) overrides the week profile's day_id for its dates.
//
// Evaluation is a pure function of the active set, the special days and the local time:
//   - the season in force is the one with the latest start at or before that time (equal starts:
//     the later entry wins); before any season has started the calendar is undefined and the
//     fallback tariff T1 applies;
//   - the day's profile comes from the special day covering the date, else from the season's week;
//   - the tariff is that of the last switch at or before the time of day; before the day's first
//     switch, the last switch of the previous day's profile (taken under the same season) holds.
// So a season change, a special day or an activation of the passive set takes effect at once, as
// if the new program had always been in force. Switch times are local times: a switch skipped by
// the DST jump takes effect at the jump; the hour repeated in autumn replays its switches (which is
// why tariff programs keep switches out of 02:00..03:00).
//
// Active and passive sets: COSEM writes go to the passive set (attributes 6..9, each checked on
// its own); activate_passive_calendar() (method 1) validates the whole passive set and copies it
// to the active one; so does reaching activate_passive_calendar_time (attribute 10), once per
// written value, when poll() sees meter time at or past it. All not specified = never.
//
// Fixed capacities (std::array, no heap): 12 seasons, 12 week profiles, 16 day profiles of 16
// switches each, names of at most 8 bytes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/clock/civil_time.h"
#include "core/clock/cosem_date_time.h"
#include "core/clock/fixed_vector.h"
#include "core/clock/special_days.h"
#include "core/clock/time_zone.h"
#include "core/common/status.h"

namespace quadra::clock {

inline constexpr std::size_t kMaxSeasons = 12;
inline constexpr std::size_t kMaxWeekProfiles = 12;
inline constexpr std::size_t kMaxDayProfiles = 16;
inline constexpr std::size_t kMaxSwitchesPerDay = 16;
inline constexpr std::size_t kMaxNameLength = 8;
inline constexpr std::uint8_t kTariffCount = 6;
inline constexpr std::uint8_t kFallbackTariff = 1;
// Tariffication script table, OBIS 0-0:10.0.100.255.
inline constexpr std::array<std::uint8_t, 6> kTariffScriptTable = {0, 0, 10, 0, 100, 255};

// A season or week profile name (COSEM octet-string), at most kMaxNameLength bytes.
struct ProfileName {
  std::array<std::uint8_t, kMaxNameLength> bytes{};  // unused bytes stay 0
  std::uint8_t length = 0;

  // Precondition: text.size() <= kMaxNameLength (longer text is cut).
  static constexpr ProfileName from(std::string_view text) {
    ProfileName n;
    for (std::size_t i = 0; i < text.size() && i < kMaxNameLength; ++i) {
      n.bytes[i] = static_cast<std::uint8_t>(text[i]);
      n.length = static_cast<std::uint8_t>(i + 1);
    }
    return n;
  }
  std::span<const std::uint8_t> view() const { return {bytes.data(), length}; }
  friend constexpr bool operator==(const ProfileName&, const ProfileName&) = default;
  template <class A> constexpr void persist(A& a) {
    a(bytes)(length);
    a.check(length <= kMaxNameLength, "a profile name is longer than 8 bytes");
    if (length > kMaxNameLength) length = 0;
  }
};

// An octet string received for a name; kInvalidArgument beyond kMaxNameLength bytes.
Status make_profile_name(std::span<const std::uint8_t> bytes, ProfileName* out);

struct SeasonProfile {
  ProfileName name;
  CosemDateTime start;  // local time; a repeating start per date_pattern.h
  ProfileName week_name;
  friend constexpr bool operator==(const SeasonProfile&, const SeasonProfile&) = default;
  template <class A> constexpr void persist(A& a) { a(name)(start)(week_name); }
};

struct WeekProfile {
  ProfileName name;
  std::array<std::uint8_t, 7> day_id{};  // Monday .. Sunday
  friend constexpr bool operator==(const WeekProfile&, const WeekProfile&) = default;
  template <class A> constexpr void persist(A& a) { a(name)(day_id); }
};

struct DayAction {
  CosemTime start_time;  // local; hour, minute, second specified; hundredths 0 or not specified
  std::array<std::uint8_t, 6> script_logical_name = kTariffScriptTable;
  std::uint16_t script_selector = 1;  // 1..6 = tariff T1..T6
  friend constexpr bool operator==(const DayAction&, const DayAction&) = default;
  template <class A> constexpr void persist(A& a) { a(start_time)(script_logical_name)(script_selector); }
};

struct DayProfile {
  std::uint8_t day_id = 0;
  FixedVector<DayAction, kMaxSwitchesPerDay> schedule;  // start times strictly increasing, not empty
  friend constexpr bool operator==(const DayProfile&, const DayProfile&) = default;
  template <class A> constexpr void persist(A& a) { a(day_id)(schedule); }
};

struct CalendarSet {
  ProfileName name;  // calendar_name
  FixedVector<SeasonProfile, kMaxSeasons> seasons;
  FixedVector<WeekProfile, kMaxWeekProfiles> weeks;
  FixedVector<DayProfile, kMaxDayProfiles> days;
  friend constexpr bool operator==(const CalendarSet&, const CalendarSet&) = default;
  template <class A> constexpr void persist(A& a) { a(name)(seasons)(weeks)(days); }
};

// Each table's own rules (names unique, starts supported, switch times increasing, selectors 1..6).
// `bad_entry`, if given, receives the index of the offending entry (in the table the field names).
Status validate_seasons(std::span<const SeasonProfile> seasons, std::size_t* bad_entry = nullptr);
Status validate_weeks(std::span<const WeekProfile> weeks, std::size_t* bad_entry = nullptr);
Status validate_days(std::span<const DayProfile> days, std::size_t* bad_entry = nullptr);
// The three tables, at least one season, and every reference (week_name, day_id) resolved.
Status validate(const CalendarSet& set, std::size_t* bad_entry = nullptr);
// Every special day names a day profile of `set` (evaluation ignores those that do not).
Status check_special_days(const SpecialDaysTable& special_days, const CalendarSet& set,
                          std::size_t* bad_entry = nullptr);

// What the calendar says at one local time, and why.
struct CalendarState {
  std::uint8_t tariff = kFallbackTariff;  // 1..6
  bool defined = false;       // false: no season has started (or no valid set): the fallback tariff
  int season = -1;            // index into seasons
  std::uint8_t day_id = 0;    // the day profile used for the date
  int special_day = -1;       // IC 11 index of the special day that chose day_id, -1: the week did
  bool carried_over = false;  // no switch yet today: the previous day's last switch holds
};

// Precondition for both: validate(set).is_ok(); `local` valid.
CalendarState evaluate(const CalendarSet& set, const SpecialDaysTable& special_days, const CivilDateTime& local);
// The first local time strictly after `local` at which evaluate() may give another answer: the
// next switch of the day, the next midnight, or the next season start, whichever comes first.
CivilDateTime next_switch_after(const CalendarSet& set, const SpecialDaysTable& special_days,
                                const CivilDateTime& local);

class ActivityCalendar {
 public:
  // Without an active set every time evaluates to the fallback tariff T1.
  ActivityCalendar() = default;

  // Installs a configured set as active (start-up, built-in program). Refused if invalid.
  Status set_active(const CalendarSet& set);
  const CalendarSet& active() const { return active_; }
  const CalendarSet& passive() const { return passive_; }

  // COSEM attributes 6..9: each table checked on its own; references are checked on activation.
  Status set_passive(const CalendarSet& set);
  Status set_passive_name(const ProfileName& name);
  Status set_passive_seasons(std::span<const SeasonProfile> seasons);
  Status set_passive_weeks(std::span<const WeekProfile> weeks);
  Status set_passive_days(std::span<const DayProfile> days);

  // Attribute 10: all not specified (never), or year, month, day, hour, minute and second all
  // specified (weekday, hundredths, deviation and status may be left out). Writing arms it.
  Status set_activation_time(const CosemDateTime& when);
  const CosemDateTime& activation_time() const { return activation_time_; }
  bool activation_pending() const { return activation_pending_; }
  // The UTC instant of the armed activation under `tz`; kNever when not armed.
  UtcSeconds pending_activation_utc(const TimeZone& tz) const;

  // Method 1: the passive set, if valid, becomes the active one (a copy; passive stays).
  Status activate_passive_calendar();

  // Called on every evaluation of meter time. When an armed activation time has been reached,
  // activates the passive set and reports it once (kActivated, or kRefused with the validation
  // error if the passive set is invalid: the active set then stays, and the activation is spent).
  enum class Activation : std::uint8_t { kNone, kActivated, kRefused };
  struct PollResult {
    Activation activation = Activation::kNone;
    Status status;
  };
  PollResult poll(UtcSeconds now, const TimeZone& tz);

  CalendarState evaluate(const CivilDateTime& local, const SpecialDaysTable& special_days) const;
  std::uint8_t tariff_at(const CivilDateTime& local, const SpecialDaysTable& special_days) const {
    return evaluate(local, special_days).tariff;
  }
  CivilDateTime next_switch_after(const CivilDateTime& local, const SpecialDaysTable& special_days) const;

  // The state archive (storage/state_archive.h): both sets and the armed activation. A loaded
  // calendar must pass the checks its setters make (a valid active set, valid passive tables, a
  // valid activation time), else the archive is marked corrupt.
  template <class Archive>
  void persist(Archive& a) {
    a(active_)(passive_)(active_valid_)(activation_time_)(activation_pending_);
    if constexpr (Archive::kLoading) a.check(well_formed(), "the activity calendar fails its checks");
  }

 private:
  bool well_formed() const;
  CalendarSet active_;
  CalendarSet passive_;
  bool active_valid_ = false;
  CosemDateTime activation_time_ = not_specified_date_time();
  bool activation_pending_ = false;
};

}  // namespace quadra::clock
