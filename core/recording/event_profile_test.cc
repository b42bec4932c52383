#include "core/recording/event_profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace quadra::recording {
namespace {

const std::array<meter::Obis, 2> kCaptures{{{1, 0, 12, 33, 0}, {1, 0, 99, 99, 0}}};

// Register c reads `value`; C = 99 is unknown.
auto reader(double value) {
  return [value](const meter::Obis& o, meter::RegisterValue& v) {
    if (o.c() == 99) return false;
    v.value = value;
    return true;
  };
}

TEST(EventProfile, CapturesOneRowPerEventWithItsFractionalTimeStamp) {
  EventProfile p(EventProfileConfig{kCaptures, 3});
  ASSERT_TRUE(p.capture(1000.25, reader(1.5)).is_ok());
  ASSERT_EQ(p.entries_in_use(), 1u);
  EXPECT_EQ(p.entry(0).utc_s, 1000.25);
  EXPECT_EQ(p.entry(0).values[0], 1.5);
  EXPECT_TRUE(std::isnan(p.entry(0).values[1]));
  EXPECT_EQ(p.rows_written(), 1u);
}

TEST(EventProfile, DropsTheOldestWhenFullAndRefusesAStampBeforeTheNewest) {
  EventProfile p(EventProfileConfig{kCaptures, 2});
  for (int k = 0; k < 3; ++k) ASSERT_TRUE(p.capture(100.0 + k, reader(k)).is_ok());
  ASSERT_EQ(p.entries_in_use(), 2u);
  EXPECT_EQ(p.entry(0).utc_s, 101.0);
  EXPECT_EQ(p.entry(1).values[0], 2.0);
  EXPECT_EQ(p.rows_written(), 3u);
  EXPECT_EQ(p.capture(101.5, reader(9)).code(), StatusCode::kOutOfRange);
  EXPECT_EQ(p.rows_written(), 3u);
  EXPECT_TRUE(p.capture(102.0, reader(9)).is_ok());  // the same stamp as the newest is fine
  p.reset();
  EXPECT_EQ(p.entries_in_use(), 0u);
  EXPECT_EQ(p.rows_written(), 4u);
}

TEST(EventProfile, RestoredRowsAreTheSavedOnesAndBadOnesAreCorruption) {
  EventProfile a(EventProfileConfig{kCaptures, 4});
  for (int k = 0; k < 6; ++k) ASSERT_TRUE(a.capture(10.0 * k, reader(k)).is_ok());
  EventProfile b(EventProfileConfig{kCaptures, 4});
  for (std::size_t k = 0; k < a.entries_in_use(); ++k) ASSERT_TRUE(b.restore_row(a.entry(k).utc_s, a.entry(k).values).is_ok());
  b.restore_rows_written(a.rows_written());
  ASSERT_EQ(b.entries_in_use(), 4u);
  EXPECT_EQ(b.rows_written(), 6u);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(b.entry(k).utc_s, a.entry(k).utc_s);
    EXPECT_EQ(b.entry(k).values[0], a.entry(k).values[0]);
  }
  const std::array<double, 1> short_row{1.0};
  EXPECT_EQ(b.restore_row(100.0, short_row).code(), StatusCode::kCorruption);
  const std::array<double, 2> row{1.0, 2.0};
  EXPECT_EQ(b.restore_row(0.0, row).code(), StatusCode::kCorruption);
  EXPECT_EQ(EventProfile::validate(EventProfileConfig{kCaptures, 0}).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace quadra::recording
