#include "host/sim/truth.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "host/sim/signal_model.h"

namespace quadra::host::sim {

using detail::Complex;
using detail::deg_to_rad;
using detail::kPi;

namespace {

double angle_deg(Complex z) {
  double a = std::arg(z) * (180.0 / kPi);
  if (a <= -180.0) a += 360.0;
  return a;
}

double wrap_deg(double a) {
  a = std::remainder(a, 360.0);
  if (a <= -180.0) a += 360.0;
  return a;
}

template <typename F>
double simpson_step(const F& f, double a, double b, double fa, double fm, double fb, double whole,
                    double eps, int depth) {
  const double m = 0.5 * (a + b);
  const double lm = 0.5 * (a + m);
  const double rm = 0.5 * (m + b);
  const double flm = f(lm);
  const double frm = f(rm);
  const double left = (m - a) / 6.0 * (fa + 4.0 * flm + fm);
  const double right = (b - m) / 6.0 * (fm + 4.0 * frm + fb);
  const double delta = left + right - whole;
  if (depth <= 0 || std::abs(delta) <= 15.0 * eps) return left + right + delta / 15.0;
  return simpson_step(f, a, m, fa, flm, fm, left, 0.5 * eps, depth - 1) +
         simpson_step(f, m, b, fm, frm, fb, right, 0.5 * eps, depth - 1);
}

// Adaptive Simpson on [a, b], started on 32 panels so that a few oscillations cannot fool it.
template <typename F>
double integrate(const F& f, double a, double b, double eps) {
  constexpr int kPanels = 32;
  double sum = 0.0;
  for (int k = 0; k < kPanels; ++k) {
    const double pa = a + (b - a) * k / kPanels;
    const double pb = k + 1 == kPanels ? b : a + (b - a) * (k + 1) / kPanels;
    const double fa = f(pa);
    const double fb = f(pb);
    const double fm = f(0.5 * (pa + pb));
    const double whole = (pb - pa) / 6.0 * (fa + 4.0 * fm + fb);
    sum += simpson_step(f, pa, pb, fa, fm, fb, whole, eps / kPanels, 30);
  }
  return sum;
}

}  // namespace

ScenarioTruth::ScenarioTruth(const Scenario& scenario)
    : ScenarioTruth(std::make_shared<const detail::SignalModel>(scenario)) {}

ScenarioTruth::ScenarioTruth(std::shared_ptr<const detail::SignalModel> model)
    : model_(std::move(model)) {
  const Scenario& s = model_->scenario();
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    const VoltageSpec& v = s.voltage[ph];
    const CurrentSpec& c = s.current[ph];
    for (const Harmonic& hu : v.harmonics) {
      for (const Harmonic& hi : c.harmonics) {
        if (hu.order != hi.order) continue;
        pairs_[ph].push_back({hu.order, hu.percent * hi.percent * 1e-4,
                              deg_to_rad(hu.phase_deg - hi.phase_deg)});
      }
    }
    for (const Interharmonic& iu : v.interharmonics) {
      for (const Interharmonic& ii : c.interharmonics) {
        if (iu.frequency_hz != ii.frequency_hz) continue;
        pairs_[ph].push_back(
            {0, iu.percent * ii.percent * 1e-4, deg_to_rad(iu.phase_deg - ii.phase_deg)});
      }
    }
  }
}

ScenarioTruth::~ScenarioTruth() = default;

double ScenarioTruth::frequency_hz(double t_s) const {
  return model_->frequency().frequency_hz(t_s);
}

double ScenarioTruth::cross_power_w(std::size_t ph, double i1_abs, double phi1_rad) const {
  double p = 0.0;
  for (const CrossPair& c : pairs_[ph]) p += c.coef * std::cos(c.order * phi1_rad + c.offset_rad);
  return p * std::abs(model_->voltage_phasor(ph)) * i1_abs;
}

PhaseTruth ScenarioTruth::at(double t_s, std::size_t ph) const {
  const Scenario& s = model_->scenario();
  const VoltageSpec& vs = s.voltage[ph];
  const CurrentSpec& cs = s.current[ph];
  const detail::Envelope env = model_->envelope_at(ph, t_s);
  const Complex u = model_->voltage_phasor(ph);
  const Complex i = model_->current_phasor(ph, t_s);

  PhaseTruth out;
  out.frequency_hz = frequency_hz(t_s);
  out.voltage_factor = env.voltage;
  out.current_factor = env.current;
  out.u1_rms_v = env.voltage * std::abs(u);
  out.i1_rms_a = env.current * std::abs(i);
  out.u1_angle_deg = angle_deg(u);
  out.i1_angle_deg = std::abs(i) > 0.0 ? angle_deg(i) : out.u1_angle_deg;
  out.phi1_deg = wrap_deg(out.u1_angle_deg - out.i1_angle_deg);
  const double phi1 = deg_to_rad(out.phi1_deg);

  double u_sq = 1.0;
  double i_sq = 1.0;
  out.u_harmonic_rms_v[1] = out.u1_rms_v;
  out.i_harmonic_rms_a[1] = out.i1_rms_a;
  for (const Harmonic& h : vs.harmonics) {
    out.u_harmonic_rms_v[static_cast<std::size_t>(h.order)] = out.u1_rms_v * h.percent / 100.0;
    u_sq += h.percent * h.percent * 1e-4;
  }
  for (const Interharmonic& h : vs.interharmonics) u_sq += h.percent * h.percent * 1e-4;
  for (const Harmonic& h : cs.harmonics) {
    out.i_harmonic_rms_a[static_cast<std::size_t>(h.order)] = out.i1_rms_a * h.percent / 100.0;
    i_sq += h.percent * h.percent * 1e-4;
  }
  for (const Interharmonic& h : cs.interharmonics) i_sq += h.percent * h.percent * 1e-4;
  out.u_rms_v = out.u1_rms_v * std::sqrt(u_sq);
  out.i_rms_a = out.i1_rms_a * std::sqrt(i_sq);

  out.p1_w = out.u1_rms_v * out.i1_rms_a * std::cos(phi1);
  out.q1_var = out.u1_rms_v * out.i1_rms_a * std::sin(phi1);
  out.p_w = out.p1_w + env.voltage * env.current * cross_power_w(ph, std::abs(i), phi1);
  out.s_va = out.u_rms_v * out.i_rms_a;
  return out;
}

