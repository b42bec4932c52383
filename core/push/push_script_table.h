// The Push script table (interface class 9, version 0) 0.0.10.0.108.255: one script per push
// setup of the meter, each calling its method 1 (push), as IDIS orders them:
//   script 1: execute method 1 of 0.0.25.9.0.255 (the alarm push), parameter integer 0
//   script 2: execute method 1 of 0.0.25.9.1.255 (the interval push), parameter integer 0
//   2 scripts   array of structure { script_identifier long-unsigned, actions array of structure
//               { service_id enum (2: execute method), class_id long-unsigned 40, logical_name
//               octet-string(6), index integer 1, parameter integer 0 } }             read
//   method 1 execute (script_identifier long-unsigned): triggers that push (an identifier not in
//            the table is other-reason, a parameter of another type type-unmatched).
// The Push single action schedule 0.0.15.0.4.255 runs script 2 (push_schedule.h); the register
// monitors' actions on this table (the alarm monitor's 0.0.10.0.108.255 / 1) run through
// monitor_actions.h. The scripts are fixed (attribute 2 is not writable).
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "core/cosem/cosem_object.h"
#include "core/push/push_engine.h"

namespace quadra::push {

inline constexpr meter::Obis kPushScriptTableLn{0, 0, 10, 0, 108};

class PushScriptTable final : public cosem::CosemObject {
 public:
  static constexpr std::size_t kMaxScripts = 4;
  // `pushes`: script n triggers pushes[n - 1]; at most kMaxScripts, each outliving the table.
  explicit PushScriptTable(std::span<PushEngine* const> pushes);
  std::uint8_t attribute_count() const override { return 2; }
  std::uint8_t method_count() const override { return 1; }
  cosem::ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, cosem::AxdrWriter& out,
                             bool& has_data, const cosem::RequestContext& ctx) override;
  // Triggers push `script` (1..) as `kind` (the client's execute: kMethod; the push schedule:
  // kSchedule); false when there is no such script.
  bool execute(std::uint16_t script, Trigger kind = Trigger::kMethod);
  std::size_t script_count() const { return count_; }
  // The push setup script `script` triggers; null when there is no such script.
  const PushEngine* push_of(std::uint16_t script) const {
    return script >= 1 && script <= count_ ? pushes_[script - 1] : nullptr;
  }

 protected:
  cosem::DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access,
                                        cosem::AxdrWriter& out, const cosem::RequestContext& ctx) override;

 private:
  std::array<PushEngine*, kMaxScripts> pushes_{};
  std::size_t count_ = 0;
};

}  // namespace quadra::push
