// One simulated year of the meter application in fast mode (phasor ticks of the built-in
// scenario, split at every tariff, demand and billing boundary), timed on one core.
// Target: under 10 s of wall time.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/meter/meter.h"
#include "host/sim/builtin_scenario.h"
#include "host/sim/phasor_ticker.h"

int main() {
  using namespace quadra;
  const host::sim::Scenario scenario = host::sim::builtin_scenario();
  metrology::MetrologyConfig mc;
  mc.ct_ratio = scenario.grid.ct_ratio;
  mc.vt_ratio = scenario.grid.vt_ratio;
  const host::sim::PhasorTicker ticker(scenario, mc);
  meter::MeterSettings settings;
  settings.rtc.start_utc = 1767222000;  // 2026-01-01T00:00+01:00
  settings.billing = meter::default_billing_settings();
  meter::Meter m(settings);

  const double year_s = 365.0 * 86400.0;
  long ticks = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (double t = 0; t < year_s; ++ticks) {
    const double dt = std::min({900.0, year_s - t, m.next_boundary_s(t) - t});
    m.on_interval(ticker.tick(t, dt));
    t += dt;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("fast mode, built-in scenario, one year: %ld ticks, %d billing periods, %.2f s wall (target < 10 s), "
              "%.1f us per tick\n",
              ticks, static_cast<int>(m.billing().counter()), wall, wall * 1e6 / static_cast<double>(ticks));
  return 0;
}
