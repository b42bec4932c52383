// A register as a reader (display, report, COSEM) sees it: the value in the unit, the COSEM
// scaler and unit the object declares, and the capture time of extended registers.
#pragma once

#include <cstdint>

namespace quadra::meter {

// DLMS/COSEM unit codes (Blue Book, IC 3 scaler_unit) used by the meter.
enum class Unit : std::uint8_t {
  kSecond = 7,
  kDegree = 8,
  kW = 27,
  kVA = 28,
  kvar = 29,
  kWh = 30,
  kVAh = 31,
  kvarh = 32,
  kA = 33,
  kV = 35,
  kOhm = 38,  // resistance and reactance
  kHz = 44,
  kV2h = 48,
  kA2h = 49,
  kCount = 255,  // no unit
};

constexpr const char* unit_symbol(Unit u) {
  switch (u) {
    case Unit::kSecond: return "s";
    case Unit::kDegree: return "deg";
    case Unit::kW: return "W";
    case Unit::kVA: return "VA";
    case Unit::kvar: return "var";
    case Unit::kWh: return "Wh";
    case Unit::kVAh: return "VAh";
    case Unit::kvarh: return "varh";
    case Unit::kA: return "A";
    case Unit::kV: return "V";
    case Unit::kOhm: return "Ohm";
    case Unit::kHz: return "Hz";
    case Unit::kV2h: return "V2h";
    case Unit::kA2h: return "A2h";
    case Unit::kCount: return "";
  }
  return "";
}

struct RegisterValue {
  double value = 0.0;        // in `unit`, primary
  std::int8_t scaler = 0;    // COSEM scaler of the object: raw integer = value / 10^scaler
  Unit unit = Unit::kCount;
  bool has_capture_time = false;
  double capture_utc_s = 0.0;  // UTC seconds, when has_capture_time (0: never captured)
};

}  // namespace quadra::meter
