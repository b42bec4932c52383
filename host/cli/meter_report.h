// `quadra run --report FILE.json`: every register of the meter at the end of a run, and the
// billing profile. Format (documented in README.md):
//   {"meter_time_s", "utc", "tariff",
//    "registers": [{"obis", "value", "scaler", "unit", "capture_time"?}],
//    "billing": {"counter", "capture_objects": [obis...],
//                "entries": [{"counter", "time", "trigger", "values": [value or null...]}]}}
// Times are ISO 8601 UTC ("2026-03-01T00:00:00Z"); values are primary, in the unit named.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/meter/meter.h"

namespace quadra::host {

std::string iso_utc(double utc_s);
nlohmann::ordered_json meter_report(const meter::Meter& meter);

}  // namespace quadra::host
