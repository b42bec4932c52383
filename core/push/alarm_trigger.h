// The alarm trigger of a Push setup: the Meter's notifier (Meter::set_notifier) that triggers the
// alarm push for every alarm passing the alarm filter 0.0.97.98.10.255, then passes the alarm on
// to another notifier (the host's log), if any. It only marks the trigger: the engine builds the
// notification at its next poll(), outside the event recorder.
#pragma once

#include "core/push/push_engine.h"
#include "core/recording/notifier.h"

namespace quadra::push {

class AlarmTrigger final : public recording::Notifier {
 public:
  explicit AlarmTrigger(PushEngine& engine, recording::Notifier* next = nullptr) : engine_(engine), next_(next) {}
  void on_notification(const recording::AlarmNotification& n) override {
    engine_.trigger(Trigger::kAlarm);
    if (next_ != nullptr) next_->on_notification(n);
  }

 private:
  PushEngine& engine_;
  recording::Notifier* next_;
};

}  // namespace quadra::push
