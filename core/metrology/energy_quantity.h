// The four-quadrant energy quantities a meter registers, and the meter elements they belong to.
//
// Quadrants follow IEC 62053-23 / DLMS (OBIS C = 5..8): seen from the meter with import (active power
// taken from the grid) positive,
//   Q1: P >= 0, Q > 0  (import, inductive)     Q2: P < 0, Q > 0  (export, capacitive)
//   Q3: P < 0, Q <= 0  (export, inductive)     Q4: P >= 0, Q <= 0 (import, capacitive)
// +R = Q1 + Q2, -R = Q3 + Q4; +S is apparent energy while P >= 0, -S while P < 0.
#pragma once

#include <cstddef>
#include <cstdint>

namespace quadra::metrology {

enum class EnergyQuantity : std::uint8_t {
  kActiveImport = 0,  // +A
  kActiveExport,      // -A
  kReactiveImport,    // +R
  kReactiveExport,    // -R
  kReactiveQ1,
  kReactiveQ2,
  kReactiveQ3,
  kReactiveQ4,
  kApparentImport,  // +S
  kApparentExport,  // -S
};
inline constexpr std::size_t kEnergyQuantityCount = 10;

// L1..L3 are the measuring elements; kTotal is the meter (sum of elements, see Metrology).
enum class Element : std::uint8_t { kL1 = 0, kL2, kL3, kTotal };
inline constexpr std::size_t kElementCount = 4;

constexpr std::size_t index(EnergyQuantity q) { return static_cast<std::size_t>(q); }
constexpr std::size_t index(Element e) { return static_cast<std::size_t>(e); }

constexpr const char* quantity_name(EnergyQuantity q) {
  constexpr const char* kNames[kEnergyQuantityCount] = {"+A", "-A", "+R", "-R", "Q1",
                                                        "Q2", "Q3", "Q4", "+S", "-S"};
  return kNames[index(q)];
}

// Quadrant 1..4 of a (P, Q) pair by the convention above.
constexpr int quadrant(double p, double q) {
  if (p >= 0.0) return q > 0.0 ? 1 : 4;
  return q > 0.0 ? 2 : 3;
}

}  // namespace quadra::metrology
