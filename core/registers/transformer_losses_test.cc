#include "core/registers/transformer_losses.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "core/registers/transformer_test_sheet.h"

namespace quadra::registers {
namespace {

using metrology::Element;
using metrology::EnergyQuantity;

constexpr Element kPhases[3] = {Element::kL1, Element::kL2, Element::kL3};

LossInterval balanced(double duration_s, double u, double i, double p_w, double q_var = 0.0) {
  LossInterval in;
  in.duration_s = duration_s;
  in.u_rms_v = {u, u, u};
  in.i_rms_a = {i, i, i};
  in.p_total_w = p_w;
  in.q_total_var = q_var;
  return in;
}

// One hour at rated voltage and current, in 0.2 s windows (the metrology's 10-cycle window).
void rated_hour(TransformerLosses& tl, double u, double i) {
  for (int k = 0; k < 18000; ++k) ASSERT_TRUE(tl.add(balanced(0.2, u, i, 400e3)).is_ok());
}

struct SheetCase {
  const char* name;
  TransformerSheet sheet;
  MeteringSide side;
  LossInputScale input;
  double ct_ratio;
  double vt_ratio;
};

class RatedLoad : public ::testing::TestWithParam<SheetCase> {};

// At rated current for one hour OLA = P_k * 1 h and OLR = Q_k * 1 h; at rated voltage NLA = P_0 * 1 h
// and NLR = Q_0 * 1 h; each phase one third; wherever the meter sits and whatever scale it reads.
TEST_P(RatedLoad, OneHourMatchesTheTestSheet) {
  const SheetCase& sc = GetParam();
  const TransformerSheet& s = sc.sheet;
  TransformerLossConfig cfg;
  ASSERT_TRUE(coefficients_from_sheet(s, sc.side, NoLoadReactiveLaw::kQuadratic, cfg.coefficients).is_ok());
  cfg.input = sc.input;
  cfg.ct_ratio = sc.ct_ratio;
  cfg.vt_ratio = sc.vt_ratio;
  ASSERT_TRUE(validate_config(cfg).is_ok());
  TransformerLosses tl(cfg);

  const double un = sc.side == MeteringSide::kLowVoltage ? s.rated_voltage_lv_v : s.rated_voltage_hv_v;
  const double in = s.rated_power_va / (std::sqrt(3.0) * un);  // primary rated line current
  const double uph = un / std::sqrt(3.0);
  const bool secondary = sc.input == LossInputScale::kSecondary;
  rated_hour(tl, secondary ? uph / sc.vt_ratio : uph, secondary ? in / sc.ct_ratio : in);

  const double sk = s.short_circuit_voltage_pct / 100.0 * s.rated_power_va;
  const double s0 = s.no_load_current_pct / 100.0 * s.rated_power_va;
  const double qk = std::sqrt(sk * sk - s.load_losses_w * s.load_losses_w);
  const double q0 = std::sqrt(s0 * s0 - s.no_load_losses_w * s.no_load_losses_w);
  const double rel = 1e-9;
  EXPECT_NEAR(tl.loss(LossKind::kOla, Element::kTotal, LossDirection::kImport), s.load_losses_w,
              rel * s.load_losses_w);
  EXPECT_NEAR(tl.loss(LossKind::kNla, Element::kTotal, LossDirection::kImport), s.no_load_losses_w,
              rel * s.no_load_losses_w);
  EXPECT_NEAR(tl.loss(LossKind::kOlr, Element::kTotal, LossDirection::kImport), qk, rel * qk);
  EXPECT_NEAR(tl.loss(LossKind::kNlr, Element::kTotal, LossDirection::kImport), q0, rel * q0);
  for (Element ph : kPhases) {
    EXPECT_NEAR(tl.loss(LossKind::kOla, ph, LossDirection::kImport), s.load_losses_w / 3.0,
                rel * s.load_losses_w);
    EXPECT_NEAR(tl.loss(LossKind::kNla, ph, LossDirection::kImport), s.no_load_losses_w / 3.0,
                rel * s.no_load_losses_w);
    EXPECT_NEAR(tl.loss(LossKind::kOlr, ph, LossDirection::kImport), qk / 3.0, rel * qk);
    EXPECT_NEAR(tl.loss(LossKind::kNlr, ph, LossDirection::kImport), q0 / 3.0, rel * q0);
    // The integrals are primary: I_n^2 * 1 h and (U_n / sqrt 3)^2 * 1 h.
    EXPECT_NEAR(tl.i2h(ph), in * in, rel * in * in);
    EXPECT_NEAR(tl.u2h(ph), uph * uph, rel * uph * uph);
    EXPECT_EQ(tl.loss(LossKind::kOla, ph, LossDirection::kExport), 0.0);
  }
  EXPECT_NEAR(tl.i2h(Element::kTotal), 3.0 * in * in, rel * in * in);
  EXPECT_NEAR(tl.u2h(Element::kTotal), un * un, rel * un * un);
}

INSTANTIATE_TEST_SUITE_P(
    Sheet630kVA, RatedLoad,
    ::testing::Values(
        // LV metering, CT 1000/5, no VT: the meter reads 230.94 V and 4.5466 A.
        SheetCase{"LvCt1000to5", sheets::sheet_630kva_tier1(), MeteringSide::kLowVoltage,
                  LossInputScale::kSecondary, 1000.0 / 5.0, 1.0},
        // MV metering, VT 15000/100, CT 25/5: the meter reads 57.735 V and 4.8497 A.
        SheetCase{"MvVt15000to100Ct25to5", sheets::sheet_630kva_tier1(), MeteringSide::kHighVoltage,
                  LossInputScale::kSecondary, 25.0 / 5.0, 15000.0 / 100.0},
        // The metrology's own (primary) values on either side.
        SheetCase{"LvPrimary", sheets::sheet_630kva_tier1(), MeteringSide::kLowVoltage,
                  LossInputScale::kPrimary, 200.0, 1.0},
        SheetCase{"MvPrimary", sheets::sheet_630kva_tier1(), MeteringSide::kHighVoltage,
                  LossInputScale::kPrimary, 5.0, 150.0},
        // The Tier 2 loss levels.
        SheetCase{"Tier2LvCt1000to5", sheets::sheet_630kva_tier2(), MeteringSide::kLowVoltage,
                  LossInputScale::kSecondary, 200.0, 1.0}),
    [](const ::testing::TestParamInfo<SheetCase>& p) { return std::string(p.param.name); });

TEST(TransformerLosses, NormalisedCoefficientsOnSecondaryValuesGiveTheSameLosses) {
  // A device that multiplies secondary U and I by the normalised coefficients (R k_CT^2, G k_VT^2)
  // gets the primary losses: here the secondary values are fed as if primary, with ratio 1.
  TransformerLossConfig primary_cfg;
  ASSERT_TRUE(coefficients_from_sheet(sheets::sheet_630kva_tier1(), MeteringSide::kHighVoltage,
                                      NoLoadReactiveLaw::kQuadratic, primary_cfg.coefficients).is_ok());
  primary_cfg.input = LossInputScale::kSecondary;
  primary_cfg.ct_ratio = 5.0;
  primary_cfg.vt_ratio = 150.0;
  TransformerLossConfig normalised_cfg;
  normalised_cfg.coefficients = referred_to_secondary(primary_cfg.coefficients, 5.0, 150.0);
  TransformerLosses a(primary_cfg);
  TransformerLosses b(normalised_cfg);
  const LossInterval in = balanced(3600.0, 57.735026918962575, 4.849742261192857, 1.0);
  ASSERT_TRUE(a.add(in).is_ok());
  ASSERT_TRUE(b.add(in).is_ok());
  for (LossKind k : {LossKind::kOla, LossKind::kOlr, LossKind::kNla, LossKind::kNlr}) {
    const double la = a.loss(k, Element::kTotal, LossDirection::kImport);
    EXPECT_NEAR(b.loss(k, Element::kTotal, LossDirection::kImport), la, 1e-9 * la) << loss_kind_name(k);
  }
  EXPECT_NEAR(a.loss(LossKind::kOla, Element::kTotal, LossDirection::kImport), 6500.0, 1e-6);
}

TEST(TransformerLosses, QuarticLawForTheMagnetisingReactivePower) {
  TransformerLossConfig quad;
  TransformerLossConfig quart;
  ASSERT_TRUE(coefficients_from_sheet(sheets::sheet_630kva_tier1(), MeteringSide::kLowVoltage,
                                      NoLoadReactiveLaw::kQuadratic, quad.coefficients).is_ok());
  ASSERT_TRUE(coefficients_from_sheet(sheets::sheet_630kva_tier1(), MeteringSide::kLowVoltage,
                                      NoLoadReactiveLaw::kQuartic, quart.coefficients).is_ok());
  TransformerLosses a(quad);
  TransformerLosses b(quart);
  const double u = 1.05 * 400.0 / std::sqrt(3.0);  // 5 % overvoltage, no load, one hour
  ASSERT_TRUE(a.add(balanced(3600.0, u, 0.0, 0.0)).is_ok());
  ASSERT_TRUE(b.add(balanced(3600.0, u, 0.0, 0.0)).is_ok());
  const double q0 = std::sqrt(6300.0 * 6300.0 - 600.0 * 600.0);
  EXPECT_NEAR(a.loss(LossKind::kNlr, Element::kTotal, LossDirection::kImport), q0 * 1.05 * 1.05, 1e-6);
  EXPECT_NEAR(b.loss(LossKind::kNlr, Element::kTotal, LossDirection::kImport), q0 * std::pow(1.05, 4), 1e-6);
  // Iron losses follow U^2 under both laws: 600 W * 1.1025.
  EXPECT_NEAR(b.loss(LossKind::kNla, Element::kTotal, LossDirection::kImport), 661.5, 1e-9);
  EXPECT_EQ(b.loss(LossKind::kOla, Element::kTotal, LossDirection::kImport), 0.0);
}

TransformerLossConfig crafted_config() {
  // R = 10 mOhm, X = 30 mOhm, G = 0.1 mS, B = 0.2 mS, primary values.
  TransformerLossConfig cfg;
  cfg.coefficients.r_cu_ohm = 0.01;
  cfg.coefficients.x_cu_ohm = 0.03;
  cfg.coefficients.g_fe_s = 1e-4;
  cfg.coefficients.b_m_s = 2e-4;
  return cfg;
}

TEST(TransformerLosses, ExactIntegralsOfACraftedSequence) {
  TransformerLosses tl(crafted_config());
  // A: 1800 x 1 s, importing, I = (100, 200, 0) A, U = (230, 230, 240) V:
  //    I^2h = 5000, 20000, 0;  U^2h = 26450, 26450, 28800.
  for (int k = 0; k < 1800; ++k) {
    LossInterval in;
    in.duration_s = 1.0;
    in.i_rms_a = {100.0, 200.0, 0.0};
    in.u_rms_v = {230.0, 230.0, 240.0};
    in.p_total_w = 50e3;
    ASSERT_TRUE(tl.add(in).is_ok());
  }
  // B: 10 x 36 s, exporting, I = 10 A each, no voltage: I^2h += 10 each; OLA export 0.1 Wh a phase.
  for (int k = 0; k < 10; ++k) ASSERT_TRUE(tl.add(balanced(36.0, 0.0, 10.0, -1000.0)).is_ok());
  // C: 720 x 0.2 s (0.04 h), no power (counts as import), U = 250 V: U^2h += 2500 each.
  for (int k = 0; k < 720; ++k) ASSERT_TRUE(tl.add(balanced(0.2, 250.0, 0.0, 0.0)).is_ok());

  const double tol = 1e-9;
  EXPECT_NEAR(tl.i2h(Element::kL1), 5010.0, 5010.0 * tol);
  EXPECT_NEAR(tl.i2h(Element::kL2), 20010.0, 20010.0 * tol);
  EXPECT_NEAR(tl.i2h(Element::kL3), 10.0, 10.0 * tol);
  EXPECT_NEAR(tl.i2h(Element::kTotal), 25030.0, 25030.0 * tol);
  EXPECT_NEAR(tl.u2h(Element::kL1), 28950.0, 28950.0 * tol);
  EXPECT_NEAR(tl.u2h(Element::kL3), 31300.0, 31300.0 * tol);
  EXPECT_NEAR(tl.u2h(Element::kTotal), 89200.0, 89200.0 * tol);
  // OLA import: 0.01 * (5000, 20000, 0) = 50, 200, 0 Wh; export 0.01 * 10 = 0.1 Wh a phase.
  EXPECT_NEAR(tl.loss(LossKind::kOla, Element::kL1, LossDirection::kImport), 50.0, 50.0 * tol);
  EXPECT_NEAR(tl.loss(LossKind::kOla, Element::kL2, LossDirection::kImport), 200.0, 200.0 * tol);
  EXPECT_NEAR(tl.loss(LossKind::kOla, Element::kTotal, LossDirection::kImport), 250.0, 250.0 * tol);
  EXPECT_NEAR(tl.loss(LossKind::kOla, Element::kL3, LossDirection::kExport), 0.1, 0.1 * tol);
  EXPECT_NEAR(tl.loss(LossKind::kOla, Element::kTotal, LossDirection::kExport), 0.3, 0.3 * tol);
  EXPECT_NEAR(tl.loss_both(LossKind::kOla, Element::kTotal), 250.3, 250.3 * tol);
  // OLR import: 0.03 * 25000 = 750 varh.
  EXPECT_NEAR(tl.loss(LossKind::kOlr, Element::kTotal, LossDirection::kImport), 750.0, 750.0 * tol);
  // NLA: 1e-4 * 89200 = 8.92 Wh, NLR: 2e-4 * 89200 = 17.84 varh, all import (B had no voltage).
  EXPECT_NEAR(tl.loss(LossKind::kNla, Element::kTotal, LossDirection::kImport), 8.92, 8.92 * tol);
  EXPECT_NEAR(tl.loss(LossKind::kNla, Element::kL1, LossDirection::kImport), 2.895, 2.895 * tol);
  EXPECT_NEAR(tl.loss(LossKind::kNlr, Element::kTotal, LossDirection::kImport), 17.84, 17.84 * tol);
  EXPECT_EQ(tl.loss(LossKind::kNla, Element::kTotal, LossDirection::kExport), 0.0);
}

TEST(TransformerLosses, DirectionFollowsTheTotalActivePowerNotThePhases) {
  TransformerLosses tl(crafted_config());
  LossInterval in = balanced(3600.0, 230.0, 100.0, -5.0);  // net export, however small
  LossIncrement added;
  ASSERT_TRUE(tl.add(in, &added).is_ok());
  EXPECT_EQ(added.direction, LossDirection::kExport);
  EXPECT_NEAR(added.loss[index(LossKind::kOla)][metrology::index(Element::kTotal)], 300.0, 1e-9);
  EXPECT_NEAR(tl.loss(LossKind::kOla, Element::kL2, LossDirection::kExport), 100.0, 1e-9);
  EXPECT_EQ(tl.loss(LossKind::kOla, Element::kL2, LossDirection::kImport), 0.0);
}

TEST(TransformerLosses, CompensationAddsToImportAndSubtractsFromExport) {
  TransformerLossConfig cfg = crafted_config();
  cfg.compensation = LossCompensation::kAddLosses;
  TransformerLosses tl(cfg);
  // Per hour at I = 100 A, U = 230 V on three phases:
  //   L_P = OLA + NLA = 0.01 * 3 * 10000 + 1e-4 * 3 * 52900 = 300 + 15.87 = 315.87 Wh
  //   L_Q = OLR + NLR = 0.03 * 3 * 10000 + 2e-4 * 3 * 52900 = 900 + 31.74 = 931.74 varh
  ASSERT_TRUE(tl.add(balanced(3600.0, 230.0, 100.0, 100e3, 20e3)).is_ok());
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kActiveImport), 100000.0 + 315.87, 1e-9);
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kReactiveImport), 20000.0 + 931.74, 1e-9);
  ASSERT_TRUE(tl.add(balanced(3600.0, 230.0, 100.0, -100e3, -20e3)).is_ok());
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kActiveExport), 100000.0 - 315.87, 1e-9);
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kReactiveExport), 20000.0 - 931.74, 1e-9);
  // A 10 W export at no load: the 15.87 Wh of iron losses exceed it, so at the billing point it is
  // an import of 5.87 Wh, and nothing is subtracted from the export register.
  ASSERT_TRUE(tl.add(balanced(3600.0, 230.0, 0.0, -10.0, 0.0)).is_ok());
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kActiveImport), 100000.0 + 315.87 + 5.87, 1e-9);
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kActiveExport), 100000.0 - 315.87, 1e-9);
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kReactiveImport), 20000.0 + 931.74 + 31.74, 1e-9);
}

