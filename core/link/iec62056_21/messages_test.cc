#include "core/link/iec62056_21/messages.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace quadra::iec62056_21 {
namespace {

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string fmt(std::string_view address, std::vector<DataSetValue> values, std::size_t cap = 80, Status* status = nullptr) {
  std::vector<char> out(cap);
  std::size_t n = 0;
  const Status s = format_data_set(address, values, out, &n);
  if (status != nullptr) *status = s;
  return std::string(out.data(), n);
}

// pwitab/iec62056-21 tests/test_bcc.py: BCC over what follows SOH, through ETX.
TEST(Bcc, PwitabVectors) {
  const std::vector<std::uint8_t> w2 = {0x01, 0x57, 0x32, 0x02, 0x43, 0x30, 0x30, 0x33, 0x28, 0x39, 0x31, 0x30,
                                        0x33, 0x32, 0x34, 0x30, 0x39, 0x32, 0x32, 0x33, 0x39, 0x29, 0x03, 0x1b};
  EXPECT_EQ(bcc(std::span<const std::uint8_t>(w2).subspan(1, w2.size() - 2)), 0x1B);
  const std::string p0 = "\x01P0\x02(1234567)\x03P";
  EXPECT_EQ(bcc(bytes_of(p0).subspan(1, p0.size() - 2)), 'P');
}

TEST(BaudChars, ModeCTable) {
  const std::uint32_t bauds[] = {300, 600, 1200, 2400, 4800, 9600, 19200};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(baud_of_char(static_cast<char>('0' + i)), bauds[i]);
    EXPECT_EQ(char_of_baud(bauds[i]), static_cast<char>('0' + i));
  }
  EXPECT_EQ(baud_of_char('7'), 0U);
  EXPECT_EQ(baud_of_char('A'), 0U);  // mode B letters are not mode C
  EXPECT_EQ(char_of_baud(115200), '\0');
}

// Data sets: pwitab/iec62056-21 tests/test_data.py (TestDataSets) and the VDEW forms the meter prints.
TEST(DataSet, Formats) {
  EXPECT_EQ(fmt("3.1.0", {{"100", "kWh"}}), "3.1.0(100*kWh)");
  EXPECT_EQ(fmt("3.1.0", {{"100", ""}}), "3.1.0(100)");
  EXPECT_EQ(fmt("1.8.1", {{"000123.456", "kWh"}}), "1.8.1(000123.456*kWh)");
  EXPECT_EQ(fmt("1.6.1", {{"0012.345", "kW"}, {"2611251415", ""}}), "1.6.1(0012.345*kW)(2611251415)");
  EXPECT_EQ(fmt("1.8.1*12", {{"000100.000", "kWh"}}), "1.8.1*12(000100.000*kWh)");
  EXPECT_EQ(fmt("", {{"1234567", ""}}), "(1234567)");
}

TEST(DataSet, Refusals) {
  Status s;
  fmt("1.8.1(", {{"1", ""}}, 80, &s);
  EXPECT_STREQ(s.field(), "iec62056_21.data_set.address");
  fmt("12345678901234567", {{"1", ""}}, 80, &s);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  fmt("1.8.1", {{"1!", ""}}, 80, &s);
  EXPECT_STREQ(s.field(), "iec62056_21.data_set.value");
  fmt("1.8.1", {{std::string(33, '1'), ""}}, 80, &s);
  EXPECT_STREQ(s.field(), "iec62056_21.data_set.value");
  fmt("1.8.1", {{"1", "k)Wh"}}, 80, &s);
  EXPECT_STREQ(s.field(), "iec62056_21.data_set.unit");
  EXPECT_EQ(fmt("1.8.1", {{"000123.456", "kWh"}}, 10, &s), "");
  EXPECT_EQ(s.code(), StatusCode::kCapacity);
  EXPECT_EQ(fmt("1.8.1", {{"000123.456", "kWh"}}, 21, &s), "1.8.1(000123.456*kWh)");
  EXPECT_TRUE(s.is_ok());
}

std::string fixed(std::int64_t v, int decimals, int digits) {
  char out[32];
  std::size_t n = 0;
  EXPECT_TRUE(format_fixed(v, decimals, digits, out, &n).is_ok());
  return std::string(out, n);
}

