// What a validated Scenario means, as time functions of phasors: the frequency plan and its phase,
// the load profiles, the event envelopes. Internal to quadra_sim: both the analytic truth
// (closed form) and the waveform generator (samples) read the scenario through this one model, so
// that they cannot disagree on its meaning — but neither computes the other's results.
#pragma once

#include <array>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "host/sim/scenario.h"

namespace quadra::host::sim::detail {

using Complex = std::complex<double>;

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kSqrt2 = 1.41421356237309504880;
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

inline double deg_to_rad(double deg) { return deg * (kPi / 180.0); }

// One piece of the frequency law: f(t) = f0 + slope * (t - t0) on [t0, t1).
// The fundamental phase in turns is cycles0 + f0 * tau + slope * tau^2 / 2 with tau = t - t0.
struct FrequencySegment {
  double t0 = 0.0;
  double t1 = kInfinity;
  double f0_hz = 50.0;
  double slope_hz_per_s = 0.0;
  long double cycles0 = 0.0L;  // phase at t0, turns, reduced to [0, 1)
};

// The frequency as a function of time: piecewise linear, phase integrated analytically per
// segment in long double. Finite segments are cut into pieces of at most kMaxSegment_s so that
// tau stays small and the phase keeps ~1e-13 turn precision; the last segment is endless.
class FrequencyPlan {
 public:
  static constexpr double kMaxSegment_s = 3600.0;

  explicit FrequencyPlan(const FrequencySpec& spec);

  std::size_t size() const { return segments_.size(); }
  const FrequencySegment& segment(std::size_t i) const { return segments_[i]; }
  // The segment with t0 <= t < t1 (the first one for t < 0).
  std::size_t index_at(double t) const;

  double frequency_hz(double t) const;
  // Fundamental phase at t in turns, reduced to [0, 1).
  long double cycles(double t) const;
  double max_frequency_hz() const;

 private:
  std::vector<FrequencySegment> segments_;
};

// A daily load profile of one phase, in scenario time: linear pieces of S = P + jQ.
class LoadProfile {
 public:
  struct Piece {
    double t0 = -kInfinity;  // scenario time of the piece's first point
    double t1 = kInfinity;   // scenario time of the next point
    Complex s0;              // S at t0
    Complex s1;              // S at t1
    // S at t on this piece's line (also when t lies outside [t0, t1]).
    Complex at(double t) const;
  };

  LoadProfile() = default;
  LoadProfile(const std::vector<LoadPoint>& points, double start_time_of_day_s);

  bool empty() const { return hours_.empty(); }
  // The piece with t0 <= t < t1.
  Piece piece_at(double t) const;

 private:
  double breakpoint(std::int64_t day, std::size_t i) const;

  std::vector<double> hours_;
  std::vector<Complex> s_;
  double start_s_ = 0.0;
};

// The envelope factors of one phase: voltage and current multipliers, constant between events.
struct Envelope {
  double voltage = 1.0;
  double current = 1.0;
};

// Events of all phases on the sample grid: an event covers samples [first, end).
struct EventSpan {
  std::uint64_t first = 0;
  std::uint64_t end = 0;
  Envelope factors;
  std::array<bool, kPhases> phases{};
};

// The scenario as phasor time functions.
class SignalModel {
 public:
  explicit SignalModel(const Scenario& scenario);  // precondition: validated

  const Scenario& scenario() const { return scenario_; }
  const FrequencyPlan& frequency() const { return plan_; }
  double sample_rate_hz() const { return scenario_.grid.sample_rate_hz; }
  double sample_time(std::uint64_t n) const {
    return static_cast<double>(n) / scenario_.grid.sample_rate_hz;
  }
  // The first sample n with sample_time(n) >= t (t >= 0).
  std::uint64_t first_sample_at_or_after(double t) const;

  // Undisturbed fundamental voltage phasor (rms, radians) of a phase.
  Complex voltage_phasor(std::size_t ph) const { return u1_[ph]; }
  bool has_profile(std::size_t ph) const { return !profiles_[ph].empty(); }
  const LoadProfile& profile(std::size_t ph) const { return profiles_[ph]; }
  // Undisturbed fundamental current phasor of a phase at t (fixed, or conj(S(t) / U)).
  Complex current_phasor(std::size_t ph, double t) const;
  // The current phasor for S on a given profile piece (extends the piece's line beyond it).
  Complex current_from_power(std::size_t ph, Complex s) const;

  // Envelope of a phase at sample n, and at time t (events start at sample instants).
  Envelope envelope_at_sample(std::size_t ph, std::uint64_t n) const;
  Envelope envelope_at(std::size_t ph, double t) const;
  const std::vector<EventSpan>& events() const { return events_; }
  // Sorted, unique event boundary samples (starts and ends, all phases).
  const std::vector<std::uint64_t>& event_boundaries() const { return event_boundaries_; }
  // The first event boundary of phase ph strictly after t, as a time; +inf if none.
  double next_event_boundary(std::size_t ph, double t) const;

 private:
  Scenario scenario_;
  FrequencyPlan plan_;
  std::array<Complex, kPhases> u1_{};
  std::array<Complex, kPhases> i_fixed_{};
  std::array<LoadProfile, kPhases> profiles_;
  std::vector<EventSpan> events_;
  std::vector<std::uint64_t> event_boundaries_;
};

// Fractional part in [0, 1).
inline long double frac(long double x) {
  long double f = x - static_cast<long double>(static_cast<std::int64_t>(x));
  if (f < 0.0L) f += 1.0L;
  if (f >= 1.0L) f -= 1.0L;
  return f;
}

}  // namespace quadra::host::sim::detail
