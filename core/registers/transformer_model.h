// The transformer loss model: per-phase coefficients that turn metered currents and voltages into
// the losses of a power transformer the meter does not sit at the far side of.
//
// Where the meter sits. The meter measures on ONE side of the transformer, the METERING SIDE: the
// LV side (e.g. 400 V with CT 1000/5) or the MV side (e.g. 15 kV with VT 15000/100 and CT 25/5).
// The losses are those of the transformer, computed from what is measured on that side, and every
// coefficient below is referred to that side and to PRIMARY values (CT/VT ratios applied), the
// scale the metrology hands downstream (core/metrology/measurements.h).
//
// Circuit. Per phase, a star-equivalent "L" circuit referred to the metering side:
//   the metered line current I flows through the series branch R_Cu + j X_Cu (winding resistance and
//   leakage reactance of both windings), and the metered phase-to-neutral voltage U lies across the
//   shunt branch G_Fe || -j B_m (iron losses and magnetising), placed at the metering terminals.
// Per phase k and interval dt (rms values over the interval; I^2 dt is exact because rms^2 is the
// mean square):
//   OLA_k = R_Cu * I_k^2 dt      ohmic (load) active losses
//   OLR_k = X_Cu * I_k^2 dt      ohmic (load) reactive losses
//   NLA_k = G_Fe * U_k^2 dt      no-load active losses (G_Fe = 1 / R_Fe)
//   NLR_k = B_m * U_k^2 dt       no-load reactive losses, quadratic law, or
//   NLR_k = b4 * U_k^4 dt        quartic law (magnetising current rising with saturation)
// The star equivalent holds for any vector group (Dyn5, Yzn11, ...): the meter sees line currents
// and phase-to-neutral (or artificial-star) voltages, and a delta winding's losses are the same
// watts. Not modelled: temperature dependence of R_Cu (P_k is given at the reference temperature,
// 75 °C for oil transformers, IEC 60076-1), tap position, harmonics beyond the rms values.
//
// From a test sheet (IEC 60076-1 quantities). S_n rated power, U_n the rated LINE voltage of the
// metering-side winding, I_n = S_n / (sqrt(3) U_n) its rated current:
//   R_Cu = P_k / (3 I_n^2) = P_k U_n^2 / S_n^2
//   X_Cu = Q_k U_n^2 / S_n^2,   Q_k = sqrt((u_k S_n)^2 - P_k^2)   (u_k as a fraction)
//   G_Fe = P_0 / U_n^2          (so R_Fe = U_n^2 / P_0 per phase of the star)
//   B_m  = Q_0 / U_n^2,         Q_0 = sqrt((i_0 S_n)^2 - P_0^2)   (i_0 as a fraction)
//   b4   = Q_0 / (3 (U_n / sqrt(3))^4) = 3 Q_0 / U_n^4
// so that at rated current on all three phases OLA = P_k and OLR = Q_k, and at rated voltage
// NLA = P_0 and NLR = Q_0 (in W and var; in Wh and varh over one hour).
//
// Instrument transformers. A device that measures SECONDARY values U_s = U / k_VT, I_s = I / k_CT
// gets the same primary losses from the normalised coefficients
//   R' = R_Cu k_CT^2,  X' = X_Cu k_CT^2,  G' = G_Fe k_VT^2,  B' = B_m k_VT^2,  b4' = b4 k_VT^4
// (referred_to_secondary): the form a device computing on secondary values holds them in.
// TransformerLosses itself takes primary or secondary inputs and always works in primary values.
//
// Equivalent circuit (the transformer model parameters 1.0.0.10.0..3.255 of the object list:
// X_m, R_Fe, R_Cu, X_s, in ohms per phase of the star, referred to the metering side). The same
// sheet, written as impedances (U_n, S_n, u_k, i_0 as above):
//   R_Cu = P_k U_n^2 / S_n^2                          winding resistance
//   Z_k  = u_k U_n^2 / S_n,  X_s = sqrt(Z_k^2 - R_Cu^2)   leakage reactance (= X_Cu above)
//   R_Fe = U_n^2 / P_0                                iron-loss resistance (= 1 / G_Fe)
//   X_m  = U_n^2 / Q_0,  Q_0 = sqrt((i_0 S_n)^2 - P_0^2)   magnetising reactance (= 1 / B_m)
// equivalent_circuit() reads them off the coefficients, so that they are what the loss registers
// really use. With the quartic no-load law X_m depends on the voltage and has no single value.
#pragma once

