#include "host/cli/meter_report.h"

#include <fmt/format.h>

#include <cmath>

#include "core/clock/civil_time.h"

namespace quadra::host {

using nlohmann::ordered_json;

std::string iso_utc(double utc_s) {
  const auto whole = static_cast<std::int64_t>(std::floor(utc_s));
  const clock::CivilDateTime t = clock::civil_from_seconds(whole);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

namespace {
std::string obis_text(const meter::Obis& o) {
  char text[24];
  o.format(text);
  return text;
}
}  // namespace

ordered_json meter_report(const meter::Meter& m) {
  ordered_json j;
  j["meter_time_s"] = m.meter_time_s();
  j["utc"] = iso_utc(static_cast<double>(m.rtc().utc_us(m.meter_time_s())) * 1e-6);
  j["tariff"] = m.tariff();
  ordered_json regs = ordered_json::array();
  m.for_each_register([&](const meter::Obis& o, const meter::RegisterValue& v) {
    // Readouts show the configured resolution: energies truncated, powers rounded.
    const bool energy = v.unit == meter::Unit::kWh || v.unit == meter::Unit::kvarh || v.unit == meter::Unit::kVAh ||
                        v.unit == meter::Unit::kV2h || v.unit == meter::Unit::kA2h;
    ordered_json r{{"obis", obis_text(o)},
                   {"value", meter::readout_value(v.value, v.scaler, energy)},
                   {"scaler", v.scaler},
                   {"unit", meter::unit_symbol(v.unit)}};
    if (v.has_capture_time) r["capture_time"] = v.capture_utc_s > 0 ? ordered_json(iso_utc(v.capture_utc_s)) : ordered_json(nullptr);
    regs.push_back(r);
  });
  j["registers"] = regs;
  const meter::BillingProfile& b = m.billing();
  ordered_json billing;
  billing["counter"] = b.counter();
  ordered_json objects = ordered_json::array();
  for (const meter::Obis& o : b.capture_list()) objects.push_back(obis_text(o));
  billing["capture_objects"] = objects;
  ordered_json entries = ordered_json::array();
  for (std::size_t k = 0; k < b.entries_in_use(); ++k) {
    const meter::BillingEntry& e = b.entry(k);
    ordered_json values = ordered_json::array();
    for (std::size_t i = 0; i < b.capture_list().size(); ++i) {
      values.push_back(e.values[i].valid ? ordered_json(e.values[i].value) : ordered_json(nullptr));
    }
    entries.push_back(ordered_json{{"counter", e.counter},
                                   {"time", iso_utc(e.utc_s)},
                                   {"trigger", meter::billing_trigger_name(e.trigger)},
                                   {"values", values}});
  }
  billing["entries"] = entries;
  j["billing"] = billing;
  return j;
}

}  // namespace quadra::host
