// The .cfg parser: every field, the tolerances, and a refusal with a precise message for each
// kind of defect.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/comtrade/comtrade.h"
#include "host/comtrade/test_util.h"

namespace quadra::comtrade {
namespace {

using ::testing::HasSubstr;
using testutil::error_of;

// A 1999 configuration: 2 analog, 2 digital, one rate. Lines are numbered in comments.
constexpr const char* kGood1999 =
    "STATION,DEVICE,1999\n"                                            // 1
    "4,2A,2D\n"                                                        // 2
    "1,UA,A,Line1,kV,0.5,-1,2.5,-32767,32767,110,0.1,P\n"              // 3
    "2,IA,A,Line1,A,0.25,0,0,-32767,32767,600,5,S\n"                   // 4
    "1,TRIP,,Line1,0\n"                                                // 5
    "2,CLOSE,,Line1,1\n"                                               // 6
    "50\n"                                                             // 7
    "1\n"                                                              // 8
    "1000,10\n"                                                        // 9
    "31/12/2019,23:59:59.123456\n"                                     // 10
    "01/01/2020,00:00:00.5\n"                                          // 11
    "ASCII\n"                                                          // 12
    "1\n";                                                             // 13

// Replaces line `n` (1-based) of `text`.
std::string with_line(std::string text, int n, const std::string& replacement) {
  std::size_t start = 0;
  for (int i = 1; i < n; ++i) start = text.find('\n', start) + 1;
  const std::size_t end = text.find('\n', start);
  return text.replace(start, end - start, replacement);
}

// The first `n` lines of `text`.
std::string first_lines(const std::string& text, int n) {
  std::size_t end = 0;
  for (int i = 0; i < n; ++i) end = text.find('\n', end) + 1;
  return text.substr(0, end);
}

std::string cfg_error(const std::string& text) {
  return error_of([&] { (void)parse_cfg(text, "bad.cfg"); });
}

TEST(ComtradeCfg, Parses1999Fields) {
  const ComtradeConfig c = parse_cfg(kGood1999, "good.cfg");
  EXPECT_EQ(c.station, "STATION");
  EXPECT_EQ(c.device_id, "DEVICE");
  EXPECT_EQ(c.revision_year, 1999);
  EXPECT_EQ(c.revision, Revision::k1999);
  EXPECT_EQ(c.total_channels, 4);
  ASSERT_EQ(c.analog.size(), 2u);
  ASSERT_EQ(c.digital.size(), 2u);
  const AnalogChannel& ua = c.analog[0];
  EXPECT_EQ(ua.index, 1);
  EXPECT_EQ(ua.id, "UA");
  EXPECT_EQ(ua.phase, "A");
  EXPECT_EQ(ua.circuit, "Line1");
  EXPECT_EQ(ua.unit, "kV");
  EXPECT_EQ(ua.si_unit, "V");
  EXPECT_EQ(ua.unit_scale, 1000.0);
  EXPECT_EQ(ua.a, 0.5);
  EXPECT_EQ(ua.b, -1.0);
  EXPECT_EQ(ua.skew_us, 2.5);
  EXPECT_EQ(ua.min, -32767.0);
  EXPECT_EQ(ua.max, 32767.0);
  EXPECT_EQ(ua.primary, 110.0);
  EXPECT_EQ(ua.secondary, 0.1);
  EXPECT_EQ(ua.basis, Basis::kPrimary);
  EXPECT_DOUBLE_EQ(ua.ratio(), 1100.0);
  EXPECT_EQ(ua.line, 3u);
  EXPECT_EQ(c.analog[1].basis, Basis::kSecondary);
  EXPECT_EQ(c.analog[1].ratio(), 120.0);
  EXPECT_EQ(c.digital[1].id, "CLOSE");
  EXPECT_EQ(c.digital[1].normal_state, 1);
  EXPECT_EQ(c.digital[1].circuit, "Line1");
  EXPECT_EQ(c.line_frequency_hz, 50.0);
  EXPECT_EQ(c.nrates, 1);
  ASSERT_EQ(c.rates.size(), 1u);
  EXPECT_EQ(c.rates[0].rate_hz, 1000.0);
  EXPECT_EQ(c.rates[0].end_sample, 10);
  EXPECT_FALSE(c.uses_timestamps);
  EXPECT_EQ(c.sample_count, 10);
  EXPECT_EQ(c.start.to_string(), "2019-12-31 23:59:59.123456");
  EXPECT_EQ(c.start.nanosecond, 123456000u);
  EXPECT_EQ(c.trigger.to_string(), "2020-01-01 00:00:00.5");
  EXPECT_EQ(c.trigger.epoch_ns() - c.start.epoch_ns(), 1376544000);  // 0.876544 s + 0.5 s
  EXPECT_EQ(c.format, DataFormat::kAscii);
  EXPECT_EQ(c.timemult, 1.0);
  EXPECT_EQ(c.timestamp_unit_s, 1e-6);
  EXPECT_TRUE(c.warnings.empty());
}

TEST(ComtradeCfg, Parses1991LayoutWithoutRevision) {
  // No revision year: 1991 rules, mm/dd/yy dates, 10-field analog lines, 3-field digital lines,
  // no timemult line.
  const ComtradeConfig c = parse_cfg(
      "OLD STATION,OLD DEV\n"
      "2,1A,1D\n"
      "1,VA,A,,V,2,0,0,-2048,2047\n"
      "1,BKR,0\n"
      "60\n"
      "1\n"
      "2000,4\n"
      "12/31/97,23:59:59.000\n"
      "12/31/97,23:59:59.001\n"
      "BINARY\n",
      "old.cfg");
  EXPECT_FALSE(c.revision_year);
  EXPECT_EQ(c.revision, Revision::k1991);
  EXPECT_FALSE(c.analog[0].primary);
  EXPECT_EQ(c.analog[0].ratio(), 1.0);
  EXPECT_EQ(c.analog[0].basis, Basis::kSecondary);
  EXPECT_EQ(c.start.year, 1997);
  EXPECT_EQ(c.start.month, 12);
  EXPECT_EQ(c.start.day, 31);
  EXPECT_EQ(c.timemult, 1.0);
  EXPECT_EQ(c.format, DataFormat::kBinary);
  EXPECT_TRUE(c.warnings.empty());
}

TEST(ComtradeCfg, DateOrderFallsBackWhenImpossible) {
  // 1999 reads dd/mm/yyyy; "12/25/2019" is impossible that way and is read as mm/dd (warning).
  const ComtradeConfig c =
      parse_cfg(with_line(kGood1999, 10, "12/25/2019,10:00:00.000000"), "swap.cfg");
  EXPECT_EQ(c.start.month, 12);
  EXPECT_EQ(c.start.day, 25);
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_THAT(c.warnings[0], HasSubstr("swap.cfg:10: start time (first sample)"));
  EXPECT_THAT(c.warnings[0], HasSubstr("read as mm/dd/yyyy"));
}

TEST(ComtradeCfg, PaddingTrailingSpacesAndCase) {
  // 3.cfg-style padding, lower-case a/d suffixes, trailing spaces after keywords (5.cfg), CRLF.
  const ComtradeConfig c = parse_cfg(
      "W2D-C60-1    ,520                 ,1999\r\n"
      " 3,  2a,  1d \r\n"
      "  1,F1-IA               ,A,,A     ,     0.001953,0,0,-32767,32767,   1000.0,  1.0,s\r\n"
      "  2,SRC 1  Vag Mag      ,_,,kV    , 4.028324E-02,0,0,-32767,32767,      1.0,  1.0,S\r\n"
      "  1,OSC TRIG     On     ,,,0\r\n"
      "50 \r\n"
      "0 \r\n"
      "0,  1360 \r\n"
      "06/04/2012,06:42:59.391076 \r\n"
      "06/04/2012,06:42:59.895690 \r\n"
      "BINARY \r\n"
      "1.00 \r\n",
      "pad.cfg");
  EXPECT_EQ(c.station, "W2D-C60-1");
  EXPECT_EQ(c.device_id, "520");
  EXPECT_EQ(c.analog[0].id, "F1-IA");
  EXPECT_EQ(c.analog[0].unit, "A");
  EXPECT_EQ(c.analog[0].a, 0.001953);
  EXPECT_EQ(c.analog[1].id, "SRC 1  Vag Mag");
  EXPECT_EQ(c.digital[0].id, "OSC TRIG     On");
  EXPECT_EQ(c.nrates, 0);
  EXPECT_TRUE(c.uses_timestamps);
  EXPECT_EQ(c.sample_count, 1360);
  EXPECT_EQ(c.format, DataFormat::kBinary);
}

TEST(ComtradeCfg, Parses2013TimeCodeAndLeapSecondLines) {
  const ComtradeConfig c = parse_cfg(
      "SMARTSTATION,IED123,2013\n"
      "1,1A,0D\n"
      "1,IA ,,Line123, A,0.1138916015625,0.05694580078125,0,-32768,32767,933,1,s\n"
      "60\n"
      "1\n"
      "1200,40\n"
      "12/01/2011,05:55:30.750110001\n"
      "12/01/2011,05:55:30.78261\n"
      "FLOAT32\n"
      "1\n"
      "-5h30,+10\n"
      "B,3",
      "new.cfg");
  EXPECT_EQ(c.revision, Revision::k2013);
  EXPECT_EQ(c.format, DataFormat::kFloat32);
  EXPECT_EQ(c.start.nanosecond, 750110001u);
  EXPECT_EQ(c.start.fraction_digits, 9);
  EXPECT_EQ(c.timestamp_unit_s, 1e-9);  // nanosecond start time in a 2013 file
  ASSERT_TRUE(c.time_code);
  EXPECT_EQ(c.time_code->time_code, "-5h30");
  EXPECT_EQ(c.time_code->time_code_minutes, -330);
  EXPECT_EQ(c.time_code->local_code_minutes, 600);
  ASSERT_TRUE(c.time_quality);
  EXPECT_EQ(c.time_quality->tmq_value, 11);
  EXPECT_EQ(c.time_quality->leap_value, 3);
  EXPECT_TRUE(c.warnings.empty());
}

TEST(ComtradeCfg, ToleratedOdditiesBecomeWarnings) {
  // Revision 2000, a 4-field digital line (2.cfg), extra lines after the end (1.cfg), nrates 1
  // with samp 0 (time stamps).
  const ComtradeConfig c = parse_cfg(
      "11,dev,2000\n"
      "2,1A,1D\n"
      "1,UA,,,V,0.016552,0.000000,0,-32768,32768,100.000,1.0,S\n"
      "105,Reserve1,0,Reserved\n"
      "50\n"
      "1\n"
      "0,100\n"
      "25/05/2017,08:13:16.587000\n"
      "25/05/2017,08:13:16.677000\n"
      "ASCII\n"
      "1.0\n"
      "\n"
      "CFG_INFO={-271918570}\n",
      "odd.cfg");
  EXPECT_EQ(c.revision, Revision::k1999);
  EXPECT_EQ(c.digital[0].index, 105);
  EXPECT_EQ(c.digital[0].circuit, "Reserved");
  EXPECT_EQ(c.digital[0].normal_state, 0);
  EXPECT_TRUE(c.uses_timestamps);
  ASSERT_EQ(c.warnings.size(), 4u);
  EXPECT_THAT(c.warnings[0], HasSubstr("revision year 2000"));
  EXPECT_THAT(c.warnings[1], HasSubstr("odd.cfg:4: 1 digital channel line(s) have 4 fields"));
  EXPECT_THAT(c.warnings[2], HasSubstr("odd.cfg:7: nrates 1 with samp 0"));
  EXPECT_THAT(c.warnings[3], HasSubstr("odd.cfg:13: 1 line(s) after the end"));
}

TEST(ComtradeCfg, LineNumbersCountFromFirstLine) {
  // In a .cff the CFG section starts further down: messages give the line in the whole file.
  const std::string msg = error_of(
      [] { (void)parse_cfg(with_line(kGood1999, 3, "1,UA,A,,kV,x.5,0,0,0,0,1,1,P"), "r.cff", 2); });
  EXPECT_EQ(msg, "r.cff:4: analog channel 1: field 'a' (multiplier): \"x.5\" is not a number");
}

// ---- Refusals: one test per defect, each naming file, line and field. ----

TEST(ComtradeCfgDefects, IdentificationLineTooShort) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 1, "STATION")),
            "bad.cfg:1: identification line: 1 fields, expected station_name,rec_dev_id"
            "[,rev_year]");
}

