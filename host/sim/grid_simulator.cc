#include "host/sim/grid_simulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "host/sim/gaussian.h"
#include "host/sim/signal_model.h"

namespace quadra::host::sim {

using detail::Complex;
using detail::deg_to_rad;
using detail::frac;
using detail::kPi;
using detail::kSqrt2;
using metrology::kChannelCount;

namespace {

// Re-seed period of the rotations, in samples. A power of two dividing kNoiseBlock.
constexpr std::uint64_t kChunk = 256;
// The noise stream is re-seeded from (seed, block) every kNoiseBlock samples, which makes it
// seekable. Chunks never straddle a block.
constexpr std::uint64_t kNoiseBlock = 4096;

constexpr std::size_t kNeutral = 6;
constexpr std::uint8_t kNoPhase = 0xFF;

// What one rotating component is: which channel it adds to and how its amplitude is formed.
struct ComponentDef {
  std::uint8_t channel = 0;
  std::uint8_t phase = kNoPhase;  // the phase whose envelope / current it follows
  bool follows_current = false;   // amplitude from the phase's current phasor
  int order = 1;                  // >= 1: harmonic of the fundamental phase; 0: interharmonic
  double frequency_hz = 0.0;      // interharmonic only
  double magnitude = 0.0;         // fraction of the fundamental (or rms, for a neutral extra)
  double phase_rad = 0.0;
  // The complex amplitude without the envelope: for voltages and neutral extras the whole of it,
  // sqrt2 * X * e^{j(h alpha + phase)}; for currents sqrt2 * m * e^{j phase}, to be multiplied by
  // |I| * (I / |I|)^h for the current phasor I of the moment.
  Complex base;
};

Complex unit(double turns) {
  const double a = 2.0 * kPi * turns;
  return {std::cos(a), std::sin(a)};
}

// The state of the rotating components, structure of arrays (see synthesize_block).
struct Rotors {
  std::size_t count = 0;
  double* zr;
  double* zi;
  double* wr;
  double* wi;
  const double* rr;
  const double* ri;
  double* ar;
  double* ai;
  const double* dar;
  const double* dai;
  double* val;
  const std::size_t* channel_begin;  // kChannelCount + 1 entries
};

#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute(target_clones) && !defined(__SANITIZE_ADDRESS__) && !defined(QUADRA_SIM_NO_CLONES)
// The same IEEE operations in 4-wide AVX2 where the CPU has it; FMA contraction stays off
// (-ffp-contract=off), so both clones give bit-identical samples.
#define QUADRA_SIM_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef QUADRA_SIM_CLONES
#define QUADRA_SIM_CLONES
#endif

// One sample of every component: value = Re(A z), then z *= w, A += dA. Restrict-qualified
// parameters let the compiler vectorise without run-time alias checks.
inline void rotate(std::size_t n, double* __restrict zr, double* __restrict zi,
                   const double* __restrict wr, const double* __restrict wi,
                   double* __restrict ar, double* __restrict ai, const double* __restrict dar,
                   const double* __restrict dai, double* __restrict val) {
  for (std::size_t k = 0; k < n; ++k) {
    const double r = zr[k];
    const double q = zi[k];
    val[k] = ar[k] * r - ai[k] * q;
    zr[k] = r * wr[k] - q * wi[k];
    zi[k] = r * wi[k] + q * wr[k];
    ar[k] += dar[k];
    ai[k] += dai[k];
  }
}

// During a frequency ramp the step itself turns: w *= r.
inline void chirp(std::size_t n, double* __restrict wr, double* __restrict wi,
                  const double* __restrict rr, const double* __restrict ri) {
  for (std::size_t k = 0; k < n; ++k) {
    const double r = wr[k];
    const double q = wi[k];
    wr[k] = r * rr[k] - q * ri[k];
    wi[k] = r * ri[k] + q * rr[k];
  }
}

// m samples of every component; the channels are the sums of their components' values.
QUADRA_SIM_CLONES
void synthesize_block(const Rotors& s, bool chirping, bool sum_neutral, std::size_t m,
                      std::array<double, kChannelCount>* out) {
  for (std::size_t i = 0; i < m; ++i) {
    rotate(s.count, s.zr, s.zi, s.wr, s.wi, s.ar, s.ai, s.dar, s.dai, s.val);
    if (chirping) chirp(s.count, s.wr, s.wi, s.rr, s.ri);
    std::array<double, kChannelCount>& f = out[i];
    for (std::size_t ch = 0; ch < kChannelCount; ++ch) {
      double sum = 0.0;
      for (std::size_t j = s.channel_begin[ch]; j < s.channel_begin[ch + 1]; ++j) sum += s.val[j];
      f[ch] = sum;
    }
    if (sum_neutral) f[kNeutral] += f[3] + f[4] + f[5];
  }
}

// z^0 .. z^max by successive products (relative error ~ h * 1e-16).
void powers(Complex z, std::vector<Complex>& out) {
  Complex p(1.0, 0.0);
  for (Complex& o : out) {
    o = p;
    p *= z;
  }
}

}  // namespace

struct GridSimulator::Impl {
  explicit Impl(Scenario s);

