#include "core/push/push_setup_object.h"

#include "core/dlms/axdr_reader.h"
#include "core/meter/meter.h"
#include "core/recording/log_group.h"

namespace quadra::push {
namespace {

using dlms::AxdrItem;
using dlms::AxdrReader;
using dlms::DataType;

bool expect(AxdrReader& r, DataType type, AxdrItem* item) { return r.expect(type, item, "push_setup").is_ok(); }

bool read_octets(AxdrReader& r, std::size_t size, std::uint8_t* out) {
  AxdrItem item;
  if (!expect(r, DataType::kOctetString, &item) || item.bytes.size() != size) return false;
  for (std::size_t k = 0; k < size; ++k) out[k] = item.bytes[k];
  return true;
}

}  // namespace

bool read_push_attribute(std::uint8_t attribute, std::span<const std::uint8_t> value, PushSettings* s) {
  AxdrReader r(value);
  AxdrItem item;
  switch (attribute) {
    case 2: {
      if (!expect(r, DataType::kArray, &item) || item.count > kMaxPushObjects) return false;
      s->object_count = 0;
      for (std::uint32_t k = 0; k < item.count; ++k) {
        AxdrItem f;
        PushObject o;
        if (!expect(r, DataType::kStructure, &f) || f.count != 4) return false;
        if (!expect(r, DataType::kLongUnsigned, &f)) return false;
        o.class_id = static_cast<std::uint16_t>(f.unsigned_value);
        if (!read_octets(r, 6, o.logical_name.v.data())) return false;
        if (!expect(r, DataType::kInteger, &f)) return false;
        o.attribute = static_cast<std::int8_t>(f.signed_value);
        if (!expect(r, DataType::kLongUnsigned, &f)) return false;
        o.data_index = static_cast<std::uint16_t>(f.unsigned_value);
        s->add_object(o);
      }
      break;
    }
    case 3: {
      AxdrItem f;
      if (!expect(r, DataType::kStructure, &item) || item.count != 3) return false;
      if (!expect(r, DataType::kEnum, &f)) return false;
      s->transport = static_cast<TransportService>(f.unsigned_value);
      if (!expect(r, DataType::kOctetString, &f)) return false;
      if (!s->set_destination(std::string_view(reinterpret_cast<const char*>(f.bytes.data()), f.bytes.size())))
        return false;
      if (!expect(r, DataType::kEnum, &f)) return false;
      s->message = static_cast<std::uint8_t>(f.unsigned_value);
      break;
    }
    case 4: {
      if (!expect(r, DataType::kArray, &item) || item.count > kMaxWindows) return false;
      s->window_count = 0;
      for (std::uint32_t k = 0; k < item.count; ++k) {
        AxdrItem f;
        CommunicationWindow& w = s->windows[s->window_count++];
        if (!expect(r, DataType::kStructure, &f) || f.count != 2) return false;
        if (!read_octets(r, 12, w.start.data()) || !read_octets(r, 12, w.end.data())) return false;
      }
      break;
    }
    case 5:
      if (!expect(r, DataType::kLongUnsigned, &item)) return false;
      s->randomisation_start_interval_s = static_cast<std::uint16_t>(item.unsigned_value);
      break;
    case 6:
      if (!expect(r, DataType::kUnsigned, &item)) return false;
      s->number_of_retries = static_cast<std::uint8_t>(item.unsigned_value);
      break;
    case 7:
      if (!expect(r, DataType::kLongUnsigned, &item)) return false;
      s->repetition_delay_s = static_cast<std::uint16_t>(item.unsigned_value);
      break;
    default: return false;
  }
  return r.at_end();
}

cosem::DataAccessResult PushSetupObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                       cosem::AxdrWriter& out, const cosem::RequestContext&) {
  const PushSettings& s = engine_.settings();
  switch (attribute) {
    case 2:
      out.array(static_cast<std::uint32_t>(s.object_count));
      for (std::size_t k = 0; k < s.object_count; ++k) {
        const PushObject& o = s.objects[k];
        out.structure(4);
        out.long_unsigned(o.class_id);
        out.octet_string(o.logical_name.v);
        out.integer(o.attribute);
        out.long_unsigned(o.data_index);
      }
      break;
    case 3: {
      const std::string_view d = s.destination_view();
      out.structure(3);
      out.enum_value(static_cast<std::uint8_t>(s.transport));
      out.octet_string(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(d.data()), d.size()));
      out.enum_value(s.message);
      break;
    }
    case 4:
      out.array(static_cast<std::uint32_t>(s.window_count));
      for (std::size_t k = 0; k < s.window_count; ++k) {
        out.structure(2);
        out.octet_string(s.windows[k].start);
        out.octet_string(s.windows[k].end);
      }
      break;
    case 5: out.long_unsigned(s.randomisation_start_interval_s); break;
    case 6: out.unsigned8(s.number_of_retries); break;
    default: out.long_unsigned(s.repetition_delay_s); break;
  }
  return cosem::DataAccessResult::kSuccess;
}

cosem::DataAccessResult PushSetupObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                             const cosem::RequestContext& ctx) {
  if (!writable(attribute)) return cosem::DataAccessResult::kReadWriteDenied;
  PushSettings next = engine_.settings();
  if (!read_push_attribute(attribute, value, &next)) return cosem::DataAccessResult::kTypeUnmatched;
  if (!engine_.configure(next).is_ok()) return cosem::DataAccessResult::kOtherReason;
  meter_.parameters_changed(recording::obis_to_context(logical_name()), ctx.now_s);
  return cosem::DataAccessResult::kSuccess;
}

cosem::ActionResult PushSetupObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters,
                                            cosem::AxdrWriter&, bool& has_data, const cosem::RequestContext&) {
  has_data = false;
  if (method != 1) return cosem::ActionResult::kObjectUnavailable;
  AxdrReader r(parameters);
  AxdrItem item;
  if (!expect(r, DataType::kInteger, &item) || !r.at_end()) return cosem::ActionResult::kTypeUnmatched;
  engine_.trigger(Trigger::kMethod);
  return cosem::ActionResult::kSuccess;
}

}  // namespace quadra::push
