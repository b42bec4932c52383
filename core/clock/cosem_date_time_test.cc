#include "core/clock/cosem_date_time.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace quadra::clock {
namespace {

using Bytes12 = std::array<std::uint8_t, 12>;

UtcSeconds utc_of(int y, int mo, int d, int h, int mi = 0, int s = 0) { return seconds_from_civil({y, mo, d, h, mi, s}); }

TEST(CosemDateTime, ClassicVectorDecodesAndReencodesByteForByte) {
  // 07 DE = 0x07DE = 7 * 256 + 222 = 2014; 0C = December; 1F = 31st; 03 = Wednesday (2014-01-01
  // was a Wednesday and December 31st is 364 days = 52 weeks later); 17 3B 3B = 23:59:59;
  // FF = hundredths not specified; 80 00 = deviation not specified; 00 = status OK.
  const Bytes12 bytes = {0x07, 0xDE, 0x0C, 0x1F, 0x03, 0x17, 0x3B, 0x3B, 0xFF, 0x80, 0x00, 0x00};
  CosemDateTime v;
  ASSERT_TRUE(decode(bytes, &v).is_ok());
  EXPECT_EQ(v.date, (CosemDate{2014, 12, 31, 3}));
  EXPECT_EQ(v.time, (CosemTime{23, 59, 59, kNotSpecified}));
  EXPECT_EQ(v.deviation, kDeviationNotSpecified);
  EXPECT_EQ(v.clock_status, 0x00);
  EXPECT_EQ(encode(v), bytes);
  // Without a deviation the time is local: 23:59:59 CET = 22:59:59 UTC.
  UtcMicros t = 0;
  ASSERT_TRUE(to_utc(v, central_european_time(), &t).is_ok());
  EXPECT_EQ(t, utc_of(2014, 12, 31, 22, 59, 59) * kMicrosPerSecond);
}

TEST(CosemDateTime, SummerTimeAsAMeterSendsIt) {
  // A Kaifa meter's clock (amsreader-firmware issue 809) at 2024-06-15 18:23:45 UTC:
  //   07 E8 = 2024, 06 = June, 0F = 15th, 06 = Saturday, 14 17 2D = 20:23:45 local (CEST),
  //   00 = .00 s, FF 88 = -120 (UTC = local - 2 h), 80 = daylight saving active.
  const Bytes12 bytes = {0x07, 0xE8, 0x06, 0x0F, 0x06, 0x14, 0x17, 0x2D, 0x00, 0xFF, 0x88, 0x80};
  const UtcSeconds t = 1'718'475'825;
  EXPECT_EQ(encode(to_cosem(t * kMicrosPerSecond, central_european_time(), 0x00)), bytes);
  CosemDateTime v;
  ASSERT_TRUE(decode(bytes, &v).is_ok());
  EXPECT_EQ(v.deviation, -120);
  UtcMicros back = 0;
  ASSERT_TRUE(to_utc(v, utc_time_zone(), &back).is_ok());  // the deviation decides, not the zone
  EXPECT_EQ(back, t * kMicrosPerSecond);
}

TEST(CosemDateTime, WinterTimeWithHundredths) {
  // 2025-01-01 00:00:00.57 CET = 2024-12-31 23:00:00.57 UTC (day 20088: 20088 * 86400 + 82800 =
  // 1735686000). 07 E9 = 2025, 01 01, 03 = Wednesday (2024-01-01 was a Monday, + 366 days =
  // 52 weeks + 2 days), 00 00 00, 39 = 57 hundredths, FF C4 = -60 (0x10000 - 60), 00.
  const UtcMicros t = 1'735'686'000 * kMicrosPerSecond + 570'000;
  const Bytes12 bytes = {0x07, 0xE9, 0x01, 0x01, 0x03, 0x00, 0x00, 0x00, 0x39, 0xFF, 0xC4, 0x00};
  EXPECT_EQ(encode(to_cosem(t, central_european_time(), 0x00)), bytes);
  CosemDateTime v;
  ASSERT_TRUE(decode(bytes, &v).is_ok());
  UtcMicros back = 0;
  ASSERT_TRUE(to_utc(v, central_european_time(), &back).is_ok());
  EXPECT_EQ(back, t);
}

TEST(CosemDateTime, StatusBitsPassThroughAndDstBitFollowsTheZone) {
  const UtcMicros winter = utc_of(2025, 1, 15, 12) * kMicrosPerSecond;
  // A DST bit given by the caller in winter is cleared; other bits stay.
  EXPECT_EQ(to_cosem(winter, central_european_time(), kStatusDaylightSaving | kStatusDoubtfulValue).clock_status,
            kStatusDoubtfulValue);
  EXPECT_EQ(to_cosem(winter, utc_time_zone(), 0).deviation, 0);
}

TEST(CosemDateTime, WildcardsDecode) {
  // Every year on December 25th: year FFFF, month 0C, day 19, weekday not specified.
  const std::array<std::uint8_t, 5> christmas = {0xFF, 0xFF, 0x0C, 0x19, 0xFF};
  CosemDate d;
  ASSERT_TRUE(decode(christmas, &d).is_ok());
  EXPECT_EQ(d, CosemDate::every_year(12, 25));
  EXPECT_EQ(encode(d), christmas);
  // The last Sunday of March at 02:00, as a Clock's daylight_savings_begin: day FE, weekday 07.
  const Bytes12 dst_begin = {0xFF, 0xFF, 0x03, 0xFE, 0x07, 0x02, 0x00, 0x00, 0x00, 0x80, 0x00, 0xFF};
  CosemDateTime v;
  ASSERT_TRUE(decode(dst_begin, &v).is_ok());
  EXPECT_EQ(v.date.day_of_month, kLastDayOfMonth);
  EXPECT_EQ(v.clock_status, kStatusNotSpecified);
  // Everything not specified (activate_passive_calendar_time = never).
  const Bytes12 never = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0x00, 0xFF};
  ASSERT_TRUE(decode(never, &v).is_ok());
  EXPECT_TRUE(is_all_not_specified(v));
  EXPECT_EQ(encode(not_specified_date_time()), never);
  // A time of day for a day schedule: 06:00:00.00.
  const std::array<std::uint8_t, 4> six = {0x06, 0x00, 0x00, 0x00};
  CosemTime tm;
  ASSERT_TRUE(decode(six, &tm).is_ok());
  EXPECT_EQ(tm, CosemTime::at(6, 0));
}

