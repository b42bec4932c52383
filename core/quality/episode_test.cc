#include "core/quality/episode.h"

#include <gtest/gtest.h>

namespace quadra::quality {
namespace {

using Step = Episode::Step;

// A "below 90, back at 92" level on a value stream, one value per 10 ms.
struct Below {
  Episode e;
  double t = 0.0;
  Step feed(double v) {
    const Step s = e.update(v < 90.0, v >= 92.0, v, t, t);
    t += 0.01;
    return s;
  }
};

TEST(Episode, StartsAtOnceWithoutMinimumAndEndsPastTheHysteresis) {
  Below b{Episode(0.0, Extreme::kMin)};
  EXPECT_EQ(b.feed(100.0), Step::kNone);
  EXPECT_EQ(b.feed(80.0), Step::kStarted);
  EXPECT_DOUBLE_EQ(b.e.start_s(), 0.01);
  EXPECT_EQ(b.feed(70.0), Step::kNone);
  EXPECT_EQ(b.feed(91.0), Step::kNone);  // inside the band: still on
  EXPECT_EQ(b.feed(92.0), Step::kEnded);
  EXPECT_DOUBLE_EQ(b.e.end_s(), 0.04);
  EXPECT_DOUBLE_EQ(b.e.duration_s(), 0.03);
  EXPECT_EQ(b.e.extreme(), 70.0);  // the ending value is not part of it
  EXPECT_FALSE(b.e.active());
}

TEST(Episode, HoveringInsideTheBandDoesNotChatter) {
  Below b{Episode(0.0, Extreme::kMin)};
  int starts = 0, ends = 0;
  for (int k = 0; k < 100; ++k) {
    const Step s = b.feed(k % 2 ? 89.0 : 91.0);
    starts += s == Step::kStarted;
    ends += s == Step::kEnded;
  }
  EXPECT_EQ(starts, 1);
  EXPECT_EQ(ends, 0);
}

TEST(Episode, ShorterThanTheMinimumIsDroppedLongerKeepsItsTrueStart) {
  Below b{Episode(0.05, Extreme::kMin)};
  EXPECT_EQ(b.feed(50.0), Step::kNone);  // t = 0: pending
  EXPECT_TRUE(b.e.pending());
  EXPECT_EQ(b.feed(50.0), Step::kNone);
  EXPECT_EQ(b.feed(95.0), Step::kCancelled);
  EXPECT_FALSE(b.e.pending());
  // t = 0.03 .. : lasts 0.05 s -> reported at t = 0.08 with start 0.03.
  Step s = Step::kNone;
  int n = 0;
  while (s == Step::kNone) {
    s = b.feed(n++ == 2 ? 40.0 : 60.0);
  }
  EXPECT_EQ(s, Step::kStarted);
  EXPECT_NEAR(b.e.start_s(), 0.03, 1e-12);
  EXPECT_EQ(b.e.extreme(), 40.0);
  EXPECT_EQ(n, 6);
}

TEST(Episode, MaxExtremeTracksTheHighest) {
  Episode e(0.0, Extreme::kMax);
  EXPECT_EQ(e.update(true, false, 5.0, 0.0, 0.0), Step::kStarted);
  EXPECT_EQ(e.update(true, false, 7.0, 1.0, 1.0), Step::kNone);
  EXPECT_EQ(e.update(true, false, 6.0, 2.0, 2.0), Step::kNone);
  EXPECT_EQ(e.update(false, true, 1.0, 3.0, 3.0), Step::kEnded);
  EXPECT_EQ(e.extreme(), 7.0);
}

}  // namespace
}  // namespace quadra::quality
