// libFuzzer target for the COSEM date, time and date-time decoders and for what consumes their
// values (build with -DQUADRA_FUZZ=ON and clang++).
//
// The input is decoded as a date-time (12 bytes), a date (5) or a time (4), whichever its length
// is; other lengths must be refused. A value that decodes must re-encode to the same bytes, and
// must then survive everything a DLMS write could hand it to: conversion to UTC, the clock's set,
// a special day, a season start and an activation time. A crash, a sanitizer report or a broken
// round trip is a bug; a refusal is a correct answer to garbage.
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <span>

#include "core/clock/activity_calendar.h"
#include "core/clock/cosem_date_time.h"
#include "core/clock/date_pattern.h"
#include "core/clock/rtc.h"
#include "core/clock/special_days.h"

namespace {

using namespace quadra::clock;

void check(bool ok) {
  if (!ok) std::abort();
}

void exercise(const CosemDateTime& v) {
  UtcMicros t = 0;
  (void)to_utc(v, central_european_time(), &t);
  Rtc rtc;
  (void)rtc.set(0.0, v);
  (void)rtc.cosem_time(0.0);
  if (validate_recurring_start(v, "fuzz").is_ok()) {
    const CivilDateTime at{2025, 6, 15, 12, 0, 0};
    (void)latest_start_at_or_before(v, at);
    (void)first_start_after(v, at);
  }
  ActivityCalendar calendar;
  if (calendar.set_activation_time(v).is_ok()) (void)calendar.poll(1'750'000'000, central_european_time());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  CosemDateTime dt;
  CosemDate d;
  CosemTime tm;
  const bool dt_ok = decode(bytes, &dt).is_ok();
  const bool d_ok = decode(bytes, &d).is_ok();
  const bool t_ok = decode(bytes, &tm).is_ok();
  check(!dt_ok || size == 12);
  check(!d_ok || size == 5);
  check(!t_ok || size == 4);
  if (dt_ok) {
    const auto again = encode(dt);
    check(std::equal(again.begin(), again.end(), bytes.begin()));
    exercise(dt);
  }
  if (d_ok) {
    const auto again = encode(d);
    check(std::equal(again.begin(), again.end(), bytes.begin()));
    SpecialDaysTable table;
    if (table.insert({1, d, 3}).is_ok()) {
      for (int day = 0; day < 400; ++day) (void)table.find(add_days(CivilDate{2024, 1, 1}, day));
    }
  }
  if (t_ok) {
    const auto again = encode(tm);
    check(std::equal(again.begin(), again.end(), bytes.begin()));
  }
  return 0;
}
