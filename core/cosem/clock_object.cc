#include "core/cosem/clock_object.h"

#include "core/clock/cosem_date_time.h"
#include "core/dlms/axdr_reader.h"

namespace quadra::cosem {
namespace {

// A DST transition as the COSEM date-time pattern of attributes 5 and 6: every year, the month,
// the weekday on or after the week's first day (day_of_month 0xFE + weekday = the last one), at
// the local standard time of the change.
void write_transition(AxdrWriter& w, const clock::DstTransition& t, const clock::TimeZone& tz) {
  std::int32_t local_s = t.time_s;
  if (t.base == clock::TimeBase::kUtc) local_s += tz.standard_offset_min() * 60;
  local_s = ((local_s % 86400) + 86400) % 86400;
  clock::CosemDateTime d = clock::not_specified_date_time();
  d.date.month = t.month;
  d.date.day_of_month = t.week == clock::kLastWeek ? 0xFE : static_cast<std::uint8_t>((t.week - 1) * 7 + 1);
  d.date.day_of_week = t.weekday;
  d.time = clock::CosemTime::at(local_s / 3600, local_s % 3600 / 60, local_s % 60);
  const std::array<std::uint8_t, 12> bytes = clock::encode(d);
  w.octet_string(bytes);
}

}  // namespace

DataAccessResult ClockObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                            const RequestContext& ctx) {
  const clock::Rtc& rtc = meter_.rtc();
  const clock::TimeZone& tz = rtc.time_zone();
  switch (attribute) {
    case 2: {
      const std::array<std::uint8_t, 12> bytes = clock::encode(rtc.cosem_time(ctx.now_s));
      out.octet_string(bytes);
      break;
    }
    case 3: out.long16(tz.time_zone_min); break;
    case 4: out.unsigned8(rtc.status(ctx.now_s)); break;
    case 5: write_transition(out, tz.dst.begin, tz); break;
    case 6: write_transition(out, tz.dst.end, tz); break;
    case 7: out.integer(static_cast<std::int8_t>(tz.dst.deviation_min)); break;
    case 8: out.boolean(tz.dst.enabled); break;
    default: out.enum_value(static_cast<std::uint8_t>(rtc.clock_base())); break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult ClockObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) {
  if (attribute != 2) return DataAccessResult::kReadWriteDenied;
  dlms::AxdrReader r(value);
  dlms::AxdrItem item;
  if (!r.expect(dlms::DataType::kOctetString, &item, "clock.time").is_ok() || item.bytes.size() != 12)
    return DataAccessResult::kTypeUnmatched;
  clock::CosemDateTime t;
  if (!clock::decode(item.bytes, &t).is_ok()) return DataAccessResult::kTypeUnmatched;
  clock::UtcMicros utc = 0;
  if (!clock::to_utc(t, meter_.rtc().time_zone(), &utc).is_ok()) return DataAccessResult::kOtherReason;
  const clock::ClockResult result = meter_.set_clock(ctx.now_s, utc);
  return result.status.is_ok() ? DataAccessResult::kSuccess : DataAccessResult::kOtherReason;
}

ActionResult ClockObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter&,
                                 bool& has_data, const RequestContext& ctx) {
  has_data = false;
  if (method == 1) {
    (void)meter_.adjust_clock_to_quarter(ctx.now_s);
    return ActionResult::kSuccess;
  }
  if (method == 6) {
    dlms::AxdrReader r(parameters);
    dlms::AxdrItem item;
    if (!r.expect(dlms::DataType::kLong, &item, "clock.shift_time").is_ok()) return ActionResult::kTypeUnmatched;
    const clock::ClockResult result = meter_.shift_clock(ctx.now_s, static_cast<std::int32_t>(item.signed_value));
    return result.status.is_ok() ? ActionResult::kSuccess : ActionResult::kOtherReason;
  }
  // 2 adjust_to_measuring_period, 3 adjust_to_minute, 4 adjust_to_preset_time, 5
  // preset_adjusting_time: not offered yet.
  return ActionResult::kReadWriteDenied;
}

}  // namespace quadra::cosem
