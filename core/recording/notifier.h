// What the EventRecorder tells the outside when an alarm passes the alarm filter. The DLMS push
// (0.0.25.9.0.255) will implement Notifier; tests implement it to watch. The call happens inside
// EventRecorder::record(): an implementation must not call back into the recorder, and should only
// queue the notification (no I/O in core).
#pragma once

#include <cstdint>

#include "core/clock/civil_time.h"
#include "core/recording/log_group.h"

namespace quadra::recording {

struct AlarmNotification {
  clock::UtcSeconds utc_s = 0;        // time stamp of the event that raised the alarm
  LogGroup group = LogGroup::kStandard;
  std::uint16_t code = 0;             // the event code
  std::uint8_t bit = 0;               // the alarm bit it set, 0..31
  std::uint32_t alarm_register = 0;   // 0.0.97.98.0.255 after the event
  std::uint32_t reported = 0;         // alarm_register & alarm filter: the bits a push carries
};

class Notifier {
 public:
  virtual void on_notification(const AlarmNotification& n) = 0;

 protected:
  ~Notifier() = default;  // not owned through this interface
};

}  // namespace quadra::recording
