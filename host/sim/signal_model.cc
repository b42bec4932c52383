#include "host/sim/signal_model.h"

#include <algorithm>
#include <cmath>

namespace quadra::host::sim::detail {

// ---------------------------------------------------------------------------------------------
// FrequencyPlan

FrequencyPlan::FrequencyPlan(const FrequencySpec& spec) {
  struct Change {
    double begin;
    double end;
    double to_hz;
    bool ramp;
  };
  std::vector<Change> changes;
  for (const FrequencyRamp& r : spec.ramps) {
    changes.push_back({r.start_s, r.start_s + r.duration_s, r.to_hz, true});
  }
  for (const FrequencyStep& s : spec.steps) changes.push_back({s.at_s, s.at_s, s.to_hz, false});
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.begin < b.begin; });

  long double cycles = 0.0L;
  auto add = [&](double t0, double t1, double f0, double slope) {
    if (!(t1 > t0)) return;
    if (std::isinf(t1)) {
      segments_.push_back({t0, t1, f0, 0.0, cycles});
      return;
    }
    const double span = t1 - t0;
    const auto pieces = static_cast<std::int64_t>(std::ceil(span / kMaxSegment_s));
    for (std::int64_t k = 0; k < pieces; ++k) {
      const double a = t0 + span * static_cast<double>(k) / static_cast<double>(pieces);
      const double b =
          k + 1 == pieces ? t1
                          : t0 + span * static_cast<double>(k + 1) / static_cast<double>(pieces);
      const double fa = f0 + slope * (a - t0);
      segments_.push_back({a, b, fa, slope, cycles});
      const long double len = static_cast<long double>(b) - a;
      cycles = frac(cycles + fa * len + 0.5L * slope * len * len);
    }
  };

  double f = spec.base_hz;
  double t = 0.0;
  for (const Change& c : changes) {
    add(t, c.begin, f, 0.0);
    t = std::max(t, c.begin);
    if (c.ramp) {
      add(c.begin, c.end, f, (c.to_hz - f) / (c.end - c.begin));
      t = c.end;
    }
    f = c.to_hz;
  }
  add(t, kInfinity, f, 0.0);
}

std::size_t FrequencyPlan::index_at(double t) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), t,
                             [](double v, const FrequencySegment& s) { return v < s.t0; });
  if (it == segments_.begin()) return 0;
  return static_cast<std::size_t>(it - segments_.begin()) - 1;
}

double FrequencyPlan::frequency_hz(double t) const {
  const FrequencySegment& s = segments_[index_at(t)];
  return s.f0_hz + s.slope_hz_per_s * (t - s.t0);
}

long double FrequencyPlan::cycles(double t) const {
  const FrequencySegment& s = segments_[index_at(t)];
  const long double tau = static_cast<long double>(t) - s.t0;
  return frac(s.cycles0 + s.f0_hz * tau + 0.5L * s.slope_hz_per_s * tau * tau);
}

