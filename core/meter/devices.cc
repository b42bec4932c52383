#include <cmath>

#include "core/meter/backup_battery.h"
#include "core/meter/pulse_input.h"

namespace quadra::meter {

Status validate(const PulseInputSettings& s) {
  if (!std::isfinite(s.constant) || s.constant < 1.0 || s.constant > 1e6 || std::floor(s.constant) != s.constant)
    return Status::invalid("pulse_input.constant", "must be a whole number of pulses per unit, 1..1000000");
  return Status::ok();
}

Status validate(const BatterySettings& s) {
  if (!std::isfinite(s.capacity_mah) || s.capacity_mah <= 0.0 || s.capacity_mah > 1e6)
    return Status::invalid("battery.capacity_mah", "must be positive (up to 1000000 mAh)");
  if (!std::isfinite(s.drain_ua) || s.drain_ua < 0.0 || s.drain_ua > 1e6)
    return Status::invalid("battery.drain_ua", "must be 0..1000000 uA");
  return Status::ok();
}

}  // namespace quadra::meter
