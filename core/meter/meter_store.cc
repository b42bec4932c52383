#include "core/meter/meter_store.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

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

// Format 5: the power-quality and daily billing profiles' rows the snapshot counts.
struct RowMark {
  std::uint64_t rows_written = 0;
  std::uint64_t used = 0;
  template <class A>
  void persist(A& a) {
    a(rows_written)(used);
    a.check(used <= rows_written, "a profile holds more rows than it ever wrote");
  }
};
struct QualityMarks {
  std::array<ProfileMark, 2> periodic{};
  std::array<RowMark, kVoltageEventKinds> events{};
  RowMark daily;
  template <class A>
  void persist(A& a) {
    a(periodic)(events)(daily);
  }
};

constexpr std::uint8_t kFirstEventProfile = 4;
constexpr std::uint8_t kDailyProfile = 7;

QualityMarks quality_marks_of(const Meter& m) {
  QualityMarks k;
  for (std::size_t p = 0; p < 2; ++p) k.periodic[p] = {m.load_profile(2 + p).schedule(), m.load_profile(2 + p).entries_in_use()};
  for (std::size_t e = 0; e < kVoltageEventKinds; ++e) {
    const recording::EventProfile& prof = m.quality_profiles().events(static_cast<VoltageEventKind>(e));
    k.events[e] = {prof.rows_written(), prof.entries_in_use()};
  }
  k.daily = {m.daily_billing().counter(), m.daily_billing().entries_in_use()};
  return k;
}

// Appends the rows numbered after `saved` up to `written` (the newest `used` of them are in the
// meter: row_at(k, seq) writes buffer row k) and drops the ones the meter no longer holds.
template <typename RowAt>
Status put_rows(storage::NvStore& store, std::uint8_t profile, std::uint64_t saved, std::uint64_t written,
                std::uint64_t used, RowAt&& row_at) {
  const std::uint64_t first = written - used + 1;
  for (std::uint64_t seq = std::max(saved + 1, first); seq <= written; ++seq) {
    if (Status s = row_at(static_cast<std::size_t>(seq - first), seq); !s) return s;
  }
  return store.drop_profile_rows_before(profile, first);
}

// An event profile row in the store: the floor of its time stamp as the row's time, and the
// time stamp itself before the captured values (the fraction is the event's).
class RestoreEventProfile final : public storage::ProfileRowVisitor {
 public:
  RestoreEventProfile(std::uint64_t first, recording::EventProfile& profile) : next_(first), profile_(profile) {}
  Status on_row(const storage::StoredProfileRow& row) override {
    if (row.seq != next_ || row.values.empty())
      return Status::error(StatusCode::kCorruption, "store.profile", "an event profile's rows are not the ones its snapshot counts");
    ++next_;
    return profile_.restore_row(row.values[0], row.values.subspan(1));
  }
  std::uint64_t next() const { return next_; }

 private:
  std::uint64_t next_;
  recording::EventProfile& profile_;
};

// A daily billing entry in the store: the trigger as the row's status; its time, then value and
// capture time of every capture object (NaN: the object did not exist at capture).
class RestoreBilling final : public storage::ProfileRowVisitor {
 public:
  RestoreBilling(std::uint64_t first, BillingProfile& profile) : next_(first), profile_(profile) {}
  Status on_row(const storage::StoredProfileRow& row) override {
    const std::size_t n = profile_.capture_list().size();
    if (row.seq != next_ || row.values.size() != 1 + 2 * n || row.status > static_cast<std::uint8_t>(BillingTrigger::kServiceButton))
      return Status::error(StatusCode::kCorruption, "store.profile", "a daily billing entry is not the one its snapshot counts");
    ++next_;
    BillingEntry e;
    e.utc_s = row.values[0];
    e.counter = static_cast<std::uint32_t>(row.seq);
    e.trigger = static_cast<BillingTrigger>(row.status);
    for (std::size_t k = 0; k < n; ++k) {
      const double v = row.values[1 + 2 * k];
      e.values[k] = CapturedValue{std::isnan(v) ? 0.0 : v, row.values[2 + 2 * k], !std::isnan(v)};
    }
    profile_.restore_entry(e);
    return Status::ok();
  }
  std::uint64_t next() const { return next_; }

 private:
  std::uint64_t next_;
  BillingProfile& profile_;
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
  QualityMarks quality = quality_marks_of(meter);
  measure(const_cast<Meter&>(meter))(marks)(quality);
  StateWriter entry({});
  BillingEntry e;
  entry(e);
  const std::size_t room = meter.billing().capacity() - meter.billing().entries_in_use();
  buffer_.resize(measure.needed() + room * entry.needed() + storage::kSnapshotOverhead);
}

