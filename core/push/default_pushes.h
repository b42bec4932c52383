// The meter's two Push setups and what they carry by default (published in the README):
//   0.0.25.9.0.255 alarm push, triggered by every alarm that passes the alarm filter
//     {push setup LN, serial number 0.0.96.1.0.255, alarm register 0.0.97.98.0.255}
//   0.0.25.9.1.255 interval push, triggered by the push schedule 0.0.15.0.4.255 through script 2
//     of the push script table 0.0.10.0.108.255 (every 15 min of local time unless configured)
//     {push setup LN, serial number, clock, +A total 1.0.1.8.0.255, -A total 1.0.2.8.0.255}
// Both also push on method 1. The destination, window, randomisation and retries come from the
// configuration ([push]).
#pragma once

#include "core/common/obis.h"
#include "core/push/push_settings.h"

namespace quadra::push {

inline constexpr meter::Obis kAlarmPushLn{0, 0, 25, 9, 0};
inline constexpr meter::Obis kIntervalPushLn{0, 0, 25, 9, 1};

inline PushSettings default_alarm_push_objects() {
  PushSettings s;
  s.add_object({40, kAlarmPushLn, 1, 0});
  s.add_object({1, meter::Obis(0, 0, 96, 1, 0), 2, 0});
  s.add_object({1, meter::Obis(0, 0, 97, 98, 0), 2, 0});
  return s;
}

inline PushSettings default_interval_push_objects() {
  PushSettings s;
  s.add_object({40, kIntervalPushLn, 1, 0});
  s.add_object({1, meter::Obis(0, 0, 96, 1, 0), 2, 0});
  s.add_object({8, meter::Obis(0, 0, 1, 0, 0), 2, 0});
  s.add_object({3, meter::Obis(1, 0, 1, 8, 0), 2, 0});
  s.add_object({3, meter::Obis(1, 0, 2, 8, 0), 2, 0});
  return s;
}

}  // namespace quadra::push
