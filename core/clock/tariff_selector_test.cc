#include "core/clock/tariff_selector.h"

#include <gtest/gtest.h>

#include <string>

#include "core/clock/default_calendars.h"

namespace quadra::clock {
namespace {

CalendarState calendar_says(std::uint8_t tariff) {
  CalendarState s;
  s.tariff = tariff;
  s.defined = true;
  return s;
}

TEST(TariffSelector, DisabledByDefaultTheCalendarDecides) {
  const TariffSelector selector;
  EXPECT_EQ(selector.config().mode, TariffInputMode::kDisabled);
  EXPECT_EQ(selector.select(calendar_says(4), true), (TariffDecision{4, TariffSource::kCalendar}));
  EXPECT_EQ(selector.select(CalendarState{}, false), (TariffDecision{kFallbackTariff, TariffSource::kFallback}));
}

TEST(TariffSelector, ForceWhenActiveOverridesTheCalendar) {
  TariffInputConfig config;
  config.mode = TariffInputMode::kForceWhenActive;
  config.tariff_when_active = 5;
  ASSERT_TRUE(validate(config).is_ok());
  const TariffSelector selector(config);
  EXPECT_EQ(selector.select(calendar_says(1), true), (TariffDecision{5, TariffSource::kInput}));
  EXPECT_EQ(selector.select(calendar_says(1), false), (TariffDecision{1, TariffSource::kCalendar}));
}

TEST(TariffSelector, SelectBetweenTwoTariffsIgnoresTheCalendar) {
  TariffInputConfig config;
  config.mode = TariffInputMode::kSelect;
  config.tariff_when_active = 2;
  config.tariff_when_inactive = 1;
  const TariffSelector selector(config);
  EXPECT_EQ(selector.select(calendar_says(4), true), (TariffDecision{2, TariffSource::kInput}));
  EXPECT_EQ(selector.select(calendar_says(4), false), (TariffDecision{1, TariffSource::kInput}));
}

TEST(TariffSelector, WithTheBuiltInCalendar) {
  ActivityCalendar calendar;
  ASSERT_TRUE(calendar.set_active(two_zone_calendar()).is_ok());
  SpecialDaysTable holidays;
  ASSERT_TRUE(add_polish_public_holidays(2025, 2025, kFreeDay, &holidays).is_ok());
  TariffInputConfig config;
  config.mode = TariffInputMode::kForceWhenActive;
  config.tariff_when_active = 2;
  const TariffSelector selector(config);
  // 2025-02-04, a Tuesday, 10:00: day tariff T1 unless the input forces T2.
  EXPECT_EQ(selector.select(calendar, holidays, {2025, 2, 4, 10, 0, 0}, false), (TariffDecision{1, TariffSource::kCalendar}));
  EXPECT_EQ(selector.select(calendar, holidays, {2025, 2, 4, 10, 0, 0}, true), (TariffDecision{2, TariffSource::kInput}));
}

TEST(TariffSelector, ConfigValidation) {
  TariffInputConfig c;
  EXPECT_TRUE(validate(c).is_ok());
  c.tariff_when_active = 7;
  EXPECT_EQ(std::string(validate(c).field()), "tariff.input.tariff_when_active");
  c = TariffInputConfig{};
  c.tariff_when_inactive = 0;
  EXPECT_EQ(std::string(validate(c).field()), "tariff.input.tariff_when_inactive");
  c = TariffInputConfig{};
  c.mode = static_cast<TariffInputMode>(9);
  EXPECT_EQ(std::string(validate(c).field()), "tariff.input.mode");
}

}  // namespace
}  // namespace quadra::clock
