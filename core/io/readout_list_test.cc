// The optical port's readout of a meter with known registers. Every expected line is computed by
// hand from the energy fed in (noted beside each group), in the data set format of IEC 62056-21
// (6.3.14 data set "address(value*unit)", VDEW time stamps YYMMDDhhmm); nothing is taken from a
// run of this code.
#include "core/io/readout_list.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/link/iec62056_21/engine.h"

namespace quadra::io {
namespace {

using meter::Obis;

// 2026-01-05T12:30:00+01:00 (Monday, winter working day): 2026-01-01T00:00+01:00 is 1767222000.
constexpr clock::UtcSeconds kStart = 1767222000 + 4 * 86400 + 12 * 3600 + 1800;

// One minute of constant power on the three phases (the registers use the total element).
meter::IntervalValues minute(double start_s, double p_w, double q_var) {
  meter::IntervalValues v;
  v.start_s = start_s;
  v.duration_s = 60.0;
  const double h = 60.0 / 3600.0;
  const double s = std::sqrt(p_w * p_w + q_var * q_var);
  for (std::size_t k = 0; k < 3; ++k) {
    v.energy[k] = metrology::split_into_quadrants(p_w / 3 * h, q_var / 3 * h, s / 3 * h);
    v.p_w[k] = p_w / 3;
    v.q_var[k] = q_var / 3;
    v.s_va[k] = s / 3;
  }
  v.energy[3] = metrology::split_into_quadrants(p_w * h, q_var * h, s * h);
  v.p_w_total = p_w;
  v.q_var_total = q_var;
  v.s_va_total = s;
  v.u_rms_v = {230.04, 229.96, 231.26};
  v.i_rms_a = {5.796, 5.8049, 12.3449};
  v.frequency_hz = 49.987;
  return v;
}

meter::MeterSettings settings(std::int8_t energy_scaler = 0, std::int8_t power_scaler = 0) {
  meter::MeterSettings s;
  s.rtc.start_utc = kStart;
  s.billing = meter::default_billing_settings();
  s.resolution.energy_scaler = energy_scaler;
  s.resolution.power_scaler = power_scaler;
  return s;
}

// 12:30-13:00 (T1, morning peak): +P 12375 W, +Q 3000 var: +A 6187.5 Wh, +R 1500 varh; the two
// 15-minute demand periods average 12375 W, the first closing at 12:45.
// 13:00-13:30 (T3): -P 6000 W, -Q 1500 var (quadrant III): -A 3000 Wh, -R 750 varh.
// 13:30: billing reset by command (period 1: +A 6187.5 Wh, all T1; -A 3000 Wh; MD 12375 W at
// 12:45; the cumulative maximum demand becomes 12375 W).
// 13:30-13:46 (T3): +P 4000 W: +A 1066.67 Wh; the 13:30-13:45 period averages 4000 W.
// At 13:46:00 local: +A 7254.17 Wh (T1 6187.5, T3 1066.67), -A 3000 Wh (T3).
void drive(meter::Meter& m, bool with_billing_reset = true) {
  double t = 0.0;
  for (int k = 0; k < 30; ++k, t += 60.0) m.on_interval(minute(t, 12375.0, 3000.0));
  for (int k = 0; k < 30; ++k, t += 60.0) m.on_interval(minute(t, -6000.0, -1500.0));
  if (with_billing_reset) (void)m.billing_reset(t, meter::BillingTrigger::kCommand);
  for (int k = 0; k < 16; ++k, t += 60.0) m.on_interval(minute(t, 4000.0, 0.0));
}

std::vector<std::string> readout(MeterReadout& r) {
  std::vector<std::string> lines;
  char buf[iec62056_21::Engine::kMaxLine];
  std::size_t size = 0;
  for (std::size_t i = 0; r.readout_line(i, buf, &size); ++i) lines.emplace_back(buf, size);
  return lines;
}

TEST(ReadoutList, DefaultListFormatsEveryLine) {
  meter::Meter m(settings());
  drive(m);
  const ReadoutConfig config = default_readout_config();
  ASSERT_TRUE(MeterReadout::validate(config, m).is_ok());
  EXPECT_EQ(config.count, 34u);
  MeterReadout r(m, config);
  const std::vector<std::string> expected = {
      "C.1.0(QDR00000001)",
      "0.9.1(134600)",  // meter time 76 min after 12:30 local
      "0.9.2(260105)",
      "F.F(00000000)",
      "0.1.0(01)",
      "1.8.0(000007.254*kWh)",  // 7254.17 Wh truncated to 1 Wh
      "1.8.1(000006.187*kWh)",  // 6187.5 Wh truncated
      "1.8.2(000000.000*kWh)",
      "1.8.3(000001.066*kWh)",  // 1066.67 Wh truncated
      "1.8.4(000000.000*kWh)",
      "2.8.0(000003.000*kWh)",
      "2.8.1(000000.000*kWh)",
      "2.8.2(000000.000*kWh)",
      "2.8.3(000003.000*kWh)",
      "2.8.4(000000.000*kWh)",
      "3.8.0(000001.500*kvarh)",
      "4.8.0(000000.750*kvarh)",
      "1.6.0(04.000*kW)(2601051345)",  // the 13:30-13:45 period, after the reset
      "1.2.0(12.375*kW)",
      "0.1.2*01(2601051330)",
      "1.8.0*01(000006.187*kWh)",
      "1.8.1*01(000006.187*kWh)",
      "1.8.2*01(000000.000*kWh)",
      "1.8.3*01(000000.000*kWh)",
      "1.8.4*01(000000.000*kWh)",
      "2.8.0*01(000003.000*kWh)",
      "1.6.0*01(12.375*kW)(2601051245)",
      "32.7.0(230.0*V)",
      "52.7.0(230.0*V)",
      "72.7.0(231.3*V)",
      "31.7.0(005.80*A)",
      "51.7.0(005.80*A)",
      "71.7.0(012.34*A)",
      "14.7.0(49.99*Hz)",
  };
  EXPECT_EQ(readout(r), expected);
  // A second readout starts again at the first line.
  EXPECT_EQ(readout(r), expected);
}

TEST(ReadoutList, CoarserResolutionTruncatesEnergiesAndRoundsPowers) {
  meter::Meter m(settings(/*energy 10 Wh*/ 1, /*power 100 W*/ 2));
  drive(m);
  MeterReadout r(m, default_readout_config());
  const std::vector<std::string> lines = readout(r);
  ASSERT_EQ(lines.size(), 34u);
  EXPECT_EQ(lines[5], "1.8.0(000007.25*kWh)");   // 7254.17 Wh -> 7250 Wh
  EXPECT_EQ(lines[8], "1.8.3(000001.06*kWh)");   // 1066.67 Wh -> 1060 Wh
  EXPECT_EQ(lines[15], "3.8.0(000001.50*kvarh)");
  EXPECT_EQ(lines[17], "1.6.0(04.0*kW)(2601051345)");
  EXPECT_EQ(lines[18], "1.2.0(12.4*kW)");          // 12375 W -> 12400 W (rounded, not truncated)
  EXPECT_EQ(lines[26], "1.6.0*01(12.4*kW)(2601051245)");
}

TEST(ReadoutList, BillingItemsWaitForTheirPeriod) {
  meter::Meter m(settings());
  drive(m, /*with_billing_reset=*/false);
  MeterReadout r(m, default_readout_config());
  const std::vector<std::string> lines = readout(r);
  ASSERT_EQ(lines.size(), 26u);  // the 8 billing items are left out
  EXPECT_EQ(lines[4], "0.1.0(00)");
  EXPECT_EQ(lines[17], "1.6.0(12.375*kW)(2601051245)");
  EXPECT_EQ(lines[18], "1.2.0(00.000*kW)");
  EXPECT_EQ(lines[19], "32.7.0(230.0*V)");
  // Lines asked out of order are found by walking the list again.
  char buf[128];
  std::size_t size = 0;
  ASSERT_TRUE(r.readout_line(19, buf, &size));
  EXPECT_EQ(std::string(buf, size), "32.7.0(230.0*V)");
  ASSERT_TRUE(r.readout_line(3, buf, &size));
  EXPECT_EQ(std::string(buf, size), "F.F(00000000)");
  EXPECT_FALSE(r.readout_line(26, buf, &size));
}

TEST(ReadoutList, MaximumDemandNeverCapturedShowsZeroTimeStamp) {
  meter::Meter m(settings());
  MeterReadout r(m, default_readout_config());
  char buf[128];
  std::size_t size = 0;
  ASSERT_TRUE(r.format_item(17, buf, &size));
  EXPECT_EQ(std::string(buf, size), "1.6.0(00.000*kW)(0000000000)");
}

TEST(ReadoutList, BillingPeriodNumbersAndOlderPeriods) {
  meter::Meter m(settings());
  drive(m);
  // Period 2 closes at 13:46 with +A 7254 Wh.
  (void)m.billing_reset(m.meter_time_s(), meter::BillingTrigger::kCommand);
  ReadoutConfig c;
  c.items[c.count++] = Obis(1, 0, 1, 8, 0, 101);  // the last period
  c.items[c.count++] = Obis(1, 0, 1, 8, 0, 102);  // the one before
  c.items[c.count++] = Obis(1, 0, 1, 8, 0, 1);    // the period numbered 1 (absolute)
  c.items[c.count++] = Obis(1, 0, 1, 8, 0, 103);  // not there yet
  c.items[c.count++] = billing_time_obis(102);
  ASSERT_TRUE(MeterReadout::validate(c, m).is_ok());
  MeterReadout r(m, c);
  const std::vector<std::string> expected = {"1.8.0*02(000007.254*kWh)", "1.8.0*01(000006.187*kWh)",
                                             "1.8.0*01(000006.187*kWh)", "0.1.2*01(2601051330)"};
  EXPECT_EQ(readout(r), expected);
}

TEST(ReadoutList, VdewAddresses) {
  char buf[16];
  std::size_t n = 0;
  auto address = [&](const Obis& o, int counter) {
    EXPECT_TRUE(vdew_address(o, counter, buf, &n).is_ok());
    return std::string(buf, n);
  };
  EXPECT_EQ(address(Obis(0, 0, 96, 1, 0), -1), "C.1.0");
  EXPECT_EQ(address(Obis(0, 0, 97, 97, 0), -1), "F.F");
  EXPECT_EQ(address(Obis(0, 0, 97, 97, 1), -1), "F.F.1");
  EXPECT_EQ(address(Obis(1, 0, 1, 8, 0), 107), "1.8.0*07");
  EXPECT_EQ(address(Obis(1, 0, 99, 98, 0), -1), "P.L.0");
  EXPECT_EQ(address(Obis(1, 0, 255, 255, 255), 99), "255.255.255*99");
  char small[4];
  EXPECT_EQ(vdew_address(Obis(1, 0, 1, 8, 0), -1, small, &n).code(), StatusCode::kCapacity);
}

TEST(ReadoutList, ValidateRefusesWhatCannotBeShown) {
  meter::Meter m(settings());
  auto one = [](const Obis& o) {
    ReadoutConfig c;
    c.items[c.count++] = o;
    return c;
  };
  EXPECT_FALSE(MeterReadout::validate(one(Obis(1, 0, 200, 8, 0)), m).is_ok());            // no register
  EXPECT_FALSE(MeterReadout::validate(one(Obis(1, 0, 32, 7, 0, 101)), m).is_ok());        // not captured
  EXPECT_FALSE(MeterReadout::validate(one(billing_time_obis(255)), m).is_ok());           // no period
  EXPECT_FALSE(MeterReadout::validate(one(Obis(1, 0, 1, 8, 0, 100)), m).is_ok());         // F 100
  EXPECT_FALSE(MeterReadout::validate(one(Obis(1, 0, 1, 8, 0, 126)), m).is_ok());         // F 126
  ReadoutConfig twice = one(Obis(1, 0, 1, 8, 0));
  twice.items[twice.count++] = Obis(1, 1, 1, 8, 0);
  EXPECT_FALSE(MeterReadout::validate(twice, m).is_ok());
  ReadoutConfig c = default_readout_config();
  c.serial_number = "QDR(1)";
  EXPECT_EQ(std::string(MeterReadout::validate(c, m).field()), "readout.serial_number");
  c = default_readout_config();
  c.password = "";
  EXPECT_EQ(std::string(MeterReadout::validate(c, m).field()), "readout.password");
  c = default_readout_config();
  c.count = kMaxReadoutItems + 1;
  EXPECT_EQ(MeterReadout::validate(c, m).code(), StatusCode::kCapacity);
}

TEST(ReadoutList, ProgrammingModeReadsListItemsAndWritesNothing) {
  meter::Meter m(settings());
  drive(m);
  MeterReadout r(m, default_readout_config());
  char buf[128];
  std::size_t n = r.password_operand(buf);
  EXPECT_EQ(std::string(buf, n), "QDR00000001");
  EXPECT_TRUE(r.check_password('1', kDefaultPassword));
  EXPECT_FALSE(r.check_password('2', kDefaultPassword));
  EXPECT_FALSE(r.check_password('1', "0000000"));
  ASSERT_TRUE(r.read_data_set("1.8.0", "", buf, &n));
  EXPECT_EQ(std::string(buf, n), "1.8.0(000007.254*kWh)");
  ASSERT_TRUE(r.read_data_set("1.8.0*01", "", buf, &n));
  EXPECT_EQ(std::string(buf, n), "1.8.0*01(000006.187*kWh)");
  ASSERT_TRUE(r.read_data_set("0.1.2*01", "", buf, &n));
  EXPECT_EQ(std::string(buf, n), "0.1.2*01(2601051330)");
  ASSERT_TRUE(r.read_data_set("C.1.0", "", buf, &n));
  EXPECT_EQ(std::string(buf, n), "C.1.0(QDR00000001)");
  EXPECT_FALSE(r.read_data_set("1.8.0*02", "", buf, &n));  // no period 2 yet
  EXPECT_FALSE(r.read_data_set("32.7.0*01", "", buf, &n));  // not a billing item
  EXPECT_FALSE(r.read_data_set("1.8.0*", "", buf, &n));
  EXPECT_FALSE(r.read_data_set("1.8.0*1x", "", buf, &n));
  EXPECT_FALSE(r.read_data_set("9.9.9", "", buf, &n));
  EXPECT_FALSE(r.write_data_set("1.8.0", "000000.000"));
}

// The whole exchange through the engine: sign-on, option select, the data message with its BCC
// computed here byte by byte (IEC 62056-21 6.3.2 / 6.3.6: XOR from after STX through ETX).
TEST(ReadoutList, EngineSendsTheReadoutWithItsBcc) {
  meter::Meter m(settings());
  drive(m);
  MeterReadout r(m, default_readout_config());
  iec62056_21::Engine e(r);
  std::string wire;
  auto run = [&](std::uint64_t now) {
    e.poll(now);
    iec62056_21::Output o;
    while (e.next_output(&o)) {
      if (o.kind == iec62056_21::OutputKind::kSend) wire.append(reinterpret_cast<const char*>(o.bytes.data()), o.bytes.size());
    }
  };
  const std::string request = "/?!\r\n";
  e.feed(std::span(reinterpret_cast<const std::uint8_t*>(request.data()), request.size()), 0);
  run(300);
  EXPECT_EQ(wire, "/QDR5\\2QUADRA\r\n");
  wire.clear();
  const std::string ack = "\x06" "050\r\n";
  e.feed(std::span(reinterpret_cast<const std::uint8_t*>(ack.data()), ack.size()), 1000);
  run(1000);
  run(1300);
  std::string body;
  for (const std::string& line : readout(r)) body += line + "\r\n";
  body += "!\r\n\x03";
  std::uint8_t bcc = 0;
  for (const char c : body) bcc = static_cast<std::uint8_t>(bcc ^ static_cast<std::uint8_t>(c));
  EXPECT_EQ(wire, "\x02" + body + std::string(1, static_cast<char>(bcc)));
}

}  // namespace
}  // namespace quadra::io
