#include "core/cosem/register_activation_object.h"

#include "core/cosem/profile_object.h"

namespace quadra::cosem {
namespace {

bool controlled(RegisterActivationObject::Kind kind, const meter::Meter& m, const meter::Obis& o) {
  if (o.e() < 1 || o.e() > meter::kTariffCount) return false;
  if (kind == RegisterActivationObject::Kind::kEnergy) {
    metrology::Element el;
    metrology::EnergyQuantity q;
    unsigned t = 0;
    return m.energy().find(o, el, q, t);
  }
  return o.a() == 1 && (o.d() == 6 || o.d() == 2 || (o.c() == 1 && o.d() >= 36 && o.d() <= 38));
}

}  // namespace

std::array<std::uint8_t, 2> tariff_mask_name(unsigned tariff) {
  return {static_cast<std::uint8_t>('T'), static_cast<std::uint8_t>('0' + tariff)};
}

RegisterActivationObject::RegisterActivationObject(const meter::Meter& m, Kind kind)
    : CosemObject(6, 0, meter::Obis(0, 0, 14, 0, kind == Kind::kEnergy ? 0 : 1)), meter_(m) {
  registers_.reserve(255);
  m.for_each_register([&](const meter::Obis& o, const meter::RegisterValue&) {
    if (registers_.size() < 255 && controlled(kind, m, o)) registers_.push_back({register_class(o), o});
  });
}

DataAccessResult RegisterActivationObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                         AxdrWriter& out, const RequestContext&) {
  switch (attribute) {
    case 2:
      out.array(static_cast<std::uint32_t>(registers_.size()));
      for (const Assigned& r : registers_) {
        out.structure(2);
        out.long_unsigned(r.class_id);
        out.octet_string(r.ln.v);
      }
      break;
    case 3:
      out.array(meter::kTariffCount);
      for (unsigned t = 1; t <= meter::kTariffCount; ++t) {
        out.structure(2);
        out.octet_string(tariff_mask_name(t));
        const AxdrWriter::Mark count = out.begin_array();
        std::uint32_t n = 0;
        for (std::size_t i = 0; i < registers_.size(); ++i) {
          if (registers_[i].ln.e() != t) continue;
          out.unsigned8(static_cast<std::uint8_t>(i + 1));  // index_list counts from 1
          ++n;
        }
        out.end_count(count, n);
      }
      break;
    default: out.octet_string(tariff_mask_name(meter_.tariff())); break;
  }
  return DataAccessResult::kSuccess;
}

ActionResult RegisterActivationObject::action(std::uint8_t, std::span<const std::uint8_t>, AxdrWriter&, bool& has_data,
                                              const RequestContext&) {
  has_data = false;
  return ActionResult::kReadWriteDenied;  // the register set and its masks are fixed (see the header)
}

}  // namespace quadra::cosem
