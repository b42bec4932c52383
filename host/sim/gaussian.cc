#include "host/sim/gaussian.h"

namespace quadra::host::sim {

#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute(target_clones) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(QUADRA_SIM_NO_CLONES)
// Same IEEE operations 4-wide where the CPU has AVX2; identical results (no FMA contraction).
__attribute__((target_clones("avx2", "default")))
#endif
#endif
void GaussianSource::transform(const std::uint64_t* x, std::size_t pairs, double* out) {
  // Two passes: the radii (pure arithmetic, vectorisable), then the table rotations.
  for (std::size_t j = 0; j < pairs; ++j) {
    out[2 * j] = std::sqrt(-2.0 * log_unit(high_uniform(x[j])));
  }
  for (std::size_t j = 0; j < pairs; ++j) {
    const double r = out[2 * j];
    double c;
    double s;
    unit_circle(static_cast<std::uint32_t>(x[j]), c, s);
    out[2 * j] = r * c;
    out[2 * j + 1] = r * s;
  }
}

}  // namespace quadra::host::sim
