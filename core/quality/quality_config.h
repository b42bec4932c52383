// Configuration of the power-quality monitor. Values are PRIMARY (what the metrology hands
// downstream): volts phase to neutral, amperes, watts. Validated once at start-up (validate_config);
// the monitor assumes a valid configuration.
//
// Every condition has a start level, an end level (the start level moved back by a hysteresis, so a
// value hovering at the start level does not chatter) and a minimum duration: a condition that ends
// before it has lasted that long produces no event at all; one that lasts is reported with its true
// start time. A limit of 0 (imax_a, pmax_w, demand_limit) switches that check off.
#pragma once

#include "core/common/status.h"

namespace quadra::quality {

// Which frequency the out-of-range check watches.
enum class FrequencySource : unsigned char {
  kTenSecond,  // the IEC 61000-4-30 10 s frequency (class A measurement; reacts within 10..20 s)
  kWindow,     // every 10/12-cycle window's frequency (reacts within 0.2 s)
};

struct QualityConfig {
  double declared_voltage_v = 230.0;    // Udin, primary, phase to neutral; > 0
  double nominal_frequency_hz = 50.0;   // 50 or 60 (one cycle = the Urms(1/2) window)
  double declared_current_a = 5.0;      // Iref, primary; > 0; reference of current percentages

  // Dips and swells on Urms(1/2), IEC 61000-4-30 (percent of Udin).
  double dip_threshold_pct = 90.0;      // (interruption_threshold_pct, 100)
  double swell_threshold_pct = 110.0;   // (100, 200]
  double voltage_hysteresis_pct = 2.0;  // [0, 10]: dip ends at 92 %, swell at 108 %
  double dip_min_duration_s = 0.0;      // >= 0
  double swell_min_duration_s = 0.0;
  // Time stamps of Urms(1/2) events. By default, the instant of the abrupt change estimated from
  // the values around the crossing (step_time.h): within ~3 ms for any point on wave, which Quadra's
  // bar (start and end within half a cycle) asks. true: IEC 61000-4-30's stamps (check the edition
  // in force): a start at the START of the one-cycle window that crossed, an end at the END of the
  // window that came back, early by up to 0.8 cycle and late by up to 1.3 cycles for a step.
  bool iec_time_stamps = false;

  // Interruptions (polyphase: all phases below) and missing voltage (one phase below).
  double interruption_threshold_pct = 10.0;  // (0, dip_threshold_pct); IEC: 5 or 10
  double interruption_min_duration_s = 0.0;
  double long_interruption_s = 180.0;        // > 0: longer is a long interruption

  // Power down / up: all voltages below power_down_threshold_pct, on Urms(1/2).
  double power_down_threshold_pct = 10.0;    // (0, 100)
  double power_down_min_duration_s = 0.0;
  double long_outage_s = 180.0;              // > 0: a longer outage is a long power outage

  // Asymmetry on the 10/12-cycle windows: u2 = U2/U1 and i2 = I2/I1, percent.
  double u2_limit_pct = 2.0;                 // > 0
  double i2_limit_pct = 10.0;                // > 0; checked only while some current flows
  double asymmetry_min_duration_s = 60.0;
  double phase_sequence_min_duration_s = 1.0;

  // Currents, per phase unless said (amperes; window rms).
  double imax_a = 0.0;                       // >= 0; 0: no Imax check
  double imax_min_duration_s = 0.0;
  double no_current_a = 0.005;               // > 0: all phases below it is "no current flow"
  double no_current_min_duration_s = 60.0;
  double cwv_current_a = 0.05;               // current without voltage: I above this ...
  double cwv_voltage_pct = 10.0;             // ... while U below this percent of Udin, (0, 100)
  double cwv_min_duration_s = 1.0;

  // Power.
  double pmax_w = 0.0;                       // >= 0; 0: no check of the windows' total import P
  double pmax_min_duration_s = 0.0;
  double demand_limit = 0.0;                 // >= 0; 0: offer_demand() checks nothing

  // Frequency.
  FrequencySource frequency_source = FrequencySource::kTenSecond;
  double frequency_low_hz = 49.5;            // < nominal
  double frequency_high_hz = 50.5;           // > nominal
  double frequency_hysteresis_hz = 0.05;     // >= 0, less than half the band to nominal
  double frequency_min_duration_s = 0.0;

  // Hysteresis of the upper limits above (u2, i2, Imax, Pmax, demand, the no-current and
  // current-without-voltage currents), percent of each limit: [0, 50].
  double limit_hysteresis_pct = 2.0;
};

// Checks every field against its documented range; the Status names the first offending field
// ("quality.dip_threshold_pct").
Status validate_config(const QualityConfig& config);

}  // namespace quadra::quality
