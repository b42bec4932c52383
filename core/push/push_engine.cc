#include "core/push/push_engine.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/clock/cosem_date_time.h"
#include "core/cosem/directory.h"
#include "core/cosem/security_setup_object.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/notification.h"
#include "core/meter/meter.h"
#include "core/recording/log_group.h"
#include "core/security/ciphered_apdu.h"

namespace quadra::push {

PushEngine::PushEngine(meter::Meter& meter, const meter::Obis& logical_name, const PushSettings& settings,
                       const PushEngineConfig& config)
    : meter_(meter),
      ln_(logical_name),
      settings_(settings),
      config_(config),
      slots_(config.queue_capacity),
      storage_(config.queue_capacity * config.apdu_capacity),
      plain_(config.apdu_capacity),
      element_(config.apdu_capacity),
      prng_(config.seed == 0 ? 1 : config.seed) {}

Status PushEngine::validate(const PushEngineConfig& c) {
  if (c.queue_capacity < 1 || c.queue_capacity > 256)
    return Status::error(StatusCode::kInvalidArgument, "push.queue_capacity", "not 1..256");
  if (c.apdu_capacity < 64 || c.apdu_capacity > 65535)
    return Status::error(StatusCode::kInvalidArgument, "push.apdu_capacity", "not 64..65535 octets");
  if (!(c.pending_round_s > 0) || !std::isfinite(c.pending_round_s))
    return Status::error(StatusCode::kInvalidArgument, "push.pending_round_s", "not a positive number of seconds");
  const PushSecurity& s = c.security;
  if ((s.protection != Protection::kNone || s.security_policy != nullptr) &&
      (s.system_title == nullptr || s.encryption_key == nullptr || s.authentication_key == nullptr ||
       s.next_invocation_counter == nullptr))
    return Status::error(StatusCode::kInvalidArgument, "push.security", "protection without the keys and counter");
  return Status::ok();
}

Protection PushEngine::protection() const {
  const PushSecurity& s = config_.security;
  bool authenticated = s.protection == Protection::kAuthenticated || s.protection == Protection::kAuthenticatedEncrypted;
  bool encrypted = s.protection == Protection::kEncrypted || s.protection == Protection::kAuthenticatedEncrypted;
  if (s.security_policy != nullptr) {
    authenticated = authenticated || (*s.security_policy & cosem::security_policy::kAuthenticatedResponse) != 0;
    encrypted = encrypted || (*s.security_policy & cosem::security_policy::kEncryptedResponse) != 0;
  }
  if (authenticated && encrypted) return Protection::kAuthenticatedEncrypted;
  if (authenticated) return Protection::kAuthenticated;
  return encrypted ? Protection::kEncrypted : Protection::kNone;
}

Status PushEngine::configure(const PushSettings& settings) {
  if (Status s = push::validate(settings); !s) return s;
  settings_ = settings;
  ++settings_generation_;
  return Status::ok();
}

PushEngine::Kept PushEngine::kept(std::size_t k) const {
  const std::size_t index = (first_ + k) % slots_.size();
  const Slot& s = slots_[index];
  return {s.invoke_id, {storage_.data() + index * config_.apdu_capacity, s.size}};
}

Status PushEngine::restore(std::uint32_t invoke_id, std::span<const std::uint8_t> apdu, double now_s) {
  if (count_ == slots_.size())
    return Status::error(StatusCode::kInvalidArgument, "push.queue", "more notifications than queue_capacity");
  if (apdu.empty() || apdu.size() > config_.apdu_capacity)
    return Status::error(StatusCode::kInvalidArgument, "push.queue", "a notification larger than apdu_capacity");
  if (invoke_id == 0 || invoke_id > 0xFFFFFF)
    return Status::error(StatusCode::kInvalidArgument, "push.queue", "an invoke id not 1..16777215");
  const std::size_t index = (first_ + count_) % slots_.size();
  Slot& s = slots_[index];
  s = Slot{};
  s.invoke_id = invoke_id;
  s.size = apdu.size();
  std::memcpy(bytes_of(index).data(), apdu.data(), apdu.size());
  new_round(s, now_s);
  ++count_;
  ++queue_changes_;
  next_invoke_id_ = invoke_id == 0xFFFFFF ? 1 : invoke_id + 1;
  return Status::ok();
}

std::uint32_t PushEngine::random() {
  // xorshift32 (Marsaglia 2003): a full period of 2^32 - 1 over non-zero states.
  std::uint32_t x = prng_;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  prng_ = x;
  return x;
}

void PushEngine::trigger(Trigger kind) { triggered_ |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(kind)); }

