#include "core/storage/state_archive.h"

#include <gtest/gtest.h>

#include <array>
#include <optional>

namespace quadra::storage {
namespace {

enum class Colour : std::uint8_t { kRed = 1, kBlue = 2 };

struct Inner {
  double x = 0.0;
  std::int64_t n = 0;
  template <class A>
  void persist(A& a) {
    a(x)(n);
  }
};

struct Outer {
  bool flag = false;
  Colour colour = Colour::kRed;
  std::array<Inner, 3> inner{};
  std::optional<std::uint32_t> maybe;
  std::uint16_t not_persisted = 0;
  template <class A>
  void persist(A& a) {
    a(flag)(colour)(inner)(maybe);
  }
};

TEST(StateArchive, WhatIsWrittenIsReadBackFieldForField) {
  Outer o;
  o.flag = true;
  o.colour = Colour::kBlue;
  o.inner[1] = {2.5, -7};
  o.inner[2] = {1e300, 1LL << 62};
  o.maybe = 42;
  o.not_persisted = 9;
  std::array<std::uint8_t, 256> buf{};
  StateWriter w(buf);
  w(o);
  ASSERT_TRUE(w.status().is_ok());
  // 1 + 1 + 3 * 16 + (1 + 4)
  EXPECT_EQ(w.size(), 55u);

  Outer back;
  StateReader r(w.bytes());
  r(back);
  ASSERT_TRUE(r.complete());
  EXPECT_TRUE(back.flag);
  EXPECT_EQ(back.colour, Colour::kBlue);
  EXPECT_EQ(back.inner[1].x, 2.5);
  EXPECT_EQ(back.inner[2].n, 1LL << 62);
  EXPECT_EQ(back.maybe, std::optional<std::uint32_t>(42));
  EXPECT_EQ(back.not_persisted, 0);
}

TEST(StateArchive, AnEmptyOptionalKeepsTheLayoutFixed) {
  Outer a, b;
  b.maybe = 5;
  std::array<std::uint8_t, 256> ba{}, bb{};
  StateWriter wa(ba), wb(bb);
  wa(a);
  wb(b);
  EXPECT_EQ(wa.size(), wb.size());
  Outer back;
  back.maybe = 3;
  StateReader r(wa.bytes());
  r(back);
  ASSERT_TRUE(r.complete());
  EXPECT_FALSE(back.maybe.has_value());
}

TEST(StateArchive, AFullBufferIsACapacityError) {
  Outer o;
  std::array<std::uint8_t, 20> buf{};
  StateWriter w(buf);
  w(o);
  EXPECT_EQ(w.status().code(), StatusCode::kCapacity);
  EXPECT_LE(w.size(), buf.size());
}

TEST(StateArchive, ShortInputIsCorruption) {
  Outer o;
  std::array<std::uint8_t, 256> buf{};
  StateWriter w(buf);
  w(o);
  for (std::size_t n = 0; n < w.size(); ++n) {
    Outer back;
    StateReader r(w.bytes().first(n));
    r(back);
    EXPECT_EQ(r.status().code(), StatusCode::kCorruption) << n;
  }
}

TEST(StateArchive, ABooleanOtherThanZeroOrOneIsCorruption) {
  std::array<std::uint8_t, 1> buf{7};
  bool b = false;
  StateReader r(buf);
  r(b);
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
}

TEST(StateArchive, TrailingBytesMeanTheReadIsNotComplete) {
  std::array<std::uint8_t, 3> buf{1, 0, 0};
  bool b = false;
  StateReader r(buf);
  r(b);
  EXPECT_TRUE(r.status().is_ok());
  EXPECT_FALSE(r.complete());
}

}  // namespace
}  // namespace quadra::storage
