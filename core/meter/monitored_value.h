// What the monitoring objects (register monitor, class 21; limiter, class 71) watch and what they
// run, as COSEM describes them:
//   value_definition  { class_id, logical_name, attribute_index }  one attribute of one object;
//   action_item       { script_logical_name, script_selector }    one script of a script table.
// The meter can watch any attribute that holds one of its registers: attribute 2 of a Data,
// Register or Extended register it has, attribute 2 (current average) or 3 (last average) of a
// Demand register. value_of() says which register that is.
#pragma once

#include <cstdint>

#include "core/common/obis.h"

namespace quadra::meter {

struct ValueDefinition {
  std::uint16_t class_id = 3;
  Obis ln{};
  std::int8_t attribute = 2;
  constexpr bool operator==(const ValueDefinition&) const = default;
};

struct ActionItem {
  Obis script{0, 0, 0, 0, 0, 0};  // 0.0.0.0.0.0: no script
  std::uint16_t selector = 0;
  constexpr bool empty() const { return script == Obis(0, 0, 0, 0, 0, 0); }
  constexpr bool operator==(const ActionItem&) const = default;
};

// The register whose value `d` names, or false if the meter cannot watch it this way.
constexpr bool register_of(const ValueDefinition& d, Obis* out) {
  const Obis& ln = d.ln;
  switch (d.class_id) {
    case 1: case 3: case 4:
      if (d.attribute != 2) return false;
      *out = ln;
      return true;
    case 5:
      if (d.attribute != 2 && d.attribute != 3) return false;
      *out = Obis(ln.a(), ln.b(), ln.c(), d.attribute == 2 ? 4 : 5, 0, ln.f());
      return true;
    default:
      return false;
  }
}

}  // namespace quadra::meter
