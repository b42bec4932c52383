// Saves a Meter into non-volatile memory and restores it: one transaction per save holding the
// state snapshot and exactly the log and profile rows appended since the previous save; rows that
// left the meter's buffers (FIFO wrap, a reset) are dropped from the store in the same transaction.
//
// Power-fail contract (with a store whose commit is atomic and durable, storage/nv_store.h): after
// a loss of power at any instant, load() gives the meter as it was at the end of the last save that
// returned ok. Energy registered since then is lost (at most one persistence interval: the caller
// saves every interval, 1 s of meter time by default, and at once on power down); no register
// goes back past a saved value, and no row is duplicated or lost, because the rows and the snapshot
// that counts them are committed together.
//
// Contract: construct once (allocates the snapshot buffer); save() never allocates; load() runs at
// start-up, into a meter just constructed from the settings the store was made with.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/common/status.h"
#include "core/meter/meter.h"
#include "core/recording/log_group.h"
#include "core/storage/nv_store.h"

namespace quadra::meter {

class MeterStore {
 public:
  // Raise on any change of what Meter::persist() and this file write. Format 3 added the
  // parameters (thresholds, limits, alarm filter), register monitors, limiter and tamper counters,
  // and the tariff program (activity calendar, special days, billing schedule, a script's tariff).
  // Format 4 added the relay outputs (disconnector state and control mode, relay 2, who switched
  // them). A format 1 snapshot still loads, the meter keeping its configured parameters and
  // program; a format 3 one too, the relays starting as configured. Format 5 added the power-quality
  // profiles (their registers in the snapshot, their rows as the store's profiles 2..6) and the
  // daily billing profile (its schedule in the snapshot, its entries as profile 7); a format 4 (or
  // older) snapshot loads with those profiles empty. Format 6 added the display lists (once written
  // over DLMS), the pulse input counter and the back-up battery's used charge and time; a format 5
  // (or older) snapshot loads with them as new.
  static constexpr std::uint16_t kFormat = 6;

  // The store's profile numbers: 0, 1 load profiles 1 and 2; 2, 3 the voltage unbalance and power
  // quality profiles; 4, 5, 6 the dips, swells and cuts profiles; 7 the daily billing profile.
  static constexpr std::size_t kStoredProfiles = 8;

  // Sizes the snapshot buffer for this meter with its billing profile full.
  explicit MeterStore(const Meter& meter);

  // Writes what changed since the last save that succeeded. On failure the store keeps the
  // previous save and the next save() writes everything still missing.
  Status save(const Meter& meter, storage::NvStore& store);

  // Restores `meter` (freshly constructed from the store's settings). found = false and nothing
  // changed when the store holds no snapshot (a new meter). kCorruption names what failed its check.
  Status load(Meter& meter, storage::NvStore& store, bool& found);

  std::size_t last_snapshot_size() const { return last_size_; }

 private:
  std::vector<std::uint8_t> buffer_;
  std::size_t last_size_ = 0;
  std::array<std::uint64_t, recording::kLogGroupCount> log_saved_{};  // highest sequence stored
  std::array<std::uint64_t, kStoredProfiles> profile_saved_{};
};

}  // namespace quadra::meter
