// The tariff program's COSEM objects over a live Meter: attribute bytes (hand-derived A-XDR, each
// octet explained), writes and method calls that change the tariffs the meter applies, refusals
// that change nothing, access rights, and the program's trip through the store.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/cosem/activity_calendar_object.h"
#include "core/cosem/association.h"
#include "core/cosem/register_activation_object.h"
#include "core/cosem/script_table_object.h"
#include "core/cosem/single_action_schedule_object.h"
#include "core/cosem/special_days_object.h"
#include "core/dlms/test_hex.h"
#include "core/meter/meter_store.h"
#include "core/recording/event_codes.h"
#include "core/recording/log_group.h"
#include "core/storage/memory_store.h"

namespace quadra::cosem {
namespace {

using Bytes = std::vector<std::uint8_t>;
using dlms::testing::hex;
using dlms::testing::to_hex;
using meter::Obis;

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00, a Thursday
constexpr double kDay = 86400.0;
constexpr double kHour = 3600.0;

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = kStart;  // CET/CEST, the four-zone built-in program
  s.billing = meter::default_billing_settings();
  return s;
}

// 1 kW import (a third per phase) for [from_s, to_s) in 15-minute intervals: 250 Wh each.
void run(meter::Meter& m, double from_s, double to_s) {
  for (double t = from_s; t < to_s; t += 900.0) {
    meter::IntervalValues v;
    v.start_s = t;
    v.duration_s = 900.0;
    for (std::size_t k = 0; k < 3; ++k) {
      v.u_rms_v[k] = 230.0;
      v.i_rms_a[k] = 1.45;
      v.p_w[k] = 1000.0 / 3;
      v.s_va[k] = 1000.0 / 3;
      v.energy[k] = metrology::split_into_quadrants(250.0 / 3, 0.0, 250.0 / 3);
    }
    v.energy[3] = metrology::split_into_quadrants(250.0, 0.0, 250.0);
    v.p_w_total = 1000.0;
    v.s_va_total = 1000.0;
    v.frequency_hz = 50.0;
    m.on_interval(v);
  }
}

double energy(const meter::Meter& m, unsigned tariff) {
  meter::RegisterValue v;
  EXPECT_TRUE(m.read(Obis(1, 0, 1, 8, static_cast<std::uint8_t>(tariff)), v));
  return v.value;
}

RequestContext at(double now_s) { return RequestContext{now_s, nullptr}; }

Bytes get(CosemObject& o, std::uint8_t attribute, double now_s = 0.0) {
  Bytes out(8192);
  AxdrWriter w(out);
  EXPECT_EQ(o.get(attribute, dlms::SelectiveAccess{}, w, at(now_s)), DataAccessResult::kSuccess);
  out.resize(w.size());
  return out;
}

DataAccessResult set(CosemObject& o, std::uint8_t attribute, const std::string& value, double now_s) {
  const Bytes v = hex(value);
  return o.set(attribute, v, at(now_s));
}

ActionResult call(CosemObject& o, std::uint8_t method, const std::string& parameters, double now_s) {
  const Bytes p = hex(parameters);
  Bytes out(64);
  AxdrWriter w(out);
  bool has_data = true;
  const ActionResult r = o.action(method, p, w, has_data, at(now_s));
  EXPECT_FALSE(has_data);
  return r;
}

// Whether the configuration log's last row is event 47 naming `object`.
bool last_change_names(const meter::Meter& m, const Obis& object) {
  const recording::EventLog& log = m.events().log(recording::LogGroup::kConfiguration);
  if (log.entries_in_use() == 0) return false;
  const recording::EventRow& row = log.entry(log.entries_in_use() - 1);
  return row.code == recording::event_code::kParametersChanged && row.context[0] == recording::obis_to_context(object);
}

std::uint32_t changes_logged(const meter::Meter& m) {
  return m.events().log(recording::LogGroup::kConfiguration).counter();
}

// A small program, attribute by attribute as a client writes it:
//   calendar_name  09 03 "NEW"
//   season_profile 01 01                      array of 1
//                  02 03                      structure of 3
//                  09 01 53                   season_profile_name "S"
//                  09 0C FF FF 01 01 FF       season_start: every year, January 1st, any weekday,
//                        00 00 00 00          00:00:00.00,
//                        80 00 FF             deviation and clock status not specified
//                  09 01 57                   week_name "W"
//   week_profile   01 01 02 08 09 01 57       one week "W" ...
//                  11 01 x7                   ... day_id 1 Monday to Sunday
//   day_profile    01 01 02 02 11 01          one day profile, day_id 1,
//                  01 02                      two switches:
//                  02 03 09 04 00 00 00 00    00:00:00.00
//                        09 06 00 00 0A 00 64 FF   tariffication script table 0.0.10.0.100.255
//                        12 00 06             script 6: tariff T6
//                  02 03 09 04 0C 00 00 00 09 06 00 00 0A 00 64 FF 12 00 05   12:00 tariff T5
const std::string kName = "09 03 4E 45 57";
const std::string kSeasons = "01 01 02 03 09 01 53 09 0C FF FF 01 01 FF 00 00 00 00 80 00 FF 09 01 57";
const std::string kWeeks = "01 01 02 08 09 01 57 11 01 11 01 11 01 11 01 11 01 11 01 11 01";
const std::string kDays =
    "01 01 02 02 11 01 01 02"
    " 02 03 09 04 00 00 00 00 09 06 00 00 0A 00 64 FF 12 00 06"
    " 02 03 09 04 0C 00 00 00 09 06 00 00 0A 00 64 FF 12 00 05";

void write_passive(ActivityCalendarObject& c, double now_s) {
  ASSERT_EQ(set(c, 6, kName, now_s), DataAccessResult::kSuccess);
  ASSERT_EQ(set(c, 7, kSeasons, now_s), DataAccessResult::kSuccess);
  ASSERT_EQ(set(c, 8, kWeeks, now_s), DataAccessResult::kSuccess);
  ASSERT_EQ(set(c, 9, kDays, now_s), DataAccessResult::kSuccess);
}

TEST(ActivityCalendarObject, ThePassiveSetReadsBackAsWrittenAndIsTheMetersOwn) {
  meter::Meter m(settings());
  ActivityCalendarObject c(m);
  EXPECT_EQ(c.class_id(), 20);
  write_passive(c, 0.0);
  EXPECT_EQ(to_hex(get(c, 6)), to_hex(hex(kName)));
  EXPECT_EQ(to_hex(get(c, 7)), to_hex(hex(kSeasons)));
  EXPECT_EQ(to_hex(get(c, 8)), to_hex(hex(kWeeks)));
  EXPECT_EQ(to_hex(get(c, 9)), to_hex(hex(kDays)));
  const clock::CalendarSet& p = m.calendar().passive();
  EXPECT_EQ(p.name, clock::ProfileName::from("NEW"));
  ASSERT_EQ(p.days.size(), 1u);
  EXPECT_EQ(p.days[0].schedule[1].start_time, clock::CosemTime::at(12, 0));
  EXPECT_EQ(p.days[0].schedule[1].script_selector, 5);
  // Never armed: all not specified (09 0C, FF x9 for date and time, 80 00 deviation, FF status).
  EXPECT_EQ(to_hex(get(c, 10)), "09 0C FF FF FF FF FF FF FF FF FF 80 00 FF");
  // The active set is still the built-in program: the first of its three day profiles.
  const Bytes active_days = get(c, 5);
  EXPECT_EQ(to_hex(std::span(active_days).first(4)), "01 03 02 02");
  EXPECT_TRUE(last_change_names(m, Obis(0, 0, 13, 0, 0)));
}

TEST(ActivityCalendarObject, ActivationByTheMethodSwitchesTheTariffsAtOnce) {
  meter::Meter m(settings());
  ActivityCalendarObject c(m);
  run(m, 0.0, kDay);  // January 1st under the built-in program: never T5 or T6
  EXPECT_EQ(energy(m, 5), 0.0);
  write_passive(c, kDay);
  EXPECT_EQ(call(c, 1, "0F 00", kDay), ActionResult::kSuccess);  // data ::= integer (0)
  EXPECT_EQ(to_hex(get(c, 2)), to_hex(hex(kName)));
  EXPECT_EQ(to_hex(get(c, 3)), to_hex(hex(kSeasons)));
  run(m, kDay, kDay + 13 * kHour);  // January 2nd, 00:00 to 13:00 local
  EXPECT_DOUBLE_EQ(energy(m, 6), 12000.0);
  EXPECT_DOUBLE_EQ(energy(m, 5), 1000.0);
  // Logged: the passive calendar activated (standard log, 9), the change (event 47).
  const recording::EventLog& standard = m.events().log(recording::LogGroup::kStandard);
  bool activated = false;
  for (std::size_t k = 0; k < standard.entries_in_use(); ++k)
    activated = activated || standard.entry(k).code == recording::event_code::kPassiveCalendarActivated;
  EXPECT_TRUE(activated);
}

TEST(ActivityCalendarObject, ActivationTimeTakesEffectAtThatLocalTime) {
  meter::Meter m(settings());
  ActivityCalendarObject c(m);
  write_passive(c, 0.0);
  // 2026-01-02 (07 EA 01 02) Friday (05) 12:00:00.00, deviation and status not specified: local.
  const std::string when = "09 0C 07 EA 01 02 05 0C 00 00 00 80 00 FF";
  ASSERT_EQ(set(c, 10, when, 0.0), DataAccessResult::kSuccess);
  EXPECT_EQ(to_hex(get(c, 10)), to_hex(hex(when)));
  run(m, 0.0, kDay + 12 * kHour);
  EXPECT_EQ(energy(m, 5) + energy(m, 6), 0.0);  // not yet: the built-in program rules
  EXPECT_NE(m.calendar().active().name, clock::ProfileName::from("NEW"));
  run(m, kDay + 12 * kHour, kDay + 13 * kHour);
  EXPECT_DOUBLE_EQ(energy(m, 5), 1000.0);  // from 12:00 local: T5
  EXPECT_EQ(energy(m, 6), 0.0);
  EXPECT_EQ(m.calendar().active().name, clock::ProfileName::from("NEW"));
}

TEST(ActivityCalendarObject, BadValuesAreRefusedAndChangeNothing) {
  meter::Meter m(settings());
  ActivityCalendarObject c(m);
  write_passive(c, 0.0);
  const clock::ActivityCalendar before = m.calendar();
  const std::uint32_t logged = changes_logged(m);
  // Shape: an octet string where the array belongs; a structure of 2 for a season; a 3-octet time.
  EXPECT_EQ(set(c, 7, "09 01 53", 0.0), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(c, 7, "01 01 02 02 09 01 53 09 01 57", 0.0), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(c, 9, "01 01 02 02 11 01 01 01 02 03 09 03 00 00 00 09 06 00 00 0A 00 64 FF 12 00 06", 0.0),
            DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(c, 6, "09 03 4E 45 57 00", 0.0), DataAccessResult::kTypeUnmatched);  // a trailing octet
  // Values: a 9-octet name; script selector 7; another script table; switch times not increasing;
  // 13 seasons; hour 24; an activation time without its year.
  EXPECT_EQ(set(c, 6, "09 09 31 32 33 34 35 36 37 38 39", 0.0), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(c, 9, "01 01 02 02 11 01 01 01 02 03 09 04 00 00 00 00 09 06 00 00 0A 00 64 FF 12 00 07", 0.0),
            DataAccessResult::kOtherReason);
  EXPECT_EQ(set(c, 9, "01 01 02 02 11 01 01 01 02 03 09 04 00 00 00 00 09 06 00 00 0A 00 01 FF 12 00 01", 0.0),
            DataAccessResult::kOtherReason);
  EXPECT_EQ(set(c, 9,
                "01 01 02 02 11 01 01 02 02 03 09 04 0C 00 00 00 09 06 00 00 0A 00 64 FF 12 00 01"
                " 02 03 09 04 06 00 00 00 09 06 00 00 0A 00 64 FF 12 00 02",
                0.0),
            DataAccessResult::kOtherReason);
  std::string thirteen = "01 0D";
  for (int k = 0; k < 13; ++k) thirteen += " 02 03 09 01 53 09 0C FF FF 01 01 FF 00 00 00 00 80 00 FF 09 01 57";
  EXPECT_EQ(set(c, 7, thirteen, 0.0), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(c, 9, "01 01 02 02 11 01 01 01 02 03 09 04 18 00 00 00 09 06 00 00 0A 00 64 FF 12 00 01", 0.0),
            DataAccessResult::kOtherReason);
  EXPECT_EQ(set(c, 10, "09 0C FF FF 01 02 FF 0C 00 00 00 80 00 FF", 0.0), DataAccessResult::kOtherReason);
  // The active set is not writable.
  EXPECT_EQ(set(c, 3, kSeasons, 0.0), DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(m.calendar().passive(), before.passive());
  EXPECT_EQ(m.calendar().activation_time(), before.activation_time());
  EXPECT_EQ(changes_logged(m), logged);

  // A passive set whose week names a day profile it does not have: activation refused, the active
  // set stays.
  ASSERT_EQ(set(c, 8, "01 01 02 08 09 01 57 11 01 11 01 11 01 11 01 11 01 11 01 11 09", 0.0),
            DataAccessResult::kSuccess);
  EXPECT_EQ(call(c, 1, "0F 00", 0.0), ActionResult::kOtherReason);
  EXPECT_EQ(m.calendar().active(), before.active());
  EXPECT_EQ(call(c, 1, "12 00 00", 0.0), ActionResult::kTypeUnmatched);
}

TEST(SpecialDaysObject, EntriesReadAsTheTableAndInsertDeleteChangeTheTariff) {
  meter::Meter m(settings());
  SpecialDaysObject s(m);
  EXPECT_EQ(s.class_id(), 11);
  // 57 entries (9 fixed holidays, 3 movable ones for each of 16 years); the first is
  // index 1 (12 00 01), every year January 1st (09 05 FF FF 01 01 FF), day_id 3 (11 03).
  const Bytes entries = get(s, 2);
  EXPECT_EQ(to_hex(std::span(entries).first(16)), "01 39 02 03 12 00 01 09 05 FF FF 01 01 FF 11 03");

  run(m, 0.0, 4 * kDay + 10 * kHour);  // to Monday 2026-01-05 10:00: a working day, T1 07-13
  const double t1 = energy(m, 1), t3 = energy(m, 3);
  // insert {index 500, 2026-01-05 Monday, day_id 3 (free day: T3 06-22)}
  EXPECT_EQ(call(s, 1, "02 03 12 01 F4 09 05 07 EA 01 05 01 11 03", 4 * kDay + 10 * kHour), ActionResult::kSuccess);
  EXPECT_TRUE(last_change_names(m, Obis(0, 0, 11, 0, 0)));
  run(m, 4 * kDay + 10 * kHour, 4 * kDay + 11 * kHour);
  EXPECT_DOUBLE_EQ(energy(m, 3) - t3, 1000.0);
  EXPECT_DOUBLE_EQ(energy(m, 1) - t1, 0.0);
  EXPECT_EQ(call(s, 2, "12 01 F4", 4 * kDay + 11 * kHour), ActionResult::kSuccess);
  run(m, 4 * kDay + 11 * kHour, 4 * kDay + 12 * kHour);
  EXPECT_DOUBLE_EQ(energy(m, 1) - t1, 1000.0);

  // Refused, the table unchanged: a day_id no calendar has, an index not in the table, a date
  // that is no date (month 13), a structure of 2, a full table.
  const std::size_t n = m.special_days().size();
  EXPECT_EQ(call(s, 1, "02 03 12 01 F4 09 05 07 EA 01 05 01 11 63", 0.0), ActionResult::kOtherReason);
  EXPECT_EQ(call(s, 2, "12 01 F4", 0.0), ActionResult::kOtherReason);
  EXPECT_EQ(call(s, 1, "02 03 12 01 F4 09 05 07 EA 0D 05 FF 11 03", 0.0), ActionResult::kOtherReason);
  EXPECT_EQ(call(s, 1, "02 02 12 01 F4 11 03", 0.0), ActionResult::kTypeUnmatched);
  EXPECT_EQ(m.special_days().size(), n);
  // Fill it: 2031-02-01 .. 2031-02-07 (indices 0x0301 ..), seven more entries make 64.
  for (char day = '1'; m.special_days().size() < clock::kMaxSpecialDays; ++day) {
    ASSERT_LE(day, '7');
    const std::string d = std::string("0") + day;
    ASSERT_EQ(call(s, 1, "02 03 12 03 " + d + " 09 05 07 EF 02 " + d + " FF 11 03", 0.0), ActionResult::kSuccess);
  }
  EXPECT_EQ(call(s, 1, "02 03 12 04 00 09 05 07 EF 03 01 FF 11 03", 0.0), ActionResult::kOtherReason);
}

TEST(ScriptTableObject, TariffScriptsWriteTheActiveMasksAndExecutingOneSwitchesTheTariff) {
  meter::Meter m(settings());
  ScriptTableObject scripts(m, ScriptTableObject::Kind::kTariffication);
  CurrentTariffObject current(m);
  EXPECT_EQ(scripts.logical_name(), Obis(0, 0, 10, 0, 100));
  // 01 06: six scripts; script 1 (12 00 01) has two actions (01 02), each a structure of 5:
  // write_attribute (16 01), class 6 (12 00 06), 0.0.14.0.0.255 / 0.0.14.0.1.255, attribute 4
  // (0F 04), parameter "T1" (09 02 54 31).
  const Bytes all = get(scripts, 2);
  EXPECT_EQ(to_hex(std::span(all).first(51)),
            "01 06 02 02 12 00 01 01 02"
            " 02 05 16 01 12 00 06 09 06 00 00 0E 00 00 FF 0F 04 09 02 54 31"
            " 02 05 16 01 12 00 06 09 06 00 00 0E 00 01 FF 0F 04 09 02 54 31");

  run(m, 0.0, 4 * kDay + 10 * kHour);  // Monday 10:00, T1 until 13:00
  EXPECT_EQ(to_hex(get(current, 2)), "11 01");
  const double t1 = energy(m, 1), t2 = energy(m, 2), t3 = energy(m, 3);
  EXPECT_EQ(call(scripts, 1, "12 00 02", 4 * kDay + 10 * kHour), ActionResult::kSuccess);
  run(m, 4 * kDay + 10 * kHour, 4 * kDay + 13 * kHour);  // T2 until the calendar's next switch
  EXPECT_EQ(to_hex(get(current, 2)), "11 02");
  EXPECT_DOUBLE_EQ(energy(m, 2) - t2, 3000.0);
  EXPECT_DOUBLE_EQ(energy(m, 1) - t1, 0.0);
  run(m, 4 * kDay + 13 * kHour, 4 * kDay + 14 * kHour);  // 13:00: the calendar's T3 again
  EXPECT_DOUBLE_EQ(energy(m, 3) - t3, 1000.0);
  EXPECT_DOUBLE_EQ(energy(m, 2) - t2, 3000.0);

  EXPECT_EQ(call(scripts, 1, "12 00 07", 0.0), ActionResult::kOtherReason);
  EXPECT_EQ(call(scripts, 1, "12 00 00", 0.0), ActionResult::kOtherReason);
  EXPECT_EQ(call(scripts, 1, "11 02", 0.0), ActionResult::kTypeUnmatched);
}

TEST(ScriptTableObject, TheBillingScriptClosesTheBillingPeriod) {
  meter::Meter m(settings());
  ScriptTableObject scripts(m, ScriptTableObject::Kind::kBillingReset);
  EXPECT_EQ(scripts.logical_name(), Obis(0, 0, 10, 0, 1));
  // One script (1) with one action: execute (16 02) method 2 (0F 02) of the billing profile,
  // class 7 (12 00 07), 0.0.98.1.0.255, parameter integer 0 (0F 00).
  EXPECT_EQ(to_hex(get(scripts, 2)), "01 01 02 02 12 00 01 01 01 02 05 16 02 12 00 07 09 06 00 00 62 01 00 FF 0F 02 0F 00");
  run(m, 0.0, kHour);
  EXPECT_EQ(call(scripts, 1, "12 00 01", kHour), ActionResult::kSuccess);
  EXPECT_EQ(m.billing().counter(), 1u);
  EXPECT_EQ(m.billing().entry(0).trigger, meter::BillingTrigger::kCommand);
  EXPECT_EQ(call(scripts, 1, "12 00 02", kHour), ActionResult::kOtherReason);
  EXPECT_EQ(m.billing().counter(), 1u);
}

TEST(RegisterActivationObject, AssignmentMasksAndActiveMask) {
  meter::Meter m(settings());
  RegisterActivationObject energy_masks(m, RegisterActivationObject::Kind::kEnergy);
  RegisterActivationObject demand_masks(m, RegisterActivationObject::Kind::kDemand);
  EXPECT_EQ(energy_masks.logical_name(), Obis(0, 0, 14, 0, 0));
  EXPECT_EQ(demand_masks.logical_name(), Obis(0, 0, 14, 0, 1));
  // 240 registers (01 81 F0): 10 quantities x 4 elements x T1..T6, the first a Register (12 00 03)
  // 1.0.1.8.1.255 (+A total, T1).
  const Bytes assignment = get(energy_masks, 2);
  EXPECT_EQ(to_hex(std::span(assignment).first(16)), "01 81 F0 02 02 12 00 03 09 06 01 00 01 08 01 FF");
  // Six masks; "T1" (09 02 54 31) lists 40 registers (01 28): 1, 7, 13, ... (T1 of each quantity).
  const Bytes masks = get(energy_masks, 3);
  EXPECT_EQ(to_hex(std::span(masks).first(14)), "01 06 02 02 09 02 54 31 01 28 11 01 11 07");
  // Demand: 90 registers (01 5A): maximum and cumulative maximum demand of 6 quantities and the
  // excess-power count, duration and largest excess, T1..T6; the first is the maximum demand +P
  // T1 (an Extended register, 12 00 04).
  const Bytes demand = get(demand_masks, 2);
  EXPECT_EQ(to_hex(std::span(demand).first(14)), "01 5A 02 02 12 00 04 09 06 01 00 01 06 01");
  run(m, 0.0, kHour);  // 00:00-01:00 of a holiday: T4 (night)
  EXPECT_EQ(to_hex(get(energy_masks, 4)), "09 02 54 34");
  EXPECT_EQ(call(energy_masks, 1, "02 02 12 00 03 09 06 01 00 01 08 07 FF", 0.0), ActionResult::kReadWriteDenied);
  EXPECT_FALSE(energy_masks.writable(4));
}

TEST(SingleActionScheduleObject, TheBillingScheduleReadsAndWrites) {
  meter::Meter m(settings());
  SingleActionScheduleObject s(m);
  EXPECT_EQ(s.class_id(), 22);
  // executed_script {0.0.10.0.1.255, 1}; type 1; execution_time: every month (FFFF FF) on day 01,
  // any weekday, at 00:00:00.00.
  EXPECT_EQ(to_hex(get(s, 2)), "02 02 09 06 00 00 0A 00 01 FF 12 00 01");
  EXPECT_EQ(to_hex(get(s, 3)), "16 01");
  EXPECT_EQ(to_hex(get(s, 4)), "01 01 02 02 09 04 00 00 00 00 09 05 FF FF FF 01 FF");
  EXPECT_EQ(m.next_billing_utc_s(), static_cast<double>(kStart + 31 * 86400));  // 2026-02-01 00:00 local

  // Day 15 at 12:30 local: 2026-01-15T12:30+01:00.
  ASSERT_EQ(set(s, 4, "01 01 02 02 09 04 0C 1E 00 FF 09 05 FF FF FF 0F FF", 0.0), DataAccessResult::kSuccess);
  EXPECT_EQ(to_hex(get(s, 4)), "01 01 02 02 09 04 0C 1E 00 00 09 05 FF FF FF 0F FF");
  EXPECT_EQ(m.next_billing_utc_s(), static_cast<double>(kStart + 14 * 86400 + 12 * 3600 + 1800));
  EXPECT_TRUE(last_change_names(m, Obis(0, 0, 15, 0, 0)));
  run(m, 0.0, 15 * kDay);
  EXPECT_EQ(m.billing().counter(), 1u);
  EXPECT_EQ(m.billing().entry(0).trigger, meter::BillingTrigger::kSchedule);

  // Refused: day 29, a given month, 30 seconds, two entries, a date where the time belongs.
  const std::uint32_t logged = changes_logged(m);
  EXPECT_EQ(set(s, 4, "01 01 02 02 09 04 0C 1E 00 00 09 05 FF FF FF 1D FF", 0.0), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(s, 4, "01 01 02 02 09 04 0C 1E 00 00 09 05 FF FF 03 0F FF", 0.0), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(s, 4, "01 01 02 02 09 04 0C 1E 1E 00 09 05 FF FF FF 0F FF", 0.0), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(s, 4,
                "01 02 02 02 09 04 0C 1E 00 00 09 05 FF FF FF 0F FF 02 02 09 04 0C 1E 00 00 09 05 FF FF FF 0E FF", 0.0),
            DataAccessResult::kOtherReason);
  EXPECT_EQ(set(s, 4, "01 01 02 02 09 05 FF FF FF 0F FF 09 04 0C 1E 00 00", 0.0), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(s, 2, "02 02 09 06 00 00 0A 00 01 FF 12 00 01", 0.0), DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(changes_logged(m), logged);
  EXPECT_EQ(m.billing_settings().day_of_month, 15);

  // An empty array: no schedule.
  ASSERT_EQ(set(s, 4, "01 00", 15 * kDay), DataAccessResult::kSuccess);
  EXPECT_EQ(m.next_billing_utc_s(), 0.0);
  EXPECT_EQ(to_hex(get(s, 4)), "01 00");
}

TEST(TariffObjects, OnlyTheManagementClientChangesTheProgram) {
  meter::Meter m(settings());
  ActivityCalendarObject c(m);
  SpecialDaysObject s(m);
  ScriptTableObject scripts(m, ScriptTableObject::Kind::kTariffication);
  SingleActionScheduleObject schedule(m);
  RegisterActivationObject masks(m, RegisterActivationObject::Kind::kEnergy);
  EXPECT_EQ(attribute_access(ClientLevel::kPublic, c, 7), 0);
  EXPECT_EQ(attribute_access(ClientLevel::kReader, c, 7), 1);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, c, 7), 3);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, c, 3), 1);
  EXPECT_EQ(attribute_access(ClientLevel::kReader, schedule, 4), 1);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, schedule, 4), 3);
  for (CosemObject* o : std::initializer_list<CosemObject*>{&c, &s, &scripts}) {
    EXPECT_FALSE(method_access(ClientLevel::kReader, *o, 1));
    EXPECT_TRUE(method_access(ClientLevel::kManager, *o, 1));
  }
  EXPECT_TRUE(method_access(ClientLevel::kManager, s, 2));
  EXPECT_FALSE(method_access(ClientLevel::kManager, masks, 1));
  EXPECT_EQ(attribute_access(ClientLevel::kManager, masks, 4), 1);
}

