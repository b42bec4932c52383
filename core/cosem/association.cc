#include "core/cosem/association.h"

namespace quadra::cosem {
namespace {

bool public_object(const CosemObject& o) {
  const meter::Obis& ln = o.logical_name();
  if (ln == meter::Obis(0, 0, 1, 0, 0) || ln == meter::Obis(0, 0, 40, 0, 0) || ln == meter::Obis(0, 0, 41, 0, 0) ||
      ln == meter::Obis(0, 0, 42, 0, 0) || ln == meter::Obis(0, 0, 96, 1, 0) || ln == meter::Obis(1, 0, 0, 2, 0) ||
      ln == meter::Obis(0, 0, 43, 1, 0))
    return true;
  // Energy totals 1.0.C.8.0 of the total element.
  return ln.a() == 1 && ln.d() == 8 && ln.e() == 0 && ln.c() >= 1 && ln.c() <= 10;
}

bool is_association(const CosemObject& o) { return o.class_id() == 15; }

}  // namespace

std::uint8_t attribute_access(ClientLevel level, const CosemObject& o, std::uint8_t attribute) {
  if (attribute == 0 || attribute > o.attribute_count()) return 0;
  if (is_association(o) && attribute == 7) return level == ClientLevel::kPublic ? 0 : 2;  // secret: write only
  if (level == ClientLevel::kPublic) return public_object(o) ? 1 : 0;
  if (o.class_id() == 40 && level != ClientLevel::kManager) return 1;  // push setups: the management client's
  return o.writable(attribute) ? 3 : 1;
}

bool method_access(ClientLevel level, const CosemObject& o, std::uint8_t method) {
  if (method == 0 || method > o.method_count()) return false;
  if (is_association(o)) return method == 1;  // reply_to_HLS_authentication, while associating
  if (level == ClientLevel::kPublic) return false;
  if (o.class_id() == 40) return method == 1 && level == ClientLevel::kManager;  // push
  if (o.class_id() == 8) return method == 1 || method == 6;  // adjust to quarter, shift time
  if (o.class_id() == 7) return method == 1 && o.logical_name().c() == 99 && o.logical_name().d() >= 97;  // log reset
  return false;
}

}  // namespace quadra::cosem
