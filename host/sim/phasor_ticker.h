// Fast mode: the meter application driven at phasor level, without samples. Each tick turns the
// scenario's closed form over [t0, t0 + dt) into the IntervalValues the metrology would have
// produced (energy integrals exact; rms and S at the tick's middle), with the meter's creep
// threshold, CT/VT ratios and apparent-power rule applied. A simulated year at one-minute ticks
// is half a million ticks: seconds of work instead of hours of samples.
//
// Not modelled in fast mode: the ADC (noise, quantisation), harmonics in S beyond the truth's
// U_rms * I_rms, and quadrant changes inside one tick (a tick's energy goes to the quadrant of its
// net P and Q, as a metrology window's does).
#pragma once

#include "core/meter/interval_values.h"
#include "core/metrology/metrology_config.h"
#include "host/sim/scenario.h"
#include "host/sim/truth.h"

namespace quadra::host::sim {

class PhasorTicker {
 public:
  // Precondition: the scenario passed validate_scenario(); config is the meter's.
  PhasorTicker(const Scenario& scenario, const metrology::MetrologyConfig& config);

  meter::IntervalValues tick(double t0_s, double dt_s) const;

  const ScenarioTruth& truth() const { return truth_; }

 private:
  ScenarioTruth truth_;
  metrology::MetrologyConfig config_;
};

}  // namespace quadra::host::sim
