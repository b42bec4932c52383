#include "core/registers/demand_engine.h"

#include <cmath>

#include "core/registers/period_grid.h"

namespace quadra::registers {
namespace {

bool finite(double v) { return std::isfinite(v); }

std::array<DemandRegister, kDemandQuantityCount> make_registers(const DemandConfig& c) {
  const DemandRegister r(c.period_s, c.number_of_periods);
  return {r, r, r, r, r, r};
}

}  // namespace

Status validate_config(const DemandConfig& c) {
  if (!finite(c.period_s) || c.period_s < 1.0 || c.period_s > 86400.0 ||
      c.period_s != std::floor(c.period_s) || std::fmod(86400.0, c.period_s) != 0.0)
    return Status::invalid("demand.period_s",
                           "must be a whole number of seconds that divides 86400 (60, 300, 900, 3600, ...)");
  if (c.number_of_periods < 1 || c.number_of_periods > DemandRegister::kMaxPeriods)
    return Status::invalid("demand.number_of_periods", "must lie between 1 and 60");
  if (index(c.excess_quantity) >= kDemandQuantityCount)
    return Status::invalid("demand.excess_quantity", "names an unknown demand quantity");
  for (double p : c.contracted_power) {
    if (!finite(p) || p < 0.0)
      return Status::invalid("demand.contracted_power", "must be 0 (none) or a positive finite power");
  }
  return Status::ok();
}

DemandEngine::DemandEngine(const DemandConfig& config, DemandObserver* observer)
    : config_(config),
      observer_(observer),
      registers_(make_registers(config)),
      excess_(config.contracted_power) {}

Status DemandEngine::add(double utc_start_s, double duration_s, const DemandIncrement& energy,
                         int tariff) {
  if (!finite(utc_start_s)) return Status::invalid("demand.add.utc_start_s", "must be finite");
  if (!finite(duration_s) || duration_s < 0.0)
    return Status::invalid("demand.add.duration_s", "must be finite and >= 0");
  for (double a : energy.amount) {
    if (!finite(a) || a < 0.0)
      return Status::invalid("demand.add.energy", "every amount must be finite and >= 0");
  }
  if (!valid_tariff(tariff)) return Status::invalid("demand.add.tariff", "must lie between 0 and 6");

  if (!started_) {
    begin(utc_start_s, 0);
  } else if (utc_start_s < now_ - kContiguityS) {
    change_clock(utc_start_s);  // the clock was set back
  } else if (utc_start_s > now_ + kContiguityS) {
    advance(utc_start_s, tariff);  // a gap: time passed with no energy
  }
  last_tariff_ = tariff;

  const double end = utc_start_s + duration_s;
  DemandIncrement rest = energy;
  if (end > now_) {
    double s = now_;
    // Every boundary strictly inside (s, end) takes the share of the remaining energy that its
    // stretch of the remaining time carries, then closes its sub-period.
    while (sub_end_ < end) {
      const double frac = (sub_end_ - s) / (end - s);
      for (std::size_t k = 0; k < kDemandQuantityCount; ++k) {
        const double piece = rest.amount[k] * frac;
        registers_[k].add(piece);
        rest.amount[k] -= piece;
      }
      s = sub_end_;
      close_current(sub_end_, tariff, 0);
    }
    now_ = end;
  }
  // What is left falls in the sub-period running (all of it, for an interval of no length).
  for (std::size_t k = 0; k < kDemandQuantityCount; ++k) registers_[k].add(rest.amount[k]);
  if (sub_end_ <= now_) close_current(sub_end_, tariff, 0);  // the interval ended on a boundary
  return Status::ok();
}

Status DemandEngine::advance_to(double utc_s, int tariff) {
  if (!finite(utc_s)) return Status::invalid("demand.advance_to.utc_s", "must be finite");
  if (!valid_tariff(tariff))
    return Status::invalid("demand.advance_to.tariff", "must lie between 0 and 6");
  if (!started_) {
    begin(utc_s, 0);
  } else if (utc_s < now_ - kContiguityS) {
    change_clock(utc_s);
  } else if (utc_s > now_) {
    advance(utc_s, tariff);
  }
  last_tariff_ = tariff;
  return Status::ok();
}

Status DemandEngine::set_clock(double utc_old_s, double utc_new_s, int tariff) {
  if (!finite(utc_old_s) || !finite(utc_new_s))
    return Status::invalid("demand.set_clock", "both times must be finite");
  if (!valid_tariff(tariff)) return Status::invalid("demand.set_clock.tariff", "must lie between 0 and 6");
  if (!started_) {
    begin(utc_new_s, kClockChanged);
    ++clock_changes_;
    last_tariff_ = tariff;
    return Status::ok();
  }
  double target = utc_new_s;
  if (utc_old_s > now_) {
    advance(utc_old_s, tariff);
  } else {
    target += now_ - utc_old_s;  // told late: the data up to now are on the old time scale
  }
  last_tariff_ = tariff;
  if (std::fabs(target - now_) <= kContiguityS) return Status::ok();  // no effective change
  change_clock(target);
  return Status::ok();
}

Status DemandEngine::billing_reset(double utc_s, int tariff, DemandBillingSnapshot& out) {
  if (!finite(utc_s)) return Status::invalid("demand.billing_reset.utc_s", "must be finite");
  if (started_ && utc_s < now_ - kContiguityS)
    return Status::error(StatusCode::kOutOfRange, "demand.billing_reset.utc_s",
                         "lies before the time already registered");
  const Status s = advance_to(utc_s, tariff);
  if (!s) return s;
  out.utc_s = utc_s;
  for (std::size_t k = 0; k < kDemandQuantityCount; ++k) out.maximum[k] = maximum_[k].billing_reset();
  out.excess = excess_.billing_reset();
  return Status::ok();
}

void DemandEngine::begin(double utc_s, std::uint8_t flags) {
  started_ = true;
  now_ = utc_s;
  sub_start_ = utc_s;
  sub_end_ = next_boundary(utc_s, config_.period_s);
  flags_ = static_cast<std::uint8_t>(flags | (on_boundary(utc_s, config_.period_s) ? 0u : kStartedLate));
  for (DemandRegister& r : registers_) r.start(utc_s);
}

void DemandEngine::advance(double utc_s, int tariff) {
  while (sub_end_ <= utc_s) {
    close_current(sub_end_, tariff, 0);
    skip_idle(utc_s);
  }
  if (utc_s > now_) now_ = utc_s;
}

void DemandEngine::skip_idle(double utc_s) {
  // Only when no energy is anywhere in the window: then every close up to utc_s would give 0.
  for (const DemandRegister& r : registers_) {
    if (!r.window_empty()) return;
  }
  const double p = config_.period_s;
  // Boundaries after sub_end_ that are <= utc_s; the last of them is left for a normal close.
  const double whole = std::floor((utc_s - sub_end_) / p);
  if (!(whole >= 1.0)) return;
  sub_end_ += whole * p;
  sub_start_ = sub_end_ - p;
  for (DemandRegister& r : registers_) r.skip_empty(sub_start_);
  skipped_periods_ += static_cast<std::uint64_t>(whole);
  flags_ = 0;
}

void DemandEngine::close_current(double end_utc_s, int tariff, std::uint8_t extra_flags) {
  ClosedPeriod rec;
  rec.start_utc_s = sub_start_;
  rec.end_utc_s = end_utc_s;
  rec.tariff = tariff;
  rec.flags = static_cast<std::uint8_t>(flags_ | extra_flags);
  for (std::size_t k = 0; k < kDemandQuantityCount; ++k) {
    rec.demand[k] = registers_[k].close(end_utc_s);
    maximum_[k].offer(rec.demand[k], tariff, end_utc_s);
  }
  rec.excess = excess_.offer(rec.demand[index(config_.excess_quantity)], tariff, sub_start_, end_utc_s);
  if (observer_ != nullptr) observer_->on_period_closed(rec);

  sub_start_ = end_utc_s;
  if (end_utc_s >= sub_end_) sub_end_ += config_.period_s;  // a grid close; early ones leave it
  flags_ = 0;
}

void DemandEngine::change_clock(double new_utc_s) {
  ++clock_changes_;
  // A sub-period that has run closes early; one that has not run yet is simply restarted.
  if (now_ > sub_start_) close_current(now_, last_tariff_, kEndedEarly | kClockChanged);
  now_ = new_utc_s;
  sub_start_ = new_utc_s;
  sub_end_ = next_boundary(new_utc_s, config_.period_s);
  flags_ = static_cast<std::uint8_t>(kClockChanged |
                                     (on_boundary(new_utc_s, config_.period_s) ? 0u : kStartedLate));
  for (DemandRegister& r : registers_) r.start(new_utc_s);
}

}  // namespace quadra::registers