  void setup_chunk();
  void synthesize(PreciseFrame* out, std::size_t m);
  void apply_adc(PreciseFrame* out, std::size_t m, std::uint64_t first);
  void position_noise(std::uint64_t first);
  std::size_t next_span(std::size_t wanted);
  Rotors rotors();

  std::shared_ptr<const detail::SignalModel> model;
  ScenarioTruth truth;
  const Scenario& scenario;
  double fs;
  std::optional<std::uint64_t> total;

  // Components, grouped by channel: [channel_begin[c], channel_begin[c + 1]).
  std::vector<ComponentDef> defs;
  std::array<std::size_t, kChannelCount + 1> channel_begin{};
  std::vector<double> zr, zi, wr, wi, rr, ri, ar, ai, dar, dai, val;
  bool chirping = false;
  int max_order = 1;
  // Scratch for setup_chunk: powers of the fundamental rotors and of the current unit phasors.
  std::vector<Complex> z_pow, w_pow, r_pow;
  std::array<std::vector<Complex>, kPhases> u_begin_pow, u_end_pow;

  std::uint64_t next = 0;       // next sample to produce
  std::uint64_t chunk_end = 0;  // the component state is valid for [next, chunk_end)
  std::vector<std::uint64_t> segment_first;  // first sample of each frequency segment

  // ADC
  GaussianSource noise;
  std::uint64_t noise_block = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t noise_pos = std::numeric_limits<std::uint64_t>::max();
  std::array<double, kChannelCount> noise_sigma{};
  std::vector<std::size_t> noise_channels;  // channels with noise, in order
  std::array<double, kChannelCount> step{};
  std::array<double, kChannelCount> inverse_step{};
  double code_max = 0.0;

