// A load profile (COSEM profile generic, class 7, sort method FIFO): at every capture instant a row
// {clock, AMR profile status, the values of up to 16 capture objects}. Profile 1 of the meter holds
// 15-minute energy and demand for a year (35 040 rows), profile 2 10-minute voltages, currents, THD
// and frequency (default_load_profiles.h); any number of independent profiles can exist.
//
// Capture instants: the whole multiples of the capture period counted in UTC seconds since 1970 —
// the grid of the demand registers (core/registers/period_grid.h), so a 15-minute profile row and a
// demand period end at the same instant. The period must divide 86400 s (1 s .. 3600 s), which puts
// an instant on every UTC midnight, and on every local quarter hour for whole-hour UTC offsets.
//
// Time column: a row's clock is its capture instant, the END of the capture period it closes (UTC
// seconds). The values are what the reader returned when advance_to() found the instant due: the
// register values at that instant, the meter calling right after each measuring interval.
// The clock column strictly increases from row to row. Hence:
//   - rows are never duplicated for a time stamp, and history is never rewritten;
//   - a clock set BACK captures nothing until time passes the last instant already handled; the
//     first row after that carries "clock adjusted" (detected from time going back, or flagged);
//   - a clock set FORWARD (advance_to with amr::kClockAdjusted and not amr::kPowerDown) captures no
//     row for the instants jumped over (they never happened); the next row carries "clock adjusted".
//     The meter calls advance_to with the new time right after the set.
//
// Outages leave no silent holes. advance_to(now, ..., amr::kPowerDown) is called at power-up with
// the power-up time; every instant passed during the outage gets a FILLER row flagged
// power down + data not valid whose values are those read at power-up (for cumulative energy these
// are exactly the values at those instants: nothing was measured while off). The next regular row
// (closing the period in which power returned) carries power down. Only the newest `capacity` filler
// rows are written (older ones would be dropped by the FIFO anyway), so a long outage costs at most
// one pass over the buffer. Instants missed for no stated reason (the meter did not call for more
// than a period) are filled the same way, flagged data not valid only; the last one due is a
// regular capture.
//
// Status bits: every flag given to advance_to()/capture_now() is OR-ed into a pending status that
// the next regular row carries, then cleared — so a state bit such as daylight saving should be
// passed at every call, and an event bit (clock adjusted) once.
//
// Memory: rows are allocated at construction (capacity × (8 + 1 + 8 × captures) bytes); captures
// and readouts never allocate.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "core/clock/civil_time.h"
#include "core/common/status.h"
#include "core/common/obis.h"
#include "core/common/register_value.h"
#include "core/recording/amr_status.h"
#include "core/recording/entry_selection.h"

namespace quadra::recording {

inline constexpr std::size_t kMaxProfileCaptures = 16;
inline constexpr std::size_t kMaxProfileCapacity = 100'000;

struct LoadProfileConfig {
  std::int64_t period_s = 900;                 // 1..3600, divides 86400
  std::span<const meter::Obis> capture_list;   // copied at construction; at most 16
  std::size_t capacity = 35'040;               // rows, 1..kMaxProfileCapacity
};

// One row as a readout sees it. Columns are numbered over the whole row: 0 the clock, 1 the status,
// 2 + k the capture object k.
struct ProfileRowView {
  clock::UtcSeconds utc_s = 0;
  std::uint8_t status = 0;
  std::span<const double> values;  // NaN where the reader did not know the object
  double column(std::size_t c) const {
    if (c == 0) return static_cast<double>(utc_s);
    if (c == 1) return status;
    return values[c - 2];
  }
};

class LoadProfile {
 public:
  static Status validate(const LoadProfileConfig& config);

  // Precondition: validate(config) is ok.
  explicit LoadProfile(const LoadProfileConfig& config);

  // Captures every instant due in (last instant handled, now_utc_s] (see the header comment for
  // gaps and clock changes). `read` is bool(const meter::Obis&, meter::RegisterValue&); `events`
  // are amr:: bits describing the time since the previous call.
  template <typename Reader>
  void advance_to(clock::UtcSeconds now_utc_s, Reader&& read, std::uint8_t events) {
    const Plan p = plan_advance(now_utc_s, events);
    if (p.fill_count == 0 && !p.capture) return;
    read_all(read);
    for (std::int64_t k = 0; k < p.fill_count; ++k) push_row(p.fill_first + k * period_s_, p.fill_status);
    if (p.capture && push_row(p.capture_utc, pending_)) pending_ = 0;
  }

  // The COSEM capture method: one row now, off the grid, carrying the pending status. Refused with
  // kOutOfRange when now_utc_s is not after the newest row (the clock column must increase).
  template <typename Reader>
  Status capture_now(clock::UtcSeconds now_utc_s, Reader&& read, std::uint8_t events) {
    pending_ = static_cast<std::uint8_t>(pending_ | (events & amr::kDefinedBits));
    if (used_ > 0 && now_utc_s <= newest_utc())
      return Status::error(StatusCode::kOutOfRange, "load_profile.capture", "not after the newest row");
    read_all(read);
    push_row(now_utc_s, pending_);
    pending_ = 0;
    return Status::ok();
  }