TEST(TransformerLosses, SubtractingCompensationForAMeterOnTheGridSide) {
  TransformerLossConfig cfg = crafted_config();
  cfg.compensation = LossCompensation::kSubtractLosses;
  TransformerLosses tl(cfg);
  ASSERT_TRUE(tl.add(balanced(3600.0, 230.0, 100.0, 100e3, 20e3)).is_ok());
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kActiveImport), 100000.0 - 315.87, 1e-9);
  EXPECT_NEAR(tl.compensated(EnergyQuantity::kReactiveImport), 20000.0 - 931.74, 1e-9);
  TransformerLosses none(crafted_config());
  ASSERT_TRUE(none.add(balanced(3600.0, 230.0, 100.0, 100e3, 20e3)).is_ok());
  EXPECT_FALSE(none.compensating());
  EXPECT_EQ(none.compensated(EnergyQuantity::kActiveImport), 0.0);
}

TEST(TransformerLosses, RegistersNeverGoBackwards) {
  TransformerLossConfig cfg = crafted_config();
  cfg.compensation = LossCompensation::kAddLosses;
  TransformerLosses tl(cfg);
  std::uint32_t seed = 4242;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<double>(seed >> 8) / static_cast<double>(1u << 24);
  };
  auto snapshot = [&tl] {
    std::array<double, 48> v{};
    std::size_t n = 0;
    for (std::size_t k = 0; k < kLossKindCount; ++k)
      for (std::size_t e = 0; e < metrology::kElementCount; ++e)
        for (LossDirection d : {LossDirection::kImport, LossDirection::kExport})
          v[n++] = tl.loss(static_cast<LossKind>(k), static_cast<Element>(e), d);
    for (std::size_t e = 0; e < metrology::kElementCount; ++e) {
      v[n++] = tl.i2h(static_cast<Element>(e));
      v[n++] = tl.u2h(static_cast<Element>(e));
    }
    for (EnergyQuantity q : {EnergyQuantity::kActiveImport, EnergyQuantity::kActiveExport,
                             EnergyQuantity::kReactiveImport, EnergyQuantity::kReactiveExport})
      v[n++] = tl.compensated(q);
    return v;
  };
  auto before = snapshot();
  for (int k = 0; k < 50000; ++k) {
    LossInterval in;
    in.duration_s = 0.2 * next();
    for (std::size_t p = 0; p < 3; ++p) {
      in.u_rms_v[p] = 400.0 * next();
      in.i_rms_a[p] = 1000.0 * next();
    }
    in.p_total_w = (next() - 0.5) * 1e6;
    in.q_total_var = (next() - 0.5) * 1e6;
    ASSERT_TRUE(tl.add(in).is_ok());
    const auto after = snapshot();
    for (std::size_t j = 0; j < after.size(); ++j) ASSERT_GE(after[j], before[j]) << "register " << j;
    before = after;
  }
}

