#include "core/cosem/single_action_schedule_object.h"

#include <algorithm>

#include "core/clock/civil_time.h"
#include "core/cosem/image_transfer_object.h"
#include "core/cosem/value_reader.h"
#include "core/recording/log_group.h"

namespace quadra::cosem {

DataAccessResult SingleActionScheduleObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                           AxdrWriter& out, const RequestContext&) {
  if (kind_ == Kind::kImageActivation) return get_image_activation(attribute, out);
  if (kind_ == Kind::kOutputControl) {
    const meter::MeterSettings::OutputSchedule& o = meter_.output_schedule();
    switch (attribute) {
      case 2:
        out.structure(2);
        out.octet_string(meter::kOutputScript.v);
        out.long_unsigned(o.script);
        break;
      case 3: out.enum_value(1); break;
      default: {
        if (!o.enabled) {
          out.array(0);
          break;
        }
        out.array(1);
        out.structure(2);
        out.octet_string(clock::encode(clock::CosemTime::at(o.hour, o.minute, 0)));
        const clock::CosemDate every_day{clock::kYearNotSpecified, clock::kNotSpecified, clock::kNotSpecified,
                                         clock::kNotSpecified};
        out.octet_string(clock::encode(every_day));
        break;
      }
    }
    return DataAccessResult::kSuccess;
  }
  switch (attribute) {
    case 2:
      out.structure(2);
      out.octet_string(meter::Obis(0, 0, 10, 0, 1).v);
      out.long_unsigned(1);
      break;
    case 3: out.enum_value(1); break;
    default: {
      const meter::BillingSettings& b = meter_.billing_settings();
      if (b.day_of_month == 0) {
        out.array(0);
        break;
      }
      out.array(1);
      out.structure(2);
      out.octet_string(clock::encode(clock::CosemTime::at(b.hour, b.minute, 0)));
      const clock::CosemDate every_month{clock::kYearNotSpecified, clock::kNotSpecified,
                                         static_cast<std::uint8_t>(b.day_of_month), clock::kNotSpecified};
      out.octet_string(clock::encode(every_month));
      break;
    }
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult SingleActionScheduleObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                                 const RequestContext& ctx) {
  if (kind_ == Kind::kImageActivation) return set_image_activation(attribute, value, ctx);
  if (kind_ == Kind::kOutputControl) return set_output_control(attribute, value, ctx);
  if (attribute != 4) return DataAccessResult::kReadWriteDenied;
  ValueReader v(value);
  std::uint32_t n = 0;
  if (!v.array(1, &n)) return v.result();
  int day = 0, hour = 0, minute = 0;
  if (n == 1) {
    clock::CosemTime t;
    clock::CosemDate d;
    if (!v.structure(2) || !v.time(&t) || !v.date(&d)) return v.result();
    const bool monthly = d.year == clock::kYearNotSpecified && d.month == clock::kNotSpecified &&
                         d.day_of_week == clock::kNotSpecified && d.day_of_month >= 1 && d.day_of_month <= 28;
    const bool whole_minute = t.hour <= 23 && t.minute <= 59 && (t.second == 0 || t.second == clock::kNotSpecified) &&
                              (t.hundredths == 0 || t.hundredths == clock::kNotSpecified);
    if (!monthly || !whole_minute) return DataAccessResult::kOtherReason;
    day = d.day_of_month;
    hour = t.hour;
    minute = t.minute;
  }
  if (!v.end()) return v.result();
  return meter_.set_billing_schedule(day, hour, minute, ctx.now_s).is_ok() ? DataAccessResult::kSuccess
                                                                           : DataAccessResult::kOtherReason;
}

DataAccessResult SingleActionScheduleObject::get_image_activation(std::uint8_t attribute, AxdrWriter& out) {
  switch (attribute) {
    case 2:
      out.structure(2);
      out.octet_string(kImageActivationScriptLn.v);
      out.long_unsigned(1);
      break;
    case 3: out.enum_value(1); break;
    default: {
      const std::int64_t at = image_->activation_time();
      if (at < 0) {
        out.array(0);
        break;
      }
      const clock::CivilDate d = clock::civil_from_days(at / 86400);
      const int s = static_cast<int>(at % 86400);
      out.array(1);
      out.structure(2);
      out.octet_string(clock::encode(clock::CosemTime::at(s / 3600, s % 3600 / 60, s % 60)));
      out.octet_string(clock::encode(clock::CosemDate::on(d.year, d.month, d.day)));
      break;
    }
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult SingleActionScheduleObject::set_image_activation(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                                                  const RequestContext& ctx) {
  if (attribute != 4) return DataAccessResult::kReadWriteDenied;
  ValueReader v(value);
  std::uint32_t n = 0;
  if (!v.array(1, &n)) return v.result();
  std::int64_t at = -1;
  if (n == 1) {
    clock::CosemTime t;
    clock::CosemDate d;
    if (!v.structure(2) || !v.time(&t) || !v.date(&d)) return v.result();
    const bool one_day = d.year != clock::kYearNotSpecified && d.month >= 1 && d.month <= 12 && d.day_of_month >= 1 &&
                         d.day_of_month <= clock::days_in_month(d.year, d.month);
    const bool given = t.hour <= 23 && t.minute <= 59 && (t.second <= 59 || t.second == clock::kNotSpecified) &&
                       (t.hundredths == 0 || t.hundredths == clock::kNotSpecified);
    if (!one_day || !given) return DataAccessResult::kOtherReason;
    at = clock::days_from_civil(d.year, d.month, d.day_of_month) * 86400 + t.hour * 3600 + t.minute * 60 +
         (t.second == clock::kNotSpecified ? 0 : t.second);
  }
  if (!v.end()) return v.result();
  if (!image_->set_activation_time(at).is_ok()) return DataAccessResult::kHardwareFault;
  meter_.parameters_changed(recording::obis_to_context(logical_name()), ctx.now_s);
  return DataAccessResult::kSuccess;
}

DataAccessResult SingleActionScheduleObject::set_output_control(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                                                const RequestContext& ctx) {
  meter::MeterSettings::OutputSchedule o = meter_.output_schedule();
  ValueReader v(value);
  if (attribute == 2) {
    std::span<const std::uint8_t> ln;
    std::uint16_t selector = 0;
    if (!v.structure(2) || !v.octets(6, 6, &ln) || !v.long_unsigned(&selector) || !v.end()) return v.result();
    if (!std::equal(ln.begin(), ln.end(), meter::kOutputScript.v.begin())) return DataAccessResult::kOtherReason;
    o.script = selector;
  } else if (attribute == 4) {
    std::uint32_t n = 0;
    if (!v.array(1, &n)) return v.result();
    o.enabled = n == 1;
    if (n == 1) {
      clock::CosemTime t;
      clock::CosemDate d;
      if (!v.structure(2) || !v.time(&t) || !v.date(&d)) return v.result();
      const bool daily = d.year == clock::kYearNotSpecified && d.month == clock::kNotSpecified &&
                         d.day_of_month == clock::kNotSpecified && d.day_of_week == clock::kNotSpecified;
      const bool whole_minute = t.hour <= 23 && t.minute <= 59 && (t.second == 0 || t.second == clock::kNotSpecified) &&
                                (t.hundredths == 0 || t.hundredths == clock::kNotSpecified);
      if (!daily || !whole_minute) return DataAccessResult::kOtherReason;
      o.hour = t.hour;
      o.minute = t.minute;
    }
    if (!v.end()) return v.result();
  } else {
    return DataAccessResult::kReadWriteDenied;
  }
  return meter_.set_output_schedule(o, ctx.now_s).is_ok() ? DataAccessResult::kSuccess : DataAccessResult::kOtherReason;
}

}  // namespace quadra::cosem
