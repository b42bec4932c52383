// ComtradeSource: secondary frames from real files, the 3-wire derivation on 4.CFG, ratios,
// resampling of multi-rate and time-stamped records, and the stream's bookkeeping.
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/comtrade/comtrade_source.h"
#include "host/comtrade/test_util.h"

namespace quadra::comtrade {
namespace {

using ::testing::HasSubstr;
using metrology::Channel;
using metrology::SampleFrame;
using testutil::data_dir;
using testutil::error_of;
using testutil::SynthRecord;
using testutil::TempDir;

std::vector<SampleFrame> read_all(ComtradeSource& s) {
  std::vector<SampleFrame> out;
  std::vector<SampleFrame> buf(97);  // an odd chunk size on purpose
  for (;;) {
    const std::size_t n = s.read(buf);
    if (n == 0) break;
    out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
  }
  return out;
}

TEST(ComtradeSource, LineToLineVoltagesOf4Cfg) {
  ComtradeSource s(data_dir() / "wisp-example-set-2" / "4.CFG");
  EXPECT_EQ(s.sample_rate_hz(), 600.0);
  EXPECT_EQ(s.nominal_frequency_hz(), 50.0);
  EXPECT_EQ(s.ratios().vt, 30.0);    // 3000/100 of U21
  EXPECT_EQ(s.ratios().ct, 1250.0);  // 1250/1 of I1
  EXPECT_FALSE(s.resampled());
  EXPECT_THAT(s.describe(), HasSubstr("COMTRADE 4.CFG"));
  EXPECT_THAT(s.describe(), HasSubstr("(3-wire)"));
  EXPECT_THAT(s.mapping_report(), HasSubstr("treated as 3-wire"));
  const std::vector<SampleFrame> f = read_all(s);
  ASSERT_EQ(f.size(), 2399u);
  const ComtradeRecord& r = s.record();
  double max_u = 0.0;
  for (std::size_t k = 0; k < f.size(); ++k) {
    // Primary volts / 30 = secondary; U12 = -U21, U23 = -U32.
    const double u12 = -r.analog[3][k] / 30.0;
    const double u23 = -r.analog[4][k] / 30.0;
    const double ua = f[k][Channel::kU1];
    const double ub = f[k][Channel::kU2];
    const double uc = f[k][Channel::kU3];
    ASSERT_NEAR(ua + ub + uc, 0.0, 1e-4) << k;
    ASSERT_NEAR(ua - ub, u12, 1e-4) << k;
    ASSERT_NEAR(ub - uc, u23, 1e-4) << k;
    ASSERT_NEAR(f[k][Channel::kI1], r.analog[0][k] / 1250.0, 1e-7) << k;
    ASSERT_EQ(f[k][Channel::kIN], 0.0f);
    max_u = std::max(max_u, std::abs(ua));
  }
  EXPECT_GT(max_u, 10.0);  // a real signal went through
  // First record by hand: U21 = -689.8757475 V, U32 = 4175.4573772 V primary ->
  // U12 = 22.99585825, U23 = -139.18191257, U31 = 116.18605432 secondary; Ua = (U12-U31)/3.
  EXPECT_NEAR(f[0][Channel::kU1], (22.99585825 - 116.18605432) / 3.0, 1e-5);
}

TEST(ComtradeSource, PrimaryRecordingBecomesSecondary) {
  ComtradeSource s(data_dir() / "wisp-example-set-1" / "sample_bin.cfg");
  EXPECT_EQ(s.ratios().vt, 120.0);
  EXPECT_EQ(s.ratios().ct, 1.0);  // no current channel
  EXPECT_EQ(s.nominal_frequency_hz(), 60.0);
  const std::vector<SampleFrame> f = read_all(s);
  ASSERT_EQ(f.size(), 5u);
  // VA of record 1: -9.038626171 kV primary -> -75.3218847583 V secondary.
  EXPECT_NEAR(f[0][Channel::kU1], -75.3218847583, 1e-4);
  EXPECT_NEAR(f[4][Channel::kU3], 10444.433021 / 120.0, 1e-4);
  EXPECT_EQ(f[0][Channel::kI1], 0.0f);
}

TEST(ComtradeSource, SecondaryRecordingIsUnchanged) {
  ComtradeSource s(data_dir() / "wisp-example-set-1" / "sample_ascii.cff");
  EXPECT_EQ(s.ratios().ct, 933.0);
  EXPECT_EQ(s.ratios().vt, 1.0);
  EXPECT_EQ(s.sample_rate_hz(), 1200.0);
  const std::vector<SampleFrame> f = read_all(s);
  ASSERT_EQ(f.size(), 40u);
  for (std::size_t k = 0; k < 40; ++k) {
    EXPECT_EQ(f[k][Channel::kI1], static_cast<float>(s.record().analog[0][k]));
    EXPECT_EQ(f[k][Channel::kI3], static_cast<float>(s.record().analog[2][k]));
    EXPECT_EQ(f[k][Channel::kU1], 0.0f);
    EXPECT_EQ(f[k][Channel::kIN], 0.0f);
  }
}

TEST(ComtradeSource, RealFilesStream) {
  struct Case {
    const char* file;
    double rate;
    bool resampled;
    std::size_t frames;
    double vt, ct;
  };
  const Case cases[] = {
      // 83 sections: the highest is 2410.745117 Hz; floor(2.211419876 * 2410.745117) + 1.
      {"1.cfg", 2410.745117, true, 5332, 100.0, 1.0},
      {"2.cfg", 1200.0, false, 19679, 1100.0, 60.0},
      // Time stamps: the highest rate over 16 intervals; 1.698295 s.
      {"3.cfg", 0.0, true, 0, 190740.0 / 57.8, 1000.0},
      {"5.cfg", 2000.0, false, 202, 100.0, 1000.0},
  };
  for (const Case& c : cases) {
    ComtradeSource s(data_dir() / "wisp-example-set-2" / c.file);
    EXPECT_EQ(s.resampled(), c.resampled) << c.file;
    if (c.rate > 0.0) {
      EXPECT_EQ(s.sample_rate_hz(), c.rate) << c.file;
    }
    if (c.frames > 0) {
      EXPECT_EQ(s.frame_count(), c.frames) << c.file;
    }
    EXPECT_DOUBLE_EQ(s.ratios().vt, c.vt) << c.file;
    EXPECT_DOUBLE_EQ(s.ratios().ct, c.ct) << c.file;
    EXPECT_EQ(s.nominal_frequency_hz(), 50.0) << c.file;
    const std::vector<SampleFrame> f = read_all(s);
    EXPECT_EQ(f.size(), s.frame_count()) << c.file;
    EXPECT_EQ(s.missing_values(), 0u) << c.file;
  }
}

TEST(ComtradeSource, TimeStampedFile3IsResampledOnItsOwnTimes) {
  ComtradeSource s(data_dir() / "wisp-example-set-2" / "3.cfg");
  // 16 intervals of the time stamps span 19975..19978 us: about 800.96 Hz at most.
  EXPECT_GT(s.sample_rate_hz(), 800.9);
  EXPECT_LT(s.sample_rate_hz(), 801.0);
  EXPECT_EQ(s.frame_count(),
            static_cast<std::size_t>(std::floor(1.698295 * s.sample_rate_hz())) + 1);
  const std::vector<SampleFrame> f = read_all(s);
  const ComtradeRecord& r = s.record();
  // t = 0 is the first sample: VA secondary, ratio equal to the group's, unchanged.
  EXPECT_EQ(f[0][Channel::kU1], static_cast<float>(r.analog[4][0]));
  EXPECT_EQ(f[0][Channel::kI1], static_cast<float>(r.analog[0][0]));
  EXPECT_THAT(s.mapping_report(), HasSubstr("sample times from the time stamps vary"));
}

TEST(ComtradeSource, ExplicitMappingOn2Cfg) {
  ComtradeSourceOptions o;
  o.mapping = parse_channel_mapping("U1=5,U2=6,U3=7,I1=13,I2=14,I3=15");
  ComtradeSource s(data_dir() / "wisp-example-set-2" / "2.cfg", o);
  EXPECT_THAT(s.describe(), HasSubstr("U1=ch5 U2=ch6 U3=ch7 I1=ch13 I2=ch14 I3=ch15 IN=-"));
  std::vector<SampleFrame> f(1);
  ASSERT_EQ(s.read(f), 1u);
  // Ua_2 (ch 5) of record 1, kV primary with 1100/1 -> volts secondary.
  EXPECT_NEAR(f[0][Channel::kU1], s.record().analog[4][0] / 1100.0, 1e-4);
  EXPECT_NEAR(f[0][Channel::kI1], 15.20816982 / 60.0, 1e-6);
  s.rewind();
  std::vector<SampleFrame> g(1);
  ASSERT_EQ(s.read(g), 1u);
  EXPECT_EQ(g[0][Channel::kU1], f[0][Channel::kU1]);
}

// A 50 Hz three-phase signal stored in three rate sections; the stream at the highest rate must
// follow the analytic sine. Stored as ASCII integers of 1 mV / 1 mA (a = 0.001).
SynthRecord multi_rate_sine(std::vector<std::pair<double, int>> sections, double* t_last) {
  SynthRecord r;
  r.nrates = static_cast<int>(sections.size());
  std::vector<double> t;
  double now = 0.0;
  std::int64_t end = 0;
  for (const auto& [rate, count] : sections) {
    for (int i = 0; i < count; ++i) {
      if (!t.empty()) now += 1.0 / rate;
      t.push_back(now);
    }
    end += count;
    r.rates.emplace_back(fmt::format("{:g}", rate), end);
  }
  *t_last = t.back();
  const char* names[] = {"UA", "UB", "UC", "IA", "IB", "IC"};
  for (int ch = 0; ch < 6; ++ch) {
    testutil::SynthAnalog a;
    a.id = names[ch];
    a.unit = ch < 3 ? "V" : "A";
    a.a = 0.001;
    const double amp = ch < 3 ? 100.0 : 5.0;
    const double phase = -2.0 * std::numbers::pi / 3.0 * (ch % 3);
    for (const double tk : t) {
      const double v = amp * std::sin(2.0 * std::numbers::pi * 50.0 * tk + phase);
      a.raw.push_back(std::round(1000.0 * v));
    }
    r.analog.push_back(a);
  }
  return r;
}

TEST(ComtradeSource, ResamplesMultiRateSineWithinTolerance) {
  TempDir dir;
  double t_last = 0.0;
  // 1000 Hz (20 samples a cycle), then 4000 Hz (80), then 2000 Hz (40).
  const SynthRecord r = multi_rate_sine({{1000.0, 200}, {4000.0, 400}, {2000.0, 300}}, &t_last);
  ComtradeSource s(r.write(dir.path(), "multi"));
  ASSERT_TRUE(s.resampled());
  EXPECT_EQ(s.sample_rate_hz(), 4000.0);
  EXPECT_EQ(s.frame_count(), static_cast<std::size_t>(std::floor(t_last * 4000.0 + 1e-6)) + 1);
  const std::vector<SampleFrame> f = read_all(s);
  ASSERT_EQ(f.size(), s.frame_count());
  // Error bounds (lagrange.h): (w*h)^4 * 9/384 * A, plus 0.5 mV of storage rounding.
  // 1000 Hz: (2*pi*50/1000)^4 * 9/384 * 100 V = 0.023 V inside, about 4 times that at the start.
  // 4000 Hz: 1e-4 V. 2000 Hz: 1.4e-3 V. Tolerances below have some margin over these.
  double worst_start = 0.0;
  double worst_1000 = 0.0;
  double worst_4000 = 0.0;
  double worst_2000 = 0.0;
  const double t1 = 199.0 / 1000.0;        // last sample of section 1
  const double t2 = t1 + 400.0 / 4000.0;   // last sample of section 2
  for (std::size_t j = 0; j < f.size(); ++j) {
    const double t = static_cast<double>(j) / 4000.0;
    for (int ch = 0; ch < 3; ++ch) {
      const double want = 100.0 * std::sin(2.0 * std::numbers::pi * 50.0 * t -
                                           2.0 * std::numbers::pi / 3.0 * ch);
      const double err = std::abs(f[j].value[static_cast<std::size_t>(ch)] - want);
      if (t < 0.001) {
        worst_start = std::max(worst_start, err);
      } else if (t <= t1) {
        worst_1000 = std::max(worst_1000, err);
      } else if (t <= t2) {
        worst_4000 = std::max(worst_4000, err);
      } else {
        worst_2000 = std::max(worst_2000, err);
      }
      const double want_i = want / 20.0;
      ASSERT_NEAR(f[j].value[3 + static_cast<std::size_t>(ch)], want_i, 0.1 / 20.0) << j;
    }
  }
  EXPECT_LT(worst_start, 0.1);
  EXPECT_LT(worst_1000, 0.03);
  EXPECT_LT(worst_4000, 0.002);
  EXPECT_LT(worst_2000, 0.004);
  EXPECT_GT(worst_1000, 0.0);  // interpolated, not copied
  EXPECT_THAT(s.mapping_report(), HasSubstr("3 sampling-rate sections: resampled"));
}

TEST(ComtradeSource, UniformTimeStampsStreamUnchanged) {
  TempDir dir;
  double t_last = 0.0;
  SynthRecord r = multi_rate_sine({{2000.0, 50}}, &t_last);
  r.nrates = 0;
  r.rates = {{"0", 50}};
  r.timestamps.clear();
  for (int k = 0; k < 50; ++k) r.timestamps.push_back(k * 500);
  ComtradeSource s(r.write(dir.path(), "ts"));
  EXPECT_FALSE(s.resampled());
  EXPECT_EQ(s.sample_rate_hz(), 2000.0);
  EXPECT_EQ(s.frame_count(), 50u);
  EXPECT_THAT(s.mapping_report(), HasSubstr("time stamps are uniform"));
}

TEST(ComtradeSource, NominalFrequencyRounded) {
  TempDir dir;
  double t_last = 0.0;
  SynthRecord r = multi_rate_sine({{1000.0, 10}}, &t_last);
  r.lf = "55.5";
  ComtradeSource s(r.write(dir.path(), "f"));
  EXPECT_EQ(s.nominal_frequency_hz(), 60.0);
  EXPECT_THAT(s.mapping_report(), HasSubstr("line frequency 55.5 Hz is neither 50 nor 60"));
  r.lf = "0";
  ComtradeSource z(r.write(dir.path(), "z"));
  EXPECT_EQ(z.nominal_frequency_hz(), 50.0);
}

TEST(ComtradeSource, MissingValuesAreZeroAndCounted) {
  TempDir dir;
  double t_last = 0.0;
  SynthRecord r = multi_rate_sine({{1000.0, 10}}, &t_last);
  r.analog[0].raw[3] = 99999;
  ComtradeSource s(r.write(dir.path(), "m"));
  const std::vector<SampleFrame> f = read_all(s);
  EXPECT_EQ(f[3][Channel::kU1], 0.0f);
  EXPECT_EQ(s.missing_values(), 1u);
}

TEST(ComtradeSource, NeutralWithItsOwnRatio) {
  TempDir dir;
  double t_last = 0.0;
  SynthRecord r = multi_rate_sine({{1000.0, 10}}, &t_last);
  for (int ch = 3; ch < 6; ++ch) {
    r.analog[static_cast<std::size_t>(ch)].primary = "600";
    r.analog[static_cast<std::size_t>(ch)].secondary = "5";
  }
  testutil::SynthAnalog in;
  in.id = "IN";
  in.unit = "A";
  in.primary = "100";
  in.secondary = "1";
  in.a = 0.001;
  in.raw = std::vector<double>(10, 1000.0);  // 1 A secondary of a 100/1 CT = 100 A primary
  r.analog.push_back(in);
  ComtradeSource s(r.write(dir.path(), "n"));
  EXPECT_EQ(s.ratios().ct, 120.0);
  std::vector<SampleFrame> f(1);
  ASSERT_EQ(s.read(f), 1u);
  // 100 A primary on the phase CTs' 120 basis.
  EXPECT_NEAR(f[0][Channel::kIN], 100.0 / 120.0, 1e-6);
  EXPECT_THAT(s.mapping_report(), HasSubstr("IN (ch 7) has ratio 100, not the 120 of its group"));
}

TEST(ComtradeSource, RefusesAbsurdUpsampling) {
  TempDir dir;
  double t_last = 0.0;
  // 3 samples at 10 Hz and 2 at 100 kHz: 0.20002 s at 100 kHz is 20003 frames.
  const SynthRecord r = multi_rate_sine({{10.0, 3}, {100000.0, 2}}, &t_last);
  const std::filesystem::path p = r.write(dir.path(), "absurd");
  EXPECT_THAT(error_of([&] { ComtradeSource s(p); }),
              HasSubstr("absurd.cfg: resampling at the highest rate 100000 Hz would make 20003 "
                        "frames from 5 samples (more than 256 per sample)"));
}

}  // namespace
}  // namespace quadra::comtrade
