// A pulse input: the meter counts the pulses of an external meter (a gas meter, a water meter, an
// energy sub-meter) wired to one of its inputs, and serves
//   1.0.82.8.0.255  the pulse counter (class 3, unitless: pulses since the meter was new)
//   1.0.0.7.5.255   the input pulse constant (class 3, unitless: pulses per unit of the external
//                   meter's quantity, e.g. 100 imp/m3), for the head end to convert the count
// The counter only counts: it is not converted nor billed here. It is state (kept in the
// snapshot); the constant is configuration. No heap, no OS.
#pragma once

#include <cstdint>

#include "core/common/status.h"

namespace quadra::meter {

struct PulseInputSettings {
  bool enabled = false;
  double constant = 1.0;  // pulses per unit of the external quantity, 1..1e6, a whole number
};

Status validate(const PulseInputSettings& s);

class PulseInput {
 public:
  // Counts n more pulses. The counter wraps at 2^64 (centuries at any real rate).
  void count(std::uint64_t n) { pulses_ += n; }
  std::uint64_t pulses() const { return pulses_; }

  template <class Archive>
  void persist(Archive& a) {
    a(pulses_);
  }

 private:
  std::uint64_t pulses_ = 0;
};

}  // namespace quadra::meter
