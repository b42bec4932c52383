// The push of one Push setup, sans I/O: decides when a notification is due, builds it, and follows
// its delivery. The host carries the bytes (connects to the destination, sends, reports back).
//
//   trigger(kind)      an alarm passed the alarm filter, the push schedule 0.0.15.0.4.255 came
//                      round (push_schedule.h), or method 1
//                      (push) was called: the next poll() builds one notification.
//   poll(now_s)        builds what was triggered, then returns the attempt due now, if any:
//                      the oldest notification kept, once its start time has come and the
//                      communication window is open, while no other attempt is under way.
//   delivered(now_s)   the host took it: the notification is gone, the next one goes.
//   failed(now_s)      not delivered: tried again after repetition_delay, number_of_retries
//                      times; when they are spent the failure is logged in the communication log
//                      (code kPushDeliveryFailed, context = this push setup's OBIS) and the
//                      notification is kept for a new round of attempts, which starts at the next
//                      trigger, at the next delivery of this push, or pending_round_s later.
//
// A notification is built when triggered, so it carries the values of that moment (the alarm
// register with the alarm it reports): a DataNotification (unconfirmed, invoke ids 1, 2, ...,
// high priority for alarms) with the meter's local date-time and a structure of the
// push_object_list values, each read as a GET would read it (null where the object or attribute
// does not exist); with protection, the APDU is then wrapped in general-glo-ciphering under the
// meter's system title, global unicast key and next invocation counter (shared with the DLMS
// server, so a counter is never used twice).
//
// Protection: the security policy in force (Security setup 0.0.43.0.0.255, attribute 2) decides,
// read when each notification is built: a notification is a message from the meter, so the
// policy's response bits apply (authenticated response: authenticated; encrypted response:
// encrypted; both: authenticated and encrypted). PushSecurity::protection is a floor the policy
// adds to (the union of both): plain only when the floor is none and the policy asks for nothing.
//
// Start time: the trigger time plus a delay drawn uniformly from 0..randomisation_start_interval
// seconds by a PRNG (xorshift32) seeded from the configuration, so runs are reproducible.
// Capacity: queue_capacity notifications of at most apdu_capacity octets, allocated at
// construction; when the queue is full the oldest (not under way) is dropped and logged
// (kPushNotificationDropped). No heap after construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/obis.h"
#include "core/common/status.h"
#include "core/dlms/axdr_writer.h"
#include "core/push/push_settings.h"
#include "core/recording/event_codes.h"
#include "core/security/aes_gcm.h"
#include "core/security/security_header.h"

namespace quadra::meter {
class Meter;
}
namespace quadra::cosem {
class Directory;
}

namespace quadra::push {

// What the engine logs in the communication log (recording/event_codes.h).
inline constexpr std::uint16_t kPushDeliveryFailed = recording::event_code::kPushDeliveryFailed;
inline constexpr std::uint16_t kPushNotificationDropped = recording::event_code::kPushNotificationDropped;

// How notifications are protected (the security policy of the management association).
enum class Protection : std::uint8_t { kNone, kAuthenticated, kEncrypted, kAuthenticatedEncrypted };

// The meter's security suite 0 material for protected pushes; pointers into the DLMS server's
// (association::SecurityMaterial), which must outlive the engine.
struct PushSecurity {
  Protection protection = Protection::kNone;  // the least protection, whatever the policy
  const std::uint8_t* security_policy = nullptr;  // the policy in force (cosem::security_policy bits)
  const security::SystemTitle* system_title = nullptr;
  const security::Key128* encryption_key = nullptr;
  const security::Key128* authentication_key = nullptr;
  std::uint32_t* next_invocation_counter = nullptr;
};

struct PushEngineConfig {
  std::size_t queue_capacity = 8;
  std::size_t apdu_capacity = 1024;
  std::uint32_t seed = 1;  // randomisation PRNG; 0 is taken as 1
  double pending_round_s = 900.0;
  PushSecurity security;
};

enum class Trigger : std::uint8_t { kAlarm, kSchedule, kMethod };

struct Attempt {
  std::span<const std::uint8_t> apdu;  // valid until delivered() / failed()
  std::string_view destination;        // "host:port"
  std::uint32_t invoke_id = 0;
  std::uint32_t attempt = 1;           // 1 for the first try of a round
};

struct PushStats {
  std::uint64_t built = 0;
  std::uint64_t delivered = 0;
  std::uint64_t failed_attempts = 0;
  std::uint64_t failed_rounds = 0;
  std::uint64_t dropped = 0;
};

class PushEngine {
 public:
  // Preconditions: validate(settings) and validate(config) are ok. Allocates the queue.
  PushEngine(meter::Meter& meter, const meter::Obis& logical_name, const PushSettings& settings,
             const PushEngineConfig& config);
  static Status validate(const PushEngineConfig& config);
  // The protection the next notification gets (the floor and the policy in force, see above).
  Protection protection() const;
  // The directory the push_object_list is read from (before the first poll; it may hold this
  // engine's own Push setup object).
  void attach(const cosem::Directory& directory) { directory_ = &directory; }

