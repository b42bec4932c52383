#include "core/cosem/status_register_object.h"

#include "core/cosem/value_reader.h"

namespace quadra::cosem {

std::uint32_t StatusRegisterObject::current() const {
  return is_alarm_register() ? meter_.events().alarm_register() : meter_.error_register();
}

DataAccessResult StatusRegisterObject::get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                     const RequestContext&) {
  out.double_long_unsigned(current());
  return DataAccessResult::kSuccess;
}

DataAccessResult StatusRegisterObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                           const RequestContext& ctx) {
  if (attribute != 2) return DataAccessResult::kReadWriteDenied;
  ValueReader r(value);
  std::uint32_t wanted = 0;
  if (!r.double_long_unsigned(&wanted) || !r.end()) return r.result();
  const std::uint32_t now = current();
  if ((wanted & ~now) != 0) return DataAccessResult::kOtherReason;  // would raise a bit
  const std::uint32_t cleared = now & ~wanted;
  if (cleared == 0) return DataAccessResult::kSuccess;
  if (is_alarm_register()) meter_.clear_alarms(cleared, ctx.now_s);
  else meter_.clear_errors(cleared, ctx.now_s);
  return DataAccessResult::kSuccess;
}

}  // namespace quadra::cosem
