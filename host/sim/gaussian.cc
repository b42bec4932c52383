#include "host/sim/gaussian.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace quadra::host::sim {
namespace {

struct Table {
  std::array<double, 1024> cos;
  std::array<double, 1024> sin;
};

// cos and sin of 2*pi*i/1024: Taylor series on the first octant (a <= pi/4, terms to a^27),
// exact symmetries elsewhere.
const Table& table() {
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

}  // namespace

// x = m * 2^e with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(s), s = (m - 1) / (m + 1),
// |s| < 0.172, by its series to s^23; ln 2 split as in fdlibm.
double GaussianSource::log_unit(double x) {
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
  const double ln2_hi = 6.93147180369123816490e-01;
  const double ln2_lo = 1.90821492927058770002e-10;
  const auto ed = static_cast<double>(e);
  return ed * ln2_hi + (2.0 * s * series + ed * ln2_lo);
}

// The table entry for the top 10 bits, rotated by the remaining angle d < 2*pi/1024 (Taylor
// series to d^7).
void GaussianSource::unit_circle(std::uint32_t k, double& c, double& s) {
  const Table& t = table();
  const std::size_t i = k >> 22;
  const double d = static_cast<double>(k & 0x3FFFFFu) * (6.283185307179586476925 * 0x1p-32);
  const double d2 = d * d;
  const double cd = 1.0 - d2 * (0.5 - d2 * (1.0 / 24.0 - d2 * (1.0 / 720.0)));
  const double sd = d * (1.0 - d2 * (1.0 / 6.0 - d2 * (1.0 / 120.0 - d2 * (1.0 / 5040.0))));
  c = t.cos[i] * cd - t.sin[i] * sd;
  s = t.sin[i] * cd + t.cos[i] * sd;
}

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

double GaussianSource::next() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  const std::uint64_t x = rng_();
  double pair[2];
  transform(&x, 1, pair);
  spare_ = pair[1];
  has_spare_ = true;
  return pair[0];
}

void GaussianSource::fill(double* out, std::size_t n) {
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

}  // namespace quadra::host::sim
