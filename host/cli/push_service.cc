#include "host/cli/push_service.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/push/default_pushes.h"
#include "core/push/push_setup_object.h"

namespace quadra::host {

PushService::PushService(meter::Meter& meter, DlmsService& dlms, const MeterConfig::Push& config, std::uint32_t seed,
                         recording::Notifier* next, const ports::PushClientOptions& client)
    : meter_(meter), dlms_(dlms) {
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
    // The floor from [push] protection, raised by the security policy in force.
    c.security = {config.protection,    &sec.security_policy,        &sec.server_title,
                  &sec.encryption_key, &sec.authentication_key, &sec.next_invocation_counter};
    if (Status st = push::validate(s); !st) throw std::invalid_argument(std::string(st.field()) + ": " + st.reason());
    if (Status st = push::PushEngine::validate(c); !st)
      throw std::invalid_argument(std::string(st.field()) + ": " + st.reason());
    engines_[k] = std::make_unique<push::PushEngine>(meter, k == 0 ? push::kAlarmPushLn : push::kIntervalPushLn, s, c);
    dlms.directory().add(std::make_unique<push::PushSetupObject>(meter, *engines_[k]));
    engines_[k]->attach(dlms.directory());
    clients_[k] = std::make_unique<ports::PushClient>(client);
  }
  push::PushEngine* const pushes[] = {engines_[0].get(), engines_[1].get()};
  auto scripts = std::make_unique<push::PushScriptTable>(pushes);
  scripts_ = scripts.get();
  dlms.directory().add(std::move(scripts));
  push::PushScheduleSettings times;
  if (Status st = push::schedule_every(static_cast<std::uint32_t>(config.interval_s), &times); !st)
    throw std::invalid_argument(std::string(st.field()) + ": " + st.reason());
  times.script_selector = 2;  // the interval push
  auto schedule = std::make_unique<push::PushScheduleObject>(meter, *scripts_, times);
  schedule_ = schedule.get();
  dlms.directory().add(std::move(schedule));
  trigger_ = std::make_unique<push::AlarmTrigger>(*engines_[0], next);
  meter.set_notifier(trigger_.get());
  monitor_actions_ = std::make_unique<push::MonitorActions>(*scripts_, trigger_.get());
  meter.set_script_runner(monitor_actions_.get());
}

PushService::~PushService() {
  meter_.set_script_runner(nullptr);
  meter_.set_notifier(nullptr);
}

namespace {

std::string name_of(const push::PushEngine& e) {
  char ln[24];
  e.logical_name().format(ln);
  return ln;
}
std::string settings_key(const push::PushEngine& e) { return "push_setup " + name_of(e); }
std::string queue_key(const push::PushEngine& e) { return "push_queue " + name_of(e); }
constexpr const char* kScheduleKey = "push_schedule";

}  // namespace

