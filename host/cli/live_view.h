// The meter's one-screen summary for `quadra run`: per-phase U, I, P, Q, PF, THD, the frequency and
// the four-quadrant energy totals, formatted as plain text (the caller decides how to show it).
#pragma once

#include <string>

#include "core/metrology/metrology.h"

namespace quadra::host {

// meter_time_s: seconds of meter time since the start; latest: the last complete window.
std::string render_live_view(double meter_time_s, const metrology::WindowValues& latest,
                             const metrology::Metrology& meter, const std::string& source);

// "1d 02:03:04" style duration.
std::string format_duration(double seconds);

}  // namespace quadra::host
