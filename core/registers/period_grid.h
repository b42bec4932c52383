// Where demand periods begin and end: on the clock's grid, at the whole multiples of the period
// length counted in UTC seconds since 1970-01-01T00:00:00Z.
//
// Why UTC multiples: they need no time zone or DST knowledge in the demand code, and they are the
// same instants as local alignment whenever the local offset from UTC is a whole multiple of the
// period. A boundary at local time L = U + offset falls on a multiple of P exactly when U does, if
// offset % P == 0. Whole-hour offsets (CET +3600, CEST +7200) therefore give local alignment for
// every period that divides an hour (1, 5, 10, 15, 30, 60 min); India (+5:30 = 19800 s) and Nepal
// (+5:45 = 20700 s) keep it for 15-minute periods but not for 60-minute ones (19800 % 3600 != 0).
// A period that divides 86400 s also puts a boundary on every UTC midnight.
//
// Times are doubles: whole seconds up to 2^53 are exact, so boundaries k * P are exact values.
#pragma once

#include <cmath>

namespace quadra::registers {

// The last boundary at or before utc_s. Precondition: period_s > 0, utc_s finite.
inline double period_floor(double utc_s, double period_s) {
  double b = std::floor(utc_s / period_s) * period_s;
  // The quotient can round up across an integer for utc_s a hair below a boundary.
  if (b > utc_s) b -= period_s;
  return b;
}

// The first boundary strictly after utc_s. Precondition: as period_floor.
inline double next_boundary(double utc_s, double period_s) {
  double b = period_floor(utc_s, period_s) + period_s;
  if (b <= utc_s) b += period_s;
  return b;
}

inline bool on_boundary(double utc_s, double period_s) {
  return period_floor(utc_s, period_s) == utc_s;
}

// True when UTC-aligned boundaries are also aligned in local time at this UTC offset (seconds,
// whole; east positive). Precondition: period_s a positive whole number of seconds.
inline bool aligns_locally(double utc_offset_s, double period_s) {
  return std::fmod(utc_offset_s, period_s) == 0.0;
}

}  // namespace quadra::registers
