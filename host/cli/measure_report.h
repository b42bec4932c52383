// `quadra measure` output: one JSON object (keys and units in README.md), a human-readable table,
// and the per-window series as CSV.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/quality/quality_event.h"

#include "core/metrology/metrology.h"
#include "host/cli/measurement_summary.h"

namespace quadra::host {

// The registers of L1, L2, L3 and the total (metrology::Element order) at the end of a run.
using ElementEnergies = std::array<metrology::FourQuadrantEnergy, metrology::kElementCount>;

nlohmann::ordered_json measure_json(const RunSummary& summary, const ElementEnergies& energy);
std::string measure_table(const RunSummary& summary, const ElementEnergies& energy);

// `"events": [{"type", "phase", "start_s", "duration_s", "extreme_pct"}]` and its table form.
// type: "sag", "swell", "missing_voltage", "interruption", "long_interruption", "voltage_asymmetry",
// "current_asymmetry", ...; phase: "L1".."L3" or "all"; extreme_pct of Udin for voltages.
nlohmann::ordered_json events_json(const std::vector<quality::QualityEvent>& events);
std::string events_table(const std::vector<quality::QualityEvent>& events);
const char* event_type_name(quality::EventType type);

// Writes the CSV header, then one row per window.
class SeriesWriter {
 public:
  explicit SeriesWriter(std::ostream& out);
  void write(const metrology::WindowValues& w);

 private:
  std::ostream& out_;
};

}  // namespace quadra::host
