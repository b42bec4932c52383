// The quantities the demand registers integrate, the tariff numbering they are kept under, and the
// energy one interval contributes to them.
//
// Demand quantities follow the energy quadrant convention of core/metrology/energy_quantity.h (import
// = power taken from the grid, P >= 0): +P and -P are active import and export, +Q = QI + QII and
// -Q = QIII + QIV are reactive import and export, +S and -S are apparent power while P >= 0 and P < 0.
// OBIS (objects.md): current average 1.0.C.4.0, last average 1.0.C.5.0, maximum 1.0.C.6.E,
// cumulative maximum 1.0.C.2.E with C as obis_c() below and E the tariff slot.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/metrology/energy_quantity.h"
#include "core/metrology/four_quadrant_energy.h"

namespace quadra::registers {

enum class DemandQuantity : std::uint8_t {
  kActiveImport = 0,  // +P
  kActiveExport,      // -P
  kReactiveImport,    // +Q
  kReactiveExport,    // -Q
  kApparentImport,    // +S
  kApparentExport,    // -S
};
inline constexpr std::size_t kDemandQuantityCount = 6;

constexpr std::size_t index(DemandQuantity q) { return static_cast<std::size_t>(q); }
// Precondition: i < kDemandQuantityCount.
constexpr DemandQuantity demand_quantity(std::size_t i) { return static_cast<DemandQuantity>(i); }

constexpr const char* demand_quantity_name(DemandQuantity q) {
  constexpr const char* kNames[kDemandQuantityCount] = {"+P", "-P", "+Q", "-Q", "+S", "-S"};
  return kNames[index(q)];
}

// The OBIS value group C of the quantity (1, 2, 3, 4, 9, 10).
constexpr int obis_c(DemandQuantity q) {
  constexpr int kC[kDemandQuantityCount] = {1, 2, 3, 4, 9, 10};
  return kC[index(q)];
}

// The energy register whose increments make this demand.
constexpr metrology::EnergyQuantity energy_quantity(DemandQuantity q) {
  using E = metrology::EnergyQuantity;
  constexpr E kMap[kDemandQuantityCount] = {E::kActiveImport,   E::kActiveExport,
                                            E::kReactiveImport, E::kReactiveExport,
                                            E::kApparentImport, E::kApparentExport};
  return kMap[index(q)];
}

// Tariffs are numbered as the activity calendar switches them: 1..6 for T1..T6, 0 when none is in
// force. Registers kept per tariff have kTariffSlots slots, numbered like OBIS value group E:
// slot 0 is the "total" that every period counts in whatever its tariff, slot t (1..6) counts only
// the periods registered under tariff t.
inline constexpr int kMaxTariff = 6;
inline constexpr std::size_t kTariffSlots = 7;
constexpr bool valid_tariff(int tariff) { return tariff >= 0 && tariff <= kMaxTariff; }

// Energy (Wh, varh, VAh; each >= 0 and finite) that arrived during one interval, per quantity.
struct DemandIncrement {
  std::array<double, kDemandQuantityCount> amount{};

  double& operator[](DemandQuantity q) { return amount[index(q)]; }
  double operator[](DemandQuantity q) const { return amount[index(q)]; }
};

// Picks the six demand quantities out of a four-quadrant energy increment (the Q1..Q4 splits are not
// demand quantities).
constexpr DemandIncrement to_demand_increment(const metrology::EnergyIncrement& energy) {
  DemandIncrement inc;
  for (std::size_t k = 0; k < kDemandQuantityCount; ++k) {
    inc.amount[k] = energy.amount[metrology::index(energy_quantity(demand_quantity(k)))];
  }
  return inc;
}

}  // namespace quadra::registers
