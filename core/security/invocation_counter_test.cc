#include "core/security/invocation_counter.h"

#include <gtest/gtest.h>

namespace quadra::security {
namespace {

TEST(InvocationCounterGuard, AcceptsOnlyStrictlyIncreasingCounters) {
  InvocationCounterGuard g;
  EXPECT_FALSE(g.has_last());
  EXPECT_TRUE(g.accept(0).is_ok());  // the first one, even 0
  EXPECT_EQ(g.verdict(0), CounterVerdict::kReplayed);
  const Status s = g.accept(0);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_STREQ(s.field(), "security.invocation_counter");
  EXPECT_STREQ(s.reason(), "not greater than the last accepted one (replay)");
  EXPECT_TRUE(g.accept(5).is_ok());  // gaps are fine
  EXPECT_FALSE(g.accept(4).is_ok());
  EXPECT_FALSE(g.accept(5).is_ok());
  EXPECT_EQ(g.last(), 5U);
  EXPECT_TRUE(g.check(6).is_ok());
  EXPECT_EQ(g.last(), 5U);  // check() records nothing
}

TEST(InvocationCounterGuard, TheLastCounterValueEndsTheKey) {
  InvocationCounterGuard g = InvocationCounterGuard::after(0xFFFFFFFE);
  EXPECT_TRUE(g.accept(0xFFFFFFFF).is_ok());
  EXPECT_FALSE(g.accept(0xFFFFFFFF).is_ok());
  EXPECT_FALSE(g.accept(0).is_ok());  // no wrap-around
  g.reset();                          // a new key
  EXPECT_TRUE(g.accept(1).is_ok());
}

TEST(InvocationCounterGuard, EventCode) { EXPECT_EQ(kEventReplayedInvocationCounter, 50); }

}  // namespace
}  // namespace quadra::security