TEST(FormatFixed, PaddingSignAndDecimals) {
  EXPECT_EQ(fixed(123456, 3, 6), "000123.456");
  EXPECT_EQ(fixed(12345, 3, 4), "0012.345");
  EXPECT_EQ(fixed(0, 3, 6), "000000.000");
  EXPECT_EQ(fixed(-15, 1, 4), "-0001.5");
  EXPECT_EQ(fixed(7, 0, 3), "007");
  EXPECT_EQ(fixed(123456789, 2, 3), "1234567.89");  // wider than asked: nothing is cut
  EXPECT_EQ(fixed(INT64_MIN, 0, 1), "-9223372036854775808");
  char small[4];
  std::size_t n = 0;
  EXPECT_EQ(format_fixed(123456, 3, 6, small, &n).code(), StatusCode::kCapacity);
  EXPECT_EQ(format_fixed(1, 10, 6, small, &n).code(), StatusCode::kInvalidArgument);
}

TEST(FormatTimestamp, Vdew) {
  char out[10];
  std::size_t n = 0;
  ASSERT_TRUE(format_timestamp(2026, 11, 25, 14, 15, out, &n).is_ok());
  EXPECT_EQ(std::string(out, n), "2611251415");
  ASSERT_TRUE(format_timestamp(2030, 1, 2, 3, 4, out, &n).is_ok());
  EXPECT_EQ(std::string(out, n), "3001020304");
}

// Command messages: pwitab/iec62056-21 tests/test_data.py (TestCommandMessage) and test_bcc.py.
TEST(Command, PwitabVectors) {
  // The parsed address and value are views into the message: keep each message alive while read.
  Command c;
  const std::string p0 = "\x01P0\x02(1234567)\x03P";
  ASSERT_TRUE(parse_command(bytes_of(p0), &c).is_ok());
  EXPECT_EQ(c.command, 'P');
  EXPECT_EQ(c.type, '0');
  EXPECT_TRUE(c.has_data);
  EXPECT_EQ(c.address, "");
  EXPECT_EQ(c.value, "1234567");
  const std::string r1 = "\x01R1\x02" "1.8.0(1)\x03k";
  ASSERT_TRUE(parse_command(bytes_of(r1), &c).is_ok());
  EXPECT_EQ(c.command, 'R');
  EXPECT_EQ(c.address, "1.8.0");
  EXPECT_EQ(c.value, "1");
  const std::string b0 = "\x01" "B0\x03q";
  ASSERT_TRUE(parse_command(bytes_of(b0), &c).is_ok());
  EXPECT_EQ(c.command, 'B');
  EXPECT_FALSE(c.has_data);
  const std::vector<std::uint8_t> w2 = {0x01, 0x57, 0x32, 0x02, 0x43, 0x30, 0x30, 0x33, 0x28, 0x39, 0x31, 0x30,
                                        0x33, 0x32, 0x34, 0x30, 0x39, 0x32, 0x32, 0x33, 0x39, 0x29, 0x03, 0x1b};
  ASSERT_TRUE(parse_command(w2, &c).is_ok());
  EXPECT_EQ(c.command, 'W');
  EXPECT_EQ(c.type, '2');
  EXPECT_EQ(c.address, "C003");
  EXPECT_EQ(c.value, "910324092239");
}

TEST(Command, Refusals) {
  Command c;
  EXPECT_STREQ(parse_command(bytes_of("\x01P0\x02(1234567)\x03X"), &c).reason(), "BCC mismatch");
  EXPECT_STREQ(parse_command(bytes_of("\x01P0"), &c).reason(), "shorter than SOH C D ETX BCC");
  EXPECT_STREQ(parse_command(bytes_of("\x02P0\x03S"), &c).reason(), "does not start with SOH");
  EXPECT_STREQ(parse_command(bytes_of("\x01X0\x03k"), &c).reason(), "unknown command (not P, W, R, E or B)");
  EXPECT_STREQ(parse_command(bytes_of("\x01PX\x03\x0b"), &c).reason(), "command type is not a digit");
  // "R1 STX 1.8.0 ETX" without parentheses; BCC = 'R'^'1'^STX^"1.8.0"^ETX.
  std::string no_parens = "\x01R1\x02" "1.8.0\x03";
  no_parens += static_cast<char>(bcc(bytes_of(no_parens).subspan(1)));
  EXPECT_STREQ(parse_command(bytes_of(no_parens), &c).reason(), "data set is not address(value)");
}

}  // namespace
}  // namespace quadra::iec62056_21
