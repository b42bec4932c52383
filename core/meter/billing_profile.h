// The billing profile (COSEM "data of billing period", profile generic 0.0.98.1.0.255, and the daily
// one 0.0.98.2.0.255, meter.h): at the end of
// each billing period ("reference period") a snapshot of a configured capture list of up to 50
// registers, with its time stamp and the billing period counter, kept FIFO in a fixed number of
// entries (default 15). The buffer is allocated at construction; closing a period never allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/common/status.h"
#include "core/common/obis.h"

namespace quadra::meter {

inline constexpr std::size_t kMaxBillingCaptures = 50;

enum class BillingTrigger : std::uint8_t { kSchedule = 0, kCommand, kDigitalInput, kServiceButton };
constexpr const char* billing_trigger_name(BillingTrigger t) {
  constexpr const char* kNames[] = {"schedule", "command", "digital input", "service button"};
  return kNames[static_cast<std::size_t>(t)];
}

// One captured register: its value, and the capture time of extended registers (maximum demand).
struct CapturedValue {
  double value = 0.0;
  double capture_utc_s = 0.0;  // 0: the register has no capture time
  bool valid = false;          // false: the register did not exist at capture
  template <class Archive>
  void persist(Archive& a) {
    a(value)(capture_utc_s)(valid);
  }
};

struct BillingEntry {
  double utc_s = 0.0;          // end of the period
  std::uint32_t counter = 0;   // billing period counter after this reset (1 for the first)
  BillingTrigger trigger = BillingTrigger::kSchedule;
  std::array<CapturedValue, kMaxBillingCaptures> values{};
  template <class Archive>
  void persist(Archive& a) {
    a(utc_s)(counter)(trigger)(values);
  }
};

class BillingProfile {
 public:
  // Checks a capture list and capacity before construction: at most 50 objects, 1..1000 entries.
  static Status validate(std::span<const Obis> capture_list, std::size_t capacity) {
    if (capture_list.size() > kMaxBillingCaptures)
      return Status::error(StatusCode::kCapacity, "billing.capture_list", "holds more than 50 objects");
    if (capacity == 0 || capacity > 1000)
      return Status::invalid("billing.entries", "must lie between 1 and 1000");
    return Status::ok();
  }

  // Precondition: validate(capture_list, capacity) is ok.
  BillingProfile(std::span<const Obis> capture_list, std::size_t capacity)
      : capture_count_(capture_list.size()), ring_(capacity) {
    for (std::size_t k = 0; k < capture_count_; ++k) capture_list_[k] = capture_list[k];
  }

  // Ends the current billing period at utc_s: reads every capture object through
  // read(const Obis&, CapturedValue&) -> bool, stores the snapshot (dropping the oldest when full)
  // and increments the counter. Returns the stored entry.
  template <typename Reader>
  const BillingEntry& close(double utc_s, BillingTrigger trigger, Reader&& read) {
    BillingEntry& e = ring_[(first_ + used_) % ring_.size()];
    if (used_ < ring_.size()) {
      ++used_;
    } else {
      first_ = (first_ + 1) % ring_.size();
    }
    ++counter_;
    e.utc_s = utc_s;
    e.counter = counter_;
    e.trigger = trigger;
    for (std::size_t k = 0; k < kMaxBillingCaptures; ++k) {
      e.values[k] = CapturedValue{};
      if (k < capture_count_) e.values[k].valid = read(capture_list_[k], e.values[k]);
    }
    return e;
  }

  std::span<const Obis> capture_list() const { return {capture_list_.data(), capture_count_}; }
  std::size_t capacity() const { return ring_.size(); }
  std::size_t entries_in_use() const { return used_; }
  // k = 0 is the oldest entry kept, entries_in_use() - 1 the newest (COSEM FIFO order).
  const BillingEntry& entry(std::size_t k) const { return ring_[(first_ + k) % ring_.size()]; }
  std::uint32_t counter() const { return counter_; }

  // Restores a persisted state. A store that keeps the entries row by row (the daily profile)
  // clears the profile, restores them oldest first, then the counter.
  void restore_counter(std::uint32_t counter) { counter_ = counter; }
  void clear() {
    first_ = 0;
    used_ = 0;
  }
  void restore_entry(const BillingEntry& e) {
    ring_[(first_ + used_) % ring_.size()] = e;
    if (used_ < ring_.size()) ++used_;
    else first_ = (first_ + 1) % ring_.size();
  }

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  // The entries are stored oldest first, as many as are in use.
  template <class Archive>
  void persist(Archive& a) {
    std::uint64_t used = used_;
    a(counter_)(used);
    a.check(used <= ring_.size(), "billing profile: more entries than its capacity");
    if constexpr (Archive::kLoading) {
      if (used > ring_.size()) return;
      first_ = 0;
      used_ = static_cast<std::size_t>(used);
      for (std::size_t k = 0; k < used_; ++k) a(ring_[k]);
    } else {
      for (std::size_t k = 0; k < used_; ++k) a(ring_[(first_ + k) % ring_.size()]);
    }
  }

 private:
  std::array<Obis, kMaxBillingCaptures> capture_list_{};
  std::size_t capture_count_;
  std::vector<BillingEntry> ring_;
  std::size_t first_ = 0;
  std::size_t used_ = 0;
  std::uint32_t counter_ = 0;
};

}  // namespace quadra::meter
