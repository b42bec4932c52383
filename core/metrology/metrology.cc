#include "core/metrology/metrology.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

#include "core/metrology/symmetrical_components.h"

namespace quadra::metrology {
namespace {

// Smallest even n >= x whose prime factors are 2, 3 and 5 (fast FFT sizes).
std::size_t smooth_even_at_least(double x) {
  auto n = static_cast<std::size_t>(std::ceil(x));
  for (;; ++n) {
    if (n % 2 != 0) continue;
    std::size_t m = n;
    for (std::size_t p : {2u, 3u, 5u}) {
      while (m % p == 0) m /= p;
    }
    if (m == 1) return n;
  }
}

// Points per cycle of the synchronised window. Below the input rate the resampling folds the band
// between the output's and the input's Nyquist frequencies back onto itself; with at least
// 51 + fs / (2 f) points per cycle that fold lands above harmonic 50's subgroup at every tracked
// frequency down to 0.9 f_nominal, so no reported order is touched. At least 64 points.
std::size_t choose_points_per_cycle(const MetrologyConfig& c) {
  const double lowest = c.nominal_frequency_hz * 0.9;
  const double needed = 51.0 + c.sample_rate_hz / (2.0 * lowest);
  return smooth_even_at_least(needed > 64.0 ? needed : 64.0);
}

std::size_t history_capacity(const MetrologyConfig& c) {
  const double period = c.sample_rate_hz / c.nominal_frequency_hz;
  // A window of synthesised cycles can reach 1.5 nominal periods each; add the tracker's latency
  // (a few cycles) and the interpolator's reach on both sides.
  return static_cast<std::size_t>(period * (1.5 * c.window_cycles() + 4.0)) + 4 * c.resampler_half_width + 64;
}

double degrees(double rad) { return rad * 180.0 / std::numbers::pi; }

// Wraps to (-180, 180].
double wrap180(double deg) {
  while (deg > 180.0) deg -= 360.0;
  while (deg <= -180.0) deg += 360.0;
  return deg;
}
double wrap360(double deg) {
  while (deg >= 360.0) deg -= 360.0;
  while (deg < 0.0) deg += 360.0;
  return deg;
}

}  // namespace

// Weighted sums over a stretch of the history (secondary units).
struct Metrology::Sums {
  std::array<double, kChannelCount> square{};  // sum w x^2
  std::array<double, 3> power{};               // sum w u_k i_k
  std::array<double, 3> line_square{};         // sum w (u1-u2)^2, (u2-u3)^2, (u3-u1)^2
  double neutral_square = 0.0;                 // sum w (i1+i2+i3)^2
  double weight = 0.0;
};

Metrology::Metrology(const MetrologyConfig& config, MeasurementSink& sink)
    : config_(config),
      sink_(sink),
      conditioner_(config),
      history_(history_capacity(config)),
      tracker_(config.sample_rate_hz, config.nominal_frequency_hz, config.nominal_voltage_v),
      resampler_(config.resampler_half_width),
      points_per_cycle_(choose_points_per_cycle(config)),
      analyzer_(points_per_cycle_ * config.window_cycles(), config.window_cycles()),
      resampled_(8 * points_per_cycle_ * config.window_cycles()),
      vt_(config.vt_ratio),
      ct_(config.ct_ratio),
      creep_secondary_a_(config.effective_creep_current_a()) {
  pulses_.reserve(kMaxPulseOutputs);
  for (const PulseOutputConfig& p : config.pulse_outputs) pulses_.emplace_back(p.imp_per_kwh);
}

double Metrology::time_of(double position) const {
  return config_.start_time_s + (position - ChannelConditioner::kDelaySamples) / config_.sample_rate_hz;
}

void Metrology::push(const SampleFrame& raw) {
  const SampleFrame frame = conditioner_.process(raw);
  const std::int64_t n = history_.next();
  history_.push(frame);
  const CycleEvents events = tracker_.push(n, frame);
  for (int k = 0; k < events.count; ++k) on_boundary(events.event[k]);
  if (window_pending_ &&
      history_.next() > static_cast<std::int64_t>(std::floor(pending_b_)) + config_.resampler_half_width + 1) {
    window_pending_ = false;
    process_window(pending_a_, pending_b_, pending_locked_);
  }
}

void Metrology::accumulate(double a, double b, Sums& s) const {
  const auto first = static_cast<std::int64_t>(std::floor(a + 0.5));
  const auto last = static_cast<std::int64_t>(std::floor(b + 0.5));
  for (std::int64_t n = first; n <= last; ++n) {
    // Sample n stands for [n - 1/2, n + 1/2): its weight is the part of that inside [a, b), so
    // adjacent stretches share their edge samples exactly.
    double w = 1.0;
    if (n == first || n == last) {
      const double lo = std::max(a, static_cast<double>(n) - 0.5);
      const double hi = std::min(b, static_cast<double>(n) + 0.5);
      w = hi - lo;
      if (w <= 0.0) continue;
    }
    const HistoryFrame& f = history_.at(n);
    const double u1 = f.lane[0], u2 = f.lane[1], u3 = f.lane[2];
    const double i1 = f.lane[3], i2 = f.lane[4], i3 = f.lane[5];
    for (std::size_t c = 0; c < kChannelCount; ++c) {
      const double x = f.lane[c];
      s.square[c] += w * x * x;
    }
    s.power[0] += w * u1 * i1;
    s.power[1] += w * u2 * i2;
    s.power[2] += w * u3 * i3;
    s.line_square[0] += w * (u1 - u2) * (u1 - u2);
    s.line_square[1] += w * (u2 - u3) * (u2 - u3);
    s.line_square[2] += w * (u3 - u1) * (u3 - u1);
    const double in = i1 + i2 + i3;
    s.neutral_square += w * in * in;
    s.weight += w;
  }
}

void Metrology::on_boundary(const CycleEvent& e) {
  // One-cycle rms refreshed every half cycle (IEC 61000-4-30 Urms(1/2)): the cycle ending at this
  // boundary, one typical period long.
  if (recent_count_ > 0) {
    // Median by insertion sort of at most five values.
    std::array<double, 5> sorted{};
    const std::size_t n = std::min(recent_count_, sorted.size());
    for (std::size_t k = 0; k < n; ++k) {
      std::size_t j = k;
      for (; j > 0 && sorted[j - 1] > recent_periods_[k]; --j) sorted[j] = sorted[j - 1];
      sorted[j] = recent_periods_[k];
    }
    emit_half_cycle(e.position - sorted[n / 2], e.position, e.locked);
  }
  if (e.kind != CycleEvent::Kind::kFull) return;

  if (last_full_ >= 0.0) {
    emit_cycle(last_full_, e.position, e.locked);
    recent_periods_[recent_count_++ % recent_periods_.size()] = e.position - last_full_;
  }
  last_full_ = e.position;
  if (window_start_ < 0.0) {
    window_start_ = e.position;
    window_cycles_seen_ = 0;
    window_locked_ = true;
    return;
  }
  window_locked_ = window_locked_ && e.locked;
  if (++window_cycles_seen_ < config_.window_cycles()) return;
  // A window still waiting for interpolation samples when the next one closes cannot happen at
  // 10 or more samples per cycle; if it ever did, it is processed now rather than lost.
  if (window_pending_) process_window(pending_a_, pending_b_, pending_locked_);
  window_pending_ = true;
  pending_a_ = window_start_;
  pending_b_ = e.position;
  pending_locked_ = window_locked_;
  window_start_ = e.position;
  window_cycles_seen_ = 0;
  window_locked_ = true;
}

void Metrology::emit_half_cycle(double a, double b, bool locked) {
  Sums s;
  accumulate(a, b, s);
  if (s.weight <= 0.0) return;
  HalfCycleValues v;
  v.end_s = time_of(b);
  v.locked = locked;
  for (std::size_t k = 0; k < 3; ++k) {
    v.u_rms_v[k] = std::sqrt(s.square[k] / s.weight) * vt_;
    v.i_rms_a[k] = std::sqrt(s.square[3 + k] / s.weight) * ct_;
  }
  sink_.on_half_cycle(v);
}

void Metrology::emit_cycle(double a, double b, bool locked) {
  CycleValues c;
  c.start_s = time_of(a);
  c.duration_s = (b - a) / config_.sample_rate_hz;
  c.frequency_hz = 1.0 / c.duration_s;
  c.locked = locked;
  sink_.on_cycle(c);

  // IEC 61000-4-30 10 s frequency: whole locked cycles inside each 10 s interval of meter time.
  const double end_s = c.start_s + c.duration_s;
  const auto interval = static_cast<std::int64_t>(std::floor(c.start_s / 10.0));
  if (freq_interval_ < 0) freq_interval_ = interval;
  while (interval > freq_interval_) {
    TenSecondFrequency f;
    f.start_s = static_cast<double>(freq_interval_) * 10.0;
    f.cycles = freq_cycles_;
    f.frequency_hz = freq_cycles_ > 0 ? static_cast<double>(freq_cycles_) / freq_duration_s_ : 0.0;
    sink_.on_frequency_10s(f);
    ++freq_interval_;
    freq_cycles_ = 0;
    freq_duration_s_ = 0.0;
  }
  if (locked && static_cast<std::int64_t>(std::floor(end_s / 10.0)) == interval) {
    ++freq_cycles_;
    freq_duration_s_ += c.duration_s;
  }
}

void Metrology::harmonics_of(const HarmonicSpectrum& spec, double reference, ChannelHarmonics& out) const {
  out = ChannelHarmonics{};
  // Percentages of a fundamental below 1 % of the channel's reference say nothing: left at 0.
  if (!(spec.subgroup_rms[1] > 0.01 * reference)) return;
  out.max_order = spec.max_order;
  out.thd_pct = 100.0 * spec.thd;
  for (unsigned h = 2; h <= spec.max_order; ++h) out.harmonic_pct[h] = 100.0 * spec.subgroup_rms[h] / spec.subgroup_rms[1];
}

void Metrology::process_window(double a, double b, bool locked) {
  const unsigned cycles = config_.window_cycles();
  const std::size_t points = analyzer_.points();
  const double fs = config_.sample_rate_hz;

  WindowValues w;
  w.start_s = time_of(a);
  w.duration_s = (b - a) / fs;
  w.frequency_hz = static_cast<double>(cycles) / w.duration_s;
  w.locked = locked;

  Sums s;
  accumulate(a, b, s);
  const double inv = 1.0 / s.weight;

  // Synchronised spectrum of every channel.
  std::array<float*, 8> lanes{};
  for (std::size_t c = 0; c < kChannelCount; ++c) lanes[c] = &resampled_[c * points];
  resampler_.resample(history_, a, (b - a) / static_cast<double>(points), points, lanes);
  const double edge_hz = resampler_.passband_edge() * fs;
  const auto max_order = static_cast<unsigned>(std::floor(edge_hz / w.frequency_hz));

  std::array<HarmonicSpectrum, kChannelCount> spec;
  for (std::size_t c = 0; c < kChannelCount; ++c) analyzer_.analyze(lanes[c], max_order, spec[c]);

  const double u_ref = std::arg(spec[0].fundamental);
  std::array<std::complex<double>, 3> u_ph, i_ph;
  std::array<double, 3> s_phase{};
  for (std::size_t k = 0; k < 3; ++k) {
    PhaseValues& p = w.phase[k];
    const std::complex<double> u = spec[k].fundamental;
    const std::complex<double> i = spec[3 + k].fundamental;
    u_ph[k] = u;
    i_ph[k] = i;
    const double u_rms = std::sqrt(s.square[k] * inv);
    const double i_rms = std::sqrt(s.square[3 + k] * inv);
    p.u_rms_v = u_rms * vt_;
    p.i_rms_a = i_rms * ct_;
    p.u_fundamental_v = std::abs(u) * vt_;
    p.i_fundamental_a = std::abs(i) * ct_;
    p.u_angle_deg = wrap180(degrees(std::arg(u) - u_ref));
    p.i_angle_deg = wrap180(degrees(std::arg(i) - u_ref));
    p.ui_angle_deg = wrap180(degrees(std::arg(u) - std::arg(i)));
    harmonics_of(spec[k], 0.01 * config_.nominal_voltage_v * 100.0, p.u_harmonics);
    harmonics_of(spec[3 + k], config_.reference_current_a, p.i_harmonics);
    p.no_load = i_rms < creep_secondary_a_;
    if (!p.no_load) {
      const double scale = vt_ * ct_;
      p.p_w = s.power[k] * inv * scale;
      // IEEE 1459 fundamental reactive power: Im(U1 conj(I1)) = U1 I1 sin(phi1).
      p.q_var = std::imag(u * std::conj(i)) * scale;
      p.s_va = u_rms * i_rms * scale;
      p.pf = p.s_va > 0.0 ? p.p_w / p.s_va : 0.0;
    }
    s_phase[k] = p.s_va;
    w.u_line_v[k] = std::sqrt(s.line_square[k] * inv) * vt_;
    w.p_w += p.p_w;
    w.q_var += p.q_var;
    w.s_arithmetic_va += p.s_va;
  }
  w.s_vector_va = std::hypot(w.p_w, w.q_var);
  w.s_va = config_.apparent_total == ApparentTotal::kArithmetic ? w.s_arithmetic_va : w.s_vector_va;
  w.pf = w.s_va > 0.0 ? w.p_w / w.s_va : 0.0;
  w.quadrant = quadrant(w.p_w, w.q_var);
  w.u12_angle_deg = wrap360(degrees(std::arg(u_ph[0]) - std::arg(u_ph[1])));
  w.u13_angle_deg = wrap360(degrees(std::arg(u_ph[0]) - std::arg(u_ph[2])));
  w.in_measured_a = config_.wiring == Wiring::kFourWire ? std::sqrt(s.square[6] * inv) * ct_ : 0.0;
  w.in_calculated_a = std::sqrt(s.neutral_square * inv) * ct_;
  if (config_.wiring == Wiring::kFourWire) harmonics_of(spec[6], config_.reference_current_a, w.in_harmonics);

  const SymmetricalComponents us = symmetrical_components(u_ph);
  const SymmetricalComponents is = symmetrical_components(i_ph);
  w.u2_pct = negative_unbalance_pct(us);
  w.i2_pct = negative_unbalance_pct(is);
  if (config_.wiring == Wiring::kFourWire) {
    w.u0_pct = zero_unbalance_pct(us);
    w.i0_pct = zero_unbalance_pct(is);
  }
  w.energy_p_wh = w.p_w * w.duration_s / 3600.0;
  w.energy_q_varh = w.q_var * w.duration_s / 3600.0;

  register_energy(w, s_phase);
  sink_.on_window(w);
}

void Metrology::register_energy(WindowValues& w, const std::array<double, 3>& s_phase) {
  const double hours = w.duration_s / 3600.0;
  std::array<EnergyIncrement, kElementCount>& inc = w.energy;
  for (std::size_t k = 0; k < 3; ++k) {
    const PhaseValues& p = w.phase[k];
    inc[k] = split_into_quadrants(p.p_w * hours, p.q_var * hours, s_phase[k] * hours);
    energy_[k].add(inc[k]);
  }
  inc[3] = split_into_quadrants(w.p_w * hours, w.q_var * hours, w.s_va * hours);
  energy_[3].add(inc[3]);

  const double secondary = 1.0 / (vt_ * ct_);
  for (std::size_t k = 0; k < kMaxPulseOutputs; ++k) {
    const PulseOutputConfig& cfg = config_.pulse_outputs[k];
    if (!cfg.enabled) continue;
    double amount = inc[index(cfg.element)].amount[index(cfg.quantity)];
    if (!cfg.primary) amount *= secondary;
    pulses_[k].add(amount, w.start_s, w.duration_s, [&](double t) {
      sink_.on_pulse(PulseEvent{static_cast<std::uint8_t>(k), t});
    });
  }
}

}  // namespace quadra::metrology
