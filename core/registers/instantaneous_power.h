// Instantaneous power registers per phase and total, split by direction as the demand quantities
// are: +P = max(P, 0), -P = max(-P, 0), +Q = max(Q, 0), -Q = max(-Q, 0), +S = S while P >= 0,
// -S = S while P < 0 (the quadrant convention of core/metrology/energy_quantity.h).
// OBIS 1.0.C.7.0 with C = 1, 2, 3, 4, 9, 10 for the total and C + 20, + 40, + 60 for L1, L2, L3.
// The metrology measures the powers; these registers only hold the latest values in that form.
#pragma once

#include <array>
#include <cstddef>

#include "core/metrology/energy_quantity.h"
#include "core/metrology/measurements.h"
#include "core/registers/demand_quantity.h"

namespace quadra::registers {

class InstantaneousPower {
 public:
  // Signed powers of one element (W, var, VA; P and Q import-positive, S >= 0).
  void update(metrology::Element element, double p_w, double q_var, double s_va) {
    auto& v = value_[metrology::index(element)];
    v[index(DemandQuantity::kActiveImport)] = p_w > 0.0 ? p_w : 0.0;
    v[index(DemandQuantity::kActiveExport)] = p_w < 0.0 ? -p_w : 0.0;
    v[index(DemandQuantity::kReactiveImport)] = q_var > 0.0 ? q_var : 0.0;
    v[index(DemandQuantity::kReactiveExport)] = q_var < 0.0 ? -q_var : 0.0;
    v[index(DemandQuantity::kApparentImport)] = p_w >= 0.0 ? s_va : 0.0;
    v[index(DemandQuantity::kApparentExport)] = p_w < 0.0 ? s_va : 0.0;
  }

  // All four elements from one measurement window (the total's S is the configured total).
  void update(const metrology::WindowValues& w) {
    for (std::size_t k = 0; k < 3; ++k) {
      const metrology::PhaseValues& ph = w.phase[k];
      update(static_cast<metrology::Element>(k), ph.p_w, ph.q_var, ph.s_va);
    }
    update(metrology::Element::kTotal, w.p_w, w.q_var, w.s_va);
  }

  double value(metrology::Element element, DemandQuantity q) const {
    return value_[metrology::index(element)][index(q)];
  }

  // OBIS C of a quantity for an element: 1..10 for the total, + 20/40/60 for L1/L2/L3.
  static constexpr int obis_c(metrology::Element element, DemandQuantity q) {
    constexpr int kOffset[metrology::kElementCount] = {20, 40, 60, 0};
    return registers::obis_c(q) + kOffset[metrology::index(element)];
  }

 private:
  std::array<std::array<double, kDemandQuantityCount>, metrology::kElementCount> value_{};
};

}  // namespace quadra::registers
