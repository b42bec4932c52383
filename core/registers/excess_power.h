// Excess power ("moc nadwyżkowa"): demand above the contracted power ("moc umowna") of the Polish
// tariff rules, counted per tariff.
//
// Definition. For every closed demand period with average demand D of the monitored quantity (+P,
// import, unless configured otherwise), registered under tariff t, with contracted power C_t for
// that tariff and length L seconds:
//     if D > C_t (strictly):  x = D - C_t              the period's excess power (W)
//                             count    += 1
//                             duration += L            (s)
//                             energy   += x * L / 3600 (Wh): the energy drawn above the contract
//                             largest   = max(largest, x), with the period's end as its time
//                             x enters the ten largest excesses
// in slot t (1..6) and in slot 0, which counts every period against the contracted power of the
// tariff it was registered under. C_t <= 0 means "no contracted power": nothing is counted under t.
// L is the period length P except for a period shortened by start-up or a clock change (its actual
// length). With sliding demand the test runs at every sub-period close (the demand is refreshed every
// P), with L = P, so the duration is the wall time during which the sliding demand was above the
// contract.
//
// Why the ten largest: the Polish tariff regulation (rozporządzenie taryfowe of the minister for
// energy: 6 March 2019, Dz.U. 2019 poz. 503, and its 2022 successor) charges for exceeding the
// contracted power on the sum of the ten largest excesses of the 15-minute average power over the
// contracted power in the billing period, or on ten times the largest one where only that is
// metered. The billing-period counters keep what both need; largest/count/duration/energy also feed
// the over-limit objects 1.0.1.35..38.0 (threshold, count, duration, magnitude).
//
// Billing-period counters are cleared by billing_reset(); the lifetime count, duration and energy
// are never cleared (energy in a drift-free EnergyAccumulator).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/metrology/energy_accumulator.h"
#include "core/registers/demand_quantity.h"

namespace quadra::registers {

inline constexpr std::size_t kTopExcesses = 10;

struct ExcessCounters {
  double largest_w = 0.0;
  double largest_utc_s = 0.0;  // end of the period of the largest excess; 0 while count == 0
  std::uint32_t count = 0;     // periods in excess
  double duration_s = 0.0;     // their total length
  double energy_wh = 0.0;      // sum of excess * length
  std::array<double, kTopExcesses> top_w{};  // the ten largest excesses, descending, 0 = none
  template <class Archive>
  void persist(Archive& a) {
    a(largest_w)(largest_utc_s)(count)(duration_s)(energy_wh)(top_w);
  }

  double top_sum_w() const {
    double s = 0.0;
    for (double x : top_w) s += x;
    return s;
  }
};

class ExcessPower {
 public:
  // contracted_w[t]: contracted power (W, or var / VA for another monitored quantity) that applies to
  // a period registered under tariff t; <= 0 disables counting under t. Precondition: finite values.
  explicit ExcessPower(const std::array<double, kTariffSlots>& contracted_w);

  // A closed period's demand (>= 0) under tariff (0..6) over [start_utc_s, end_utc_s), end > start.
  // Returns the period's excess (0 when not above the contracted power).
  double offer(double demand, int tariff, double start_utc_s, double end_utc_s);

  // Clears the billing-period counters of every slot and returns them.
  std::array<ExcessCounters, kTariffSlots> billing_reset();

  // Precondition for all: slot < kTariffSlots.
  double contracted(std::size_t slot) const { return contracted_w_[slot]; }
  // A new contracted power for slot (finite; <= 0: none), for the periods that close from now on.
  void set_contracted(std::size_t slot, double w) { contracted_w_[slot] = w; }
  const ExcessCounters& billing_period(std::size_t slot) const { return period_[slot]; }
  std::uint64_t lifetime_count(std::size_t slot) const { return lifetime_count_[slot]; }
  double lifetime_duration_s(std::size_t slot) const { return lifetime_duration_s_[slot]; }
  double lifetime_energy_wh(std::size_t slot) const { return lifetime_energy_[slot].value(); }
  const metrology::EnergyAccumulator& lifetime_energy(std::size_t slot) const {
    return lifetime_energy_[slot];
  }

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  template <class Archive>
  void persist(Archive& a) {
    a(period_)(lifetime_count_)(lifetime_duration_s_)(lifetime_energy_);
  }

 private:
  void count(std::size_t slot, double excess, double length_s, double end_utc_s);

  std::array<double, kTariffSlots> contracted_w_{};
  std::array<ExcessCounters, kTariffSlots> period_{};
  std::array<std::uint64_t, kTariffSlots> lifetime_count_{};
  std::array<double, kTariffSlots> lifetime_duration_s_{};
  std::array<metrology::EnergyAccumulator, kTariffSlots> lifetime_energy_{};
};

}  // namespace quadra::registers
