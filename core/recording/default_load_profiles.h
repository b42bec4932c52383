// The meter's two load profiles as shipped: what they capture, how often, how many rows.
// Profile 1 (1.0.99.1.0.255): 15-minute energy and demand for one year (365 × 96 = 35 040 rows).
// Profile 2 (1.0.99.2.0.255): 10-minute voltages, currents, THD and frequency for 60 days.
// Columns 1 and 2 of both are the clock (0.0.1.0.0.255) and the AMR profile status
// (0.0.96.10.1.255 / 0.0.96.10.2.255); the capture lists below are the columns after them.
#pragma once

#include <array>

#include "core/common/obis.h"
#include "core/recording/load_profile.h"

namespace quadra::recording {

inline constexpr meter::Obis kLoadProfile1{1, 0, 99, 1, 0};
inline constexpr meter::Obis kLoadProfile2{1, 0, 99, 2, 0};
inline constexpr meter::Obis kProfileStatus1{0, 0, 96, 10, 1};
inline constexpr meter::Obis kProfileStatus2{0, 0, 96, 10, 2};

// Energy totals by direction and quadrant, and the last demand averages of +A and -A.
inline constexpr std::array<meter::Obis, 10> kLoadProfile1Captures{{
    {1, 0, 1, 8, 0}, {1, 0, 2, 8, 0}, {1, 0, 3, 8, 0}, {1, 0, 4, 8, 0}, {1, 0, 5, 8, 0},
    {1, 0, 6, 8, 0}, {1, 0, 7, 8, 0}, {1, 0, 8, 8, 0}, {1, 0, 1, 5, 0}, {1, 0, 2, 5, 0},
}};

// U L1..L3, I L1..L3, THD U L1..L3, THD I L1..L3, frequency.
inline constexpr std::array<meter::Obis, 13> kLoadProfile2Captures{{
    {1, 0, 32, 7, 0}, {1, 0, 52, 7, 0}, {1, 0, 72, 7, 0}, {1, 0, 31, 7, 0}, {1, 0, 51, 7, 0},
    {1, 0, 71, 7, 0}, {1, 0, 32, 7, 124}, {1, 0, 52, 7, 124}, {1, 0, 72, 7, 124}, {1, 0, 31, 7, 124},
    {1, 0, 51, 7, 124}, {1, 0, 71, 7, 124}, {1, 0, 14, 7, 0},
}};

inline LoadProfileConfig default_load_profile_1() { return LoadProfileConfig{900, kLoadProfile1Captures, 35'040}; }
inline LoadProfileConfig default_load_profile_2() { return LoadProfileConfig{600, kLoadProfile2Captures, 8'640}; }

}  // namespace quadra::recording
