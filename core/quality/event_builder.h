// Turns an Episode's start or end into a QualityEvent: fills the code, the times and the extreme in
// percent of the type's reference value (reference <= 0: no percentage).
#pragma once

#include <cstdint>

#include "core/quality/episode.h"
#include "core/quality/event_codes.h"
#include "core/quality/quality_event.h"

namespace quadra::quality {

inline QualityEvent start_event(EventType type, std::uint8_t phase, const Episode& e, double reference) {
  QualityEvent ev;
  ev.type = type;
  ev.phase = phase;
  ev.code = event_code(type, phase);
  ev.start_s = e.start_s();
  ev.end_s = e.start_s();
  ev.extreme = e.extreme();
  ev.extreme_pct = reference > 0.0 ? 100.0 * e.extreme() / reference : 0.0;
  return ev;
}

// Precondition: e has just ended (Step::kEnded).
inline QualityEvent end_event(EventType type, std::uint8_t phase, const Episode& e, double reference) {
  QualityEvent ev = start_event(type, phase, e, reference);
  ev.end_s = e.end_s();
  ev.duration_s = e.duration_s();
  ev.end = true;
  return ev;
}

}  // namespace quadra::quality