#include <cstdint>

#include "core/common/status.h"

namespace quadra::registers {

enum class NoLoadReactiveLaw : std::uint8_t {
  kQuadratic,  // NLR = B_m U^2
  kQuartic,    // NLR = b4 U^4
};

// Per-phase coefficients, referred to the metering side (see the header comment).
struct LossCoefficients {
  double r_cu_ohm = 0.0;   // series resistance
  double x_cu_ohm = 0.0;   // series (leakage) reactance
  double g_fe_s = 0.0;     // shunt conductance, 1 / R_Fe
  double b_m_s = 0.0;      // shunt susceptance, 1 / X_m (quadratic law)
  double b4_var_per_v4 = 0.0;  // quartic law coefficient: var per V^4
  NoLoadReactiveLaw law = NoLoadReactiveLaw::kQuadratic;

  // From the four impedances of objects.md (1.0.0.10.0..3: X_m, R_Fe, R_Cu, X_s); r_fe_ohm or
  // x_m_ohm of 0 stands for "open" (no such loss).
  static LossCoefficients from_impedances(double r_cu_ohm, double x_s_ohm, double r_fe_ohm,
                                          double x_m_ohm) {
    LossCoefficients c;
    c.r_cu_ohm = r_cu_ohm;
    c.x_cu_ohm = x_s_ohm;
    c.g_fe_s = r_fe_ohm > 0.0 ? 1.0 / r_fe_ohm : 0.0;
    c.b_m_s = x_m_ohm > 0.0 ? 1.0 / x_m_ohm : 0.0;
    return c;
  }
};

// The four impedances of the equivalent circuit (see the header comment), ohms. A shunt branch
// with no loss (G_Fe or B_m of 0) is an open circuit: its impedance is +infinity. x_m_valid is
// false with the quartic no-load law (X_m has no single value then).
struct EquivalentCircuit {
  double x_m_ohm = 0.0;
  double r_fe_ohm = 0.0;
  double r_cu_ohm = 0.0;
  double x_s_ohm = 0.0;
  bool x_m_valid = true;
};
EquivalentCircuit equivalent_circuit(const LossCoefficients& c);

// Every coefficient finite and >= 0.
Status validate(const LossCoefficients& c);

// A transformer's rating-plate and test-report values (IEC 60076-1).
struct TransformerSheet {
  double rated_power_va = 0.0;        // S_n
  double rated_voltage_hv_v = 0.0;    // U_n of the HV winding, line to line
  double rated_voltage_lv_v = 0.0;    // U_n of the LV winding, line to line
  double load_losses_w = 0.0;         // P_k at rated current (reference temperature)
  double short_circuit_voltage_pct = 0.0;  // u_k, % of rated voltage
  double no_load_losses_w = 0.0;      // P_0 at rated voltage
  double no_load_current_pct = 0.0;   // i_0, % of rated current
};

enum class MeteringSide : std::uint8_t { kLowVoltage, kHighVoltage };

// Derives the coefficients by the formulas in the header comment. Refuses a sheet whose losses
// exceed what u_k and i_0 allow (P_k > u_k S_n, P_0 > i_0 S_n) or with non-positive ratings.
Status coefficients_from_sheet(const TransformerSheet& sheet, MeteringSide side,
                               NoLoadReactiveLaw law, LossCoefficients& out);

// The coefficients that give the same primary losses from secondary U and I (see header comment).
// Preconditions: ct_ratio > 0, vt_ratio > 0 (primary / secondary).
LossCoefficients referred_to_secondary(const LossCoefficients& c, double ct_ratio, double vt_ratio);

}  // namespace quadra::registers
