// Every real recording in tests/data/comtrade loads. For each: channel counts, sample count,
// rate(s), revision, first and last time stamps, and values decoded by hand from the raw lines or
// bytes with value = a*x + b (then the unit's prefix). Where each number comes from is given in
// the comments: "line N" is a line of the ASCII .dat, "record N" a binary record (1-based) with
// its bytes as `xxd` shows them (little-endian: "6d9e" is 0x9e6d).
#include <cmath>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/comtrade/comtrade.h"
#include "host/comtrade/test_util.h"

namespace quadra::comtrade {
namespace {

using ::testing::HasSubstr;
using testutil::data_dir;

std::filesystem::path set1(const char* name) { return data_dir() / "wisp-example-set-1" / name; }
std::filesystem::path set2(const char* name) { return data_dir() / "wisp-example-set-2" / name; }

TEST(ComtradeRealFiles, SampleAscii) {
  const ComtradeRecord r = read_comtrade(set1("sample_ascii.cfg"));
  const ComtradeConfig& c = r.config;
  EXPECT_EQ(c.station, "SMARTSTATION");
  EXPECT_EQ(c.device_id, "IED123");
  EXPECT_EQ(c.revision_year, 2013);
  EXPECT_EQ(c.revision, Revision::k2013);
  EXPECT_EQ(c.format, DataFormat::kAscii);
  EXPECT_EQ(c.analog.size(), 4u);
  EXPECT_EQ(c.digital.size(), 4u);
  EXPECT_EQ(c.line_frequency_hz, 60.0);
  ASSERT_EQ(c.rates.size(), 1u);
  EXPECT_EQ(c.rates[0].rate_hz, 1200.0);
  EXPECT_EQ(r.sample_count(), 40u);
  // "12/01/2011,05:55:30.75011" read dd/mm/yyyy (2013).
  EXPECT_EQ(c.start.to_string(), "2011-01-12 05:55:30.75011");
  EXPECT_EQ(c.trigger.to_string(), "2011-01-12 05:55:30.78261");
  ASSERT_TRUE(c.time_code);
  EXPECT_EQ(c.time_code->time_code_minutes, -330);  // "-5h30,-5h30"
  ASSERT_TRUE(c.time_quality);
  EXPECT_EQ(c.time_quality->tmq_value, 0xB);        // "B,3"
  EXPECT_EQ(c.time_quality->leap_value, 3);
  EXPECT_EQ(c.analog[0].unit, "A");                 // " A" with its space removed
  EXPECT_EQ(c.analog[0].basis, Basis::kSecondary);  // "s"
  EXPECT_EQ(c.analog[0].ratio(), 933.0);
  // Time: 1200 Hz from the rates table; time stamps 72500 (line 1) and 105000 (line 40) us.
  EXPECT_EQ(r.time_s.front(), 0.0);
  EXPECT_DOUBLE_EQ(r.time_s.back(), 39.0 / 1200.0);
  EXPECT_DOUBLE_EQ(r.timestamp_s.front(), 0.0725);
  EXPECT_DOUBLE_EQ(r.timestamp_s.back(), 0.105);
  // a = 0.1138916015625, b = 0.05694580078125 (both exact binary fractions).
  // Line 1 "1,72500,-83,68,7,-8,0,0,0,0": IA = 0.1138916015625*-83 + 0.05694580078125.
  EXPECT_EQ(r.analog[0][0], -9.39605712890625);
  EXPECT_EQ(r.analog[1][0], 7.80157470703125);    // IB = 68
  EXPECT_EQ(r.analog[3][0], -0.85418701171875);   // 3I0 = -8
  // Line 40 "40,105000,-169,41,18,-110,1,1,0,1": IA = -169.
  EXPECT_EQ(r.analog[0][39], -19.19073486328125);
  // Digital 51N (4th) becomes 1 on line 11, 51A (1st) on line 14.
  EXPECT_EQ(r.digital[3][9], 0);
  EXPECT_EQ(r.digital[3][10], 1);
  EXPECT_EQ(r.digital[0][12], 0);
  EXPECT_EQ(r.digital[0][13], 1);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ComtradeRealFiles, SampleAsciiCffEqualsCfgAndDat) {
  const ComtradeRecord a = read_comtrade(set1("sample_ascii.cfg"));
  const ComtradeRecord b = read_comtrade(set1("sample_ascii.cff"));
  ASSERT_EQ(a.sample_count(), b.sample_count());
  ASSERT_EQ(a.analog.size(), b.analog.size());
  for (std::size_t c = 0; c < a.analog.size(); ++c) {
    for (std::size_t k = 0; k < a.sample_count(); ++k) {
      EXPECT_EQ(a.analog[c][k], b.analog[c][k]) << c << "," << k;
    }
  }
  EXPECT_EQ(a.digital, b.digital);
  EXPECT_EQ(a.time_s, b.time_s);
  EXPECT_EQ(a.timestamp_s, b.timestamp_s);
  EXPECT_EQ(a.sample_number, b.sample_number);
  EXPECT_EQ(b.cfg_path.filename(), "sample_ascii.cff");
}

TEST(ComtradeRealFiles, SampleBin) {
  const ComtradeRecord r = read_comtrade(set1("sample_bin"));
  const ComtradeConfig& c = r.config;
  EXPECT_EQ(c.revision_year, 1999);
  EXPECT_EQ(c.format, DataFormat::kBinary);
  EXPECT_EQ(c.analog.size(), 4u);
  EXPECT_EQ(c.digital.size(), 16u);
  EXPECT_EQ(c.line_frequency_hz, 60.0);
  EXPECT_EQ(c.rates[0].rate_hz, 15360.0);
  EXPECT_EQ(r.sample_count(), 5u);  // 90 bytes = 5 records of 4+4+4*2+2
  EXPECT_EQ(c.start.to_string(), "2017-01-07 15:35:41.958268");  // "07/01/2017", dd/mm
  EXPECT_EQ(c.analog[0].basis, Basis::kPrimary);
  EXPECT_EQ(c.analog[0].ratio(), 120.0);
  EXPECT_DOUBLE_EQ(r.time_s.back(), 4.0 / 15360.0);
  EXPECT_EQ(r.timestamp_s.front(), 0.0);  // every time stamp is 0 in this file
  EXPECT_EQ(r.timestamp_s.back(), 0.0);
  // Record 1: "0100 0000 0000 0000 6d9e bff0 4e6c 1930 0000".
  // VA = 0x9e6d = -24979 -> 0.000361849 * -24979 = -9.038626171 kV.
  EXPECT_NEAR(r.analog[0][0], -9038.626171, 1e-9);
  EXPECT_NEAR(r.analog[1][0], -1428.284990, 1e-9);  // VB = 0xf0bf = -3905 * 0.000365758 kV
  EXPECT_NEAR(r.analog[2][0], 10302.122094, 1e-9);  // VC = 0x6c4e = 27726 * 0.000371569 kV
  EXPECT_NEAR(r.analog[3][0], 203.078309, 1e-9);    // VN = 0x3019 = 12313 * 0.000016493 kV
  // Record 5: "0500 0000 0000 0000 faa6 98e7 cd6d 402b 0000": VA = 0xa6fa = -22790.
  EXPECT_NEAR(r.analog[0][4], -8246.53871, 1e-9);
  EXPECT_NEAR(r.analog[3][4], 182.610496, 1e-9);    // VN = 0x2b40 = 11072
  EXPECT_EQ(r.sample_number[4], 5);
  // Primary kV -> secondary with 120/1: -9038.626171 V / 120.
  EXPECT_NEAR(r.value(0, 0, Basis::kSecondary), -75.32188475833, 1e-9);
}

TEST(ComtradeRealFiles, Set2File1VariableRateWindows1251) {
  const ComtradeRecord r = read_comtrade(set2("1.cfg"));
  const ComtradeConfig& c = r.config;
  EXPECT_EQ(c.station, "11");
  // "терминал версия 101110" in Windows-1251: kept raw, converted for display.
  EXPECT_EQ(c.device_id.substr(0, 3), "\xF2\xE5\xF0");
  EXPECT_EQ(display_text(c.device_id), "терминал версия 101110");
  EXPECT_EQ(display_text(c.digital[11].id), "Реле Отказ");
  EXPECT_EQ(c.revision_year, 2000);
  EXPECT_EQ(c.revision, Revision::k1999);
  EXPECT_EQ(c.format, DataFormat::kAscii);
  EXPECT_EQ(c.analog.size(), 4u);
  EXPECT_EQ(c.digital.size(), 15u);
  EXPECT_EQ(c.nrates, 83);
  ASSERT_EQ(c.rates.size(), 83u);
  EXPECT_EQ(c.rates.front().rate_hz, 2401.509521);
  EXPECT_EQ(c.rates.front().end_sample, 708);
  EXPECT_EQ(c.rates.back().rate_hz, 2401.646729);
  EXPECT_EQ(c.rates.back().end_sample, 5316);
  EXPECT_EQ(r.sample_count(), 5316u);  // blank lines between the records are skipped
  EXPECT_EQ(c.start.to_string(), "2017-05-25 08:13:16.587000");
  EXPECT_EQ(c.trigger.to_string(), "2017-05-25 08:13:16.677000");
  // Sample 709 is the first of section 2: 707 periods of 2401.509521 Hz, then 1/2400.823242.
  EXPECT_DOUBLE_EQ(r.time_s[707], 707.0 / 2401.509521);
  EXPECT_DOUBLE_EQ(r.time_s[708], 707.0 / 2401.509521 + 1.0 / 2400.823242);
  // The sum of all 5315 periods over the 83 sections (computed separately in Python).
  EXPECT_NEAR(r.time_s.back(), 2.211419876047375, 1e-12);
  // Time stamps: 0 on the first line, 2209084 us on the last.
  EXPECT_EQ(r.timestamp_s.front(), 0.0);
  EXPECT_DOUBLE_EQ(r.timestamp_s.back(), 2.209084);
  // First line "1,0,-3188,4760,-1588,-13,0,...,0,1,0,0,0": UA = -3188 * 0.016552.
  EXPECT_NEAR(r.analog[0][0], -52.767776, 1e-12);
  EXPECT_NEAR(r.analog[1][0], 78.78752, 1e-12);
  EXPECT_EQ(r.digital[11][0], 1);  // the 12th digital value of the line
  EXPECT_EQ(r.digital[10][0], 0);
  // Last line "5316,2209084,4751,-2577,-2364,-109,...": UA = 4751 * 0.016552, 3U0 = -109 * ...
  EXPECT_NEAR(r.analog[0][5315], 78.638552, 1e-12);
  EXPECT_NEAR(r.analog[3][5315], -1.804168, 1e-12);
  // Revision 2000 is reported, not refused.
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0], HasSubstr("1.cfg:1: revision year 2000"));
  EXPECT_THAT(r.header, HasSubstr("CFG_INFO="));  // 1.hdr is read as well
}

