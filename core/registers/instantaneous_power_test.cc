#include "core/registers/instantaneous_power.h"

#include <gtest/gtest.h>

namespace quadra::registers {
namespace {

using metrology::Element;

TEST(InstantaneousPower, SplitsSignedPowersByDirection) {
  InstantaneousPower ip;
  ip.update(Element::kL1, 1000.0, -300.0, 1044.0);   // Q4: import, capacitive
  ip.update(Element::kL2, -2000.0, 500.0, 2062.0);   // Q2: export
  EXPECT_EQ(ip.value(Element::kL1, DemandQuantity::kActiveImport), 1000.0);
  EXPECT_EQ(ip.value(Element::kL1, DemandQuantity::kActiveExport), 0.0);
  EXPECT_EQ(ip.value(Element::kL1, DemandQuantity::kReactiveExport), 300.0);
  EXPECT_EQ(ip.value(Element::kL1, DemandQuantity::kApparentImport), 1044.0);
  EXPECT_EQ(ip.value(Element::kL1, DemandQuantity::kApparentExport), 0.0);
  EXPECT_EQ(ip.value(Element::kL2, DemandQuantity::kActiveExport), 2000.0);
  EXPECT_EQ(ip.value(Element::kL2, DemandQuantity::kReactiveImport), 500.0);
  EXPECT_EQ(ip.value(Element::kL2, DemandQuantity::kApparentExport), 2062.0);
}

TEST(InstantaneousPower, TakesAWholeWindow) {
  metrology::WindowValues w;
  w.phase[0].p_w = 10.0;
  w.phase[2].p_w = -5.0;
  w.phase[2].s_va = 6.0;
  w.p_w = 5.0;
  w.q_var = 1.0;
  w.s_va = 16.0;
  InstantaneousPower ip;
  ip.update(w);
  EXPECT_EQ(ip.value(Element::kL1, DemandQuantity::kActiveImport), 10.0);
  EXPECT_EQ(ip.value(Element::kL3, DemandQuantity::kApparentExport), 6.0);
  EXPECT_EQ(ip.value(Element::kTotal, DemandQuantity::kApparentImport), 16.0);
  EXPECT_EQ(ip.value(Element::kTotal, DemandQuantity::kReactiveImport), 1.0);
}

TEST(InstantaneousPower, ObisCodes) {
  EXPECT_EQ(InstantaneousPower::obis_c(Element::kTotal, DemandQuantity::kActiveImport), 1);
  EXPECT_EQ(InstantaneousPower::obis_c(Element::kL1, DemandQuantity::kActiveImport), 21);
  EXPECT_EQ(InstantaneousPower::obis_c(Element::kL2, DemandQuantity::kReactiveExport), 44);
  EXPECT_EQ(InstantaneousPower::obis_c(Element::kL3, DemandQuantity::kApparentExport), 70);
}

}  // namespace
}  // namespace quadra::registers