TEST(ComtradeCfgDefects, RevisionYearNotAYear) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 1, "S,D,19x9")),
            "bad.cfg:1: identification line: field 'rev_year' (revision year): \"19x9\" is not "
            "a year");
}

TEST(ComtradeCfgDefects, TotalChannelCountDisagrees) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 2, "5,2A,2D")),
            "bad.cfg:2: channel counts: total 5 is not 2 analog + 2 digital");
}

TEST(ComtradeCfgDefects, ChannelCountWithoutSuffix) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 2, "4,2,2D")),
            "bad.cfg:2: channel counts: field '##A' (analog channel count): \"2\" must be a "
            "number followed by 'A'");
}

TEST(ComtradeCfgDefects, NonNumericMultiplier) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 4, "2,IA,A,Line1,A,x.5,0,0,-32767,32767,600,5,S")),
            "bad.cfg:4: analog channel 2: field 'a' (multiplier): \"x.5\" is not a number");
}

TEST(ComtradeCfgDefects, EmptyOffset) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 3, "1,UA,A,Line1,kV,0.5,,0,-32767,32767,110,0.1,P")),
            "bad.cfg:3: analog channel 1: field 'b' (offset): \"\" is empty");
}

TEST(ComtradeCfgDefects, AnalogLineWithWrongFieldCount) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 4, "2,IA,A,Line1,A,0.25,0,0,-32767,32767,600")),
            "bad.cfg:4: analog channel 2: 11 fields, expected 10 "
            "(An,ch_id,ph,ccbm,uu,a,b,skew,min,max) or 13 (..., primary,secondary,PS)");
}

