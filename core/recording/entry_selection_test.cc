#include "core/recording/entry_selection.h"

#include <gtest/gtest.h>

namespace quadra::recording {
namespace {

IndexRange sel(std::size_t n, std::uint32_t from, std::uint32_t to) {
  IndexRange r;
  EXPECT_TRUE(select_range(n, from, to, "t", r).is_ok());
  return r;
}

TEST(EntrySelection, ZeroMeansToTheLast) {
  const IndexRange r = sel(10, 3, 0);
  EXPECT_EQ(r.first, 2u);
  EXPECT_EQ(r.count, 8u);
}

TEST(EntrySelection, ExactRangeAndSingleEntry) {
  EXPECT_EQ(sel(10, 1, 10).count, 10u);
  const IndexRange one = sel(10, 4, 4);
  EXPECT_EQ(one.first, 3u);
  EXPECT_EQ(one.count, 1u);
}

TEST(EntrySelection, ToBeyondTheEndIsClipped) {
  const IndexRange r = sel(10, 8, 500);
  EXPECT_EQ(r.first, 7u);
  EXPECT_EQ(r.count, 3u);
}

TEST(EntrySelection, FromBeyondTheEndIsEmpty) {
  EXPECT_TRUE(sel(10, 11, 0).empty());
  EXPECT_TRUE(sel(10, 11, 20).empty());
  EXPECT_TRUE(sel(0, 1, 0).empty());
}

TEST(EntrySelection, FromAfterToAndFromZeroAreRefused) {
  IndexRange r;
  const Status s = select_range(10, 5, 4, "profile.entry", r);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_STREQ(s.field(), "profile.entry");
  EXPECT_EQ(select_range(10, 0, 4, "x", r).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace quadra::recording
