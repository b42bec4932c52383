// The alarm trigger of a Push setup: the Meter's notifier (Meter::set_notifier) that triggers the
// alarm push for every alarm passing the alarm filter 0.0.97.98.10.255, then passes the alarm on
// to another notifier (the host's log), if any. It only marks the trigger: the engine builds the
// notification at its next poll(), outside the event recorder.
//
// The alarm monitor 0.0.16.1.0.255 (core/meter/monitoring.h) watches the alarm register with the
// threshold 0 and runs the alarm push too when it crosses (monitor_actions.h). So that the first
// alarm after the register was clear is not pushed twice, the trigger notes it: an alarm whose
// raise made the register leave 0 (its bit is the only one set) will also be seen as that
// crossing, and take_first_alarm() tells the crossing it has been pushed already.
#pragma once

#include "core/push/push_engine.h"
#include "core/recording/notifier.h"

namespace quadra::push {

class AlarmTrigger final : public recording::Notifier {
 public:
  explicit AlarmTrigger(PushEngine& engine, recording::Notifier* next = nullptr) : engine_(engine), next_(next) {}
  void on_notification(const recording::AlarmNotification& n) override {
    engine_.trigger(Trigger::kAlarm);
    if (n.alarm_register == (1u << n.bit)) first_alarm_ = true;
    if (next_ != nullptr) next_->on_notification(n);
  }
  // True (once) when the alarm push was triggered for an alarm that made the register leave 0.
  bool take_first_alarm() {
    const bool was = first_alarm_;
    first_alarm_ = false;
    return was;
  }

 private:
  PushEngine& engine_;
  recording::Notifier* next_;
  bool first_alarm_ = false;
};

}  // namespace quadra::push
