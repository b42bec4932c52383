#include "core/registers/demand_register.h"

namespace quadra::registers {

DemandRegister::DemandRegister(double period_s, unsigned number_of_periods)
    : period_s_(period_s),
      n_(number_of_periods),
      scale_(3600.0 / (static_cast<double>(number_of_periods) * period_s)) {}

double DemandRegister::close(double end_utc_s) {
  last_average_ = (window_sum_ + current_) * scale_;
  capture_time_ = end_utc_s;
  start_time_current_ = end_utc_s;
  const unsigned kept = n_ - 1;  // closed sub-periods that stay in the window
  if (kept > 0) {
    window_[head_] = current_;
    head_ = (head_ + 1) % kept;
    double sum = 0.0;
    for (unsigned k = 0; k < kept; ++k) sum += window_[k];
    window_sum_ = sum;
  }
  current_ = 0.0;
  return last_average_;
}

void DemandRegister::skip_empty(double last_end_utc_s) {
  // An empty window stays empty and every skipped close would give 0: only the times move.
  last_average_ = 0.0;
  capture_time_ = last_end_utc_s;
  start_time_current_ = last_end_utc_s;
}

void DemandRegister::reset(double utc_s) {
  window_.fill(0.0);
  head_ = 0;
  window_sum_ = 0.0;
  current_ = 0.0;
  last_average_ = 0.0;
  capture_time_ = utc_s;
  start_time_current_ = utc_s;
}

}  // namespace quadra::registers
