#include "core/cosem/modem_objects.h"

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

}  // namespace

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
