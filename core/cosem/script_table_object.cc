#include "core/cosem/script_table_object.h"

#include "core/cosem/image_transfer_object.h"
#include "core/cosem/register_activation_object.h"
#include "core/cosem/value_reader.h"

namespace quadra::cosem {
namespace {

constexpr std::uint8_t kWriteAttribute = 1;
constexpr std::uint8_t kExecuteMethod = 2;

void write_action(AxdrWriter& w, std::uint8_t service, std::uint16_t class_id, const meter::Obis& ln, std::int8_t index) {
  w.structure(5);
  w.enum_value(service);
  w.long_unsigned(class_id);
  w.octet_string(ln.v);
  w.integer(index);
}

}  // namespace

DataAccessResult ScriptTableObject::get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                  const RequestContext&) {
  if (kind_ == Kind::kImageActivation) {
    out.array(1);
    out.structure(2);
    out.long_unsigned(1);
    out.array(1);
    write_action(out, kExecuteMethod, 18, kImageTransferLn, 4);  // image_activate
    out.integer(0);
    return DataAccessResult::kSuccess;
  }
  if (kind_ == Kind::kOutputSignals) {
    out.array(4);
    for (std::uint16_t script = 1; script <= 4; ++script) {
      out.structure(2);
      out.long_unsigned(script);
      out.array(1);
      if (script <= 2) {
        write_action(out, kExecuteMethod, 70, meter::Obis(0, 0, 96, 3, 10), static_cast<std::int8_t>(script));
        out.integer(0);
      } else {
        write_action(out, kWriteAttribute, 1, meter::Obis(0, 0, 96, 3, 2), 2);
        out.double_long_unsigned(script == 3 ? 2u : 0u);
      }
    }
    return DataAccessResult::kSuccess;
  }
  if (kind_ == Kind::kBillingReset) {
    out.array(1);
    out.structure(2);
    out.long_unsigned(1);
    out.array(1);
    write_action(out, kExecuteMethod, 7, meter::Obis(0, 0, 98, 1, 0), 2);  // billing profile: capture
    out.integer(0);
    return DataAccessResult::kSuccess;
  }
  out.array(meter::kTariffCount);
  for (unsigned t = 1; t <= meter::kTariffCount; ++t) {
    out.structure(2);
    out.long_unsigned(static_cast<std::uint16_t>(t));
    out.array(2);
    for (std::uint8_t e : {std::uint8_t{0}, std::uint8_t{1}}) {
      write_action(out, kWriteAttribute, 6, meter::Obis(0, 0, 14, 0, e), 4);  // active_mask
      out.octet_string(tariff_mask_name(t));
    }
  }
  return DataAccessResult::kSuccess;
}

ActionResult ScriptTableObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter&,
                                       bool& has_data, const RequestContext& ctx) {
  has_data = false;
  if (method != 1) return ActionResult::kObjectUndefined;
  ValueReader v(parameters);
  std::uint16_t script = 0;
  if (!v.long_unsigned(&script) || !v.end()) return action_result(v.result());
  if (kind_ == Kind::kImageActivation) return script == 1 ? image_->activate(ctx.now_s) : ActionResult::kOtherReason;
  if (kind_ == Kind::kOutputSignals) {
    const Status s = meter_.run_output_script(script, meter::Relays::Source::kRemote, ctx.now_s);
    if (s.is_ok()) return ActionResult::kSuccess;
    return s.code() == StatusCode::kNotSupported ? ActionResult::kTemporaryFailure : ActionResult::kOtherReason;
  }
  if (kind_ == Kind::kBillingReset) {
    if (script != 1) return ActionResult::kOtherReason;
    (void)meter_.billing_reset(ctx.now_s, meter::BillingTrigger::kCommand);
    return ActionResult::kSuccess;
  }
  return meter_.execute_tariff_script(script, ctx.now_s).is_ok() ? ActionResult::kSuccess : ActionResult::kOtherReason;
}

}  // namespace quadra::cosem
