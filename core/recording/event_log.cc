#include "core/recording/event_log.h"

namespace quadra::recording {

Status EventLog::validate(std::size_t capacity) {
  if (capacity == 0 || capacity > kMaxEventLogCapacity)
    return Status::invalid("event_log.capacity", "must lie between 1 and 10000 rows");
  return Status::ok();
}

EventLog::EventLog(std::size_t capacity) : ring_(capacity) {}

void EventLog::append(const EventRow& row) {
  ring_[(first_ + used_) % ring_.size()] = row;
  if (used_ < ring_.size()) {
    ++used_;
  } else {
    first_ = (first_ + 1) % ring_.size();
  }
  ++counter_;  // wraps after 2^32 events, as a COSEM double-long-unsigned counter does
}

void EventLog::clear() {
  for (EventRow& r : ring_) r = EventRow{};
  first_ = 0;
  used_ = 0;
}

Status EventLog::restore(std::span<const EventRow> rows, std::uint32_t counter) {
  if (rows.size() > ring_.size())
    return Status::error(StatusCode::kCapacity, "event_log.rows", "more rows than the log holds");
  if (counter < rows.size()) return Status::error(StatusCode::kCorruption, "event_log.counter", "below the number of rows");
  clear();
  for (std::size_t k = 0; k < rows.size(); ++k) ring_[k] = rows[k];
  used_ = rows.size();
  counter_ = counter;
  return Status::ok();
}

}  // namespace quadra::recording