TEST(TariffObjects, TheWrittenProgramSurvivesSaveAndLoad) {
  meter::Meter original(settings());
  ActivityCalendarObject c(original);
  SpecialDaysObject s(original);
  SingleActionScheduleObject schedule(original);
  run(original, 0.0, kHour);
  write_passive(c, kHour);
  ASSERT_EQ(set(c, 10, "09 0C 07 EA 01 02 05 0C 00 00 00 80 00 FF", kHour), DataAccessResult::kSuccess);
  ASSERT_EQ(call(s, 1, "02 03 12 01 F4 09 05 07 EA 01 05 01 11 03", kHour), ActionResult::kSuccess);
  ASSERT_EQ(set(schedule, 4, "01 01 02 02 09 04 0C 1E 00 00 09 05 FF FF FF 0F FF", kHour), DataAccessResult::kSuccess);
  meter::MeterStore saver(original);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(original, store).is_ok());

  meter::Meter restored(settings());
  meter::MeterStore loader(restored);
  bool found = false;
  ASSERT_TRUE(loader.load(restored, store, found).is_ok());
  ASSERT_TRUE(found);
  EXPECT_EQ(restored.calendar().passive(), original.calendar().passive());
  EXPECT_EQ(restored.calendar().active(), original.calendar().active());
  EXPECT_EQ(restored.calendar().activation_time(), original.calendar().activation_time());
  EXPECT_TRUE(restored.calendar().activation_pending());
  EXPECT_EQ(restored.special_days(), original.special_days());
  EXPECT_EQ(restored.billing_settings().day_of_month, 15);
  EXPECT_EQ(restored.next_billing_utc_s(), original.next_billing_utc_s());
  // And it goes on the same way: the armed activation happens at 12:00 on January 2nd.
  run(restored, kHour, kDay + 13 * kHour);
  EXPECT_DOUBLE_EQ(energy(restored, 5), 1000.0);
}

TEST(TariffObjects, AStoreOfAMeterNeverChangedOverDlmsKeepsTheConfiguredProgram) {
  meter::Meter original(settings());
  run(original, 0.0, kHour);
  meter::MeterStore saver(original);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(original, store).is_ok());
  meter::MeterSettings two_zone = settings();
  two_zone.program = clock::BuiltInProgram::kTwoZone;  // a new configuration with another program
  meter::Meter restored(two_zone);
  meter::MeterStore loader(restored);
  bool found = false;
  ASSERT_TRUE(loader.load(restored, store, found).is_ok());
  clock::TariffProgram expected;
  ASSERT_TRUE(clock::built_in_program(clock::BuiltInProgram::kTwoZone, 2026, 2041, &expected).is_ok());
  EXPECT_EQ(restored.calendar().active(), expected.calendar);
}

}  // namespace
}  // namespace quadra::cosem
