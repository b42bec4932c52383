// For tests only: Urms(1/2) values of phase voltages whose rms level steps at given instants, fed
// to a Meter's power-quality path. A level changes at a zero crossing on the half-cycle grid, so
// every one-cycle window holds whole half cycles of each level and its mean square is exactly the
// time-weighted mean of the levels' squares (no ripple term): the analytic truth of a voltage
// step, whose start and end the monitor's stamps (quality/step_time.h) recover exactly.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "core/meter/meter.h"

namespace quadra::meter {

// A phase's rms voltage, piecewise constant: {from t, level}, the first level holding before.
using VoltageLevels = std::vector<std::pair<double, double>>;

// Urms(1/2) at e: the rms over the one cycle (e - cycle_s, e].
inline double urms_half_cycle(const VoltageLevels& levels, double e, double cycle_s = 0.02) {
  double sum = 0.0;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const double lo = std::max(i == 0 ? -1e9 : levels[i].first, e - cycle_s);
    const double hi = std::min(i + 1 < levels.size() ? levels[i + 1].first : 1e9, e);
    if (hi > lo) sum += (hi - lo) * levels[i].second * levels[i].second;
  }
  return std::sqrt(sum / cycle_s);
}

// Feeds the 50 Hz half cycles ending at from + 0.01 s, from + 0.02 s, ... up to `until` (meter time).
inline void feed_half_cycles(Meter& m, const std::array<VoltageLevels, 3>& phases, double until, double from = 0.0) {
  for (long k = std::lround(from / 0.01) + 1; 0.01 * static_cast<double>(k) <= until + 1e-9; ++k) {
    metrology::HalfCycleValues h;
    h.end_s = 0.01 * static_cast<double>(k);
    for (std::size_t p = 0; p < 3; ++p) h.u_rms_v[p] = urms_half_cycle(phases[p], h.end_s);
    h.locked = true;
    m.on_half_cycle(h);
  }
}

}  // namespace quadra::meter
