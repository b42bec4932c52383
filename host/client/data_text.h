// A-XDR Data values as people and scripts read them (the output of `quadra read`).
//
// parse_data() turns one complete A-XDR encoded Data value (as a GET response carries it) into a
// tree, checked by core/dlms's AxdrReader; the text and JSON forms are made from the tree:
//
//   structure (2)
//     long-unsigned 8
//     octet-string 0.0.1.0.0.255          (6 octets: shown as an OBIS code)
//   date-time 2021-01-24 14:48:57.80 deviation -60 status 00
//   octet-string 2021-01-24 14:48:57 (date-time, deviation unspecified)
//
// An octet-string of 12 octets is shown as a COSEM date-time when it looks like one (year
// 0xFFFF or 1000..9999, month 1..12 or FD/FE/FF, day 1..31 or FD/FE/FF, hour 0..23 or FF, minute
// and second 0..59 or FF, hundredths 0..99 or FF, deviation -720..720 or 0x8000); one of 6 octets
// is shown as OBIS A.B.C.D.E.F. The JSON form keeps the type: {"type":"long-unsigned","value":8};
// octet strings carry "hex" always and "obis" / "date_time" when they look like one.
//
// Host code: allocates freely, throws ClientError (client_error.h) on a malformed value.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/dlms/data_type.h"
#include "host/client/client_error.h"

namespace quadra::client {

struct DataValue {
  dlms::DataType type = dlms::DataType::kNull;
  std::uint64_t unsigned_value = 0;  // boolean, unsigned types, enum, bcd
  std::int64_t signed_value = 0;     // integer, long, double-long, long64
  double float_value = 0.0;          // float32, float64
  std::uint32_t bit_count = 0;       // bit-string
  std::vector<std::uint8_t> bytes;   // strings, date/time, bit-string, compact-array contents
  std::vector<DataValue> items;      // array, structure

  bool is_integer() const;  // any integer type, boolean and enum included
  // The integer types as a double (others: nullopt).
  std::optional<double> number() const;
};

// One whole A-XDR Data value, nothing after it. Throws ClientError with the codec's message.
DataValue parse_data(std::span<const std::uint8_t> encoded);

// The Blue Book name of a Data type ("long-unsigned", "octet-string").
const char* type_name(dlms::DataType type);

// A COSEM date-time (12 octets) as "YYYY-MM-DD HH:MM:SS[.hh]" plus " deviation N" when the
// deviation is given and " status XX" when the clock status is not FF/00; unspecified fields are
// written as "*" (e.g. "*-*-* 00:00:00"). nullopt when the octets do not look like a date-time.
std::optional<std::string> date_time_text(std::span<const std::uint8_t> octets);
// "A.B.C.D.E.F" for 6 octets.
std::string obis_text(std::span<const std::uint8_t> octets);
std::string hex_text(std::span<const std::uint8_t> octets);

// A scalar on one line without its type ("1234", "0.0.1.0.0.255", "2021-01-24 14:48:57",
// "\"text\"", "true"); containers as "[...]" with their elements separated by ", ".
std::string value_text(const DataValue& v);
// The indented tree, one value per line, `indent` spaces per level; ends with a newline.
std::string tree_text(const DataValue& v, int indent = 2);
nlohmann::json to_json(const DataValue& v);

}  // namespace quadra::client
