#include "core/recording/event_profile.h"

#include <algorithm>

namespace quadra::recording {

Status EventProfile::validate(const EventProfileConfig& config) {
  if (config.capture_list.size() > kMaxEventProfileCaptures)
    return Status::error(StatusCode::kCapacity, "event_profile.capture_list", "holds more than 16 objects");
  if (config.capacity == 0 || config.capacity > 10'000)
    return Status::invalid("event_profile.capacity", "must lie between 1 and 10000 rows");
  return Status::ok();
}

EventProfile::EventProfile(const EventProfileConfig& config)
    : capture_count_(config.capture_list.size()),
      times_(config.capacity),
      values_(config.capacity * config.capture_list.size()) {
  std::copy(config.capture_list.begin(), config.capture_list.end(), capture_list_.begin());
}

double* EventProfile::push(double utc_s) {
  std::size_t slot = (first_ + used_) % times_.size();
  if (used_ < times_.size()) {
    ++used_;
  } else {
    first_ = (first_ + 1) % times_.size();
  }
  ++rows_written_;
  times_[slot] = utc_s;
  return values_.data() + slot * capture_count_;
}

Status EventProfile::restore_row(double utc_s, std::span<const double> values) {
  if (values.size() != capture_count_)
    return Status::error(StatusCode::kCorruption, "store.profile", "an event profile row has the wrong number of values");
  if (used_ > 0 && utc_s < entry(used_ - 1).utc_s)
    return Status::error(StatusCode::kCorruption, "store.profile", "an event profile's rows go back in time");
  const std::uint64_t written = rows_written_;
  std::copy(values.begin(), values.end(), push(utc_s));
  rows_written_ = written;  // restore_rows_written() sets the count
  return Status::ok();
}

}  // namespace quadra::recording
