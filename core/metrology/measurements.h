// What the metrology hands downstream, once per period. Plain values, PRIMARY units (CT/VT ratios
// applied) unless a name says otherwise; times in seconds of meter time since the first sample.
// Angles in degrees. Percentages are of the fundamental.
#pragma once

#include <array>
#include <cstdint>

#include "core/metrology/four_quadrant_energy.h"
#include "core/metrology/harmonic_analyzer.h"

namespace quadra::metrology {

// Every half cycle (IEC 61000-4-30 Urms(1/2)): rms over the one cycle that ends at this half-cycle
// boundary. The input to sag, swell and interruption detection.
struct HalfCycleValues {
  double end_s = 0.0;
  std::array<double, 3> u_rms_v{};  // U1..U3
  std::array<double, 3> i_rms_a{};  // I1..I3
  bool locked = false;              // boundary found on the signal (not synthesised)
};

// Every fundamental cycle.
struct CycleValues {
  double start_s = 0.0;
  double duration_s = 0.0;
  double frequency_hz = 0.0;  // 1 / duration
  bool locked = false;
};

// IEC 61000-4-30 frequency: whole cycles inside a 10 s clock interval over their total duration.
struct TenSecondFrequency {
  double start_s = 0.0;  // interval [start_s, start_s + 10)
  double frequency_hz = 0.0;
  std::uint32_t cycles = 0;  // locked cycles counted; 0 means no frequency (no voltage)
};

struct ChannelHarmonics {
  double thd_pct = 0.0;                                       // THDS, orders 2..40
  std::array<double, kMaxHarmonicOrder + 1> harmonic_pct{};   // [h], h = 2..50, subgroups
  unsigned max_order = 0;                                     // orders above are not measured
};

struct PhaseValues {
  double u_rms_v = 0.0;       // true rms, all harmonics
  double i_rms_a = 0.0;
  double u_fundamental_v = 0.0;
  double i_fundamental_a = 0.0;
  double u_angle_deg = 0.0;   // fundamental, relative to U1's fundamental, (-180, 180]
  double i_angle_deg = 0.0;
  double ui_angle_deg = 0.0;  // angle(U) - angle(I): + inductive load, (-180, 180]
  double p_w = 0.0;           // active power (mean of u*i)
  double q_var = 0.0;         // fundamental reactive power, IEEE 1459: U1 I1 sin(phi1)
  double s_va = 0.0;          // apparent power U*I (rms values)
  double pf = 0.0;            // P / S, signed with P; 0 when S = 0
  bool no_load = false;       // current below the creep threshold: registers nothing
  ChannelHarmonics u_harmonics;
  ChannelHarmonics i_harmonics;
};

// One 10-cycle (50 Hz) or 12-cycle (60 Hz) window, gapless and synchronised to the fundamental.
struct WindowValues {
  double start_s = 0.0;
  double duration_s = 0.0;
  double frequency_hz = 0.0;   // cycles / duration
  bool locked = false;         // all cycles found on the signal
  std::array<PhaseValues, 3> phase{};
  std::array<double, 3> u_line_v{};  // U12, U23, U31 rms
  double u12_angle_deg = 0.0;        // angle(U1) - angle(U2) in [0, 360): 120 in positive sequence
  double u13_angle_deg = 0.0;        // angle(U1) - angle(U3): 240 in positive sequence
  double p_w = 0.0;                  // totals: sums of the phases (after creep suppression)
  double q_var = 0.0;
  double s_arithmetic_va = 0.0;
  double s_vector_va = 0.0;
  double s_va = 0.0;                 // the configured one of the two
  double pf = 0.0;                   // P / S (configured S)
  int quadrant = 1;                  // of the total
  double in_measured_a = 0.0;        // rms of the IN input
  double in_calculated_a = 0.0;      // rms of i1 + i2 + i3 (vector sum, all harmonics)
  ChannelHarmonics in_harmonics;
  double u2_pct = 0.0;  // negative-sequence voltage unbalance U2/U1
  double u0_pct = 0.0;  // zero-sequence voltage unbalance U0/U1 (0 on 3-wire)
  double i2_pct = 0.0;
  double i0_pct = 0.0;
  // Energy the window added (Wh, varh, VAh; signed: + import), total and per phase.
  double energy_p_wh = 0.0;
  double energy_q_varh = 0.0;
  // Exactly what the window added to the four-quadrant registers of L1, L2, L3 and the total
  // (indexed by Element), primary units: the input of the meter's tariff registers.
  std::array<EnergyIncrement, kElementCount> energy{};
};

struct PulseEvent {
  std::uint8_t output = 0;  // index of the pulse output (0..5)
  double time_s = 0.0;      // when the pulse's energy quantum was completed
};

// Receives the measurements. Calls arrive in time order within a kind; a window is reported a
// few tens of milliseconds after it ends (filter and interpolation latency).
class MeasurementSink {
 public:
  virtual void on_half_cycle(const HalfCycleValues&) {}
  virtual void on_cycle(const CycleValues&) {}
  virtual void on_window(const WindowValues&) {}
  virtual void on_frequency_10s(const TenSecondFrequency&) {}
  virtual void on_pulse(const PulseEvent&) {}

 protected:
  ~MeasurementSink() = default;
};

}  // namespace quadra::metrology
