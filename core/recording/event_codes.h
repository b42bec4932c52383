// Event codes used by the recording layer itself. IDIS codes where IDIS has one (shared/spec/
// events.md); Quadra's manufacturer codes sit in 230..249 (IDIS leaves that range to manufacturers)
// and must be published in the README with the others.
#pragma once

#include <cstdint>

namespace quadra::recording::event_code {

// Standard log.
inline constexpr std::uint16_t kPowerDown = 1;
inline constexpr std::uint16_t kPowerUp = 2;
inline constexpr std::uint16_t kClockAdjustedOldTime = 4;
inline constexpr std::uint16_t kClockAdjustedNewTime = 5;
inline constexpr std::uint16_t kAlarmRegisterCleared = 11;
inline constexpr std::uint16_t kLoadProfileCleared = 254;  // the meter logs it after LoadProfile::reset()
// Every log (except the power failure log, which has no code column): "this log was cleared".
inline constexpr std::uint16_t kLogCleared = 255;
// Communication log, manufacturer code: another log was cleared; context[0] = its number 1..7.
inline constexpr std::uint16_t kEventLogDeleted = 230;

}  // namespace quadra::recording::event_code
