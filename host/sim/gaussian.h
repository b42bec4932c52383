// Deterministic standard normal numbers: std::mt19937_64 (whose output the C++ standard fixes)
// and our own Box-Muller transform, so a seed gives the same sequence with every standard library
// (std::normal_distribution is implementation-defined) and on every CPU: the logarithm, the sine
// table and the rotations use only IEEE basic operations and sqrt, never libm, whose results may
// differ in the last bit between its CPU-specific variants. (Requires no FMA contraction: the
// library is built with -ffp-contract=off.)
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
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

  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double a;
    double b;
    pair(a, b);
    spare_ = b;
    has_spare_ = true;
    return a;
  }

  // n numbers, the same as n calls of next(); pairs are made in batches, stage by stage, so that
  // the square roots and rotations pipeline.
  void fill(double* out, std::size_t n) {
    std::size_t i = 0;
    if (n > 0 && has_spare_) {
      out[i++] = spare_;
      has_spare_ = false;
    }
    constexpr std::size_t kBatch = 128;
    std::uint64_t x[kBatch];
    while (i + 1 < n) {
      const std::size_t pairs = std::min(kBatch, (n - i) / 2);
      for (std::size_t j = 0; j < pairs; ++j) x[j] = rng_();
      transform(x, pairs, out + i);
      i += 2 * pairs;
    }
    if (i < n) out[i] = next();
  }

  // Two independent standard normals from one 64-bit draw: u1 from the high 32 bits (in (0, 1),
  // so the radius is at most 6.66), the angle from the low 32 bits.
  void pair(double& a, double& b) {
    const std::uint64_t x = rng_();
    const double r = std::sqrt(-2.0 * log_unit(high_uniform(x)));
    double c;
    double s;
    unit_circle(static_cast<std::uint32_t>(x), c, s);
    a = r * c;
    b = r * s;
  }

  // Box-Muller for `pairs` draws: out[2j], out[2j + 1] from x[j] (as pair() does).
  static void transform(const std::uint64_t* x, std::size_t pairs, double* out);

  // Natural logarithm of a positive normal double, to ~1 ulp, with basic operations only:
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s), s = (m - 1) / (m + 1),
  // |s| < 0.172, by its series to s^23.
  static double log_unit(double x) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    auto e = static_cast<std::int32_t>(bits >> 52) - 1023;
    double m = std::bit_cast<double>((bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL);
    const bool high = m > 1.4142135623730951;
    m = high ? m * 0.5 : m;
    e += high ? 1 : 0;
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    const double series =
        1.0 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11 +
        s2 * (1.0 / 13 + s2 * (1.0 / 15 + s2 * (1.0 / 17 + s2 * (1.0 / 19 + s2 * (1.0 / 21 +
        s2 * (1.0 / 23)))))))))));
    const double ln2_hi = 6.93147180369123816490e-01;  // fdlibm's split of ln 2
    const double ln2_lo = 1.90821492927058770002e-10;
    const auto ed = static_cast<double>(e);
    return ed * ln2_hi + (2.0 * s * series + ed * ln2_lo);
  }

  // (high 32 bits + 1/2) / 2^32: in (0, 1).
  static double high_uniform(std::uint64_t x) {
    return (static_cast<double>(x >> 32) + 0.5) * 0x1p-32;
  }

  // cos and sin of 2*pi*k/2^32 to double precision: a 1024-entry table for the top 10 bits,
  // rotated by the remaining angle (< 2*pi/1024) with Taylor series to the 7th order.
  static void unit_circle(std::uint32_t k, double& c, double& s) {
    const Table& t = table();
    const std::size_t i = k >> 22;
    const double d = static_cast<double>(k & 0x3FFFFFu) * (6.283185307179586476925 * 0x1p-32);
    const double d2 = d * d;
    const double cd = 1.0 - d2 * (0.5 - d2 * (1.0 / 24.0 - d2 * (1.0 / 720.0)));
    const double sd = d * (1.0 - d2 * (1.0 / 6.0 - d2 * (1.0 / 120.0 - d2 * (1.0 / 5040.0))));
    c = t.cos[i] * cd - t.sin[i] * sd;
    s = t.sin[i] * cd + t.cos[i] * sd;
  }

 private:
  struct Table {
    std::array<double, 1024> cos;
    std::array<double, 1024> sin;
  };
  static const Table& table() {
    // Taylor series on the first octant (a <= pi/4, terms to a^27), symmetries elsewhere.
    static const Table t = [] {
      Table out{};
      for (std::size_t i = 0; i <= 128; ++i) {
        const double a = 6.283185307179586476925 * static_cast<double>(i) / 1024.0;
        const double a2 = a * a;
        double c = 0.0;
        double s = 0.0;
        for (int k = 13; k >= 1; --k) {
          c = 1.0 - a2 / ((2.0 * k - 1.0) * (2.0 * k)) * c;
          s = 1.0 - a2 / ((2.0 * k) * (2.0 * k + 1.0)) * s;
        }
        out.cos[i] = c;
        out.sin[i] = a * s;
      }
      for (std::size_t i = 129; i <= 256; ++i) {  // a = pi/2 - b
        out.cos[i] = out.sin[256 - i];
        out.sin[i] = out.cos[256 - i];
      }
      for (std::size_t i = 257; i < 512; ++i) {  // a = pi/2 + b
        out.cos[i] = -out.sin[i - 256];
        out.sin[i] = out.cos[i - 256];
      }
      for (std::size_t i = 512; i < 1024; ++i) {  // a = pi + b
        out.cos[i] = -out.cos[i - 512];
        out.sin[i] = -out.sin[i - 512];
      }
      return out;
    }();
    return t;
  }

  std::mt19937_64 rng_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace quadra::host::sim
