// The meter's one-screen summary for `quadra run`: per-phase U, I, P, Q, PF, THD, the frequency,
// the four-quadrant energy totals, the tariff registers, demand and maximum demand, and the
// transformer losses, formatted as plain text (the caller decides how to show it).
#pragma once

#include <string>

#include "core/meter/interval_values.h"
#include "core/meter/meter.h"
#include "core/metrology/measurements.h"

namespace quadra::host {

// latest: the last interval; window: the last metrology window (null in fast mode: no THD,
// unbalance or neutral lines).
std::string render_live_view(const meter::IntervalValues& latest, const metrology::WindowValues* window,
                             const meter::Meter& meter, const std::string& source);

// "1d 02:03:04" style duration.
std::string format_duration(double seconds);

}  // namespace quadra::host
