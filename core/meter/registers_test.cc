#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "core/meter/billing_profile.h"
#include "core/common/obis.h"
#include "core/meter/tariff_energy_registers.h"

namespace quadra::meter {
namespace {

using metrology::Element;
using metrology::EnergyQuantity;

TEST(Obis, FormatsAndParses) {
  char text[24];
  Obis(1, 0, 21, 8, 3).format(text);
  EXPECT_STREQ(text, "1.0.21.8.3.255");
  Obis o;
  ASSERT_TRUE(Obis::parse("1.0.1.8.0.255", o));
  EXPECT_EQ(o, Obis(1, 0, 1, 8, 0, 255));
  ASSERT_TRUE(Obis::parse("1-0:2.8.1*255", o));
  EXPECT_EQ(o, Obis(1, 0, 2, 8, 1, 255));
  ASSERT_TRUE(Obis::parse("0.0.96.1.0", o));
  EXPECT_EQ(o.f(), 255);
  EXPECT_FALSE(Obis::parse("1.0.256.8.0.255", o));
  EXPECT_FALSE(Obis::parse("1.0.1.8", o));
  EXPECT_FALSE(Obis::parse("1.0.1.8.0.255.1", o));
  EXPECT_FALSE(Obis::parse("1..1.8.0.255", o));
  EXPECT_FALSE(Obis::parse("", o));
}

TEST(TariffEnergyRegisters, ObisCodesFollowTheBlueBook) {
  EXPECT_EQ(energy_obis(EnergyQuantity::kActiveImport, Element::kTotal, 0), Obis(1, 0, 1, 8, 0));
  EXPECT_EQ(energy_obis(EnergyQuantity::kReactiveQ4, Element::kTotal, 2), Obis(1, 0, 8, 8, 2));
  EXPECT_EQ(energy_obis(EnergyQuantity::kActiveExport, Element::kL1, 0), Obis(1, 0, 22, 8, 0));
  EXPECT_EQ(energy_obis(EnergyQuantity::kApparentExport, Element::kL3, 6), Obis(1, 0, 70, 8, 6));
  TariffEnergyRegisters r;
  Element e;
  EnergyQuantity q;
  unsigned t;
  ASSERT_TRUE(r.find(Obis(1, 0, 43, 8, 5), e, q, t));
  EXPECT_EQ(e, Element::kL2);
  EXPECT_EQ(q, EnergyQuantity::kReactiveImport);
  EXPECT_EQ(t, 5u);
  EXPECT_FALSE(r.find(Obis(1, 0, 11, 8, 0), e, q, t));   // C = 11 is not an energy of ours
  EXPECT_FALSE(r.find(Obis(1, 0, 1, 8, 7), e, q, t));    // no tariff 7
  EXPECT_FALSE(r.find(Obis(1, 0, 1, 6, 0), e, q, t));    // maximum demand, not energy
}

TEST(TariffEnergyRegisters, TariffsAlwaysAddUpToTheTotal) {
  TariffEnergyRegisters r;
  TariffEnergyRegisters::Increments inc{};
  inc[3].amount[metrology::index(EnergyQuantity::kActiveImport)] = 0.0123456789;
  inc[0].amount[metrology::index(EnergyQuantity::kReactiveQ2)] = 0.0007;
  double expected_total = 0;
  for (int k = 0; k < 600000; ++k) {
    const unsigned tariff = 1 + static_cast<unsigned>(k / 1000 % 6);
    r.add(inc, tariff);
    expected_total += 0.0123456789;
  }
  double sum = 0;
  for (unsigned t = 1; t <= 6; ++t) sum += r.value(Element::kTotal, EnergyQuantity::kActiveImport, t);
  const double total = r.value(Element::kTotal, EnergyQuantity::kActiveImport, 0);
  EXPECT_NEAR(total, sum, 1e-9);
  EXPECT_NEAR(total, 0.0123456789 * 600000, 1e-6);
  EXPECT_NEAR(r.value(Element::kTotal, EnergyQuantity::kActiveImport, 2), 0.0123456789 * 100000, 1e-6);
  EXPECT_NEAR(r.value(Element::kL1, EnergyQuantity::kReactiveQ2, 0), 0.0007 * 600000, 1e-6);
  EXPECT_EQ(r.value(Element::kL1, EnergyQuantity::kReactiveQ1, 0), 0.0);
}

TEST(BillingProfile, KeepsTheLastEntriesFifoWithCounter) {
  const std::vector<Obis> list = {Obis(1, 0, 1, 8, 0), Obis(1, 0, 1, 6, 0), Obis(9, 9, 9, 9, 9)};
  ASSERT_TRUE(BillingProfile::validate(list, 3).is_ok());
  BillingProfile b(list, 3);
  for (int month = 1; month <= 5; ++month) {
    b.close(1000.0 * month, BillingTrigger::kSchedule, [&](const Obis& o, CapturedValue& v) {
      if (o == Obis(1, 0, 1, 8, 0)) {
        v.value = 100.0 * month;
        return true;
      }
      if (o == Obis(1, 0, 1, 6, 0)) {
        v.value = 7.0;
        v.capture_utc_s = 500.0 * month;
        return true;
      }
      return false;
    });
  }
  EXPECT_EQ(b.counter(), 5u);
  ASSERT_EQ(b.entries_in_use(), 3u);
  EXPECT_EQ(b.entry(0).counter, 3u);  // oldest kept
  EXPECT_EQ(b.entry(2).counter, 5u);
  EXPECT_EQ(b.entry(2).values[0].value, 500.0);
  EXPECT_EQ(b.entry(2).values[1].capture_utc_s, 2500.0);
  EXPECT_FALSE(b.entry(2).values[2].valid);
  EXPECT_EQ(b.entry(1).utc_s, 4000.0);
}

TEST(BillingProfile, RefusesMoreThanFiftyObjects) {
  std::vector<Obis> list(51, Obis(1, 0, 1, 8, 0));
  const Status st = BillingProfile::validate(list, 15);
  EXPECT_EQ(st.code(), StatusCode::kCapacity);
  EXPECT_STREQ(st.field(), "billing.capture_list");
  EXPECT_FALSE(BillingProfile::validate(std::vector<Obis>(3), 0).is_ok());
}

}  // namespace
}  // namespace quadra::meter