Status MeterStore::save(const Meter& meter, storage::NvStore& store) {
  Marks marks = marks_of(meter);
  QualityMarks quality = quality_marks_of(meter);
  StateWriter w(storage::snapshot_payload(buffer_));
  w(meter)(marks)(quality);
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
  for (std::size_t p = 0; p < Meter::kPeriodicProfiles; ++p) {
    const recording::LoadProfile& prof = meter.load_profile(p);
    const auto id = static_cast<std::uint8_t>(p);
    const Status s = put_rows(store, id, profile_saved_[p], prof.rows_written(), prof.entries_in_use(),
                              [&](std::size_t k, std::uint64_t seq) {
                                const recording::ProfileRowView v = prof.entry(k);
                                return store.put_profile_row(id, {seq, v.utc_s, v.status, v.values});
                              });
    if (!s) return fail(s);
  }
  std::array<double, 1 + 2 * kMaxBillingCaptures> row{};  // the time stamp, then the values
  for (std::size_t e = 0; e < kVoltageEventKinds; ++e) {
    const recording::EventProfile& prof = meter.quality_profiles().events(static_cast<VoltageEventKind>(e));
    const auto id = static_cast<std::uint8_t>(kFirstEventProfile + e);
    const Status s = put_rows(store, id, profile_saved_[id], prof.rows_written(), prof.entries_in_use(),
                              [&](std::size_t k, std::uint64_t seq) {
                                const recording::EventProfileRow r = prof.entry(k);
                                row[0] = r.utc_s;
                                std::copy(r.values.begin(), r.values.end(), row.begin() + 1);
                                const auto utc = static_cast<clock::UtcSeconds>(std::floor(r.utc_s));
                                return store.put_profile_row(id, {seq, utc, 0, std::span<const double>(row).first(1 + r.values.size())});
                              });
    if (!s) return fail(s);
  }
  {
    const BillingProfile& daily = meter.daily_billing();
    const std::size_t n = daily.capture_list().size();
    const Status s = put_rows(store, kDailyProfile, profile_saved_[kDailyProfile], daily.counter(), daily.entries_in_use(),
                              [&](std::size_t k, std::uint64_t seq) {
                                const BillingEntry& b = daily.entry(k);
                                row[0] = b.utc_s;
                                for (std::size_t c = 0; c < n; ++c) {
                                  row[1 + 2 * c] = b.values[c].valid ? b.values[c].value : std::nan("");
                                  row[2 + 2 * c] = b.values[c].capture_utc_s;
                                }
                                const auto utc = static_cast<clock::UtcSeconds>(std::floor(b.utc_s));
                                return store.put_profile_row(kDailyProfile, {seq, utc, static_cast<std::uint8_t>(b.trigger),
                                                                             std::span<const double>(row).first(1 + 2 * n)});
                              });
    if (!s) return fail(s);
  }
  if (Status s = store.commit(); !s) return fail(s);
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) log_saved_[g] = marks.logs[g].counter;
  for (std::size_t p = 0; p < 2; ++p) profile_saved_[p] = marks.profiles[p].schedule.rows_written;
  for (std::size_t p = 0; p < 2; ++p) profile_saved_[2 + p] = quality.periodic[p].schedule.rows_written;
  for (std::size_t e = 0; e < kVoltageEventKinds; ++e) profile_saved_[kFirstEventProfile + e] = quality.events[e].rows_written;
  profile_saved_[kDailyProfile] = quality.daily.rows_written;
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
    if (storage::open_snapshot(record, 5, payload).is_ok()) format = 5;  // before the display lists, pulses, battery
    else if (storage::open_snapshot(record, 4, payload).is_ok()) format = 4;  // before the power-quality profiles
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
  QualityMarks quality;  // format 4 and older: empty profiles
  if (format >= 5) meter.persist_quality(r);
  else meter.schedule_next_daily(static_cast<double>(meter.utc_of(meter.now_s_)));
  if (format >= 6) meter.persist_devices(r);
  r(marks);
  if (format >= 5) r(quality);
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
  for (std::size_t p = 0; p < Meter::kPeriodicProfiles; ++p) {
    const ProfileMark& m = p < 2 ? marks.profiles[p] : quality.periodic[p - 2];
    recording::LoadProfile& prof = p == 0 ? meter.profile1_ : (p == 1 ? meter.profile2_ : meter.pq_.periodic(p - 2));
    prof.reset();
    RestoreProfile restore(m.schedule.rows_written - m.used + 1, prof);
    if (Status s = store.for_each_profile_row(static_cast<std::uint8_t>(p), restore); !s) return s;
    if (prof.entries_in_use() != m.used || restore.next() != m.schedule.rows_written + 1)
      return Status::error(StatusCode::kCorruption, "store.profile", "a profile's rows are not as many as its snapshot counts");
    prof.restore_schedule(m.schedule);
    profile_saved_[p] = m.schedule.rows_written;
  }
  for (std::size_t e = 0; e < kVoltageEventKinds; ++e) {
    const RowMark& m = quality.events[e];
    recording::EventProfile& prof = meter.pq_.events(static_cast<VoltageEventKind>(e));
    const auto id = static_cast<std::uint8_t>(kFirstEventProfile + e);
    prof.reset();
    RestoreEventProfile restore(m.rows_written - m.used + 1, prof);
    if (Status s = store.for_each_profile_row(id, restore); !s) return s;
    if (prof.entries_in_use() != m.used || restore.next() != m.rows_written + 1)
      return Status::error(StatusCode::kCorruption, "store.profile", "an event profile's rows are not as many as its snapshot counts");
    prof.restore_rows_written(m.rows_written);
    profile_saved_[id] = m.rows_written;
  }
  {
    const RowMark& m = quality.daily;
    meter.daily_.clear();
    RestoreBilling restore(m.rows_written - m.used + 1, meter.daily_);
    if (Status s = store.for_each_profile_row(kDailyProfile, restore); !s) return s;
    if (meter.daily_.entries_in_use() != m.used || restore.next() != m.rows_written + 1 || m.rows_written > UINT32_MAX)
      return Status::error(StatusCode::kCorruption, "store.profile", "the daily billing entries are not as many as the snapshot counts");
    meter.daily_.restore_counter(static_cast<std::uint32_t>(m.rows_written));
    profile_saved_[kDailyProfile] = m.rows_written;
  }
  last_size_ = size;
  found = true;
  return Status::ok();
}

}  // namespace quadra::meter
