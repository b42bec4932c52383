#include "core/cosem/monitor_objects.h"

#include <cmath>

#include "core/clock/cosem_date_time.h"
#include "core/cosem/value_format.h"
#include "core/dlms/axdr_reader.h"

namespace quadra::cosem {
namespace {

using dlms::AxdrItem;
using dlms::AxdrReader;
using dlms::DataType;
using meter::ActionItem;
using meter::ValueDefinition;

// The wire format of the register a value definition watches (its thresholds use it too).
WireFormat format_of(const meter::Meter& m, const ValueDefinition& d) {
  meter::Obis reg;
  meter::RegisterValue v;
  if (!meter::register_of(d, &reg) || !m.read(reg, v)) return {};
  return wire_format(reg, v);
}

void write_value_definition(AxdrWriter& w, const ValueDefinition& d) {
  w.structure(3);
  w.long_unsigned(d.class_id);
  w.octet_string(d.ln.v);
  w.integer(d.attribute);
}

void write_action_item(AxdrWriter& w, const ActionItem& a) {
  w.structure(2);
  w.octet_string(a.script.v);
  w.long_unsigned(a.selector);
}

// Any integer or floating-point Data value as a number.
bool read_number(AxdrReader& r, double* out) {
  AxdrItem item;
  if (!r.next(&item).is_ok()) return false;
  switch (item.type) {
    case DataType::kUnsigned: case DataType::kLongUnsigned: case DataType::kDoubleLongUnsigned:
    case DataType::kLong64Unsigned: case DataType::kEnum:
      *out = static_cast<double>(item.unsigned_value);
      return true;
    case DataType::kInteger: case DataType::kLong: case DataType::kDoubleLong: case DataType::kLong64:
      *out = static_cast<double>(item.signed_value);
      return true;
    case DataType::kFloat32: case DataType::kFloat64:
      *out = item.float_value;
      return std::isfinite(item.float_value);
    default:
      return false;
  }
}

bool read_unsigned(AxdrReader& r, DataType type, std::uint64_t* out) {
  AxdrItem item;
  if (!r.expect(type, &item, "value").is_ok()) return false;
  *out = item.unsigned_value;
  return true;
}

bool read_obis(AxdrReader& r, meter::Obis* out) {
  AxdrItem item;
  if (!r.expect(DataType::kOctetString, &item, "logical_name").is_ok() || item.bytes.size() != 6) return false;
  for (std::size_t k = 0; k < 6; ++k) out->v[k] = item.bytes[k];
  return true;
}

bool read_structure(AxdrReader& r, std::uint32_t count) {
  AxdrItem item;
  return r.expect(DataType::kStructure, &item, "structure").is_ok() && item.count == count;
}

bool read_value_definition(AxdrReader& r, ValueDefinition* d) {
  std::uint64_t class_id = 0;
  AxdrItem attr;
  if (!read_structure(r, 3) || !read_unsigned(r, DataType::kLongUnsigned, &class_id) || !read_obis(r, &d->ln) ||
      !r.expect(DataType::kInteger, &attr, "attribute_index").is_ok())
    return false;
  d->class_id = static_cast<std::uint16_t>(class_id);
  d->attribute = static_cast<std::int8_t>(attr.signed_value);
  return true;
}

bool read_action_item(AxdrReader& r, ActionItem* a) {
  std::uint64_t selector = 0;
  if (!read_structure(r, 2) || !read_obis(r, &a->script) || !read_unsigned(r, DataType::kLongUnsigned, &selector))
    return false;
  a->selector = static_cast<std::uint16_t>(selector);
  return true;
}

// A threshold in the watched register's unit: the raw number times 10^scaler.
bool read_threshold(AxdrReader& r, const WireFormat& f, double* out) {
  double raw = 0.0;
  if (!read_number(r, &raw)) return false;
  *out = raw * std::pow(10.0, f.scaler);
  return true;
}

DataAccessResult result_of(const Status& s) {
  return s.is_ok() ? DataAccessResult::kSuccess : DataAccessResult::kOtherReason;
}

}  // namespace

DataAccessResult RegisterMonitorObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                      AxdrWriter& out, const RequestContext&) {
  const meter::RegisterMonitor::Config& c = meter_.register_monitor(k_).config();
  switch (attribute) {
    case 2: {
      const WireFormat f = format_of(meter_, c.monitored);
      out.array(static_cast<std::uint32_t>(c.count));
      for (std::size_t k = 0; k < c.count; ++k) write_value(out, f, c.thresholds[k]);
      break;
    }
    case 3: write_value_definition(out, c.monitored); break;
    default:
      out.array(static_cast<std::uint32_t>(c.count));
      for (std::size_t k = 0; k < c.count; ++k) {
        out.structure(2);
        write_action_item(out, c.actions[k].up);
        write_action_item(out, c.actions[k].down);
      }
      break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult RegisterMonitorObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                            const RequestContext& ctx) {
  meter::RegisterMonitor::Config c = meter_.register_monitor(k_).config();
  AxdrReader r(value);
  AxdrItem item;
  switch (attribute) {
    case 2: {
      if (!r.expect(DataType::kArray, &item, "thresholds").is_ok()) return DataAccessResult::kTypeUnmatched;
      if (item.count > meter::RegisterMonitor::kMaxThresholds) return DataAccessResult::kOtherReason;
      const WireFormat f = format_of(meter_, c.monitored);
      for (std::size_t k = 0; k < item.count; ++k) {
        if (!read_threshold(r, f, &c.thresholds[k])) return DataAccessResult::kTypeUnmatched;
      }
      // Thresholds added get no actions until the actions are written.
      for (std::size_t k = c.count; k < item.count; ++k) c.actions[k] = {};
      c.count = item.count;
      break;
    }
    case 3:
      if (!read_value_definition(r, &c.monitored)) return DataAccessResult::kTypeUnmatched;
      break;
    case 4: {
      if (!r.expect(DataType::kArray, &item, "actions").is_ok()) return DataAccessResult::kTypeUnmatched;
      if (item.count != c.count) return DataAccessResult::kOtherReason;  // one action set per threshold
      for (std::size_t k = 0; k < item.count; ++k) {
        if (!read_structure(r, 2) || !read_action_item(r, &c.actions[k].up) || !read_action_item(r, &c.actions[k].down))
          return DataAccessResult::kTypeUnmatched;
      }
      break;
    }
    default: return DataAccessResult::kReadWriteDenied;
  }
  if (!r.at_end()) return DataAccessResult::kTypeUnmatched;
  return result_of(meter_.set_register_monitor(k_, c, ctx.now_s));
}

DataAccessResult LimiterObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                              const RequestContext& ctx) {
  const meter::Limiter& l = meter_.limiter();
  const meter::Limiter::Config& c = l.config();
  const WireFormat f = format_of(meter_, c.monitored);
  const double utc = static_cast<double>(meter_.rtc().utc_us(ctx.now_s)) * 1e-6;
  switch (attribute) {
    case 2: write_value_definition(out, c.monitored); break;
    case 3: write_value(out, f, l.threshold_active(utc)); break;
    case 4: write_value(out, f, c.threshold_normal); break;
    case 5: write_value(out, f, c.threshold_emergency); break;
    case 6: out.double_long_unsigned(c.min_over_threshold_duration_s); break;
    case 7: out.double_long_unsigned(c.min_under_threshold_duration_s); break;
    case 8:
      out.structure(3);
      out.long_unsigned(c.emergency.id);
      write_date_time(out, c.emergency.activation_utc_s, meter_.rtc().time_zone());
      out.double_long_unsigned(c.emergency.duration_s);
      break;
    case 9:
      out.array(static_cast<std::uint32_t>(c.group_id_count));
      for (std::size_t k = 0; k < c.group_id_count; ++k) out.long_unsigned(c.group_ids[k]);
      break;
    case 10: out.boolean(l.emergency_profile_active(utc)); break;
    default:
      out.structure(2);
      write_action_item(out, c.action_over);
      write_action_item(out, c.action_under);
      break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult LimiterObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                    const RequestContext& ctx) {
  meter::Limiter::Config c = meter_.limiter().config();
  const WireFormat f = format_of(meter_, c.monitored);
  AxdrReader r(value);
  AxdrItem item;
  std::uint64_t n = 0;
  switch (attribute) {
    case 2:
      if (!read_value_definition(r, &c.monitored)) return DataAccessResult::kTypeUnmatched;
      break;
    case 4:
      if (!read_threshold(r, f, &c.threshold_normal)) return DataAccessResult::kTypeUnmatched;
      break;
    case 5:
      if (!read_threshold(r, f, &c.threshold_emergency)) return DataAccessResult::kTypeUnmatched;
      break;
    case 6: case 7:
      if (!read_unsigned(r, DataType::kDoubleLongUnsigned, &n)) return DataAccessResult::kTypeUnmatched;
      (attribute == 6 ? c.min_over_threshold_duration_s : c.min_under_threshold_duration_s) = static_cast<std::uint32_t>(n);
      break;
    case 8: {
      std::uint64_t id = 0, duration = 0;
      if (!read_structure(r, 3) || !read_unsigned(r, DataType::kLongUnsigned, &id) ||
          !r.expect(DataType::kOctetString, &item, "emergency_activation_time").is_ok() || item.bytes.size() != 12)
        return DataAccessResult::kTypeUnmatched;
      clock::CosemDateTime t;
      if (!clock::decode(item.bytes, &t).is_ok()) return DataAccessResult::kTypeUnmatched;
      if (!read_unsigned(r, DataType::kDoubleLongUnsigned, &duration)) return DataAccessResult::kTypeUnmatched;
      double utc = 0.0;
      if (t.date.year != clock::kYearNotSpecified) {
        clock::UtcMicros us = 0;
        if (!clock::to_utc(t, meter_.rtc().time_zone(), &us).is_ok()) return DataAccessResult::kOtherReason;
        utc = static_cast<double>(us) * 1e-6;
      }
      c.emergency = {static_cast<std::uint16_t>(id), utc, static_cast<std::uint32_t>(duration)};
      break;
    }
    case 9: {
      if (!r.expect(DataType::kArray, &item, "emergency_profile_group_id_list").is_ok())
        return DataAccessResult::kTypeUnmatched;
      if (item.count > meter::Limiter::kMaxGroupIds) return DataAccessResult::kOtherReason;
      c.group_id_count = item.count;
      for (std::size_t k = 0; k < item.count; ++k) {
        if (!read_unsigned(r, DataType::kLongUnsigned, &n)) return DataAccessResult::kTypeUnmatched;
        c.group_ids[k] = static_cast<std::uint16_t>(n);
      }
      break;
    }
    case 11:
      if (!read_structure(r, 2) || !read_action_item(r, &c.action_over) || !read_action_item(r, &c.action_under))
        return DataAccessResult::kTypeUnmatched;
      break;
    default: return DataAccessResult::kReadWriteDenied;
  }
  if (!r.at_end()) return DataAccessResult::kTypeUnmatched;
  return result_of(meter_.set_limiter(c, ctx.now_s));
}

DataAccessResult ParameterObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                const RequestContext&) {
  meter::RegisterValue v;
  if (!meter_.read(logical_name(), v)) return DataAccessResult::kObjectUnavailable;
  const WireFormat f = wire_format(logical_name(), v);
  if (attribute == 2) write_value(out, f, v.value);
  else write_scaler_unit(out, f.scaler, v.unit);
  return DataAccessResult::kSuccess;
}