TEST(ComtradeRealFiles, Set2File2ManyChannels) {
  const ComtradeRecord r = read_comtrade(set2("2.cfg"));
  const ComtradeConfig& c = r.config;
  EXPECT_EQ(display_text(c.station), "Неизвестный регистратор");
  EXPECT_EQ(c.device_id, "576");
  EXPECT_EQ(c.revision_year, 1999);
  EXPECT_EQ(c.format, DataFormat::kBinary);
  EXPECT_EQ(c.total_channels, 167);
  EXPECT_EQ(c.analog.size(), 55u);
  EXPECT_EQ(c.digital.size(), 112u);
  EXPECT_EQ(c.rates[0].rate_hz, 1200.0);
  EXPECT_EQ(r.sample_count(), 19679u);
  EXPECT_EQ(c.start.to_string(), "2016-08-22 16:04:22.000000");
  EXPECT_EQ(c.trigger.to_string(), "2016-08-22 16:04:23.553000");
  // The file numbers its analog channels 1..11, 13..56: channel 12 does not exist.
  EXPECT_FALSE(c.find_analog(12));
  EXPECT_EQ(c.find_analog(13), 11u);
  EXPECT_EQ(c.analog[0].unit_scale, 1000.0);  // kV
  EXPECT_EQ(c.analog[1].skew_us, 13.0);
  // Record 1 at byte 0 (132-byte records): n = 0, t = 0; Ua_1 = 0x04cc = 1228 -> 1228 *
  // 0.06160031 kV; Ia (ch 13, the 12th value) = 3 -> 3 * 5.06938994 A.
  EXPECT_EQ(r.sample_number.front(), 0);
  EXPECT_EQ(r.timestamp_s.front(), 0.0);
  EXPECT_NEAR(r.analog[0][0], 75645.18068, 1e-8);
  EXPECT_NEAR(r.analog[11][0], 15.20816982, 1e-12);
  // Digital words of record 1: 0x4002 0x0800 ...: bits 2 and 15 of word 1, bit 12 of word 2.
  EXPECT_EQ(r.digital[1][0], 1);
  EXPECT_EQ(r.digital[14][0], 1);
  EXPECT_EQ(r.digital[27][0], 1);
  EXPECT_EQ(r.digital[0][0], 0);
  EXPECT_EQ(r.digital[26][0], 0);
  // Record 19679 (byte 2597496): n = 19678, t = 16391774 us; Ua_1 = 910; Ia = -65.
  EXPECT_EQ(r.sample_number.back(), 19678);
  EXPECT_DOUBLE_EQ(r.timestamp_s.back(), 16.391774);
  EXPECT_DOUBLE_EQ(r.time_s.back(), 19678.0 / 1200.0);
  EXPECT_NEAR(r.analog[0][19678], 56056.2821, 1e-8);
  EXPECT_NEAR(r.analog[11][19678], -329.5103461, 1e-10);
  // Tolerated: the index gap, eight 4-field digital lines, one record more than declared.
  ASSERT_EQ(r.warnings.size(), 3u);
  EXPECT_THAT(r.warnings[0], HasSubstr("analog channel indexes are not 1..55 in order"));
  EXPECT_THAT(r.warnings[1], HasSubstr("2.cfg:162: 8 digital channel line(s) have 4 fields"));
  EXPECT_EQ(r.warnings[2], "2.dat: 19680 records, the .cfg declares 19679: the last 1 ignored");
}

