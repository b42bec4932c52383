// Event codes of the power-quality monitor's events, as the event logs will store them
// (shared spec events.md). IDIS codes where IDIS has one; Quadra's own codes in the manufacturer
// range (128..254), listed in kManufacturerCodes so that the README can publish them.
//
// Per-phase IDIS codes (phase p = 1..3):
//   sag start 75 + p, swell start 78 + p, missing voltage start 81 + p, and the end of any of those
//   three "voltage normal" 84 + p; Imax exceeded 69 + p, Imax normal 72 + p (check the L1..L3 /
//   exceeded..normal order against the IDIS package before publishing);
//   1/2 power down/up, 65/66 Pmax exceeded/normal, 88 phase sequence reversal,
//   40/41 terminal cover, 42/43 strong magnetic field, 44/45 meter case.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/quality/quality_event.h"

namespace quadra::quality {

struct ManufacturerCode {
  std::uint16_t code;
  EventType type;
  std::uint8_t phase;  // 0: polyphase or none
  const char* name;
};

inline constexpr std::array<ManufacturerCode, 25> kManufacturerCodes{{
    {128, EventType::kSagStart, 0, "polyphase voltage dip start"},
    {129, EventType::kSagEnd, 0, "polyphase voltage dip end"},
    {130, EventType::kSwellStart, 0, "polyphase voltage swell start"},
    {131, EventType::kSwellEnd, 0, "polyphase voltage swell end"},
    {132, EventType::kInterruptionStart, 0, "voltage interruption start"},
    {133, EventType::kShortInterruptionEnd, 0, "short voltage interruption end"},
    {134, EventType::kLongInterruptionEnd, 0, "long voltage interruption end"},
    {135, EventType::kLongPowerOutage, 0, "long power outage (at power up, with duration)"},
    {136, EventType::kVoltageAsymmetryStart, 0, "voltage asymmetry (u2) start"},
    {137, EventType::kVoltageAsymmetryEnd, 0, "voltage asymmetry (u2) end"},
    {138, EventType::kCurrentAsymmetryStart, 0, "current asymmetry (i2) start"},
    {139, EventType::kCurrentAsymmetryEnd, 0, "current asymmetry (i2) end"},
    {140, EventType::kPhaseSequenceNormal, 0, "phase sequence normal again"},
    {141, EventType::kCurrentWithoutVoltageStart, 1, "current without voltage L1 start"},
    {142, EventType::kCurrentWithoutVoltageStart, 2, "current without voltage L2 start"},
    {143, EventType::kCurrentWithoutVoltageStart, 3, "current without voltage L3 start"},
    {144, EventType::kCurrentWithoutVoltageEnd, 1, "current without voltage L1 end"},
    {145, EventType::kCurrentWithoutVoltageEnd, 2, "current without voltage L2 end"},
    {146, EventType::kCurrentWithoutVoltageEnd, 3, "current without voltage L3 end"},
    {147, EventType::kNoCurrentStart, 0, "no current flow start"},
    {148, EventType::kNoCurrentEnd, 0, "no current flow end"},
    {149, EventType::kDemandOverLimit, 0, "demand above its limit"},
    {150, EventType::kDemandNormal, 0, "demand back below its limit"},
    {151, EventType::kFrequencyOutOfRange, 0, "frequency out of range start"},
    {152, EventType::kFrequencyNormal, 0, "frequency back in range"},
}};

// The code of an event of `type` on `phase` (0..3). Per-phase types need phase 1..3 (0 with phase 0:
// missing voltage, current without voltage and Imax have no polyphase form); the others ignore the phase.
constexpr std::uint16_t event_code(EventType type, std::uint8_t phase) {
  const auto p = static_cast<std::uint16_t>(phase);
  switch (type) {
    case EventType::kSagStart: return p == 0 ? 128 : static_cast<std::uint16_t>(75 + p);
    case EventType::kSwellStart: return p == 0 ? 130 : static_cast<std::uint16_t>(78 + p);
    case EventType::kSagEnd: return p == 0 ? 129 : static_cast<std::uint16_t>(84 + p);
    case EventType::kSwellEnd: return p == 0 ? 131 : static_cast<std::uint16_t>(84 + p);
    case EventType::kMissingVoltageStart: return p == 0 ? 0 : static_cast<std::uint16_t>(81 + p);
    case EventType::kMissingVoltageEnd: return p == 0 ? 0 : static_cast<std::uint16_t>(84 + p);
    case EventType::kInterruptionStart: return 132;
    case EventType::kShortInterruptionEnd: return 133;
    case EventType::kLongInterruptionEnd: return 134;
    case EventType::kPowerDown: return 1;
    case EventType::kPowerUp: return 2;
    case EventType::kLongPowerOutage: return 135;
    case EventType::kVoltageAsymmetryStart: return 136;
    case EventType::kVoltageAsymmetryEnd: return 137;
    case EventType::kCurrentAsymmetryStart: return 138;
    case EventType::kCurrentAsymmetryEnd: return 139;
    case EventType::kPhaseSequenceReversal: return 88;
    case EventType::kPhaseSequenceNormal: return 140;
    case EventType::kCurrentWithoutVoltageStart: return p == 0 ? 0 : static_cast<std::uint16_t>(140 + p);
    case EventType::kCurrentWithoutVoltageEnd: return p == 0 ? 0 : static_cast<std::uint16_t>(143 + p);
    case EventType::kNoCurrentStart: return 147;
    case EventType::kNoCurrentEnd: return 148;
    case EventType::kImaxExceeded: return p == 0 ? 0 : static_cast<std::uint16_t>(69 + p);
    case EventType::kImaxNormal: return p == 0 ? 0 : static_cast<std::uint16_t>(72 + p);
    case EventType::kPmaxExceeded: return 65;
    case EventType::kPmaxNormal: return 66;
    case EventType::kDemandOverLimit: return 149;
    case EventType::kDemandNormal: return 150;
    case EventType::kFrequencyOutOfRange: return 151;
    case EventType::kFrequencyNormal: return 152;
    case EventType::kTerminalCoverOpened: return 40;
    case EventType::kTerminalCoverClosed: return 41;
    case EventType::kMagneticFieldDetected: return 42;
    case EventType::kMagneticFieldGone: return 43;
    case EventType::kMeterCaseOpened: return 44;
    case EventType::kMeterCaseClosed: return 45;
  }
  return 0;
}

}  // namespace quadra::quality
