#include "core/meter/meter_store.h"

#include "core/storage/snapshot.h"
#include "core/storage/state_archive.h"

namespace quadra::meter {
namespace {

using recording::LogGroup;
using storage::StateReader;
using storage::StateWriter;

// What the snapshot says of each log and profile besides the meter's own state: the rows it counts.
struct LogMark {
  std::uint32_t counter = 0;
  std::uint64_t used = 0;
  template <class A>
  void persist(A& a) {
    a(counter)(used);
    a.check(used <= counter, "an event log holds more rows than it ever received");
  }
};
struct ProfileMark {
  recording::LoadProfile::Schedule schedule;
  std::uint64_t used = 0;
  template <class A>
  void persist(A& a) {
    a(schedule.started)(schedule.handled_until)(schedule.last_now)(schedule.pending)(schedule.rows_written)(used);
    a.check(used <= schedule.rows_written, "a load profile holds more rows than it ever wrote");
  }
};

struct Marks {
  std::array<LogMark, recording::kLogGroupCount> logs{};
  std::array<ProfileMark, 2> profiles{};
  template <class A>
  void persist(A& a) {
    a(logs)(profiles);
  }
};

Marks marks_of(const Meter& m) {
  Marks k;
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) {
    const recording::EventLog& log = m.events().log(static_cast<LogGroup>(g));
    k.logs[g] = {log.counter(), log.entries_in_use()};
  }
  for (std::size_t p = 0; p < 2; ++p) k.profiles[p] = {m.load_profile(p).schedule(), m.load_profile(p).entries_in_use()};
  return k;
}

class CollectEvents final : public storage::EventRowVisitor {
 public:
  CollectEvents(std::uint64_t first, std::vector<recording::EventRow>& rows) : next_(first), rows_(rows) {}
  Status on_row(std::uint64_t seq, const recording::EventRow& row) override {
    if (seq != next_) return Status::error(StatusCode::kCorruption, "store.events", "a log's rows are not the ones its snapshot counts");
    rows_.push_back(row);
    ++next_;
    return Status::ok();
  }

 private:
  std::uint64_t next_;
  std::vector<recording::EventRow>& rows_;
};

class RestoreProfile final : public storage::ProfileRowVisitor {
 public:
  RestoreProfile(std::uint64_t first, recording::LoadProfile& profile) : next_(first), profile_(profile) {}
  Status on_row(const storage::StoredProfileRow& row) override {
    if (row.seq != next_)
      return Status::error(StatusCode::kCorruption, "store.profile", "a profile's rows are not the ones its snapshot counts");
    ++next_;
    return profile_.restore_row(row.utc_s, row.status, row.values);
  }
  std::uint64_t next() const { return next_; }

 private:
  std::uint64_t next_;
  recording::LoadProfile& profile_;
};

}  // namespace

MeterStore::MeterStore(const Meter& meter) {
  StateWriter measure({});
  Marks marks = marks_of(meter);
  measure(const_cast<Meter&>(meter))(marks);
  StateWriter entry({});
  BillingEntry e;
  entry(e);
  const std::size_t room = meter.billing().capacity() - meter.billing().entries_in_use();
  buffer_.resize(measure.needed() + room * entry.needed() + storage::kSnapshotOverhead);
}

