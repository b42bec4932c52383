#include "host/sim/scenario_toml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace quadra::host::sim {
namespace {

using ::testing::HasSubstr;

// Parses `toml` expecting a refusal, and returns it.
ScenarioError refusal(std::string_view toml) {
  try {
    (void)parse_scenario(toml, "site.toml");
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted:\n" << toml;
  return ScenarioError("", 0, 0, "", "");
}

TEST(ScenarioToml, EmptyDocumentGivesTheDefaults) {
  const Scenario s = parse_scenario("", "empty.toml");
  EXPECT_EQ(s.grid.sample_rate_hz, 6400.0);
  EXPECT_EQ(s.grid.nominal_frequency_hz, 50.0);
  EXPECT_FALSE(s.grid.duration_s.has_value());
  EXPECT_EQ(s.voltage[0].angle_deg, 0.0);
  EXPECT_EQ(s.voltage[1].angle_deg, -120.0);
  EXPECT_EQ(s.voltage[2].angle_deg, 120.0);
  EXPECT_EQ(s.current[0].rms_a, 0.0);
  EXPECT_TRUE(s.neutral.measured_sum);
  EXPECT_FALSE(s.adc.quantises());
  EXPECT_EQ(s.adc.voltage_noise_rms_v, 0.0);
}

TEST(ScenarioToml, ReadsEveryField) {
  const Scenario s = parse_scenario(R"(
name = "t"
[grid]
sample_rate_hz = 12800
nominal_frequency_hz = 60
nominal_voltage_v = 63.5
vt_ratio = 200
ct_ratio = 100
start_time = 06:30:15
duration_s = 10
[frequency]
base_hz = 59.9
[[frequency.ramps]]
start_s = 1
duration_s = 2
to_hz = 60.1
[[frequency.steps]]
at_s = 5
to_hz = 60.0
[voltage.L2]
angle_deg = -119
harmonics = [ { order = 5, percent = 3, phase_deg = 10 } ]
interharmonics = [ { frequency_hz = 175.5, percent = 0.5 } ]
[current.L1]
rms_a = 1.5
phi_deg = -30
[current.L3]
load_profile = [ { hour = 0, p_w = 10, q_var = -5 }, { hour = 12.5, p_w = -20, q_var = 0 } ]
[neutral]
mode = "sum"
extra = [ { order = 3, rms_a = 0.1, angle_deg = 45 } ]
[[events]]
kind = "interruption"
start_s = 2.5
duration_s = 0.5
phases = ["L1", "L3"]
[adc]
bits = 16
voltage_full_scale_v = 100
current_full_scale_a = 2
voltage_noise_rms_v = 0.01
current_noise_rms_a = 0.001
seed = 7
)",
                                    "t.toml");
  EXPECT_EQ(s.name, "t");
  EXPECT_EQ(s.grid.sample_rate_hz, 12800.0);
  EXPECT_EQ(s.grid.nominal_frequency_hz, 60.0);
  EXPECT_EQ(s.ratios().vt, 200.0);
  EXPECT_EQ(s.ratios().ct, 100.0);
  EXPECT_EQ(s.grid.start_time_of_day_s, 6 * 3600 + 30 * 60 + 15);
  EXPECT_EQ(*s.grid.duration_s, 10.0);
  EXPECT_EQ(s.frequency.base_hz, 59.9);
  ASSERT_EQ(s.frequency.ramps.size(), 1u);
  EXPECT_EQ(s.frequency.ramps[0].to_hz, 60.1);
  ASSERT_EQ(s.frequency.steps.size(), 1u);
  EXPECT_EQ(s.voltage[0].rms_v, 63.5);  // nominal_voltage_v is the default
  EXPECT_EQ(s.voltage[1].angle_deg, -119.0);
  ASSERT_EQ(s.voltage[1].harmonics.size(), 1u);
  EXPECT_EQ(s.voltage[1].harmonics[0].order, 5);
  EXPECT_EQ(s.voltage[1].harmonics[0].phase_deg, 10.0);
  ASSERT_EQ(s.voltage[1].interharmonics.size(), 1u);
  EXPECT_EQ(s.voltage[1].interharmonics[0].frequency_hz, 175.5);
  EXPECT_EQ(s.current[0].rms_a, 1.5);
  EXPECT_EQ(s.current[0].phi_deg, -30.0);
  ASSERT_EQ(s.current[2].load_profile.size(), 2u);
  EXPECT_EQ(s.current[2].load_profile[1].p_w, -20.0);
  ASSERT_EQ(s.neutral.extra.size(), 1u);
  EXPECT_EQ(s.neutral.extra[0].order, 3);
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(s.events[0].kind, EventKind::kInterruption);
  EXPECT_EQ(s.events[0].residual_percent, 0.0);
  EXPECT_EQ(s.events[0].current_factor(), 0.0);
  EXPECT_TRUE(s.events[0].phases[0]);
  EXPECT_FALSE(s.events[0].phases[1]);
  EXPECT_TRUE(s.events[0].phases[2]);
  EXPECT_EQ(s.adc.bits, 16);
  EXPECT_EQ(s.adc.seed, 7u);
  EXPECT_DOUBLE_EQ(s.adc.voltage_step_v(), 100.0 / 32768.0);
}

TEST(ScenarioToml, OutOfRangeNamesFilePathAndLine) {
  const ScenarioError e = refusal("[grid]\nct_ratio = 80\n\n[current.L2]\nrms_a = -5.0\n");
  EXPECT_EQ(e.file(), "site.toml");
  EXPECT_EQ(e.line(), 5);
  EXPECT_EQ(e.column(), 9);
  EXPECT_EQ(e.path(), "current.L2.rms_a");
  EXPECT_THAT(e.what(), HasSubstr("site.toml:5:9: current.L2.rms_a: must be in [0, 100000] A"));
  EXPECT_THAT(e.what(), HasSubstr("(got -5)"));
}

TEST(ScenarioToml, WrongTypeIsRefused) {
  const ScenarioError e = refusal("[current.L2]\nrms_a = \"five\"\n");
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.path(), "current.L2.rms_a");
  EXPECT_THAT(e.what(), HasSubstr("expected a number, got a string"));

