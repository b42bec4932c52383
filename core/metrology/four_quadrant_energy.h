// The ten four-quadrant energy registers of one meter element (a phase or the total).
#pragma once

#include <array>

#include "core/metrology/energy_accumulator.h"
#include "core/metrology/energy_quantity.h"

namespace quadra::metrology {

// Amounts one measurement interval contributes to the registers (Wh, varh, VAh), all >= 0.
struct EnergyIncrement {
  std::array<double, kEnergyQuantityCount> amount{};
};

// Splits an interval's active energy p_wh, fundamental reactive energy q_varh and apparent energy
// s_vah (signed by the direction of P and Q over the interval; s_vah >= 0) into the quadrant
// quantities defined in energy_quantity.h.
inline EnergyIncrement split_into_quadrants(double p_wh, double q_varh, double s_vah) {
  EnergyIncrement inc;
  const int quad = quadrant(p_wh, q_varh);
  const double q_abs = q_varh < 0.0 ? -q_varh : q_varh;
  if (p_wh >= 0.0) {
    inc.amount[index(EnergyQuantity::kActiveImport)] = p_wh;
    inc.amount[index(EnergyQuantity::kApparentImport)] = s_vah;
  } else {
    inc.amount[index(EnergyQuantity::kActiveExport)] = -p_wh;
    inc.amount[index(EnergyQuantity::kApparentExport)] = s_vah;
  }
  if (q_varh > 0.0) {
    inc.amount[index(EnergyQuantity::kReactiveImport)] = q_abs;
  } else {
    inc.amount[index(EnergyQuantity::kReactiveExport)] = q_abs;
  }
  inc.amount[index(EnergyQuantity::kReactiveQ1) + static_cast<std::size_t>(quad - 1)] = q_abs;
  return inc;
}

class FourQuadrantEnergy {
 public:
  FourQuadrantEnergy() = default;

  void add(const EnergyIncrement& inc) {
    for (std::size_t k = 0; k < kEnergyQuantityCount; ++k) {
      if (inc.amount[k] > 0.0) registers_[k].add(inc.amount[k]);
    }
  }

  const EnergyAccumulator& operator[](EnergyQuantity q) const { return registers_[index(q)]; }
  EnergyAccumulator& operator[](EnergyQuantity q) { return registers_[index(q)]; }
  // Value in Wh / varh / VAh (primary).
  double value(EnergyQuantity q) const { return registers_[index(q)].value(); }

 private:
  std::array<EnergyAccumulator, kEnergyQuantityCount> registers_{};
};

}  // namespace quadra::metrology
