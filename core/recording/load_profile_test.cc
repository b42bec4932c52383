#include "core/recording/load_profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/recording/default_load_profiles.h"

namespace quadra::recording {
namespace {

using clock::UtcSeconds;

constexpr UtcSeconds kDay = 86'400;
constexpr UtcSeconds kT0 = 20'000 * kDay;  // 2024-10-04T00:00:00Z, a UTC midnight

const std::array<meter::Obis, 3> kCaptures{{{1, 0, 1, 8, 0}, {1, 0, 2, 8, 0}, {1, 0, 32, 7, 0}}};

// A meter whose register c reads (time since kT0) * 10 + c at the current time `now`.
struct FakeMeter {
  UtcSeconds now = kT0;
  int reads = 0;
  double value_at(UtcSeconds t, const meter::Obis& o) const { return static_cast<double>(t - kT0) * 10.0 + o.c(); }
  auto reader() {
    return [this](const meter::Obis& o, meter::RegisterValue& v) {
      ++reads;
      if (o.c() == 99) return false;
      v.value = value_at(now, o);
      return true;
    };
  }
};

LoadProfileConfig config(std::int64_t period_s, std::size_t capacity) {
  return LoadProfileConfig{period_s, kCaptures, capacity};
}

std::vector<UtcSeconds> times(const LoadProfile& p) {
  std::vector<UtcSeconds> out;
  for (std::size_t k = 0; k < p.entries_in_use(); ++k) out.push_back(p.entry(k).utc_s);
  return out;
}

// Runs the meter from `from` to `to` inclusive in steps, as the meter calls after each interval.
void run(LoadProfile& p, FakeMeter& m, UtcSeconds from, UtcSeconds to, UtcSeconds step, std::uint8_t flags = 0) {
  for (UtcSeconds t = from; t <= to; t += step) {
    m.now = t;
    p.advance_to(t, m.reader(), flags);
  }
}

TEST(LoadProfile, ValidatesPeriodCapturesAndCapacity) {
  EXPECT_TRUE(LoadProfile::validate(default_load_profile_1()).is_ok());
  EXPECT_TRUE(LoadProfile::validate(default_load_profile_2()).is_ok());
  EXPECT_TRUE(LoadProfile::validate(config(1, 10)).is_ok());
  EXPECT_TRUE(LoadProfile::validate(config(3600, 10)).is_ok());
  EXPECT_STREQ(LoadProfile::validate(config(0, 10)).field(), "load_profile.period_s");
  EXPECT_STREQ(LoadProfile::validate(config(7200, 10)).field(), "load_profile.period_s");
  EXPECT_STREQ(LoadProfile::validate(config(7, 10)).field(), "load_profile.period_s");  // 86400 % 7 != 0
  EXPECT_STREQ(LoadProfile::validate(config(900, 0)).field(), "load_profile.capacity");
  const std::array<meter::Obis, 17> many{};
  EXPECT_EQ(LoadProfile::validate(LoadProfileConfig{900, many, 10}).code(), StatusCode::kCapacity);
}

TEST(LoadProfile, CapturesAtAlignedInstantsOverADay) {
  LoadProfile p(config(900, 200));
  FakeMeter m;
  run(p, m, kT0 + 30, kT0 + kDay + 30, 60);  // first call 30 s after midnight
  ASSERT_EQ(p.entries_in_use(), 96u);           // 00:15 .. 24:00
  for (std::size_t k = 0; k < p.entries_in_use(); ++k) {
    const ProfileRowView r = p.entry(k);
    const UtcSeconds instant = kT0 + 900 * static_cast<UtcSeconds>(k + 1);
    EXPECT_EQ(r.utc_s, instant);
    EXPECT_EQ(r.status, 0);
    // The meter calls 30 s after each boundary: the row holds the values read at that call.
    for (std::size_t c = 0; c < kCaptures.size(); ++c) EXPECT_EQ(r.values[c], m.value_at(instant + 30, kCaptures[c]));
  }
}

TEST(LoadProfile, ValuesAreTheReadersValuesAtTheInstant) {
  // Called exactly on the boundaries (and in between), the row equals the reader at the instant.
  LoadProfile p(config(600, 200));
  FakeMeter m;
  run(p, m, kT0, kT0 + kDay, 200);
  ASSERT_EQ(p.entries_in_use(), 145u);  // 00:00 (the first call is on the grid) .. 24:00
  for (std::size_t k = 0; k < p.entries_in_use(); ++k) {
    const ProfileRowView r = p.entry(k);
    EXPECT_EQ(r.utc_s % 600, 0);
    for (std::size_t c = 0; c < kCaptures.size(); ++c) EXPECT_EQ(r.values[c], m.value_at(r.utc_s, kCaptures[c]));
  }
}

TEST(LoadProfile, TwoProfilesRunIndependentlyOnTheSameMeter) {
  LoadProfile energy(default_load_profile_1());
  LoadProfile quality(default_load_profile_2());
  FakeMeter m;
  for (UtcSeconds t = kT0 + 1; t <= kT0 + 3 * 3600; t += 1) {
    m.now = t;
    energy.advance_to(t, m.reader(), 0);
    quality.advance_to(t, m.reader(), 0);
  }
  EXPECT_EQ(energy.entries_in_use(), 12u);   // every 15 min for 3 h
  EXPECT_EQ(quality.entries_in_use(), 18u);  // every 10 min
  EXPECT_EQ(energy.column_count(), 12u);     // clock, status, 10 objects
  EXPECT_EQ(quality.column_count(), 15u);    // clock, status, 13 objects
  EXPECT_EQ(energy.entry(0).utc_s, kT0 + 900);
  EXPECT_EQ(quality.entry(0).utc_s, kT0 + 600);
  EXPECT_EQ(quality.entry(17).values[12], m.value_at(kT0 + 3 * 3600, meter::Obis(1, 0, 14, 7, 0)));
  energy.reset();
  EXPECT_EQ(quality.entries_in_use(), 18u);
}

TEST(LoadProfile, UnknownCaptureObjectReadsAsNaN) {
  const std::array<meter::Obis, 2> list{{{1, 0, 1, 8, 0}, {1, 0, 99, 9, 9}}};
  LoadProfile p(LoadProfileConfig{60, list, 5});
  FakeMeter m;
  run(p, m, kT0, kT0, 1);
  ASSERT_EQ(p.entries_in_use(), 1u);
  EXPECT_EQ(p.entry(0).values[0], 1.0);
  EXPECT_TRUE(std::isnan(p.entry(0).values[1]));
}

TEST(LoadProfile, YearProfileWrapsAfterOneYear) {
  LoadProfile p(default_load_profile_1());
  ASSERT_EQ(p.capacity(), 35'040u);
  const auto read = [](const meter::Obis& o, meter::RegisterValue& v) {
    v.value = o.c();
    return true;
  };
  // 366 days, called once per capture period, day after day.
  for (UtcSeconds day = 0; day < 366; ++day) {
    for (UtcSeconds q = 1; q <= 96; ++q) p.advance_to(kT0 + day * kDay + q * 900, read, 0);
  }
  EXPECT_EQ(p.entries_in_use(), 35'040u);
  EXPECT_EQ(p.entry(0).utc_s, kT0 + 1 * kDay + 900);       // the first day has been dropped
  EXPECT_EQ(p.entry(35'039).utc_s, kT0 + 366 * kDay);       // the newest
  for (std::size_t k = 1; k < p.entries_in_use(); k += 997) EXPECT_EQ(p.entry(k).utc_s - p.entry(k - 1).utc_s, 900);
  // A time range across the seam of the ring buffer.
  std::vector<UtcSeconds> got;
  ASSERT_TRUE(p.read_by_time(kT0 + 200 * kDay, kT0 + 200 * kDay + 3600, 1, 1,
                             [&](const ProfileRowView& r, IndexRange) { got.push_back(r.utc_s); })
                  .is_ok());
  EXPECT_EQ(got.size(), 5u);
  EXPECT_EQ(got.front(), kT0 + 200 * kDay);
}

TEST(LoadProfile, OutageIsFilledWithPowerDownRows) {
  LoadProfile p(config(900, 100));
  FakeMeter m;
  run(p, m, kT0, kT0 + 1000, 10);  // rows 00:00, 00:15; power fails at 00:16:40
  m.now = kT0 + 5000;              // power returns at 01:23:20
  p.advance_to(m.now, m.reader(), amr::kPowerDown);
  EXPECT_EQ(times(p), (std::vector<UtcSeconds>{kT0, kT0 + 900, kT0 + 1800, kT0 + 2700, kT0 + 3600, kT0 + 4500}));
  for (std::size_t k = 2; k < 6; ++k) {
    EXPECT_EQ(p.entry(k).status, amr::kPowerDown | amr::kDataNotValid);
    // Read at power-up: for energy, the value when power went away (nothing measured meanwhile).
    EXPECT_EQ(p.entry(k).values[0], m.value_at(kT0 + 5000, kCaptures[0]));
  }
  run(p, m, kT0 + 5010, kT0 + 7200, 10);
  ASSERT_EQ(p.entries_in_use(), 9u);
  EXPECT_EQ(p.entry(6).utc_s, kT0 + 5400);
  EXPECT_EQ(p.entry(6).status, amr::kPowerDown);  // the period in which power returned
  EXPECT_EQ(p.entry(7).status, 0);
}

TEST(LoadProfile, ShortOutageInsideAPeriodMarksTheNextRow) {
  LoadProfile p(config(900, 100));
  FakeMeter m;
  run(p, m, kT0, kT0 + 100, 10);
  run(p, m, kT0 + 400, kT0 + 400, 1, amr::kPowerDown);  // off from 100 s to 400 s
  run(p, m, kT0 + 410, kT0 + 1800, 10);
  EXPECT_EQ(times(p), (std::vector<UtcSeconds>{kT0, kT0 + 900, kT0 + 1800}));
  EXPECT_EQ(p.entry(1).status, amr::kPowerDown);
  EXPECT_EQ(p.entry(2).status, 0);
}

TEST(LoadProfile, LongOutageWritesAtMostOneBufferOfFillerRows) {
  LoadProfile p(config(900, 10));
  FakeMeter m;
  run(p, m, kT0, kT0 + 900, 900);
  m.now = kT0 + 30 * kDay + 100;  // a month without power: 2879 instants missed
  p.advance_to(m.now, m.reader(), amr::kPowerDown);
  ASSERT_EQ(p.entries_in_use(), 10u);
  EXPECT_EQ(p.entry(9).utc_s, kT0 + 30 * kDay);
  EXPECT_EQ(p.entry(0).utc_s, kT0 + 30 * kDay - 9 * 900);
  for (std::size_t k = 0; k < 10; ++k) EXPECT_EQ(p.entry(k).status, amr::kPowerDown | amr::kDataNotValid);
  EXPECT_EQ(m.reads, 3 * 3);  // one read of the capture list per advance_to that wrote rows
}

TEST(LoadProfile, MissedCallsWithoutCauseAreFlaggedDataNotValid) {
  LoadProfile p(config(900, 100));
  FakeMeter m;
  run(p, m, kT0, kT0, 1);
  run(p, m, kT0 + 2800, kT0 + 2800, 1);  // the meter did not call for 2800 s
  EXPECT_EQ(times(p), (std::vector<UtcSeconds>{kT0, kT0 + 900, kT0 + 1800, kT0 + 2700}));
  EXPECT_EQ(p.entry(1).status, amr::kDataNotValid);
  EXPECT_EQ(p.entry(2).status, amr::kDataNotValid);
  EXPECT_EQ(p.entry(3).status, 0);
}

TEST(LoadProfile, ClockSetBackNeverDuplicatesOrRewritesRows) {
  LoadProfile p(config(900, 100));
  FakeMeter m;
  run(p, m, kT0, kT0 + 3660, 60);  // rows up to 01:00
  const std::vector<UtcSeconds> before = times(p);
  const double kept = p.entry(2).values[0];
  run(p, m, kT0 + 1000, kT0 + 5000, 60);  // clock set back to 00:16:40, runs on to 01:23:20
  std::vector<UtcSeconds> after = times(p);
  ASSERT_EQ(after.size(), before.size() + 1);
  EXPECT_TRUE(std::equal(before.begin(), before.end(), after.begin()));
  EXPECT_EQ(p.entry(2).values[0], kept);
  EXPECT_EQ(after.back(), kT0 + 4500);
  EXPECT_EQ(p.entry(after.size() - 1).status, amr::kClockAdjusted);
  for (std::size_t k = 1; k < after.size(); ++k) EXPECT_GT(after[k], after[k - 1]);
}

TEST(LoadProfile, ClockSetForwardSkipsTheInstantsJumpedOver) {
  LoadProfile p(config(900, 100));
  FakeMeter m;
  run(p, m, kT0, kT0 + 1000, 50);                          // rows 00:00, 00:15
  run(p, m, kT0 + 10'000, kT0 + 10'000, 1, amr::kClockAdjusted);  // set to 02:46:40
  EXPECT_EQ(p.entries_in_use(), 2u);
  run(p, m, kT0 + 10'050, kT0 + 12'000, 50);
  EXPECT_EQ(times(p), (std::vector<UtcSeconds>{kT0, kT0 + 900, kT0 + 10'800, kT0 + 11'700}));
  EXPECT_EQ(p.entry(2).status, amr::kClockAdjusted);
  EXPECT_EQ(p.entry(3).status, 0);
}

TEST(LoadProfile, StatusFlagsGoToTheNextRowOnly) {
  LoadProfile p(config(60, 100));
  FakeMeter m;
  run(p, m, kT0, kT0 + 120, 10, amr::kDaylightSaving);  // DST passed at every call
  run(p, m, kT0 + 125, kT0 + 125, 1, amr::kCriticalError);
  run(p, m, kT0 + 130, kT0 + 240, 10);
  ASSERT_EQ(p.entries_in_use(), 5u);
  EXPECT_EQ(p.entry(0).status, amr::kDaylightSaving);
  EXPECT_EQ(p.entry(2).status, amr::kDaylightSaving);
  EXPECT_EQ(p.entry(3).status, amr::kCriticalError);
  EXPECT_EQ(p.entry(4).status, 0);
}

TEST(LoadProfile, CaptureNowAddsAnOffGridRowAndNeverADuplicate) {
  LoadProfile p(config(900, 100));
  FakeMeter m;
  run(p, m, kT0, kT0 + 100, 10);
  m.now = kT0 + 450;
  ASSERT_TRUE(p.capture_now(m.now, m.reader(), 0).is_ok());
  EXPECT_EQ(p.capture_now(kT0 + 450, m.reader(), 0).code(), StatusCode::kOutOfRange);
  m.now = kT0 + 900;
  ASSERT_TRUE(p.capture_now(m.now, m.reader(), 0).is_ok());  // exactly on the next instant
  run(p, m, kT0 + 900, kT0 + 1800, 10);                        // the scheduled capture at 900 is not repeated
  EXPECT_EQ(times(p), (std::vector<UtcSeconds>{kT0, kT0 + 450, kT0 + 900, kT0 + 1800}));
  EXPECT_EQ(p.entry(1).values[1], m.value_at(kT0 + 450, kCaptures[1]));
}

TEST(LoadProfile, ResetEmptiesWithoutCapturingOldInstantsAgain) {
  LoadProfile p(config(900, 100));
  FakeMeter m;
  run(p, m, kT0, kT0 + 2000, 100);
  p.reset();
  EXPECT_EQ(p.entries_in_use(), 0u);
  run(p, m, kT0 + 2000, kT0 + 2700, 100);
  EXPECT_EQ(times(p), (std::vector<UtcSeconds>{kT0 + 2700}));
}

TEST(LoadProfile, SelectiveAccessWithColumns) {
  LoadProfile p(config(900, 100));
  FakeMeter m;
  run(p, m, kT0, kT0 + 4 * 900, 900);  // 5 rows, 00:00 .. 01:00
  std::vector<double> cells;
  auto collect = [&](const ProfileRowView& r, IndexRange cols) {
    for (std::size_t c = cols.first; c < cols.end(); ++c) cells.push_back(r.column(c));
  };
  // Entries 2..3, columns 1..2 (clock and status).
  ASSERT_TRUE(p.read_by_entry(2, 3, 1, 2, collect).is_ok());
  EXPECT_EQ(cells, (std::vector<double>{static_cast<double>(kT0 + 900), 0.0, static_cast<double>(kT0 + 1800), 0.0}));
  // Entry 5 to the last, the last column only (column 0 = to the last).
  cells.clear();
  ASSERT_TRUE(p.read_by_entry(5, 0, 5, 0, collect).is_ok());
  EXPECT_EQ(cells, (std::vector<double>{m.value_at(kT0 + 3600, kCaptures[2])}));
  // Columns 3..4 (the first two capture objects), by time, inclusive on both ends.
  cells.clear();
  ASSERT_TRUE(p.read_by_time(kT0 + 900, kT0 + 1800, 3, 4, collect).is_ok());
  EXPECT_EQ(cells, (std::vector<double>{m.value_at(kT0 + 900, kCaptures[0]), m.value_at(kT0 + 900, kCaptures[1]),
                                        m.value_at(kT0 + 1800, kCaptures[0]), m.value_at(kT0 + 1800, kCaptures[1])}));
  // Edges: beyond the end gives no rows; bad selections are refused before any row is visited.
  cells.clear();
  EXPECT_TRUE(p.read_by_entry(6, 0, 1, 0, collect).is_ok());
  EXPECT_TRUE(p.read_by_time(kT0 + 3601, kT0 + 9000, 1, 0, collect).is_ok());
  EXPECT_TRUE(cells.empty());
  EXPECT_EQ(p.read_by_entry(3, 2, 1, 0, collect).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.read_by_entry(1, 0, 2, 1, collect).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.read_by_time(kT0 + 1800, kT0, 1, 0, collect).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(p.read_by_entry(1, 0, 6, 0, collect).is_ok());  // column 6 > 5 columns: no cells
  EXPECT_TRUE(cells.empty());
}

TEST(LoadProfile, RawStateRoundTripsThroughRestore) {
  LoadProfile a(config(900, 4));
  FakeMeter m;
  run(a, m, kT0, kT0 + 6 * 900 + 100, 50);  // 7 rows captured, 4 kept; a clock set pending
  a.advance_to(kT0 + 5300, m.reader(), 0);  // clock set back by 200 s
  LoadProfile b(config(900, 4));
  for (std::size_t k = 0; k < a.entries_in_use(); ++k) {
    const ProfileRowView r = a.entry(k);
    ASSERT_TRUE(b.restore_row(r.utc_s, r.status, r.values).is_ok());
  }
  b.restore_schedule(a.schedule());
  EXPECT_EQ(b.restore_row(kT0, 0, a.entry(0).values).code(), StatusCode::kCorruption);  // clock not after
  EXPECT_EQ(b.restore_row(kT0 + kDay, 0, {}).code(), StatusCode::kCorruption);           // wrong width
  // Both continue identically.
  FakeMeter m2 = m;
  run(a, m, kT0 + 5600, kT0 + 9000, 50);
  run(b, m2, kT0 + 5600, kT0 + 9000, 50);
  ASSERT_EQ(times(a), times(b));
  for (std::size_t k = 0; k < a.entries_in_use(); ++k) {
    EXPECT_EQ(a.entry(k).status, b.entry(k).status);
    EXPECT_EQ(a.entry(k).values[0], b.entry(k).values[0]);
  }
  EXPECT_EQ(a.entry(0).status, amr::kClockAdjusted);  // the set back before 5600 marked the next row
}

}  // namespace
}  // namespace quadra::recording
