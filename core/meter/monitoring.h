// The meter's monitoring objects and how they start:
//   register monitor 1  0.0.16.0.0.255  watches the total active import power 1.0.1.7.0.255;
//                                       no thresholds until the head end writes some;
//   alarm monitor 1     0.0.16.1.0.255  watches the alarm register 0.0.97.98.0.255 with the
//                                       threshold 0: any alarm raised runs the push script
//                                       0.0.10.0.108.255 selector 1 (IDIS), cleared ones nothing;
//   limiter             0.0.17.0.0.255  watches the last average demand of +P (1.0.1.4.0.255
//                                       attribute 3), i.e. the demand of every closed period.
// Every crossing is an event in the limits log (0.0.99.98.2.255): register monitor 1 240 up /
// 241 down, alarm monitor 1 242 / 243, each with the watched value as context 0; the limiter 149
// over / 150 under (the demand limit events) with context 0 the duration (Limiter::episode_s) and
// context 1 the value, as the power-quality monitor's limit events. Register monitor 1's up crossing also maps to an alarm
// bit by the default alarm map (default_alarms.h).
#pragma once

#include <array>
#include <cstddef>

#include "core/meter/limiter.h"
#include "core/meter/meter_parameters.h"
#include "core/meter/monitored_value.h"
#include "core/meter/register_monitor.h"

namespace quadra::meter {

inline constexpr std::size_t kRegisterMonitorCount = 2;  // [0] register monitor 1, [1] alarm monitor 1
inline constexpr std::array<Obis, kRegisterMonitorCount> kRegisterMonitorObis{Obis(0, 0, 16, 0, 0), Obis(0, 0, 16, 1, 0)};
inline constexpr Obis kLimiterObis(0, 0, 17, 0, 0);
// Scripts the meter runs itself: the end of billing period (MDI reset) script, selector 1.
inline constexpr Obis kBillingScript(0, 0, 10, 0, 1);
// ... and the set output signals script table (relays; Meter::run_output_script), selectors 1..4.
inline constexpr Obis kOutputScript(0, 0, 10, 0, 103);

// Runs the scripts of script tables the meter does not run itself (push, output control): the
// DLMS layer implements it. Called from inside Meter::on_interval(): queue, do no I/O, and do not
// call back into the meter.
class ScriptRunner {
 public:
  virtual void run_script(const ActionItem& action, double now_s) = 0;

 protected:
  ~ScriptRunner() = default;
};

constexpr RegisterMonitor::Config default_register_monitor() {
  RegisterMonitor::Config c;
  c.monitored = ValueDefinition{3, Obis(1, 0, 1, 7, 0), 2};
  return c;
}

constexpr RegisterMonitor::Config default_alarm_monitor() {
  RegisterMonitor::Config c;
  c.monitored = ValueDefinition{1, Obis(0, 0, 97, 98, 0), 2};
  c.thresholds[0] = 0.0;
  c.actions[0].up = ActionItem{Obis(0, 0, 10, 0, 108), 1};
  c.count = 1;
  return c;
}

constexpr Limiter::Config default_limiter() {
  Limiter::Config c;
  c.monitored = ValueDefinition{5, Obis(1, 0, 1, 4, 0), 3};
  return c;
}

struct MonitoringSettings {
  std::array<RegisterMonitor::Config, kRegisterMonitorCount> monitors{default_register_monitor(), default_alarm_monitor()};
  Limiter::Config limiter = default_limiter();
};

}  // namespace quadra::meter
