#include "core/quality/voltage_monitor.h"

#include <algorithm>

#include "core/quality/event_builder.h"
#include "core/quality/step_time.h"

namespace quadra::quality {
namespace {

std::array<Episode, 4> four(double min_duration_s, Extreme kind) {
  return {Episode(min_duration_s, kind), Episode(min_duration_s, kind), Episode(min_duration_s, kind),
          Episode(min_duration_s, kind)};
}

}  // namespace

VoltageMonitor::VoltageMonitor(const QualityConfig& config, EventSink& sink)
    : config_(config),
      sink_(sink),
      udin_(config.declared_voltage_v),
      nominal_period_s_(1.0 / config.nominal_frequency_hz),
      dip_(four(config.dip_min_duration_s, Extreme::kMin)),
      swell_(four(config.swell_min_duration_s, Extreme::kMax)),
      missing_(four(config.interruption_min_duration_s, Extreme::kMin)),
      interruption_(config.interruption_min_duration_s, Extreme::kMin),
      outage_(config.power_down_min_duration_s, Extreme::kMin) {
  retune(config);
}

void VoltageMonitor::retune(const QualityConfig& c) {
  const double udin = udin_;
  config_ = c;
  config_.declared_voltage_v = udin;
  config_.nominal_frequency_hz = 1.0 / nominal_period_s_;
  dip_start_ = udin * c.dip_threshold_pct / 100.0;
  dip_end_ = udin * (c.dip_threshold_pct + c.voltage_hysteresis_pct) / 100.0;
  swell_start_ = udin * c.swell_threshold_pct / 100.0;
  swell_end_ = udin * (c.swell_threshold_pct - c.voltage_hysteresis_pct) / 100.0;
  int_start_ = udin * c.interruption_threshold_pct / 100.0;
  int_end_ = udin * (c.interruption_threshold_pct + c.voltage_hysteresis_pct) / 100.0;
  down_start_ = udin * c.power_down_threshold_pct / 100.0;
  down_end_ = udin * (c.power_down_threshold_pct + c.voltage_hysteresis_pct) / 100.0;
  for (std::size_t k = 0; k < 4; ++k) {
    dip_[k].set_min_duration(c.dip_min_duration_s);
    swell_[k].set_min_duration(c.swell_min_duration_s);
    missing_[k].set_min_duration(c.interruption_min_duration_s);
  }
  interruption_.set_min_duration(c.interruption_min_duration_s);
  outage_.set_min_duration(c.power_down_min_duration_s);
}

void VoltageMonitor::on_half_cycle(const metrology::HalfCycleValues& h) {
  const auto& u = h.u_rms_v;
  for (std::size_t k = 0; k + 1 < history_.size(); ++k) history_[k] = history_[k + 1];
  history_[3] = Point{h.end_s, {u[0], u[1], u[2], std::min({u[0], u[1], u[2]}), std::max({u[0], u[1], u[2]})}};
  if (seen_ < history_.size()) ++seen_;
  if (seen_ < history_.size()) return;

  // The Urms(1/2) window is one cycle long: twice the spacing of half-cycle boundaries (the
  // metrology synthesises them at the nominal period when the voltage is gone); the nominal period
  // stands in for an implausible spacing.
  const Point& p = history_[2];
  double period = 2.0 * (p.end_s - history_[1].end_s);
  if (!(period > 0.5 * nominal_period_s_ && period < 2.0 * nominal_period_s_)) period = nominal_period_s_;

  std::array<double, kSeries> t0{}, t1{};
  for (std::size_t s = 0; s < kSeries; ++s) stamps(s, period, t0[s], t1[s]);
  for (std::size_t k = 1; k <= 3; ++k) {
    dip(k, p.u[k - 1], t0[k - 1], t1[k - 1]);
    swell(k, p.u[k - 1], t0[k - 1], t1[k - 1]);
    missing(k, p.u[k - 1], t0[k - 1], t1[k - 1]);
  }
  dip(0, p.u[3], t0[3], t1[3]);
  swell(0, p.u[4], t0[4], t1[4]);
  interruption(p.u[4], t0[4], t1[4]);
  outage(p.u[4], t0[4], t1[4]);
}

void VoltageMonitor::stamps(std::size_t s, double period, double& t0, double& t1) const {
  const double e = history_[2].end_s;
  if (config_.iec_time_stamps) {
    t0 = e - period;
    t1 = e;
    return;
  }
  const auto sq = [&](std::size_t k) { return history_[k].u[s] * history_[k].u[s]; };
  t0 = t1 = step_time(sq(0), sq(1), sq(2), sq(3), e, period);
}

void VoltageMonitor::dip(std::size_t k, double u, double t0, double t1) {
  Episode& e = dip_[k];
  const auto phase = static_cast<std::uint8_t>(k);
  switch (e.update(u < dip_start_, u >= dip_end_, u, t0, t1)) {
    case Episode::Step::kStarted:
      ++counters_[k].sags;
      sink_.on_event(start_event(EventType::kSagStart, phase, e, udin_));
      break;
    case Episode::Step::kEnded:
      counters_[k].sag_s += e.duration_s();
      sink_.on_event(end_event(EventType::kSagEnd, phase, e, udin_));
      break;
    default:
      break;
  }
}

void VoltageMonitor::swell(std::size_t k, double u, double t0, double t1) {
  Episode& e = swell_[k];
  const auto phase = static_cast<std::uint8_t>(k);
  switch (e.update(u > swell_start_, u <= swell_end_, u, t0, t1)) {
    case Episode::Step::kStarted:
      ++counters_[k].swells;
      sink_.on_event(start_event(EventType::kSwellStart, phase, e, udin_));
      break;
    case Episode::Step::kEnded:
      counters_[k].swell_s += e.duration_s();
      sink_.on_event(end_event(EventType::kSwellEnd, phase, e, udin_));
      break;
    default:
      break;
  }
}

void VoltageMonitor::missing(std::size_t k, double u, double t0, double t1) {
  Episode& e = missing_[k];
  const auto phase = static_cast<std::uint8_t>(k);
  switch (e.update(u < int_start_, u >= int_end_, u, t0, t1)) {
    case Episode::Step::kStarted:
      ++counters_[k].interruptions;
      sink_.on_event(start_event(EventType::kMissingVoltageStart, phase, e, udin_));
      break;
    case Episode::Step::kEnded:
      counters_[k].interruption_s += e.duration_s();
      sink_.on_event(end_event(EventType::kMissingVoltageEnd, phase, e, udin_));
      break;
    default:
      break;
  }
}

void VoltageMonitor::interruption(double highest, double t0, double t1) {
  Episode& e = interruption_;
  switch (e.update(highest < int_start_, highest >= int_end_, highest, t0, t1)) {
    case Episode::Step::kStarted:
      ++counters_[0].interruptions;
      sink_.on_event(start_event(EventType::kInterruptionStart, 0, e, udin_));
      break;
    case Episode::Step::kEnded: {
      const bool is_long = e.duration_s() > config_.long_interruption_s;
      counters_[0].interruption_s += e.duration_s();
      if (is_long) ++counters_[0].long_interruptions;
      sink_.on_event(end_event(is_long ? EventType::kLongInterruptionEnd : EventType::kShortInterruptionEnd, 0,
                               e, udin_));
      break;
    }
    default:
      break;
  }
}

void VoltageMonitor::outage(double highest, double t0, double t1) {
  Episode& e = outage_;
  switch (e.update(highest < down_start_, highest >= down_end_, highest, t0, t1)) {
    case Episode::Step::kStarted:
      ++outages_.outages;
      sink_.on_event(start_event(EventType::kPowerDown, 0, e, udin_));
      break;
    case Episode::Step::kEnded: {
      outages_.total_s += e.duration_s();
      sink_.on_event(end_event(EventType::kPowerUp, 0, e, udin_));
      if (e.duration_s() > config_.long_outage_s) {
        ++outages_.long_outages;
        sink_.on_event(end_event(EventType::kLongPowerOutage, 0, e, udin_));
      }
      break;
    }
    default:
      break;
  }
}

}  // namespace quadra::quality
