// The RTC back-up battery: the cell that keeps the real-time clock (and the RAM the meter keeps
// across an outage) running while the meter is not powered.
//
// Model. A primary lithium thionyl chloride cell (Li-SOCl2, e.g. an ER14250 1/2 AA: nominal
// 3.6 V, 1200 mAh). It is drained only while the meter is unpowered, at a constant current (the
// RTC and the retained RAM, some microamperes):
//   used_mAh += drain_uA * 1e-3 * outage_s / 3600,   remaining = capacity - used (>= 0)
// Self-discharge (about 1 %/year at 20 °C) and temperature are not modelled. The open-circuit
// voltage follows the cell's flat discharge curve, as a function of the remaining charge
// fraction f = remaining / capacity:
//   f >= 0.1:  U = 3.6 V - 0.1 V * (1 - f) / 0.9     (plateau: 3.6 V full, 3.5 V at 10 %)
//   f <  0.1:  U = 2.0 V + 1.5 V * f / 0.1           (knee: down to the 2.0 V cut-off when empty)
// Served as 0.0.96.6.3.255 battery voltage (V), 0.0.96.6.0.255 battery use time counter (s on
// battery) and 0.0.96.6.6.255 estimated remaining use time (s on battery at the drain current).
// The used charge and time are state (kept in the snapshot); the cell's data are configuration.
#pragma once

#include <algorithm>

#include "core/common/status.h"

namespace quadra::meter {

struct BatterySettings {
  double capacity_mah = 1200.0;  // > 0
  double drain_ua = 10.0;        // >= 0, while unpowered
};

Status validate(const BatterySettings& s);

class BackupBattery {
 public:
  static constexpr double kNominalV = 3.6;
  static constexpr double kKneeFraction = 0.1;
  static constexpr double kKneeV = 3.5;
  static constexpr double kCutOffV = 2.0;

  explicit BackupBattery(const BatterySettings& s) : settings_(s) {}

  // The meter was unpowered for outage_s (>= 0) seconds.
  void on_outage(double outage_s) {
    if (!(outage_s > 0.0)) return;
    on_battery_s_ += outage_s;
    used_mah_ += settings_.drain_ua * 1e-3 * outage_s / 3600.0;
  }
  double used_mah() const { return used_mah_; }
  double remaining_mah() const { return std::max(0.0, settings_.capacity_mah - used_mah_); }
  double on_battery_s() const { return on_battery_s_; }
  double voltage_v() const {
    const double f = remaining_mah() / settings_.capacity_mah;
    if (f >= kKneeFraction) return kNominalV - (kNominalV - kKneeV) * (1.0 - f) / (1.0 - kKneeFraction);
    return kCutOffV + (kKneeV - kCutOffV) * f / kKneeFraction;
  }
  // Seconds on battery left at the drain current (0 with no drain: no estimate).
  double remaining_use_s() const {
    return settings_.drain_ua > 0.0 ? remaining_mah() / (settings_.drain_ua * 1e-3) * 3600.0 : 0.0;
  }

  template <class Archive>
  void persist(Archive& a) {
    a(used_mah_)(on_battery_s_);
    a.check(used_mah_ >= 0.0 && on_battery_s_ >= 0.0, "the battery's used charge or time is negative");
  }

 private:
  BatterySettings settings_;
  double used_mah_ = 0.0;
  double on_battery_s_ = 0.0;
};

}  // namespace quadra::meter
