// The meter's writable parameters: the thresholds and limits a head end changes while the meter
// runs (the COSEM Register and Data objects the management client may SET). They start from
// MeterSettings, are checked value by value (the ranges of kParameters, then the power-quality
// monitor's rules between values: a sag level above the cut level, say), act from the next
// measurement on, count as a configuration change (event 47, 0.0.96.2.0/1), and persist in the
// snapshot (they are state, not configuration, once written).
//
// Units are the objects' units, primary values: volts phase to neutral, amperes, watts, seconds.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/obis.h"
#include "core/common/register_value.h"

namespace quadra::meter {

enum class Parameter : std::uint8_t {
  kSagThreshold,      // 1.0.12.31.0.255  dip start level, V
  kSwellThreshold,    // 1.0.12.35.0.255  swell start level, V
  kCutThreshold,      // 1.0.12.39.0.255  missing voltage (and interruption) level, V
  kSagTime,           // 1.0.12.43.0.255  minimum duration of a dip, s
  kSwellTime,         // 1.0.12.44.0.255  minimum duration of a swell, s
  kCutTime,           // 1.0.12.45.0.255  minimum duration of a missing voltage, s
  kOverCurrent,       // 1.0.11.35.0.255  Imax per phase, A (0: no check)
  kOverCurrentTime,   // 1.0.11.44.0.255  minimum duration of an over-current, s
  kLongPowerFailure,  // 0.0.96.7.20.255  an outage at least this long is a long one, s
  kContractedPower,   // 1.0.1.46.0.255   contracted power of every tariff, W (0: no excess counting)
  kClockShiftLimit,   // 1.0.0.9.11.255   largest clock shift_time accepted, s
  kAlarmFilter,       // 0.0.97.98.10.255 the alarm bits that are notified (class 1)
  // 1.0.1.35.E.255, E = 0..6: the contracted power of tariff E alone (over-limit threshold of
  // the excess-power registers 1.0.1.36..38.E), W.
  kOverLimitThreshold,
};
inline constexpr std::size_t kParameterCount = 13;

struct ParameterInfo {
  Parameter id;
  Obis obis;  // for kOverLimitThreshold, E = 0 (the others follow by E)
  Unit unit;
  double min, max;  // inclusive
  const char* name;  // for messages: the configuration field it overrides
};

inline constexpr std::array<ParameterInfo, kParameterCount> kParameters{{
    {Parameter::kSagThreshold, {1, 0, 12, 31, 0}, Unit::kV, 1.0, 1.0e6, "quality.dip_threshold"},
    {Parameter::kSwellThreshold, {1, 0, 12, 35, 0}, Unit::kV, 1.0, 1.0e6, "quality.swell_threshold"},
    {Parameter::kCutThreshold, {1, 0, 12, 39, 0}, Unit::kV, 0.01, 1.0e6, "quality.interruption_threshold"},
    {Parameter::kSagTime, {1, 0, 12, 43, 0}, Unit::kSecond, 0.0, 86400.0, "quality.dip_min_duration_s"},
    {Parameter::kSwellTime, {1, 0, 12, 44, 0}, Unit::kSecond, 0.0, 86400.0, "quality.swell_min_duration_s"},
    {Parameter::kCutTime, {1, 0, 12, 45, 0}, Unit::kSecond, 0.0, 86400.0, "quality.interruption_min_duration_s"},
    {Parameter::kOverCurrent, {1, 0, 11, 35, 0}, Unit::kA, 0.0, 1.0e6, "quality.imax_a"},
    {Parameter::kOverCurrentTime, {1, 0, 11, 44, 0}, Unit::kSecond, 0.0, 86400.0, "quality.imax_min_duration_s"},
    {Parameter::kLongPowerFailure, {0, 0, 96, 7, 20}, Unit::kSecond, 1.0, 86400.0, "quality.long_outage_s"},
    {Parameter::kContractedPower, {1, 0, 1, 46, 0}, Unit::kW, 0.0, 1.0e9, "demand.contracted_power_w"},
    {Parameter::kClockShiftLimit, {1, 0, 0, 9, 11}, Unit::kSecond, 1.0, 900.0, "clock.shift_limit_s"},
    {Parameter::kAlarmFilter, {0, 0, 97, 98, 10}, Unit::kCount, 0.0, 4294967295.0, "events.alarm_filter"},
    {Parameter::kOverLimitThreshold, {1, 0, 1, 35, 0}, Unit::kW, 0.0, 1.0e9, "demand.contracted_power_w"},
}};

// The parameter `obis` names, or null; *slot is the tariff 0..6 of kOverLimitThreshold, else 0.
constexpr const ParameterInfo* find_parameter(const Obis& obis, std::size_t* slot) {
  *slot = 0;
  for (const ParameterInfo& p : kParameters) {
    if (p.id == Parameter::kOverLimitThreshold) {
      if (obis.a() == 1 && obis.b() == 0 && obis.c() == 1 && obis.d() == 35 && obis.e() <= 6 && obis.f() == 255) {
        *slot = obis.e();
        return &p;
      }
    } else if (p.obis == obis) {
      return &p;
    }
  }
  return nullptr;
}

// The values in force (what the objects read). Index by Parameter; kOverLimitThreshold's
// values are in contracted_w (slot 0..6), its entry of `values` is unused.
struct MeterParameters {
  std::array<double, kParameterCount> values{};
  std::array<double, 7> contracted_w{};
  double value(Parameter p) const { return values[static_cast<std::size_t>(p)]; }
  double& value(Parameter p) { return values[static_cast<std::size_t>(p)]; }

  template <class Archive>
  void persist(Archive& a) {
    a(values)(contracted_w);
  }
};

}  // namespace quadra::meter
