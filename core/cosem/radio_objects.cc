#include "core/cosem/radio_objects.h"

namespace quadra::cosem {

bool RadioNetwork::set_operator(std::string_view name) {
  if (name.size() > operator_name.size()) return false;
  operator_size = 0;
  for (char c : name) operator_name[operator_size++] = c;
  return true;
}

DataAccessResult GsmDiagnosticObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                    AxdrWriter& out, const RequestContext&) {
  switch (attribute) {
    case 2: out.visible_string(n_.operator_view()); break;
    case 3: out.enum_value(static_cast<std::uint8_t>(n_.status)); break;
    case 4: out.enum_value(n_.cs_attachment); break;
    case 5: out.enum_value(static_cast<std::uint8_t>(n_.ps_status)); break;
    case 6:
      out.structure(7);
      out.double_long_unsigned(n_.cell.cell_id);
      out.long_unsigned(n_.cell.location_id);
      out.unsigned8(n_.cell.signal_quality);
      out.unsigned8(n_.cell.ber);
      out.long_unsigned(n_.cell.mcc);
      out.long_unsigned(n_.cell.mnc);
      out.double_long_unsigned(n_.cell.channel_number);
      break;
    case 7:
      out.array(static_cast<std::uint32_t>(n_.adjacent_count));
      for (std::size_t k = 0; k < n_.adjacent_count; ++k) {
        out.structure(2);
        out.double_long_unsigned(n_.adjacent[k].cell_id);
        out.unsigned8(n_.adjacent[k].signal_quality);
      }
      break;
    default: out.date_time(n_.capture_time); break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult LteMonitoringObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                    AxdrWriter& out, const RequestContext&) {
  if (attribute == 2) {
    const LteNetworkParameters& p = n_.lte;
    out.structure(9);
    out.long_unsigned(p.t3402_s);
    out.long_unsigned(p.t3412_s);
    out.double_long_unsigned(p.t3412ext2_s);
    out.long_unsigned(p.t3324_cs);
    out.double_long_unsigned(p.tedrx_cs);
    out.long_unsigned(p.tptw_s);
    out.integer(p.q_rxlev_min_dbm);
    out.integer(p.q_rxlev_min_ce_dbm);
    out.integer(p.q_rxlev_min_ce1_dbm);
  } else {
    const LteQualityOfService& q = n_.lte_qos;
    out.structure(4);
    out.integer(q.signal_quality);
    out.integer(q.signal_level);
    out.integer(q.signal_to_noise_ratio);
    out.enum_value(q.coverage_enhancement);
  }
  return DataAccessResult::kSuccess;
}

}  // namespace quadra::cosem
