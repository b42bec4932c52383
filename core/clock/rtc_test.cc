#include "core/clock/rtc.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>

namespace quadra::clock {
namespace {

constexpr std::int64_t kUs = kMicrosPerSecond;

UtcSeconds utc_of(int y, int mo, int d, int h, int mi = 0, int s = 0) { return seconds_from_civil({y, mo, d, h, mi, s}); }

// An Rtc whose clock reads `utc` at meter time `at_s`.
Rtc rtc_reading(UtcMicros utc, double at_s = 100.0, RtcConfig config = {}) {
  Rtc rtc(config);
  EXPECT_TRUE(rtc.set(at_s, utc).status.is_ok());
  return rtc;
}

TEST(Rtc, StartsAtTheConfiguredInstantAndFollowsMeterTime) {
  Rtc rtc;
  // Default start: 2025-01-01 00:00:00 CET = 2024-12-31 23:00:00 UTC = 1735686000.
  EXPECT_EQ(rtc.utc(0.0), 1'735'686'000);
  EXPECT_EQ(rtc.local(0.0), (CivilDateTime{2025, 1, 1, 0, 0, 0}));
  EXPECT_EQ(rtc.utc_us(3600.25), (1'735'686'000 + 3600) * kUs + 250'000);
  EXPECT_EQ(rtc.utc(3600.75), 1'735'686'000 + 3600);  // floor
  EXPECT_EQ(rtc.status(0.0), 0x00);
}

TEST(Rtc, SetReportsOldAndNewAndIsExactToTheMicrosecond) {
  Rtc rtc;
  const UtcMicros target = utc_of(2025, 6, 15, 12) * kUs;
  const ClockResult r = rtc.set(0.25, target);  // between two samples
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.change.kind, ClockChangeKind::kSet);
  EXPECT_EQ(r.change.old_utc_us, 1'735'686'000 * kUs + 250'000);
  EXPECT_EQ(r.change.new_utc_us, target);
  EXPECT_EQ(rtc.utc_us(0.25), target);
  EXPECT_EQ(rtc.utc(0.25), utc_of(2025, 6, 15, 12));  // not 11:59:59 by a rounding hair
  EXPECT_EQ(rtc.utc_us(86'400.25), target + 86'400 * kUs);
  EXPECT_EQ(rtc.local(0.25), (CivilDateTime{2025, 6, 15, 14, 0, 0}));  // CEST
}

TEST(Rtc, SetOutsideTheSupportedYearsIsRefused) {
  Rtc rtc;
  const UtcMicros before = rtc.utc_us(5.0);
  const ClockResult r = rtc.set(5.0, utc_of(2200, 1, 1, 0) * kUs);
  EXPECT_EQ(r.status.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(std::string(r.status.field()), "clock.time");
  EXPECT_EQ(rtc.utc_us(5.0), before);
  EXPECT_FALSE(rtc.set(5.0, -1).status.is_ok());
}

TEST(Rtc, SetFromACosemDateTime) {
  // 07 DE 0C 1F 03 17 3B 3B FF 80 00 00: 2014-12-31 23:59:59 local, no deviation -> CET -> 22:59:59Z.
  const std::array<std::uint8_t, 12> bytes = {0x07, 0xDE, 0x0C, 0x1F, 0x03, 0x17, 0x3B, 0x3B, 0xFF, 0x80, 0x00, 0x00};
  CosemDateTime v;
  ASSERT_TRUE(decode(bytes, &v).is_ok());
  Rtc rtc;
  ASSERT_TRUE(rtc.set(10.0, v).status.is_ok());
  EXPECT_EQ(rtc.utc(10.0), utc_of(2014, 12, 31, 22, 59, 59));
  v.date.year = kYearNotSpecified;
  EXPECT_FALSE(rtc.set(10.0, v).status.is_ok());
}

TEST(Rtc, ShiftTimeWithinNineHundredSeconds) {
  const UtcMicros t0 = utc_of(2025, 2, 1, 10) * kUs;
  Rtc rtc = rtc_reading(t0);
  ClockResult r = rtc.shift_time(100.0, 900);
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.change, (ClockChange{t0, t0 + 900 * kUs, ClockChangeKind::kShift}));
  r = rtc.shift_time(100.0, -900);
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.change.delta_us(), -900 * kUs);
  EXPECT_EQ(rtc.utc_us(100.0), t0);
  for (std::int32_t beyond : {901, -901, 3600}) {
    r = rtc.shift_time(100.0, beyond);
    EXPECT_EQ(r.status.code(), StatusCode::kOutOfRange);
    EXPECT_EQ(std::string(r.status.field()), "clock.shift_time");
    EXPECT_EQ(rtc.utc_us(100.0), t0);
  }
}

TEST(Rtc, AdjustToQuarterRoundsToTheNearestQuarterHalfUp) {
  struct Case {
    int h, m, s;
    int to_h, to_m;
  } cases[] = {{12, 7, 29, 12, 0}, {12, 7, 30, 12, 15}, {12, 22, 29, 12, 15},
               {12, 52, 31, 13, 0}, {12, 0, 0, 12, 0}, {23, 53, 0, 0, 0}};
  for (const Case& c : cases) {
    const UtcMicros t = utc_of(2025, 2, 1, c.h, c.m, c.s) * kUs;  // CET: UTC quarters = local quarters
    Rtc rtc = rtc_reading(t);
    const ClockChange change = rtc.adjust_to_quarter(100.0);
    const int day = c.to_h < c.h ? 2 : 1;
    const UtcMicros expected = utc_of(2025, 2, day, c.to_h, c.to_m) * kUs;
    EXPECT_EQ(change, (ClockChange{t, expected, ClockChangeKind::kAdjustToQuarter})) << c.h << ":" << c.m << ":" << c.s;
    EXPECT_EQ(rtc.utc_us(100.0), expected);
  }
}

TEST(Rtc, AdjustToMinuteFollowsTheBlueBookThirtySecondRule) {
  const UtcMicros base = utc_of(2025, 2, 1, 12) * kUs;
  Rtc rtc = rtc_reading(base + 29 * kUs + 999'999);
  EXPECT_EQ(rtc.adjust_to_minute(100.0).new_utc_us, base);
  rtc = rtc_reading(base + 30 * kUs);
  EXPECT_EQ(rtc.adjust_to_minute(100.0).new_utc_us, base + 60 * kUs);
  rtc = rtc_reading(utc_of(2025, 2, 1, 22, 59, 45) * kUs);  // 23:59:45 CET -> next day 00:00 CET
  EXPECT_EQ(rtc.local(100.0), (CivilDateTime{2025, 2, 1, 23, 59, 45}));
  const ClockChange c = rtc.adjust_to_minute(100.0);
  EXPECT_EQ(c.kind, ClockChangeKind::kAdjustToMinute);
  EXPECT_EQ(rtc.local(100.0), (CivilDateTime{2025, 2, 2, 0, 0, 0}));
}

TEST(Rtc, AdjustToMeasuringPeriod) {
  Rtc rtc = rtc_reading(utc_of(2025, 2, 1, 12, 7, 40) * kUs);
  ClockResult r = rtc.adjust_to_measuring_period(100.0, 600);
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.change.new_utc_us, utc_of(2025, 2, 1, 12, 10) * kUs);
  EXPECT_EQ(r.change.kind, ClockChangeKind::kAdjustToMeasuringPeriod);
  EXPECT_FALSE(rtc.adjust_to_measuring_period(100.0, 7).status.is_ok());  // does not divide a day
  EXPECT_FALSE(rtc.adjust_to_measuring_period(100.0, 0).status.is_ok());
}

TEST(Rtc, SyncPulseRoundsAsConfigured) {
  const UtcMicros noon = utc_of(2025, 2, 1, 12) * kUs;
  // Minute (default): a pulse 20 s after the minute the clock shows marks that minute...
  Rtc rtc = rtc_reading(noon + 20 * kUs);
  ClockResult r = rtc.sync_pulse(100.0);
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.change, (ClockChange{noon + 20 * kUs, noon, ClockChangeKind::kSyncPulse}));
  // ...and one 40 s after it marks the next.
  rtc = rtc_reading(noon + 40 * kUs);
  EXPECT_EQ(rtc.sync_pulse(100.0).change.new_utc_us, noon + 60 * kUs);
  // Quarter: 6 min 10 s after the quarter rounds back to it.
  RtcConfig quarter;
  quarter.pulse_rounding = SyncRounding::kQuarter;
  rtc = rtc_reading(noon + 370 * kUs, 100.0, quarter);
  EXPECT_EQ(rtc.sync_pulse(100.0).change.new_utc_us, noon);
}

TEST(Rtc, SyncPulseBeyondTheWindowIsRefused) {
  const UtcMicros noon = utc_of(2025, 2, 1, 12) * kUs;
  RtcConfig config;
  config.pulse_max_correction_s = 10;
  Rtc rtc = rtc_reading(noon + 8 * kUs, 100.0, config);
  ASSERT_TRUE(rtc.sync_pulse(100.0).status.is_ok());
  EXPECT_EQ(rtc.utc_us(100.0), noon);
  rtc = rtc_reading(noon + 20 * kUs, 100.0, config);
  const ClockResult r = rtc.sync_pulse(100.0);
  EXPECT_EQ(r.status.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(rtc.utc_us(100.0), noon + 20 * kUs);  // untouched
}

TEST(Rtc, PresetTimeWithinItsValidityInterval) {
  Rtc rtc = rtc_reading(utc_of(2025, 5, 31, 21, 59, 50) * kUs);  // 23:59:50 CEST
  // Preset 2025-06-01 00:00 local, valid from 2025-05-31 23:59 to 2025-06-01 00:01 local.
  CosemDateTime preset, from, to;
  preset.date = CosemDate{2025, 6, 1, kNotSpecified};
  preset.time = CosemTime::at(0, 0);
  from.date = CosemDate{2025, 5, 31, kNotSpecified};
  from.time = CosemTime::at(23, 59);
  to = preset;
  to.time = CosemTime::at(0, 1);
  ASSERT_TRUE(rtc.preset_adjusting_time(preset, from, to).is_ok());
  ClockResult r = rtc.adjust_to_preset_time(100.0);
  ASSERT_TRUE(r.status.is_ok());
  EXPECT_EQ(r.change.kind, ClockChangeKind::kAdjustToPresetTime);
  EXPECT_EQ(rtc.local(100.0), (CivilDateTime{2025, 6, 1, 0, 0, 0}));
  // Used up.
  EXPECT_EQ(rtc.adjust_to_preset_time(100.0).status.code(), StatusCode::kOutOfRange);
  // Outside the interval: refused, and used up too.
  ASSERT_TRUE(rtc.preset_adjusting_time(preset, from, to).is_ok());
  EXPECT_FALSE(rtc.adjust_to_preset_time(1000.0).status.is_ok());
  EXPECT_FALSE(rtc.adjust_to_preset_time(100.0).status.is_ok());
  // An interval that ends before it starts.
  EXPECT_FALSE(rtc.preset_adjusting_time(preset, to, from).is_ok());
}

TEST(Rtc, StatusBitsFollowTheDocumentedRules) {
  RtcConfig config;
  config.valid_at_start = false;
  Rtc rtc(config);
  EXPECT_EQ(rtc.status(0.0), kStatusInvalidValue);
  // A shift or a rounding of an invalid time is still invalid.
  ASSERT_TRUE(rtc.shift_time(0.0, 60).status.is_ok());
  rtc.adjust_to_quarter(0.0);
  rtc.mark_doubtful();  // bits 0 and 1 are exclusive: invalid wins
  EXPECT_EQ(rtc.status(0.0), kStatusInvalidValue);
  ASSERT_TRUE(rtc.set(0.0, utc_of(2025, 2, 1, 12) * kUs).status.is_ok());
  EXPECT_EQ(rtc.status(0.0), 0x00);
  rtc.mark_doubtful();
  EXPECT_EQ(rtc.status(0.0), kStatusDoubtfulValue);
  ASSERT_TRUE(rtc.sync_pulse(0.0).status.is_ok());  // compared with a reference: no longer doubtful
  EXPECT_EQ(rtc.status(0.0), 0x00);
  rtc.mark_doubtful();
  rtc.invalidate();
  EXPECT_EQ(rtc.status(0.0), kStatusInvalidValue);
  ASSERT_TRUE(rtc.set(0.0, utc_of(2025, 2, 1, 12) * kUs).status.is_ok());
  rtc.set_different_clock_base(true);
  rtc.mark_status_unreliable();
  EXPECT_EQ(rtc.status(0.0), kStatusDifferentClockBase | kStatusInvalidClockStatus);
  ASSERT_TRUE(rtc.set(0.0, utc_of(2025, 7, 1, 12) * kUs).status.is_ok());  // clears bit 3, not bit 2
  EXPECT_EQ(rtc.status(0.0), kStatusDifferentClockBase | kStatusDaylightSaving);
  rtc.set_different_clock_base(false);
  EXPECT_EQ(rtc.status(0.0), kStatusDaylightSaving);
}

TEST(Rtc, CosemTimeIsTheClockAttributeByteForByte) {
  // 2024-06-15 18:23:45 UTC reads 07 E8 06 0F 06 14 17 2D 00 FF 88 80 (see cosem_date_time_test).
  Rtc rtc = rtc_reading(1'718'475'825 * kUs, 0.0);
  const std::array<std::uint8_t, 12> expected = {0x07, 0xE8, 0x06, 0x0F, 0x06, 0x14, 0x17, 0x2D, 0x00, 0xFF, 0x88, 0x80};
  EXPECT_EQ(encode(rtc.cosem_time(0.0)), expected);
  EXPECT_EQ(rtc.cosem_time(0.37).time.hundredths, 37);
}

TEST(Rtc, PollReportsDstBeginAndEndOnce) {
  // One second before the 2025 spring jump (2025-03-30 01:00 UTC).
  Rtc rtc = rtc_reading(utc_of(2025, 3, 30, 0, 59, 59) * kUs, 0.0);
  EXPECT_EQ(rtc.poll(0.0), std::nullopt);  // takes note
  EXPECT_EQ(rtc.poll(0.5), std::nullopt);
  const std::optional<ClockChange> begin = rtc.poll(1.0);
  ASSERT_TRUE(begin.has_value());
  EXPECT_EQ(begin->kind, ClockChangeKind::kDstBegin);
  EXPECT_EQ(begin->old_utc_us, begin->new_utc_us);
  EXPECT_EQ(begin->new_utc_us, utc_of(2025, 3, 30, 1) * kUs);
  EXPECT_EQ(rtc.local(1.0), (CivilDateTime{2025, 3, 30, 3, 0, 0}));
  EXPECT_EQ(rtc.poll(2.0), std::nullopt);
  // Setting the clock back into winter is also seen as a DST end.
  ASSERT_TRUE(rtc.set(3.0, utc_of(2025, 2, 1, 0) * kUs).status.is_ok());
  const std::optional<ClockChange> end = rtc.poll(3.0);
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(end->kind, ClockChangeKind::kDstEnd);
}

TEST(Rtc, TimeZoneChangesAreValidated) {
  Rtc rtc;
  TimeZone tz = utc_time_zone();
  ASSERT_TRUE(rtc.set_time_zone(tz).is_ok());
  EXPECT_EQ(rtc.local(0.0), (CivilDateTime{2024, 12, 31, 23, 0, 0}));
  tz.time_zone_min = 1000;
  EXPECT_FALSE(rtc.set_time_zone(tz).is_ok());
  EXPECT_EQ(rtc.time_zone(), utc_time_zone());
}

TEST(Rtc, ConfigValidation) {
  RtcConfig c;
  EXPECT_TRUE(validate(c).is_ok());
  c.start_utc = utc_of(2200, 1, 1, 0);
  EXPECT_EQ(std::string(validate(c).field()), "clock.start_utc");
  c = RtcConfig{};
  c.pulse_max_correction_s = 451;
  EXPECT_EQ(std::string(validate(c).field()), "clock.pulse_max_correction_s");
  c = RtcConfig{};
  c.time_zone.time_zone_min = -800;
  EXPECT_EQ(std::string(validate(c).field()), "clock.time_zone");
}

}  // namespace
}  // namespace quadra::clock
