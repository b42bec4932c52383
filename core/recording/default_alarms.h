// The meter's default alarm map: which events set which bit of the alarm register 0.0.97.98.0.255
// (and, through the filter 0.0.97.98.10.255, which ones are pushed to the head end). The bits
// follow the IDIS alarm register 1 layout where it has the alarm, in the low bits; Quadra's own
// in bits 16 and up. Published in the README.
#pragma once

#include <array>

#include "core/recording/event_recorder.h"
#include "core/recording/log_group.h"

namespace quadra::recording {

inline constexpr std::array<AlarmMapping, 13> kDefaultAlarmMap{{
    {LogGroup::kStandard, 14, 2},    // non-volatile memory error
    {LogGroup::kStandard, 16, 3},    // measurement system error
    {LogGroup::kStandard, 6, 0},     // clock invalid
    {LogGroup::kFraud, 40, 8},       // terminal cover opened
    {LogGroup::kFraud, 44, 9},       // meter case opened
    {LogGroup::kFraud, 42, 10},      // strong magnetic field
    {LogGroup::kFraud, 49, 12},      // decryption or authentication failure
    {LogGroup::kFraud, 50, 13},      // replay attack
    {LogGroup::kStandard, 88, 14},   // phase sequence reversal
    {LogGroup::kLimits, 65, 16},     // Pmax exceeded
    {LogGroup::kLimits, 149, 17},    // demand above its limit
    {LogGroup::kStandard, 1, 18},    // power down
    {LogGroup::kLimits, 240, 19},    // register monitor 1: a threshold crossed upward
}};

}  // namespace quadra::recording
