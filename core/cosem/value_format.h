// How the meter's values appear on the wire: the A-XDR type and scaler of every register (by its
// OBIS code and unit), scaler_unit structures, and date-times. One place decides, so a register
// reads the same in its own object, in a profile's buffer and in the billing profile.
//
//   energies (D = 8) and A²h / V²h   long64-unsigned, scaler = the configured energy scaler,
//                                    value truncated (a register never shows energy not yet there)
//   demand and power (W, var, VA)    double-long-unsigned, the configured power scaler, rounded
//   voltages                         double-long-unsigned, scaler -2 (10 mV)
//   currents                         double-long-unsigned, scaler -3 (1 mA)
//   frequency                        long-unsigned, scaler -3 (1 mHz)
//   THD, unbalance and other %       long-unsigned, scaler -2
//   power factor (1.0.13/33/53/73.7.0)  long (signed), scaler -3
//   angles (degrees)                 long (signed), scaler -1
//   impedances (ohm)                 double-long-unsigned, six significant digits: scaler =
//                                    ceil(log10(value)) - 6 (fixed for a configured transformer);
//                                    an open branch (infinite) reads 4294967295 at scaler 0
//   the pulse input counter 1.0.82.8.0  long64-unsigned, scaler 0
//   counts, codes                    double-long-unsigned, scaler 0
//   seconds                          double-long-unsigned, the register's scaler (0 but for the
//                                    durations of voltage events, -3)
// Negative values of the unsigned formats are written as 0.
#pragma once

#include <cstdint>

#include "core/clock/civil_time.h"
#include "core/clock/time_zone.h"
#include "core/common/obis.h"
#include "core/common/register_value.h"
#include "core/dlms/axdr_writer.h"

namespace quadra::cosem {

struct WireFormat {
  dlms::DataType type = dlms::DataType::kDoubleLongUnsigned;
  std::int8_t scaler = 0;
  bool truncate = false;
};

// The format of register `obis` whose value the meter reads as `v` (v.scaler is the configured one).
WireFormat wire_format(const meter::Obis& obis, const meter::RegisterValue& v);

// Writes v.value at the format's scaler and type.
void write_value(dlms::AxdrWriter& w, const WireFormat& f, double value);

// structure { integer scaler, enum unit }
void write_scaler_unit(dlms::AxdrWriter& w, std::int8_t scaler, meter::Unit unit);

// A UTC instant as the 12-octet COSEM date-time (octet-string), local time with its deviation;
// utc_s <= 0 writes the all-"not specified" date-time. Whole seconds (hundredths 0), or with
// `hundredths` the hundredths of the instant (truncated, 10 us of tolerance): the start of a voltage
// event.
void write_date_time(dlms::AxdrWriter& w, double utc_s, const clock::TimeZone& tz, std::uint8_t clock_status = 0,
                     bool hundredths = false);

}  // namespace quadra::cosem
