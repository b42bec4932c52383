#include "core/push/push_script_table.h"

#include "core/cosem/value_reader.h"

namespace quadra::push {

PushScriptTable::PushScriptTable(std::span<PushEngine* const> pushes)
    : CosemObject(9, 0, kPushScriptTableLn) {
  for (PushEngine* p : pushes) {
    if (count_ < pushes_.size() && p != nullptr) pushes_[count_++] = p;
  }
}

cosem::DataAccessResult PushScriptTable::get_attribute(std::uint8_t, const dlms::SelectiveAccess&,
                                                       cosem::AxdrWriter& out, const cosem::RequestContext&) {
  out.array(static_cast<std::uint32_t>(count_));
  for (std::size_t k = 0; k < count_; ++k) {
    out.structure(2);
    out.long_unsigned(static_cast<std::uint16_t>(k + 1));
    out.array(1);
    out.structure(5);
    out.enum_value(2);  // execute method
    out.long_unsigned(40);
    out.octet_string(pushes_[k]->logical_name().v);
    out.integer(1);  // push
    out.integer(0);
  }
  return cosem::DataAccessResult::kSuccess;
}

bool PushScriptTable::execute(std::uint16_t script, Trigger kind) {
  if (script < 1 || script > count_) return false;
  pushes_[script - 1]->trigger(kind);
  return true;
}

cosem::ActionResult PushScriptTable::action(std::uint8_t method, std::span<const std::uint8_t> parameters,
                                            cosem::AxdrWriter&, bool& has_data, const cosem::RequestContext&) {
  has_data = false;
  if (method != 1) return cosem::ActionResult::kObjectUndefined;
  cosem::ValueReader v(parameters);
  std::uint16_t script = 0;
  if (!v.long_unsigned(&script) || !v.end()) return cosem::action_result(v.result());
  return execute(script) ? cosem::ActionResult::kSuccess : cosem::ActionResult::kOtherReason;
}

}  // namespace quadra::push
