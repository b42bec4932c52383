// Configuration of the metrology: what the inputs are and how to turn them into measurements.
// Validated once at start-up (validate_config); the engine assumes a valid configuration.
#pragma once

#include <array>
#include <cstddef>

#include "core/common/status.h"
#include "core/metrology/energy_quantity.h"
#include "core/metrology/sample_frame.h"

namespace quadra::metrology {

// Per-channel correction of the analogue front end, applied to every sample before anything else:
//   corrected = gain * (raw - offset), then advanced in phase by phase_deg at the nominal frequency.
// The phase shift is made by a first-order all-pass section (unity gain at every frequency), so it
// corrects CT/VT phase errors without touching amplitudes. |phase_deg| <= 1.
struct ChannelCalibration {
  double gain = 1.0;       // > 0
  double offset = 0.0;     // in the channel's unit (V or A, secondary)
  double phase_deg = 0.0;  // positive advances the channel (corrects a lagging CT)
};

enum class Wiring : unsigned char {
  kFourWire,   // 3 elements, phase-to-neutral voltages, neutral current measured on IN
  kThreeWire,  // voltages to an artificial star point (no neutral): no u0/i0, no IN
};

// How the total apparent power is formed (EN 50470 leaves it to the meter; DLMS exposes either).
enum class ApparentTotal : unsigned char {
  kArithmetic,  // S = S1 + S2 + S3 with Sk = Uk * Ik
  kVector,      // S = sqrt(P^2 + Q^2) of the totals
};

inline constexpr std::size_t kMaxPulseOutputs = 6;

// A pulse output (test LED or S0 output) at a meter constant for one quantity of one element.
struct PulseOutputConfig {
  bool enabled = false;
  EnergyQuantity quantity = EnergyQuantity::kActiveImport;
  Element element = Element::kTotal;
  double imp_per_kwh = 20000.0;  // imp/kWh, imp/kvarh or imp/kVAh; > 0
  // Meter constants of transformer-operated meters refer to secondary energy (what a test bench
  // feeds); set true to count primary energy instead.
  bool primary = false;
};

struct MetrologyConfig {
  double sample_rate_hz = 6400.0;        // >= 10 samples per nominal cycle
  double nominal_frequency_hz = 50.0;    // 50 (10-cycle windows) or 60 (12-cycle windows)
  double nominal_voltage_v = 230.0;      // secondary, phase to neutral
  double reference_current_a = 5.0;      // Iref, secondary
  // The meter registers from this current up (EN 50470-1 Ist; class C: 0.02 Itr = 0.001 Iref).
  double starting_current_a = 0.005;
  // Below this current a phase registers no energy (no-load / creep suppression). Must lie below
  // starting_current_a; default 0 means 0.7 * starting_current_a.
  double creep_current_a = 0.0;
  Wiring wiring = Wiring::kFourWire;
  ApparentTotal apparent_total = ApparentTotal::kArithmetic;
  double vt_ratio = 1.0;  // primary / secondary, >= 1 in practice, > 0 required
  double ct_ratio = 1.0;
  std::array<ChannelCalibration, kChannelCount> calibration{};
  std::array<PulseOutputConfig, kMaxPulseOutputs> pulse_outputs{};
  // Half-width (taps each side) of the band-limited interpolator that synchronises the harmonic
  // analysis window to the fundamental. 24 keeps magnitudes within 3e-5 up to 0.433 fs.
  unsigned resampler_half_width = 24;
  // Meter time of the first sample pushed, s: a meter restarted from its store goes on from the
  // time it had (plus the outage), so that its measurements continue the same time axis.
  double start_time_s = 0.0;

  // Number of fundamental cycles in one measurement window (IEC 61000-4-30: 10 at 50 Hz, 12 at 60).
  unsigned window_cycles() const { return nominal_frequency_hz > 55.0 ? 12u : 10u; }
  double effective_creep_current_a() const {
    return creep_current_a > 0.0 ? creep_current_a : 0.7 * starting_current_a;
  }
};

// Checks every field against its documented range; the Status names the first offending field.
Status validate_config(const MetrologyConfig& config);

}  // namespace quadra::metrology
