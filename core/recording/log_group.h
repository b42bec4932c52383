// The seven event logs of shared/spec/events.md: their OBIS codes and what their context columns
// hold. Every row of every log has the clock (0.0.1.0.0.255 attribute 2) as its first column; the
// event code object follows except in the power failure log, then the context columns listed here.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/obis.h"

namespace quadra::recording {

enum class LogGroup : std::uint8_t {
  kStandard = 0,
  kFraud,
  kLimits,
  kPowerQuality,
  kPowerFailure,
  kCommunication,
  kConfiguration,
};
inline constexpr std::size_t kLogGroupCount = 7;

struct LogGroupInfo {
  const char* name;
  meter::Obis profile;     // the profile generic holding the rows
  meter::Obis code_object; // the event code object (last code), unused by the power failure log
  meter::Obis counter;     // how many events the log has received, ever
  bool has_code_column;    // false only for the power failure log
  std::uint8_t context_columns;
  // What context[0] and context[1] mean (nullptr when the column does not exist).
  const char* context_names[2];
};

// The 0.0.96.15.x.255 counters follow the E of the log's profile; the power failure log counts
// with 0.0.96.7.9.255 (number of long power failures in all phases), which is exactly its row count.
inline constexpr std::array<LogGroupInfo, kLogGroupCount> kLogGroups{{
    {"standard", {0, 0, 99, 98, 0}, {0, 0, 96, 11, 0}, {0, 0, 96, 15, 0}, true, 0, {nullptr, nullptr}},
    {"fraud", {0, 0, 99, 98, 1}, {0, 0, 96, 11, 1}, {0, 0, 96, 15, 1}, true, 0, {nullptr, nullptr}},
    {"limits and outputs", {0, 0, 99, 98, 2}, {0, 0, 96, 11, 2}, {0, 0, 96, 15, 2}, true, 1,
     {"value that crossed the limit (W or A), or the relay number", nullptr}},
    {"power quality", {0, 0, 99, 98, 4}, {0, 0, 96, 11, 4}, {0, 0, 96, 15, 4}, true, 2,
     {"duration_s", "extreme value"}},
    {"power failure", {1, 0, 99, 97, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 96, 7, 9}, false, 1, {"duration_s", nullptr}},
    {"communication and security", {0, 0, 99, 98, 5}, {0, 0, 96, 11, 5}, {0, 0, 96, 15, 5}, true, 1,
     {"detail (client SAP, number 1..7 of the deleted log, or the push setup's OBIS packed by obis_to_context)",
      nullptr}},
    {"configuration and inputs", {0, 0, 99, 98, 6}, {0, 0, 96, 11, 6}, {0, 0, 96, 15, 6}, true, 1,
     {"detail (OBIS packed by obis_to_context, or input number)", nullptr}},
}};

constexpr const LogGroupInfo& log_group_info(LogGroup g) { return kLogGroups[static_cast<std::size_t>(g)]; }
// 1..7, the numbering of shared/spec/events.md (the context of "event log deleted").
constexpr std::uint8_t log_group_number(LogGroup g) { return static_cast<std::uint8_t>(static_cast<std::uint8_t>(g) + 1); }

// An OBIS code as one context value: the six groups as a 48-bit integer, exact in a double.
constexpr double obis_to_context(const meter::Obis& o) {
  std::uint64_t x = 0;
  for (std::uint8_t b : o.v) x = (x << 8) | b;
  return static_cast<double>(x);
}
constexpr meter::Obis obis_from_context(double c) {
  std::uint64_t x = static_cast<std::uint64_t>(c);
  meter::Obis o;
  for (std::size_t k = 6; k-- > 0;) {
    o.v[k] = static_cast<std::uint8_t>(x & 0xFF);
    x >>= 8;
  }
  return o;
}

}  // namespace quadra::recording
