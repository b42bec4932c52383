// Reading a scenario from TOML (format: host/sim/README.md).
#pragma once

#include <string>
#include <string_view>

#include "host/sim/scenario.h"

namespace quadra::host::sim {

// Parses and validates. Throws ScenarioError whose message names `source_name`, the line and
// column, and the TOML path of the offending value, e.g.
//   "site.toml:14:9: current.L2.rms_a: must be in [0, 100000] A (got -5)"
// Refused: TOML syntax errors, unknown keys, wrong types, missing required keys, and everything
// validate_scenario() refuses.
Scenario parse_scenario(std::string_view toml, std::string_view source_name);

// Reads the file and parses it; an unreadable file is a ScenarioError naming it.
Scenario load_scenario_file(const std::string& path);

}  // namespace quadra::host::sim
