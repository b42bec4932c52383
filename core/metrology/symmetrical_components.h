// Fortescue's symmetrical components of three fundamental phasors, and the unbalance ratios
// IEC 61000-4-30 defines from them: u2 = |U2| / |U1|, u0 = |U0| / |U1|.
#pragma once

#include <array>
#include <complex>
#include <numbers>

namespace quadra::metrology {

struct SymmetricalComponents {
  std::complex<double> zero, positive, negative;
};

inline SymmetricalComponents symmetrical_components(const std::array<std::complex<double>, 3>& x) {
  const std::complex<double> a = std::polar(1.0, 2.0 * std::numbers::pi / 3.0);
  const std::complex<double> a2 = a * a;
  return {(x[0] + x[1] + x[2]) / 3.0, (x[0] + a * x[1] + a2 * x[2]) / 3.0,
          (x[0] + a2 * x[1] + a * x[2]) / 3.0};
}

// Ratios in percent; 0 when there is no positive sequence to refer to.
inline double negative_unbalance_pct(const SymmetricalComponents& s) {
  const double p = std::abs(s.positive);
  return p > 0.0 ? 100.0 * std::abs(s.negative) / p : 0.0;
}
inline double zero_unbalance_pct(const SymmetricalComponents& s) {
  const double p = std::abs(s.positive);
  return p > 0.0 ? 100.0 * std::abs(s.zero) / p : 0.0;
}

}  // namespace quadra::metrology
