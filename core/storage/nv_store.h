// The meter's non-volatile memory, as the core sees it: one snapshot of the state plus the rows of
// the event logs and load profiles, each row stored once under its sequence number.
//
// Writes come in transactions: begin(), any number of puts and drops, commit(). A commit is atomic
// and durable when it returns ok: after a power loss at any instant the store holds either all of a
// transaction or none of it. So the snapshot and the rows it counts always agree, and a row is
// never stored twice nor lost between two snapshots. A failed commit (a full disk, say) leaves the
// previous transaction in force; the caller keeps its state and tries again later.
//
// Sequence numbers count the rows ever appended to one log or profile, from 1 (EventLog::counter,
// LoadProfile::rows_written); rows dropped from the front (FIFO wrap, a reset) are dropped with
// drop_*_before. Readers visit rows in increasing sequence.
//
// On the host this is SQLite (host/store); on a device it would be a journal in flash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/clock/civil_time.h"
#include "core/common/status.h"
#include "core/recording/event_log.h"

namespace quadra::storage {

struct StoredProfileRow {
  std::uint64_t seq = 0;
  clock::UtcSeconds utc_s = 0;
  std::uint8_t status = 0;
  std::span<const double> values;
};

class EventRowVisitor {
 public:
  virtual ~EventRowVisitor() = default;
  // A non-ok Status stops the walk and is returned by the store.
  virtual Status on_row(std::uint64_t seq, const recording::EventRow& row) = 0;
};

class ProfileRowVisitor {
 public:
  virtual ~ProfileRowVisitor() = default;
  virtual Status on_row(const StoredProfileRow& row) = 0;
};

class NvStore {
 public:
  virtual ~NvStore() = default;

  virtual Status begin() = 0;
  // Replaces the snapshot (a record of snapshot.h).
  virtual Status put_snapshot(std::span<const std::uint8_t> record) = 0;
  virtual Status put_event(std::uint8_t log, std::uint64_t seq, const recording::EventRow& row) = 0;
  virtual Status put_profile_row(std::uint8_t profile, const StoredProfileRow& row) = 0;
  // Drops the rows with a sequence number below `seq`.
  virtual Status drop_events_before(std::uint8_t log, std::uint64_t seq) = 0;
  virtual Status drop_profile_rows_before(std::uint8_t profile, std::uint64_t seq) = 0;
  virtual Status commit() = 0;
  // Abandons the open transaction (after a failed put or commit).
  virtual void rollback() = 0;

  // The snapshot into `out`: size = its length, or 0 when the store has none (a new meter).
  // kCapacity when it does not fit.
  virtual Status get_snapshot(std::span<std::uint8_t> out, std::size_t& size) = 0;
  virtual Status for_each_event(std::uint8_t log, EventRowVisitor& visitor) = 0;
  virtual Status for_each_profile_row(std::uint8_t profile, ProfileRowVisitor& visitor) = 0;
};

}  // namespace quadra::storage
