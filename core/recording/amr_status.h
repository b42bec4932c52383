// The AMR profile status (IDIS "AMR profile status", 0.0.96.10.1.255 for profile 1 and
// 0.0.96.10.2.255 for profile 2; DLMS UA 1000-1 profile status), the unsigned8 column after the clock
// in every load profile row. Bit layout implemented (bit 0 = least significant):
//
//   bit 7  power down      a power outage happened in the capture period (or covered it)
//   bit 6  reserved        (0)
//   bit 5  clock adjusted  the clock was set in the capture period (forward or back)
//   bit 4  reserved        (0)
//   bit 3  daylight saving DST was active during the capture period
//   bit 2  data not valid  the values are not the register values at the row's instant
//   bit 1  clock invalid   the clock was invalid (not set since power-up or battery loss)
//   bit 0  critical error  a critical error was present
#pragma once

#include <cstdint>

namespace quadra::recording::amr {

inline constexpr std::uint8_t kCriticalError = 1u << 0;
inline constexpr std::uint8_t kClockInvalid = 1u << 1;
inline constexpr std::uint8_t kDataNotValid = 1u << 2;
inline constexpr std::uint8_t kDaylightSaving = 1u << 3;
inline constexpr std::uint8_t kClockAdjusted = 1u << 5;
inline constexpr std::uint8_t kPowerDown = 1u << 7;
inline constexpr std::uint8_t kDefinedBits =
    kCriticalError | kClockInvalid | kDataNotValid | kDaylightSaving | kClockAdjusted | kPowerDown;

}  // namespace quadra::recording::amr
