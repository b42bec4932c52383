#include "core/clock/special_days.h"

#include <gtest/gtest.h>

#include <string>

namespace quadra::clock {
namespace {

TEST(SpecialDays, InsertFindAndDelete) {
  SpecialDaysTable t;
  ASSERT_TRUE(t.insert({8, CosemDate::every_year(12, 25), 3}).is_ok());
  ASSERT_TRUE(t.insert({1, CosemDate::every_year(1, 1), 3}).is_ok());
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.entries()[0].index, 1);  // kept sorted by index
  ASSERT_NE(t.find({2030, 12, 25}), nullptr);
  EXPECT_EQ(t.find({2030, 12, 25})->index, 8);
  EXPECT_EQ(t.find({2030, 12, 24}), nullptr);
  ASSERT_TRUE(t.remove(8).is_ok());
  EXPECT_EQ(t.find({2030, 12, 25}), nullptr);
  const Status missing = t.remove(8);
  EXPECT_EQ(missing.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(std::string(missing.field()), "special_days.index");
}

TEST(SpecialDays, SameIndexOrSameDateOverwrites) {
  SpecialDaysTable t;
  ASSERT_TRUE(t.insert({5, CosemDate::every_year(5, 1), 3}).is_ok());
  // Same index, another date: the entry is replaced.
  ASSERT_TRUE(t.insert({5, CosemDate::every_year(5, 3), 3}).is_ok());
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.find({2025, 5, 1}), nullptr);
  EXPECT_NE(t.find({2025, 5, 3}), nullptr);
  // Same date, another index: replaced as well (Blue Book insert semantics).
  ASSERT_TRUE(t.insert({9, CosemDate::every_year(5, 3), 4}).is_ok());
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t.entries()[0], (SpecialDay{9, CosemDate::every_year(5, 3), 4}));
}

TEST(SpecialDays, LowestIndexWinsWhenSeveralMatch) {
  SpecialDaysTable t;
  ASSERT_TRUE(t.insert({10, CosemDate::every_year(12, 24), 3}).is_ok());
  ASSERT_TRUE(t.insert({2, CosemDate::on(2025, 12, 24), 1}).is_ok());  // an exception for one year
  EXPECT_EQ(t.find({2025, 12, 24})->day_id, 1);
  EXPECT_EQ(t.find({2026, 12, 24})->day_id, 3);
}

TEST(SpecialDays, CapacityIsFixed) {
  SpecialDaysTable t;
  for (int i = 0; i < static_cast<int>(kMaxSpecialDays); ++i) {
    const CivilDate d = add_days(CivilDate{2025, 1, 1}, i);
    ASSERT_TRUE(t.insert({static_cast<std::uint16_t>(i), CosemDate::on(d.year, d.month, d.day), 3}).is_ok());
  }
  const Status full = t.insert({1000, CosemDate::every_year(12, 25), 3});
  EXPECT_EQ(full.code(), StatusCode::kCapacity);
  EXPECT_EQ(std::string(full.field()), "special_days.entries");
  EXPECT_EQ(t.size(), kMaxSpecialDays);
  // Replacing an entry needs no room.
  EXPECT_TRUE(t.insert({0, CosemDate::every_year(12, 25), 3}).is_ok());
}

TEST(SpecialDays, InvalidOrUnsupportedDatesAreRefused) {
  SpecialDaysTable t;
  EXPECT_EQ(t.insert({1, CosemDate{kYearNotSpecified, 13, 1, kNotSpecified}, 3}).code(), StatusCode::kInvalidArgument);
  const Status dst_month = t.insert({1, CosemDate{kYearNotSpecified, kMonthDstEnd, 1, kNotSpecified}, 3});
  EXPECT_EQ(dst_month.code(), StatusCode::kNotSupported);
  EXPECT_EQ(std::string(dst_month.field()), "special_days.specialday_date");
  EXPECT_EQ(t.size(), 0u);
}

}  // namespace
}  // namespace quadra::clock
