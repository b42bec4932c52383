#include "host/sim/builtin_scenario.h"

#include <gtest/gtest.h>

#include "host/sim/grid_simulator.h"
#include "host/sim/scenario_toml.h"

namespace quadra::host::sim {
namespace {

TEST(BuiltinScenario, ParsesThroughTheFileCodePath) {
  const Scenario s = parse_scenario(builtin_scenario_toml(), "builtin.toml");
  EXPECT_EQ(s.name, "industrial-day");
  EXPECT_EQ(s.grid.sample_rate_hz, 6400.0);
  EXPECT_EQ(s.grid.nominal_frequency_hz, 50.0);
  EXPECT_EQ(s.grid.nominal_voltage_v, 230.0);
  EXPECT_EQ(s.ratios().ct, 80.0);  // 400/5 A
  EXPECT_EQ(s.ratios().vt, 1.0);
  EXPECT_FALSE(s.grid.duration_s.has_value());
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    EXPECT_FALSE(s.current[ph].load_profile.empty());
    EXPECT_GE(s.current[ph].harmonics.size(), 4u);
    EXPECT_FALSE(s.voltage[ph].harmonics.empty());
  }
  EXPECT_GE(s.events.size(), 4u);
  EXPECT_FALSE(s.frequency.ramps.empty());
  EXPECT_TRUE(s.adc.quantises());
  EXPECT_GT(s.adc.voltage_noise_rms_v, 0.0);
}

TEST(BuiltinScenario, IsRealistic) {
  GridSimulator sim(builtin_scenario());
  bool interruption = false;
  int sags = 0;
  for (const VoltageEvent& e : sim.scenario().events) {
    interruption = interruption || e.kind == EventKind::kInterruption;
    sags += e.kind == EventKind::kSag;
  }
  EXPECT_TRUE(interruption);
  EXPECT_GE(sags, 2);
  double i_max = 0.0;
  double f_min = 1e9;
  double f_max = 0.0;
  double export_wh = 0.0;
  for (double t = 0.0; t < 86400.0; t += 30.0) {
    for (std::size_t ph = 0; ph < kPhases; ++ph) {
      const PhaseTruth p = sim.truth_at(t, ph);
      if (p.voltage_factor != 1.0) continue;  // inside an event
      i_max = std::max(i_max, p.i_rms_a);
      // A slight unbalance, a little distortion.
      EXPECT_NEAR(p.u1_rms_v, 230.0, 2.0);
      EXPECT_LT(p.u_rms_v / p.u1_rms_v, 1.001);
      if (p.p_w < 0) export_wh -= p.p_w * 30.0 / 3600.0;
    }
    f_min = std::min(f_min, sim.truth().frequency_hz(t));
    f_max = std::max(f_max, sim.truth().frequency_hz(t));
  }
  EXPECT_LT(i_max, 6.0);  // Imax of a 5 A meter
  EXPECT_GT(i_max, 4.0);
  EXPECT_GT(f_min, 49.9);
  EXPECT_LT(f_max, 50.1);
  EXPECT_LT(f_min, 49.99);
  EXPECT_GT(f_max, 50.01);
  EXPECT_GT(export_wh, 100.0);
  EXPECT_GT(sim.active_energy_wh(kAllPhases, 0.0, 86400.0), 20000.0);
}

}  // namespace
}  // namespace quadra::host::sim
