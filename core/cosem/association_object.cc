#include "core/cosem/association_object.h"

#include <algorithm>

#include "core/cosem/directory.h"

namespace quadra::cosem {
namespace {

// The application context name LN (2.16.756.5.8.1.1) and the mechanism names as COSEM writes
// them in attributes 4 and 6: octet strings of the object identifier's BER content.
constexpr std::array<std::uint8_t, 7> kContextLn{0x60, 0x85, 0x74, 0x05, 0x08, 0x01, 0x01};

void write_mechanism(AxdrWriter& w, dlms::Mechanism m) {
  const std::array<std::uint8_t, 7> oid{0x60, 0x85, 0x74, 0x05, 0x08, 0x02, static_cast<std::uint8_t>(m)};
  w.octet_string(oid);
}

void write_object_list(AxdrWriter& w, const Directory& d, ClientLevel level) {
  const dlms::AxdrWriter::Mark count = w.begin_array();
  std::uint32_t n = 0;
  for (const std::unique_ptr<CosemObject>& o : d.objects()) {
    bool visible = false;
    for (std::uint8_t a = 1; a <= o->attribute_count() && !visible; ++a) visible = attribute_access(level, *o, a) != 0;
    if (!visible) continue;
    ++n;
    w.structure(4);
    w.long_unsigned(o->class_id());
    w.unsigned8(o->version());
    w.octet_string(o->logical_name().v);
    w.structure(2);
    w.array(o->attribute_count());
    for (std::uint8_t a = 1; a <= o->attribute_count(); ++a) {
      w.structure(3);
      w.integer(static_cast<std::int8_t>(a));
      w.enum_value(attribute_access(level, *o, a));
      if (o->selectable(a)) {
        w.array(2);
        w.integer(1);
        w.integer(2);
      } else {
        w.null();
      }
    }
    w.array(o->method_count());
    for (std::uint8_t m = 1; m <= o->method_count(); ++m) {
      w.structure(2);
      w.integer(static_cast<std::int8_t>(m));
      w.enum_value(method_access(level, *o, m) ? 1 : 0);
    }
  }
  w.end_count(count, n);
}

}  // namespace

DataAccessResult AssociationObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                  AxdrWriter& out, const RequestContext& ctx) {
  const AssociationInfo* live = config_ == nullptr ? ctx.association : nullptr;
  const AssociationConfig* cfg = config_ != nullptr ? config_ : (live != nullptr ? live->config : nullptr);
  if (cfg == nullptr) return DataAccessResult::kObjectUnavailable;
  switch (attribute) {
    case 2: write_object_list(out, directory_, cfg->level); break;
    case 3:
      out.structure(2);
      out.integer(static_cast<std::int8_t>(cfg->client_sap));
      out.long_unsigned(1);
      break;
    case 4: out.octet_string(kContextLn); break;
    case 5: {
      out.structure(6);
      const std::uint32_t conf = live != nullptr ? live->conformance : 0;
      const std::array<std::uint8_t, 3> bits{static_cast<std::uint8_t>(conf >> 16), static_cast<std::uint8_t>(conf >> 8),
                                             static_cast<std::uint8_t>(conf)};
      out.bit_string(bits, 24);
      out.long_unsigned(live != nullptr ? live->client_max_pdu : 0);
      out.long_unsigned(live != nullptr ? live->server_max_pdu : 0);
      out.unsigned8(6);
      out.integer(0);
      out.octet_string({});
      break;
    }
    case 6: write_mechanism(out, cfg->mechanism); break;
    case 7: return DataAccessResult::kReadWriteDenied;
    case 8: out.enum_value(live != nullptr && live->associated() ? 2 : 0); break;
    case 9: {
      const meter::Obis security_setup(0, 0, 43, 0, 0);
      out.octet_string(security_setup.v);
      break;
    }
    case 10: out.array(0); break;  // no users configured (see the header)
    default: {
      // The asking association's user, when this object describes the asking association.
      const AssociationInfo* asking = ctx.association;
      const bool named = asking != nullptr && asking->has_user && (config_ == nullptr || asking->config == config_);
      out.structure(2);
      out.unsigned8(named ? asking->user_id : 0);
      out.visible_string({});
      break;
    }
  }
  return DataAccessResult::kSuccess;
}

ActionResult AssociationObject::action(std::uint8_t, std::span<const std::uint8_t>, AxdrWriter&, bool& has_data,
                                       const RequestContext&) {
  has_data = false;
  return ActionResult::kReadWriteDenied;  // HLS is not served yet
}

SapAssignmentObject::SapAssignmentObject(std::string_view name) : CosemObject(17, 0, meter::Obis(0, 0, 41, 0, 0)) {
  size_ = std::min(name.size(), name_.size());
  std::copy_n(name.begin(), size_, name_.begin());
}

DataAccessResult SapAssignmentObject::get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                    const RequestContext&) {
  out.array(1);
  out.structure(2);
  out.long_unsigned(1);
  out.octet_string({reinterpret_cast<const std::uint8_t*>(name_.data()), size_});
  return DataAccessResult::kSuccess;
}

}  // namespace quadra::cosem
