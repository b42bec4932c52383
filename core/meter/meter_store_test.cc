#include "core/meter/meter_store.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "core/meter/interval_values_testing.h"
#include "core/recording/event_codes.h"
#include "core/storage/memory_store.h"
#include "core/storage/snapshot.h"
#include "core/storage/state_archive.h"

namespace quadra::meter {
namespace {

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00

IntervalValues load_at(double start_s, double dt, double p_w) {
  return constant_power_interval(start_s, dt, p_w, p_w / 2, p_w * std::sqrt(1.25));
}

MeterSettings settings() {
  MeterSettings s;
  s.rtc.start_utc = kStart;
  s.billing = default_billing_settings();
  s.events.capacities = {100, 100, 100, 100, 100, 100, 100};
  return s;
}

// A day of one-minute intervals whose power varies, starting at meter time t0.
void run(Meter& m, double t0, int minutes) {
  for (int k = 0; k < minutes; ++k) {
    const double t = t0 + 60.0 * k;
    m.on_interval(load_at(t, 60.0, 5000.0 + 4000.0 * std::sin(t / 5000.0) + 100.0 * (k % 7)));
  }
}

std::map<std::string, std::pair<double, double>> registers_of(const Meter& m) {
  std::map<std::string, std::pair<double, double>> out;
  m.for_each_register([&](const Obis& o, const RegisterValue& v) {
    char name[24];
    o.format(name);
    if (o.d() != 7) out[name] = {v.value, v.capture_utc_s};
  });
  return out;
}

// Everything a reader can see, apart from the instantaneous values of the last interval (a
// restart has none until the next one).
void expect_same(const Meter& a, const Meter& b) {
  EXPECT_EQ(registers_of(a), registers_of(b));
  EXPECT_EQ(a.meter_time_s(), b.meter_time_s());
  EXPECT_EQ(a.rtc().utc_us(a.meter_time_s()), b.rtc().utc_us(b.meter_time_s()));
  EXPECT_EQ(a.tariff(), b.tariff());
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) {
    const auto& la = a.events().log(static_cast<recording::LogGroup>(g));
    const auto& lb = b.events().log(static_cast<recording::LogGroup>(g));
    ASSERT_EQ(la.counter(), lb.counter()) << "log " << g;
    ASSERT_EQ(la.entries_in_use(), lb.entries_in_use()) << "log " << g;
    for (std::size_t k = 0; k < la.entries_in_use(); ++k) EXPECT_EQ(la.entry(k), lb.entry(k)) << "log " << g << " row " << k;
  }
  for (std::size_t p = 0; p < 2; ++p) {
    const auto& pa = a.load_profile(p);
    const auto& pb = b.load_profile(p);
    ASSERT_EQ(pa.entries_in_use(), pb.entries_in_use()) << "profile " << p;
    EXPECT_EQ(pa.rows_written(), pb.rows_written());
    for (std::size_t k = 0; k < pa.entries_in_use(); ++k) {
      const auto ra = pa.entry(k), rb = pb.entry(k);
      ASSERT_EQ(ra.utc_s, rb.utc_s);
      ASSERT_EQ(ra.status, rb.status);
      for (std::size_t c = 0; c < ra.values.size(); ++c) {
        if (std::isnan(ra.values[c])) EXPECT_TRUE(std::isnan(rb.values[c]));
        else EXPECT_EQ(ra.values[c], rb.values[c]);
      }
    }
  }
  ASSERT_EQ(a.billing().entries_in_use(), b.billing().entries_in_use());
  EXPECT_EQ(a.billing().counter(), b.billing().counter());
  for (std::size_t k = 0; k < a.billing().entries_in_use(); ++k) {
    EXPECT_EQ(a.billing().entry(k).utc_s, b.billing().entry(k).utc_s);
    for (std::size_t c = 0; c < kMaxBillingCaptures; ++c)
      EXPECT_EQ(a.billing().entry(k).values[c].value, b.billing().entry(k).values[c].value);
  }
}

TEST(MeterStore, ARestoredMeterIsTheSavedOneAndGoesOnTheSameWay) {
  Meter original(settings());
  MeterStore saver(original);
  storage::MemoryStore store;
  run(original, 0.0, 60 * 24 * 2);  // two days, through a billing instant? no: January 1st..3rd
  original.billing_reset(original.meter_time_s(), BillingTrigger::kCommand);
  (void)original.shift_clock(original.meter_time_s(), 120);
  original.set_fraud_input(quality::Input::kTerminalCover, true, original.meter_time_s());
  run(original, original.meter_time_s(), 600);
  ASSERT_TRUE(saver.save(original, store).is_ok());

  Meter restored(settings());
  MeterStore loader(restored);
  bool found = false;
  ASSERT_TRUE(loader.load(restored, store, found).is_ok());
  ASSERT_TRUE(found);
  expect_same(original, restored);
  EXPECT_TRUE(restored.quality().input(quality::Input::kTerminalCover));

  // Both go on for a month and a half (a scheduled billing reset on February 1st) and stay equal.
  const double t = original.meter_time_s();
  run(original, t, 60 * 24 * 45);
  run(restored, t, 60 * 24 * 45);
  expect_same(original, restored);
  EXPECT_EQ(original.billing().counter(), 2u);
}

TEST(MeterStore, ANewStoreHasNothingToLoad) {
  Meter m(settings());
  MeterStore ms(m);
  storage::MemoryStore store;
  bool found = true;
  ASSERT_TRUE(ms.load(m, store, found).is_ok());
  EXPECT_FALSE(found);
}

TEST(MeterStore, AfterACrashTheMeterIsAsAtTheLastSave) {
  Meter m(settings());
  MeterStore ms(m);
  storage::MemoryStore store;
  run(m, 0.0, 600);
  ASSERT_TRUE(ms.save(m, store).is_ok());
  const auto saved = registers_of(m);
  const double saved_time = m.meter_time_s();
  run(m, m.meter_time_s(), 37);  // then the power goes, unsaved

  Meter back(settings());
  MeterStore ms2(back);
  bool found = false;
  ASSERT_TRUE(ms2.load(back, store, found).is_ok());
  EXPECT_EQ(registers_of(back), saved);
  EXPECT_EQ(back.meter_time_s(), saved_time);
}

TEST(MeterStore, SavesOnlyNewRowsAndDropsTheOnesTheBufferLost) {
  MeterSettings s = settings();
  s.events.capacities[static_cast<std::size_t>(recording::LogGroup::kFraud)] = 10;
  Meter m(s);
  MeterStore ms(m);
  storage::MemoryStore store;
  double t = 0.0;
  for (int round = 0; round < 5; ++round) {
    for (int k = 0; k < 7; ++k) {
      m.set_fraud_input(quality::Input::kMeterCase, k % 2 == 0, t);
      run(m, t, 1);
      t += 60.0;
    }
    ASSERT_TRUE(ms.save(m, store).is_ok());
    std::vector<std::uint64_t> seqs;
    for (const auto& [key, row] : store.image().events)
      if (key.first == static_cast<std::uint8_t>(recording::LogGroup::kFraud)) seqs.push_back(key.second);
    const auto& log = m.events().log(recording::LogGroup::kFraud);
    ASSERT_EQ(seqs.size(), log.entries_in_use());
    for (std::size_t k = 0; k < seqs.size(); ++k) EXPECT_EQ(seqs[k], log.counter() - seqs.size() + 1 + k);
  }
  // 7 edges in the first round, 6 in each later one (it starts where the previous ended).
  EXPECT_EQ(m.events().log(recording::LogGroup::kFraud).counter(), 31u);
}

TEST(MeterStore, FailedCommitsLoseNothingTheNextCommitCanStillWrite) {
  Meter m(settings());
  MeterStore ms(m);
  storage::MemoryStore store;
  run(m, 0.0, 30);
  ASSERT_TRUE(ms.save(m, store).is_ok());
  store.fail_commits = true;
  double t = m.meter_time_s();
  for (int k = 0; k < 5; ++k) {
    m.set_fraud_input(quality::Input::kMagneticField, k % 2 == 0, t);
    run(m, t, 20);
    t = m.meter_time_s();
    const Status s = ms.save(m, store);
    EXPECT_EQ(s.code(), StatusCode::kCapacity);
    EXPECT_STREQ(s.reason(), "the disk is full");
  }
  store.fail_commits = false;
  ASSERT_TRUE(ms.save(m, store).is_ok());
  Meter back(settings());
  MeterStore ms2(back);
  bool found = false;
  ASSERT_TRUE(ms2.load(back, store, found).is_ok());
  expect_same(m, back);
}

TEST(MeterStore, DamageIsFoundAndNamed) {
  Meter m(settings());
  MeterStore ms(m);
  storage::MemoryStore good;
  run(m, 0.0, 24 * 60);
  m.set_fraud_input(quality::Input::kTerminalCover, true, m.meter_time_s());
  ASSERT_TRUE(ms.save(m, good).is_ok());
  auto load = [](storage::MemoryStore& st) {
    Meter back(settings());
    MeterStore loader(back);
    bool found = false;
    return loader.load(back, st, found);
  };
  {
    storage::MemoryStore bad = good;
    bad.image().snapshot[100] ^= 0x10;
    const Status s = load(bad);
    EXPECT_EQ(s.code(), StatusCode::kCorruption);
    EXPECT_STREQ(s.reason(), "fails its CRC-32 check");
  }
  {
    storage::MemoryStore bad = good;
    auto& rows = bad.image().profiles;
    rows.erase(std::next(rows.begin(), 5));
    const Status s = load(bad);
    EXPECT_EQ(s.code(), StatusCode::kCorruption);
    EXPECT_STREQ(s.field(), "store.profile");
  }
  {
    storage::MemoryStore bad = good;
    auto& rows = bad.image().events;
    rows.erase(std::prev(rows.end()));
    const Status s = load(bad);
    EXPECT_EQ(s.code(), StatusCode::kCorruption);
    EXPECT_STREQ(s.field(), "store.events");
  }
  {
    storage::MemoryStore bad = good;
    auto& rows = bad.image().profiles;
    const auto last = *std::prev(rows.end());
    auto extra = last.second;
    extra.utc_s += 900;
    rows.insert({{last.first.first, last.first.second + 1}, extra});
    const Status s = load(bad);
    EXPECT_EQ(s.code(), StatusCode::kCorruption);
  }
}

TEST(MeterStore, ResumingAfterAnOutageLogsItAndFillsTheProfile) {
  Meter m(settings());
  run(m, 0.0, 60);  // one hour: 4 rows in profile 1
  const std::size_t rows = m.load_profile(0).entries_in_use();
  m.resume_after_outage(3600.0);
  EXPECT_EQ(m.meter_time_s(), 7200.0);
  // Four instants passed while off: filled, flagged power down and data not valid.
  ASSERT_EQ(m.load_profile(0).entries_in_use(), rows + 4);
  for (std::size_t k = rows; k < rows + 4; ++k)
    EXPECT_EQ(m.load_profile(0).entry(k).status & (recording::amr::kPowerDown | recording::amr::kDataNotValid),
              recording::amr::kPowerDown | recording::amr::kDataNotValid);
  const auto& std_log = m.events().log(recording::LogGroup::kStandard);
  ASSERT_GE(std_log.entries_in_use(), 2u);
  EXPECT_EQ(std_log.entry(std_log.entries_in_use() - 2).code, recording::event_code::kPowerDown);
  EXPECT_EQ(std_log.entry(std_log.entries_in_use() - 1).code, recording::event_code::kPowerUp);
  const auto& pf = m.events().log(recording::LogGroup::kPowerFailure);
  ASSERT_EQ(pf.entries_in_use(), 1u);
  EXPECT_EQ(pf.entry(0).context[0], 3600.0);
  EXPECT_EQ(pf.entry(0).utc_s, kStart + 7200);
}

}  // namespace
}  // namespace quadra::meter

