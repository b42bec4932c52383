#include "host/cli/store_session.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace quadra::host {
namespace {

std::int64_t wall_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

StoreSession::StoreSession(const std::string& path) : store_(path, SqliteStore::Mode::kReadWrite) {}

std::int64_t StoreSession::adopt(const std::string& config_text, std::int64_t start_utc, bool reconfigure) {
  const auto stored = store_.meta("config");
  if (!stored) {
    store_.set_meta("config", config_text);
    store_.set_meta("start_utc", std::to_string(start_utc));
    return start_utc;
  }
  if (*stored != config_text && reconfigure) {
    new_config_ = config_text;
  } else if (*stored != config_text) {
    throw StoreError(fmt::format(
        "store {} holds a meter made with another configuration; a meter's configuration does not change "
        "under its registers. Run it with the configuration it was made with (`quadra dump config --store {}` prints it), "
        "or give it this one with --reconfigure, or give another --data directory (or [meter] serial_number) for a new meter",
        store_.path(), store_.path()));
  }
  const auto start = store_.meta("start_utc");
  if (!start) throw StoreError(fmt::format("store {} is not a meter store (no start time)", store_.path()));
  return std::stoll(*start);
}

std::uint32_t StoreSession::reserve_invocation_counters(std::uint32_t at_least, std::uint32_t block) {
  std::uint32_t next = 1;
  if (const auto stored = store_.meta("dlms_invocation_counter_next")) next = static_cast<std::uint32_t>(std::stoul(*stored));
  next = std::max(next, at_least);
  store_.set_meta("dlms_invocation_counter_next", std::to_string(static_cast<std::uint64_t>(next) + block));
  return next;
}

std::optional<double> StoreSession::restore(meter::Meter& meter) {
  writer_ = std::make_unique<meter::MeterStore>(meter);
  bool found = false;
  const Status s = writer_->load(meter, store_, found);
  if (!s && new_config_) {
    throw StoreError(fmt::format("store {}: the new configuration cannot take over this meter: {}: {}; nothing was "
                                 "changed (the meter keeps its configuration; `quadra dump config` prints it)",
                                 store_.path(), s.field(), s.reason()));
  }
  if (!s) {
    throw StoreError(fmt::format("store {} is damaged: {}: {}{}; it was left as it is (move it away to start a new meter)",
                                 store_.path(), s.field(), s.reason(),
                                 store_.last_error().empty() ? "" : " (" + store_.last_error() + ")"));
  }
  if (!found) {
    if (new_config_) store_.set_meta("config", *new_config_);
    new_config_.reset();
    return std::nullopt;
  }
  double outage_s = 0.0;
  if (const auto last = store_.meta("last_commit_wall_us")) {
    outage_s = std::max(0.0, static_cast<double>(wall_us() - std::stoll(*last)) * 1e-6);
  }
  meter.resume_after_outage(outage_s);
  if (new_config_) {
    store_.set_meta("config", *new_config_);
    meter.parameters_changed(0.0, meter.meter_time_s());
    spdlog::warn("store {}: the meter takes the new configuration (event 47, parameters changed)", store_.path());
    new_config_.reset();
  }
  last_save_s_ = meter.meter_time_s();
  return outage_s;
}

std::optional<bool> StoreSession::save(const meter::Meter& meter, double interval_s, bool force) {
  if (!writer_) return std::nullopt;
  if (!force && meter.meter_time_s() - last_save_s_ < interval_s) return std::nullopt;
  store_.set_commit_wall_us(wall_us());
  const Status s = writer_->save(meter, store_);
  if (s) {
    if (failing_) spdlog::info("store {}: saving again", store_.path());
    failing_ = false;
    last_save_s_ = meter.meter_time_s();
    ++saves_;
    return true;
  }
  if (!failing_) {
    spdlog::error("store {}: save failed: {}: {} ({}); the meter runs on from memory and tries again", store_.path(),
                  s.field(), s.reason(), store_.last_error());
  }
  failing_ = true;
  return false;
}

}  // namespace quadra::host