TEST(ComtradeCfgDefects, BadPrimarySecondaryFlag) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 3, "1,UA,A,Line1,kV,0.5,-1,0,-32767,32767,110,0.1,X")),
            "bad.cfg:3: analog channel 1: field 'PS' (primary/secondary flag): \"X\" is neither "
            "P nor S");
}

TEST(ComtradeCfgDefects, DuplicateAnalogIndex) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 4, "1,IA,A,Line1,A,0.25,0,0,-32767,32767,600,5,S")),
            "bad.cfg:4: analog channel 2: index 1 is used twice");
}

TEST(ComtradeCfgDefects, DigitalNormalStateNotABit) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 6, "2,CLOSE,,Line1,2")),
            "bad.cfg:6: digital channel 2: field 'y' (normal state): \"2\" is neither 0 nor 1");
}

TEST(ComtradeCfgDefects, FileEndsInsideTheChannelList) {
  EXPECT_EQ(cfg_error(first_lines(kGood1999, 5)),
            "bad.cfg:6: missing line: expected digital channel 2 of 2, but the file ends after "
            "line 5");
}

TEST(ComtradeCfgDefects, EmptyFile) {
  EXPECT_EQ(cfg_error(""),
            "bad.cfg:1: missing line: expected station name, recording device id, revision "
            "year, but the file ends after line 0");
}

