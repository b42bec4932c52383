// The rule "no heap after construction", checked: this binary replaces the global operator new to
// count allocations, and the recording hot paths (record, clear, advance_to with gaps and clock
// changes, capture_now, reset, readouts) must leave the count unchanged.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "core/recording/default_load_profiles.h"
#include "core/recording/event_profile.h"
#include "core/recording/event_recorder.h"
#include "core/recording/load_profile.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  std::abort();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace quadra::recording {
namespace {

struct CountingNotifier final : Notifier {
  int count = 0;
  void on_notification(const AlarmNotification&) override { ++count; }
};

TEST(NoHeap, RecordingNeverAllocatesAfterConstruction) {
  const std::array<AlarmMapping, 1> map{{{LogGroup::kFraud, 40, 3}}};
  EventRecorderConfig ec;
  ec.capacities = {8, 8, 8, 8, 8, 8, 8};
  ec.alarm_map = map;
  CountingNotifier notifier;
  EventRecorder rec(ec, &notifier);
  LoadProfile p1(default_load_profile_1());
  LoadProfile p2(default_load_profile_2());
  const std::array<meter::Obis, 3> event_captures{{{1, 0, 12, 33, 0}, {1, 0, 12, 34, 0}, {1, 0, 12, 32, 128}}};
  EventProfile dips(EventProfileConfig{event_captures, 100});
  const auto read = [](const meter::Obis& o, meter::RegisterValue& v) {
    v.value = o.d();
    return true;
  };
  double sink = 0.0;
  const auto visit_row = [&](const ProfileRowView& r, IndexRange cols) {
    for (std::size_t c = cols.first; c < cols.end(); ++c) sink += r.column(c);
  };
  const auto visit_event = [&](const EventRow& r) { sink += r.code; };

  const long before = g_allocations.load();
  constexpr clock::UtcSeconds t0 = 1'728'000'000;
  for (clock::UtcSeconds t = t0; t < t0 + 86'400; t += 60) {
    p1.advance_to(t, read, 0);
    p2.advance_to(t, read, amr::kDaylightSaving);
    rec.record(LogGroup::kFraud, 40, t);
    rec.record(LogGroup::kPowerQuality, 76, t, 1.5, 190.0);
    ASSERT_TRUE(dips.capture(static_cast<double>(t) + 0.25, read).is_ok());
    for (std::size_t k = 0; k < dips.entries_in_use(); k += 50) sink += dips.entry(k).values[1];
  }
  p1.advance_to(t0 + 10 * 86'400, read, amr::kPowerDown);     // outage: filler rows
  p1.advance_to(t0 + 20 * 86'400, read, amr::kClockAdjusted);  // set forward
  p1.advance_to(t0 + 19 * 86'400, read, 0);                    // set back
  ASSERT_TRUE(p2.capture_now(t0 + 30 * 86'400, read, 0).is_ok());
  rec.clear_log(LogGroup::kFraud, t0);
  rec.record_power_failure(t0, 3600);
  rec.clear_alarms(0xFFFF'FFFF, t0);
  ASSERT_TRUE(p1.read_by_entry(1, 0, 1, 0, visit_row).is_ok());
  ASSERT_TRUE(p2.read_by_time(t0, t0 + 3600, 2, 5, visit_row).is_ok());
  ASSERT_TRUE(rec.log(LogGroup::kPowerQuality).read_by_entry(2, 0, visit_event).is_ok());
  rec.log(LogGroup::kCommunication).read_by_time(t0, t0, visit_event);
  meter::RegisterValue v;
  ASSERT_TRUE(rec.read(meter::Obis(0, 0, 97, 98, 0), v));
  p2.reset();
  dips.reset();
  const long after = g_allocations.load();

  EXPECT_EQ(after, before);
  {
    // The counter itself works: a vector does allocate.
    const std::vector<int> probe(3);
    EXPECT_GT(g_allocations.load(), after + static_cast<long>(probe.size()) - 3);
  }
  EXPECT_GT(sink, 0.0);
  EXPECT_EQ(notifier.count, 1);
  EXPECT_EQ(p1.entries_in_use(), 96u + 9u * 96u + 1u);  // a day, then the outage filled to day 10
}

}  // namespace
}  // namespace quadra::recording
