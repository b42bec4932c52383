// The register monitors' actions on the push script table (Blue Book 4.5.6, class 21
// actions: a script of a Script table, by its logical name and selector): the Meter's
// ScriptRunner for 0.0.10.0.108.255, where script N triggers push setup N (push_script_table.h).
// The alarm monitor 0.0.16.1.0.255 runs script 1 when the alarm register leaves 0, and so sends
// the alarm push; a threshold the management client writes on register monitor 0.0.16.0.0.255
// with such an action sends a push when the watched value crosses it.
//
// A push run by a monitor carries the alarm priority when it is the alarm push (0.0.25.9.0.255),
// and the method's otherwise. The alarm push of an alarm that passed the alarm filter was already
// triggered by the alarm trigger (alarm_trigger.h): the crossing that same first alarm causes is
// not pushed again. Actions on other script tables are the meter's own (billing, outputs) or
// not known: they do nothing here.
//
// Called from inside Meter::on_interval(): it only marks triggers (the engines build at poll()).
#pragma once

#include "core/meter/monitoring.h"
#include "core/push/alarm_trigger.h"
#include "core/push/push_script_table.h"

namespace quadra::push {

class MonitorActions final : public meter::ScriptRunner {
 public:
  // Both outlive this; `alarm` may be null (no alarm trigger on the meter).
  MonitorActions(PushScriptTable& scripts, AlarmTrigger* alarm) : scripts_(scripts), alarm_(alarm) {}
  void run_script(const meter::ActionItem& action, double now_s) override;
  // Pushes triggered by a monitor (not counting the crossings the alarm trigger had covered).
  std::uint32_t pushes_run() const { return pushes_run_; }

 private:
  PushScriptTable& scripts_;
  AlarmTrigger* alarm_;
  std::uint32_t pushes_run_ = 0;
};

}  // namespace quadra::push
