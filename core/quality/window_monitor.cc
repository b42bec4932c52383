#include "core/quality/window_monitor.h"

#include <algorithm>

#include "core/quality/event_builder.h"

namespace quadra::quality {
namespace {

std::array<Episode, 3> three(double min_duration_s, Extreme kind) {
  return {Episode(min_duration_s, kind), Episode(min_duration_s, kind), Episode(min_duration_s, kind)};
}

}  // namespace

WindowMonitor::WindowMonitor(const QualityConfig& config, EventSink& sink)
    : config_(config),
      sink_(sink),
      keep_(1.0 - config.limit_hysteresis_pct / 100.0),
      u_present_v_(config.declared_voltage_v * (config.interruption_threshold_pct + config.voltage_hysteresis_pct) /
                   100.0),
      cwv_u_start_v_(config.declared_voltage_v * config.cwv_voltage_pct / 100.0),
      cwv_u_end_v_(config.declared_voltage_v * (config.cwv_voltage_pct + config.voltage_hysteresis_pct) / 100.0),
      u2_(config.asymmetry_min_duration_s, Extreme::kMax),
      i2_(config.asymmetry_min_duration_s, Extreme::kMax),
      sequence_(config.phase_sequence_min_duration_s, Extreme::kMax),
      no_current_(config.no_current_min_duration_s, Extreme::kMax),
      pmax_(config.pmax_min_duration_s, Extreme::kMax),
      f_low_(config.frequency_min_duration_s, Extreme::kMin),
      f_high_(config.frequency_min_duration_s, Extreme::kMax),
      cwv_(three(config.cwv_min_duration_s, Extreme::kMax)),
      imax_(three(config.imax_min_duration_s, Extreme::kMax)) {}

void WindowMonitor::retune(const QualityConfig& c) {
  config_.imax_a = c.imax_a;
  config_.imax_min_duration_s = c.imax_min_duration_s;
  config_.pmax_w = c.pmax_w;
  config_.pmax_min_duration_s = c.pmax_min_duration_s;
  for (Episode& e : imax_) e.set_min_duration(c.imax_min_duration_s);
  pmax_.set_min_duration(c.pmax_min_duration_s);
}

void WindowMonitor::run(Episode& e, bool beyond, bool back, double value, double t, EventType start,
                        EventType end, std::uint8_t phase, double reference) {
  switch (e.update(beyond, back, value, t, t)) {
    case Episode::Step::kStarted:
      sink_.on_event(start_event(start, phase, e, reference));
      break;
    case Episode::Step::kEnded:
      sink_.on_event(end_event(end, phase, e, reference));
      break;
    default:
      break;
  }
}

void WindowMonitor::on_window(const metrology::WindowValues& w) {
  const double t = w.start_s;
  const QualityConfig& c = config_;
  double i_max = 0.0;
  double u_min = w.phase[0].u_rms_v;
  for (const metrology::PhaseValues& p : w.phase) {
    i_max = std::max(i_max, p.i_rms_a);
    u_min = std::min(u_min, p.u_rms_v);
  }

  run(u2_, w.u2_pct > c.u2_limit_pct, w.u2_pct < c.u2_limit_pct * keep_, w.u2_pct, t,
      EventType::kVoltageAsymmetryStart, EventType::kVoltageAsymmetryEnd, 0, c.u2_limit_pct);
  // i2 of currents near zero is noise: judged only while a current flows, ended when none does.
  const bool flowing = i_max >= c.cwv_current_a;
  run(i2_, flowing && w.i2_pct > c.i2_limit_pct, !flowing || w.i2_pct < c.i2_limit_pct * keep_, w.i2_pct, t,
      EventType::kCurrentAsymmetryStart, EventType::kCurrentAsymmetryEnd, 0, c.i2_limit_pct);

  const bool present = u_min >= u_present_v_;
  run(sequence_, present && w.u12_angle_deg > 180.0 && w.u12_angle_deg < 360.0,
      present && w.u12_angle_deg > 0.0 && w.u12_angle_deg < 180.0, w.u12_angle_deg, t,
      EventType::kPhaseSequenceReversal, EventType::kPhaseSequenceNormal, 0, 0.0);

  run(no_current_, i_max < c.no_current_a, i_max >= c.no_current_a / keep_, i_max, t, EventType::kNoCurrentStart,
      EventType::kNoCurrentEnd, 0, c.declared_current_a);

  for (std::size_t k = 0; k < 3; ++k) {
    const metrology::PhaseValues& p = w.phase[k];
    const auto phase = static_cast<std::uint8_t>(k + 1);
    run(cwv_[k], p.i_rms_a > c.cwv_current_a && p.u_rms_v < cwv_u_start_v_,
        p.i_rms_a < c.cwv_current_a * keep_ || p.u_rms_v >= cwv_u_end_v_, p.i_rms_a, t,
        EventType::kCurrentWithoutVoltageStart, EventType::kCurrentWithoutVoltageEnd, phase, c.declared_current_a);
    if (c.imax_a > 0.0) {
      run(imax_[k], p.i_rms_a > c.imax_a, p.i_rms_a < c.imax_a * keep_, p.i_rms_a, t, EventType::kImaxExceeded,
          EventType::kImaxNormal, phase, c.imax_a);
    } else if (imax_[k].active() || imax_[k].pending()) {
      // The check was switched off (retune) during an episode: it ends here.
      run(imax_[k], false, true, p.i_rms_a, t, EventType::kImaxExceeded, EventType::kImaxNormal, phase, c.imax_a);
    }
  }
  if (c.pmax_w > 0.0) {
    run(pmax_, w.p_w > c.pmax_w, w.p_w < c.pmax_w * keep_, w.p_w, t, EventType::kPmaxExceeded,
        EventType::kPmaxNormal, 0, c.pmax_w);
  } else if (pmax_.active() || pmax_.pending()) {
    run(pmax_, false, true, w.p_w, t, EventType::kPmaxExceeded, EventType::kPmaxNormal, 0, c.pmax_w);
  }
  if (c.frequency_source == FrequencySource::kWindow && w.locked) frequency(w.frequency_hz, t);
}

void WindowMonitor::on_frequency_10s(const metrology::TenSecondFrequency& f) {
  // cycles == 0: no voltage, no frequency; the state stays as it is.
  if (config_.frequency_source == FrequencySource::kTenSecond && f.cycles > 0) frequency(f.frequency_hz, f.start_s);
}

void WindowMonitor::frequency(double f_hz, double t) {
  const QualityConfig& c = config_;
  const double h = c.frequency_hysteresis_hz;
  run(f_low_, f_hz < c.frequency_low_hz, f_hz >= c.frequency_low_hz + h, f_hz, t, EventType::kFrequencyOutOfRange,
      EventType::kFrequencyNormal, 0, c.nominal_frequency_hz);
  run(f_high_, f_hz > c.frequency_high_hz, f_hz <= c.frequency_high_hz - h, f_hz, t,
      EventType::kFrequencyOutOfRange, EventType::kFrequencyNormal, 0, c.nominal_frequency_hz);
}

}  // namespace quadra::quality
