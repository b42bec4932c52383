// The meter's store while `quadra run` runs: opens (or creates) <data dir>/<serial>.db, holds the
// meter to the configuration the store was made with, restores the meter after a restart, and
// saves it every persistence interval of meter time and at once when asked (power down, stop).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/meter/meter.h"
#include "core/meter/meter_store.h"
#include "host/cli/meta_store.h"
#include "host/store/sqlite_store.h"

namespace quadra::host {

class StoreSession {
 public:
  // Throws StoreError (a locked, damaged or foreign file).
  explicit StoreSession(const std::string& path);

  // Before the meter is built. A new store records the configuration text and the start time; an
  // existing one refuses another configuration (StoreError saying how to proceed) and returns the
  // start time it was made with, which the meter must be built with.
  // With reconfigure, another configuration is accepted: restore() then checks that the stored
  // state fits it, records it in the store and logs event 47.
  std::int64_t adopt(const std::string& config_text, std::int64_t start_utc, bool reconfigure);

  // After the meter is built from that configuration: restores it from the store. Returns the
  // outage (wall-clock seconds since the last save) when the store held a meter, after applying it
  // (Meter::resume_after_outage). Throws StoreError with the check that failed.
  std::optional<double> restore(meter::Meter& meter);

  // Saves when interval_s of meter time has passed since the last save, or at once with force.
  // Returns nothing when no save was due, else whether it worked. A failed save is reported
  // (once until a save works again) and retried at the next call.
  std::optional<bool> save(const meter::Meter& meter, double interval_s, bool force);

  // Invocation counters for the meter's ciphered APDUs, never used twice across restarts: returns
  // the first counter not yet handed out and records that every counter below `first + block` is
  // spent (so a kill loses at most a block of counters, never reuses one).
  std::uint32_t reserve_invocation_counters(std::uint32_t at_least, std::uint32_t block);

  // Other persistent settings in the store's meta table (the DLMS security material): the value
  // of `key`, if any; set writes at once in its own transaction. Throw StoreError.
  std::optional<std::string> meta(const std::string& key) { return store_.meta(key); }
  void set_meta(const std::string& key, const std::string& value) { store_.set_meta(key, value); }
  // The meta table for the services that keep settings in it (this session outlives them).
  MetaStore meta_store() {
    return {[this](const std::string& k) { return meta(k); },
            [this](const std::string& k, const std::string& v) { set_meta(k, v); }};
  }

  const std::string& path() const { return store_.path(); }
  std::uint64_t saves() const { return saves_; }
  std::size_t snapshot_bytes() const { return writer_ ? writer_->last_snapshot_size() : 0; }

 private:
  SqliteStore store_;
  std::unique_ptr<meter::MeterStore> writer_;
  double last_save_s_ = -1e300;
  std::uint64_t saves_ = 0;
  bool failing_ = false;
  std::optional<std::string> new_config_;  // a configuration accepted by adopt(), recorded by restore()
};

}  // namespace quadra::host