TEST(CosemDateTime, MalformedValuesAreRefusedWithTheirField) {
  struct Case {
    Bytes12 bytes;
    const char* field;
  } cases[] = {
      {{0x07, 0xE9, 0x0D, 0x01, 0xFF, 0, 0, 0, 0, 0x80, 0x00, 0x00}, "date.month"},         // month 13
      {{0x07, 0xE9, 0x00, 0x01, 0xFF, 0, 0, 0, 0, 0x80, 0x00, 0x00}, "date.month"},         // month 0
      {{0x07, 0xE9, 0x01, 0x20, 0xFF, 0, 0, 0, 0, 0x80, 0x00, 0x00}, "date.day_of_month"},  // day 32
      {{0x07, 0xE9, 0x01, 0xE0, 0xFF, 0, 0, 0, 0, 0x80, 0x00, 0x00}, "date.day_of_month"},  // reserved
      {{0x07, 0xE9, 0x01, 0x00, 0xFF, 0, 0, 0, 0, 0x80, 0x00, 0x00}, "date.day_of_month"},  // day 0
      {{0x07, 0xE7, 0x02, 0x1D, 0xFF, 0, 0, 0, 0, 0x80, 0x00, 0x00}, "date.day_of_month"},  // 2023-02-29
      {{0x07, 0xE9, 0x01, 0x01, 0x08, 0, 0, 0, 0, 0x80, 0x00, 0x00}, "date.day_of_week"},   // weekday 8
      {{0x07, 0xDE, 0x0C, 0x1F, 0x04, 0, 0, 0, 0, 0x80, 0x00, 0x00}, "date.day_of_week"},   // 2014-12-31 no Thursday
      {{0x07, 0xE9, 0x01, 0x01, 0xFF, 0x18, 0, 0, 0, 0x80, 0x00, 0x00}, "time.hour"},       // 24 h
      {{0x07, 0xE9, 0x01, 0x01, 0xFF, 0, 0x3C, 0, 0, 0x80, 0x00, 0x00}, "time.minute"},     // 60 min
      {{0x07, 0xE9, 0x01, 0x01, 0xFF, 0, 0, 0x3C, 0, 0x80, 0x00, 0x00}, "time.second"},     // 60 s
      {{0x07, 0xE9, 0x01, 0x01, 0xFF, 0, 0, 0, 0x64, 0x80, 0x00, 0x00}, "time.hundredths"}, // 100
      {{0x07, 0xE9, 0x01, 0x01, 0xFF, 0, 0, 0, 0, 0x02, 0xD1, 0x00}, "date_time.deviation"},  // +721
      {{0x07, 0xE9, 0x01, 0x01, 0xFF, 0, 0, 0, 0, 0xFD, 0x2F, 0x00}, "date_time.deviation"},  // -721
  };
  for (const Case& c : cases) {
    CosemDateTime v;
    const Status s = decode(c.bytes, &v);
    EXPECT_FALSE(s.is_ok()) << c.field;
    EXPECT_EQ(std::string(s.field()), c.field);
  }
  const std::vector<std::uint8_t> short_one = {0x07, 0xE9, 0x01, 0x01, 0x03, 0, 0, 0, 0, 0x80, 0x00};
  CosemDateTime v;
  EXPECT_EQ(std::string(decode(short_one, &v).field()), "date_time");
  CosemDate d;
  EXPECT_EQ(std::string(decode(std::span<const std::uint8_t>(short_one).first(4), &d).field()), "date");
  // Edge values that are fine: deviation +-720, February 29th of any year when the year is open.
  const Bytes12 edge = {0xFF, 0xFF, 0x02, 0x1D, 0xFF, 0, 0, 0, 0, 0x02, 0xD0, 0xFF};
  EXPECT_TRUE(decode(edge, &v).is_ok());
  EXPECT_EQ(v.deviation, 720);
}

