#include "core/registers/maximum_demand.h"

namespace quadra::registers {

bool MaximumDemand::update(CapturedValue& slot, double demand, double capture_utc_s) {
  if (slot.captured && !(demand > slot.value)) return false;
  slot.value = demand;
  slot.capture_utc_s = capture_utc_s;
  slot.captured = true;
  return true;
}

bool MaximumDemand::offer(double demand, int tariff, double capture_utc_s) {
  const bool new_total = update(maximum_[0], demand, capture_utc_s);
  if (tariff >= 1 && tariff <= kMaxTariff) {
    update(maximum_[static_cast<std::size_t>(tariff)], demand, capture_utc_s);
  }
  return new_total;
}

MaximumDemandSnapshot MaximumDemand::billing_reset() {
  MaximumDemandSnapshot snap;
  for (std::size_t s = 0; s < kTariffSlots; ++s) {
    cumulative_[s] += maximum_[s].value;
    snap.maximum[s] = maximum_[s];
    snap.cumulative[s] = cumulative_[s];
    maximum_[s] = CapturedValue{};
  }
  return snap;
}

}  // namespace quadra::registers
