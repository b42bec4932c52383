// Number parsing, unit prefixes and the display of names in 8-bit code pages.
#include <gtest/gtest.h>

#include "host/comtrade/comtrade.h"
#include "host/comtrade/text_util.h"

namespace quadra::comtrade {
namespace {

TEST(ComtradeText, Numbers) {
  EXPECT_EQ(text::parse_number("1.250000e+003"), 1250.0);
  EXPECT_EQ(text::parse_number("  4.028324E-02 "), 4.028324E-02);
  EXPECT_EQ(text::parse_number("+5"), 5.0);
  EXPECT_EQ(text::parse_number("-.5"), -0.5);
  EXPECT_FALSE(text::parse_number(""));
  EXPECT_FALSE(text::parse_number("x.5"));
  EXPECT_FALSE(text::parse_number("1.5x"));
  EXPECT_FALSE(text::parse_number("+-1"));
  EXPECT_FALSE(text::parse_number("nan"));
  EXPECT_FALSE(text::parse_number("inf"));
  EXPECT_EQ(text::parse_integer(" 88"), 88);
  EXPECT_FALSE(text::parse_integer("1.0"));
  EXPECT_FALSE(text::parse_integer("99999999999999999999"));
}

TEST(ComtradeText, Fields) {
  const auto f = text::split_fields("  1,F1-IA               ,A,,A     ,     0.001953\r");
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[0], "1");
  EXPECT_EQ(f[1], "F1-IA");
  EXPECT_EQ(f[3], "");
  EXPECT_EQ(f[4], "A");
  EXPECT_EQ(f[5], "0.001953");
}

TEST(ComtradeText, UnitPrefixes) {
  EXPECT_EQ(parse_unit("kV").si_unit, "V");
  EXPECT_EQ(parse_unit("kV").scale, 1e3);
  EXPECT_EQ(parse_unit("KV").scale, 1e3);
  EXPECT_EQ(parse_unit(" kA ").si_unit, "A");
  EXPECT_EQ(parse_unit("mA").scale, 1e-3);
  EXPECT_EQ(parse_unit("mV").scale, 1e-3);
  EXPECT_EQ(parse_unit("MW").scale, 1e6);
  EXPECT_EQ(parse_unit("uA").scale, 1e-6);
  EXPECT_EQ(parse_unit("\xC2\xB5" "A").scale, 1e-6);
  EXPECT_EQ(parse_unit("V").scale, 1.0);
  EXPECT_EQ(parse_unit("VA").si_unit, "VA");  // volt-ampere, not a prefixed unit
  EXPECT_EQ(parse_unit("kvar").si_unit, "var");
  EXPECT_EQ(parse_unit("deg").si_unit, "deg");
  EXPECT_EQ(parse_unit("deg").scale, 1.0);
  EXPECT_EQ(parse_unit("m").scale, 1.0);  // metres: no base unit after the prefix
}

TEST(ComtradeText, DisplayText) {
  // "Реле" in Windows-1251, CP866, UTF-8.
  EXPECT_EQ(display_text("\xD0\xE5\xEB\xE5"), "Реле");
  EXPECT_EQ(display_text("\x90\xA5\xAB\xA5"), "Реле");
  EXPECT_EQ(display_text("Реле"), "Реле");
  EXPECT_EQ(display_text("\xD0\xE5\xEB\xE5", Codepage::kEscape), "\\xD0\\xE5\\xEB\\xE5");
  EXPECT_EQ(display_text("a\tb"), "a\\x09b");
  EXPECT_EQ(display_text("\x98", Codepage::kWindows1251), "\\x98");  // unassigned in 1251
  EXPECT_EQ(display_text("\xD0\xE5\xEB\xE5", Codepage::kCp866), "╨хых");
}

TEST(ComtradeText, TimestampFormatting) {
  Timestamp t;
  t.year = 2011;
  t.month = 1;
  t.day = 12;
  t.hour = 5;
  t.minute = 55;
  t.second = 30;
  t.nanosecond = 750110000;
  t.fraction_digits = 5;
  EXPECT_EQ(t.to_string(), "2011-01-12 05:55:30.75011");
  // 2011-01-12 is day 14986 after 1970-01-01.
  EXPECT_EQ(t.epoch_ns(),
            (14986LL * 86400 + 5 * 3600 + 55 * 60 + 30) * 1'000'000'000LL + 750110000);
}

}  // namespace
}  // namespace quadra::comtrade