  std::vector<PreciseFrame> scratch;
  std::vector<double> normals;
};

GridSimulator::Impl::Impl(Scenario s)
    : model((validate_scenario(s), std::make_shared<const detail::SignalModel>(std::move(s)))),
      truth(model),
      scenario(model->scenario()),
      fs(scenario.grid.sample_rate_hz),
      scratch(kChunk) {
  if (scenario.grid.duration_s) {
    total = static_cast<std::uint64_t>(std::llround(*scenario.grid.duration_s * fs));
  }

  // Components in channel order.
  auto add = [&](ComponentDef c) {
    if (c.magnitude != 0.0) defs.push_back(c);
  };
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    const auto p = static_cast<std::uint8_t>(ph);
    const VoltageSpec& v = scenario.voltage[ph];
    channel_begin[ph] = defs.size();
    add({p, p, false, 1, 0.0, 1.0, 0.0, {}});
    for (const Harmonic& h : v.harmonics) {
      add({p, p, false, h.order, 0.0, h.percent / 100.0, deg_to_rad(h.phase_deg), {}});
    }
    for (const Interharmonic& h : v.interharmonics) {
      add({p, p, false, 0, h.frequency_hz, h.percent / 100.0, deg_to_rad(h.phase_deg), {}});
    }
  }
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    const auto p = static_cast<std::uint8_t>(ph);
    const auto ch = static_cast<std::uint8_t>(3 + ph);
    const CurrentSpec& c = scenario.current[ph];
    channel_begin[ch] = defs.size();
    add({ch, p, true, 1, 0.0, 1.0, 0.0, {}});
    for (const Harmonic& h : c.harmonics) {
      add({ch, p, true, h.order, 0.0, h.percent / 100.0, deg_to_rad(h.phase_deg), {}});
    }
    for (const Interharmonic& h : c.interharmonics) {
      add({ch, p, true, 0, h.frequency_hz, h.percent / 100.0, deg_to_rad(h.phase_deg), {}});
    }
  }
  channel_begin[kNeutral] = defs.size();
  for (const NeutralComponent& n : scenario.neutral.extra) {
    add({static_cast<std::uint8_t>(kNeutral), kNoPhase, false, n.order, 0.0, n.rms_a,
         deg_to_rad(n.angle_deg), {}});
  }
  channel_begin[kChannelCount] = defs.size();

  for (ComponentDef& c : defs) {
    max_order = std::max(max_order, c.order);
    if (c.phase == kNoPhase) {
      c.base = std::polar(kSqrt2 * c.magnitude, c.phase_rad);
    } else if (c.follows_current) {
      c.base = std::polar(kSqrt2 * c.magnitude, c.phase_rad);
    } else {
      const Complex u = model->voltage_phasor(c.phase);
      c.base = std::polar(kSqrt2 * std::abs(u) * c.magnitude, c.order * std::arg(u) + c.phase_rad);
    }
  }
  for (std::vector<Complex>* v : {&z_pow, &w_pow, &r_pow}) v->assign(max_order + 1, Complex());
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    u_begin_pow[ph].assign(max_order + 1, Complex());
    u_end_pow[ph].assign(max_order + 1, Complex());
  }

  const std::size_t k = defs.size();
  for (std::vector<double>* v : {&zr, &zi, &wr, &wi, &rr, &ri, &ar, &ai, &dar, &dai, &val}) {
    v->assign(k, 0.0);
  }

  const detail::FrequencyPlan& plan = model->frequency();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    segment_first.push_back(model->first_sample_at_or_after(plan.segment(i).t0));
  }

  const AdcSpec& adc = scenario.adc;
  for (std::size_t ch = 0; ch < kChannelCount; ++ch) {
    const bool voltage = ch < 3;
    noise_sigma[ch] = voltage ? adc.voltage_noise_rms_v : adc.current_noise_rms_a;
    if (ch == kNeutral && !scenario.neutral.measured_sum) noise_sigma[ch] = 0.0;
    if (noise_sigma[ch] > 0.0) noise_channels.push_back(ch);
    step[ch] = voltage ? adc.voltage_step_v() : adc.current_step_a();
    inverse_step[ch] = step[ch] > 0.0 ? 1.0 / step[ch] : 0.0;
  }
  normals.resize(kChunk * kChannelCount);
  code_max = adc.quantises() ? std::ldexp(1.0, adc.bits - 1) : 0.0;
}

