#include "core/cosem/modem_objects.h"

#include "core/dlms/axdr_reader.h"
#include "core/recording/log_group.h"

namespace quadra::cosem {
namespace {

void write_qos(AxdrWriter& out, const QualityOfService& q) {
  out.structure(5);
  out.unsigned8(q.precedence);
  out.unsigned8(q.delay);
  out.unsigned8(q.reliability);
  out.unsigned8(q.peak_throughput);
  out.unsigned8(q.mean_throughput);
}

// One value of `type`, the whole of `value`; false for another type.
bool read_value(std::span<const std::uint8_t> value, dlms::DataType type, dlms::AxdrItem* item) {
  dlms::AxdrReader r(value);
  return r.expect(type, item, "modem_setup.value").is_ok() && r.expect_end("modem_setup.value").is_ok();
}

bool read_qos(dlms::AxdrReader& r, QualityOfService* q) {
  dlms::AxdrItem item;
  if (!r.expect(dlms::DataType::kStructure, &item, "qos").is_ok() || item.count != 5) return false;
  std::uint8_t* fields[5] = {&q->precedence, &q->delay, &q->reliability, &q->peak_throughput, &q->mean_throughput};
  for (std::uint8_t* f : fields) {
    if (!r.expect(dlms::DataType::kUnsigned, &item, "qos").is_ok()) return false;
    *f = static_cast<std::uint8_t>(item.unsigned_value);
  }
  return true;
}

// Takes `next` as the module's settings and logs event 47 for `object`.
DataAccessResult take(ModemSettings& s, const ModemSettings& next, meter::Meter& meter, const CosemObject& object,
                      const RequestContext& ctx) {
  s = next;
  ++s.generation;
  meter.parameters_changed(recording::obis_to_context(object.logical_name()), ctx.now_s);
  return DataAccessResult::kSuccess;
}

}  // namespace

bool apn_valid(std::string_view apn) {
  if (apn.empty() || apn.size() > 64) return false;
  for (char c : apn) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.'))
      return false;
  }
  return true;
}

bool unicast_ipv4(std::uint32_t address) { return address != 0 && (address >> 29) != 7; }

bool contiguous_mask(std::uint32_t mask) {
  const std::uint32_t host = ~mask;  // the host part: ones from the right, then nothing
  return mask != 0 && (host & (host + 1)) == 0;
}

bool gateway_valid(const ModemSettings& s, std::uint32_t gateway) {
  if (gateway == 0) return true;
  if (!unicast_ipv4(gateway) || gateway == s.ip_address) return false;
  return s.ip_address == 0 || (gateway & s.subnet_mask) == (s.ip_address & s.subnet_mask);
}

bool ipv4_setup_valid(const ModemSettings& s) {
  return (s.ip_address == 0 || unicast_ipv4(s.ip_address)) && contiguous_mask(s.subnet_mask) &&
         gateway_valid(s, s.gateway) && dns_valid(s.primary_dns) && dns_valid(s.secondary_dns);
}

DataAccessResult TcpUdpSetupObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                        const RequestContext& ctx) {
  if (!writable(attribute)) return DataAccessResult::kReadWriteDenied;
  dlms::AxdrItem item;
  const dlms::DataType type = attribute == 5 ? dlms::DataType::kUnsigned : dlms::DataType::kLongUnsigned;
  if (!read_value(value, type, &item)) return DataAccessResult::kTypeUnmatched;
  ModemSettings next = s_;
  const auto v = static_cast<std::uint16_t>(item.unsigned_value);
  switch (attribute) {
    case 2:
      if (v == 0) return DataAccessResult::kOtherReason;
      next.tcp_port = v;
      break;
    case 5:
      if (v < 1 || v > 64) return DataAccessResult::kOtherReason;
      next.max_connections = static_cast<std::uint8_t>(v);
      break;
    default: next.inactivity_timeout_s = v; break;
  }
  return take(s_, next, meter_, *this, ctx);
}