namespace quadra::meter {
namespace {

// The size of the devices' section (Meter::persist_devices: display lists, pulse counter,
// battery), the last of the meter's state.
std::size_t devices_size(const Meter& m) {
  storage::StateWriter w({});
  const_cast<Meter&>(m).persist_devices(w);
  return w.needed();
}

// The size of the power-quality section (Meter::persist_quality), the one before it.
std::size_t quality_size() {
  storage::StateWriter w({});
  Meter m(settings());
  m.persist_quality(w);
  return w.needed();
}

// The bytes from the relays' section (Meter::persist_outputs) to the end of the meter's state:
// the relays, the power-quality section and the devices.
std::size_t outputs_size() {
  storage::StateWriter w({});
  Meter m(settings());
  m.persist_outputs(w);
  return w.needed() + quality_size() + devices_size(m);
}

// What format 5 adds after the marks of the logs and load profiles (MeterStore's QualityMarks):
// the schedules of the two periodic power-quality profiles and the counts of the three event
// profiles and the daily billing profile.
std::size_t quality_marks_size() {
  storage::StateWriter w({});
  recording::LoadProfile::Schedule sch;
  std::uint64_t n = 0;
  for (int k = 0; k < 2; ++k) w(sch.started)(sch.handled_until)(sch.last_now)(sch.pending)(sch.rows_written)(n);
  for (int k = 0; k < 4; ++k) w(n)(n);
  return w.needed();
}

// The snapshot record of `store` rewritten: the tariff program (the section before the relays,
// Meter::persist_program) passed to `edit` as the bytes it holds (empty to drop
// it), the result sealed as `format`.
void rewrite_program(storage::MemoryStore& store, const Meter& m, std::uint16_t format,
                     void (*edit)(std::vector<std::uint8_t>& program)) {
  std::vector<std::uint8_t>& record = store.image().snapshot;
  std::uint32_t length = 0;
  std::memcpy(&length, record.data() + 8, 4);
  const std::vector<std::uint8_t> payload(record.begin() + storage::kSnapshotHeader,
                                          record.begin() + storage::kSnapshotHeader + length);
  storage::StateWriter meter_size({});
  meter_size(m);
  storage::StateWriter program_size({});
  bool flag = false;
  clock::ActivityCalendar calendar;
  clock::SpecialDaysTable special_days;
  std::uint16_t script = 0;
  clock::UtcSeconds until = 0;
  int field = 0;
  program_size(flag)(calendar)(special_days)(script)(until)(flag)(field)(field)(field);
  const std::size_t end = meter_size.needed() - outputs_size(), begin = end - program_size.needed();
  // (the sections after the program are kept as they are)
  std::vector<std::uint8_t> program(payload.begin() + static_cast<std::ptrdiff_t>(begin),
                                    payload.begin() + static_cast<std::ptrdiff_t>(end));
  edit(program);
  std::vector<std::uint8_t> rewritten(payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(begin));
  rewritten.insert(rewritten.end(), program.begin(), program.end());
  rewritten.insert(rewritten.end(), payload.begin() + static_cast<std::ptrdiff_t>(end), payload.end());
  std::vector<std::uint8_t> buffer(rewritten.size() + storage::kSnapshotOverhead);
  std::copy(rewritten.begin(), rewritten.end(), storage::snapshot_payload(buffer).begin());
  std::size_t size = 0;
  storage::seal_snapshot(buffer, rewritten.size(), format, size);
  record.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size));
}

