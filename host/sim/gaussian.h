// Deterministic standard normal numbers: std::mt19937_64 (whose output the C++ standard fixes)
// and our own Box-Muller transform, so a seed gives the same sequence with every standard library
// (std::normal_distribution is implementation-defined) and on every CPU: the logarithm, the sine
// table and the rotations use only IEEE basic operations and sqrt, never libm, whose results may
// differ in the last bit between its CPU-specific variants. The bodies live in gaussian.cc, built
// with the library's -ffp-contract=off (an FMA contraction would change the last bits).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

namespace quadra::host::sim {

class GaussianSource {
 public:
  explicit GaussianSource(std::uint64_t seed = 1) : rng_(seed) {}

  void reseed(std::uint64_t seed) {
    rng_.seed(seed);
    has_spare_ = false;
  }

  // Mixes a stream number into a seed (splitmix64), for independent, seekable blocks.
  static std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // The next standard normal number. Numbers come in pairs from one 64-bit draw: u1 from the high
  // 32 bits (in (0, 1), so |x| <= 6.66), the angle from the low 32 bits.
  double next();

  // n numbers, the same as n calls of next(), made in batches that vectorise.
  void fill(double* out, std::size_t n);

  // Building blocks, public for the tests.
  // (high 32 bits + 1/2) / 2^32: in (0, 1).
  static double high_uniform(std::uint64_t x) {
    return (static_cast<double>(x >> 32) + 0.5) * 0x1p-32;
  }
  // Natural logarithm of a positive normal double, to ~1 ulp, with basic operations only.
  static double log_unit(double x);
  // cos and sin of 2*pi*k/2^32 to ~1 ulp: a 1024-entry table and a short series.
  static void unit_circle(std::uint32_t k, double& c, double& s);

 private:
  // Box-Muller for `pairs` draws: out[2j], out[2j + 1] from x[j].
  static void transform(const std::uint64_t* x, std::size_t pairs, double* out);

  std::mt19937_64 rng_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace quadra::host::sim