DataAccessResult Ipv4SetupObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                      const RequestContext& ctx) {
  if (!writable(attribute)) return DataAccessResult::kReadWriteDenied;
  dlms::AxdrItem item;
  ModemSettings next = s_;
  if (attribute == 8) {
    if (!read_value(value, dlms::DataType::kBoolean, &item)) return DataAccessResult::kTypeUnmatched;
    next.use_dhcp = item.unsigned_value != 0;
    return take(s_, next, meter_, *this, ctx);
  }
  if (!read_value(value, dlms::DataType::kDoubleLongUnsigned, &item)) return DataAccessResult::kTypeUnmatched;
  const auto address = static_cast<std::uint32_t>(item.unsigned_value);
  switch (attribute) {
    case 3:
      if (!unicast_ipv4(address)) return DataAccessResult::kOtherReason;
      next.ip_address = address;
      break;
    case 6:
      next.subnet_mask = address;
      if (!contiguous_mask(address) || !gateway_valid(next, next.gateway)) return DataAccessResult::kOtherReason;
      break;
    case 7:
      if (!gateway_valid(next, address)) return DataAccessResult::kOtherReason;
      next.gateway = address;
      break;
    default:
      if (!dns_valid(address)) return DataAccessResult::kOtherReason;
      (attribute == 9 ? next.primary_dns : next.secondary_dns) = address;
      break;
  }
  return take(s_, next, meter_, *this, ctx);
}

DataAccessResult GprsModemSetupObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                           const RequestContext& ctx) {
  if (!writable(attribute)) return DataAccessResult::kReadWriteDenied;
  ModemSettings next = s_;
  dlms::AxdrItem item;
  switch (attribute) {
    case 2: {
      if (!read_value(value, dlms::DataType::kOctetString, &item)) return DataAccessResult::kTypeUnmatched;
      const std::string_view apn(reinterpret_cast<const char*>(item.bytes.data()), item.bytes.size());
      if (!apn_valid(apn)) return DataAccessResult::kOtherReason;
      next.set_apn(apn);
      break;
    }
    case 3:
      if (!read_value(value, dlms::DataType::kLongUnsigned, &item)) return DataAccessResult::kTypeUnmatched;
      if (item.unsigned_value > 9999) return DataAccessResult::kOtherReason;
      next.pin_code = static_cast<std::uint16_t>(item.unsigned_value);
      break;
    default: {
      dlms::AxdrReader r(value);
      if (!r.expect(dlms::DataType::kStructure, &item, "quality_of_service").is_ok() || item.count != 2 ||
          !read_qos(r, &next.default_qos) || !read_qos(r, &next.requested_qos) ||
          !r.expect_end("quality_of_service").is_ok())
        return DataAccessResult::kTypeUnmatched;
      break;
    }
  }
  return take(s_, next, meter_, *this, ctx);
}

DataAccessResult TcpUdpSetupObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                  const RequestContext&) {
  switch (attribute) {
    case 2: out.long_unsigned(s_.tcp_port); break;
    case 3: out.octet_string(kIpv4SetupLn.v); break;
    case 4: out.long_unsigned(s_.mss); break;
    case 5: out.unsigned8(s_.max_connections); break;
    default: out.long_unsigned(s_.inactivity_timeout_s); break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult Ipv4SetupObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                const RequestContext&) {
  switch (attribute) {
    case 2: out.octet_string(kGprsModemSetupLn.v); break;
    case 3: out.double_long_unsigned(s_.ip_address); break;
    case 4: out.array(0); break;
    case 5: out.array(0); break;
    case 6: out.double_long_unsigned(s_.subnet_mask); break;
    case 7: out.double_long_unsigned(s_.gateway); break;
    case 8: out.boolean(s_.use_dhcp); break;
    case 9: out.double_long_unsigned(s_.primary_dns); break;
    default: out.double_long_unsigned(s_.secondary_dns); break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult GprsModemSetupObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                     AxdrWriter& out, const RequestContext&) {
  switch (attribute) {
    case 2: {
      const std::string_view apn = s_.apn_view();
      out.octet_string(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(apn.data()), apn.size()));
      break;
    }
    case 3: out.long_unsigned(s_.pin_code); break;
    default:
      out.structure(2);
      write_qos(out, s_.default_qos);
      write_qos(out, s_.requested_qos);
      break;
  }
  return DataAccessResult::kSuccess;
}

}  // namespace quadra::cosem
