#include "core/meter/quality_profiles.h"

#include <algorithm>

namespace quadra::meter {
namespace {

recording::EventProfileConfig event_config(VoltageEventKind kind) {
  return {kVoltageEventCaptures[static_cast<std::size_t>(kind)], kVoltageEventRows};
}

std::uint8_t bit(std::uint8_t phase) { return static_cast<std::uint8_t>(1u << (phase - 1u)); }

}  // namespace

QualityProfiles::QualityProfiles()
    : events_{recording::EventProfile(event_config(VoltageEventKind::kDip)),
              recording::EventProfile(event_config(VoltageEventKind::kSwell)),
              recording::EventProfile(event_config(VoltageEventKind::kCut))},
      unbalance_(recording::LoadProfileConfig{kQualityPeriodS, kUnbalanceCaptures, kQualityPeriodicRows}),
      quality_(recording::LoadProfileConfig{kQualityPeriodS, kPowerQualityCaptures, kQualityPeriodicRows}) {}

void QualityProfiles::on_event(const quality::QualityEvent& e, double start_utc_s) {
  using quality::EventType;
  const bool per_phase = e.phase >= 1 && e.phase <= 3;
  switch (e.type) {
    // A phase's own dip or swell starts with, or after, the polyphase one it belongs to (the
    // polyphase episode runs on the lowest / highest phase), and the polyphase one ends last.
    case EventType::kSagStart:
      if (per_phase) dip_phases_ |= bit(e.phase);
      return;
    case EventType::kSwellStart:
      if (per_phase) swell_phases_ |= bit(e.phase);
      return;
    case EventType::kSagEnd:
      if (e.phase != 0) return;
      record(VoltageEventKind::kDip, start_utc_s, e.duration_s, e.extreme, dip_phases_);
      dip_phases_ = 0;
      return;
    case EventType::kSwellEnd:
      if (e.phase != 0) return;
      record(VoltageEventKind::kSwell, start_utc_s, e.duration_s, e.extreme, swell_phases_);
      swell_phases_ = 0;
      return;
    case EventType::kMissingVoltageStart:
      if (!per_phase) return;
      if (cut_missing_ == 0) {
        cut_phases_ = 0;
        cut_start_s_ = e.start_s;
        cut_start_utc_s_ = start_utc_s;
        cut_lowest_v_ = e.extreme;
      }
      cut_missing_ |= bit(e.phase);
      cut_phases_ |= bit(e.phase);
      return;
    case EventType::kMissingVoltageEnd:
      if (!per_phase || (cut_missing_ & bit(e.phase)) == 0) return;
      cut_missing_ &= static_cast<std::uint8_t>(~bit(e.phase));
      cut_lowest_v_ = std::min(cut_lowest_v_, e.extreme);  // the end event's extreme covers its episode
      if (cut_missing_ == 0)
        record(VoltageEventKind::kCut, cut_start_utc_s_, std::max(0.0, e.end_s - cut_start_s_), cut_lowest_v_, cut_phases_);
      return;
    default:
      return;
  }
}

void QualityProfiles::record(VoltageEventKind kind, double start_utc_s, double duration_s, double magnitude_v,
                             std::uint8_t phases) {
  const std::size_t k = static_cast<std::size_t>(kind);
  last_[k] = VoltageEventRecord{duration_s, magnitude_v, phases};
  // A row stamped before the newest (a clock set back between the two events) is refused by the
  // profile; the registers still show the event.
  (void)events_[k].capture(start_utc_s, [this](const Obis& o, RegisterValue& v) { return read(o, v); });
}

bool QualityProfiles::read(const Obis& o, RegisterValue& out) const {
  for (std::size_t k = 0; k < kVoltageEventKinds; ++k) {
    const std::array<Obis, 3>& codes = kVoltageEventCaptures[k];
    const VoltageEventRecord& r = last_[k];
    out = RegisterValue{};
    if (o == codes[0]) {
      out.value = r.duration_s;
      out.unit = Unit::kSecond;
      out.scaler = -3;  // ms: a dip lasts from half a cycle
      return true;
    }
    if (o == codes[1]) {
      out.value = r.magnitude_v;
      out.unit = Unit::kV;
      out.scaler = -2;
      return true;
    }
    if (o == codes[2]) {
      out.value = r.phases;
      out.unit = Unit::kCount;
      return true;
    }
  }
  return false;
}

}  // namespace quadra::meter
