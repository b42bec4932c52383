#include "core/cosem/register_objects.h"

#include <algorithm>

#include "core/cosem/value_format.h"

namespace quadra::cosem {
namespace {

// Energy registers are reset only by the billing period (never through their own object); the
// class's reset method is refused as the meter's registers are cumulative.
ActionResult refuse_reset(bool& has_data) {
  has_data = false;
  return ActionResult::kReadWriteDenied;
}

}  // namespace

DataAccessResult MeterDataObject::get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                const RequestContext&) {
  meter::RegisterValue v;
  if (!meter_.read(logical_name(), v)) return DataAccessResult::kObjectUnavailable;
  write_value(out, wire_format(logical_name(), v), v.value);
  return DataAccessResult::kSuccess;
}

TextDataObject::TextDataObject(const meter::Obis& obis, std::string_view text, bool visible_string)
    : CosemObject(1, 0, obis), visible_(visible_string) {
  size_ = std::min(text.size(), kMaxText);
  std::copy_n(text.begin(), size_, text_.begin());
}

DataAccessResult TextDataObject::get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                               const RequestContext&) {
  const std::string_view t(text_.data(), size_);
  if (visible_) out.visible_string(t);
  else out.octet_string({reinterpret_cast<const std::uint8_t*>(t.data()), t.size()});
  return DataAccessResult::kSuccess;
}

DataAccessResult RegisterObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                               const RequestContext&) {
  meter::RegisterValue v;
  if (!meter_.read(logical_name(), v)) return DataAccessResult::kObjectUnavailable;
  const WireFormat f = wire_format(logical_name(), v);
  if (attribute == 2) write_value(out, f, v.value);
  else write_scaler_unit(out, f.scaler, v.unit);
  return DataAccessResult::kSuccess;
}

ActionResult RegisterObject::action(std::uint8_t, std::span<const std::uint8_t>, AxdrWriter&, bool& has_data,
                                    const RequestContext&) {
  return refuse_reset(has_data);
}

DataAccessResult ExtendedRegisterObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                       AxdrWriter& out, const RequestContext&) {
  meter::RegisterValue v;
  if (!meter_.read(logical_name(), v)) return DataAccessResult::kObjectUnavailable;
  const WireFormat f = wire_format(logical_name(), v);
  switch (attribute) {
    case 2: write_value(out, f, v.value); break;
    case 3: write_scaler_unit(out, f.scaler, v.unit); break;
    case 4: out.unsigned8(0); break;  // status: no condition to report
    default: write_date_time(out, v.has_capture_time ? v.capture_utc_s : 0.0, meter_.rtc().time_zone()); break;
  }
  return DataAccessResult::kSuccess;
}

ActionResult ExtendedRegisterObject::action(std::uint8_t, std::span<const std::uint8_t>, AxdrWriter&, bool& has_data,
                                            const RequestContext&) {
  return refuse_reset(has_data);
}

DataAccessResult DemandRegisterObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                     AxdrWriter& out, const RequestContext&) {
  const meter::Obis& ln = logical_name();
  meter::RegisterValue current, last;
  if (!meter_.read(meter::Obis(ln.a(), ln.b(), ln.c(), 4, 0), current) ||
      !meter_.read(meter::Obis(ln.a(), ln.b(), ln.c(), 5, 0), last))
    return DataAccessResult::kObjectUnavailable;
  const WireFormat f = wire_format(ln, current);
  const clock::TimeZone& tz = meter_.rtc().time_zone();
  const registers::DemandConfig& cfg = meter_.demand().config();
  switch (attribute) {
    case 2: write_value(out, f, current.value); break;
    case 3: write_value(out, f, last.value); break;
    case 4: write_scaler_unit(out, f.scaler, current.unit); break;
    case 5: out.unsigned8(0); break;
    case 6: write_date_time(out, last.capture_utc_s, tz); break;
    case 7: write_date_time(out, current.capture_utc_s, tz); break;
    case 8: out.double_long_unsigned(static_cast<std::uint32_t>(cfg.period_s / cfg.number_of_periods)); break;
    default: out.long_unsigned(static_cast<std::uint16_t>(cfg.number_of_periods)); break;
  }
  return DataAccessResult::kSuccess;
}

ActionResult DemandRegisterObject::action(std::uint8_t, std::span<const std::uint8_t>, AxdrWriter&, bool& has_data,
                                          const RequestContext&) {
  return refuse_reset(has_data);
}

}  // namespace quadra::cosem
