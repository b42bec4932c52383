#include "core/registers/transformer_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/registers/transformer_test_sheet.h"

namespace quadra::registers {
namespace {

using sheets::sheet_630kva_tier1;

TEST(TransformerModel, CoefficientsOfThe630kVASheetOnTheLowVoltageSide) {
  LossCoefficients c;
  ASSERT_TRUE(coefficients_from_sheet(sheet_630kva_tier1(), MeteringSide::kLowVoltage,
                                      NoLoadReactiveLaw::kQuadratic, c).is_ok());
  // R_Cu from the rated current: P_k / (3 I_n^2), I_n = 630 kVA / (sqrt(3) 400 V) = 909.327 A.
  const double in = 630e3 / (std::sqrt(3.0) * 400.0);
  EXPECT_NEAR(c.r_cu_ohm, 6500.0 / (3.0 * in * in), 1e-12);
  EXPECT_NEAR(c.r_cu_ohm, 2.620307e-3, 1e-9);
  EXPECT_NEAR(c.x_cu_ohm, 9.814978e-3, 1e-9);
  EXPECT_NEAR(1.0 / c.g_fe_s, 266.6667, 1e-4);  // R_Fe = U_n^2 / P_0
  EXPECT_NEAR(c.b_m_s, 39.19602e-3, 1e-8);
  // The impedance triangle: |Z_k| = u_k U_n^2 / S_n.
  EXPECT_NEAR(std::hypot(c.r_cu_ohm, c.x_cu_ohm), 0.04 * 400.0 * 400.0 / 630e3, 1e-12);
}

TEST(TransformerModel, CoefficientsOfThe630kVASheetOnTheMediumVoltageSide) {
  LossCoefficients c;
  ASSERT_TRUE(coefficients_from_sheet(sheet_630kva_tier1(), MeteringSide::kHighVoltage,
                                      NoLoadReactiveLaw::kQuartic, c).is_ok());
  EXPECT_NEAR(c.r_cu_ohm, 3.684807, 1e-6);
  EXPECT_NEAR(c.x_cu_ohm, 13.802312, 1e-6);
  EXPECT_NEAR(1.0 / c.g_fe_s, 375000.0, 1e-6);
  EXPECT_NEAR(c.b_m_s, 27.87273e-6, 1e-11);
  EXPECT_EQ(c.law, NoLoadReactiveLaw::kQuartic);
  // Quartic law: three phases at U_n / sqrt(3) draw Q_0.
  const double uph = 15000.0 / std::sqrt(3.0);
  EXPECT_NEAR(3.0 * c.b4_var_per_v4 * uph * uph * uph * uph, std::sqrt(6300.0 * 6300.0 - 600.0 * 600.0),
              1e-9);
  // Referred across the ratio: R_MV = R_LV (15000 / 400)^2.
  LossCoefficients lv;
  ASSERT_TRUE(coefficients_from_sheet(sheet_630kva_tier1(), MeteringSide::kLowVoltage,
                                      NoLoadReactiveLaw::kQuadratic, lv).is_ok());
  EXPECT_NEAR(c.r_cu_ohm, lv.r_cu_ohm * 37.5 * 37.5, 1e-9);
}

TEST(TransformerModel, RefusesImpossibleSheets) {
  LossCoefficients c;
  c.r_cu_ohm = 42.0;
  TransformerSheet s = sheet_630kva_tier1();
  s.load_losses_w = 30000.0;  // more than u_k S_n = 25.2 kW
  Status st = coefficients_from_sheet(s, MeteringSide::kLowVoltage, NoLoadReactiveLaw::kQuadratic, c);
  EXPECT_STREQ(st.field(), "transformer.load_losses_w");
  EXPECT_EQ(c.r_cu_ohm, 42.0);  // untouched on error
  s = sheet_630kva_tier1();
  s.no_load_current_pct = 0.05;  // i_0 S_n = 315 VA < P_0
  EXPECT_STREQ(coefficients_from_sheet(s, MeteringSide::kLowVoltage, NoLoadReactiveLaw::kQuadratic, c).field(),
               "transformer.no_load_losses_w");
  s = sheet_630kva_tier1();
  s.rated_voltage_lv_v = 0.0;
  EXPECT_FALSE(coefficients_from_sheet(s, MeteringSide::kLowVoltage, NoLoadReactiveLaw::kQuadratic, c).is_ok());
  s = sheet_630kva_tier1();
  s.short_circuit_voltage_pct = 0.0;
  EXPECT_FALSE(coefficients_from_sheet(s, MeteringSide::kLowVoltage, NoLoadReactiveLaw::kQuadratic, c).is_ok());
}

TEST(TransformerModel, NormalisedCoefficientsScaleByTheRatiosSquared) {
  LossCoefficients c;
  c.r_cu_ohm = 2.0;
  c.x_cu_ohm = 3.0;
  c.g_fe_s = 1e-6;
  c.b_m_s = 2e-6;
  c.b4_var_per_v4 = 1e-12;
  const LossCoefficients n = referred_to_secondary(c, 5.0, 150.0);
  EXPECT_DOUBLE_EQ(n.r_cu_ohm, 50.0);
  EXPECT_DOUBLE_EQ(n.x_cu_ohm, 75.0);
  EXPECT_DOUBLE_EQ(n.g_fe_s, 0.0225);
  EXPECT_DOUBLE_EQ(n.b_m_s, 0.045);
  EXPECT_DOUBLE_EQ(n.b4_var_per_v4, 1e-12 * 150.0 * 150.0 * 150.0 * 150.0);
}

TEST(TransformerModel, FromImpedancesAndValidation) {
  const LossCoefficients c = LossCoefficients::from_impedances(0.01, 0.03, 266.0, 0.0);
  EXPECT_EQ(c.r_cu_ohm, 0.01);
  EXPECT_EQ(c.x_cu_ohm, 0.03);
  EXPECT_DOUBLE_EQ(c.g_fe_s, 1.0 / 266.0);
  EXPECT_EQ(c.b_m_s, 0.0);  // open magnetising branch
  EXPECT_TRUE(validate(c).is_ok());
  LossCoefficients bad = c;
  bad.x_cu_ohm = -1.0;
  EXPECT_STREQ(validate(bad).field(), "losses.x_cu_ohm");
  bad = c;
  bad.g_fe_s = NAN;
  EXPECT_FALSE(validate(bad).is_ok());
}

// The equivalent circuit of the 630 kVA 15/0.4 kV sheet, computed by hand from the sheet:
//   LV: R_Cu = 6500 * 400^2 / 630e3^2 = 2.620307 mOhm, Z_k = 0.04 * 400^2 / 630e3 = 10.158730 mOhm,
//       X_s = sqrt(Z_k^2 - R_Cu^2) = 9.814978 mOhm, R_Fe = 400^2 / 600 = 266.6667 Ohm,
//       Q_0 = sqrt(6300^2 - 600^2) = 6271.3635 var, X_m = 400^2 / Q_0 = 25.512793 Ohm.
//   MV: the same with 15000 V: R_Cu = 3.684807, X_s = 13.802312, R_Fe = 375000, X_m = 35877.365 Ohm.
TEST(TransformerModel, EquivalentCircuitOfThe630kVASheet) {
  LossCoefficients lv;
  ASSERT_TRUE(coefficients_from_sheet(sheet_630kva_tier1(), MeteringSide::kLowVoltage,
                                      NoLoadReactiveLaw::kQuadratic, lv).is_ok());
  const EquivalentCircuit e = equivalent_circuit(lv);
  EXPECT_NEAR(e.r_cu_ohm, 2.620307e-3, 1e-9);
  EXPECT_NEAR(e.x_s_ohm, 9.814978e-3, 1e-9);
  EXPECT_NEAR(e.r_fe_ohm, 266.66667, 1e-5);
  EXPECT_NEAR(e.x_m_ohm, 25.512793, 1e-6);
  EXPECT_TRUE(e.x_m_valid);
  LossCoefficients mv;
  ASSERT_TRUE(coefficients_from_sheet(sheet_630kva_tier1(), MeteringSide::kHighVoltage,
                                      NoLoadReactiveLaw::kQuadratic, mv).is_ok());
  const EquivalentCircuit m = equivalent_circuit(mv);
  EXPECT_NEAR(m.r_cu_ohm, 3.684807, 1e-6);
  EXPECT_NEAR(m.x_s_ohm, 13.802312, 1e-6);
  EXPECT_NEAR(m.r_fe_ohm, 375000.0, 1e-6);
  EXPECT_NEAR(m.x_m_ohm, 35877.365, 1e-3);
  // Back through from_impedances: the same coefficients.
  const LossCoefficients back = LossCoefficients::from_impedances(e.r_cu_ohm, e.x_s_ohm, e.r_fe_ohm, e.x_m_ohm);
  EXPECT_NEAR(back.g_fe_s, lv.g_fe_s, 1e-15);
  EXPECT_NEAR(back.b_m_s, lv.b_m_s, 1e-15);
}

TEST(TransformerModel, EquivalentCircuitOpenBranchesAndTheQuarticLaw) {
  LossCoefficients c = LossCoefficients::from_impedances(0.01, 0.02, 0.0, 0.0);
  EquivalentCircuit e = equivalent_circuit(c);
  EXPECT_TRUE(std::isinf(e.r_fe_ohm));
  EXPECT_TRUE(std::isinf(e.x_m_ohm));
  c.law = NoLoadReactiveLaw::kQuartic;
  EXPECT_FALSE(equivalent_circuit(c).x_m_valid);
}

}  // namespace
}  // namespace quadra::registers