void GridSimulator::Impl::setup_chunk() {
  const std::uint64_t n0 = next;
  const double t0 = model->sample_time(n0);

  // The chunk ends at the next re-seed point or breakpoint, whichever comes first.
  std::uint64_t n1 = (n0 / kChunk + 1) * kChunk;
  const std::size_t seg_index =
      static_cast<std::size_t>(std::upper_bound(segment_first.begin(), segment_first.end(), n0) -
                               segment_first.begin()) -
      1;
  if (seg_index + 1 < segment_first.size()) n1 = std::min(n1, segment_first[seg_index + 1]);
  const std::vector<std::uint64_t>& eb = model->event_boundaries();
  if (auto it = std::upper_bound(eb.begin(), eb.end(), n0); it != eb.end()) n1 = std::min(n1, *it);
  std::array<detail::LoadProfile::Piece, kPhases> pieces;
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    if (!model->has_profile(ph)) continue;
    pieces[ph] = model->profile(ph).piece_at(t0);
    n1 = std::min(n1, model->first_sample_at_or_after(pieces[ph].t1));
  }
  if (total) n1 = std::min(n1, std::max(*total, n0 + 1));
  chunk_end = n1;
  const double t1 = model->sample_time(n1);
  const auto length = static_cast<double>(n1 - n0);

  // Fundamental phase over the chunk, in turns: p0 + p1 * i + p2 * i^2 for sample n0 + i.
  const detail::FrequencySegment& seg = model->frequency().segment(seg_index);
  const long double tau = static_cast<long double>(n0) / fs - seg.t0;
  const long double p0 = frac(seg.cycles0 + seg.f0_hz * tau + 0.5L * seg.slope_hz_per_s * tau * tau);
  const long double p1 = (seg.f0_hz + seg.slope_hz_per_s * tau) / fs;
  const long double p2 = 0.5L * seg.slope_hz_per_s / (static_cast<long double>(fs) * fs);
  chirping = seg.slope_hz_per_s != 0.0;

  std::array<detail::Envelope, kPhases> env;
  std::array<double, kPhases> i_begin_abs{};
  std::array<double, kPhases> i_end_abs{};
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    env[ph] = model->envelope_at_sample(ph, n0);
    Complex ib;
    Complex ie;
    if (model->has_profile(ph)) {
      ib = model->current_from_power(ph, pieces[ph].at(t0));
      ie = model->current_from_power(ph, pieces[ph].at(t1));
    } else {
      ib = ie = model->current_phasor(ph, t0);
    }
    i_begin_abs[ph] = std::abs(ib);
    i_end_abs[ph] = std::abs(ie);
    powers(i_begin_abs[ph] > 0.0 ? ib / i_begin_abs[ph] : Complex(1.0, 0.0), u_begin_pow[ph]);
    powers(i_end_abs[ph] > 0.0 ? ie / i_end_abs[ph] : Complex(1.0, 0.0), u_end_pow[ph]);
  }

  // Rotors of harmonic h are powers of the fundamental's: exact to ~h * 1e-16.
  powers(unit(static_cast<double>(p0)), z_pow);
  powers(unit(static_cast<double>(p1 + p2)), w_pow);
  powers(chirping ? unit(static_cast<double>(2.0L * p2)) : Complex(1.0, 0.0), r_pow);

  for (std::size_t k = 0; k < defs.size(); ++k) {
    const ComponentDef& c = defs[k];
    Complex z;
    Complex w;
    Complex r(1.0, 0.0);
    if (c.order > 0) {
      const auto h = static_cast<std::size_t>(c.order);
      z = z_pow[h];
      w = w_pow[h];
      r = r_pow[h];
    } else {
      const long double per_sample = static_cast<long double>(c.frequency_hz) / fs;
      z = unit(static_cast<double>(frac(per_sample * static_cast<long double>(n0))));
      w = unit(static_cast<double>(per_sample));
    }
    zr[k] = z.real();
    zi[k] = z.imag();
    wr[k] = w.real();
    wi[k] = w.imag();
    rr[k] = r.real();
    ri[k] = r.imag();

    Complex a0 = c.base;
    Complex da(0.0, 0.0);
    if (c.phase != kNoPhase) {
      const std::size_t ph = c.phase;
      if (c.follows_current) {
        const auto h = static_cast<std::size_t>(c.order);
        a0 = c.base * (env[ph].current * i_begin_abs[ph]) * u_begin_pow[ph][h];
        if (model->has_profile(ph)) {
          const Complex a1 = c.base * (env[ph].current * i_end_abs[ph]) * u_end_pow[ph][h];
          da = (a1 - a0) / length;
        }
      } else {
        a0 = c.base * env[ph].voltage;
      }
    }
    ar[k] = a0.real();
    ai[k] = a0.imag();
    dar[k] = da.real();
    dai[k] = da.imag();
  }
}

Rotors GridSimulator::Impl::rotors() {
  return {defs.size(), zr.data(), zi.data(), wr.data(), wi.data(), rr.data(), ri.data(),
          ar.data(),   ai.data(), dar.data(), dai.data(), val.data(), channel_begin.data()};
}

void GridSimulator::Impl::synthesize(PreciseFrame* out, std::size_t m) {
  synthesize_block(rotors(), chirping, scenario.neutral.measured_sum, m, out);
}

void GridSimulator::Impl::position_noise(std::uint64_t first) {
  const std::uint64_t block = first / kNoiseBlock;
  if (block == noise_block && first == noise_pos) return;
  noise.reseed(GaussianSource::derive_seed(scenario.adc.seed, block));
  noise_block = block;
  std::uint64_t skip = noise_channels.size() * (first - block * kNoiseBlock);
  while (skip > 0) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(skip, normals.size()));
    noise.fill(normals.data(), n);
    skip -= n;
  }
  noise_pos = first;
}

void GridSimulator::Impl::apply_adc(PreciseFrame* out, std::size_t m, std::uint64_t first) {
  if (!noise_channels.empty()) {
    // Normals in frame order, channel by channel (the order fixes the stream).
    position_noise(first);
    const std::size_t per_frame = noise_channels.size();
    noise.fill(normals.data(), m * per_frame);
    const double* g = normals.data();
    for (std::size_t s = 0; s < m; ++s) {
      for (std::size_t ch : noise_channels) out[s][ch] += noise_sigma[ch] * *g++;
    }
    noise_pos = first + m;
  }
  if (code_max > 0.0) {
    // Clip to [-2^(b-1), 2^(b-1) - 1] codes and round to the nearest (ties to even) by adding and
    // subtracting 1.5 * 2^52: exact IEEE arithmetic, so the loop vectorises and stays
    // deterministic (|codes| < 2^31 here).
    constexpr double kRound = 6755399441055744.0;
    const double lo = -code_max;
    const double hi = code_max - 1.0;
    for (std::size_t s = 0; s < m; ++s) {
      for (std::size_t ch = 0; ch < kChannelCount; ++ch) {
        double q = out[s][ch] * inverse_step[ch];
        q = q < lo ? lo : (q > hi ? hi : q);
        out[s][ch] = ((q + kRound) - kRound) * step[ch];
      }
    }
  }
}

