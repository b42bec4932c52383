// A pulse output at a meter constant: one pulse per 1/constant kWh (kvarh, kVAh) of its quantity,
// exact over any run because it counts whole quanta of a drift-free accumulator.
#pragma once

#include <cstdint>

#include "core/metrology/energy_accumulator.h"

namespace quadra::metrology {

class PulseOutput {
 public:
  // imp_per_kwh > 0.
  explicit PulseOutput(double imp_per_kwh) : counter_(1000.0 / imp_per_kwh) {}

  // Adds energy (Wh, >= 0) that arrived uniformly over [start_s, start_s + duration_s) and calls
  // emit(time_s) for every pulse, at the instant its quantum was completed.
  template <typename Emit>
  void add(double energy_wh, double start_s, double duration_s, Emit&& emit) {
    if (!(energy_wh > 0.0)) return;
    const double before = counter_.residue();
    const std::int64_t pulses = counter_.add(energy_wh);
    for (std::int64_t k = 1; k <= pulses; ++k) {
      const double into = static_cast<double>(k) * counter_.quantum() - before;  // Wh into the interval
      double frac = into / energy_wh;
      if (frac > 1.0) frac = 1.0;
      emit(start_s + frac * duration_s);
    }
    count_ += pulses;
  }

  std::int64_t count() const { return count_; }
  double quantum_wh() const { return counter_.quantum(); }

 private:
  EnergyAccumulator counter_;
  std::int64_t count_ = 0;
};

}  // namespace quadra::metrology
