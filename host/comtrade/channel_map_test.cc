// Channel classification, the automatic mapping of every real file, grouping, partial sets, and
// explicit mappings.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/comtrade/channel_map.h"
#include "host/comtrade/test_util.h"

namespace quadra::comtrade {
namespace {

using ::testing::HasSubstr;
using testutil::data_dir;
using testutil::error_of;

TEST(ComtradeChannelClass, PhaseField) {
  EXPECT_EQ(designation_from_phase_field("A"), Designation::kPhaseA);
  EXPECT_EQ(designation_from_phase_field(" b "), Designation::kPhaseB);
  EXPECT_EQ(designation_from_phase_field("T"), Designation::kPhaseC);
  EXPECT_EQ(designation_from_phase_field("L2"), Designation::kPhaseB);
  EXPECT_EQ(designation_from_phase_field("3"), Designation::kPhaseC);
  EXPECT_EQ(designation_from_phase_field("A-N"), Designation::kPhaseA);
  EXPECT_EQ(designation_from_phase_field("N"), Designation::kNeutral);
  EXPECT_EQ(designation_from_phase_field("G"), Designation::kResidual);
  EXPECT_EQ(designation_from_phase_field("AB"), Designation::kLineAB);
  EXPECT_EQ(designation_from_phase_field("L3-L1"), Designation::kLineCA);
  EXPECT_EQ(designation_from_phase_field("AC"), Designation::kLineAC);
  EXPECT_EQ(designation_from_phase_field("_"), Designation::kNone);
  EXPECT_EQ(designation_from_phase_field("7"), Designation::kNone);
  EXPECT_EQ(designation_from_phase_field(""), Designation::kNone);
}

TEST(ComtradeChannelClass, ChannelId) {
  Quantity q = Quantity::kOther;
  EXPECT_EQ(designation_from_id("UA", &q), Designation::kPhaseA);
  EXPECT_EQ(q, Quantity::kVoltage);
  EXPECT_EQ(designation_from_id("Ua_1\xD1\xD8-110", &q), Designation::kPhaseA);  // Ua_1СШ-110
  EXPECT_EQ(designation_from_id("VB", &q), Designation::kPhaseB);
  EXPECT_EQ(designation_from_id("IA ", &q), Designation::kPhaseA);
  EXPECT_EQ(q, Quantity::kCurrent);
  EXPECT_EQ(designation_from_id("Ic1", &q), Designation::kPhaseC);
  EXPECT_EQ(designation_from_id("I2", &q), Designation::kPhaseB);
  EXPECT_EQ(designation_from_id("IL3", &q), Designation::kPhaseC);
  EXPECT_EQ(designation_from_id("F1-IA", &q), Designation::kPhaseA);
  EXPECT_EQ(designation_from_id("U21", &q), Designation::kLineBA);
  EXPECT_EQ(designation_from_id("U32", &q), Designation::kLineCB);
  EXPECT_EQ(designation_from_id("Uab", &q), Designation::kLineAB);
  EXPECT_EQ(designation_from_id("UL1L2", &q), Designation::kLineAB);
  EXPECT_EQ(designation_from_id("3I0", &q), Designation::kResidual);
  EXPECT_EQ(q, Quantity::kCurrent);
  EXPECT_EQ(designation_from_id("3Uo_2", &q), Designation::kResidual);
  EXPECT_EQ(q, Quantity::kVoltage);
  EXPECT_EQ(designation_from_id("Vo", &q), Designation::kResidual);
  EXPECT_EQ(designation_from_id("IG", &q), Designation::kResidual);
  EXPECT_EQ(designation_from_id("In", &q), Designation::kNeutral);
  EXPECT_EQ(designation_from_id("In1", &q), Designation::kNeutral);
  EXPECT_EQ(designation_from_id("Id", &q), Designation::kNone);
  EXPECT_EQ(designation_from_id("VT1", &q), Designation::kNone);
  EXPECT_EQ(designation_from_id("Man_Close_Cmd", &q), Designation::kNone);
  EXPECT_EQ(q, Quantity::kOther);
}

TEST(ComtradeChannelClass, PhasorChannelsAndUnits) {
  AnalogChannel mag;
  mag.id = "SRC 1  Vag Mag";
  mag.phase = "_";
  mag.unit = "kV";
  mag.si_unit = "V";
  const ChannelClass c = classify(mag);
  EXPECT_EQ(c.quantity, Quantity::kVoltage);
  EXPECT_EQ(c.from_id, Designation::kPhaseA);
  EXPECT_TRUE(c.phasor);
  AnalogChannel deg;
  deg.id = "SRC 1  Vag Angle";
  deg.unit = deg.si_unit = "deg";
  EXPECT_EQ(classify(deg).quantity, Quantity::kOther);
  AnalogChannel no_unit;
  no_unit.id = "IB";
  EXPECT_EQ(classify(no_unit).quantity, Quantity::kCurrent);
}

std::string auto_map(const std::filesystem::path& p) {
  const ComtradeRecord r = read_comtrade(p);
  return summarize_mapping(r.config, auto_map_channels(r.config));
}

// The mapping each real file gets (see README.md for the reasons).
TEST(ComtradeChannelMap, RealFiles) {
  const auto s1 = data_dir() / "wisp-example-set-1";
  const auto s2 = data_dir() / "wisp-example-set-2";
  // IA IB IC by name (ph empty); 3I0 is a residual, not IN.
  EXPECT_EQ(auto_map(s1 / "sample_ascii.cfg"), "U1=- U2=- U3=- I1=ch1 I2=ch2 I3=ch3 IN=-");
  // VA VB VC by ph A/B/C; VN (ph N) is a neutral voltage, not an input.
  EXPECT_EQ(auto_map(s1 / "sample_bin.cfg"), "U1=ch1 U2=ch2 U3=ch3 I1=- I2=- I3=- IN=-");
  // UA UB UC by name; no currents.
  EXPECT_EQ(auto_map(s2 / "1.cfg"), "U1=ch1 U2=ch2 U3=ch3 I1=- I2=- I3=- IN=-");
  // First complete sets by ph and circuit: busbar 1 voltages, the currents of line VL1.
  EXPECT_EQ(auto_map(s2 / "2.cfg"), "U1=ch1 U2=ch2 U3=ch3 I1=ch13 I2=ch14 I3=ch15 IN=-");
  // F5-VA.. and F1-IA.. by ph; F4-IG (ph G) is a residual; the Mag/Angle channels are phasors.
  EXPECT_EQ(auto_map(s2 / "3.cfg"), "U1=ch5 U2=ch6 U3=ch7 I1=ch1 I2=ch2 I3=ch3 IN=-");
  // Sepam: ph holds numbers; I1..I3 by name, U21 and U32 line-to-line (inverted), Vo residual.
  EXPECT_EQ(auto_map(s2 / "4.CFG"), "U12=-ch4 U23=-ch5 I1=ch1 I2=ch2 I3=ch3 IN=-");
  // ph is "1" everywhere: names decide; In1 is the neutral, Ie (earth) a residual.
  EXPECT_EQ(auto_map(s2 / "5.cfg"), "U1=ch7 U2=ch8 U3=ch9 I1=ch1 I2=ch2 I3=ch3 IN=ch6");
}

TEST(ComtradeChannelMap, ReportsChoicesAndMissingInputs) {
  const ComtradeRecord r = read_comtrade(data_dir() / "wisp-example-set-2" / "4.CFG");
  const ChannelMap m = auto_map_channels(r.config);
  EXPECT_TRUE(m.three_wire);
  const std::string text = describe_mapping(r.config, m);
  EXPECT_THAT(text, HasSubstr("U12 <- -ch 4 'U21'"));
  EXPECT_THAT(text, HasSubstr("U23 <- -ch 5 'U32'"));
  EXPECT_THAT(text, HasSubstr("treated as 3-wire"));
  EXPECT_THAT(text, HasSubstr("IN  <- missing (zero)"));
  EXPECT_THAT(text, HasSubstr("residual voltages not used: ch 6 'Vo'"));
}

// Builds a configuration from "id,ph,unit,ccbm" rows.
ComtradeConfig config_of(std::initializer_list<std::array<const char*, 4>> rows) {
  ComtradeConfig c;
  c.file_name = "synthetic.cfg";
  int i = 0;
  for (const auto& row : rows) {
    AnalogChannel ch;
    ch.index = ++i;
    ch.id = row[0];
    ch.phase = row[1];
    ch.unit = row[2];
    ch.si_unit = parse_unit(row[2]).si_unit;
    ch.circuit = row[3];
    c.analog.push_back(ch);
  }
  return c;
}

TEST(ComtradeChannelMap, FirstCompleteGroupByCircuit) {
  // Feeder L2 is complete first in file order only when grouped: L1's B and C come last.
  const ComtradeConfig c = config_of({{"Ia_L1", "A", "A", "L1"},
                                      {"Ia_L2", "A", "A", "L2"},
                                      {"Ib_L2", "B", "A", "L2"},
                                      {"Ic_L2", "C", "A", "L2"},
                                      {"Ib_L1", "B", "A", "L1"},
                                      {"Ic_L1", "C", "A", "L1"}});
  EXPECT_EQ(summarize_mapping(c, auto_map_channels(c)),
            "U1=- U2=- U3=- I1=ch1 I2=ch5 I3=ch6 IN=-");
}

TEST(ComtradeChannelMap, IncompleteSetAndNeutral) {
  const ComtradeConfig c = config_of({{"IL1", "", "A", ""},
                                      {"IL3", "", "A", ""},
                                      {"IN", "", "A", ""},
                                      {"3I0", "N", "A", ""}});
  const ChannelMap m = auto_map_channels(c);
  EXPECT_EQ(summarize_mapping(c, m), "U1=- U2=- U3=- I1=ch1 I2=- I3=ch2 IN=ch3");
  EXPECT_THAT(describe_mapping(c, m), HasSubstr("incomplete phase set"));
  EXPECT_THAT(describe_mapping(c, m), HasSubstr("I2: missing, its samples are zero"));
}

TEST(ComtradeChannelMap, ThreeLineVoltages) {
  const ComtradeConfig c = config_of(
      {{"Vab", "AB", "V", ""}, {"Vbc", "BC", "V", ""}, {"Vca", "CA", "V", ""}});
  const ChannelMap m = auto_map_channels(c);
  EXPECT_TRUE(m.three_wire);
  EXPECT_EQ(summarize_mapping(c, m), "U12=ch1 U23=ch2 U31=ch3 I1=- I2=- I3=- IN=-");
}

TEST(ComtradeChannelMap, ParseExplicitMapping) {
  const MappingSpec s = parse_channel_mapping("U1=5,U2=6,U3=7,I1=1,I2=2,I3=3");
  ASSERT_TRUE(s.direct[0]);
  EXPECT_EQ(s.direct[0]->number, 5);
  EXPECT_EQ(s.direct[5]->number, 3);
  EXPECT_FALSE(s.direct[6]);
  const MappingSpec t = parse_channel_mapping(" u21=4 ; U32=-5, in=9 i2=-2");
  EXPECT_EQ(t.line[0]->number, 4);
  EXPECT_TRUE(t.line[0]->inverted);   // U21 = -U12
  EXPECT_FALSE(t.line[1]->inverted);  // U32 = -U23, and -5 inverts again
  EXPECT_EQ(t.direct[6]->number, 9);
  EXPECT_TRUE(t.direct[4]->inverted);
}

TEST(ComtradeChannelMap, ExplicitMappingErrors) {
  EXPECT_EQ(error_of([] { (void)parse_channel_mapping("U1=5,X9=6"); }),
            "channel mapping \"U1=5,X9=6\": unknown input \"X9\" (expected U1 U2 U3 I1 I2 I3 IN, "
            "or U12 U23 U31 / U21 U32 U13 for a 3-wire network)");
  EXPECT_EQ(error_of([] { (void)parse_channel_mapping("U1=five"); }),
            "channel mapping \"U1=five\": U1: \"five\" is not a channel number (An of the .cfg, "
            "from 1)");
  EXPECT_EQ(error_of([] { (void)parse_channel_mapping("U1=0"); }),
            "channel mapping \"U1=0\": U1: \"0\" is not a channel number (An of the .cfg, from 1)");
  EXPECT_EQ(error_of([] { (void)parse_channel_mapping("I1=1,I1=2"); }),
            "channel mapping \"I1=1,I1=2\": I1 is given twice");
  EXPECT_EQ(error_of([] { (void)parse_channel_mapping("U1=1,U12=2,U23=3"); }),
            "channel mapping \"U1=1,U12=2,U23=3\": phase voltages (U1..U3) and line-to-line "
            "voltages (U12..) together");
  EXPECT_EQ(error_of([] { (void)parse_channel_mapping("U12=2"); }),
            "channel mapping \"U12=2\": a 3-wire mapping needs at least two line-to-line voltages");
  EXPECT_EQ(error_of([] { (void)parse_channel_mapping("I1"); }),
            "channel mapping \"I1\": \"I1\" is not KEY=channel");
  EXPECT_EQ(error_of([] { (void)parse_channel_mapping(""); }), "channel mapping \"\": no entry");
}

TEST(ComtradeChannelMap, ResolveExplicitMapping) {
  const ComtradeRecord r = read_comtrade(data_dir() / "wisp-example-set-2" / "2.cfg");
  // Busbar 2 voltages with the line VL1 currents (which the busbar-2 line is fed from).
  const ChannelMap m =
      resolve_mapping(r.config, parse_channel_mapping("U1=5,U2=6,U3=7,I1=13,I2=14,I3=15"));
  EXPECT_EQ(summarize_mapping(r.config, m), "U1=ch5 U2=ch6 U3=ch7 I1=ch13 I2=ch14 I3=ch15 IN=-");
  EXPECT_EQ(m.direct[3]->position, 11u);  // channel 13 is the 12th line: 12 does not exist
  EXPECT_THAT(describe_mapping(r.config, m), HasSubstr("IN: not mapped, its samples are zero"));
  EXPECT_EQ(error_of([&] {
              (void)resolve_mapping(r.config, parse_channel_mapping("U1=12,U2=6,U3=7"));
            }),
            "channel mapping \"U1=12,U2=6,U3=7\": U1=12: 2.cfg has no analog channel 12 "
            "(channels 1..56)");
  // A current channel mapped to a voltage input is allowed, with a note.
  const ChannelMap odd = resolve_mapping(r.config, parse_channel_mapping("U1=13"));
  EXPECT_THAT(describe_mapping(r.config, odd), HasSubstr("makes it a current, not a voltage"));
}

}  // namespace
}  // namespace quadra::comtrade
