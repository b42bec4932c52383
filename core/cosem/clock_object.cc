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

namespace {

// Methods 1..4 take data "integer (0)" (Blue Book); any other value is a type mismatch. A call
// without parameters is taken as well, as clients omit them for methods whose data is fixed.
bool integer_zero(std::span<const std::uint8_t> parameters) {
  if (parameters.empty()) return true;
  dlms::AxdrReader r(parameters);
  dlms::AxdrItem item;
  return r.expect(dlms::DataType::kInteger, &item, "clock.method_data").is_ok() && item.signed_value == 0 && r.at_end();
}

bool read_date_time(dlms::AxdrReader& r, clock::CosemDateTime* out, const char* field) {
  dlms::AxdrItem item;
  return r.expect(dlms::DataType::kOctetString, &item, field).is_ok() && item.bytes.size() == 12 &&
         clock::decode(item.bytes, out).is_ok();
}

ActionResult outcome(const clock::ClockResult& result) {
  return result.status.is_ok() ? ActionResult::kSuccess : ActionResult::kOtherReason;
}

}  // namespace

ActionResult ClockObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter&,
                                 bool& has_data, const RequestContext& ctx) {
  has_data = false;
  switch (method) {
    case 1:
    case 2:
    case 3:
    case 4:
      if (!integer_zero(parameters)) return ActionResult::kTypeUnmatched;
      if (method == 1) return outcome(meter_.adjust_clock_to_quarter(ctx.now_s));
      if (method == 2) return outcome(meter_.adjust_clock_to_measuring_period(ctx.now_s));
      if (method == 3) return outcome(meter_.adjust_clock_to_minute(ctx.now_s));
      return outcome(meter_.adjust_clock_to_preset_time(ctx.now_s));
    case 5: {
      // structure { preset_time, validity_interval_start, validity_interval_end }, each a
      // 12-octet date-time naming one instant.
      dlms::AxdrReader r(parameters);
      dlms::AxdrItem item;
      clock::CosemDateTime preset, from, to;
      if (!r.expect(dlms::DataType::kStructure, &item, "clock.preset_adjusting_time").is_ok() || item.count != 3 ||
          !read_date_time(r, &preset, "preset_time") || !read_date_time(r, &from, "validity_interval_start") ||
          !read_date_time(r, &to, "validity_interval_end") || !r.at_end())
        return ActionResult::kTypeUnmatched;
      return meter_.preset_clock_adjusting_time(preset, from, to).is_ok() ? ActionResult::kSuccess
                                                                          : ActionResult::kOtherReason;
    }
    case 6: {
      dlms::AxdrReader r(parameters);
      dlms::AxdrItem item;
      if (!r.expect(dlms::DataType::kLong, &item, "clock.shift_time").is_ok() || !r.at_end())
        return ActionResult::kTypeUnmatched;
      return outcome(meter_.shift_clock(ctx.now_s, static_cast<std::int32_t>(item.signed_value)));
    }
    default: return ActionResult::kObjectUnavailable;
  }
}

}  // namespace quadra::cosem
