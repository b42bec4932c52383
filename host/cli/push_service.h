// The meter's two Push setups on the host (core/push/default_pushes.h): their engines, their COSEM
// objects in the DLMS server's directory, the alarm trigger on the Meter, and one PushClient per
// push that carries each due notification to its destination. poll() runs on the meter's loop at
// the meter time the loop has reached; it logs each delivery and each failed attempt.
//
// With a store (attach_store), what a run leaves carries over to the next, in the store's meta:
//   "push_setup <LN>"  attributes 2..7 as the management client last wrote them, each in its
//                      A-XDR encoding in hex ("2=0103...;3=...;...;7=..."), written after each
//                      accepted SET; restored over the configuration's values
//   "push_schedule"    attributes 2 and 4 of the push schedule 0.0.15.0.4.255 as written, the same
//                      way ("2=...;4=...")
//   "push_queue <LN>"  the notifications kept (not yet delivered), oldest first, as sent
//                      ("INVOKE_ID:HEX;..."), at most the queue's capacity; written whenever the
//                      queue changes; restored due at once, so a head end that comes back after
//                      a restart gets them (one under way at the stop may arrive twice).
#pragma once

#include <array>
#include <memory>

#include "core/push/alarm_trigger.h"
#include "core/push/monitor_actions.h"
#include "core/push/push_engine.h"
#include "core/push/push_schedule.h"
#include "core/push/push_script_table.h"
#include "host/cli/dlms_service.h"
#include "host/cli/meta_store.h"
#include "host/config/meter_config.h"
#include "host/ports/push_client.h"

namespace quadra::host {

class PushService {
 public:
  // Adds 0.0.25.9.0.255 (alarm) and 0.0.25.9.1.255 (interval), the push script table
  // 0.0.10.0.108.255 (script 1: alarm push, 2: interval push) and the push schedule
  // 0.0.15.0.4.255 (script 2 every config.interval_s) to the service's directory and
  // becomes the meter's notifier, passing alarms on to `next` (the log), and its script runner:
  // a register monitor's action on the push script table (the alarm monitor 0.0.16.1.0.255's
  // script 1) triggers that push (core/push/monitor_actions.h). seed: the randomisation's.
  PushService(meter::Meter& meter, DlmsService& dlms, const MeterConfig::Push& config, std::uint32_t seed,
              recording::Notifier* next, const ports::PushClientOptions& client = ports::PushClientOptions{});
  // Restores the push setups' settings and queues from `store` (at meter time now_s) and keeps
  // them there from now on. Throws std::runtime_error for a stored value that does not read or
  // that the push setup refuses (naming its key).
  void attach_store(MetaStore store, double now_s);
  // Leaves the meter without notifier and script runner.
  ~PushService();
  PushService(const PushService&) = delete;
  PushService& operator=(const PushService&) = delete;
  void poll(double now_s);
  const push::PushEngine& alarm() const { return *engines_[0]; }
  const push::PushEngine& interval() const { return *engines_[1]; }
  const push::PushScheduleObject& schedule() const { return *schedule_; }

 private:
  std::array<std::unique_ptr<push::PushEngine>, 2> engines_;
  std::array<std::unique_ptr<ports::PushClient>, 2> clients_;
  void persist();
  meter::Meter& meter_;
  std::unique_ptr<push::AlarmTrigger> trigger_;
  std::unique_ptr<push::MonitorActions> monitor_actions_;
  push::PushScriptTable* scripts_ = nullptr;      // owned by the directory
  push::PushScheduleObject* schedule_ = nullptr;  // owned by the directory
  std::uint32_t stored_schedule_ = 0;
  DlmsService& dlms_;
  MetaStore store_;
  // What the store holds: the settings generation and queue changes last written, per push.
  std::array<std::uint32_t, 2> stored_settings_{};
  std::array<std::uint32_t, 2> stored_queue_{};
};

}  // namespace quadra::host