// Makes sure the component state covers `next` and returns how many frames may be produced now.
std::size_t GridSimulator::Impl::next_span(std::size_t wanted) {
  if (total && next >= *total) return 0;
  if (next >= chunk_end) setup_chunk();
  std::uint64_t span = std::min<std::uint64_t>(wanted, chunk_end - next);
  return static_cast<std::size_t>(span);
}

GridSimulator::GridSimulator(Scenario scenario)
    : impl_(std::make_unique<Impl>(std::move(scenario))) {}

GridSimulator::~GridSimulator() = default;

double GridSimulator::sample_rate_hz() const { return impl_->fs; }

double GridSimulator::nominal_frequency_hz() const {
  return impl_->scenario.grid.nominal_frequency_hz;
}

TransformerRatios GridSimulator::ratios() const { return impl_->scenario.ratios(); }

std::string GridSimulator::describe() const {
  const Scenario& s = impl_->scenario;
  return fmt::format("scenario '{}' ({} Hz sampling, {} Hz nominal, {})", s.name,
                     s.grid.sample_rate_hz, s.grid.nominal_frequency_hz,
                     s.grid.duration_s ? fmt::format("{} s", *s.grid.duration_s) : "endless");
}

std::size_t GridSimulator::read(std::span<metrology::SampleFrame> out) {
  Impl& im = *impl_;
  std::size_t done = 0;
  while (done < out.size()) {
    const std::size_t m = im.next_span(std::min<std::size_t>(out.size() - done, kChunk));
    if (m == 0) break;
    im.synthesize(im.scratch.data(), m);
    im.apply_adc(im.scratch.data(), m, im.next);
    im.next += m;
    for (std::size_t s = 0; s < m; ++s) {
      for (std::size_t ch = 0; ch < kChannelCount; ++ch) {
        out[done + s].value[ch] = static_cast<float>(im.scratch[s][ch]);
      }
    }
    done += m;
  }
  return done;
}

std::size_t GridSimulator::read_precise(std::span<PreciseFrame> out) {
  Impl& im = *impl_;
  std::size_t done = 0;
  while (done < out.size()) {
    const std::size_t m = im.next_span(out.size() - done);
    if (m == 0) break;
    im.synthesize(out.data() + done, m);
    im.apply_adc(out.data() + done, m, im.next);
    im.next += m;
    done += m;
  }
  return done;
}

void GridSimulator::seek(std::uint64_t index) {
  Impl& im = *impl_;
  // Start from the re-seed point at or before `index` (always a chunk start of a continuous
  // run), then run the rotations forward, so the samples are bit-identical to a continuous run.
  im.next = index - index % kChunk;
  im.chunk_end = im.next;
  while (im.next < index && !(im.total && im.next >= *im.total)) {
    const std::size_t m =
        im.next_span(static_cast<std::size_t>(std::min<std::uint64_t>(index - im.next, kChunk)));
    if (m == 0) break;
    im.synthesize(im.scratch.data(), m);
    im.next += m;
  }
  im.next = index;
  // The noise stream repositions itself on the next read.
}

std::uint64_t GridSimulator::sample_index() const { return impl_->next; }

double GridSimulator::time_s() const { return impl_->model->sample_time(impl_->next); }

std::optional<std::uint64_t> GridSimulator::total_samples() const { return impl_->total; }

const Scenario& GridSimulator::scenario() const { return impl_->scenario; }

const ScenarioTruth& GridSimulator::truth() const { return impl_->truth; }

PhaseTruth GridSimulator::truth_at(double t_s, std::size_t phase) const {
  return impl_->truth.at(t_s, phase);
}

double GridSimulator::active_energy_wh(std::size_t phase_or_all, double t0_s,
                                       double t1_s) const {
  return impl_->truth.active_energy_wh(phase_or_all, t0_s, t1_s);
}

double GridSimulator::fundamental_reactive_energy_varh(std::size_t phase_or_all, double t0_s,
                                                       double t1_s) const {
  return impl_->truth.fundamental_reactive_energy_varh(phase_or_all, t0_s, t1_s);
}

}  // namespace quadra::host::sim