void PushService::attach_store(MetaStore store, double now_s) {
  store_ = std::move(store);
  for (std::size_t k = 0; k < engines_.size(); ++k) {
    push::PushEngine& e = *engines_[k];
    if (const auto text = store_.get(settings_key(e))) {
      // "A=HEX;..." for attributes 2..7, read over the running settings as a SET would.
      push::PushSettings s = e.settings();
      std::size_t at = 0;
      std::vector<std::uint8_t> value;
      while (at < text->size()) {
        const std::size_t end = std::min(text->find(';', at), text->size());
        const std::string item = text->substr(at, end - at);
        const bool ok = item.size() >= 2 && item[1] == '=' && item[0] >= '2' && item[0] <= '7' &&
                        from_hex(item.substr(2), &value) &&
                        push::read_push_attribute(static_cast<std::uint8_t>(item[0] - '0'), value, &s);
        if (!ok)
          throw std::runtime_error(fmt::format("store meta {}: \"{}\" is not a push setup attribute", settings_key(e),
                                               item.substr(0, 40)));
        at = end + 1;
      }
      if (Status st = e.configure(s); !st)
        throw std::runtime_error(fmt::format("store meta {}: {}: {}", settings_key(e), st.field(), st.reason()));
    }
    if (const auto text = store_.get(queue_key(e))) {
      std::size_t at = 0;
      std::vector<std::uint8_t> apdu;
      while (at < text->size()) {
        const std::size_t end = std::min(text->find(';', at), text->size());
        const std::string item = text->substr(at, end - at);
        const std::size_t colon = item.find(':');
        std::size_t used = 0;
        unsigned long id = 0;
        bool ok = colon != std::string::npos && colon > 0 && from_hex(item.substr(colon + 1), &apdu);
        if (ok) {
          try {
            id = std::stoul(item.substr(0, colon), &used);
          } catch (const std::exception&) {
            ok = false;
          }
        }
        if (!ok || used != colon)
          throw std::runtime_error(fmt::format("store meta {}: \"{}\" is not INVOKE_ID:HEX", queue_key(e),
                                               item.substr(0, 40)));
        if (Status st = e.restore(static_cast<std::uint32_t>(id), apdu, now_s); !st) {
          // A smaller queue or notifications than the store's: the rest is dropped, and said so.
          spdlog::warn("{}: {} kept notification(s) from the store not taken back: {}", name_of(e),
                       std::count(text->begin() + static_cast<std::ptrdiff_t>(at), text->end(), ';') + 1, st.reason());
          break;
        }
        at = end + 1;
      }
      if (e.pending() > 0) spdlog::info("{}: {} notification(s) kept from the last run", name_of(e), e.pending());
    }
    stored_settings_[k] = e.settings_generation();
    stored_queue_[k] = e.queue_changes();
  }  if (const auto text = store_.get(kScheduleKey)) {
    std::size_t at = 0;
    std::vector<std::uint8_t> value;
    while (at < text->size()) {
      const std::size_t end = std::min(text->find(';', at), text->size());
      const std::string item = text->substr(at, end - at);
      const bool ok = item.size() >= 2 && item[1] == '=' && (item[0] == '2' || item[0] == '4') &&
                      from_hex(item.substr(2), &value) &&
                      schedule_->restore(static_cast<std::uint8_t>(item[0] - '0'), value);
      if (!ok)
        throw std::runtime_error(
            fmt::format("store meta {}: \"{}\" is not a push schedule attribute", kScheduleKey, item.substr(0, 40)));
      at = end + 1;
    }
  }
  stored_schedule_ = schedule_->generation();
}

void PushService::persist() {
  if (!store_.set) return;
  if (schedule_->generation() != stored_schedule_) {
    stored_schedule_ = schedule_->generation();
    std::string text;
    std::vector<std::uint8_t> value(8192);
    for (std::uint8_t a : {std::uint8_t{2}, std::uint8_t{4}}) {
      dlms::AxdrWriter w(value);
      if (schedule_->get(a, dlms::SelectiveAccess{}, w, cosem::RequestContext{}) != dlms::DataAccessResult::kSuccess)
        continue;
      if (!text.empty()) text += ';';
      text += std::to_string(a) + '=' + to_hex(w.bytes());
    }
    store_meta(store_, "0.0.15.0.4.255", kScheduleKey, text);
  }
  for (std::size_t k = 0; k < engines_.size(); ++k) {
    push::PushEngine& e = *engines_[k];
    if (e.settings_generation() != stored_settings_[k]) {
      stored_settings_[k] = e.settings_generation();
      cosem::CosemObject* object = dlms_.directory().find(40, e.logical_name());
      std::string text;
      std::vector<std::uint8_t> value(8192);
      for (std::uint8_t a = 2; a <= 7 && object != nullptr; ++a) {
        dlms::AxdrWriter w(value);
        if (object->get(a, dlms::SelectiveAccess{}, w, cosem::RequestContext{}) != dlms::DataAccessResult::kSuccess ||
            !w.ok())
          continue;
        if (!text.empty()) text += ';';
        text += std::to_string(a) + '=' + to_hex(w.bytes());
      }
      store_meta(store_, name_of(e), settings_key(e), text);
    }
    if (e.queue_changes() != stored_queue_[k]) {
      stored_queue_[k] = e.queue_changes();
      std::string text;
      for (std::size_t j = 0; j < e.pending(); ++j) {
        const push::PushEngine::Kept c = e.kept(j);
        if (!text.empty()) text += ';';
        text += std::to_string(c.invoke_id) + ':' + to_hex(c.apdu);
      }
      store_meta(store_, name_of(e), queue_key(e), text);
    }
  }
}

void PushService::poll(double now_s) {
  schedule_->poll(now_s);  // may trigger the interval push through the push script table
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
  persist();
}

}  // namespace quadra::host
