// Transformer loss registers: computed, not measured, from the metrology's rms voltages and
// currents by the model of transformer_model.h, per phase and total, import and export.
//
// Input: one LossInterval per measurement interval (the metrology's 10/12-cycle window, or any
// gapless interval): duration, per phase U rms (phase to neutral) and I rms, and the signed total
// active and reactive power. Values are PRIMARY at the metering point (what the metrology hands
// downstream) unless the configuration says SECONDARY, in which case they are scaled by the CT and VT
// ratios first: I = k_CT I_s, U = k_VT U_s. Every register is in primary units.
//
// Registers (Wh, varh, A^2h, V^2h; each a drift-free EnergyAccumulator, so they never go backwards
// and never drift):
//   I^2h per phase and sum        (integral of I_k^2 dt; OBIS 1.0.83.8.49/69/89, sum 1.0.88.8.0)
//   U^2h per phase and sum        (integral of U_k^2 dt; OBIS 1.0.83.8.50/70/90, sum 1.0.89.8.0)
//   OLA, OLR, NLA, NLR per phase and total, each for import and export
//                                 (total: OBIS 1.0.83.8.E, E = 1/2 OLA +/-, 4/5 NLA, 10/11 OLR,
//                                 13/14 NLR; E = 3, 6, 12, 15 are the +/- sums, loss_both())
//   optionally the compensated energies +A, -A, +R, -R (see below)
// Quanta: 0.001 Wh, varh and A^2h; 1 V^2h for U^2h (an MV or HV phase adds 10^8..10^10 V^2h an hour,
// and the integer count must last the meter's life). The residue keeps the fraction either way.
//
// Direction rule: all losses of an interval go to the registers of the direction of the power flow
// in it, taken from the sign of the TOTAL active power: p_total_w >= 0 -> import, < 0 -> export
// (the quadrant convention of core/metrology/energy_quantity.h). The transformer's losses are those
// of one machine carrying one power flow, so its phases are not split by their own signs; with no
// power at all (P = 0) the no-load losses count as import, the grid feeding the idle transformer.
//
// Compensated energy ("loss compensation"): the energy at the billing point on the other side of the
// transformer. With the meter on the customer side and the billing point on the grid side
// (kAddLosses), the grid delivers the metered energy plus the losses when importing and receives the
// exported energy minus the losses: per interval, with L_P = OLA + NLA and L_Q = OLR + NLR of the
// total,
//     E_P = P dt + s L_P,   E_Q = Q dt + s L_Q,    s = +1 (kAddLosses) or -1 (kSubtractLosses:
//                                                  meter on the grid side, billing point beyond),
// and E_P >= 0 goes to compensated +A, E_P < 0 to -A (likewise +R / -R by the sign of E_Q). So the
// losses are added to import and subtracted from export, and a small export that the losses exceed
// becomes the import it is at the billing point; no register ever receives a negative amount.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/status.h"
#include "core/metrology/energy_accumulator.h"
#include "core/metrology/energy_quantity.h"
#include "core/metrology/measurements.h"
#include "core/registers/transformer_model.h"

namespace quadra::registers {

enum class LossInputScale : std::uint8_t { kPrimary, kSecondary };
enum class LossCompensation : std::uint8_t { kNone, kAddLosses, kSubtractLosses };

struct TransformerLossConfig {
  LossCoefficients coefficients;  // referred to the metering side, primary (transformer_model.h)
  LossInputScale input = LossInputScale::kPrimary;
  double ct_ratio = 1.0;  // primary / secondary, > 0; used when input is kSecondary
  double vt_ratio = 1.0;
  LossCompensation compensation = LossCompensation::kNone;
};

Status validate_config(const TransformerLossConfig& config);

struct LossInterval {
  double duration_s = 0.0;          // >= 0
  std::array<double, 3> u_rms_v{};  // L1..L3 phase to neutral, >= 0
  std::array<double, 3> i_rms_a{};  // L1..L3, >= 0
  double p_total_w = 0.0;           // signed, + import: chooses the direction
  double q_total_var = 0.0;         // signed, + import (QI + QII): for compensated reactive energy
};

// The interval a metrology window describes (primary values).
LossInterval loss_interval(const metrology::WindowValues& window);

enum class LossKind : std::uint8_t { kOla = 0, kOlr, kNla, kNlr };
inline constexpr std::size_t kLossKindCount = 4;
enum class LossDirection : std::uint8_t { kImport = 0, kExport };

constexpr std::size_t index(LossKind k) { return static_cast<std::size_t>(k); }
constexpr std::size_t index(LossDirection d) { return static_cast<std::size_t>(d); }
constexpr const char* loss_kind_name(LossKind k) {
  constexpr const char* kNames[kLossKindCount] = {"OLA", "OLR", "NLA", "NLR"};
  return kNames[index(k)];
}

// What one interval added: loss[kind][element] (Wh / varh) in the direction `direction`.
struct LossIncrement {
  std::array<std::array<double, metrology::kElementCount>, kLossKindCount> loss{};
  LossDirection direction = LossDirection::kImport;
};

class TransformerLosses {
 public:
  // Precondition: validate_config(config) is ok.
  explicit TransformerLosses(const TransformerLossConfig& config);

  // Registers one interval. Refuses (and changes nothing) a negative or non-finite duration, a
  // negative or non-finite U or I, a non-finite power. `added`, when not null, receives the losses
  // this interval added.
  Status add(const LossInterval& interval, LossIncrement* added = nullptr);

  double loss(LossKind kind, metrology::Element element, LossDirection direction) const {
    return loss_[index(kind)][metrology::index(element)][index(direction)].value();
  }
  // Import plus export.
  double loss_both(LossKind kind, metrology::Element element) const {
    return loss(kind, element, LossDirection::kImport) + loss(kind, element, LossDirection::kExport);
  }
  const metrology::EnergyAccumulator& loss_register(LossKind kind, metrology::Element element,
                                                    LossDirection direction) const {
    return loss_[index(kind)][metrology::index(element)][index(direction)];
  }
  // element kTotal is the sum of the phases.
  double i2h(metrology::Element element) const { return i2h_[metrology::index(element)].value(); }
  double u2h(metrology::Element element) const { return u2h_[metrology::index(element)].value(); }

  bool compensating() const { return config_.compensation != LossCompensation::kNone; }
  // Compensated +A, -A, +R or -R (Wh, varh); 0 when not compensating. Precondition: q is one of
  // those four.
  double compensated(metrology::EnergyQuantity q) const { return compensated_[metrology::index(q)].value(); }

  const TransformerLossConfig& config() const { return config_; }

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  template <class Archive>
  void persist(Archive& a) {
    a(loss_)(i2h_)(u2h_)(compensated_);
  }

 private:
  TransformerLossConfig config_;
  std::array<std::array<std::array<metrology::EnergyAccumulator, 2>, metrology::kElementCount>,
             kLossKindCount>
      loss_{};
  std::array<metrology::EnergyAccumulator, metrology::kElementCount> i2h_{};
  std::array<metrology::EnergyAccumulator, metrology::kElementCount> u2h_{};
  // Indexed like metrology::EnergyQuantity; only +A, -A, +R, -R are used.
  std::array<metrology::EnergyAccumulator, 4> compensated_{};
};

}  // namespace quadra::registers
