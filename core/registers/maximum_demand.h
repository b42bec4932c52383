// Maximum demand of one quantity, per tariff, with the time it was captured (COSEM interface class 4,
// "extended register": value + capture_time), and the cumulative maximum demand.
//
// Every closed demand period offers its demand (the last_average of its DemandRegister) with the
// tariff in force at the end of the period and the period's end as capture time. Slot 0 keeps the
// maximum over all periods, slot t (1..6) the maximum over the periods registered under tariff t.
// A value replaces the stored maximum only when strictly larger, so among equal maxima the first
// keeps its capture time. The first period after a reset is always captured, even at 0.
//
// Cumulative maximum demand (OBIS 1.0.C.2.E): at every billing reset each slot's maximum is added to
// the slot's cumulative value, then the maximum is cleared. The cumulative value only ever grows, so
// tampering with a reset cannot hide a demand peak.
#pragma once

#include <array>
#include <cstddef>

#include "core/registers/demand_quantity.h"

namespace quadra::registers {

// IC 4 value with its capture time. captured == false: no period since the last reset (value 0).
struct CapturedValue {
  double value = 0.0;
  double capture_utc_s = 0.0;
  bool captured = false;
  template <class Archive>
  void persist(Archive& a) {
    a(value)(capture_utc_s)(captured);
  }
};

// What a billing reset hands to the billing profile for one quantity.
struct MaximumDemandSnapshot {
  std::array<CapturedValue, kTariffSlots> maximum{};  // the maxima of the period just ended
  std::array<double, kTariffSlots> cumulative{};      // cumulative values after adding them
};

class MaximumDemand {
 public:
  // A closed period's demand (>= 0) registered under tariff (0..6, valid_tariff), captured at
  // capture_utc_s (the period's end). Returns true when it became slot 0's new maximum.
  bool offer(double demand, int tariff, double capture_utc_s);

  // End of a billing period: cumulative[s] += maximum[s].value for every slot, maxima cleared.
  MaximumDemandSnapshot billing_reset();

  // Precondition: slot < kTariffSlots.
  const CapturedValue& maximum(std::size_t slot) const { return maximum_[slot]; }
  double cumulative(std::size_t slot) const { return cumulative_[slot]; }

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  template <class Archive>
  void persist(Archive& a) {
    a(maximum_)(cumulative_);
  }

 private:
  static bool update(CapturedValue& slot, double demand, double capture_utc_s);

  std::array<CapturedValue, kTariffSlots> maximum_{};
  std::array<double, kTariffSlots> cumulative_{};
};

}  // namespace quadra::registers
