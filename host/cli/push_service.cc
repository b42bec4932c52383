#include "host/cli/push_service.h"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <string>

#include "core/push/default_pushes.h"
#include "core/push/push_setup_object.h"

namespace quadra::host {

PushService::PushService(meter::Meter& meter, DlmsService& dlms, const MeterConfig::Push& config, std::uint32_t seed,
                         recording::Notifier* next, const ports::PushClientOptions& client) {
  association::SecurityMaterial& sec = dlms.security();
  for (std::size_t k = 0; k < engines_.size(); ++k) {
    push::PushSettings s = k == 0 ? push::default_alarm_push_objects() : push::default_interval_push_objects();
    const push::PushSettings& d = config.delivery;
    s.destination = d.destination;
    s.destination_size = d.destination_size;
    s.windows = d.windows;
    s.window_count = d.window_count;
    s.randomisation_start_interval_s = d.randomisation_start_interval_s;
    s.number_of_retries = d.number_of_retries;
    s.repetition_delay_s = d.repetition_delay_s;
    push::PushEngineConfig c;
    c.queue_capacity = config.queue;
    c.seed = seed + static_cast<std::uint32_t>(k);
    c.schedule_period_s = k == 0 ? 0.0 : config.interval_s;
    c.security = {config.protection, &sec.server_title, &sec.encryption_key, &sec.authentication_key,
                  &sec.next_invocation_counter};
    if (Status st = push::validate(s); !st) throw std::invalid_argument(std::string(st.field()) + ": " + st.reason());
    if (Status st = push::PushEngine::validate(c); !st)
      throw std::invalid_argument(std::string(st.field()) + ": " + st.reason());
    engines_[k] = std::make_unique<push::PushEngine>(meter, k == 0 ? push::kAlarmPushLn : push::kIntervalPushLn, s, c);
    dlms.directory().add(std::make_unique<push::PushSetupObject>(meter, *engines_[k]));
    engines_[k]->attach(dlms.directory());
    clients_[k] = std::make_unique<ports::PushClient>(client);
  }
  trigger_ = std::make_unique<push::AlarmTrigger>(*engines_[0], next);
  meter.set_notifier(trigger_.get());
}

void PushService::poll(double now_s) {
  for (std::size_t k = 0; k < engines_.size(); ++k) {
    push::PushEngine& e = *engines_[k];
    ports::PushClient& c = *clients_[k];
    if (const auto r = c.poll()) {
      char ln[24];
      e.logical_name().format(ln);
      if (r->delivered) {
        spdlog::info("{}: notification delivered to {}", ln, e.settings().destination_view());
        e.delivered(now_s);
      } else {
        spdlog::warn("{}: notification not delivered to {}: {}", ln, e.settings().destination_view(), r->error);
        e.failed(now_s);
      }
    }
    if (c.busy()) continue;
    if (const push::Attempt* a = e.poll(now_s)) c.send(a->destination, a->apdu);
  }
}

}  // namespace quadra::host
