// What the power-quality monitor reports: one QualityEvent per start or end of a condition (or per
// edge of a fraud input), handed to an EventSink as it happens. The event logs come later; they
// subscribe through EventSink and take the code (event_codes.h) and the context columns from here.
//
// Times are seconds on the caller's time axis: the meter time of the measurements (HalfCycleValues
// end_s, WindowValues start_s) for everything the metrology drives, and whatever the caller passes to
// set_input() and offer_demand() for those (pass meter time there too, so that events sort).
#pragma once

#include <cstddef>
#include <cstdint>

namespace quadra::quality {

// Start/end pairs sit next to each other; the comment names the unit of `extreme` and the reference
// of `extreme_pct`.
enum class EventType : std::uint8_t {
  kSagStart,               // dip: residual Urms(1/2), V; % of Udin
  kSagEnd,
  kSwellStart,             // maximum Urms(1/2), V; % of Udin
  kSwellEnd,
  kMissingVoltageStart,    // one phase below the interruption threshold: lowest V; % of Udin
  kMissingVoltageEnd,
  kInterruptionStart,      // all phases below the interruption threshold: highest phase's lowest V
  kShortInterruptionEnd,   // duration <= long_interruption_s
  kLongInterruptionEnd,    // duration >  long_interruption_s
  kPowerDown,              // all voltages below the power-down threshold
  kPowerUp,                // back: duration_s is the outage
  kLongPowerOutage,        // sent with kPowerUp when the outage lasted > long_outage_s
  kVoltageAsymmetryStart,  // u2 above its limit: largest u2, %; % of the limit
  kVoltageAsymmetryEnd,
  kCurrentAsymmetryStart,  // i2 above its limit: largest i2, %; % of the limit
  kCurrentAsymmetryEnd,
  kPhaseSequenceReversal,  // negative sequence dominant: u12 angle, degrees; no %
  kPhaseSequenceNormal,
  kCurrentWithoutVoltageStart,  // per phase: largest current, A; % of the declared current
  kCurrentWithoutVoltageEnd,
  kNoCurrentStart,         // all currents below the no-current threshold: largest, A; % of declared I
  kNoCurrentEnd,
  kImaxExceeded,           // per phase: largest current, A; % of Imax
  kImaxNormal,
  kPmaxExceeded,           // window total P: largest, W; % of Pmax
  kPmaxNormal,
  kDemandOverLimit,        // offered demand: largest, W (or the demand's unit); % of the limit
  kDemandNormal,
  kFrequencyOutOfRange,    // the frequency farthest from nominal, Hz; % of nominal
  kFrequencyNormal,
  kTerminalCoverOpened,    // fraud inputs: edges, no value
  kTerminalCoverClosed,
  kMagneticFieldDetected,
  kMagneticFieldGone,
  kMeterCaseOpened,
  kMeterCaseClosed,
};
inline constexpr std::size_t kEventTypeCount = static_cast<std::size_t>(EventType::kMeterCaseClosed) + 1;

struct QualityEvent {
  EventType type = EventType::kSagStart;
  std::uint8_t phase = 0;   // 0: polyphase or not phase-related; 1..3: L1..L3
  std::uint16_t code = 0;   // event_code(type, phase): IDIS where one exists, else >= 128
  double start_s = 0.0;     // when the condition began (also carried by end events)
  double end_s = 0.0;       // end events: when it ended; start events: equal to start_s
  double duration_s = 0.0;  // end events: end_s - start_s; start events: 0
  double extreme = 0.0;     // unit per type, see EventType; for an end event over the whole episode,
                            // for a start event over the part seen so far (its minimum duration)
  double extreme_pct = 0.0; // extreme in % of the type's reference value; 0 where none
  bool end = false;         // true for the end half of a pair (and for kPowerUp, kLongPowerOutage)
};

// Receives the events, in the order they are detected (end events of different kinds may arrive
// out of start_s order). Called from inside the monitor's entry points; must not call back into it.
class EventSink {
 public:
  virtual void on_event(const QualityEvent& event) = 0;

 protected:
  ~EventSink() = default;
};

}  // namespace quadra::quality