TEST(ComtradeCfgDefects, LineFrequencyNotANumber) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 7, "fifty")),
            "bad.cfg:7: line frequency: field 'lf' (line frequency, Hz): \"fifty\" is not a "
            "number");
}

TEST(ComtradeCfgDefects, NegativeNumberOfRates) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 8, "-1")),
            "bad.cfg:8: number of sampling rates: field 'nrates' (number of sampling rates): "
            "\"-1\" is out of range");
}

TEST(ComtradeCfgDefects, ZeroRateAmongSeveral) {
  std::string text = with_line(kGood1999, 8, "2");
  text = with_line(text, 9, "1000,5\n0,10");
  EXPECT_EQ(cfg_error(text),
            "bad.cfg:10: sampling rate 2: field 'samp' (sampling rate, Hz): \"0\" is zero: a "
            "zero rate is only allowed with nrates 0 (time stamps)");
}

TEST(ComtradeCfgDefects, SectionEndsDoNotIncrease) {
  std::string text = with_line(kGood1999, 8, "2");
  text = with_line(text, 9, "1000,5\n2000,5");
  EXPECT_EQ(cfg_error(text),
            "bad.cfg:10: sampling rate 2: field 'endsamp' (last sample number): 5 does not "
            "exceed the previous row's 5");
}

TEST(ComtradeCfgDefects, ImpossibleDate) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 10, "31/02/2019,10:00:00.000000")),
            "bad.cfg:10: start time (first sample): field 'date' (date): \"31/02/2019\" is not "
            "a valid date (dd/mm/yyyy)");
}

TEST(ComtradeCfgDefects, DateNotADate) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 11, "2020-01-01,00:00:00")),
            "bad.cfg:11: trigger time: field 'date' (date): \"2020-01-01\" is not a date "
            "(dd/mm/yyyy)");
}

TEST(ComtradeCfgDefects, YearOutOfRange) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 10, "01/01/0001,10:00:00.000000")),
            "bad.cfg:10: start time (first sample): field 'date' (date): \"01/01/0001\" has a "
            "year outside 1900..2199");
}

TEST(ComtradeCfgDefects, TimeOutOfRange) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 11, "01/01/2020,25:00:00.000")),
            "bad.cfg:11: trigger time: field 'time' (time of day): \"25:00:00.000\" is out of "
            "range");
}

TEST(ComtradeCfgDefects, UnknownFileType) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 12, "BINARY16")),
            "bad.cfg:12: field 'ft' (file type): unknown file type \"BINARY16\" (expected "
            "ASCII, BINARY, BINARY32 or FLOAT32)");
}

TEST(ComtradeCfgDefects, ZeroTimeMultiplier) {
  EXPECT_EQ(cfg_error(with_line(kGood1999, 13, "0")),
            "bad.cfg:13: time multiplier: field 'timemult' (time stamp multiplier): \"0\" must "
            "be positive");
}

TEST(ComtradeCfgDefects, ErrorCarriesItsParts) {
  try {
    (void)parse_cfg(with_line(kGood1999, 12, "TEXT"), "parts.cfg");
    FAIL() << "no error";
  } catch (const ComtradeError& e) {
    EXPECT_EQ(e.file(), "parts.cfg");
    EXPECT_EQ(e.line(), 12u);
    EXPECT_FALSE(e.byte_offset());
  }
}

}  // namespace
}  // namespace quadra::comtrade
