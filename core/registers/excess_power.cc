#include "core/registers/excess_power.h"

namespace quadra::registers {

ExcessPower::ExcessPower(const std::array<double, kTariffSlots>& contracted_w)
    : contracted_w_(contracted_w) {}

double ExcessPower::offer(double demand, int tariff, double start_utc_s, double end_utc_s) {
  if (tariff < 0 || tariff > kMaxTariff) return 0.0;
  const auto t = static_cast<std::size_t>(tariff);
  const double contracted = contracted_w_[t];
  if (!(contracted > 0.0) || !(demand > contracted)) return 0.0;
  const double excess = demand - contracted;
  const double length_s = end_utc_s - start_utc_s;
  count(0, excess, length_s, end_utc_s);
  if (t != 0) count(t, excess, length_s, end_utc_s);
  return excess;
}

void ExcessPower::count(std::size_t slot, double excess, double length_s, double end_utc_s) {
  ExcessCounters& c = period_[slot];
  const double energy_wh = excess * length_s / 3600.0;
  c.count += 1;
  c.duration_s += length_s;
  c.energy_wh += energy_wh;
  if (excess > c.largest_w) {
    c.largest_w = excess;
    c.largest_utc_s = end_utc_s;
  }
  // Insert into the descending top ten; the smallest falls out.
  for (std::size_t k = 0; k < kTopExcesses; ++k) {
    if (excess > c.top_w[k]) {
      for (std::size_t j = kTopExcesses - 1; j > k; --j) c.top_w[j] = c.top_w[j - 1];
      c.top_w[k] = excess;
      break;
    }
  }
  lifetime_count_[slot] += 1;
  lifetime_duration_s_[slot] += length_s;
  lifetime_energy_[slot].add(energy_wh);
}

std::array<ExcessCounters, kTariffSlots> ExcessPower::billing_reset() {
  const std::array<ExcessCounters, kTariffSlots> ended = period_;
  period_.fill(ExcessCounters{});
  return ended;
}

}  // namespace quadra::registers