TEST(ComtradeRealFiles, Set2File3TimeStampsPadded) {
  const ComtradeRecord r = read_comtrade(set2("3"));
  const ComtradeConfig& c = r.config;
  EXPECT_EQ(c.station, "W2D-C60-1");
  EXPECT_EQ(c.device_id, "520");
  EXPECT_EQ(c.revision_year, 1999);
  EXPECT_EQ(c.format, DataFormat::kBinary);
  EXPECT_EQ(c.analog.size(), 24u);
  EXPECT_EQ(c.digital.size(), 64u);
  EXPECT_EQ(c.nrates, 0);
  EXPECT_TRUE(c.uses_timestamps);
  EXPECT_EQ(r.sample_count(), 1360u);  // 87040 bytes = 1360 records of 8+24*2+4*2
  EXPECT_EQ(c.start.to_string(), "2012-04-06 06:42:59.391076");
  EXPECT_EQ(c.analog[8].id, "SRC 1  Vag Mag");
  EXPECT_EQ(c.analog[8].unit, "kV");
  // Record 1: "0100 0000 0000 0000 1100 aaff 4700 fcff 15fc ...": IA = 0x0011 = 17 * 0.001953;
  // VA (5th) = 0xfc15 = -1003 * 0.012207; VN (8th) = -7444 * 0.012207.
  EXPECT_NEAR(r.analog[0][0], 0.033201, 1e-12);
  EXPECT_NEAR(r.analog[4][0], -12.243621, 1e-12);
  EXPECT_NEAR(r.analog[7][0], -90.868908, 1e-12);
  // Digital words of record 1: 0x0000 0x3560 0x0278 0x0004: word 2 bit 5 is channel 22.
  EXPECT_EQ(r.digital[21][0], 1);
  EXPECT_EQ(r.digital[20][0], 0);
  // Record 2 time stamp 1249 us; record 1360: t = 1698295 us, IA = -1, VN = -4298.
  EXPECT_DOUBLE_EQ(r.time_s[1], 1249e-6);
  EXPECT_DOUBLE_EQ(r.time_s.back(), 1.698295);
  EXPECT_DOUBLE_EQ(r.timestamp_s.back(), 1.698295);
  EXPECT_NEAR(r.analog[0][1359], -0.001953, 1e-12);
  EXPECT_NEAR(r.analog[7][1359], -52.465686, 1e-12);
  EXPECT_THAT(r.header, HasSubstr("triggerNumber=267"));
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ComtradeRealFiles, Set2File4UpperCaseSepam) {
  for (const char* name : {"4.CFG", "4.cfg", "4", "4.dat"}) {
    const ComtradeRecord r = read_comtrade(set2(name));
    EXPECT_EQ(r.cfg_path.filename(), "4.CFG") << name;
    EXPECT_EQ(r.dat_path.filename(), "4.DAT") << name;
  }
  const ComtradeRecord r = read_comtrade(set2("4.cfg"));
  const ComtradeConfig& c = r.config;
  EXPECT_EQ(c.station, "OPG_141204_070148813.CFG");
  EXPECT_EQ(c.device_id, "S40/02.11 - sepam 21BBE24");
  EXPECT_EQ(c.revision_year, 1997);
  EXPECT_EQ(c.revision, Revision::k1999);
  EXPECT_EQ(c.analog.size(), 6u);
  EXPECT_EQ(c.digital.size(), 16u);
  EXPECT_EQ(c.line_frequency_hz, 50.0);
  EXPECT_EQ(c.rates[0].rate_hz, 600.0);
  EXPECT_EQ(r.sample_count(), 2399u);
  // "04/12/2014" read dd/mm: the station name says 141204 (2014-12-04).
  EXPECT_EQ(c.start.to_string(), "2014-12-04 07:01:48.813000");
  EXPECT_EQ(c.trigger.to_string(), "2014-12-04 07:01:49.533000");
  EXPECT_EQ(c.analog[0].basis, Basis::kPrimary);
  EXPECT_EQ(c.analog[0].ratio(), 1250.0);
  EXPECT_EQ(c.analog[3].ratio(), 30.0);  // 3000/100
  EXPECT_DOUBLE_EQ(r.time_s.back(), 2398.0 / 600.0);
  // Time stamps are 0xffffffff (missing) in every record.
  EXPECT_TRUE(std::isnan(r.timestamp_s.front()));
  EXPECT_TRUE(std::isnan(r.timestamp_s.back()));
  // Record 1: "0100 0000 ffff ffff 2b00 2d00 2c00 b7f8 d22c deff 0200":
  // I1 = 43 * 2.836798 - 102.1247; U21 = 0xf8b7 = -1865 * 0.3629015 - 13.06445;
  // U32 = 0x2cd2 = 11474 * 0.3627678 + 13.05964. Digital word 0x0002: I12 (2nd) is 1.
  EXPECT_NEAR(r.analog[0][0], 19.857614, 1e-9);
  EXPECT_NEAR(r.analog[3][0], -689.8757475, 1e-9);
  EXPECT_NEAR(r.analog[4][0], 4175.4573772, 1e-9);
  EXPECT_EQ(r.digital[1][0], 1);
  EXPECT_EQ(r.digital[0][0], 0);
  // Record 2399: "5f09 0000 ffff ffff 2a00 2d00 2a00 6cff 1bf7 3300 810c": I1 = 42,
  // U21 = -148; digital 0x0c81 = channels 1, 8, 11, 12.
  EXPECT_EQ(r.sample_number.back(), 2399);
  EXPECT_NEAR(r.analog[0][2398], 17.020816, 1e-9);
  EXPECT_NEAR(r.analog[3][2398], -66.773872, 1e-9);
  EXPECT_EQ(r.digital[0][2398], 1);
  EXPECT_EQ(r.digital[7][2398], 1);
  EXPECT_EQ(r.digital[10][2398], 1);
  EXPECT_EQ(r.digital[11][2398], 1);
  EXPECT_EQ(r.digital[1][2398], 0);
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_THAT(r.warnings[0], HasSubstr("revision year 1997"));
  EXPECT_EQ(r.warnings[1], "4.DAT: 2400 records, the .cfg declares 2399: the last 1 ignored");
}

