#include "core/clock/default_calendars.h"

#include <gtest/gtest.h>

#include <array>

#include "core/clock/tariff_schedule.h"
#include "core/clock/time_zone.h"

namespace quadra::clock {
namespace {

using Minutes = std::array<long, kTariffCount + 1>;  // [1..6] minutes per tariff

UtcSeconds utc_of(int y, int mo, int d, int h, int mi = 0, int s = 0) { return seconds_from_civil({y, mo, d, h, mi, s}); }

ActivityCalendar active(const CalendarSet& set) {
  ActivityCalendar c;
  EXPECT_TRUE(c.set_active(set).is_ok());
  return c;
}

SpecialDaysTable holidays_2024_to_2039() {
  SpecialDaysTable t;
  EXPECT_TRUE(add_polish_public_holidays(2024, 2039, kFreeDay, &t).is_ok());
  return t;
}

// Every local minute of 2025, 00:00 on January 1st to 23:59 on December 31st.
Minutes count_local_minutes(const ActivityCalendar& calendar, const SpecialDaysTable& holidays) {
  Minutes m{};
  const std::int64_t first = seconds_from_civil({2025, 1, 1, 0, 0, 0});
  const std::int64_t end = seconds_from_civil({2026, 1, 1, 0, 0, 0});
  for (std::int64_t t = first; t < end; t += 60) ++m[calendar.tariff_at(civil_from_seconds(t), holidays)];
  return m;
}

// Every UTC minute of the same local year, through the CET/CEST changes.
Minutes count_utc_minutes(const ActivityCalendar& calendar, const SpecialDaysTable& holidays) {
  const TimeZone pl = central_european_time();
  Minutes m{};
  for (UtcSeconds t = utc_of(2024, 12, 31, 23); t < utc_of(2025, 12, 31, 23); t += 60)
    ++m[evaluate_at_utc(calendar, holidays, pl, t).tariff];
  return m;
}

// The same year by jumping from boundary to boundary (what a fast simulation does), in minutes.
Minutes count_by_boundaries(const ActivityCalendar& calendar, const SpecialDaysTable& holidays) {
  const TimeZone pl = central_european_time();
  Minutes m{};
  const UtcSeconds end = utc_of(2025, 12, 31, 23);
  for (UtcSeconds t = utc_of(2024, 12, 31, 23); t < end;) {
    UtcSeconds next = next_boundary_utc(calendar, holidays, pl, t);
    if (next > end) next = end;
    m[evaluate_at_utc(calendar, holidays, pl, t).tariff] += (next - t) / 60;
    t = next;
  }
  return m;
}

// Working days of 2025 (Monday..Friday that are not public holidays). A month has 20 weekdays
// in its first 28 days, plus those of its days 29..31 that fall on Monday..Friday:
//   month  1st   days  weekdays  holidays on weekdays                 working days
//   Jan    Wed   31    20+3=23   1st Wed, 6th Mon (Epiphany)          21
//   Feb    Sat   28    20        -                                    20
//   Mar    Sat   31    20+1=21   -  (29 Sat, 30 Sun, 31 Mon)          21
//   Apr    Tue   30    20+2=22   21st Easter Monday (Easter 04-20)    21
//   May    Thu   31    20+2=22   1st Thu (3rd is a Saturday)          21
//   Jun    Sun   30    20+1=21   19th Corpus Christi (04-20 + 60)     20
//   Jul    Tue   31    20+3=23   -                                    23
//   Aug    Fri   31    20+1=21   15th Fri                             20
//   Sep    Mon   30    20+2=22   -                                    22
//   Oct    Wed   31    20+3=23   -                                    23
//   Nov    Sat   30    20        11th Tue (1st is a Saturday)         19
//   Dec    Mon   31    20+3=23   24th Wed, 25th Thu, 26th Fri         20
// Summer (April..September): 21+21+20+23+20+22 = 127 working days.
// Winter (January..March, October..December): 21+20+21+23+19+20 = 124 working days.
// Year: 251 working days, 365 - 251 = 114 free days.
constexpr long kSummerWorkingDays = 127;
constexpr long kWinterWorkingDays = 124;
constexpr long kFreeDays = 114;
static_assert(kSummerWorkingDays + kWinterWorkingDays + kFreeDays == 365);

TEST(DefaultCalendars, AreValidAndHolidaysFit) {
  EXPECT_TRUE(validate(two_zone_calendar()).is_ok());
  EXPECT_TRUE(validate(four_zone_calendar()).is_ok());
  const SpecialDaysTable h = holidays_2024_to_2039();
  // 9 fixed + 16 Easter Mondays + 16 Corpus Christi + 15 Christmas Eves (2025..2039).
  EXPECT_EQ(h.size(), 9u + 16u + 16u + 15u);
  EXPECT_TRUE(check_special_days(h, two_zone_calendar()).is_ok());
  TariffProgram p;
  ASSERT_TRUE(built_in_program(BuiltInProgram::kFourZoneIndustrial, 2025, 2040, &p).is_ok());
  EXPECT_EQ(p.calendar, four_zone_calendar());
  EXPECT_EQ(built_in_program(BuiltInProgram::kTwoZone, 2025, 2041, &p).code(), StatusCode::kCapacity);
}

TEST(DefaultCalendars, EasterSunday) {
  EXPECT_EQ(easter_sunday(2000), (CivilDate{2000, 4, 23}));
  EXPECT_EQ(easter_sunday(2008), (CivilDate{2008, 3, 23}));
  EXPECT_EQ(easter_sunday(2011), (CivilDate{2011, 4, 24}));
  EXPECT_EQ(easter_sunday(2019), (CivilDate{2019, 4, 21}));
  EXPECT_EQ(easter_sunday(2024), (CivilDate{2024, 3, 31}));
  EXPECT_EQ(easter_sunday(2025), (CivilDate{2025, 4, 20}));
  EXPECT_EQ(easter_sunday(2026), (CivilDate{2026, 4, 5}));
  EXPECT_EQ(easter_sunday(2038), (CivilDate{2038, 4, 25}));
  for (int y = 2000; y < 2200; ++y) EXPECT_EQ(weekday(easter_sunday(y)), 7) << y;
}

TEST(DefaultCalendars, HolidaysOf2025) {
  const SpecialDaysTable h = holidays_2024_to_2039();
  for (const CivilDate d : {CivilDate{2025, 1, 1}, CivilDate{2025, 1, 6}, CivilDate{2025, 4, 21}, CivilDate{2025, 5, 1},
                            CivilDate{2025, 5, 3}, CivilDate{2025, 6, 19}, CivilDate{2025, 8, 15}, CivilDate{2025, 11, 1},
                            CivilDate{2025, 11, 11}, CivilDate{2025, 12, 24}, CivilDate{2025, 12, 25},
                            CivilDate{2025, 12, 26}})
    EXPECT_NE(h.find(d), nullptr) << d.month << "-" << d.day;
  EXPECT_EQ(h.find(CivilDate{2024, 12, 24}), nullptr);  // not yet a holiday in 2024
  EXPECT_EQ(h.find(CivilDate{2025, 4, 22}), nullptr);
}

TEST(DefaultCalendars, TwoZoneYear2025) {
  // Working day: T1 06-13 + 15-22 = 7 + 7 = 14 h (winter), 06-15 + 17-22 = 9 + 5 = 14 h (summer);
  // T2 the other 10 h. Free day: T2 24 h.
  //   T1 = 251 * 14           = 3514 h
  //   T2 = 251 * 10 + 114 * 24 = 2510 + 2736 = 5246 h;   3514 + 5246 = 8760 h = 365 * 24.
  const ActivityCalendar calendar = active(two_zone_calendar());
  const SpecialDaysTable h = holidays_2024_to_2039();
  const Minutes expected = {0, 3514 * 60, 5246 * 60, 0, 0, 0, 0};
  static_assert((kSummerWorkingDays + kWinterWorkingDays) * 14 == 3514);
  static_assert((kSummerWorkingDays + kWinterWorkingDays) * 10 + kFreeDays * 24 == 5246);
  EXPECT_EQ(count_local_minutes(calendar, h), expected);
  // Stepping UTC through the DST changes gives the same: the hour lost on 03-30 (02:00-03:00,
  // a Sunday, T2) is given back on 10-26 (02:00-03:00 again, a Sunday, T2).
  EXPECT_EQ(count_utc_minutes(calendar, h), expected);
  EXPECT_EQ(count_by_boundaries(calendar, h), expected);
}

TEST(DefaultCalendars, FourZoneYear2025) {
  // Per working day, winter / summer:   T1 6 / 6 h   T2 5 / 3 h   T3 5 / 7 h   T4 8 / 8 h.
  // Per free day:                        T3 16 h (06-22), T4 8 h.
  //   T1 = 6 * 251                         = 1506 h
  //   T2 = 5 * 124 + 3 * 127 = 620 + 381   = 1001 h
  //   T3 = 5 * 124 + 7 * 127 + 16 * 114 = 620 + 889 + 1824 = 3333 h
  //   T4 = 8 * 365                         = 2920 h
  //   1506 + 1001 + 3333 + 2920 = 8760 h.
  static_assert(5 * kWinterWorkingDays + 3 * kSummerWorkingDays == 1001);
  static_assert(5 * kWinterWorkingDays + 7 * kSummerWorkingDays + 16 * kFreeDays == 3333);
  const ActivityCalendar calendar = active(four_zone_calendar());
  const SpecialDaysTable h = holidays_2024_to_2039();
  const Minutes expected = {0, 1506 * 60, 1001 * 60, 3333 * 60, 2920 * 60, 0, 0};
  EXPECT_EQ(count_local_minutes(calendar, h), expected);
  // Through DST: the lost and the repeated hour are both night (T4) on a Sunday.
  EXPECT_EQ(count_utc_minutes(calendar, h), expected);
  EXPECT_EQ(count_by_boundaries(calendar, h), expected);
}

TEST(DefaultCalendars, ZoneHoursOnSampleDays) {
  const ActivityCalendar four = active(four_zone_calendar());
  const SpecialDaysTable h = holidays_2024_to_2039();
  // 2025-01-07, a Tuesday in winter.
  EXPECT_EQ(four.tariff_at({2025, 1, 7, 6, 59, 59}, h), 3);
  EXPECT_EQ(four.tariff_at({2025, 1, 7, 7, 0, 0}, h), 1);
  EXPECT_EQ(four.tariff_at({2025, 1, 7, 16, 0, 0}, h), 2);
  EXPECT_EQ(four.tariff_at({2025, 1, 7, 21, 0, 0}, h), 3);
  EXPECT_EQ(four.tariff_at({2025, 1, 7, 22, 0, 0}, h), 4);
  // 2025-07-08, a Tuesday in summer.
  EXPECT_EQ(four.tariff_at({2025, 7, 8, 16, 0, 0}, h), 3);
  EXPECT_EQ(four.tariff_at({2025, 7, 8, 19, 0, 0}, h), 2);
  // 2025-01-06, Epiphany (a Monday): a free day.
  EXPECT_EQ(four.tariff_at({2025, 1, 6, 10, 0, 0}, h), 3);
  EXPECT_EQ(four.tariff_at({2025, 1, 6, 23, 0, 0}, h), 4);
}

}  // namespace
}  // namespace quadra::clock