double FrequencyPlan::max_frequency_hz() const {
  double m = 0.0;
  for (const FrequencySegment& s : segments_) {
    m = std::max(m, s.f0_hz);
    if (!std::isinf(s.t1)) m = std::max(m, s.f0_hz + s.slope_hz_per_s * (s.t1 - s.t0));
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// LoadProfile

LoadProfile::LoadProfile(const std::vector<LoadPoint>& points, double start_time_of_day_s)
    : start_s_(start_time_of_day_s) {
  for (const LoadPoint& p : points) {
    hours_.push_back(p.hour);
    s_.emplace_back(p.p_w, p.q_var);
  }
}

Complex LoadProfile::Piece::at(double t) const {
  if (std::isinf(t0) || std::isinf(t1)) return s0;
  const double w = (t - t0) / (t1 - t0);
  return s0 + (s1 - s0) * w;
}

double LoadProfile::breakpoint(std::int64_t day, std::size_t i) const {
  return static_cast<double>(day) * 86400.0 + hours_[i] * 3600.0 - start_s_;
}

LoadProfile::Piece LoadProfile::piece_at(double t) const {
  Piece p;
  if (hours_.empty()) return p;
  if (hours_.size() == 1) {
    p.s0 = p.s1 = s_[0];
    return p;
  }
  auto day = static_cast<std::int64_t>(std::floor((t + start_s_) / 86400.0));
  // Settle the day so that breakpoint(day, 0) <= t < breakpoint(day + 1, 0), with the very same
  // arithmetic that places every breakpoint (the generator relies on it).
  while (t < breakpoint(day, 0)) --day;
  while (t >= breakpoint(day + 1, 0)) ++day;
  std::size_t i = 0;
  while (i + 1 < hours_.size() && breakpoint(day, i + 1) <= t) ++i;
  const std::size_t next = i + 1 < hours_.size() ? i + 1 : 0;
  p.t0 = breakpoint(day, i);
  p.t1 = next == 0 ? breakpoint(day + 1, 0) : breakpoint(day, next);
  p.s0 = s_[i];
  p.s1 = s_[next];
  return p;
}

// ---------------------------------------------------------------------------------------------
// SignalModel

SignalModel::SignalModel(const Scenario& scenario)
    : scenario_(scenario), plan_(scenario.frequency) {
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    const VoltageSpec& v = scenario.voltage[ph];
    const CurrentSpec& c = scenario.current[ph];
    u1_[ph] = std::polar(v.rms_v, deg_to_rad(v.angle_deg));
    i_fixed_[ph] = std::polar(c.rms_a, deg_to_rad(v.angle_deg - c.phi_deg));
    if (!c.load_profile.empty()) {
      profiles_[ph] = LoadProfile(c.load_profile, scenario.grid.start_time_of_day_s);
    }
  }
  const double fs = scenario.grid.sample_rate_hz;
  for (const VoltageEvent& e : scenario.events) {
    EventSpan span;
    span.first = static_cast<std::uint64_t>(std::llround(e.start_s * fs));
    span.end = static_cast<std::uint64_t>(std::llround((e.start_s + e.duration_s) * fs));
    span.factors = {e.residual_percent / 100.0, e.current_factor()};
    span.phases = e.phases;
    events_.push_back(span);
    event_boundaries_.push_back(span.first);
    event_boundaries_.push_back(span.end);
  }
  std::sort(event_boundaries_.begin(), event_boundaries_.end());
  event_boundaries_.erase(std::unique(event_boundaries_.begin(), event_boundaries_.end()),
                          event_boundaries_.end());
}

std::uint64_t SignalModel::first_sample_at_or_after(double t) const {
  if (!(t > 0.0)) return 0;
  if (std::isinf(t)) return std::numeric_limits<std::uint64_t>::max();
  auto n = static_cast<std::uint64_t>(std::ceil(t * sample_rate_hz()));
  while (n > 0 && sample_time(n - 1) >= t) --n;
  while (sample_time(n) < t) ++n;
  return n;
}

Complex SignalModel::current_from_power(std::size_t ph, Complex s) const {
  return std::conj(s) * u1_[ph] / std::norm(u1_[ph]);
}

Complex SignalModel::current_phasor(std::size_t ph, double t) const {
  if (profiles_[ph].empty()) return i_fixed_[ph];
  return current_from_power(ph, profiles_[ph].piece_at(t).at(t));
}

Envelope SignalModel::envelope_at_sample(std::size_t ph, std::uint64_t n) const {
  for (const EventSpan& e : events_) {
    if (e.phases[ph] && e.first <= n && n < e.end) return e.factors;
  }
  return {};
}

Envelope SignalModel::envelope_at(std::size_t ph, double t) const {
  for (const EventSpan& e : events_) {
    if (e.phases[ph] && sample_time(e.first) <= t && t < sample_time(e.end)) return e.factors;
  }
  return {};
}

double SignalModel::next_event_boundary(std::size_t ph, double t) const {
  double next = kInfinity;
  for (const EventSpan& e : events_) {
    if (!e.phases[ph]) continue;
    for (std::uint64_t n : {e.first, e.end}) {
      const double tb = sample_time(n);
      if (tb > t) next = std::min(next, tb);
    }
  }
  return next;
}

}  // namespace quadra::host::sim::detail