  const meter::Obis& logical_name() const { return ln_; }
  const PushSettings& settings() const { return settings_; }
  // New settings (a SET by the management client); refused as validate(settings) refuses.
  // Notifications already kept keep their content; the next attempt goes to the new destination.
  Status configure(const PushSettings& settings);

  void trigger(Trigger kind);
  const Attempt* poll(double now_s);
  void delivered(double now_s);
  void failed(double now_s);

  std::size_t pending() const { return count_; }
  // Bumped by every accepted configure() (for whoever persists the settings).
  std::uint32_t settings_generation() const { return settings_generation_; }

  // The notifications kept (for a store that carries them over a restart), oldest first: one
  // that is under way is still kept until delivered(), so a restart may send it twice (at least
  // once, never lost). queue_changes() is bumped whenever what kept() returns changes.
  struct Kept {
    std::uint32_t invoke_id = 0;
    std::span<const std::uint8_t> apdu;  // as sent (ciphered if it was)
  };
  Kept kept(std::size_t k) const;  // k < pending()
  std::uint32_t queue_changes() const { return queue_changes_; }
  std::uint32_t next_invoke_id() const { return next_invoke_id_; }
  // After construction, before the first poll: puts back one notification kept by a previous
  // run, behind those put back already, due at `now_s` (a new round of attempts); the next
  // notification built gets an invoke id after it. Refused (nothing changed) when the queue is
  // full, the APDU is empty or larger than apdu_capacity, or the invoke id is not 1..2^24-1.
  Status restore(std::uint32_t invoke_id, std::span<const std::uint8_t> apdu, double now_s);
  bool in_flight() const { return in_flight_; }
  const PushStats& stats() const { return stats_; }
  // The meter time at which poll() would next have something to do (a start, a retry, a round);
  // infinity when nothing is waiting. The window may delay it further.
  double next_due_s() const;

 private:
  struct Slot {
    std::size_t size = 0;
    std::uint32_t invoke_id = 0;
    std::uint32_t attempts_left = 0;
    std::uint32_t attempt = 0;
    double due_s = 0.0;
    bool exhausted = false;  // its last round failed; waiting for a new one
  };
  std::uint32_t random();
  void build(double now_s, Trigger kind);
  bool write_notification(double now_s, Trigger kind, std::uint32_t invoke_id, std::span<std::uint8_t> out,
                          std::size_t* size);
  // false: the value does not fit the scratch buffer (the notification is dropped).
  bool write_value(const PushObject& o, double now_s, dlms::AxdrWriter& w);
  void drop_oldest(double now_s);
  void new_round(Slot& s, double now_s);
  Slot& head() { return slots_[first_]; }
  std::span<std::uint8_t> bytes_of(std::size_t slot) {
    return {storage_.data() + slot * config_.apdu_capacity, config_.apdu_capacity};
  }
  void log(std::uint16_t code, double now_s);

  meter::Meter& meter_;
  meter::Obis ln_;
  PushSettings settings_;
  PushEngineConfig config_;
  const cosem::Directory* directory_ = nullptr;
  std::vector<Slot> slots_;
  std::vector<std::uint8_t> storage_;  // queue_capacity * apdu_capacity
  std::vector<std::uint8_t> plain_;    // the plain APDU before ciphering
  std::vector<std::uint8_t> element_;  // one attribute, read whole before it is copied
  std::size_t first_ = 0;
  std::size_t count_ = 0;
  bool in_flight_ = false;
  Attempt attempt_;
  std::uint32_t prng_ = 1;
  std::uint32_t next_invoke_id_ = 1;
  std::uint8_t triggered_ = 0;  // bit per Trigger
  std::uint32_t settings_generation_ = 0;
  std::uint32_t queue_changes_ = 0;
  PushStats stats_;
};

}  // namespace quadra::push
