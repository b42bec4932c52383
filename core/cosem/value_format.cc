#include "core/cosem/value_format.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/clock/cosem_date_time.h"

namespace quadra::cosem {

using dlms::DataType;
using meter::Unit;

WireFormat wire_format(const meter::Obis& obis, const meter::RegisterValue& v) {
  switch (v.unit) {
    case Unit::kWh:
    case Unit::kvarh:
    case Unit::kVAh:
      if (obis.d() == 8) return {DataType::kLong64Unsigned, v.scaler, true};
      return {DataType::kDoubleLongUnsigned, v.scaler, false};
    case Unit::kA2h:
    case Unit::kV2h: return {DataType::kLong64Unsigned, 0, true};
    case Unit::kW:
    case Unit::kvar:
    case Unit::kVA: return {DataType::kDoubleLongUnsigned, v.scaler, false};
    case Unit::kV: return {DataType::kDoubleLongUnsigned, -2, false};
    case Unit::kA: return {DataType::kDoubleLongUnsigned, -3, false};
    case Unit::kOhm: {
      if (!std::isfinite(v.value) || v.value <= 0.0) return {DataType::kDoubleLongUnsigned, 0, false};
      const double digits = std::ceil(std::log10(v.value)) - 6.0;
      return {DataType::kDoubleLongUnsigned, static_cast<std::int8_t>(std::clamp(digits, -100.0, 3.0)), false};
    }
    case Unit::kHz: return {DataType::kLongUnsigned, -3, false};
    case Unit::kSecond: return {DataType::kDoubleLongUnsigned, v.scaler, false};
    case Unit::kDegree: return {DataType::kLong, -1, false};
    case Unit::kCount:
      if (obis.d() == 7 && obis.e() == 0 && (obis.c() == 13 || obis.c() == 33 || obis.c() == 53 || obis.c() == 73))
        return {DataType::kLong, -3, false};  // power factor, signed with P
      if (obis.c() == 12 && obis.d() == 7 && obis.e() == 128) return {DataType::kLongUnsigned, -2, false};  // u2 %
      if (obis.d() == 7 && obis.e() == 124) return {DataType::kLongUnsigned, -2, false};  // THD %
      if (obis.c() == 82 && obis.d() == 8) return {DataType::kLong64Unsigned, 0, true};  // pulse counter
      return {DataType::kDoubleLongUnsigned, 0, false};
  }
  return {DataType::kDoubleLongUnsigned, 0, false};
}

void write_value(dlms::AxdrWriter& w, const WireFormat& f, double value) {
  double units = value / std::pow(10.0, f.scaler);
  if (f.type == DataType::kLong) {  // the one signed format
    units = std::isfinite(units) ? std::round(units) : 0.0;
    w.long16(static_cast<std::int16_t>(std::clamp(units, -32768.0, 32767.0)));
    return;
  }
  if (std::isinf(units) && units > 0) units = 4294967295.0;  // an open branch (value_format.h)
  if (!std::isfinite(units) || units < 0) units = 0;
  units = f.truncate ? std::floor(units + 1e-9) : std::round(units);
  switch (f.type) {
    case DataType::kLong64Unsigned:
      w.long64_unsigned(units >= 1.8e19 ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(units));
      return;
    case DataType::kLongUnsigned:
      w.long_unsigned(units >= 65535 ? std::uint16_t{65535} : static_cast<std::uint16_t>(units));
      return;
    default:
      w.double_long_unsigned(units >= 4294967295.0 ? 4294967295u : static_cast<std::uint32_t>(units));
      return;
  }
}

void write_scaler_unit(dlms::AxdrWriter& w, std::int8_t scaler, Unit unit) {
  w.structure(2);
  w.integer(scaler);
  w.enum_value(static_cast<std::uint8_t>(unit));
}

void write_date_time(dlms::AxdrWriter& w, double utc_s, const clock::TimeZone& tz, std::uint8_t clock_status,
                     bool hundredths) {
  clock::CosemDateTime t = clock::not_specified_date_time();
  // Truncated, with 10 us of tolerance: an instant computed as 1.25 s may come out a microsecond short.
  const auto hundredths_since_1970 = static_cast<clock::UtcMicros>(std::floor(utc_s * 100.0 + 1e-3));
  if (utc_s > 0) {
    t = clock::to_cosem(hundredths ? hundredths_since_1970 * 10'000 : static_cast<clock::UtcMicros>(std::floor(utc_s)) * 1'000'000,
                        tz, clock_status);
  }
  const std::array<std::uint8_t, 12> bytes = clock::encode(t);
  w.octet_string(bytes);
}

}  // namespace quadra::cosem
