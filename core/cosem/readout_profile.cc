#include "core/cosem/readout_profile.h"

#include <array>

#include "core/cosem/directory.h"
#include "core/cosem/value_format.h"
#include "core/cosem/value_reader.h"
#include "core/io/readout_list.h"
#include "core/recording/log_group.h"

namespace quadra::cosem {
namespace {

meter::Obis current(const meter::Obis& o) { return meter::Obis(o.a(), o.b(), o.c(), o.d(), o.e(), 255); }

// The billing entry item F names, or null.
const meter::BillingEntry* period(const meter::BillingProfile& b, std::uint8_t f) {
  const std::size_t n = b.entries_in_use();
  if (f >= 101 && f <= 125) {
    const std::size_t back = f - 100u;
    return back <= n ? &b.entry(n - back) : nullptr;
  }
  if (f <= 99) {
    for (std::size_t k = n; k-- > 0;) {
      if (b.entry(k).counter % 100 == f) return &b.entry(k);
    }
  }
  return nullptr;
}

}  // namespace

std::uint16_t ReadoutProfileSource::class_of(const meter::Obis& o) const {
  if (const CosemObject* obj = directory_.find_name(current(o))) return obj->class_id();
  return register_class(o);
}

CaptureObject ReadoutProfileSource::column(std::size_t c) const {
  const meter::Obis& o = items()[c];
  return {class_of(o), o, 2, 0};
}

void ReadoutProfileSource::write_cell(AxdrWriter& w, std::size_t, std::size_t column) const {
  const meter::Obis& o = items()[column];
  const double now_s = meter_.meter_time_s();
  if (o.f() == 255) {
    CosemObject* obj = directory_.find_name(o);
    // A refused get writes nothing, so null-data can take its place.
    if (obj == nullptr || obj->get(2, {}, w, RequestContext{now_s, nullptr}) != DataAccessResult::kSuccess) w.null();
    return;
  }
  const meter::BillingEntry* e = period(meter_.billing(), o.f());
  if (e == nullptr) {
    w.null();
    return;
  }
  if (current(o) == meter::Obis(1, 0, 0, 1, 2)) {
    write_date_time(w, e->utc_s, meter_.rtc().time_zone());
    return;
  }
  const std::span<const meter::Obis> list = meter_.billing().capture_list();
  for (std::size_t k = 0; k < list.size(); ++k) {
    meter::RegisterValue v;
    if (list[k] != current(o) || !e->values[k].valid || !meter_.read(list[k], v)) continue;
    write_value(w, wire_format(list[k], v), e->values[k].value);
    return;
  }
  w.null();
}

DataAccessResult ReadoutProfileSource::set_capture_objects(std::span<const std::uint8_t> value, double now_s) {
  if (readout_list_ != nullptr) return set_readout_list(value, now_s);
  if (display_meter_ == nullptr) return DataAccessResult::kReadWriteDenied;
  ValueReader r(value);
  std::uint32_t n = 0;
  std::array<meter::Obis, meter::kMaxDisplayItems> list{};
  if (!r.array(static_cast<std::uint32_t>(meter::kMaxDisplayItems), &n)) return r.result();
  for (std::uint32_t k = 0; k < n; ++k) {
    std::uint16_t class_id = 0, data_index = 0;
    std::span<const std::uint8_t> ln;
    std::int8_t attribute = 0;
    if (!r.structure(4) || !r.long_unsigned(&class_id) || !r.octets(6, 6, &ln) || !r.integer(&attribute) ||
        !r.long_unsigned(&data_index))
      return r.result();
    meter::Obis o;
    for (std::size_t i = 0; i < 6; ++i) o.v[i] = ln[i];
    // Shown as attribute 2 of an object this meter serves, with that class; not a profile (a
    // readout of readouts).
    const CosemObject* obj = directory_.find_name(current(o));
    if (attribute != 2 || data_index != 0 || obj == nullptr || obj->class_id() != class_id || class_id == 7) {
      r.refuse();
      return r.result();
    }
    list[k] = o;
  }
  if (!r.end()) return r.result();
  if (!display_meter_->set_display_list(display_list_, {list.data(), n}, now_s).is_ok())
    return DataAccessResult::kOtherReason;
  return DataAccessResult::kSuccess;
}

DataAccessResult ReadoutProfileSource::set_readout_list(std::span<const std::uint8_t> value, double now_s) {
  ValueReader r(value);
  std::uint32_t n = 0;
  std::array<meter::Obis, io::kMaxReadoutItems> list{};
  if (!r.array(static_cast<std::uint32_t>(io::kMaxReadoutItems), &n)) return r.result();
  for (std::uint32_t k = 0; k < n; ++k) {
    std::uint16_t class_id = 0, data_index = 0;
    std::span<const std::uint8_t> ln;
    std::int8_t attribute = 0;
    if (!r.structure(4) || !r.long_unsigned(&class_id) || !r.octets(6, 6, &ln) || !r.integer(&attribute) ||
        !r.long_unsigned(&data_index))
      return r.result();
    meter::Obis o;
    for (std::size_t i = 0; i < 6; ++i) o.v[i] = ln[i];
    // Each item is shown as attribute 2 of its object, named with the class it reads back with.
    if (attribute != 2 || data_index != 0 || class_id != class_of(o) || class_id == 7) {
      r.refuse();
      return r.result();
    }
    list[k] = o;
  }
  if (!r.end()) return r.result();
  // Each item must be one the optical port can show: an object that exists and reads now.
  if (!io::MeterReadout::validate_items({list.data(), n}, *readout_meter_).is_ok()) return DataAccessResult::kOtherReason;
  for (std::uint32_t k = 0; k < n; ++k) readout_list_->items[k] = list[k];
  readout_list_->count = n;
  ++readout_list_->generation;
  readout_meter_->parameters_changed(recording::obis_to_context(meter::Obis(0, 0, 21, 0, 0)), now_s);
  return DataAccessResult::kSuccess;
}

}  // namespace quadra::cosem
