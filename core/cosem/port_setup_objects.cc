#include "core/cosem/port_setup_objects.h"

#include <algorithm>

#include "core/dlms/axdr_reader.h"
#include "core/recording/log_group.h"

namespace quadra::cosem {
namespace {

std::span<const std::uint8_t> bytes_of(const char* data, std::size_t size) {
  return {reinterpret_cast<const std::uint8_t*>(data), size};
}

// One value of `type`; false when the value is of another type (or not one whole value).
bool read_value(std::span<const std::uint8_t> value, dlms::DataType type, dlms::AxdrItem* item) {
  dlms::AxdrReader r(value);
  return r.expect(type, item, "port_setup.value").is_ok() && r.expect_end("port_setup.value").is_ok();
}

// IEC 62056-21 device address characters: 0-9 A-Z a-z and space.
bool device_address_char(std::uint8_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ';
}

}  // namespace

bool hdlc_setup_in_range(const io::HdlcSetup& s) {
  return static_cast<std::uint8_t>(s.comm_speed) <= io::kMaxCommSpeed && s.window_size_transmit >= 1 &&
         s.window_size_transmit <= 7 && s.window_size_receive >= 1 && s.window_size_receive <= 7 &&
         s.max_info_field_length_transmit >= 32 && s.max_info_field_length_transmit <= 2030 &&
         s.max_info_field_length_receive >= 32 && s.max_info_field_length_receive <= 2030 &&
         s.inter_octet_time_out_ms >= 20 && s.inter_octet_time_out_ms <= 6000 && s.device_address >= 0x0010 &&
         s.device_address <= 0x3FFD && s.device_address != 0x007E && s.device_address != 0x007F;
}

bool local_port_setup_in_range(const io::LocalPortSetup& s) {
  return static_cast<std::uint8_t>(s.prop_baud) <= static_cast<std::uint8_t>(io::CommSpeed::k19200) &&
         s.device_addr_size <= io::kMaxDeviceAddress &&
         std::all_of(s.device_addr.begin(), s.device_addr.begin() + static_cast<std::ptrdiff_t>(s.device_addr_size),
                     [](char c) { return device_address_char(static_cast<std::uint8_t>(c)); });
}

// ---- IEC local port setup (class 19) ----

bool LocalPortSetupObject::writable(std::uint8_t attribute) const {
  if (settings_.default_mode == io::LocalPortMode::kHdlc) return false;
  return attribute == 4 || attribute == 6;
}

DataAccessResult LocalPortSetupObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                     const RequestContext&) {
  const io::LocalPortSetup& s = settings_;
  switch (attribute) {
    case 2: out.enum_value(static_cast<std::uint8_t>(s.default_mode)); break;
    case 3: out.enum_value(static_cast<std::uint8_t>(s.default_baud)); break;
    case 4: out.enum_value(static_cast<std::uint8_t>(s.prop_baud)); break;
    case 5: out.enum_value(static_cast<std::uint8_t>(s.response_time)); break;
    case 6: out.octet_string(bytes_of(s.device_addr.data(), s.device_addr_size)); break;
    default: return DataAccessResult::kReadWriteDenied;  // 7..9: passwords are never read out
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult LocalPortSetupObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                           const RequestContext& ctx) {
  if (!writable(attribute)) return DataAccessResult::kReadWriteDenied;
  io::LocalPortSetup next = settings_;
  dlms::AxdrItem item;
  if (attribute == 6) {
    if (!read_value(value, dlms::DataType::kOctetString, &item)) return DataAccessResult::kTypeUnmatched;
    if (item.bytes.size() > io::kMaxDeviceAddress || !std::all_of(item.bytes.begin(), item.bytes.end(), device_address_char))
      return DataAccessResult::kOtherReason;
    std::copy(item.bytes.begin(), item.bytes.end(), reinterpret_cast<std::uint8_t*>(next.device_addr.data()));
    next.device_addr_size = item.bytes.size();
  } else {
    if (!read_value(value, dlms::DataType::kEnum, &item)) return DataAccessResult::kTypeUnmatched;
    // prop_baud: the mode C rates, 300..19200 Bd.
    if (item.unsigned_value > static_cast<std::uint8_t>(io::CommSpeed::k19200)) return DataAccessResult::kOtherReason;
    next.prop_baud = static_cast<io::CommSpeed>(item.unsigned_value);
  }
  ++next.generation;
  settings_ = next;
  meter_.parameters_changed(recording::obis_to_context(logical_name()), ctx.now_s);
  return DataAccessResult::kSuccess;
}

// ---- IEC HDLC setup (class 23) ----

DataAccessResult HdlcSetupObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                const RequestContext&) {
  const io::HdlcSetup& s = settings_;
  switch (attribute) {
    case 2: out.enum_value(static_cast<std::uint8_t>(s.comm_speed)); break;
    case 3: out.unsigned8(s.window_size_transmit); break;
    case 4: out.unsigned8(s.window_size_receive); break;
    case 5: out.long_unsigned(s.max_info_field_length_transmit); break;
    case 6: out.long_unsigned(s.max_info_field_length_receive); break;
    case 7: out.long_unsigned(s.inter_octet_time_out_ms); break;
    case 8: out.long_unsigned(s.inactivity_time_out_s); break;
    default: out.long_unsigned(s.device_address); break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult HdlcSetupObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) {
  if (!writable(attribute)) return DataAccessResult::kReadWriteDenied;
  const dlms::DataType type = attribute == 2                   ? dlms::DataType::kEnum
                              : (attribute == 3 || attribute == 4) ? dlms::DataType::kUnsigned
                                                                   : dlms::DataType::kLongUnsigned;
  dlms::AxdrItem item;
  if (!read_value(value, type, &item)) return DataAccessResult::kTypeUnmatched;
  io::HdlcSetup next = settings_;
  const auto v = static_cast<std::uint16_t>(item.unsigned_value);
  switch (attribute) {
    case 2: next.comm_speed = static_cast<io::CommSpeed>(std::min<std::uint16_t>(v, 0xFF)); break;
    case 3: next.window_size_transmit = static_cast<std::uint8_t>(v); break;
    case 4: next.window_size_receive = static_cast<std::uint8_t>(v); break;
    case 5: next.max_info_field_length_transmit = v; break;
    case 6: next.max_info_field_length_receive = v; break;
    case 7: next.inter_octet_time_out_ms = v; break;
    case 8: next.inactivity_time_out_s = v; break;
    default: next.device_address = v; break;
  }
  if (!hdlc_setup_in_range(next)) return DataAccessResult::kOtherReason;
  ++next.generation;
  settings_ = next;
  meter_.parameters_changed(recording::obis_to_context(logical_name()), ctx.now_s);
  return DataAccessResult::kSuccess;
}

}  // namespace quadra::cosem