// The snapshot record of `store` rewritten as an older format wrote it: the meter's state cut to
// its first `kept` bytes (format 1: Meter::persist_core alone; format 3: all but the relays and
// the power-quality section and the devices; format 4: all but those two; format 5: all but the
// devices), the marks without what format 5 added to them.
void rewrite_as_older_format(storage::MemoryStore& store, const Meter& m, std::size_t kept, std::uint16_t format) {
  std::vector<std::uint8_t>& record = store.image().snapshot;
  std::uint32_t length = 0;
  std::memcpy(&length, record.data() + 8, 4);
  const std::vector<std::uint8_t> payload(record.begin() + storage::kSnapshotHeader,
                                          record.begin() + storage::kSnapshotHeader + length);
  storage::StateWriter meter_size({});
  meter_size(m);
  std::vector<std::uint8_t> rewritten(payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(kept));
  rewritten.insert(rewritten.end(), payload.begin() + static_cast<std::ptrdiff_t>(meter_size.needed()),
                   payload.end() - static_cast<std::ptrdiff_t>(format < 5 ? quality_marks_size() : 0));
  if (format < 5) {  // nor the rows of the profiles it added
    auto& rows = store.image().profiles;
    rows.erase(rows.lower_bound({2, 0}), rows.end());
  }
  std::vector<std::uint8_t> buffer(rewritten.size() + storage::kSnapshotOverhead);
  std::copy(rewritten.begin(), rewritten.end(), storage::snapshot_payload(buffer).begin());
  std::size_t size = 0;
  storage::seal_snapshot(buffer, rewritten.size(), format, size);
  record.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size));
}

