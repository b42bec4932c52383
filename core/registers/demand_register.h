// One demand register with the semantics of COSEM interface class 5 ("demand register"), for one
// quantity. It only does the arithmetic; DemandEngine decides when sub-periods begin and end.
//
// IC 5 attributes and how they are computed here (E_k: energy of sub-period k, E_cur: energy of the
// sub-period still running, P = period_s, n = number_of_periods):
//   period            P, the sub-period length and the interval between two updates of last_average
//   number_of_periods n; n = 1 is block demand, n > 1 sliding demand over a window of n * P
//   current_average   (E_{k-n+2} + ... + E_k + E_cur) / (n * P): the running demand of the window
//                     that will close next; it rises through a sub-period as energy arrives
//   last_average      (E_{k-n+1} + ... + E_k) / (n * P) at the close of sub-period k
//   capture_time      when last_average was computed: the end of sub-period k
//   start_time_current when the sub-period still running began
// Sub-periods before the first one are zero, so the first n - 1 sliding values after start-up ramp
// up. The denominator is always the nominal n * P, also for a sub-period shortened by start-up or a
// clock change: such a demand can only understate, never overstate, the true average.
//
// Units: energy in Wh (varh, VAh) gives demand in W (var, VA): demand = E * 3600 / (n * P).
#pragma once

#include <array>
#include <cstddef>

namespace quadra::registers {

class DemandRegister {
 public:
  // Largest number_of_periods a register holds (sliding window of up to 60 sub-periods, e.g. one
  // hour in 1-minute steps).
  static constexpr unsigned kMaxPeriods = 60;

  // Preconditions: period_s > 0 and finite; 1 <= number_of_periods <= kMaxPeriods.
  DemandRegister(double period_s, unsigned number_of_periods);

  // Marks the start of the sub-period now running (start-up, or a restart after a clock change).
  void start(double utc_s) { start_time_current_ = utc_s; }
  // Energy (>= 0) that arrived in the sub-period now running.
  void add(double amount) { current_ += amount; }
  // Ends the sub-period now running at end_utc_s: updates last_average and capture_time, and starts
  // the next sub-period there. Returns the new last_average.
  double close(double end_utc_s);
  // Stands for any number of further closes of empty sub-periods, the last ending at
  // last_end_utc_s. Precondition: window_empty(), so that every one of them would give 0.
  void skip_empty(double last_end_utc_s);
  // IC 5 method reset(): clears the window and both averages; capture_time and
  // start_time_current become utc_s.
  void reset(double utc_s);

  double current_average() const { return (window_sum_ + current_) * scale_; }
  double last_average() const { return last_average_; }
  double capture_time() const { return capture_time_; }  // 0 until the first close
  double start_time_current() const { return start_time_current_; }
  double period_s() const { return period_s_; }
  unsigned number_of_periods() const { return n_; }
  // Energy of the sub-period now running.
  double current_energy() const { return current_; }
  // True when every sub-period in the window, and the one running, holds no energy.
  bool window_empty() const { return current_ == 0.0 && window_sum_ == 0.0; }

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  template <class Archive>
  void persist(Archive& a) {
    a(window_)(head_)(window_sum_)(current_)(last_average_)(capture_time_)(start_time_current_);
    a.check(head_ < kMaxPeriods, "demand register: window index out of range");
  }

 private:
  double period_s_;
  unsigned n_;
  double scale_;  // 3600 / (n * P): energy to demand
  // The last n - 1 closed sub-periods, oldest overwritten first; window_sum_ is recomputed from them
  // on every close (n <= 60 additions) so that it cannot drift.
  std::array<double, kMaxPeriods> window_{};
  unsigned head_ = 0;
  double window_sum_ = 0.0;
  double current_ = 0.0;
  double last_average_ = 0.0;
  double capture_time_ = 0.0;
  double start_time_current_ = 0.0;
};

}  // namespace quadra::registers
