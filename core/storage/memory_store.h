// An NvStore in RAM with the transaction semantics of the real ones: puts go to a pending copy
// that commit() makes current and rollback() discards. The reference the MeterStore tests run
// against, with a switch that makes the next commits fail as a full disk would.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/storage/nv_store.h"

namespace quadra::storage {

class MemoryStore final : public NvStore {
 public:
  struct Row {
    clock::UtcSeconds utc_s = 0;
    std::uint8_t status = 0;
    std::vector<double> values;
  };
  struct Image {
    std::vector<std::uint8_t> snapshot;
    std::map<std::pair<std::uint8_t, std::uint64_t>, recording::EventRow> events;
    std::map<std::pair<std::uint8_t, std::uint64_t>, Row> profiles;
  };

  // While set, commit() fails with kCapacity ("the disk is full") and keeps the previous image.
  bool fail_commits = false;
  std::uint64_t commits = 0;

  const Image& image() const { return current_; }
  Image& image() { return current_; }

  Status begin() override {
    pending_ = current_;
    open_ = true;
    return Status::ok();
  }
  Status put_snapshot(std::span<const std::uint8_t> record) override {
    pending_.snapshot.assign(record.begin(), record.end());
    return Status::ok();
  }
  Status put_event(std::uint8_t log, std::uint64_t seq, const recording::EventRow& row) override {
    pending_.events[{log, seq}] = row;
    return Status::ok();
  }
  Status put_profile_row(std::uint8_t profile, const StoredProfileRow& row) override {
    pending_.profiles[{profile, row.seq}] = Row{row.utc_s, row.status, {row.values.begin(), row.values.end()}};
    return Status::ok();
  }
  Status drop_events_before(std::uint8_t log, std::uint64_t seq) override {
    pending_.events.erase(pending_.events.lower_bound({log, 0}), pending_.events.lower_bound({log, seq}));
    return Status::ok();
  }
  Status drop_profile_rows_before(std::uint8_t profile, std::uint64_t seq) override {
    pending_.profiles.erase(pending_.profiles.lower_bound({profile, 0}), pending_.profiles.lower_bound({profile, seq}));
    return Status::ok();
  }
  Status commit() override {
    if (!open_) return Status::error(StatusCode::kInvalidArgument, "store", "commit without begin");
    open_ = false;
    if (fail_commits) return Status::error(StatusCode::kCapacity, "store", "the disk is full");
    current_ = std::move(pending_);
    ++commits;
    return Status::ok();
  }
  void rollback() override { open_ = false; }

  Status get_snapshot(std::span<std::uint8_t> out, std::size_t& size) override {
    size = 0;
    if (current_.snapshot.empty()) return Status::ok();
    if (current_.snapshot.size() > out.size())
      return Status::error(StatusCode::kCapacity, "store.snapshot", "larger than the meter's snapshot buffer");
    std::copy(current_.snapshot.begin(), current_.snapshot.end(), out.begin());
    size = current_.snapshot.size();
    return Status::ok();
  }
  Status for_each_event(std::uint8_t log, EventRowVisitor& v) override {
    for (auto it = current_.events.lower_bound({log, 0}); it != current_.events.end() && it->first.first == log; ++it) {
      if (Status s = v.on_row(it->first.second, it->second); !s) return s;
    }
    return Status::ok();
  }
  Status for_each_profile_row(std::uint8_t profile, ProfileRowVisitor& v) override {
    for (auto it = current_.profiles.lower_bound({profile, 0}); it != current_.profiles.end() && it->first.first == profile;
         ++it) {
      const StoredProfileRow row{it->first.second, it->second.utc_s, it->second.status, it->second.values};
      if (Status s = v.on_row(row); !s) return s;
    }
    return Status::ok();
  }

 private:
  Image current_;
  Image pending_;
  bool open_ = false;
};

}  // namespace quadra::storage