void rewrite_as_format_1(storage::MemoryStore& store, const Meter& m) {
  storage::StateWriter core_size({});
  const_cast<Meter&>(m).persist_core(core_size);
  rewrite_as_older_format(store, m, core_size.needed(), 1);
}

TEST(MeterStore, TheRelaysAreKeptAndAFormat3SnapshotLoadsWithTheRelaysAsConfigured) {
  Meter original(settings());
  run(original, 0.0, 60);
  ASSERT_EQ(original.disconnector(Relays::Request::kRemoteDisconnect, 30.0), Relays::Outcome::kChanged);
  ASSERT_TRUE(original.run_output_script(3, Relays::Source::kLocal, 40.0).is_ok());
  ASSERT_TRUE(original.set_disconnect_control_mode(4, 50.0).is_ok());
  MeterStore saver(original);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(original, store).is_ok());
  {
    Meter restored(settings());
    MeterStore loader(restored);
    bool found = false;
    ASSERT_TRUE(loader.load(restored, store, found).is_ok());
    ASSERT_TRUE(found);
    EXPECT_EQ(restored.relays().control_state(), Relays::ControlState::kDisconnected);
    EXPECT_EQ(restored.relays().control_mode(), 4);
    EXPECT_TRUE(restored.relays().relay2_closed());
    EXPECT_EQ(restored.relays().last_switch(1).who, Relays::Source::kRemote);
    EXPECT_EQ(restored.relays().last_switch(2).who, Relays::Source::kLocal);
    EXPECT_EQ(restored.relays().last_switch(2).utc_s, original.relays().last_switch(2).utc_s);
  }
  storage::StateWriter meter_size({});
  meter_size(original);
  rewrite_as_older_format(store, original, meter_size.needed() - outputs_size(), 3);
  Meter restored(settings());
  MeterStore loader(restored);
  bool found = false;
  ASSERT_TRUE(loader.load(restored, store, found).is_ok());
  ASSERT_TRUE(found);
  expect_same(original, restored);
  EXPECT_EQ(restored.relays().control_state(), Relays::ControlState::kConnected);
  EXPECT_EQ(restored.relays().control_mode(), settings().disconnect_control_mode);
  EXPECT_FALSE(restored.relays().relay2_closed());
}

