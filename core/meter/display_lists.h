// The meter's three display lists (VDEW / IDIS display readouts), each served as a Profile
// generic of one row (core/cosem/readout_profile.h):
//   0.0.21.0.1.255  general display readout: the auto-scroll list
//   0.0.21.0.2.255  alternate display readout: shown with the display button
//   0.0.21.0.3.255  service display readout: for the installer (nameplate, ratios, status)
// An item is an OBIS code shown as its object's attribute 2 (F = 255: the current value; F = 101..125
// or 0..99: a billing period's value, as the readout list's items). The lists start from the
// configuration ([display] of meter.toml, else default_display_lists()), may be replaced by the
// management client (capture_objects, attribute 3), and are kept in the snapshot once replaced.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/obis.h"

namespace quadra::meter {

inline constexpr std::size_t kDisplayListCount = 3;
inline constexpr std::size_t kMaxDisplayItems = 32;

enum class DisplayList : std::uint8_t { kGeneral = 0, kAlternate = 1, kService = 2 };

// The profile that serves list k: 0.0.21.0.(k + 1).255.
constexpr Obis display_readout_obis(std::size_t k) { return Obis(0, 0, 21, 0, static_cast<std::uint8_t>(k + 1)); }

struct DisplayLists {
  std::array<std::array<Obis, kMaxDisplayItems>, kDisplayListCount> items{};
  std::array<std::size_t, kDisplayListCount> count{};

  std::span<const Obis> list(std::size_t k) const { return {items[k].data(), count[k]}; }

  template <class Archive>
  void persist(Archive& a) {
    for (std::size_t k = 0; k < kDisplayListCount; ++k) {
      a(count[k]);
      a.check(count[k] <= kMaxDisplayItems, "a display list holds more items than the meter shows");
      if (count[k] > kMaxDisplayItems) count[k] = 0;
      for (std::size_t i = 0; i < count[k]; ++i) a(items[k][i].v);
    }
  }
};

// The default lists of a C&I meter:
//   general    clock, +A total and T1..T4, -A, +R, -R totals, maximum demand +P, error register
//   alternate  the instantaneous values: U, I per phase, P, Q, power factor, frequency; maximum
//              demand +P T1..T4; +A and maximum demand +P of the last billing period (F = 101)
//   service    serial number, firmware, clock, CT and VT ratios, meter constant, configuration
//              changes, missing voltage status, error register
DisplayLists default_display_lists();

}  // namespace quadra::meter
