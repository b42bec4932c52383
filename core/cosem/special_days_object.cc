#include "core/cosem/special_days_object.h"

#include "core/cosem/value_reader.h"

namespace quadra::cosem {

DataAccessResult SpecialDaysObject::get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                  const RequestContext&) {
  const std::span<const clock::SpecialDay> entries = meter_.special_days().entries();
  out.array(static_cast<std::uint32_t>(entries.size()));
  for (const clock::SpecialDay& e : entries) {
    out.structure(3);
    out.long_unsigned(e.index);
    out.octet_string(clock::encode(e.date));
    out.unsigned8(e.day_id);
  }
  return DataAccessResult::kSuccess;
}

ActionResult SpecialDaysObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter&,
                                       bool& has_data, const RequestContext& ctx) {
  has_data = false;
  ValueReader v(parameters);
  Status s;
  if (method == 1) {
    clock::SpecialDay e;
    if (!v.structure(3) || !v.long_unsigned(&e.index) || !v.date(&e.date) || !v.unsigned8(&e.day_id) || !v.end())
      return action_result(v.result());
    s = meter_.insert_special_day(e, ctx.now_s);
  } else if (method == 2) {
    std::uint16_t index = 0;
    if (!v.long_unsigned(&index) || !v.end()) return action_result(v.result());
    s = meter_.delete_special_day(index, ctx.now_s);
  } else {
    return ActionResult::kObjectUndefined;
  }
  return s.is_ok() ? ActionResult::kSuccess : ActionResult::kOtherReason;
}

}  // namespace quadra::cosem
