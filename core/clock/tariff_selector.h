// The tariff in force: the activity calendar's, unless a digital input overrides it.
//
// Tariff control by an input (a utility's ripple-control receiver or a contact of the customer's
// installation) is configured per meter and disabled by default:
//   kDisabled       the input is ignored; the calendar decides;
//   kForceWhenActive while the input is active, tariff `tariff_when_active`; otherwise the calendar;
//   kSelect         the input alone decides: active -> `tariff_when_active`, inactive ->
//                   `tariff_when_inactive` (the classic two-rate meter with an external switch).
// The decision says which source chose the tariff, for the display and the event log.
#pragma once

#include <cstdint>

#include "core/clock/activity_calendar.h"
#include "core/common/status.h"

namespace quadra::clock {

enum class TariffInputMode : std::uint8_t { kDisabled, kForceWhenActive, kSelect };

struct TariffInputConfig {
  TariffInputMode mode = TariffInputMode::kDisabled;
  std::uint8_t tariff_when_active = 2;    // 1..6
  std::uint8_t tariff_when_inactive = 1;  // 1..6, used by kSelect only
};

inline Status validate(const TariffInputConfig& c) {
  if (c.mode != TariffInputMode::kDisabled && c.mode != TariffInputMode::kForceWhenActive &&
      c.mode != TariffInputMode::kSelect)
    return Status::invalid("tariff.input.mode", "must be disabled, force_when_active or select");
  if (c.tariff_when_active < 1 || c.tariff_when_active > kTariffCount)
    return Status::invalid("tariff.input.tariff_when_active", "must be 1..6");
  if (c.tariff_when_inactive < 1 || c.tariff_when_inactive > kTariffCount)
    return Status::invalid("tariff.input.tariff_when_inactive", "must be 1..6");
  return Status::ok();
}

enum class TariffSource : std::uint8_t {
  kCalendar,  // the activity calendar's switch in force
  kFallback,  // the calendar is undefined here (no season started, no valid set): T1
  kInput,     // the tariff control input
};

struct TariffDecision {
  std::uint8_t tariff = kFallbackTariff;  // 1..6
  TariffSource source = TariffSource::kFallback;
  friend constexpr bool operator==(const TariffDecision&, const TariffDecision&) = default;
};

class TariffSelector {
 public:
  // Precondition: validate(config).is_ok().
  explicit TariffSelector(const TariffInputConfig& config = {}) : config_(config) {}

  const TariffInputConfig& config() const { return config_; }

  TariffDecision select(const CalendarState& calendar, bool input_active) const {
    switch (config_.mode) {
      case TariffInputMode::kSelect:
        return {input_active ? config_.tariff_when_active : config_.tariff_when_inactive, TariffSource::kInput};
      case TariffInputMode::kForceWhenActive:
        if (input_active) return {config_.tariff_when_active, TariffSource::kInput};
        break;
      case TariffInputMode::kDisabled:
        break;
    }
    return {calendar.tariff, calendar.defined ? TariffSource::kCalendar : TariffSource::kFallback};
  }

  TariffDecision select(const ActivityCalendar& calendar, const SpecialDaysTable& special_days,
                        const CivilDateTime& local, bool input_active) const {
    return select(calendar.evaluate(local, special_days), input_active);
  }

 private:
  TariffInputConfig config_;
};

}  // namespace quadra::clock
