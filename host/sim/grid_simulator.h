// The grid simulator: a SampleSource that synthesises U1 U2 U3 I1 I2 I3 IN from a Scenario.
//
// Samples are exact to ~1e-12 of the signal before the ADC model: the fundamental phase is
// integrated analytically per frequency segment (long double), and every component (fundamental,
// harmonic, interharmonic) is produced by a complex rotation z <- z * w (and w <- w * r during a
// frequency ramp) re-seeded exactly from the analytic phase every 256 samples and at every
// breakpoint (event, frequency segment, load-profile point). Amplitudes follow the load profile
// linearly between those re-seeds (exact for the fundamental; ~1e-10 for harmonics).
//
// Output is deterministic: it depends on the scenario (and its ADC seed) only, never on the sizes
// of the reads, and seek() lands on the very same samples as reading up to that point.
//
// Not thread-safe; one simulator per thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/metrology/sample_frame.h"
#include "host/sim/scenario.h"
#include "host/sim/truth.h"
#include "host/source/sample_source.h"

namespace quadra::host::sim {

class GridSimulator final : public SampleSource {
 public:
  // One frame in double precision, indexed like metrology::SampleFrame (Channel order).
  using PreciseFrame = std::array<double, metrology::kChannelCount>;

  // Validates the scenario (throws ScenarioError).
  explicit GridSimulator(Scenario scenario);
  ~GridSimulator() override;
  GridSimulator(const GridSimulator&) = delete;
  GridSimulator& operator=(const GridSimulator&) = delete;

  // SampleSource
  double sample_rate_hz() const override;
  double nominal_frequency_hz() const override;
  TransformerRatios ratios() const override;
  std::string describe() const override;
  std::size_t read(std::span<metrology::SampleFrame> out) override;

  // The same stream in double precision (the ADC model applied, not rounded to float). Reads
  // through read() and read_precise() may be mixed; both advance the same position.
  std::size_t read_precise(std::span<PreciseFrame> out);

  // Positions the stream so that the next frame read is sample `index` (O(256 + 4096) work).
  void seek(std::uint64_t index);
  // Index of the next frame to be read (0 at the start).
  std::uint64_t sample_index() const;
  // Time of the next frame to be read, sample_index() / sample_rate_hz(), in seconds.
  double time_s() const;
  // Samples in the whole stream; empty when endless.
  std::optional<std::uint64_t> total_samples() const;

  const Scenario& scenario() const;
  const ScenarioTruth& truth() const;
  // Shorthands for truth().at(), truth().active_energy_wh(), ...; see truth.h.
  PhaseTruth truth_at(double t_s, std::size_t phase) const;
  double active_energy_wh(std::size_t phase_or_all, double t0_s, double t1_s) const;
  double fundamental_reactive_energy_varh(std::size_t phase_or_all, double t0_s,
                                          double t1_s) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quadra::host::sim
