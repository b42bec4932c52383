// The demand function of the meter: turns energy increments stamped with UTC time into clock-aligned
// demand periods, and feeds every closed period to the demand registers (IC 5), the maximum demand
// per tariff (IC 4) with the cumulative maximum, and the excess-power counters.
//
// Time. The caller passes UTC as double seconds since 1970-01-01 (the engine never reads a clock).
// Sub-periods of length P end on the UTC grid of period_grid.h. The engine keeps `now`, the end of
// the time it has been told about, and the invariant  start <= now < end  for the sub-period running.
// A sub-period closes as soon as now reaches its end (not when the next energy arrives), so the
// record of 12:45-13:00 exists once the caller has reached 13:00.
//
//  * add(start, duration, energy, tariff): energy arrived uniformly over [start, start + duration).
//    An interval that contains boundaries is split at them in proportion to time, and every
//    boundary closes its sub-period.
//  * advance_to(utc, tariff): time passed with no energy; closes the sub-periods that ended.
//  * Contiguity: a start within kContiguityS of now is taken as now (floating-point noise between
//    the caller's interval times). A start later than that leaves a gap: time passed with no energy,
//    exactly as advance_to(start). A start EARLIER than now - kContiguityS means the clock was set
//    back: handled as set_clock(now, start).
//  * set_clock(old, new, tariff): the clock was set from `old` to `new` (forward or back). The
//    engine first advances to `old`, then the sub-period running is CLOSED EARLY at `old` (flagged
//    kEndedEarly | kClockChanged; its demand is its energy over the nominal window, so it can only
//    understate) and a new sub-period starts at `new`, running to the next grid boundary after
//    `new` (flagged kClockChanged, and kStartedLate unless `new` is on a boundary). The sub-periods
//    between old and new (forward) are not invented; those already closed (back) are not reopened.
//    No period ever has a negative or zero length: a sub-period that has not run yet is restarted,
//    not closed. A forward jump that the caller does not announce with set_clock cannot be told
//    from a gap in the data, and is handled as one (the periods it spans close with no energy).
//    If `old` lies before now (the caller learnt of the change late), the change takes effect at
//    now, to new + (now - old).
//  * Long idle gaps: when the whole sliding window is empty, runs of further empty sub-periods are
//    skipped in O(1) instead of being closed one by one (each would give demand 0 and change no
//    maximum or counter; capture times move to the last of them); the observer is told of the
//    last one only. This keeps a jump from an unset clock (1970) to the present cheap.
//
// Tariff. Each call names the tariff (0 none, 1..6) in force over the span it covers (from now to
// the call's end, a gap before its interval included); a caller
// whose span contains a tariff switch splits it at the switch. A period is registered under the
// tariff of the span in which it ends, i.e. the tariff in force just before its end: with the usual
// tariff switches on period boundaries, 12:45-13:00 counts under the tariff that ends at 13:00.
//
// Fixed capacity: everything is held in arrays sized at compile time; nothing allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/status.h"
#include "core/registers/demand_quantity.h"
#include "core/registers/demand_register.h"
#include "core/registers/excess_power.h"
#include "core/registers/maximum_demand.h"

namespace quadra::registers {

struct DemandConfig {
  // IC 5 "period": the sub-period length in seconds; a whole number that divides 86400 (so that a
  // boundary falls on every UTC midnight): 60, 300, 600, 900, 1800, 3600, ... Default 15 minutes.
  double period_s = 900.0;
  // IC 5 "number_of_periods": 1 = block demand, 2..DemandRegister::kMaxPeriods = sliding demand
  // over number_of_periods * period_s.
  unsigned number_of_periods = 1;
  // The quantity whose demand is compared with the contracted power.
  DemandQuantity excess_quantity = DemandQuantity::kActiveImport;
  // contracted_power[t]: contracted power (unit of excess_quantity's demand, W by default) for
  // periods registered under tariff t (index 0: no tariff in force). 0 disables excess counting
  // under that tariff. Finite, >= 0.
  std::array<double, kTariffSlots> contracted_power{};
};

// Checks every field; the Status names the first offending one ("demand.period_s", ...).
Status validate_config(const DemandConfig& config);

// Flags of a closed period (bits of ClosedPeriod::flags).
inline constexpr std::uint8_t kStartedLate = 1u << 0;   // began after its grid start (start-up, clock)
inline constexpr std::uint8_t kEndedEarly = 1u << 1;    // closed before its grid end by a clock change
inline constexpr std::uint8_t kClockChanged = 1u << 2;  // a clock change began or ended it

// One closed (sub-)period as the load profile and the tests see it.
struct ClosedPeriod {
  double start_utc_s = 0.0;
  double end_utc_s = 0.0;  // > start_utc_s; the capture time of its demand
  int tariff = 0;
  std::uint8_t flags = 0;
  std::array<double, kDemandQuantityCount> demand{};  // last_average of each quantity (W, var, VA)
  double excess = 0.0;  // excess of the monitored quantity over the contracted power, 0 if none
};

// Optional: told of every closed period, in time order of closing. Must not call back into the
// engine.
class DemandObserver {
 public:
  virtual void on_period_closed(const ClosedPeriod& period) = 0;

