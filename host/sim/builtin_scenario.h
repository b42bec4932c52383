// The built-in default scenario: a day of an industrial site, used when no scenario file is given.
#pragma once

#include <string_view>

#include "host/sim/scenario.h"

namespace quadra::host::sim {

// The TOML text, compiled into the library (documented in README.md).
std::string_view builtin_scenario_toml();

// The name its messages carry as a file name.
inline constexpr std::string_view kBuiltinScenarioSource = "<built-in scenario>";

// parse_scenario(builtin_scenario_toml(), kBuiltinScenarioSource): the same code path as a file.
Scenario builtin_scenario();

}  // namespace quadra::host::sim
