// Synthetic records written in every format (ASCII, BINARY, BINARY32, FLOAT32, .cff ASCII and
// binary) from known stored numbers, read back exactly; missing values; file finding; and the
// refusals of malformed data files.
#include <cmath>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/comtrade/comtrade.h"
#include "host/comtrade/test_util.h"

namespace quadra::comtrade {
namespace {

using ::testing::HasSubstr;
using testutil::error_of;
using testutil::SynthRecord;
using testutil::TempDir;

// Stored numbers that fit int16 (and are exact in float32), plus the extremes of each format.
SynthRecord sample_record(const std::string& format) {
  SynthRecord r;
  r.format = format;
  r.rev = format == "ASCII" || format == "BINARY" ? "1999" : "2013";
  if (r.rev == "2013") r.extra_cfg_lines = {"0,0", "0,0"};
  r.analog = {
      {"UA", "A", "kV", 0.5, -1.0, "110", "0.1", "P", {0, 1, -1, 32767, -32767, 1234}},
      {"IA", "A", "A", 0.25, 0.125, "600", "5", "S", {10, -10, 20, -20, 30, 7}},
      {"U0", "N", "mV", 2.0, 0.0, "1", "1", "S", {1, 2, 3, 4, 5, 6}},
  };
  r.digital.resize(17);
  for (std::size_t d = 0; d < r.digital.size(); ++d) {
    r.digital[d].id = "D" + std::to_string(d + 1);
    for (std::size_t k = 0; k < 6; ++k) r.digital[d].bits.push_back(((d + k) % 3) == 0 ? 1 : 0);
  }
  r.rates = {{"1000", 6}};
  return r;
}

// value = (a*x + b) * prefix, computed here from the stored numbers.
void expect_values(const ComtradeRecord& rec, const SynthRecord& r) {
  ASSERT_EQ(rec.sample_count(), r.samples());
  ASSERT_EQ(rec.analog.size(), r.analog.size());
  const double prefix[] = {1e3, 1.0, 1e-3};  // kV, A, mV
  for (std::size_t c = 0; c < r.analog.size(); ++c) {
    for (std::size_t k = 0; k < r.samples(); ++k) {
      const double want = (r.analog[c].a * r.analog[c].raw[k] + r.analog[c].b) * prefix[c];
      EXPECT_EQ(rec.analog[c][k], want) << "channel " << c << " sample " << k;
    }
  }
  for (std::size_t d = 0; d < r.digital.size(); ++d) {
    for (std::size_t k = 0; k < r.samples(); ++k) {
      EXPECT_EQ(rec.digital[d][k], r.digital[d].bits[k]) << "digital " << d << " sample " << k;
    }
  }
  for (std::size_t k = 0; k < r.samples(); ++k) {
    EXPECT_EQ(rec.sample_number[k], static_cast<std::int64_t>(k + 1));
    EXPECT_DOUBLE_EQ(rec.time_s[k], static_cast<double>(k) / 1000.0);
    EXPECT_DOUBLE_EQ(rec.timestamp_s[k], static_cast<double>(k) * 1e-3);
  }
}

class ComtradeFormats : public ::testing::TestWithParam<const char*> {};

TEST_P(ComtradeFormats, ReadsBackExactlyFromCfgAndDat) {
  TempDir dir;
  const SynthRecord r = sample_record(GetParam());
  const ComtradeRecord rec = read_comtrade(r.write(dir.path(), "rec"));
  EXPECT_EQ(std::string(to_string(rec.config.format)), GetParam());
  expect_values(rec, r);
  EXPECT_TRUE(rec.warnings.empty()) << rec.warnings.front();
}

TEST_P(ComtradeFormats, ReadsBackExactlyFromCff) {
  TempDir dir;
  const SynthRecord r = sample_record(GetParam());
  testutil::write_file(dir / "rec.cff", r.cff());
  const ComtradeRecord rec = read_comtrade(dir / "rec.cff");
  expect_values(rec, r);
  EXPECT_THAT(rec.header, HasSubstr("synthetic"));
}

INSTANTIATE_TEST_SUITE_P(AllFormats, ComtradeFormats,
                         ::testing::Values("ASCII", "BINARY", "BINARY32", "FLOAT32"));

TEST(ComtradeFormats, SameRecordInEveryFormatGivesIdenticalValues) {
  TempDir dir;
  const ComtradeRecord ascii = read_comtrade(sample_record("ASCII").write(dir.path(), "a"));
  for (const char* f : {"BINARY", "BINARY32", "FLOAT32"}) {
    const SynthRecord r = sample_record(f);
    testutil::write_file(dir / (std::string(f) + ".cff"), r.cff());
    for (const ComtradeRecord& other : {read_comtrade(r.write(dir.path(), f)),
                                        read_comtrade(dir / (std::string(f) + ".cff"))}) {
      EXPECT_EQ(other.analog, ascii.analog) << f;
      EXPECT_EQ(other.digital, ascii.digital) << f;
      EXPECT_EQ(other.time_s, ascii.time_s) << f;
    }
  }
}

TEST(ComtradeFormats, WideValuesOfBinary32AndFloat32) {
  TempDir dir;
  SynthRecord r = sample_record("BINARY32");
  r.analog[0].raw = {2147483647.0, -2147483647.0, 100000.0, -5.0, 0.0, 65536.0};
  expect_values(read_comtrade(r.write(dir.path(), "b32")), r);
  SynthRecord f = sample_record("FLOAT32");
  f.analog[0].raw = {0.1f, -1e-7f, 3.0e8f, 12.375, -0.5, 1e30f};
  for (double& x : f.analog[0].raw) x = static_cast<double>(static_cast<float>(x));
  expect_values(read_comtrade(f.write(dir.path(), "f32")), f);
}

TEST(ComtradeFormats, MissingValuesAreNaN) {
  TempDir dir;
  // ASCII: 99999 and an empty field; BINARY: 0x8000; BINARY32: 0x80000000; FLOAT32: NaN.
  SynthRecord a = sample_record("ASCII");
  a.analog[1].raw[2] = 99999;
  std::string dat = a.ascii_dat();
  dat.replace(dat.find("3,2000,-1,"), 10, "3,2000,,");  // UA of sample 3 left empty
  testutil::write_file(dir / "a.cfg", a.cfg());
  testutil::write_file(dir / "a.dat", dat);
  const ComtradeRecord ra = read_comtrade(dir / "a");
  EXPECT_TRUE(std::isnan(ra.analog[0][2]));
  EXPECT_TRUE(std::isnan(ra.analog[1][2]));
  EXPECT_EQ(ra.analog[1][1], 0.25 * -10 + 0.125);

  SynthRecord b = sample_record("BINARY");
  b.analog[0].raw[4] = -32768;
  EXPECT_TRUE(std::isnan(read_comtrade(b.write(dir.path(), "b")).analog[0][4]));
  SynthRecord b32 = sample_record("BINARY32");
  b32.analog[0].raw[4] = -2147483648.0;
  EXPECT_TRUE(std::isnan(read_comtrade(b32.write(dir.path(), "b32")).analog[0][4]));
  SynthRecord f = sample_record("FLOAT32");
  f.analog[0].raw[4] = std::nan("");
  EXPECT_TRUE(std::isnan(read_comtrade(f.write(dir.path(), "f")).analog[0][4]));
}

TEST(ComtradeFormats, PrimaryAndSecondaryHelpers) {
  TempDir dir;
  const SynthRecord r = sample_record("ASCII");
  const ComtradeRecord rec = read_comtrade(r.write(dir.path(), "rec"));
  // UA is recorded at primary (P) with ratio 110/0.1 = 1100: sample 2 is (0.5*1-1)*1000 = -500 V
  // primary; secondary -500/1100. IA is secondary (S) with ratio 600/5 = 120: sample 1 is
  // 0.25*10+0.125 = 2.625 A secondary, 315 A primary.
  EXPECT_EQ(rec.value(0, 1, Basis::kPrimary), -500.0);
  EXPECT_DOUBLE_EQ(rec.value(0, 1, Basis::kSecondary), -500.0 / 1100.0);
  EXPECT_EQ(rec.value(1, 0, Basis::kSecondary), 2.625);
  EXPECT_DOUBLE_EQ(rec.value(1, 0, Basis::kPrimary), 315.0);
  // U0 has ratio 1/1: both bases are the recorded value.
  EXPECT_EQ(rec.value(2, 0, Basis::kPrimary), rec.value(2, 0, Basis::kSecondary));
  const std::vector<double> ia = rec.channel_values(1, Basis::kPrimary);
  EXPECT_DOUBLE_EQ(ia[5], (0.25 * 7 + 0.125) * 120.0);
}

TEST(ComtradeFormats, TimeStampsAndTimemult) {
  TempDir dir;
  SynthRecord r = sample_record("BINARY");
  r.nrates = 0;
  r.rates = {{"0", 6}};
  r.timemult = "0.5";
  r.timestamps = {100, 300, 500, 900, 1300, 1700};  // 0.5 us ticks
  const ComtradeRecord rec = read_comtrade(r.write(dir.path(), "ts"));
  EXPECT_TRUE(rec.config.uses_timestamps);
  EXPECT_DOUBLE_EQ(rec.time_s[0], 0.0);
  EXPECT_DOUBLE_EQ(rec.time_s[3], 400e-6);
  EXPECT_DOUBLE_EQ(rec.time_s[5], 800e-6);
  EXPECT_DOUBLE_EQ(rec.timestamp_s[0], 50e-6);
}

TEST(ComtradeFormats, SeveralRateSections) {
  TempDir dir;
  SynthRecord r = sample_record("ASCII");
  r.nrates = 2;
  r.rates = {{"1000", 3}, {"4000", 6}};
  const ComtradeRecord rec = read_comtrade(r.write(dir.path(), "rates"));
  // Samples 1..3 at 1 ms, 4..6 at 0.25 ms after the previous one.
  const double want[] = {0.0, 0.001, 0.002, 0.00225, 0.0025, 0.00275};
  for (std::size_t k = 0; k < 6; ++k) EXPECT_DOUBLE_EQ(rec.time_s[k], want[k]) << k;
  EXPECT_DOUBLE_EQ(rec.mean_rate_hz(), 5.0 / 0.00275);
}

TEST(ComtradeFiles, FindsFilesInAnyCase) {
  TempDir dir;
  const SynthRecord r = sample_record("BINARY");
  r.write(dir.path(), "UP", ".CFG", ".DAT");
  for (const char* name : {"UP.CFG", "UP.cfg", "up.cfg", "UP", "UP.DAT", "up.dat"}) {
    const ComtradeRecord rec = read_comtrade(dir / name);
    EXPECT_EQ(rec.cfg_path.filename(), "UP.CFG") << name;
    EXPECT_EQ(rec.dat_path.filename(), "UP.DAT") << name;
    EXPECT_EQ(rec.sample_count(), 6u);
  }
}

TEST(ComtradeFiles, BaseNamePrefersCfgOverCff) {
  TempDir dir;
  SynthRecord r = sample_record("ASCII");
  r.write(dir.path(), "both");
  r.analog[0].raw[0] = 42;
  testutil::write_file(dir / "both.cff", r.cff());
  EXPECT_EQ(read_comtrade(dir / "both").analog[0][0], -1000.0);  // (0.5*0-1) kV from the .cfg
  EXPECT_EQ(read_comtrade(dir / "both.cff").analog[0][0], 20000.0);
}

TEST(ComtradeFiles, ReadsHeaderBesideTheCfg) {
  TempDir dir;
  const SynthRecord r = sample_record("ASCII");
  r.write(dir.path(), "h");
  testutil::write_file(dir / "h.HDR", "header text");
  EXPECT_EQ(read_comtrade(dir / "h.cfg").header, "header text");
}

// ---- Refusals of data files ----

TEST(ComtradeDatDefects, MissingDataFile) {
  TempDir dir;
  testutil::write_file(dir / "lone.cfg", sample_record("ASCII").cfg());
  const std::string msg = error_of([&] { (void)read_comtrade(dir / "lone.cfg"); });
  EXPECT_THAT(msg, HasSubstr("lone.cfg: no data file beside it (looked for lone.dat in any case)"));
}

TEST(ComtradeDatDefects, NoSuchRecord) {
  TempDir dir;
  const std::string msg = error_of([&] { (void)read_comtrade(dir / "nothing"); });
  EXPECT_THAT(msg, HasSubstr("no such record (looked for nothing.cfg and nothing.cff"));
}

TEST(ComtradeDatDefects, AsciiValueNotANumber) {
  TempDir dir;
  const SynthRecord r = sample_record("ASCII");
  std::string dat = r.ascii_dat();
  dat.replace(dat.find("4,3000,32767,-20,"), 17, "4,3000,32767,-2O,");
  testutil::write_file(dir / "n.cfg", r.cfg());
  testutil::write_file(dir / "n.dat", dat);
  EXPECT_EQ(error_of([&] { (void)read_comtrade(dir / "n.cfg"); }),
            "n.dat:4: record 4: analog channel 2 (\"IA\"): \"-2O\" is not a number");
}

TEST(ComtradeDatDefects, AsciiRecordWithMissingField) {
  TempDir dir;
  const SynthRecord r = sample_record("ASCII");
  std::string dat = r.ascii_dat();
  dat.replace(dat.find("2,1000,1,-10,2,"), 15, "2,1000,1,-10,");
  testutil::write_file(dir / "f.cfg", r.cfg());
  testutil::write_file(dir / "f.dat", dat);
  EXPECT_EQ(error_of([&] { (void)read_comtrade(dir / "f.cfg"); }),
            "f.dat:2: record 2: 21 fields, expected 22 (sample number, time stamp, 3 analog, 17 "
            "digital)");
}

TEST(ComtradeDatDefects, AsciiDigitalNotABit) {
  TempDir dir;
  SynthRecord r = sample_record("ASCII");
  r.digital[16].bits[5] = 7;
  EXPECT_EQ(error_of([&] { (void)read_comtrade(r.write(dir.path(), "d")); }),
            "d.dat:6: record 6: digital channel 17 (\"D17\"): \"7\" is neither 0 nor 1");
}

TEST(ComtradeDatDefects, AsciiFewerRecordsThanDeclared) {
  TempDir dir;
  SynthRecord r = sample_record("ASCII");
  r.rates = {{"1000", 8}};
  EXPECT_EQ(error_of([&] { (void)read_comtrade(r.write(dir.path(), "short")); }),
            "sample count 8 from the .cfg exceeds the 6 records in short.dat");
}

TEST(ComtradeDatDefects, AsciiBlankLinesAndExtraRecords) {
  TempDir dir;
  SynthRecord r = sample_record("ASCII");
  r.rates = {{"1000", 5}};
  std::string dat = r.ascii_dat();
  dat.insert(0, "\r\n");
  testutil::write_file(dir / "x.cfg", r.cfg());
  testutil::write_file(dir / "x.dat", dat);
  const ComtradeRecord rec = read_comtrade(dir / "x");
  EXPECT_EQ(rec.sample_count(), 5u);
  ASSERT_EQ(rec.warnings.size(), 1u);
  EXPECT_EQ(rec.warnings[0], "x.dat:7: 1 record line(s) after the 5 declared in the .cfg ignored");
}

TEST(ComtradeDatDefects, BinaryTruncatedRecord) {
  TempDir dir;
  const SynthRecord r = sample_record("BINARY");
  // Record size: 4 + 4 + 3*2 + 2 words * 2 = 18 bytes. Cut the 5th record after 12 bytes.
  const std::string dat = r.binary_dat().substr(0, 4 * 18 + 12);
  testutil::write_file(dir / "t.cfg", r.cfg());
  testutil::write_file(dir / "t.dat", dat);
  try {
    (void)read_comtrade(dir / "t.cfg");
    FAIL() << "no error";
  } catch (const ComtradeError& e) {
    EXPECT_STREQ(e.what(), "t.dat: byte 72: record 5 is truncated (need 18 bytes, 12 left)");
    EXPECT_EQ(e.byte_offset(), 72u);
    EXPECT_EQ(e.file(), "t.dat");
  }
}

TEST(ComtradeDatDefects, BinaryFewerRecordsThanDeclared) {
  TempDir dir;
  SynthRecord r = sample_record("BINARY32");
  r.rates = {{"1000", 19679}};
  EXPECT_EQ(error_of([&] { (void)read_comtrade(r.write(dir.path(), "2")); }),
            "sample count 19679 from the .cfg exceeds the 6 records in 2.dat");
}

TEST(ComtradeDatDefects, BinaryExtraRecordIsAWarning) {
  TempDir dir;
  SynthRecord r = sample_record("BINARY");
  r.rates = {{"1000", 5}};
  const ComtradeRecord rec = read_comtrade(r.write(dir.path(), "e"));
  EXPECT_EQ(rec.sample_count(), 5u);
  ASSERT_EQ(rec.warnings.size(), 1u);
  EXPECT_EQ(rec.warnings[0], "e.dat: 6 records, the .cfg declares 5: the last 1 ignored");
}

TEST(ComtradeDatDefects, TimeStampMissingWhenNeeded) {
  TempDir dir;
  SynthRecord r = sample_record("BINARY");
  r.nrates = 0;
  r.rates = {{"0", 6}};
  r.timestamps = {0, 1000, 2000, 0xFFFFFFFF, 4000, 5000};
  EXPECT_EQ(error_of([&] { (void)read_comtrade(r.write(dir.path(), "m")); }),
            "m.dat: byte 58: record 4 has no time stamp, and the .cfg (nrates 0, samp 0) needs "
            "the time stamps");
}

TEST(ComtradeDatDefects, TimeStampGoingBack) {
  TempDir dir;
  SynthRecord r = sample_record("ASCII");
  r.nrates = 0;
  r.rates = {{"0", 6}};
  r.timestamps = {0, 1000, 2000, 1500, 4000, 5000};
  EXPECT_EQ(error_of([&] { (void)read_comtrade(r.write(dir.path(), "back")); }),
            "back.dat:4: record 4: time stamp 1500 does not follow the previous record's 2000");
}

TEST(ComtradeDatDefects, CffWithoutData) {
  const std::string cfg = sample_record("ASCII").cfg();
  EXPECT_EQ(error_of([&] { (void)parse_cff("--- file type: CFG ---\n" + cfg, "nodat.cff"); }),
            "nodat.cff: no '--- file type: DAT ASCII ---' or 'DAT BINARY' section");
}

TEST(ComtradeDatDefects, CffBinaryCountBeyondEnd) {
  const SynthRecord r = sample_record("BINARY");
  const std::string cff =
      "--- file type: CFG ---\n" + r.cfg() + "--- file type: DAT BINARY: 5000 ---\n" +
      r.binary_dat();
  const std::string msg = error_of([&] { (void)parse_cff(cff, "big.cff"); });
  EXPECT_THAT(msg, HasSubstr("big.cff: byte "));
  EXPECT_THAT(msg, HasSubstr(": the DAT BINARY section declares 5000 bytes, 108 left"));
}

TEST(ComtradeDatDefects, CffTypeMismatch) {
  const SynthRecord r = sample_record("BINARY");
  const std::string cff = "--- file type: CFG ---\n" + r.cfg() + "--- file type: DAT ASCII ---\n";
  EXPECT_EQ(error_of([&] { (void)parse_cff(cff, "mix.cff"); }),
            "mix.cff:31: the CFG section gives file type BINARY but the data section is DAT "
            "ASCII");
}

TEST(ComtradeDatDefects, CffConfigurationErrorsUseCffLines) {
  SynthRecord r = sample_record("ASCII");
  r.lf = "5O";
  const std::string msg = error_of([&] { (void)parse_cff(r.cff(), "l.cff"); });
  // The CFG section starts at line 2; the line frequency is its 23rd line (1 identification,
  // 1 counts, 3 analog, 17 digital, then lf): line 24 of the .cff.
  EXPECT_EQ(msg,
            "l.cff:24: line frequency: field 'lf' (line frequency, Hz): \"5O\" is not a number");
}

}  // namespace
}  // namespace quadra::comtrade