TEST(CosemDateTime, ToUtcNeedsOneInstant) {
  const TimeZone pl = central_european_time();
  UtcMicros t = 0;
  CosemDateTime v;
  v.date = CosemDate::every_year(12, 25);
  v.time = CosemTime::at(0, 0);
  EXPECT_EQ(std::string(to_utc(v, pl, &t).field()), "date_time.year");
  v.date = CosemDate{2025, 12, 25, kNotSpecified};
  v.time.hour = kNotSpecified;
  EXPECT_EQ(std::string(to_utc(v, pl, &t).field()), "date_time.time");
  // 02:30 on 2025-03-30 does not exist in Poland.
  v.date = CosemDate{2025, 3, 30, kNotSpecified};
  v.time = CosemTime::at(2, 30);
  EXPECT_EQ(std::string(to_utc(v, pl, &t).field()), "date_time");
  // ...but with an explicit deviation it names an instant all the same.
  v.deviation = -60;
  ASSERT_TRUE(to_utc(v, pl, &t).is_ok());
  EXPECT_EQ(t, utc_of(2025, 3, 30, 1, 30) * kMicrosPerSecond);
}

TEST(CosemDateTime, RepeatedHourPickedByTheDstBit) {
  const TimeZone pl = central_european_time();
  CosemDateTime v;
  v.date = CosemDate{2025, 10, 26, kNotSpecified};
  v.time = CosemTime::at(2, 30);
  UtcMicros t = 0;
  v.clock_status = kStatusDaylightSaving;  // CEST pass
  ASSERT_TRUE(to_utc(v, pl, &t).is_ok());
  EXPECT_EQ(t, utc_of(2025, 10, 26, 0, 30) * kMicrosPerSecond);
  v.clock_status = 0x00;  // CET pass
  ASSERT_TRUE(to_utc(v, pl, &t).is_ok());
  EXPECT_EQ(t, utc_of(2025, 10, 26, 1, 30) * kMicrosPerSecond);
  v.clock_status = kStatusNotSpecified;  // the earlier pass
  ASSERT_TRUE(to_utc(v, pl, &t).is_ok());
  EXPECT_EQ(t, utc_of(2025, 10, 26, 0, 30) * kMicrosPerSecond);
}

}  // namespace
}  // namespace quadra::clock
