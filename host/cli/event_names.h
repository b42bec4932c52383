// Names of the event codes as people read them (shared/spec/events.md, the IDIS codes and
// Quadra's manufacturer codes of core/quality/event_codes.h and core/recording/event_codes.h).
#pragma once

#include <cstdint>
#include <string>

#include "core/recording/log_group.h"

namespace quadra::host {

// "power down", "sag L2 start", ...; "event <code>" for a code without a name.
std::string event_name(recording::LogGroup log, std::uint16_t code);

// The logs by the names `quadra dump log` takes: standard, fraud, limits, power-quality,
// power-failure, communication, configuration. False when the name is none of them.
bool log_group_by_name(const std::string& name, recording::LogGroup& out);
const char* log_group_cli_name(recording::LogGroup log);

}  // namespace quadra::host
