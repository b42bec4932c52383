#include "core/cosem/profile_object.h"

#include <cmath>

#include "core/clock/cosem_date_time.h"
#include "core/cosem/value_format.h"
#include "core/dlms/axdr_reader.h"

namespace quadra::cosem {
namespace {

using dlms::AxdrItem;
using dlms::AxdrReader;
using dlms::DataType;

constexpr meter::Obis kClockLn(0, 0, 1, 0, 0);
constexpr meter::Obis kAmrStatusLn(0, 0, 96, 10, 1);  // AMR profile status of the load profiles

void write_capture_object(AxdrWriter& w, const CaptureObject& c) {
  w.structure(4);
  w.long_unsigned(c.class_id);
  w.octet_string(c.ln.v);
  w.integer(c.attribute);
  w.long_unsigned(c.data_index);
}

// Selected rows and columns of a buffer read.
struct Selection {
  std::size_t first_row = 0, end_row = 0;
  std::array<std::uint16_t, 64> columns{};
  std::size_t column_count = 0;
};

// Reads a capture_object_definition and finds its column.
bool find_column(AxdrReader& r, const ProfileSource& src, std::size_t& column) {
  AxdrItem s, cls, ln, attr, idx;
  if (!r.expect(DataType::kStructure, &s, "capture_object").is_ok() || s.count != 4) return false;
  if (!r.expect(DataType::kLongUnsigned, &cls, "capture_object.class_id").is_ok()) return false;
  if (!r.expect(DataType::kOctetString, &ln, "capture_object.logical_name").is_ok() || ln.bytes.size() != 6) return false;
  if (!r.expect(DataType::kInteger, &attr, "capture_object.attribute").is_ok()) return false;
  if (!r.expect(DataType::kLongUnsigned, &idx, "capture_object.data_index").is_ok()) return false;
  for (std::size_t c = 0; c < src.column_count(); ++c) {
    const CaptureObject co = src.column(c);
    if (co.class_id == cls.unsigned_value && std::equal(ln.bytes.begin(), ln.bytes.end(), co.ln.v.begin()) &&
        co.attribute == attr.signed_value && co.data_index == idx.unsigned_value) {
      column = c;
      return true;
    }
  }
  return false;
}

bool utc_of(const AxdrItem& item, const clock::TimeZone& tz, double& utc_s) {
  if (item.bytes.size() != 12) return false;
  clock::CosemDateTime t;
  if (!clock::decode(item.bytes, &t).is_ok()) return false;
  clock::UtcMicros us = 0;
  if (!clock::to_utc(t, tz, &us).is_ok()) return false;
  utc_s = static_cast<double>(us) * 1e-6;
  return true;
}

void all_columns(const ProfileSource& src, Selection& s) {
  s.column_count = std::min<std::size_t>(src.column_count(), s.columns.size());
  for (std::size_t c = 0; c < s.column_count; ++c) s.columns[c] = static_cast<std::uint16_t>(c);
}

DataAccessResult select(const dlms::SelectiveAccess& access, const ProfileSource& src, const clock::TimeZone& tz,
                        Selection& s) {
  const std::size_t rows = src.entries_in_use();
  all_columns(src, s);
  s.first_row = 0;
  s.end_row = rows;
  if (!access.present) return DataAccessResult::kSuccess;
  AxdrReader r(access.parameters);
  AxdrItem item;
  if (access.selector == 1) {  // range_descriptor
    if (!r.expect(DataType::kStructure, &item, "range").is_ok() || item.count != 4) return DataAccessResult::kTypeUnmatched;
    std::size_t restricting = 0;
    if (!find_column(r, src, restricting) || src.column(restricting).class_id != 8)
      return DataAccessResult::kObjectUnavailable;  // restricting on the clock column only
    AxdrItem from, to;
    if (!r.next(&from).is_ok() || !r.next(&to).is_ok()) return DataAccessResult::kTypeUnmatched;
    double from_utc = 0, to_utc = 0;
    if (!utc_of(from, tz, from_utc) || !utc_of(to, tz, to_utc)) return DataAccessResult::kTypeUnmatched;
    AxdrItem selected;
    if (!r.expect(DataType::kArray, &selected, "selected_values").is_ok()) return DataAccessResult::kTypeUnmatched;
    if (selected.count > 0) {
      s.column_count = 0;
      for (std::uint32_t k = 0; k < selected.count; ++k) {
        std::size_t c = 0;
        if (!find_column(r, src, c) || s.column_count == s.columns.size()) return DataAccessResult::kObjectUnavailable;
        s.columns[s.column_count++] = static_cast<std::uint16_t>(c);
      }
    }
    // Rows whose clock lies in [from, to]; the clock column increases (load profiles, billing)
    // or nearly so (logs after a clock set back), so every row is tested.
    s.first_row = rows;
    s.end_row = rows;
    std::size_t k = 0;
    while (k < rows && src.row_utc(k) < from_utc) ++k;
    s.first_row = k;
    while (k < rows && src.row_utc(k) <= to_utc) ++k;
    s.end_row = k;
    return DataAccessResult::kSuccess;
  }
  if (access.selector == 2) {  // entry_descriptor
    AxdrItem fe, te, fc, tc;
    if (!r.expect(DataType::kStructure, &item, "entry").is_ok() || item.count != 4 ||
        !r.expect(DataType::kDoubleLongUnsigned, &fe, "from_entry").is_ok() ||
        !r.expect(DataType::kDoubleLongUnsigned, &te, "to_entry").is_ok() ||
        !r.expect(DataType::kLongUnsigned, &fc, "from_selected_value").is_ok() ||
        !r.expect(DataType::kLongUnsigned, &tc, "to_selected_value").is_ok())
      return DataAccessResult::kTypeUnmatched;
    const std::uint64_t from_entry = std::max<std::uint64_t>(fe.unsigned_value, 1);
    const std::uint64_t to_entry = te.unsigned_value == 0 ? rows : std::min<std::uint64_t>(te.unsigned_value, rows);
    s.first_row = static_cast<std::size_t>(std::min<std::uint64_t>(from_entry - 1, rows));
    s.end_row = std::max(s.first_row, static_cast<std::size_t>(to_entry));
    const std::size_t cols = src.column_count();
    const std::uint64_t from_col = std::max<std::uint64_t>(fc.unsigned_value, 1);
    const std::uint64_t to_col = tc.unsigned_value == 0 ? cols : std::min<std::uint64_t>(tc.unsigned_value, cols);
    if (from_col > to_col) return DataAccessResult::kObjectUnavailable;
    s.column_count = 0;
    for (std::uint64_t c = from_col; c <= to_col && s.column_count < s.columns.size(); ++c)
      s.columns[s.column_count++] = static_cast<std::uint16_t>(c - 1);
    return DataAccessResult::kSuccess;
  }
  return DataAccessResult::kObjectUnavailable;
}

}  // namespace

void RegisterColumnFormats::prepare(const meter::Meter& m, std::span<const meter::Obis> captures) {
  for (std::size_t i = 0; i < captures.size() && i < kMaxColumns; ++i) {
    meter::RegisterValue v;
    columns_[i].readable = m.read(captures[i], v);
    if (columns_[i].readable) columns_[i].format = wire_format(captures[i], v);
  }
}

void RegisterColumnFormats::write(AxdrWriter& w, std::size_t i, double value) const {
  if (i >= kMaxColumns || !columns_[i].readable || std::isnan(value)) {
    w.null();
    return;
  }
  write_value(w, columns_[i].format, value);
}

std::uint16_t register_class(const meter::Obis& o) {
  if (o.a() == 0) return 1;
  // Occurrence counters (over-limit, swells per phase): Data, as the object list gives; E = 128 is
  // the manufacturer register of the last swell's phases.
  if (o.d() == 36 && o.e() < 128) return 1;
  if (o.d() == 6) return 4;
  if ((o.d() == 4 || o.d() == 5) && o.e() == 0 && o.a() == 1) return 5;
  return 3;
}

DataAccessResult ProfileObject::write_buffer(const dlms::SelectiveAccess& access, AxdrWriter& out) {
  Selection s;
  const DataAccessResult r = select(access, source_, tz_, s);
  if (r != DataAccessResult::kSuccess) return r;
  out.array(static_cast<std::uint32_t>(s.end_row - s.first_row));
  source_.begin_rows();
  for (std::size_t row = s.first_row; row < s.end_row && out.ok(); ++row) {
    out.structure(static_cast<std::uint32_t>(s.column_count));
    for (std::size_t c = 0; c < s.column_count; ++c) source_.write_cell(out, row, s.columns[c]);
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult ProfileObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access,
                                              AxdrWriter& out, const RequestContext&) {
  switch (attribute) {
    case 2: return write_buffer(access, out);
    case 3:
      out.array(static_cast<std::uint32_t>(source_.column_count()));
      for (std::size_t c = 0; c < source_.column_count(); ++c) write_capture_object(out, source_.column(c));
      break;
    case 4: out.double_long_unsigned(source_.capture_period_s()); break;
    case 5: out.enum_value(1); break;  // FIFO
    case 6: write_capture_object(out, CaptureObject{}); break;
    case 7: out.double_long_unsigned(static_cast<std::uint32_t>(source_.entries_in_use())); break;
    default: out.double_long_unsigned(static_cast<std::uint32_t>(source_.capacity())); break;
  }
  return DataAccessResult::kSuccess;
}

ActionResult ProfileObject::action(std::uint8_t method, std::span<const std::uint8_t>, AxdrWriter&, bool& has_data,
                                   const RequestContext& ctx) {
  has_data = false;
  if (method == 1) return source_.reset(ctx.now_s) ? ActionResult::kSuccess : ActionResult::kReadWriteDenied;
  return ActionResult::kReadWriteDenied;
}

CaptureObject LoadProfileSource::column(std::size_t c) const {
  if (c == 0) return {8, kClockLn, 2, 0};
  if (c == 1) return {1, kAmrStatusLn, 2, 0};
  const meter::Obis o = meter_.load_profile(k_).capture_list()[c - 2];
  return {register_class(o), o, 2, 0};
}

void LoadProfileSource::write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const {
  const recording::ProfileRowView r = meter_.load_profile(k_).entry(row);
  if (column == 0) write_date_time(w, static_cast<double>(r.utc_s), meter_.rtc().time_zone());
  else if (column == 1) w.unsigned8(r.status);
  else formats_.write(w, column - 2, r.values[column - 2]);
}

std::size_t EventLogSource::column_count() const { return 2 + recording::log_group_info(g_).context_columns; }

CaptureObject EventLogSource::column(std::size_t c) const {
  const recording::LogGroupInfo& info = recording::log_group_info(g_);
  if (c == 0) return {8, kClockLn, 2, 0};
  if (g_ == recording::LogGroup::kPowerFailure) return {3, meter::Obis(0, 0, 96, 7, 19), 2, 0};  // duration
  if (c == 1) return {1, info.code_object, 2, 0};
  // The context columns: Quadra's manufacturer objects 0.128.99.98.(log).255, data index 1 or 2.
  return {1, meter::Obis(0, 128, 99, 98, static_cast<std::uint8_t>(g_)), 2, static_cast<std::uint16_t>(c - 1)};
}

void EventLogSource::write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const {
  const recording::EventRow& r = log().entry(row);
  if (column == 0) {
    write_date_time(w, static_cast<double>(r.utc_s), meter_.rtc().time_zone());
  } else if (g_ == recording::LogGroup::kPowerFailure) {
    w.double_long_unsigned(static_cast<std::uint32_t>(std::max(0.0, r.context[0])));
  } else if (column == 1) {
    w.long_unsigned(r.code);
  } else {
    w.float64(r.context[column - 2]);
  }
}

bool EventLogSource::reset(double now_s) {
  meter_.clear_log(g_, now_s);
  return true;
}

CaptureObject BillingProfileSource::column(std::size_t c) const {
  if (c == 0) return {8, kClockLn, 2, 0};
  const meter::Obis o = profile_.capture_list()[c - 1];
  return {register_class(o), o, 2, 0};
}

void BillingProfileSource::write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const {
  const meter::BillingEntry& e = profile_.entry(row);
  if (column == 0) {
    write_date_time(w, e.utc_s, meter_.rtc().time_zone());
    return;
  }
  const meter::CapturedValue& v = e.values[column - 1];
  if (!v.valid) w.null();
  else formats_.write(w, column - 1, v.value);
}

CaptureObject VoltageEventProfileSource::column(std::size_t c) const {
  if (c == 0) return {8, kClockLn, 2, 0};
  const meter::Obis o = profile().capture_list()[c - 1];
  return {register_class(o), o, 2, 0};
}

void VoltageEventProfileSource::write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const {
  const recording::EventProfileRow r = profile().entry(row);
  if (column == 0) write_date_time(w, r.utc_s, meter_.rtc().time_zone(), 0, true);
  else formats_.write(w, column - 1, r.values[column - 1]);
}

}  // namespace quadra::cosem
