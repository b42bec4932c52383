// One instant of the meter's seven analogue inputs, as the ADC (or a simulator, or a recording)
// delivers them at the metrology's sampling rate.
//
// Units: volts for U1..U3 (phase to neutral, or to the artificial star point on a 3-wire network),
// amperes for I1..I3 and IN. Values are SECONDARY quantities, i.e. what the meter's terminals see
// behind its CTs/VTs; the metrology applies the CT/VT ratios to its outputs.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace quadra::metrology {

enum class Channel : std::uint8_t { kU1 = 0, kU2, kU3, kI1, kI2, kI3, kIN };

inline constexpr std::size_t kChannelCount = 7;
inline constexpr std::size_t kPhaseCount = 3;

constexpr std::size_t index(Channel c) { return static_cast<std::size_t>(c); }
constexpr Channel voltage_channel(std::size_t phase) { return static_cast<Channel>(phase); }
constexpr Channel current_channel(std::size_t phase) { return static_cast<Channel>(3 + phase); }

// Field names of the channels, for messages and tables ("U1", ..., "IN").
constexpr const char* channel_name(Channel c) {
  constexpr const char* kNames[kChannelCount] = {"U1", "U2", "U3", "I1", "I2", "I3", "IN"};
  return kNames[index(c)];
}

struct SampleFrame {
  // Instantaneous values, indexed by Channel. float keeps 24 bits of mantissa: more than any
  // metering ADC delivers, and half the memory of double in the sample history.
  std::array<float, kChannelCount> value{};

  float& operator[](Channel c) { return value[index(c)]; }
  float operator[](Channel c) const { return value[index(c)]; }
};

}  // namespace quadra::metrology
