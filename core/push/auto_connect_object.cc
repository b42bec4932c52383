#include "core/push/auto_connect_object.h"

#include "core/dlms/axdr_reader.h"
#include "core/meter/meter.h"
#include "core/recording/log_group.h"

namespace quadra::push {
namespace {

using dlms::AxdrItem;
using dlms::AxdrReader;
using dlms::DataType;

bool expect(AxdrReader& r, DataType type, AxdrItem* item) { return r.expect(type, item, "auto_connect").is_ok(); }

bool read_octets(AxdrReader& r, std::size_t size, std::uint8_t* out) {
  AxdrItem item;
  if (!expect(r, DataType::kOctetString, &item) || item.bytes.size() != size) return false;
  for (std::size_t k = 0; k < size; ++k) out[k] = item.bytes[k];
  return true;
}

}  // namespace

bool read_auto_connect_attribute(std::uint8_t attribute, std::span<const std::uint8_t> value, AutoConnectSettings* s) {
  AxdrReader r(value);
  AxdrItem item;
  switch (attribute) {
    case 2:
      if (!expect(r, DataType::kEnum, &item)) return false;
      s->mode = static_cast<std::uint8_t>(item.unsigned_value);
      break;
    case 3:
      if (!expect(r, DataType::kUnsigned, &item)) return false;
      s->repetitions = static_cast<std::uint8_t>(item.unsigned_value);
      break;
    case 4:
      if (!expect(r, DataType::kLongUnsigned, &item)) return false;
      s->repetition_delay_s = static_cast<std::uint16_t>(item.unsigned_value);
      break;
    case 5: {
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
    case 6: {
      if (!expect(r, DataType::kArray, &item) || item.count > kMaxAutoConnectDestinations) return false;
      s->destination_count = 0;
      for (std::uint32_t k = 0; k < item.count; ++k) {
        AxdrItem f;
        if (!expect(r, DataType::kOctetString, &f)) return false;
        if (!s->add_destination(std::string_view(reinterpret_cast<const char*>(f.bytes.data()), f.bytes.size())))
          return false;
      }
      break;
    }
    default: return false;
  }
  return r.at_end();
}

cosem::DataAccessResult AutoConnectObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                         cosem::AxdrWriter& out, const cosem::RequestContext&) {
  switch (attribute) {
    case 2: out.enum_value(s_.mode); break;
    case 3: out.unsigned8(s_.repetitions); break;
    case 4: out.long_unsigned(s_.repetition_delay_s); break;
    case 5:
      out.array(static_cast<std::uint32_t>(s_.window_count));
      for (std::size_t k = 0; k < s_.window_count; ++k) {
        out.structure(2);
        out.octet_string(s_.windows[k].start);
        out.octet_string(s_.windows[k].end);
      }
      break;
    default:
      out.array(static_cast<std::uint32_t>(s_.destination_count));
      for (std::size_t k = 0; k < s_.destination_count; ++k) {
        const std::string_view d = s_.destination(k);
        out.octet_string(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(d.data()), d.size()));
      }
      break;
  }
  return cosem::DataAccessResult::kSuccess;
}

cosem::DataAccessResult AutoConnectObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                               const cosem::RequestContext& ctx) {
  if (!writable(attribute)) return cosem::DataAccessResult::kReadWriteDenied;
  AutoConnectSettings next = s_;
  if (!read_auto_connect_attribute(attribute, value, &next)) return cosem::DataAccessResult::kTypeUnmatched;
  if (!validate(next).is_ok()) return cosem::DataAccessResult::kOtherReason;
  ++next.generation;
  s_ = next;
  meter_.parameters_changed(recording::obis_to_context(logical_name()), ctx.now_s);
  return cosem::DataAccessResult::kSuccess;
}

cosem::ActionResult AutoConnectObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters,
                                              cosem::AxdrWriter&, bool& has_data, const cosem::RequestContext&) {
  has_data = false;
  if (method != 1) return cosem::ActionResult::kObjectUnavailable;
  AxdrReader r(parameters);
  AxdrItem item;
  if (!expect(r, DataType::kInteger, &item) || !r.at_end()) return cosem::ActionResult::kTypeUnmatched;
  if (!present_ || static_cast<AutoConnectMode>(s_.mode) == AutoConnectMode::kNoAutoDialling)
    return cosem::ActionResult::kTemporaryFailure;
  ++s_.connect_requests;
  return cosem::ActionResult::kSuccess;
}

}  // namespace quadra::push