Status MeterStore::save(const Meter& meter, storage::NvStore& store) {
  Marks marks = marks_of(meter);
  StateWriter w(storage::snapshot_payload(buffer_));
  w(meter)(marks);
  if (!w.status().is_ok()) return w.status();
  std::size_t record = 0;
  storage::seal_snapshot(buffer_, w.size(), kFormat, record);

  auto fail = [&](Status s) {
    store.rollback();
    return s;
  };
  if (Status s = store.begin(); !s) return fail(s);
  if (Status s = store.put_snapshot(std::span(buffer_).first(record)); !s) return fail(s);
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) {
    const recording::EventLog& log = meter.events().log(static_cast<LogGroup>(g));
    const std::uint64_t first = static_cast<std::uint64_t>(log.counter()) - log.entries_in_use() + 1;
    for (std::uint64_t seq = std::max(log_saved_[g] + 1, first); seq <= log.counter(); ++seq) {
      if (Status s = store.put_event(static_cast<std::uint8_t>(g), seq, log.entry(seq - first)); !s) return fail(s);
    }
    if (Status s = store.drop_events_before(static_cast<std::uint8_t>(g), first); !s) return fail(s);
  }
  for (std::size_t p = 0; p < 2; ++p) {
    const recording::LoadProfile& prof = meter.load_profile(p);
    const std::uint64_t first = prof.rows_written() - prof.entries_in_use() + 1;
    for (std::uint64_t seq = std::max(profile_saved_[p] + 1, first); seq <= prof.rows_written(); ++seq) {
      const recording::ProfileRowView v = prof.entry(seq - first);
      if (Status s = store.put_profile_row(static_cast<std::uint8_t>(p), {seq, v.utc_s, v.status, v.values}); !s)
        return fail(s);
    }
    if (Status s = store.drop_profile_rows_before(static_cast<std::uint8_t>(p), first); !s) return fail(s);
  }
  if (Status s = store.commit(); !s) return fail(s);
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) log_saved_[g] = marks.logs[g].counter;
  for (std::size_t p = 0; p < 2; ++p) profile_saved_[p] = marks.profiles[p].schedule.rows_written;
  last_size_ = record;
  return Status::ok();
}

Status MeterStore::load(Meter& meter, storage::NvStore& store, bool& found) {
  found = false;
  std::size_t size = 0;
  if (Status s = store.get_snapshot(buffer_, size); !s) return s;
  if (size == 0) return Status::ok();
  std::span<const std::uint8_t> payload;
  const std::span<const std::uint8_t> record = std::span(buffer_).first(size);
  std::uint16_t format = kFormat;
  if (Status s = storage::open_snapshot(record, kFormat, payload); !s) {
    if (s.code() != StatusCode::kNotSupported) return s;
    if (storage::open_snapshot(record, 4, payload).is_ok()) format = 4;  // before the display lists, pulses, battery
    else if (storage::open_snapshot(record, 3, payload).is_ok()) format = 3;  // before the relays joined
    else if (storage::open_snapshot(record, 1, payload).is_ok()) format = 1;  // before the tariff program
    else return s;
  }
  Marks marks;
  StateReader r(payload);
  meter.persist_core(r);
  if (format >= 3) {
    meter.persist_parameters(r);
    meter.persist_program(r);
  }
  if (format >= 4) meter.persist_outputs(r);
  else meter.schedule_next_output(static_cast<double>(meter.utc_of(meter.now_s_)));  // from the restored time
  if (format >= 5) meter.persist_devices(r);
  r(marks);
  if (!r.status().is_ok()) return r.status();
  if (!r.complete()) return Status::error(StatusCode::kCorruption, "store.snapshot", "holds more than this meter's state");

  std::vector<recording::EventRow> rows;
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) {
    const LogMark& m = marks.logs[g];
    rows.clear();
    CollectEvents collect(static_cast<std::uint64_t>(m.counter) - m.used + 1, rows);
    if (Status s = store.for_each_event(static_cast<std::uint8_t>(g), collect); !s) return s;
    if (rows.size() != m.used)
      return Status::error(StatusCode::kCorruption, "store.events", "a log has fewer rows than its snapshot counts");
    if (Status s = meter.events_.restore_log(static_cast<LogGroup>(g), rows, m.counter); !s) return s;
    log_saved_[g] = m.counter;
  }
  for (std::size_t p = 0; p < 2; ++p) {
    const ProfileMark& m = marks.profiles[p];
    recording::LoadProfile& prof = p == 0 ? meter.profile1_ : meter.profile2_;
    prof.reset();
    RestoreProfile restore(m.schedule.rows_written - m.used + 1, prof);
    if (Status s = store.for_each_profile_row(static_cast<std::uint8_t>(p), restore); !s) return s;
    if (prof.entries_in_use() != m.used || restore.next() != m.schedule.rows_written + 1)
      return Status::error(StatusCode::kCorruption, "store.profile", "a profile's rows are not as many as its snapshot counts");
    prof.restore_schedule(m.schedule);
    profile_saved_[p] = m.schedule.rows_written;
  }
  last_size_ = size;
  found = true;
  return Status::ok();
}

}  // namespace quadra::meter