TEST(MeterStore, AFormat4SnapshotLoadsWithThePowerQualityAndDailyProfilesEmpty) {
  Meter original(settings());
  run(original, 0.0, 60 * 25);  // past the first midnight: a daily entry, power-quality rows
  ASSERT_EQ(original.daily_billing().entries_in_use(), 1u);
  ASSERT_GT(original.load_profile(2).entries_in_use(), 0u);
  MeterStore saver(original);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(original, store).is_ok());
  storage::StateWriter meter_size({});
  meter_size(original);
  rewrite_as_older_format(store, original, meter_size.needed() - quality_size() - devices_size(original), 4);
  Meter restored(settings());
  MeterStore loader(restored);
  bool found = false;
  ASSERT_TRUE(loader.load(restored, store, found).is_ok());
  ASSERT_TRUE(found);
  expect_same(original, restored);
  EXPECT_EQ(restored.relays().control_mode(), original.relays().control_mode());
  EXPECT_EQ(restored.daily_billing().entries_in_use(), 0u);
  EXPECT_EQ(restored.load_profile(2).entries_in_use(), 0u);
  EXPECT_EQ(restored.next_daily_utc_s(), original.next_daily_utc_s());  // planned from the restored time
  // It saves format 5 from now on, which loads again.
  run(restored, restored.meter_time_s(), 60 * 24);
  ASSERT_TRUE(loader.save(restored, store).is_ok());
  Meter again(settings());
  MeterStore third(again);
  ASSERT_TRUE(third.load(again, store, found).is_ok());
  EXPECT_EQ(again.daily_billing().entries_in_use(), 1u);
  EXPECT_EQ(again.load_profile(2).entries_in_use(), restored.load_profile(2).entries_in_use());
}

TEST(MeterStore, ARelayStateOutOfRangeIsCorruption) {
  Meter original(settings());
  MeterStore saver(original);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(original, store).is_ok());
  std::vector<std::uint8_t>& record = store.image().snapshot;
  std::uint32_t length = 0;
  std::memcpy(&length, record.data() + 8, 4);
  storage::StateWriter meter_size({});
  meter_size(original);
  // The control state is the first byte of the relays' section; reseal so that the CRC holds.
  std::vector<std::uint8_t> payload(record.begin() + storage::kSnapshotHeader, record.begin() + storage::kSnapshotHeader + length);
  payload[meter_size.needed() - outputs_size()] = 7;
  std::vector<std::uint8_t> buffer(payload.size() + storage::kSnapshotOverhead);
  std::copy(payload.begin(), payload.end(), storage::snapshot_payload(buffer).begin());
  std::size_t size = 0;
  storage::seal_snapshot(buffer, payload.size(), MeterStore::kFormat, size);
  record.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(size));
  Meter restored(settings());
  MeterStore loader(restored);
  bool found = false;
  const Status s = loader.load(restored, store, found);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_STREQ(s.reason(), "the disconnector's control state is not 0..2");
}