TEST(TransformerLosses, RefusesInvalidIntervalsAndConfigurations) {
  TransformerLosses tl(crafted_config());
  LossInterval in = balanced(1.0, 230.0, 10.0, 1.0);
  in.duration_s = -1.0;
  EXPECT_STREQ(tl.add(in).field(), "losses.interval.duration_s");
  in = balanced(1.0, 230.0, 10.0, 1.0);
  in.u_rms_v[1] = NAN;
  EXPECT_STREQ(tl.add(in).field(), "losses.interval.u_rms_v");
  in = balanced(1.0, 230.0, -10.0, 1.0);
  EXPECT_STREQ(tl.add(in).field(), "losses.interval.i_rms_a");
  in = balanced(1.0, 230.0, 10.0, INFINITY);
  EXPECT_FALSE(tl.add(in).is_ok());
  EXPECT_EQ(tl.i2h(Element::kTotal), 0.0);  // nothing registered

  TransformerLossConfig cfg = crafted_config();
  cfg.ct_ratio = 0.0;
  EXPECT_STREQ(validate_config(cfg).field(), "losses.ct_ratio");
  cfg = crafted_config();
  cfg.coefficients.r_cu_ohm = -0.1;
  EXPECT_STREQ(validate_config(cfg).field(), "losses.r_cu_ohm");
}

TEST(TransformerLosses, TakesAMetrologyWindow) {
  metrology::WindowValues w;
  w.duration_s = 0.2;
  w.phase[0].u_rms_v = 230.0;
  w.phase[1].i_rms_a = 5.0;
  w.p_w = -3.0;
  w.q_var = 2.0;
  const LossInterval in = loss_interval(w);
  EXPECT_EQ(in.duration_s, 0.2);
  EXPECT_EQ(in.u_rms_v[0], 230.0);
  EXPECT_EQ(in.i_rms_a[1], 5.0);
  EXPECT_EQ(in.p_total_w, -3.0);
  EXPECT_EQ(in.q_total_var, 2.0);
}

}  // namespace
}  // namespace quadra::registers