TEST(ComtradeRealFiles, Set2File5Binary32) {
  const ComtradeRecord r = read_comtrade(set2("5.cfg"));
  const ComtradeConfig& c = r.config;
  EXPECT_EQ(c.station, "STATION_NAME");
  EXPECT_EQ(c.device_id, "RITM_VC4");
  EXPECT_EQ(c.revision_year, 2013);
  EXPECT_EQ(c.format, DataFormat::kBinary32);  // "BINARY32 " with a trailing space
  EXPECT_EQ(c.total_channels, 337);
  EXPECT_EQ(c.analog.size(), 37u);
  EXPECT_EQ(c.digital.size(), 300u);
  EXPECT_EQ(c.rates[0].rate_hz, 2000.0);
  EXPECT_EQ(r.sample_count(), 202u);  // 39188 bytes = 202 records of 8+37*4+19*2
  EXPECT_EQ(c.start.to_string(), "2010-02-22 21:41:29.659551");
  EXPECT_EQ(c.trigger.to_string(), "1970-01-01 00:00:00.000000");
  ASSERT_TRUE(c.time_code);
  EXPECT_EQ(c.time_code->time_code_minutes, 0);
  EXPECT_EQ(c.analog[3].id, "Id");
  EXPECT_EQ(c.analog[0].ratio(), 1000.0);
  // Sample numbers start at 0; time stamps 0 .. 100500 us.
  EXPECT_EQ(r.sample_number.front(), 0);
  EXPECT_EQ(r.sample_number.back(), 201);
  EXPECT_DOUBLE_EQ(r.timestamp_s.back(), 0.1005);
  EXPECT_DOUBLE_EQ(r.time_s.back(), 201.0 / 2000.0);
  // Record 1: Id (4th int32) = 15 -> 15e-6 A. Record 2 ("0100 0000 f401 0000 ..."): Id = -1625,
  // Ub (8th) = 0x000022c6 = 8902 -> 0.008902 V. Record 202: Id = -725, In1 = -500.
  EXPECT_NEAR(r.analog[3][0], 15e-6, 1e-15);
  EXPECT_NEAR(r.analog[3][1], -1625e-6, 1e-15);
  EXPECT_NEAR(r.analog[7][1], 0.008902, 1e-15);
  EXPECT_NEAR(r.analog[3][201], -725e-6, 1e-15);
  EXPECT_NEAR(r.analog[5][201], -500e-6, 1e-15);
  // Digital words of record 2 set channels 85, 86, 87, 108, 128 and 245.
  for (const std::size_t d : {84u, 85u, 86u, 107u, 127u, 244u}) EXPECT_EQ(r.digital[d][1], 1) << d;
  EXPECT_EQ(r.digital[83][1], 0);
  EXPECT_TRUE(r.warnings.empty());
}

}  // namespace
}  // namespace quadra::comtrade
