#include "core/cosem/cosem_object.h"

namespace quadra::cosem {

DataAccessResult CosemObject::get(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                  const RequestContext& ctx) {
  if (attribute == 0 || attribute > attribute_count()) return DataAccessResult::kObjectUndefined;
  if (access.present && !selectable(attribute)) return DataAccessResult::kObjectUnavailable;
  if (attribute == 1) {
    out.octet_string(ln_.v);
    return DataAccessResult::kSuccess;
  }
  return get_attribute(attribute, access, out, ctx);
}

}  // namespace quadra::cosem
