#include "core/clock/cosem_date_time.h"

namespace quadra::clock {
namespace {

bool specified(std::uint8_t v) { return v != kNotSpecified; }

// The most days month m can have in any year (29 for February), for dates without a year.
int max_days_in_month(int month) { return month == 2 ? 29 : days_in_month(2001, month); }

}  // namespace

bool is_all_not_specified(const CosemDateTime& v) { return v == CosemDateTime{}; }

Status validate(const CosemDate& v) {
  const bool month_ok = (v.month >= 1 && v.month <= 12) || v.month == kMonthDstEnd ||
                        v.month == kMonthDstBegin || v.month == kNotSpecified;
  if (!month_ok) return Status::invalid("date.month", "must be 1..12, 0xFD, 0xFE or 0xFF");
  if (v.day_of_month >= 0xE0 && v.day_of_month <= 0xFC)
    return Status::invalid("date.day_of_month", "0xE0..0xFC are reserved");
  const bool day_ok = (v.day_of_month >= 1 && v.day_of_month <= 31) ||
                      v.day_of_month == kSecondLastDayOfMonth || v.day_of_month == kLastDayOfMonth ||
                      v.day_of_month == kNotSpecified;
  if (!day_ok) return Status::invalid("date.day_of_month", "must be 1..31, 0xFD, 0xFE or 0xFF");
  if (!(v.day_of_week >= 1 && v.day_of_week <= 7) && v.day_of_week != kNotSpecified)
    return Status::invalid("date.day_of_week", "must be 1 (Monday)..7 (Sunday) or 0xFF");

  const bool explicit_month = v.month >= 1 && v.month <= 12;
  const bool explicit_day = v.day_of_month >= 1 && v.day_of_month <= 31;
  if (explicit_month && explicit_day) {
    const int limit = v.year == kYearNotSpecified ? max_days_in_month(v.month) : days_in_month(v.year, v.month);
    if (v.day_of_month > limit) return Status::invalid("date.day_of_month", "does not exist in that month");
    // Blue Book: year, month and day all given with a weekday that disagrees is an error.
    if (v.year != kYearNotSpecified && specified(v.day_of_week) &&
        weekday(CivilDate{v.year, v.month, v.day_of_month}) != v.day_of_week)
      return Status::invalid("date.day_of_week", "does not match the date");
  }
  return Status::ok();
}

Status validate(const CosemTime& v) {
  if (v.hour > 23 && specified(v.hour)) return Status::invalid("time.hour", "must be 0..23 or 0xFF");
  if (v.minute > 59 && specified(v.minute)) return Status::invalid("time.minute", "must be 0..59 or 0xFF");
  if (v.second > 59 && specified(v.second)) return Status::invalid("time.second", "must be 0..59 or 0xFF");
  if (v.hundredths > 99 && specified(v.hundredths))
    return Status::invalid("time.hundredths", "must be 0..99 or 0xFF");
  return Status::ok();
}

Status validate(const CosemDateTime& v) {
  if (Status s = validate(v.date); !s) return s;
  if (Status s = validate(v.time); !s) return s;
  if (v.deviation != kDeviationNotSpecified && (v.deviation < -720 || v.deviation > 720))
    return Status::invalid("date_time.deviation", "must be -720..720 minutes or 0x8000");
  // The status byte is taken as it is: reserved bits and the bit 0 / bit 1 exclusion are the
  // sender's business, and refusing a whole time for them would help nobody.
  return Status::ok();
}

std::array<std::uint8_t, 5> encode(const CosemDate& v) {
  return {static_cast<std::uint8_t>(v.year >> 8), static_cast<std::uint8_t>(v.year & 0xFF), v.month,
          v.day_of_month, v.day_of_week};
}

std::array<std::uint8_t, 4> encode(const CosemTime& v) { return {v.hour, v.minute, v.second, v.hundredths}; }

std::array<std::uint8_t, 12> encode(const CosemDateTime& v) {
  const auto d = encode(v.date);
  const auto t = encode(v.time);
  const auto dev = static_cast<std::uint16_t>(v.deviation);  // two's complement on the wire
  return {d[0], d[1], d[2], d[3], d[4], t[0], t[1], t[2], t[3], static_cast<std::uint8_t>(dev >> 8),
          static_cast<std::uint8_t>(dev & 0xFF), v.clock_status};
}

Status decode(std::span<const std::uint8_t> b, CosemDate* out) {
  if (b.size() != 5) return Status::invalid("date", "must be 5 bytes");
  CosemDate v;
  v.year = static_cast<std::uint16_t>(b[0] << 8 | b[1]);
  v.month = b[2];
  v.day_of_month = b[3];
  v.day_of_week = b[4];
  if (Status s = validate(v); !s) return s;
  *out = v;
  return Status::ok();
}

Status decode(std::span<const std::uint8_t> b, CosemTime* out) {
  if (b.size() != 4) return Status::invalid("time", "must be 4 bytes");
  const CosemTime v{b[0], b[1], b[2], b[3]};
  if (Status s = validate(v); !s) return s;
  *out = v;
  return Status::ok();
}

Status decode(std::span<const std::uint8_t> b, CosemDateTime* out) {
  if (b.size() != 12) return Status::invalid("date_time", "must be 12 bytes");
  CosemDateTime v;
  if (Status s = decode(b.subspan(0, 5), &v.date); !s) return s;
  if (Status s = decode(b.subspan(5, 4), &v.time); !s) return s;
  v.deviation = static_cast<std::int16_t>(static_cast<std::uint16_t>(b[9] << 8 | b[10]));
  v.clock_status = b[11];
  if (Status s = validate(v); !s) return s;
  *out = v;
  return Status::ok();
}

CosemDateTime to_cosem(UtcMicros utc, const TimeZone& tz, std::uint8_t status) {
  const UtcSeconds seconds = floor_div(utc, kMicrosPerSecond);
  const auto hundredths = static_cast<std::uint8_t>(floor_mod(utc, kMicrosPerSecond) / 10'000);
  const bool dst = dst_active(tz, seconds);
  const CivilDateTime l = to_local(tz, seconds);
  CosemDateTime v;
  v.date = CosemDate::on(l.year, l.month, l.day);
  v.time = CosemTime::at(l.hour, l.minute, l.second);
  v.time.hundredths = hundredths;
  v.deviation = cosem_deviation_min(tz, seconds);
  v.clock_status = static_cast<std::uint8_t>(dst ? (status | kStatusDaylightSaving) : (status & ~kStatusDaylightSaving));
  return v;
}

Status to_utc(const CosemDateTime& v, const TimeZone& tz, UtcMicros* utc) {
  if (Status s = validate(v); !s) return s;
  const CosemDate& d = v.date;
  const CosemTime& t = v.time;
  if (d.year == kYearNotSpecified) return Status::invalid("date_time.year", "must be specified");
  if (d.month < 1 || d.month > 12) return Status::invalid("date_time.month", "must be 1..12");
  if (d.day_of_month < 1 || d.day_of_month > 31) return Status::invalid("date_time.day_of_month", "must be 1..31");
  if (!specified(t.hour) || !specified(t.minute) || !specified(t.second))
    return Status::invalid("date_time.time", "hour, minute and second must be specified");
  const CivilDateTime local{d.year, d.month, d.day_of_month, t.hour, t.minute, t.second};
  const std::int64_t fraction = specified(t.hundredths) ? t.hundredths * 10'000 : 0;

  UtcSeconds seconds = 0;
  if (v.deviation != kDeviationNotSpecified) {
    seconds = seconds_from_civil(local) + static_cast<std::int64_t>(v.deviation) * 60;
  } else {
    const bool dst_flag = v.clock_status != kStatusNotSpecified && (v.clock_status & kStatusDaylightSaving) != 0;
    LocalTimeResolution r = to_utc(tz, local, Fold::kEarlier);
    if (r.kind == LocalTimeKind::kSkipped)
      return Status::invalid("date_time", "local time does not exist (skipped when daylight saving began)");
    if (r.kind == LocalTimeKind::kRepeated && v.clock_status != kStatusNotSpecified &&
        dst_active(tz, r.utc) != dst_flag)
      r = to_utc(tz, local, Fold::kLater);
    seconds = r.utc;
  }
  *utc = seconds * kMicrosPerSecond + fraction;
  return Status::ok();
}

}  // namespace quadra::clock
