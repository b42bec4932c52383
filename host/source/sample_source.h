// A stream of sample frames at a constant rate: the grid simulator, a COMTRADE recording, or (on a
// device) the ADC. The host pulls frames and pushes them into the metrology.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "core/metrology/sample_frame.h"

namespace quadra::host {

// Instrument-transformer ratios, primary over secondary (e.g. 20 kV / 100 V -> 200).
struct TransformerRatios {
  double vt = 1.0;
  double ct = 1.0;
};

class SampleSource {
 public:
  virtual ~SampleSource() = default;

  // Constant for the life of the source, > 0.
  virtual double sample_rate_hz() const = 0;
  // 50 or 60: decides 10- or 12-cycle measurement windows.
  virtual double nominal_frequency_hz() const = 0;
  // Ratios to apply to the secondary samples to obtain primary values.
  virtual TransformerRatios ratios() const = 0;
  // A one-line description for logs ("scenario 'industrial-day'", "COMTRADE 4.CFG").
  virtual std::string describe() const = 0;

  // Fills the front of `out` with the next frames and returns how many; 0 means the stream ended.
  virtual std::size_t read(std::span<metrology::SampleFrame> out) = 0;
};

}  // namespace quadra::host
