// The meter's two Push setups on the host (core/push/default_pushes.h): their engines, their COSEM
// objects in the DLMS server's directory, the alarm trigger on the Meter, and one PushClient per
// push that carries each due notification to its destination. poll() runs on the meter's loop at
// the meter time the loop has reached; it logs each delivery and each failed attempt.
#pragma once

#include <array>
#include <memory>

#include "core/push/alarm_trigger.h"
#include "core/push/push_engine.h"
#include "host/cli/dlms_service.h"
#include "host/config/meter_config.h"
#include "host/ports/push_client.h"

namespace quadra::host {

class PushService {
 public:
  // Adds 0.0.25.9.0.255 (alarm) and 0.0.25.9.1.255 (interval) to the service's directory and
  // becomes the meter's notifier, passing alarms on to `next` (the log). seed: the randomisation's.
  PushService(meter::Meter& meter, DlmsService& dlms, const MeterConfig::Push& config, std::uint32_t seed,
              recording::Notifier* next, const ports::PushClientOptions& client = ports::PushClientOptions{});
  void poll(double now_s);
  const push::PushEngine& alarm() const { return *engines_[0]; }
  const push::PushEngine& interval() const { return *engines_[1]; }

 private:
  std::array<std::unique_ptr<push::PushEngine>, 2> engines_;
  std::array<std::unique_ptr<ports::PushClient>, 2> clients_;
  std::unique_ptr<push::AlarmTrigger> trigger_;
};

}  // namespace quadra::host
