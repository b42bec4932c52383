#include "core/registers/period_grid.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace quadra::registers {
namespace {

constexpr double kT0 = 1705276800.0;  // 2024-01-15T00:00:00Z, a UTC midnight

TEST(PeriodGrid, BoundariesAreWholeMultiplesOfThePeriod) {
  EXPECT_EQ(period_floor(kT0, 900.0), kT0);
  EXPECT_EQ(next_boundary(kT0, 900.0), kT0 + 900.0);
  EXPECT_EQ(period_floor(kT0 + 899.999, 900.0), kT0);
  EXPECT_EQ(next_boundary(kT0 + 899.999, 900.0), kT0 + 900.0);
  EXPECT_EQ(period_floor(kT0 - 0.001, 900.0), kT0 - 900.0);
  EXPECT_EQ(next_boundary(kT0 - 0.001, 900.0), kT0);
  EXPECT_TRUE(on_boundary(kT0 + 1800.0, 900.0));
  EXPECT_FALSE(on_boundary(kT0 + 1800.5, 900.0));
  EXPECT_EQ(period_floor(kT0 + 1234.0, 3600.0), kT0);  // a midnight is on every grid that divides a day
}

TEST(PeriodGrid, OneUlpBeforeABoundaryStillBelongsToThePeriodBefore) {
  for (double p : {60.0, 300.0, 900.0, 3600.0}) {
    for (int k = 0; k < 1000; ++k) {
      const double b = kT0 + static_cast<double>(k) * p;
      const double before = std::nextafter(b, -std::numeric_limits<double>::infinity());
      EXPECT_EQ(next_boundary(before, p), b);
      EXPECT_EQ(period_floor(before, p), b - p);
      EXPECT_EQ(next_boundary(b, p), b + p);
    }
  }
}

TEST(PeriodGrid, UtcAlignmentIsLocalAlignmentForOffsetsThatAreMultiplesOfThePeriod) {
  EXPECT_TRUE(aligns_locally(3600.0, 900.0));    // CET
  EXPECT_TRUE(aligns_locally(7200.0, 3600.0));   // CEST
  EXPECT_TRUE(aligns_locally(19800.0, 900.0));   // India +5:30, quarter hours
  EXPECT_FALSE(aligns_locally(19800.0, 3600.0));  // ... but not whole hours
  EXPECT_TRUE(aligns_locally(20700.0, 900.0));   // Nepal +5:45
  EXPECT_FALSE(aligns_locally(20700.0, 1800.0));
  EXPECT_TRUE(aligns_locally(-18000.0, 900.0));  // US Eastern
}

}  // namespace
}  // namespace quadra::registers
