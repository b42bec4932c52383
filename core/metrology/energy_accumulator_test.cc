#include "core/metrology/energy_accumulator.h"

#include <gtest/gtest.h>

#include "core/metrology/four_quadrant_energy.h"
#include "core/metrology/pulse_output.h"

namespace quadra::metrology {
namespace {

TEST(EnergyAccumulator, BillionSmallStepsEqualOneBigStep) {
  // 1e9 additions of 1.234567e-7 Wh: a naive double sum drifts by ~1e-4 relative; the quanta
  // plus residue scheme must stay within one ulp-scale error of the exact product.
  EnergyAccumulator acc;
  const double step = 1.234567e-7;
  const long n = 100'000'000;
  for (long k = 0; k < n; ++k) acc.add(step);
  const double exact = step * static_cast<double>(n);
  EXPECT_NEAR(acc.value(), exact, 1e-9 * exact);
  EXPECT_GE(acc.residue(), 0.0);
  EXPECT_LT(acc.residue(), acc.quantum());
}

TEST(EnergyAccumulator, ReturnsCompletedQuanta) {
  EnergyAccumulator acc(0.05);
  EXPECT_EQ(acc.add(0.04), 0);
  EXPECT_EQ(acc.add(0.02), 1);   // 0.06 -> one quantum, residue 0.01
  EXPECT_EQ(acc.add(0.19), 4);   // 0.20 -> four
  EXPECT_EQ(acc.quanta(), 5);
  EXPECT_NEAR(acc.residue(), 0.0, 1e-12);
}

TEST(FourQuadrant, SplitFollowsTheQuadrantConvention) {
  struct Case { double p, q; EnergyQuantity quad; bool import; };
  const Case cases[] = {{10, 5, EnergyQuantity::kReactiveQ1, true},
                        {-10, 5, EnergyQuantity::kReactiveQ2, false},
                        {-10, -5, EnergyQuantity::kReactiveQ3, false},
                        {10, -5, EnergyQuantity::kReactiveQ4, true}};
  for (const Case& c : cases) {
    const EnergyIncrement inc = split_into_quadrants(c.p, c.q, 12.0);
    EXPECT_DOUBLE_EQ(inc.amount[index(c.quad)], 5.0);
    EXPECT_DOUBLE_EQ(inc.amount[index(c.import ? EnergyQuantity::kActiveImport : EnergyQuantity::kActiveExport)], 10.0);
    EXPECT_DOUBLE_EQ(inc.amount[index(c.import ? EnergyQuantity::kApparentImport : EnergyQuantity::kApparentExport)], 12.0);
    EXPECT_DOUBLE_EQ(inc.amount[index(c.q > 0 ? EnergyQuantity::kReactiveImport : EnergyQuantity::kReactiveExport)], 5.0);
    double sum = 0;
    for (double a : inc.amount) sum += a;
    EXPECT_DOUBLE_EQ(sum, 10.0 + 5.0 + 5.0 + 12.0);
  }
}

TEST(PulseOutput, CountsWholeQuantaAndPlacesThemInTime) {
  PulseOutput out(20000.0);  // 0.05 Wh per pulse
  std::vector<double> times;
  out.add(0.12, 10.0, 1.0, [&](double t) { times.push_back(t); });
  ASSERT_EQ(times.size(), 2u);
  EXPECT_NEAR(times[0], 10.0 + 0.05 / 0.12, 1e-12);
  EXPECT_NEAR(times[1], 10.0 + 0.10 / 0.12, 1e-12);
  out.add(0.04, 11.0, 1.0, [&](double t) { times.push_back(t); });  // residue 0.02 + 0.04
  ASSERT_EQ(times.size(), 3u);
  EXPECT_NEAR(times[2], 11.0 + 0.03 / 0.04, 1e-9);
  EXPECT_EQ(out.count(), 3);
}

}  // namespace
}  // namespace quadra::metrology
