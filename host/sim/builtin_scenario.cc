#include "host/sim/builtin_scenario.h"

#include "host/sim/scenario_toml.h"

namespace quadra::host::sim {
namespace {

// Secondary values of a CT-connected 3x230/400 V, 5 A (Iref) meter behind 400/5 A CTs.
// The day: night base load, a morning ramp from 05:00, two shifts, a lunch dip when the on-site
// PV exports (quadrants II and III around 12:00-13:00), a capacitor bank that over-compensates
// at light load (quadrant IV before lunch and at night), an evening tail.
constexpr std::string_view kToml = R"toml(
name = "industrial-day"
description = "Industrial site with drives and on-site PV, 3x230/400 V, CT 400/5 A"

[grid]
sample_rate_hz = 6400.0
nominal_frequency_hz = 50.0
nominal_voltage_v = 230.0
vt_ratio = 1.0
ct_ratio = 80.0
start_time = 00:00:00
# no duration_s: endless; the load profile repeats every day, the events happen on day one

[frequency]
base_hz = 50.0
# Slow wandering within +-50 mHz: dips with the morning pick-up and the evening peak, a high
# around midday.
ramps = [
  { start_s = 0.0,     duration_s = 900.0,  to_hz = 49.985 },
  { start_s = 2400.0,  duration_s = 1200.0, to_hz = 50.012 },
  { start_s = 5400.0,  duration_s = 900.0,  to_hz = 49.996 },
  { start_s = 8400.0,  duration_s = 1500.0, to_hz = 50.021 },
  { start_s = 12000.0, duration_s = 1200.0, to_hz = 49.990 },
  { start_s = 16200.0, duration_s = 1800.0, to_hz = 49.972 },
  { start_s = 21600.0, duration_s = 1200.0, to_hz = 49.958 },
  { start_s = 25200.0, duration_s = 1500.0, to_hz = 49.981 },
  { start_s = 30000.0, duration_s = 1800.0, to_hz = 50.008 },
  { start_s = 36000.0, duration_s = 2400.0, to_hz = 50.031 },
  { start_s = 43200.0, duration_s = 1800.0, to_hz = 50.046 },
  { start_s = 48600.0, duration_s = 2400.0, to_hz = 50.017 },
  { start_s = 54000.0, duration_s = 1800.0, to_hz = 49.993 },
  { start_s = 59400.0, duration_s = 1800.0, to_hz = 50.004 },
  { start_s = 64800.0, duration_s = 1200.0, to_hz = 49.967 },
  { start_s = 68400.0, duration_s = 1500.0, to_hz = 49.952 },
  { start_s = 72000.0, duration_s = 1800.0, to_hz = 49.989 },
  { start_s = 77400.0, duration_s = 2400.0, to_hz = 50.015 },
  { start_s = 82800.0, duration_s = 1800.0, to_hz = 50.000 },
]

# A slightly unbalanced supply (u2 about 0.4 %) with a little distortion (THD about 2.6 %).
[voltage.L1]
rms_v = 231.2
angle_deg = 0.0
harmonics = [
  { order = 3,  percent = 0.5, phase_deg = 10.0 },
  { order = 5,  percent = 2.1, phase_deg = 175.0 },
  { order = 7,  percent = 1.3, phase_deg = 20.0 },
  { order = 11, percent = 0.6, phase_deg = 190.0 },
  { order = 13, percent = 0.4, phase_deg = 30.0 },
]

[voltage.L2]
rms_v = 229.1
angle_deg = -120.4
harmonics = [
  { order = 3,  percent = 0.4, phase_deg = 15.0 },
  { order = 5,  percent = 2.3, phase_deg = 172.0 },
  { order = 7,  percent = 1.2, phase_deg = 25.0 },
  { order = 11, percent = 0.7, phase_deg = 185.0 },
  { order = 13, percent = 0.4, phase_deg = 35.0 },
]

[voltage.L3]
rms_v = 230.3
angle_deg = 119.7
harmonics = [
  { order = 3,  percent = 0.6, phase_deg = 5.0 },
  { order = 5,  percent = 1.9, phase_deg = 178.0 },
  { order = 7,  percent = 1.4, phase_deg = 18.0 },
  { order = 11, percent = 0.5, phase_deg = 195.0 },
  { order = 13, percent = 0.3, phase_deg = 28.0 },
]

# Six-pulse drives (5th, 7th, 11th, 13th) and some single-phase loads (3rd).
[current.L1]
harmonics = [
  { order = 3,  percent = 4.0,  phase_deg = 0.0 },
  { order = 5,  percent = 16.0, phase_deg = 180.0 },
  { order = 7,  percent = 8.0,  phase_deg = 0.0 },
  { order = 11, percent = 4.5,  phase_deg = 180.0 },
  { order = 13, percent = 3.0,  phase_deg = 0.0 },
]
load_profile = [
  { hour = 0.0,   p_w = 160.0,  q_var = 60.0 },
  { hour = 5.0,   p_w = 150.0,  q_var = 50.0 },
  { hour = 6.0,   p_w = 300.0,  q_var = 180.0 },
  { hour = 7.0,   p_w = 850.0,  q_var = 420.0 },
  { hour = 8.0,   p_w = 950.0,  q_var = 380.0 },
  { hour = 10.0,  p_w = 700.0,  q_var = 150.0 },
  { hour = 11.0,  p_w = 380.0,  q_var = 40.0 },
  { hour = 11.75, p_w = 120.0,  q_var = -60.0 },
  { hour = 12.25, p_w = -260.0, q_var = -120.0 },
  { hour = 13.0,  p_w = -180.0, q_var = 90.0 },
  { hour = 13.5,  p_w = 250.0,  q_var = 200.0 },
  { hour = 14.0,  p_w = 600.0,  q_var = 320.0 },
  { hour = 16.0,  p_w = 800.0,  q_var = 350.0 },
  { hour = 18.0,  p_w = 700.0,  q_var = 300.0 },
  { hour = 20.0,  p_w = 420.0,  q_var = 160.0 },
  { hour = 22.0,  p_w = 200.0,  q_var = 40.0 },
  { hour = 23.0,  p_w = 160.0,  q_var = -30.0 },
]

[current.L2]
harmonics = [
  { order = 3,  percent = 3.5,  phase_deg = 0.0 },
  { order = 5,  percent = 17.0, phase_deg = 182.0 },
  { order = 7,  percent = 8.5,  phase_deg = 2.0 },
  { order = 11, percent = 4.8,  phase_deg = 178.0 },
  { order = 13, percent = 3.2,  phase_deg = 0.0 },
]
load_profile = [
  { hour = 0.0,   p_w = 150.0,  q_var = 55.0 },
  { hour = 5.0,   p_w = 140.0,  q_var = 45.0 },
  { hour = 6.0,   p_w = 280.0,  q_var = 170.0 },
  { hour = 7.0,   p_w = 800.0,  q_var = 400.0 },
  { hour = 8.0,   p_w = 900.0,  q_var = 360.0 },
  { hour = 10.0,  p_w = 650.0,  q_var = 130.0 },
  { hour = 11.0,  p_w = 350.0,  q_var = 20.0 },
  { hour = 11.75, p_w = 100.0,  q_var = -70.0 },
  { hour = 12.25, p_w = -240.0, q_var = -110.0 },
  { hour = 13.0,  p_w = -160.0, q_var = 80.0 },
  { hour = 13.5,  p_w = 230.0,  q_var = 190.0 },
  { hour = 14.0,  p_w = 560.0,  q_var = 300.0 },
  { hour = 16.0,  p_w = 760.0,  q_var = 330.0 },
  { hour = 18.0,  p_w = 660.0,  q_var = 280.0 },
  { hour = 20.0,  p_w = 400.0,  q_var = 150.0 },
  { hour = 22.0,  p_w = 190.0,  q_var = 35.0 },
  { hour = 23.0,  p_w = 150.0,  q_var = -35.0 },
]

[current.L3]
harmonics = [
  { order = 3,  percent = 4.5,  phase_deg = 0.0 },
  { order = 5,  percent = 15.0, phase_deg = 178.0 },
  { order = 7,  percent = 7.5,  phase_deg = 358.0 },
  { order = 11, percent = 4.2,  phase_deg = 182.0 },
  { order = 13, percent = 2.8,  phase_deg = 0.0 },
]
load_profile = [
  { hour = 0.0,   p_w = 170.0,  q_var = 65.0 },
  { hour = 5.0,   p_w = 160.0,  q_var = 55.0 },
  { hour = 6.0,   p_w = 320.0,  q_var = 190.0 },
  { hour = 7.0,   p_w = 900.0,  q_var = 440.0 },
  { hour = 8.0,   p_w = 1000.0, q_var = 400.0 },
  { hour = 10.0,  p_w = 740.0,  q_var = 160.0 },
  { hour = 11.0,  p_w = 400.0,  q_var = 50.0 },
  { hour = 11.75, p_w = 140.0,  q_var = -55.0 },
  { hour = 12.25, p_w = -280.0, q_var = -130.0 },
  { hour = 13.0,  p_w = -200.0, q_var = 95.0 },
  { hour = 13.5,  p_w = 270.0,  q_var = 210.0 },
  { hour = 14.0,  p_w = 640.0,  q_var = 340.0 },
  { hour = 16.0,  p_w = 850.0,  q_var = 370.0 },
  { hour = 18.0,  p_w = 740.0,  q_var = 320.0 },
  { hour = 20.0,  p_w = 450.0,  q_var = 170.0 },
  { hour = 22.0,  p_w = 210.0,  q_var = 45.0 },
  { hour = 23.0,  p_w = 170.0,  q_var = -25.0 },
]

[neutral]
mode = "sum"

# Sags at realistic moments (a fault on the MV feeder at night, a large motor start, an evening
# fault on one phase), a swell on L3 when a nearby load drops out, one short interruption.
[[events]]
kind = "sag"
start_s = 11525.3          # 03:12:05.3
duration_s = 0.08
residual_percent = 72.0
phases = ["L1"]

[[events]]
kind = "sag"
start_s = 31277.12         # 08:41:17.12
duration_s = 0.14
residual_percent = 55.0

[[events]]
kind = "swell"
start_s = 43653.0          # 12:07:33
duration_s = 0.2
residual_percent = 112.0
phases = ["L3"]

[[events]]
kind = "interruption"
start_s = 55200.0          # 15:20:00, recloser
duration_s = 1.8
residual_percent = 0.0

[[events]]
kind = "sag"
start_s = 68743.5          # 19:05:43.5
duration_s = 0.5
residual_percent = 83.0
phases = ["L2"]

[adc]
bits = 20
voltage_full_scale_v = 480.0
current_full_scale_a = 12.0
voltage_noise_rms_v = 0.02
current_noise_rms_a = 0.0005
seed = 20250601
)toml";

}  // namespace

std::string_view builtin_scenario_toml() { return kToml; }

Scenario builtin_scenario() { return parse_scenario(builtin_scenario_toml(), kBuiltinScenarioSource); }

}  // namespace quadra::host::sim