 protected:
  ~DemandObserver() = default;
};

// What a billing reset hands to the billing profile.
struct DemandBillingSnapshot {
  double utc_s = 0.0;  // when the reset took effect
  std::array<MaximumDemandSnapshot, kDemandQuantityCount> maximum{};
  std::array<ExcessCounters, kTariffSlots> excess{};
};

class DemandEngine {
 public:
  // Interval starts closer than this to now are contiguous with it (seconds).
  static constexpr double kContiguityS = 1e-3;

  // Precondition: validate_config(config) is ok. observer may be null; it must outlive the engine.
  explicit DemandEngine(const DemandConfig& config, DemandObserver* observer = nullptr);

  // Energy that arrived uniformly over [utc_start_s, utc_start_s + duration_s): duration_s >= 0,
  // every amount >= 0, all finite; tariff 0..6. The first call of any kind starts the engine there.
  // On an invalid argument nothing changes and the Status says which.
  Status add(double utc_start_s, double duration_s, const DemandIncrement& energy, int tariff);

  // Time reached utc_s with no energy since now (see the header comment for utc_s < now).
  Status advance_to(double utc_s, int tariff);

  // The clock was set from utc_old_s to utc_new_s; tariff: in force up to utc_old_s.
  Status set_clock(double utc_old_s, double utc_new_s, int tariff);

  // End of a billing period at utc_s (>= now - kContiguityS, else kOutOfRange): advances to utc_s,
  // then for every quantity adds the maxima to the cumulative maxima and clears them, and clears the
  // billing-period excess counters. The demand registers and the period running are not touched.
  // `out` receives what was cleared and the new cumulative values.
  Status billing_reset(double utc_s, int tariff, DemandBillingSnapshot& out);

  const DemandRegister& demand(DemandQuantity q) const { return registers_[index(q)]; }
  const MaximumDemand& maximum(DemandQuantity q) const { return maximum_[index(q)]; }
  const ExcessPower& excess() const { return excess_; }
  const DemandConfig& config() const { return config_; }
  // The head end changed the contracted power of tariff slot 0..6 (0: none); periods that close
  // from now on are compared with it.
  void set_contracted_power(std::size_t slot, double w) {
    config_.contracted_power[slot] = w;
    excess_.set_contracted(slot, w);
  }

  bool started() const { return started_; }
  double now_utc_s() const { return now_; }
  double subperiod_start_utc_s() const { return sub_start_; }
  double subperiod_end_utc_s() const { return sub_end_; }
  std::uint32_t clock_changes() const { return clock_changes_; }
  // Empty sub-periods passed over by the idle skip (not closed one by one).
  std::uint64_t skipped_periods() const { return skipped_periods_; }

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  template <class Archive>
  void persist(Archive& a) {
    a(registers_)(maximum_)(excess_)(started_)(now_)(sub_start_)(sub_end_)(flags_)(last_tariff_)(clock_changes_)(skipped_periods_);
  }

 private:
  void begin(double utc_s, std::uint8_t flags);
  void advance(double utc_s, int tariff);
  void close_current(double end_utc_s, int tariff, std::uint8_t extra_flags);
  void change_clock(double new_utc_s);
  void skip_idle(double utc_s);

  DemandConfig config_;
  DemandObserver* observer_;
  std::array<DemandRegister, kDemandQuantityCount> registers_;
  std::array<MaximumDemand, kDemandQuantityCount> maximum_{};
  ExcessPower excess_;

  bool started_ = false;
  double now_ = 0.0;
  double sub_start_ = 0.0;
  double sub_end_ = 0.0;
  std::uint8_t flags_ = 0;  // flags of the sub-period running
  int last_tariff_ = 0;     // tariff of the latest span, i.e. in force at now
  std::uint32_t clock_changes_ = 0;
  std::uint64_t skipped_periods_ = 0;
};

}  // namespace quadra::registers