  const ScenarioError order =
      refusal("[voltage.L1]\nharmonics = [ { order = 5.0, percent = 1 } ]\n");
  EXPECT_EQ(order.path(), "voltage.L1.harmonics[0].order");
  EXPECT_THAT(order.what(), HasSubstr("expected an integer, got a floating-point number"));

  const ScenarioError table = refusal("voltage = 3\n");
  EXPECT_EQ(table.path(), "voltage");
  EXPECT_EQ(table.line(), 1);
}

TEST(ScenarioToml, UnknownKeyIsRefusedWithTheAllowedOnes) {
  const ScenarioError e = refusal("[voltage.L1]\nrms_v = 230\nrms = 230\n");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 1);
  EXPECT_EQ(e.path(), "voltage.L1.rms");
  EXPECT_THAT(e.what(), HasSubstr("unknown key \"rms\""));
  EXPECT_THAT(e.what(), HasSubstr("rms_v, angle_deg, harmonics, interharmonics"));

  EXPECT_EQ(refusal("[gird]\nsample_rate_hz = 1\n").path(), "gird");
  EXPECT_EQ(refusal("[voltage.L4]\n").path(), "voltage.L4");
  EXPECT_EQ(refusal("[[events]]\nkind = \"sag\"\nstart_s = 1\nduration_s = 1\n"
                    "residual_percent = 50\nphase = [\"L1\"]\n")
                .path(),
            "events[0].phase");
}

TEST(ScenarioToml, ErrorsInsideArraysNameTheElementAndItsLine) {
  const ScenarioError e = refusal(R"([current.L1]
harmonics = [
  { order = 5, percent = 20 },
  { order = 7, percent = 120 },
]
)");
  EXPECT_EQ(e.path(), "current.L1.harmonics[1].percent");
  EXPECT_EQ(e.line(), 4);
  EXPECT_THAT(e.what(), HasSubstr("must be in [0, 100] % (got 120)"));

  const ScenarioError dup = refusal(
      "[current.L1]\nharmonics = [ { order = 5, percent = 2 }, { order = 5, percent = 3 } ]\n");
  EXPECT_EQ(dup.path(), "current.L1.harmonics[1].order");
  EXPECT_THAT(dup.what(), HasSubstr("already given by current.L1.harmonics[0]"));

  const ScenarioError order = refusal("[voltage.L3]\n[[voltage.L3.harmonics]]\norder = 51\n"
                                      "percent = 1\n");
  EXPECT_EQ(order.path(), "voltage.L3.harmonics[0].order");
  EXPECT_EQ(order.line(), 3);
}

TEST(ScenarioToml, MissingRequiredKeyPointsAtItsTable) {
  const ScenarioError e = refusal("\n[[events]]\nkind = \"sag\"\nduration_s = 0.1\n"
                                  "residual_percent = 50\n");
  EXPECT_EQ(e.path(), "events[0].start_s");
  EXPECT_EQ(e.line(), 2);
  EXPECT_THAT(e.what(), HasSubstr("missing"));
}

