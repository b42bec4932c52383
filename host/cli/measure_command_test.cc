// quadra measure end to end: a COMTRADE record written from the simulator (FLOAT32, primary
// values with VT and CT ratios), read back and measured; the JSON must carry the keys and
// the simulator's closed-form truth, scaled to primary.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "host/cli/commands.h"
#include "host/comtrade/test_util.h"
#include "host/sim/grid_simulator.h"

namespace quadra::host {
namespace {

using comtrade::testutil::SynthAnalog;
using comtrade::testutil::SynthRecord;
using comtrade::testutil::TempDir;

constexpr double kVt = 200.0;  // 20 kV / 100 V
constexpr double kCt = 80.0;   // 400 A / 5 A

sim::Scenario scenario(bool with_sag = false) {
  sim::Scenario s;
  if (with_sag) {
    sim::VoltageEvent sag;
    sag.kind = sim::EventKind::kSag;
    sag.start_s = 2.0031;
    sag.duration_s = 0.25;
    sag.residual_percent = 55.0;
    sag.phases = {false, true, false};
    s.events.push_back(sag);
  }
  s.grid.duration_s = 4.0;
  s.grid.nominal_voltage_v = 57.735;
  s.frequency.base_hz = 50.02;
  const double phi[3] = {30.0, 60.0, -20.0};
  for (std::size_t k = 0; k < 3; ++k) {
    s.voltage[k].rms_v = 57.735 * (1.0 + 0.01 * static_cast<double>(k));
    s.voltage[k].harmonics = {{5, 4.0, 0.0}, {7, 3.0, 0.0}};
    s.current[k].rms_a = 3.0 + static_cast<double>(k);
    s.current[k].phi_deg = phi[k];
    s.current[k].harmonics = {{5, 20.0, 0.0}, {11, 6.0, 0.0}};
  }
  return s;
}

// Writes the scenario's samples as a FLOAT32 record at primary values.
std::filesystem::path write_record(const TempDir& dir, bool with_sag = false) {
  sim::GridSimulator source(scenario(with_sag));
  SynthRecord r;
  r.format = "FLOAT32";
  r.rev = "2013";
  r.rates = {{"6400", 25600}};
  const char* ids[7] = {"UA", "UB", "UC", "IA", "IB", "IC", "IN"};
  const char* ph[7] = {"A", "B", "C", "A", "B", "C", "N"};
  for (int c = 0; c < 7; ++c) {
    SynthAnalog a;
    a.id = ids[c];
    a.ph = ph[c];
    a.unit = c < 3 ? "kV" : "A";
    a.a = c < 3 ? 0.001 : 1.0;  // kV channels store volts x 1000... a * x in kV
    a.primary = c < 3 ? "20000" : "400";
    a.secondary = c < 3 ? "100" : "5";
    a.ps = "P";
    r.analog.push_back(a);
  }
  std::vector<sim::GridSimulator::PreciseFrame> frames(25600);
  const std::size_t n = source.read_precise(frames);
  for (std::size_t k = 0; k < n; ++k) {
    for (int c = 0; c < 7; ++c) {
      // Stored number x with a * x = primary value in the channel's unit (kV for voltages).
      const double primary = frames[k][static_cast<std::size_t>(c)] * (c < 3 ? kVt / 1000.0 : kCt);
      r.analog[static_cast<std::size_t>(c)].raw.push_back(primary / r.analog[static_cast<std::size_t>(c)].a);
    }
  }
  r.timestamps.clear();
  return r.write(dir.path(), "synthetic");
}

TEST(Measure, JsonCarriesTheTruthInPrimaryUnits) {
  TempDir dir;
  MeasureOptions o;
  o.path = write_record(dir).string();
  o.series_path = (dir / "series.csv").string();
  const MeasureResult r = measure(o);
  const nlohmann::ordered_json j = measure_json(r.summary, r.energy);

  // The keys the issue lists, no more, no fewer.
  std::set<std::string> top;
  for (const auto& [k, v] : j.items()) top.insert(k);
  EXPECT_EQ(top, (std::set<std::string>{"duration_s", "frequency_hz", "phases", "total", "neutral", "unbalance",
                                        "energy"}));
  std::set<std::string> phase_keys;
  for (const auto& [k, v] : j["phases"]["L2"].items()) phase_keys.insert(k);
  EXPECT_EQ(phase_keys, (std::set<std::string>{"u_rms_v", "i_rms_a", "p_w", "q_var", "s_va", "pf", "u_thd_pct",
                                               "i_thd_pct", "u_harmonics_pct", "i_harmonics_pct"}));
  EXPECT_EQ(j["phases"]["L1"]["u_harmonics_pct"].size(), 49u);
  EXPECT_EQ(j["energy"]["L3"].size(), 10u);

  const sim::Scenario s = scenario();
  const sim::ScenarioTruth truth(s);
  EXPECT_NEAR(j["frequency_hz"].get<double>(), 50.02, 0.002);
  for (std::size_t k = 0; k < 3; ++k) {
    const sim::PhaseTruth t = truth.at(1.0, k);
    const auto& p = j["phases"][std::string("L") + std::to_string(k + 1)];
    EXPECT_NEAR(p["u_rms_v"].get<double>(), t.u_rms_v * kVt, 0.0005 * t.u_rms_v * kVt);
    EXPECT_NEAR(p["i_rms_a"].get<double>(), t.i_rms_a * kCt, 0.0005 * t.i_rms_a * kCt);
    EXPECT_NEAR(p["p_w"].get<double>(), t.p_w * kVt * kCt, 0.0005 * std::fabs(t.p_w) * kVt * kCt);
    EXPECT_NEAR(p["q_var"].get<double>(), t.q1_var * kVt * kCt, 0.001 * std::fabs(t.q1_var) * kVt * kCt);
    EXPECT_NEAR(p["u_harmonics_pct"]["5"].get<double>(), 4.0, 0.02);
    EXPECT_NEAR(p["i_harmonics_pct"]["11"].get<double>(), 6.0, 0.03);
    EXPECT_NEAR(p["i_harmonics_pct"]["3"].get<double>(), 0.0, 0.01);
  }
  // Energy over exactly the span of the windows.
  const double t0 = r.summary.start_s, t1 = t0 + r.summary.duration_s;
  EXPECT_NEAR(j["energy"]["total"]["active_import_wh"].get<double>(),
              truth.active_energy_wh(sim::kAllPhases, t0, t1) * kVt * kCt,
              0.0005 * truth.active_energy_wh(sim::kAllPhases, t0, t1) * kVt * kCt);
  // The CSV series: a header and one row per window.
  std::ifstream csv(o.series_path);
  std::string line;
  std::size_t rows = 0;
  std::getline(csv, line);
  EXPECT_EQ(line.rfind("start_s,duration_s,frequency_hz,locked,u1_rms_v", 0), 0u);
  while (std::getline(csv, line)) ++rows;
  EXPECT_EQ(rows, r.summary.windows);
}

TEST(Measure, ReportsTheSagOfARecording) {
  TempDir dir;
  MeasureOptions o;
  o.path = write_record(dir, true).string();
  const MeasureResult r = measure(o);
  const nlohmann::ordered_json events = events_json(r.events);
  // One sag on L2 and the polyphase dip it makes, nothing else.
  ASSERT_EQ(events.size(), 2u) << events.dump();
  const auto& l2 = events[0]["phase"] == "L2" ? events[0] : events[1];
  EXPECT_EQ(l2["type"], "sag");
  EXPECT_NEAR(l2["start_s"].get<double>(), 2.0031, 0.01);  // within half a cycle
  EXPECT_NEAR(l2["duration_s"].get<double>(), 0.25, 0.02);  // within one cycle
  // Udin is taken from the recording's first second: L2's own voltage is 1 % above L1's.
  EXPECT_NEAR(l2["extreme_pct"].get<double>(), 55.0 * 1.01 * 57.735 / (57.735 * 1.02), 0.3);
}

TEST(Measure, RefusesARecordingShorterThanAWindow) {
  const std::string path = std::string(QUADRA_SOURCE_DIR) + "/tests/data/comtrade/wisp-example-set-1/sample_ascii.cfg";
  MeasureOptions o;
  o.path = path;
  try {
    measure(o);
    FAIL() << "a 33 ms recording was measured";
  } catch (const std::exception& e) {
    {
      const std::string m = e.what();
      EXPECT_NE(m.find("sample_ascii.cfg"), std::string::npos) << m;
      EXPECT_NE(m.find("0.0333 s"), std::string::npos) << m;
      EXPECT_NE(m.find("12-cycle window"), std::string::npos) << m;
    }
  }
}

TEST(Measure, EveryRealRecordingIsMeasuredOrRefusedWithItsReason) {
  const std::string base = std::string(QUADRA_SOURCE_DIR) + "/tests/data/comtrade/";
  struct Case {
    const char* file;
    bool measured;
  };
  for (const Case& c : {Case{"wisp-example-set-1/sample_ascii.cfg", false}, Case{"wisp-example-set-1/sample_ascii.cff", false},
                        Case{"wisp-example-set-1/sample_bin.cfg", false}, Case{"wisp-example-set-2/1.cfg", true},
                        Case{"wisp-example-set-2/2.cfg", true}, Case{"wisp-example-set-2/3.cfg", true},
                        Case{"wisp-example-set-2/4.CFG", true}, Case{"wisp-example-set-2/5.cfg", false}}) {
    MeasureOptions o;
    o.path = base + c.file;
    if (c.measured) {
      const MeasureResult r = measure(o);
      EXPECT_GT(r.summary.windows, 0u) << c.file;
      EXPECT_GT(r.summary.phase[0].u_rms_v, 0.0) << c.file;
    } else {
      try {
        measure(o);
        ADD_FAILURE() << c.file << " was measured";
      } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("needs at least one complete"), std::string::npos) << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace quadra::host