void PushEngine::log(std::uint16_t code, double now_s) {
  meter_.record_event(recording::LogGroup::kCommunication, code, now_s, recording::obis_to_context(ln_));
}

void PushEngine::new_round(Slot& s, double now_s) {
  s.attempts_left = 1u + settings_.number_of_retries;
  s.attempt = 0;
  s.exhausted = false;
  s.due_s = now_s;
}

void PushEngine::drop_oldest(double now_s) {
  // The head is under way while in_flight_: then the next one goes (the queue has >= 2 then).
  const std::size_t victim = in_flight_ ? (first_ + 1) % slots_.size() : first_;
  if (victim != first_) {
    // Close the gap: move every later slot one place towards the head.
    for (std::size_t k = 1; k + 1 < count_; ++k) {
      const std::size_t to = (first_ + k) % slots_.size();
      const std::size_t from = (first_ + k + 1) % slots_.size();
      slots_[to] = slots_[from];
      std::memcpy(bytes_of(to).data(), bytes_of(from).data(), slots_[from].size);
    }
  } else {
    first_ = (first_ + 1) % slots_.size();
  }
  --count_;
  ++queue_changes_;
  ++stats_.dropped;
  log(kPushNotificationDropped, now_s);
}

void PushEngine::build(double now_s, Trigger kind) {
  if (slots_.empty() || count_ == slots_.size()) {
    if (count_ <= (in_flight_ ? 1u : 0u)) {
      ++stats_.dropped;  // a queue of one, under way: nothing to make room with
      log(kPushNotificationDropped, now_s);
      return;
    }
    drop_oldest(now_s);
  }
  const std::size_t index = (first_ + count_) % slots_.size();
  Slot& s = slots_[index];
  s = Slot{};
  s.invoke_id = next_invoke_id_;
  if (!write_notification(now_s, kind, s.invoke_id, bytes_of(index), &s.size)) {
    ++stats_.dropped;
    log(kPushNotificationDropped, now_s);
    return;
  }
  next_invoke_id_ = (next_invoke_id_ & 0xFFFFFF) == 0xFFFFFF ? 1 : next_invoke_id_ + 1;
  new_round(s, now_s);
  s.due_s = now_s + static_cast<double>(random() % (static_cast<std::uint32_t>(settings_.randomisation_start_interval_s) + 1));
  ++count_;
  ++queue_changes_;
  ++stats_.built;
  // A new notification means a new chance for the ones whose retries were spent.
  if (count_ > 1 && head().exhausted) new_round(head(), now_s);
}

bool PushEngine::write_value(const PushObject& o, double now_s, dlms::AxdrWriter& w) {
  cosem::CosemObject* object = directory_ != nullptr ? directory_->find(o.class_id, o.logical_name) : nullptr;
  if (object == nullptr || o.attribute <= 0) {
    w.null();
    return true;
  }
  // Read whole into the scratch buffer (a refused read writes nothing there), then copy it or
  // the data_index-th element of it.
  dlms::AxdrWriter whole(element_);
  const cosem::RequestContext ctx{now_s, nullptr};
  if (object->get(static_cast<std::uint8_t>(o.attribute), dlms::SelectiveAccess{}, whole, ctx) !=
      dlms::DataAccessResult::kSuccess) {
    w.null();
    return true;
  }
  if (!whole.ok()) return false;  // larger than a notification can be
  if (o.data_index == 0) {
    w.raw(whole.bytes());
    return true;
  }
  dlms::AxdrReader r(whole.bytes());
  dlms::AxdrItem item;
  if (r.next(&item).is_ok() && (item.type == dlms::DataType::kArray || item.type == dlms::DataType::kStructure) &&
      o.data_index <= item.count) {
    bool ok = true;
    for (std::uint16_t k = 1; ok && k < o.data_index; ++k) ok = r.skip_value().is_ok();
    std::span<const std::uint8_t> element;
    if (ok && r.value(&element).is_ok()) {
      w.raw(element);
      return true;
    }
  }
  w.null();  // no such element
  return true;
}

