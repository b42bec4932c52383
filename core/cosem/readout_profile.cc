#include "core/cosem/readout_profile.h"

#include "core/cosem/directory.h"
#include "core/cosem/value_format.h"

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

CaptureObject ReadoutProfileSource::column(std::size_t c) const {
  const meter::Obis& o = items_[c];
  if (const CosemObject* obj = directory_.find_name(current(o)))
    return {obj->class_id(), o, 2, 0};
  return {register_class(o), o, 2, 0};
}

void ReadoutProfileSource::write_cell(AxdrWriter& w, std::size_t, std::size_t column) const {
  const meter::Obis& o = items_[column];
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

}  // namespace quadra::cosem