DataAccessResult ParameterObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                      const RequestContext& ctx) {
  if (attribute != 2) return DataAccessResult::kReadWriteDenied;
  meter::RegisterValue v;
  if (!meter_.read(logical_name(), v)) return DataAccessResult::kObjectUnavailable;
  AxdrReader r(value);
  double x = 0.0;
  if (!read_threshold(r, wire_format(logical_name(), v), &x) || !r.at_end()) return DataAccessResult::kTypeUnmatched;
  return result_of(meter_.set_parameter(logical_name(), x, ctx.now_s));
}

DataAccessResult TimeDataObject::get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                               const RequestContext& ctx) {
  const meter::Obis& ln = logical_name();
  const clock::CosemDateTime now = meter_.rtc().cosem_time(ctx.now_s);
  if (ln == meter::Obis(1, 0, 0, 9, 1)) {
    out.octet_string(clock::encode(now.time));
  } else if (ln == meter::Obis(1, 0, 0, 9, 2)) {
    out.octet_string(clock::encode(now.date));
  } else if (ln == meter::Obis(0, 0, 96, 2, 1)) {
    write_date_time(out, meter_.last_configuration_change_utc(), meter_.rtc().time_zone());
  } else {
    const meter::BillingProfile& b = meter_.billing();
    write_date_time(out, b.entries_in_use() > 0 ? b.entry(b.entries_in_use() - 1).utc_s : 0.0, meter_.rtc().time_zone());
  }
  return DataAccessResult::kSuccess;
}

}  // namespace quadra::cosem
