#include "core/quality/quality_monitor.h"

#include "core/quality/event_builder.h"
#include "core/quality/event_codes.h"

namespace quadra::quality {

QualityMonitor::QualityMonitor(const QualityConfig& config, EventSink& sink)
    : config_(config), sink_(sink), voltage_(config, sink), window_(config, sink), demand_(0.0, Extreme::kMax) {}

void QualityMonitor::offer_demand(double value, double time_s) {
  const double limit = config_.demand_limit;
  if (limit <= 0.0) return;
  const double keep = 1.0 - config_.limit_hysteresis_pct / 100.0;
  switch (demand_.update(value > limit, value < limit * keep, value, time_s, time_s)) {
    case Episode::Step::kStarted:
      sink_.on_event(start_event(EventType::kDemandOverLimit, 0, demand_, limit));
      break;
    case Episode::Step::kEnded:
      sink_.on_event(end_event(EventType::kDemandNormal, 0, demand_, limit));
      break;
    default:
      break;
  }
}

void QualityMonitor::set_input(Input in, bool active, double time_s) {
  bool& state = inputs_[static_cast<std::size_t>(in)];
  if (state == active) return;
  state = active;
  static constexpr EventType kOn[kInputCount] = {EventType::kTerminalCoverOpened, EventType::kMeterCaseOpened,
                                                 EventType::kMagneticFieldDetected};
  static constexpr EventType kOff[kInputCount] = {EventType::kTerminalCoverClosed, EventType::kMeterCaseClosed,
                                                  EventType::kMagneticFieldGone};
  QualityEvent ev;
  ev.type = active ? kOn[static_cast<std::size_t>(in)] : kOff[static_cast<std::size_t>(in)];
  ev.code = event_code(ev.type, 0);
  ev.start_s = time_s;
  ev.end_s = time_s;
  ev.end = !active;
  sink_.on_event(ev);
}

}  // namespace quadra::quality
