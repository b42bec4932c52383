#include "core/cosem/disconnect_control_object.h"

#include "core/cosem/value_reader.h"

namespace quadra::cosem {

DataAccessResult DisconnectControlObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                        AxdrWriter& out, const RequestContext&) {
  const meter::Relays& r = meter_.relays();
  switch (attribute) {
    case 2: out.boolean(r.output_state()); break;
    case 3: out.enum_value(static_cast<std::uint8_t>(r.control_state())); break;
    default: out.enum_value(r.control_mode()); break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult DisconnectControlObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                              const RequestContext& ctx) {
  if (attribute != 4) return DataAccessResult::kReadWriteDenied;
  ValueReader v(value);
  std::uint8_t mode = 0;
  if (!v.enumeration(&mode) || !v.end()) return v.result();
  return meter_.set_disconnect_control_mode(mode, ctx.now_s).is_ok() ? DataAccessResult::kSuccess
                                                                      : DataAccessResult::kOtherReason;
}

ActionResult DisconnectControlObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter&,
                                             bool& has_data, const RequestContext& ctx) {
  has_data = false;
  if (method != 1 && method != 2) return ActionResult::kObjectUndefined;
  ValueReader v(parameters);
  std::int8_t data = 0;
  if (!v.integer(&data) || !v.end()) return action_result(v.result());
  const auto request = method == 1 ? meter::Relays::Request::kRemoteDisconnect : meter::Relays::Request::kRemoteReconnect;
  return meter_.disconnector(request, ctx.now_s) == meter::Relays::Outcome::kNotAllowed ? ActionResult::kTemporaryFailure
                                                                                         : ActionResult::kSuccess;
}

}  // namespace quadra::cosem
