#include "core/clock/rtc.h"

#include <cmath>

namespace quadra::clock {
namespace {

constexpr UtcMicros kFirstUs = days_from_civil(kFirstYear, 1, 1) * kSecondsPerDay * kMicrosPerSecond;
constexpr UtcMicros kEndUs = days_from_civil(kLastYear + 1, 1, 1) * kSecondsPerDay * kMicrosPerSecond;

bool in_range(UtcMicros t) { return t >= kFirstUs && t < kEndUs; }

}  // namespace

Status validate(const RtcConfig& c) {
  if (!in_range(c.start_utc * kMicrosPerSecond))
    return Status::error(StatusCode::kOutOfRange, "clock.start_utc", "must lie in the years 1970..2199");
  if (Status s = validate(c.time_zone); !s) return s;
  if (c.pulse_rounding != SyncRounding::kMinute && c.pulse_rounding != SyncRounding::kQuarter)
    return Status::invalid("clock.pulse_rounding", "must be minute or quarter");
  if (c.pulse_max_correction_s < 0 || c.pulse_max_correction_s > 450)
    return Status::invalid("clock.pulse_max_correction_s", "must be 0 (any) .. 450 s");
  if (static_cast<std::uint8_t>(c.clock_base) > static_cast<std::uint8_t>(ClockBase::kRadioControlled))
    return Status::invalid("clock.clock_base", "must be 0..5 (COSEM clock_base)");
  return Status::ok();
}

Rtc::Rtc(const RtcConfig& config)
    : start_us_(config.start_utc * kMicrosPerSecond),
      time_zone_(config.time_zone),
      pulse_rounding_(config.pulse_rounding),
      pulse_max_correction_s_(config.pulse_max_correction_s),
      clock_base_(config.clock_base),
      status_bits_(config.valid_at_start ? 0 : kStatusInvalidValue) {}

std::int64_t Rtc::meter_us(double now_s) {
  // Exact for any meter time below 2^53 us (285 years); samples at 6400 Hz land within 0.5 us.
  return static_cast<std::int64_t>(std::llround(now_s * 1e6));
}

UtcMicros Rtc::utc_us(double now_s) const { return start_us_ + meter_us(now_s) + offset_us_; }

UtcSeconds Rtc::utc(double now_s) const { return floor_div(utc_us(now_s), kMicrosPerSecond); }

CivilDateTime Rtc::local(double now_s) const { return to_local(time_zone_, utc(now_s)); }

bool Rtc::dst_active(double now_s) const { return clock::dst_active(time_zone_, utc(now_s)); }

std::uint8_t Rtc::status(double now_s) const {
  return static_cast<std::uint8_t>(status_bits_ | (dst_active(now_s) ? kStatusDaylightSaving : 0));
}

CosemDateTime Rtc::cosem_time(double now_s) const { return to_cosem(utc_us(now_s), time_zone_, status_bits_); }

Status Rtc::set_time_zone(const TimeZone& tz) {
  if (Status s = validate(tz); !s) return s;
  time_zone_ = tz;
  return Status::ok();
}

ClockResult Rtc::move_to(double now_s, UtcMicros new_utc_us, ClockChangeKind kind) {
  if (!in_range(new_utc_us))
    return {Status::error(StatusCode::kOutOfRange, "clock.time", "must lie in the years 1970..2199"), {}};
  const UtcMicros old = utc_us(now_s);
  offset_us_ += new_utc_us - old;
  if ((status_bits_ & kStatusInvalidValue) == 0) status_bits_ &= static_cast<std::uint8_t>(~kStatusDoubtfulValue);
  return {Status::ok(), {old, new_utc_us, kind}};
}

ClockResult Rtc::set(double now_s, UtcMicros new_utc_us) {
  ClockResult r = move_to(now_s, new_utc_us, ClockChangeKind::kSet);
  if (r.status)
    status_bits_ &= static_cast<std::uint8_t>(~(kStatusInvalidValue | kStatusDoubtfulValue | kStatusInvalidClockStatus));
  return r;
}

ClockResult Rtc::set(double now_s, const CosemDateTime& value) {
  UtcMicros t = 0;
  if (Status s = to_utc(value, time_zone_, &t); !s) return {s, {}};
  return set(now_s, t);
}

ClockResult Rtc::shift_time(double now_s, std::int32_t seconds) {
  if (seconds < -900 || seconds > 900)
    return {Status::error(StatusCode::kOutOfRange, "clock.shift_time", "must be -900..900 s"), {}};
  return move_to(now_s, utc_us(now_s) + static_cast<std::int64_t>(seconds) * kMicrosPerSecond, ClockChangeKind::kShift);
}

ClockChange Rtc::round_to(double now_s, std::int64_t period_s, ClockChangeKind kind) {
  // Round local time (quarters are quarters of the local clock face; the same as UTC quarters for
  // every zone offset that is a multiple of 15 min), and move UTC by the same amount.
  const UtcMicros old = utc_us(now_s);
  const std::int64_t offset_us =
      static_cast<std::int64_t>(utc_offset_min(time_zone_, floor_div(old, kMicrosPerSecond))) * 60 * kMicrosPerSecond;
  const std::int64_t local = old + offset_us;
  const std::int64_t period = period_s * kMicrosPerSecond;
  const std::int64_t rounded = floor_div(local + period / 2, period) * period;
  ClockResult r = move_to(now_s, old + (rounded - local), kind);
  if (!r.status) return {old, old, kind};  // only at the very end of 2199: leave the clock alone
  return r.change;
}

ClockChange Rtc::adjust_to_quarter(double now_s) { return round_to(now_s, 900, ClockChangeKind::kAdjustToQuarter); }

ClockChange Rtc::adjust_to_minute(double now_s) { return round_to(now_s, 60, ClockChangeKind::kAdjustToMinute); }

ClockResult Rtc::adjust_to_measuring_period(double now_s, std::int32_t period_s) {
  if (period_s < 1 || period_s > kSecondsPerDay || kSecondsPerDay % period_s != 0)
    return {Status::invalid("clock.adjust_to_measuring_period", "period must divide a day evenly"), {}};
  return {Status::ok(), round_to(now_s, period_s, ClockChangeKind::kAdjustToMeasuringPeriod)};
}

Status Rtc::preset_adjusting_time(const CosemDateTime& preset, const CosemDateTime& validity_start,
                                  const CosemDateTime& validity_end) {
  UtcMicros p = 0, from = 0, to = 0;
  if (Status s = to_utc(preset, time_zone_, &p); !s) return Status::error(s.code(), "clock.preset_time", s.reason());
  if (Status s = to_utc(validity_start, time_zone_, &from); !s)
    return Status::error(s.code(), "clock.validity_interval_start", s.reason());
  if (Status s = to_utc(validity_end, time_zone_, &to); !s)
    return Status::error(s.code(), "clock.validity_interval_end", s.reason());
  if (!in_range(p)) return Status::error(StatusCode::kOutOfRange, "clock.preset_time", "must lie in the years 1970..2199");
  if (to < from) return Status::invalid("clock.validity_interval_end", "must not precede the start");
  preset_ = p;
  preset_from_ = from;
  preset_to_ = to;
  return Status::ok();
}

ClockResult Rtc::adjust_to_preset_time(double now_s) {
  if (!preset_) return {Status::error(StatusCode::kOutOfRange, "clock.adjust_to_preset_time", "no time is preset"), {}};
  const UtcMicros preset = *preset_;
  preset_.reset();
  const UtcMicros now = utc_us(now_s);
  if (now < preset_from_ || now > preset_to_)
    return {Status::error(StatusCode::kOutOfRange, "clock.adjust_to_preset_time",
                          "the clock lies outside the validity interval"),
            {}};
  return move_to(now_s, preset, ClockChangeKind::kAdjustToPresetTime);
}

ClockResult Rtc::sync_pulse(double now_s) {
  const std::int64_t period = pulse_rounding_ == SyncRounding::kQuarter ? 900 : 60;
  if (pulse_max_correction_s_ > 0) {
    // Try the rounding on a copy: a refused pulse must leave the clock untouched.
    Rtc probe = *this;
    const ClockChange c = probe.round_to(now_s, period, ClockChangeKind::kSyncPulse);
    const std::int64_t limit = static_cast<std::int64_t>(pulse_max_correction_s_) * kMicrosPerSecond;
    if (c.delta_us() > limit || c.delta_us() < -limit)
      return {Status::error(StatusCode::kOutOfRange, "clock.sync_pulse", "correction beyond pulse_max_correction_s"),
              {}};
  }
  return {Status::ok(), round_to(now_s, period, ClockChangeKind::kSyncPulse)};
}

void Rtc::invalidate() {
  status_bits_ = static_cast<std::uint8_t>((status_bits_ | kStatusInvalidValue) & ~kStatusDoubtfulValue);
}

void Rtc::mark_doubtful() {
  if ((status_bits_ & kStatusInvalidValue) == 0) status_bits_ |= kStatusDoubtfulValue;
}

void Rtc::set_different_clock_base(bool different) {
  if (different)
    status_bits_ |= kStatusDifferentClockBase;
  else
    status_bits_ &= static_cast<std::uint8_t>(~kStatusDifferentClockBase);
}

void Rtc::mark_status_unreliable() { status_bits_ |= kStatusInvalidClockStatus; }

std::optional<ClockChange> Rtc::poll(double now_s) {
  const bool dst = dst_active(now_s);
  const std::optional<bool> before = last_dst_;
  last_dst_ = dst;
  if (!before || *before == dst) return std::nullopt;
  const UtcMicros now = utc_us(now_s);
  return ClockChange{now, now, dst ? ClockChangeKind::kDstBegin : ClockChangeKind::kDstEnd};
}

}  // namespace quadra::clock
