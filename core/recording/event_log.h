// One event log (COSEM profile generic, sort method FIFO): a fixed number of rows {UTC time stamp,
// event code, up to two context values}, the oldest dropped when full, and a counter of every event
// ever appended (the 0.0.96.15.x.255 style counter: it keeps counting across wrap-around and
// clearing, so a reader sees how many events the log has missed).
//
// The buffer is allocated at construction; append() and the readouts never allocate. The log knows
// nothing of event meanings: the EventRecorder (event_recorder.h) routes events and writes the
// "log cleared" rows.
//
// Time stamps are UTC seconds as the meter's clock showed them at the event. They need not increase
// (the clock may be set back), so a time-range read scans the rows rather than bisecting.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/clock/civil_time.h"
#include "core/common/status.h"
#include "core/recording/entry_selection.h"

namespace quadra::recording {

inline constexpr std::size_t kMaxEventContext = 2;
inline constexpr std::size_t kMaxEventLogCapacity = 10'000;

struct EventRow {
  clock::UtcSeconds utc_s = 0;
  std::uint16_t code = 0;                            // IDIS code, or Quadra's manufacturer code
  std::array<double, kMaxEventContext> context{};    // meaning per log: see log_group.h
  bool operator==(const EventRow&) const = default;
};

class EventLog {
 public:
  // 1..kMaxEventLogCapacity rows.
  static Status validate(std::size_t capacity);

  // Precondition: validate(capacity) is ok.
  explicit EventLog(std::size_t capacity);

  // Appends a row (dropping the oldest when full) and counts the event.
  void append(const EventRow& row);
  // Empties the buffer; the counter keeps its value (it counts events, not rows).
  void clear();

  std::size_t capacity() const { return ring_.size(); }
  std::size_t entries_in_use() const { return used_; }
  std::uint32_t counter() const { return counter_; }
  // Precondition: k < entries_in_use(). k = 0 is the oldest row kept (COSEM FIFO order).
  const EventRow& entry(std::size_t k) const { return ring_[(first_ + k) % ring_.size()]; }

  // Selective access by entry (see entry_selection.h for the edge cases): calls f(const EventRow&)
  // for each selected row, oldest first.
  template <typename F>
  Status read_by_entry(std::uint32_t from_entry, std::uint32_t to_entry, F&& f) const {
    IndexRange r;
    const Status s = select_range(used_, from_entry, to_entry, "event_log.entry", r);
    if (!s) return s;
    for (std::size_t k = r.first; k < r.end(); ++k) f(entry(k));
    return Status::ok();
  }

  // Selective access by range on the clock column: calls f(const EventRow&) for every row with
  // from_utc_s <= utc_s <= to_utc_s, oldest first. Returns how many rows matched.
  template <typename F>
  std::size_t read_by_time(clock::UtcSeconds from_utc_s, clock::UtcSeconds to_utc_s, F&& f) const {
    std::size_t n = 0;
    for (std::size_t k = 0; k < used_; ++k) {
      const EventRow& e = entry(k);
      if (e.utc_s >= from_utc_s && e.utc_s <= to_utc_s) {
        f(e);
        ++n;
      }
    }
    return n;
  }

  // Restores a persisted state: rows oldest first, and the counter. Refused when the rows do not
  // fit or the counter is below the number of rows.
  Status restore(std::span<const EventRow> rows, std::uint32_t counter);

 private:
  std::vector<EventRow> ring_;
  std::size_t first_ = 0;
  std::size_t used_ = 0;
  std::uint32_t counter_ = 0;
};

}  // namespace quadra::recording
