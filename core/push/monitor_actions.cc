#include "core/push/monitor_actions.h"

#include "core/push/default_pushes.h"

namespace quadra::push {

void MonitorActions::run_script(const meter::ActionItem& action, double now_s) {
  (void)now_s;  // the engines stamp what they build at their next poll
  if (action.script != kPushScriptTableLn) return;
  const PushEngine* target = scripts_.push_of(action.selector);
  if (target == nullptr) return;  // no such script: nothing to run
  const bool alarm_push = target->logical_name() == kAlarmPushLn;
  if (alarm_push && alarm_ != nullptr && alarm_->take_first_alarm()) return;  // pushed already
  scripts_.execute(action.selector, alarm_push ? Trigger::kAlarm : Trigger::kMethod);
  ++pushes_run_;
}

}  // namespace quadra::push
