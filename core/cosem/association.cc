#include "core/cosem/association.h"

#include "core/cosem/image_transfer_object.h"

namespace quadra::cosem {
namespace {

bool public_object(const CosemObject& o) {
  const meter::Obis& ln = o.logical_name();
  if (ln == meter::Obis(0, 0, 1, 0, 0) || ln == meter::Obis(0, 0, 40, 0, 0) || ln == meter::Obis(0, 0, 41, 0, 0) ||
      ln == meter::Obis(0, 0, 42, 0, 0) || ln == meter::Obis(0, 0, 96, 1, 0) || ln == meter::Obis(1, 0, 0, 2, 0) ||
      ln == meter::Obis(0, 0, 43, 1, 0) || ln == meter::Obis(0, 0, 43, 0, 0))
    return true;
  // Energy totals 1.0.C.8.0 of the total element.
  return ln.a() == 1 && ln.d() == 8 && ln.e() == 0 && ln.c() >= 1 && ln.c() <= 10;
}

bool is_association(const CosemObject& o) { return o.class_id() == 15; }

// The tariff program (activity calendar, special days, register activation, tariffication and
// billing reset scripts, billing schedule): every associated client reads it; only the
// management client writes it and calls its methods (register activation's methods: nobody).
bool tariff_program(const CosemObject& o) {
  const meter::Obis& ln = o.logical_name();
  switch (o.class_id()) {
    case 20: return ln == meter::Obis(0, 0, 13, 0, 0);
    case 11: return ln == meter::Obis(0, 0, 11, 0, 0);
    case 6: return ln.a() == 0 && ln.c() == 14 && ln.d() == 0;
    case 9: return ln == meter::Obis(0, 0, 10, 0, 100) || ln == meter::Obis(0, 0, 10, 0, 1);
    case 22: return ln == meter::Obis(0, 0, 15, 0, 0);
    default: return false;
  }
}

}  // namespace

std::uint8_t attribute_access(ClientLevel level, const CosemObject& o, std::uint8_t attribute) {
  if (attribute == 0 || attribute > o.attribute_count()) return 0;
  if (is_association(o) && attribute == 7) return level == ClientLevel::kPublic ? 0 : 2;  // secret: write only
  if (level == ClientLevel::kPublic) return public_object(o) ? 1 : 0;
  if (!o.writable(attribute)) return 1;
  // The reading client synchronises the clock; configuration (the tariff program, thresholds,
  // monitors, limiter, alarm filter) is the management client's alone, as in IDIS.
  if (level == ClientLevel::kManager || o.class_id() == 8) return 3;
  return 1;
}

bool method_access(ClientLevel level, const CosemObject& o, std::uint8_t method) {
  if (method == 0 || method > o.method_count()) return false;
  if (is_association(o)) return method == 1;  // reply_to_HLS_authentication, while associating
  if (level == ClientLevel::kPublic) return false;
  if (tariff_program(o)) return level == ClientLevel::kManager && o.class_id() != 6;
  if (o.class_id() == 64) return level == ClientLevel::kManager && method <= 3;  // activate, key transfer, agreement
  if (o.class_id() == 40) return method == 1 && level == ClientLevel::kManager;  // push
  if (o.class_id() == 29) return method == 1 && level == ClientLevel::kManager;  // auto connect: connect
  if (o.class_id() == 9 && o.logical_name() == meter::Obis(0, 0, 10, 0, 108))
    return method == 1 && level == ClientLevel::kManager;  // push script table: execute
  if (o.class_id() == 18) return level == ClientLevel::kManager;  // image transfer: the firmware update
  if (o.class_id() == 9 && o.logical_name() == kImageActivationScriptLn)
    return method == 1 && level == ClientLevel::kManager;  // image activation script: execute
  if (o.class_id() == 8) return true;  // clock adjustment and synchronisation
  if (o.class_id() == 7) return method == 1 && o.logical_name().c() == 99 && o.logical_name().d() >= 97;  // log reset
  return false;
}

}  // namespace quadra::cosem