  // The COSEM reset method: empties the buffer. The capture schedule is kept (no instant already
  // handled is captured again). The caller logs event 254 "load profile cleared".
  void reset();

  std::int64_t period_s() const { return period_s_; }
  std::span<const meter::Obis> capture_list() const { return {capture_list_.data(), capture_count_}; }
  std::size_t column_count() const { return 2 + capture_count_; }
  std::size_t capacity() const { return times_.size(); }
  std::size_t entries_in_use() const { return used_; }
  // Precondition: k < entries_in_use(); k = 0 is the oldest row (COSEM FIFO order).
  ProfileRowView entry(std::size_t k) const;

  // Selective access by entry: rows from_entry..to_entry and columns from_column..to_column, all
  // 1-based with 0 = the last (entry_selection.h). Calls f(const ProfileRowView&, IndexRange cols)
  // per row, oldest first; cols are 0-based indices for ProfileRowView::column().
  template <typename F>
  Status read_by_entry(std::uint32_t from_entry, std::uint32_t to_entry, std::uint32_t from_column,
                       std::uint32_t to_column, F&& f) const {
    IndexRange rows, cols;
    Status s = select_range(column_count(), from_column, to_column, "load_profile.column", cols);
    if (!s) return s;
    s = select_range(used_, from_entry, to_entry, "load_profile.entry", rows);
    if (!s) return s;
    for (std::size_t k = rows.first; k < rows.end(); ++k) f(entry(k), cols);
    return Status::ok();
  }

  // Selective access by range on the clock column: rows with from_utc_s <= clock <= to_utc_s
  // (inclusive), with the same column selection and callback as read_by_entry.
  template <typename F>
  Status read_by_time(clock::UtcSeconds from_utc_s, clock::UtcSeconds to_utc_s, std::uint32_t from_column,
                      std::uint32_t to_column, F&& f) const {
    IndexRange cols;
    const Status s = select_range(column_count(), from_column, to_column, "load_profile.column", cols);
    if (!s) return s;
    if (from_utc_s > to_utc_s) return Status::invalid("load_profile.time_range", "from is after to");
    for (std::size_t k = lower_bound(from_utc_s); k < used_ && entry(k).utc_s <= to_utc_s; ++k) f(entry(k), cols);
    return Status::ok();
  }

  // Raw state for the store. Rows are restored oldest first with restore_row() after reset(), then
  // the schedule (restore_row counts rows; the schedule's rows_written sets the count).
  struct Schedule {
    bool started = false;
    clock::UtcSeconds handled_until = 0;  // every instant at or before it has been dealt with
    clock::UtcSeconds last_now = 0;       // the time of the previous advance_to (set-back detection)
    std::uint8_t pending = 0;             // status bits for the next row
    std::uint64_t rows_written = 0;       // rows ever appended (a reset does not rewind it)
  };
  Schedule schedule() const { return Schedule{started_, handled_until_, last_now_, pending_, rows_written_}; }
  // Rows ever appended: row k of the buffer is number rows_written() - entries_in_use() + k + 1,
  // a sequence number that the store uses to append each row once and drop it once.
  std::uint64_t rows_written() const { return rows_written_; }
  void restore_schedule(const Schedule& s);
  Status restore_row(clock::UtcSeconds utc_s, std::uint8_t status, std::span<const double> values);

 private:
  struct Plan {
    clock::UtcSeconds fill_first = 0;
    std::int64_t fill_count = 0;
    std::uint8_t fill_status = 0;
    bool capture = false;
    clock::UtcSeconds capture_utc = 0;
  };
  Plan plan_advance(clock::UtcSeconds now_utc_s, std::uint8_t events);

  template <typename Reader>
  void read_all(Reader& read) {
    for (std::size_t k = 0; k < capture_count_; ++k) {
      meter::RegisterValue v;
      scratch_[k] = read(capture_list_[k], v) ? v.value : std::numeric_limits<double>::quiet_NaN();
    }
  }
  // Appends a row with the scratch values; false (nothing written) unless utc_s > newest row.
  bool push_row(clock::UtcSeconds utc_s, std::uint8_t status);
  clock::UtcSeconds newest_utc() const { return times_[(first_ + used_ - 1) % times_.size()]; }
  std::size_t lower_bound(clock::UtcSeconds utc_s) const;  // first row with clock >= utc_s

  std::int64_t period_s_;
  std::array<meter::Obis, kMaxProfileCaptures> capture_list_{};
  std::size_t capture_count_;
  std::array<double, kMaxProfileCaptures> scratch_{};
  std::vector<clock::UtcSeconds> times_;
  std::vector<std::uint8_t> status_;
  std::vector<double> values_;  // capacity × capture_count_, row-major
  std::size_t first_ = 0;
  std::size_t used_ = 0;
  bool started_ = false;
  clock::UtcSeconds handled_until_ = 0;
  clock::UtcSeconds last_now_ = 0;
  std::uint8_t pending_ = 0;
  std::uint64_t rows_written_ = 0;
};

}  // namespace quadra::recording
