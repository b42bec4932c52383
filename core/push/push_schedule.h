// The Push single action schedule (interface class 22, version 0) 0.0.15.0.4.255: when the interval
// push goes. At each of its execution times (local time) it executes its script of the Push script
// table 0.0.10.0.108.255 (push_script_table.h), which calls method 1 (push) of the push setup.
//
//   2 executed_script  structure { script_logical_name octet-string(6) = 0.0.10.0.108.255,
//                      script_selector long-unsigned }                            read, write
//   3 type             enum: 5 (n times, each its own, wildcards in the date)      read
//   4 execution_time   array of structure { time octet-string(4), date octet-string(5) }
//                                                                                  read, write
// Served execution times: the date every day (FFFF FF FF FF); the time hh:mm:ss with hour 0..23
// or not specified (FF: every hour), minute 0..59, second 0..59 (FF read as 0), hundredths 0 or FF;
// at most kMaxTimes entries; an empty array: no schedule. Anything else is other-reason (a wrong
// shape type-unmatched) and changes nothing; so is a script other than one of the push script
// table's. A write taken bumps generation() and is logged as "parameters changed" (event 47).
//
// poll(now_s) runs the script once when local time has reached an execution time since the last
// poll (several passed at once, after a long step or an outage: once). The first poll only
// notes the time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/status.h"
#include "core/cosem/cosem_object.h"
#include "core/push/push_script_table.h"

namespace quadra::meter {
class Meter;
}

namespace quadra::push {

inline constexpr meter::Obis kPushScheduleLn{0, 0, 15, 0, 4};

struct ExecutionTime {
  std::uint8_t hour = 0;    // 0..23, or 0xFF: every hour
  std::uint8_t minute = 0;  // 0..59
  std::uint8_t second = 0;  // 0..59
  friend bool operator==(const ExecutionTime&, const ExecutionTime&) = default;
};

struct PushScheduleSettings {
  static constexpr std::size_t kMaxTimes = 96;
  std::uint16_t script_selector = 2;  // of 0.0.10.0.108.255: the interval push
  std::array<ExecutionTime, kMaxTimes> times{};
  std::size_t count = 0;
};

// The execution times of a push every interval_s seconds: 0 none; a divisor of an hour (60 s at
// least) every hour at its multiples, else a divisor of a day at its multiples of local time.
// Refused (naming push.interval_s) when neither fits kMaxTimes.
Status schedule_every(std::uint32_t interval_s, PushScheduleSettings* out);

class PushScheduleObject final : public cosem::CosemObject {
 public:
  // `meter` and `scripts` outlive the object.
  PushScheduleObject(meter::Meter& meter, PushScriptTable& scripts, const PushScheduleSettings& settings)
      : CosemObject(22, 0, kPushScheduleLn), meter_(meter), scripts_(scripts), settings_(settings) {}
  std::uint8_t attribute_count() const override { return 4; }
  bool writable(std::uint8_t attribute) const override { return attribute == 2 || attribute == 4; }
  cosem::DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                              const cosem::RequestContext& ctx) override;

  void poll(double now_s);
  const PushScheduleSettings& settings() const { return settings_; }
  // Attribute 2 or 4 as an earlier run kept it (the A-XDR a GET returns): taken with the same
  // checks as a write, but not logged; false (nothing changed) when a write would be refused.
  bool restore(std::uint8_t attribute, std::span<const std::uint8_t> value);
  std::uint32_t generation() const { return generation_; }

 protected:
  cosem::DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access,
                                        cosem::AxdrWriter& out, const cosem::RequestContext& ctx) override;

 private:
  bool valid(const PushScheduleSettings& s) const;
  // Reads a value of attribute 2 or 4 over *out (type-unmatched / other-reason as set() says).
  cosem::DataAccessResult read(std::uint8_t attribute, std::span<const std::uint8_t> value,
                               PushScheduleSettings* out) const;
  // The first execution time strictly after local second `after` (seconds since 1970 of local time).
  std::int64_t next_after(std::int64_t after) const;
  meter::Meter& meter_;
  PushScriptTable& scripts_;
  PushScheduleSettings settings_;
  std::int64_t last_local_s_ = -1;
  std::uint32_t generation_ = 0;
};

}  // namespace quadra::push