double ScenarioTruth::neutral_rms_a(double t_s) const {
  const Scenario& s = model_->scenario();
  if (!s.neutral.measured_sum) return 0.0;
  std::array<Complex, kMaxHarmonicOrder + 1> by_order{};
  std::map<double, Complex> by_frequency;
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    const detail::Envelope env = model_->envelope_at(ph, t_s);
    const Complex i = env.current * model_->current_phasor(ph, t_s);
    const double mag = std::abs(i);
    const double beta = std::arg(i);
    by_order[1] += i;
    for (const Harmonic& h : s.current[ph].harmonics) {
      by_order[static_cast<std::size_t>(h.order)] +=
          std::polar(mag * h.percent / 100.0, h.order * beta + deg_to_rad(h.phase_deg));
    }
    for (const Interharmonic& h : s.current[ph].interharmonics) {
      by_frequency[h.frequency_hz] += std::polar(mag * h.percent / 100.0, deg_to_rad(h.phase_deg));
    }
  }
  for (const NeutralComponent& n : s.neutral.extra) {
    by_order[static_cast<std::size_t>(n.order)] += std::polar(n.rms_a, deg_to_rad(n.angle_deg));
  }
  double sq = 0.0;
  for (const Complex& z : by_order) sq += std::norm(z);
  for (const auto& [f, z] : by_frequency) sq += std::norm(z);
  return std::sqrt(sq);
}

double ScenarioTruth::phase_energy_j(Quantity q, std::size_t ph, double t0, double t1) const {
  const detail::SignalModel& m = *model_;
  const Complex u = m.voltage_phasor(ph);
  const bool profile = m.has_profile(ph);
  const bool cross = q == Quantity::kP && !pairs_[ph].empty();
  double total = 0.0;
  double t = t0;
  while (t < t1) {
    double end = t1;
    detail::LoadProfile::Piece piece;
    if (profile) {
      piece = m.profile(ph).piece_at(t);
      end = std::min(end, piece.t1);
    }
    end = std::min(end, m.next_event_boundary(ph, t));
    const detail::Envelope env = m.envelope_at(ph, t);
    const double k = env.voltage * env.current;
    const double len = end - t;

    // The fundamental power u * conj(i) is S(t) itself on a profile piece: linear in t, so the
    // trapezoid rule is exact; for a fixed current it is constant.
    const Complex ia = profile ? m.current_from_power(ph, piece.at(t)) : m.current_phasor(ph, t);
    const Complex ib = profile ? m.current_from_power(ph, piece.at(end)) : ia;
    const Complex sa = u * std::conj(ia);
    const Complex sb = u * std::conj(ib);
    double e = q == Quantity::kQ1 ? 0.5 * (sa.imag() + sb.imag()) * len
                                  : 0.5 * (sa.real() + sb.real()) * len;
    if (cross) {
      auto power_at = [&](double tt) {
        const Complex i = profile ? m.current_from_power(ph, piece.at(tt)) : ia;
        return cross_power_w(ph, std::abs(i), std::arg(u) - std::arg(i));
      };
      if (!profile) {
        e += power_at(t) * len;
      } else {
        double scale = 0.0;
        for (const CrossPair& c : pairs_[ph]) scale += c.coef;
        scale *= std::abs(u) * std::max(std::abs(ia), std::abs(ib)) * len;
        if (scale > 0.0) e += integrate(power_at, t, end, 1e-12 * scale);
      }
    }
    total += k * e;
    t = end;
  }
  return total;
}

double ScenarioTruth::energy(Quantity q, std::size_t phase, double t0, double t1) const {
  if (t1 < t0) return -energy(q, phase, t1, t0);
  double joules = 0.0;
  if (phase == kAllPhases) {
    for (std::size_t ph = 0; ph < kPhases; ++ph) joules += phase_energy_j(q, ph, t0, t1);
  } else {
    joules = phase_energy_j(q, phase, t0, t1);
  }
  return joules / 3600.0;
}

double ScenarioTruth::active_energy_wh(std::size_t phase, double t0_s, double t1_s) const {
  return energy(Quantity::kP, phase, t0_s, t1_s);
}

double ScenarioTruth::fundamental_active_energy_wh(std::size_t phase, double t0_s,
                                                   double t1_s) const {
  return energy(Quantity::kP1, phase, t0_s, t1_s);
}

double ScenarioTruth::fundamental_reactive_energy_varh(std::size_t phase, double t0_s,
                                                       double t1_s) const {
  return energy(Quantity::kQ1, phase, t0_s, t1_s);
}

}  // namespace quadra::host::sim
