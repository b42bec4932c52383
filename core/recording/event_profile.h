// An asynchronous profile (COSEM profile generic with capture_period 0, sort method FIFO): one row
// per event, captured when the owner calls capture(), never on a schedule. A row is the event's
// time stamp (UTC seconds with the fraction kept, so that a 40 ms dip keeps its start to the
// hundredth a COSEM date-time shows) and the values of up to 16 capture objects, read through a
// callback at capture time.
//
// Rows are kept oldest first and their time stamps never decrease: a capture stamped before the
// newest row is refused (the clock column must stay sorted for reads by range).
//
// Memory: rows are allocated at construction (capacity x (8 + 8 x captures) bytes); captures and
// readouts never allocate.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "core/common/obis.h"
#include "core/common/register_value.h"
#include "core/common/status.h"

namespace quadra::recording {

inline constexpr std::size_t kMaxEventProfileCaptures = 16;

struct EventProfileConfig {
  std::span<const meter::Obis> capture_list;  // copied at construction; at most 16
  std::size_t capacity = 100;                 // rows, 1..10 000
};

struct EventProfileRow {
  double utc_s = 0.0;              // the event's time stamp
  std::span<const double> values;  // NaN where the reader did not know the object
};

class EventProfile {
 public:
  static Status validate(const EventProfileConfig& config);
  // Precondition: validate(config) is ok.
  explicit EventProfile(const EventProfileConfig& config);

  // One row stamped utc_s with the values `read` (bool(const meter::Obis&, meter::RegisterValue&))
  // gives now; the oldest row goes when the buffer is full. kOutOfRange (nothing written) when
  // utc_s is before the newest row.
  template <typename Reader>
  Status capture(double utc_s, Reader&& read) {
    if (used_ > 0 && utc_s < entry(used_ - 1).utc_s)
      return Status::error(StatusCode::kOutOfRange, "event_profile.capture", "before the newest row");
    double* row = push(utc_s);
    for (std::size_t k = 0; k < capture_count_; ++k) {
      meter::RegisterValue v;
      row[k] = read(capture_list_[k], v) ? v.value : std::numeric_limits<double>::quiet_NaN();
    }
    return Status::ok();
  }

  // Empties the buffer; rows_written() goes on counting.
  void reset() {
    first_ = 0;
    used_ = 0;
  }

  std::span<const meter::Obis> capture_list() const { return {capture_list_.data(), capture_count_}; }
  std::size_t capacity() const { return times_.size(); }
  std::size_t entries_in_use() const { return used_; }
  // Precondition: k < entries_in_use(); k = 0 is the oldest row.
  EventProfileRow entry(std::size_t k) const {
    const std::size_t slot = (first_ + k) % times_.size();
    return {times_[slot], std::span<const double>(values_).subspan(slot * capture_count_, capture_count_)};
  }
  // Rows ever captured: row k of the buffer has sequence number rows_written() - entries_in_use() + k + 1.
  std::uint64_t rows_written() const { return rows_written_; }

  // For the store: rows restored oldest first after reset(), then the count of rows ever written.
  // kCorruption when a row has the wrong number of values or goes back in time.
  Status restore_row(double utc_s, std::span<const double> values);
  void restore_rows_written(std::uint64_t n) { rows_written_ = n; }

 private:
  double* push(double utc_s);

  std::array<meter::Obis, kMaxEventProfileCaptures> capture_list_{};
  std::size_t capture_count_;
  std::vector<double> times_;
  std::vector<double> values_;  // capacity x capture_count_, row-major
  std::size_t first_ = 0;
  std::size_t used_ = 0;
  std::uint64_t rows_written_ = 0;
};

}  // namespace quadra::recording