TEST(MeterStore, AFormat1SnapshotLoadsAndTheMeterKeepsItsConfiguredProgram) {
  Meter original(settings());
  run(original, 0.0, 600);
  MeterStore saver(original);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(original, store).is_ok());
  rewrite_as_format_1(store, original);

  Meter restored(settings());
  MeterStore loader(restored);
  bool found = false;
  ASSERT_TRUE(loader.load(restored, store, found).is_ok());
  ASSERT_TRUE(found);
  expect_same(original, restored);
  EXPECT_EQ(restored.calendar().active(), original.calendar().active());
  // From now on it saves the current format, which loads again.
  ASSERT_TRUE(loader.save(restored, store).is_ok());
  Meter again(settings());
  MeterStore third(again);
  ASSERT_TRUE(third.load(again, store, found).is_ok());
  expect_same(original, again);
}

TEST(MeterStore, AProgramThatFailsItsChecksIsCorruptionNotATariff) {
  Meter original(settings());
  run(original, 0.0, 60);
  MeterStore saver(original);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(original, store).is_ok());
  // "Changed over DLMS", and the active set's first season name 200 octets long: the flag (1),
  // the calendar's name (8 octets and the length), the season name's 8 octets, then its length.
  rewrite_program(store, original, MeterStore::kFormat, [](std::vector<std::uint8_t>& program) {
    program[0] = 1;
    program[1 + (clock::kMaxNameLength + 1) + clock::kMaxNameLength] = 200;
  });
  Meter restored(settings());
  MeterStore loader(restored);
  bool found = false;
  const Status s = loader.load(restored, store, found);
  EXPECT_EQ(s.code(), StatusCode::kCorruption) << s.reason();
}

// The pulse counter, the battery's drain and a display list written over DLMS survive a restart;
// a format 5 snapshot (before them) loads with a new battery, no pulses and the configured lists.
TEST(MeterStore, PulsesBatteryAndDisplayListsAreKeptAndAFormat5SnapshotLoads) {
  MeterSettings s = settings();
  s.pulse_input.enabled = true;
  s.pulse_input.constant = 100.0;
  Meter original(s);
  run(original, 0.0, 60);
  original.count_pulses(1234);
  original.resume_after_outage(7200.0);  // 2 h at 10 uA: 0.02 mAh
  const std::array<Obis, 2> list{Obis(1, 0, 1, 8, 0), Obis(0, 0, 97, 97, 0)};
  ASSERT_TRUE(original.set_display_list(1, list, original.meter_time_s()).is_ok());
  EXPECT_EQ(original.set_display_list(3, list, 0.0).code(), StatusCode::kInvalidArgument);
  MeterStore saver(original);
  storage::MemoryStore store;
  ASSERT_TRUE(saver.save(original, store).is_ok());
  {
    Meter restored(s);
    MeterStore loader(restored);
    bool found = false;
    ASSERT_TRUE(loader.load(restored, store, found).is_ok());
    EXPECT_EQ(restored.pulse_input().pulses(), 1234u);
    EXPECT_NEAR(restored.battery().used_mah(), 0.02, 1e-12);
    EXPECT_DOUBLE_EQ(restored.battery().on_battery_s(), 7200.0);
    ASSERT_EQ(restored.display_list(1).size(), 2u);
    EXPECT_EQ(restored.display_list(1)[1], Obis(0, 0, 97, 97, 0));
    EXPECT_EQ(restored.display_list(0).size(), default_display_lists().count[0]);
  }
  storage::StateWriter meter_size({});
  meter_size(original);
  rewrite_as_older_format(store, original, meter_size.needed() - devices_size(original), 5);
  Meter restored(s);
  MeterStore loader(restored);
  bool found = false;
  ASSERT_TRUE(loader.load(restored, store, found).is_ok());
  EXPECT_EQ(restored.pulse_input().pulses(), 0u);
  EXPECT_EQ(restored.battery().used_mah(), 0.0);
  EXPECT_EQ(restored.display_list(1).size(), default_display_lists().count[1]);
  EXPECT_EQ(restored.meter_time_s(), original.meter_time_s());
}

}  // namespace
}  // namespace quadra::meter