TEST(ScenarioToml, SyntaxErrorCarriesTheLine) {
  const ScenarioError e = refusal("[grid]\nsample_rate_hz = = 6400\n");
  EXPECT_EQ(e.line(), 2);
  EXPECT_THAT(e.what(), HasSubstr("site.toml:2:"));
  EXPECT_THAT(e.what(), HasSubstr("TOML syntax error"));
}

TEST(ScenarioToml, SemanticChecksCarryTheLine) {
  const ScenarioError overlap = refusal(R"([[events]]
kind = "sag"
start_s = 10
duration_s = 1
residual_percent = 50
phases = ["L2"]

[[events]]
kind = "swell"
start_s = 10.5
duration_s = 1
residual_percent = 110
)");
  EXPECT_EQ(overlap.path(), "events[1].start_s");
  EXPECT_EQ(overlap.line(), 10);
  EXPECT_THAT(overlap.what(), HasSubstr("overlaps events[0]"));
  EXPECT_THAT(overlap.what(), HasSubstr("on L2"));

  const ScenarioError sag = refusal(
      "[[events]]\nkind = \"sag\"\nstart_s = 1\nduration_s = 1\nresidual_percent = 100\n");
  EXPECT_EQ(sag.path(), "events[0].residual_percent");
  EXPECT_EQ(sag.line(), 5);

  const ScenarioError nyquist = refusal(
      "[grid]\nsample_rate_hz = 2000\n[voltage.L1]\nharmonics = [ { order = 21, percent = 1 } ]\n");
  EXPECT_EQ(nyquist.path(), "voltage.L1.harmonics[0].order");
  EXPECT_THAT(nyquist.what(), HasSubstr("Nyquist"));

  const ScenarioError order = refusal(
      "[current.L1]\nload_profile = [ { hour = 5, p_w = 1, q_var = 0 },\n"
      "  { hour = 4, p_w = 1, q_var = 0 } ]\n");
  EXPECT_EQ(order.path(), "current.L1.load_profile[1].hour");
  EXPECT_EQ(order.line(), 3);

  const ScenarioError both = refusal(
      "[current.L1]\nrms_a = 1\nload_profile = [ { hour = 5, p_w = 1, q_var = 0 } ]\n");
  EXPECT_EQ(both.path(), "current.L1.rms_a");
  EXPECT_EQ(both.line(), 2);

  const ScenarioError ramp = refusal(R"([frequency]
ramps = [ { start_s = 10, duration_s = 10, to_hz = 50.1 } ]
steps = [ { at_s = 15, to_hz = 49.9 } ]
)");
  EXPECT_EQ(ramp.path(), "frequency.steps[0]");
  EXPECT_EQ(ramp.line(), 3);
  EXPECT_THAT(ramp.what(), HasSubstr("overlaps frequency.ramps[0]"));

  const ScenarioError phase = refusal(
      "[[events]]\nkind = \"sag\"\nstart_s = 1\nduration_s = 1\nresidual_percent = 50\n"
      "phases = [\"L1\", \"L5\"]\n");
  EXPECT_EQ(phase.path(), "events[0].phases[1]");
  EXPECT_EQ(phase.line(), 6);

  const ScenarioError kind = refusal(
      "[[events]]\nkind = \"dip\"\nstart_s = 1\nduration_s = 1\nresidual_percent = 50\n");
  EXPECT_EQ(kind.path(), "events[0].kind");
  EXPECT_THAT(kind.what(), HasSubstr("\"sag\", \"swell\", \"interruption\""));

  const ScenarioError nominal = refusal("[grid]\nnominal_frequency_hz = 55\n");
  EXPECT_EQ(nominal.path(), "grid.nominal_frequency_hz");

  const ScenarioError bits = refusal("[adc]\nbits = 16\n");
  EXPECT_EQ(bits.path(), "adc.voltage_full_scale_v");
  EXPECT_EQ(bits.line(), 1);  // missing: its table's line
}

TEST(ScenarioToml, ProgrammaticScenariosAreValidatedWithPaths) {
  Scenario s;
  s.current[1].harmonics.push_back({60, 1.0, 0.0});
  try {
    validate_scenario(s);
    FAIL() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.path(), "current.L2.harmonics[0].order");
    EXPECT_EQ(e.line(), 0);
    EXPECT_THAT(e.what(), HasSubstr("current.L2.harmonics[0].order: must be in [2, 50]"));
  }
}

TEST(ScenarioToml, UnreadableFileIsNamed) {
  try {
    (void)load_scenario_file("/nonexistent/quadra/scenario.toml");
    FAIL() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/quadra/scenario.toml"));
  }
}

}  // namespace
}  // namespace quadra::host::sim
