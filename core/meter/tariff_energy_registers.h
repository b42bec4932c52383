// The meter's billing energy registers: every four-quadrant quantity of every element (L1, L2, L3,
// total) with one register per tariff T1..T6, and the total register 1.0.C.8.0 formed as the sum of
// the six — so the tariff registers always add up to the total, exactly, by construction.
// Values are PRIMARY Wh / varh / VAh held as drift-free integer quanta plus residue.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/obis.h"
#include "core/metrology/energy_accumulator.h"
#include "core/metrology/four_quadrant_energy.h"

namespace quadra::meter {

inline constexpr unsigned kTariffCount = 6;

// OBIS C of an energy quantity of an element: 1..10 for the total, + 20 / 40 / 60 for L1 / L2 / L3.
constexpr std::uint8_t energy_obis_c(metrology::EnergyQuantity q, metrology::Element e) {
  const auto base = static_cast<std::uint8_t>(metrology::index(q) + 1);
  return e == metrology::Element::kTotal ? base : static_cast<std::uint8_t>(base + 20 * (metrology::index(e) + 1));
}
// 1.0.C.8.E.255: E = 0 total, 1..6 tariff.
constexpr Obis energy_obis(metrology::EnergyQuantity q, metrology::Element e, unsigned tariff) {
  return Obis(1, 0, energy_obis_c(q, e), 8, static_cast<std::uint8_t>(tariff));
}

class TariffEnergyRegisters {
 public:
  using Increments = std::array<metrology::EnergyIncrement, metrology::kElementCount>;

  // Adds one interval's increments of every element to tariff `tariff` (precondition: 1..6).
  void add(const Increments& inc, unsigned tariff) {
    for (std::size_t e = 0; e < metrology::kElementCount; ++e) {
      for (std::size_t q = 0; q < metrology::kEnergyQuantityCount; ++q) {
        const double amount = inc[e].amount[q];
        if (amount > 0.0) regs_[e][q][tariff - 1].add(amount);
      }
    }
  }

  // tariff 0: the total; 1..6: that tariff's register.
  double value(metrology::Element e, metrology::EnergyQuantity q, unsigned tariff) const {
    const auto& row = regs_[metrology::index(e)][metrology::index(q)];
    if (tariff != 0) return row[tariff - 1].value();
    std::int64_t quanta = 0;
    double residue = 0.0;
    for (const metrology::EnergyAccumulator& r : row) {
      quanta += r.quanta();
      residue += r.residue();
    }
    return static_cast<double>(quanta) * row[0].quantum() + residue;
  }

  const metrology::EnergyAccumulator& tariff_register(metrology::Element e, metrology::EnergyQuantity q,
                                                      unsigned tariff) const {
    return regs_[metrology::index(e)][metrology::index(q)][tariff - 1];
  }
  metrology::EnergyAccumulator& tariff_register(metrology::Element e, metrology::EnergyQuantity q, unsigned tariff) {
    return regs_[metrology::index(e)][metrology::index(q)][tariff - 1];
  }

  // Finds the register an OBIS code names (1.0.C.8.E.255 with a known C and E <= 6).
  bool find(const Obis& obis, metrology::Element& e, metrology::EnergyQuantity& q, unsigned& tariff) const {
    if (obis.a() != 1 || obis.b() != 0 || obis.d() != 8 || obis.e() > kTariffCount || obis.f() != 255) return false;
    const unsigned c = obis.c();
    if (c == 0 || c > 70) return false;
    const unsigned group = (c - 1) / 20;  // 0 total, 1..3 L1..L3
    const unsigned base = (c - 1) % 20;
    if (base >= metrology::kEnergyQuantityCount) return false;
    e = group == 0 ? metrology::Element::kTotal : static_cast<metrology::Element>(group - 1);
    q = static_cast<metrology::EnergyQuantity>(base);
    tariff = obis.e();
    return true;
  }

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  template <class Archive>
  void persist(Archive& a) {
    a(regs_);
  }

 private:
  std::array<std::array<std::array<metrology::EnergyAccumulator, kTariffCount>, metrology::kEnergyQuantityCount>,
             metrology::kElementCount>
      regs_{};
};

}  // namespace quadra::meter
