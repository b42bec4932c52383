// The grid simulator's scenario: what the meter's seven inputs carry, as plain data.
//
// The struct mirrors the TOML format field for field (see host/sim/README.md), so a path such as
// `current.L2.harmonics[1].percent` names the same value in a file, in this struct and in an error
// message. Build one in code (tests do) or parse one with parse_scenario() (scenario_toml.h); either
// way validate_scenario() decides whether it is usable, and GridSimulator calls it.
//
// All electrical values are SECONDARY, i.e. at the meter terminals; `grid.vt_ratio` and
// `grid.ct_ratio` only tell the meter how to get primary values.
//
// Waveform conventions (cosine phasors; time t in seconds since the scenario start; phi(t) the
// fundamental phase in turns, phi(t) = integral of f dt, phi(0) = 0):
//   fundamental:   x1(t) = sqrt(2) * X1 * cos(2*pi*phi(t) + beta)
//   harmonic h:    xh(t) = sqrt(2) * X1 * (percent/100) * cos(h * (2*pi*phi(t) + beta) + phase_h)
//                  i.e. a harmonic's phase is relative to h times its own signal's fundamental
//                  phase, so one spectrum written for three phases gives the physical sequence
//                  (5th negative, 7th positive, 3rd zero) by itself;
//   interharmonic: x(t) = sqrt(2) * X1 * (percent/100) * cos(2*pi*frequency_hz*t + phase)
//                  (fixed frequency in Hz; phase relative to the scenario start);
// where beta is `voltage.Lk.angle_deg` for a voltage and angle_deg - phi_deg for its current
// (phi = angle of U minus angle of I, positive = inductive / lagging).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "host/source/sample_source.h"

namespace quadra::host::sim {

inline constexpr std::size_t kPhases = 3;
inline constexpr int kMaxHarmonicOrder = 50;

// "L1", "L2", "L3" for phase 0, 1, 2.
const char* phase_name(std::size_t phase);

// A refused scenario. what() is the complete message: "file:line:col: path: reason" when the
// scenario came from a file, "path: reason" when it was built in code.
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(std::string file, int line, int column, std::string path, std::string reason);

  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 1-based; 0 when unknown
  int column() const { return column_; }
  const std::string& path() const { return path_; }  // e.g. "current.L2.rms_a"
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string path_;
  std::string reason_;
};

struct Harmonic {
  int order = 2;           // 2 .. 50
  double percent = 0.0;    // rms, in % of the signal's fundamental rms, 0 .. 100
  double phase_deg = 0.0;  // see the convention at the top of this file
};

struct Interharmonic {
  double frequency_hz = 0.0;  // fixed, 0 < f < sample_rate / 2
  double percent = 0.0;       // rms, in % of the signal's fundamental rms
  double phase_deg = 0.0;     // phase at t = 0
};

struct GridSpec {
  double sample_rate_hz = 6400.0;
  double nominal_frequency_hz = 50.0;  // 50 or 60
  double nominal_voltage_v = 230.0;    // phase to neutral, secondary; informational
  double vt_ratio = 1.0;               // primary / secondary
  double ct_ratio = 1.0;               // primary / secondary
  double start_time_of_day_s = 0.0;    // time of day at t = 0, [0, 86400): places the load profile
  std::optional<double> duration_s;    // empty: endless
};

// A linear change from the frequency in force at start_s to to_hz, over duration_s.
struct FrequencyRamp {
  double start_s = 0.0;
  double duration_s = 0.0;
  double to_hz = 50.0;
};

// An abrupt change of frequency at at_s; the phase stays continuous.
struct FrequencyStep {
  double at_s = 0.0;
  double to_hz = 50.0;
};

struct FrequencySpec {
  double base_hz = 50.0;
  std::vector<FrequencyRamp> ramps;  // may not overlap each other or a step
  std::vector<FrequencyStep> steps;
};

struct VoltageSpec {
  double rms_v = 230.0;  // rms of the FUNDAMENTAL
  double angle_deg = 0.0;
  std::vector<Harmonic> harmonics;
  std::vector<Interharmonic> interharmonics;
};

// One point of a daily load profile: fundamental powers of one phase at that time of day. Between
// points the powers are interpolated linearly; the day wraps from the last point to the first.
struct LoadPoint {
  double hour = 0.0;  // time of day, [0, 24), strictly increasing within a profile
  double p_w = 0.0;   // negative: export
  double q_var = 0.0;  // negative: capacitive
};