bool PushEngine::write_notification(double now_s, Trigger kind, std::uint32_t invoke_id, std::span<std::uint8_t> out,
                                    std::size_t* size) {
  const Protection protection = this->protection();
  const bool protect = protection != Protection::kNone;
  dlms::AxdrWriter w(protect ? std::span<std::uint8_t>(plain_) : out);
  const std::array<std::uint8_t, 12> date_time = clock::encode(meter_.rtc().cosem_time(now_s));
  dlms::begin_data_notification(w, dlms::LongInvokeIdAndPriority::make(invoke_id, false, kind == Trigger::kAlarm),
                                date_time);
  w.structure(static_cast<std::uint32_t>(settings_.object_count));
  for (std::size_t k = 0; k < settings_.object_count && w.ok(); ++k) {
    if (!write_value(settings_.objects[k], now_s, w)) return false;
  }
  if (!w.ok()) return false;
  if (!protect) {
    *size = w.size();
    return true;
  }
  const PushSecurity& sec = config_.security;
  security::ProtectParams p;
  p.key_kind = security::KeyKind::kGlobal;
  p.general_ciphering = true;  // a DataNotification has no glo- tag of its own
  p.security_control = security::SecurityControl{
      0, protection != Protection::kEncrypted, protection != Protection::kAuthenticated, false, false};
  p.invocation_counter = *sec.next_invocation_counter;
  p.system_title = *sec.system_title;
  p.encryption_key = *sec.encryption_key;
  p.authentication_key = *sec.authentication_key;
  if (!security::protect(p, w.bytes(), out, size).is_ok()) return false;
  ++*sec.next_invocation_counter;
  return true;
}

const Attempt* PushEngine::poll(double now_s) {
  const clock::UtcMicros utc = meter_.rtc().utc_us(now_s);
  if (triggered_ != 0) {
    const std::uint8_t t = triggered_;
    triggered_ = 0;
    // Disabled (no destination): triggers are ignored.
    if (settings_.destination_size > 0) {
      const Trigger kind = (t & 1u) != 0 ? Trigger::kAlarm : ((t & 4u) != 0 ? Trigger::kMethod : Trigger::kSchedule);
      build(now_s, kind);
    }
  }
  if (in_flight_ || count_ == 0) return nullptr;
  Slot& s = head();
  if (now_s < s.due_s || settings_.destination_size == 0) return nullptr;
  if (!window_open(settings_, utc, meter_.rtc().time_zone())) return nullptr;
  if (s.exhausted) new_round(s, now_s);
  ++s.attempt;
  in_flight_ = true;
  attempt_.apdu = bytes_of(first_).first(s.size);
  attempt_.destination = settings_.destination_view();
  attempt_.invoke_id = s.invoke_id;
  attempt_.attempt = s.attempt;
  return &attempt_;
}

void PushEngine::delivered(double now_s) {
  if (!in_flight_) return;
  in_flight_ = false;
  first_ = (first_ + 1) % slots_.size();
  --count_;
  ++queue_changes_;
  ++stats_.delivered;
  // The host is there: whatever waited for a new round goes now.
  if (count_ > 0 && head().exhausted) new_round(head(), now_s);
}

void PushEngine::failed(double now_s) {
  if (!in_flight_) return;
  in_flight_ = false;
  ++stats_.failed_attempts;
  Slot& s = head();
  if (--s.attempts_left > 0) {
    s.due_s = now_s + settings_.repetition_delay_s;
    return;
  }
  ++stats_.failed_rounds;
  log(kPushDeliveryFailed, now_s);
  s.exhausted = true;
  s.due_s = now_s + config_.pending_round_s;
}

double PushEngine::next_due_s() const {
  if (count_ == 0 || in_flight_) return std::numeric_limits<double>::infinity();
  return slots_[first_].due_s;
}

}  // namespace quadra::push