// A phase current is fixed (rms_a, phi_deg) unless load_profile is non-empty; then its fundamental
// phasor is I = conj(S / U) with S = P + jQ from the profile and U the phase's configured
// (undisturbed) fundamental voltage phasor, so the profile gives P1 and Q1 exactly.
struct CurrentSpec {
  double rms_a = 0.0;    // rms of the FUNDAMENTAL
  double phi_deg = 0.0;  // angle of U minus angle of I; positive = inductive (lagging)
  std::vector<LoadPoint> load_profile;
  std::vector<Harmonic> harmonics;  // percent of the (time-varying) fundamental current
  std::vector<Interharmonic> interharmonics;
};

// A component added to the neutral current: sqrt(2) * rms_a * cos(order * 2*pi*phi(t) + angle).
struct NeutralComponent {
  int order = 1;  // 1 .. 50
  double rms_a = 0.0;
  double angle_deg = 0.0;
};

struct NeutralSpec {
  // true: IN = i1 + i2 + i3 + extra (measured neutral of a 4-wire system); false: IN is absent (0).
  bool measured_sum = true;
  std::vector<NeutralComponent> extra;
};

enum class EventKind : std::uint8_t { kSag, kSwell, kInterruption };
const char* event_kind_name(EventKind kind);  // "sag", "swell", "interruption"

// A voltage event. The whole voltage of each affected phase (fundamental, harmonics and
// interharmonics) is multiplied by residual_percent / 100 from the sample nearest start_s up to,
// excluding, the sample nearest start_s + duration_s: an abrupt change at that instant, whatever
// the point on wave. The current of the affected phases is multiplied by
// current_residual_percent / 100 over the same samples (loads drop out in an interruption).
// Events on one phase may not overlap.
struct VoltageEvent {
  EventKind kind = EventKind::kSag;
  double start_s = 0.0;
  double duration_s = 0.0;
  double residual_percent = 0.0;  // sag [0, 100), swell (100, 200], interruption [0, 10]
  std::optional<double> current_residual_percent;  // default: 100 (sag, swell), 0 (interruption)
  std::array<bool, kPhases> phases{true, true, true};

  double current_factor() const;  // current_residual_percent / 100 with the default applied
};

// The ADC: Gaussian noise added, then quantised to `bits` over [-full scale, +full scale) peak,
// clipping outside. Everything is off by default.
struct AdcSpec {
  int bits = 0;  // 0: no quantisation; else 8 .. 32
  double voltage_full_scale_v = 0.0;  // peak; required when bits > 0
  double current_full_scale_a = 0.0;  // peak; required when bits > 0
  double voltage_noise_rms_v = 0.0;   // 0: no noise
  double current_noise_rms_a = 0.0;
  std::uint64_t seed = 1;

  bool quantises() const { return bits > 0; }
  double voltage_step_v() const;  // one code: full scale / 2^(bits-1)
  double current_step_a() const;
};

struct Scenario {
  std::string name = "custom";
  std::string description;
  GridSpec grid;
  FrequencySpec frequency;
  std::array<VoltageSpec, kPhases> voltage{
      VoltageSpec{230.0, 0.0, {}, {}}, VoltageSpec{230.0, -120.0, {}, {}},
      VoltageSpec{230.0, 120.0, {}, {}}};
  std::array<CurrentSpec, kPhases> current;
  NeutralSpec neutral;
  std::vector<VoltageEvent> events;
  AdcSpec adc;

  TransformerRatios ratios() const { return {grid.vt_ratio, grid.ct_ratio}; }
};

// Where a scenario value came from, for error messages (filled by the TOML parser).
class SourceMap {
 public:
  struct Location {
    int line = 0;
    int column = 0;
  };
  void set(std::string path, Location where);
  // The location of `path`, else of its nearest recorded parent ("a.b[2].c" -> "a.b[2]" -> "a.b"
  // -> "a"), else {0, 0}.
  Location find(std::string_view path) const;

  std::string file;

 private:
  std::vector<std::pair<std::string, Location>> entries_;
};

// Throws ScenarioError naming the first offending value (ranges, Nyquist, overlapping events or
// frequency changes, profile order). With `where`, the message carries the file, line and column.
void validate_scenario(const Scenario& scenario, const SourceMap* where = nullptr);

}  // namespace quadra::host::sim
