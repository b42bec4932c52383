// The meter on the sample path: grid simulator -> metrology -> Meter (windows, half cycles, 10 s
// frequency). A sag and an interruption of the scenario must reach the meter's logs with the
// right codes and times, next to the registers.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "core/meter/meter.h"
#include "core/metrology/metrology.h"
#include "host/sim/grid_simulator.h"

namespace quadra {
namespace {

namespace sim = host::sim;
using recording::LogGroup;

struct ToMeter : metrology::MeasurementSink {
  explicit ToMeter(meter::Meter& m) : meter(m) {}
  meter::Meter& meter;
  void on_window(const metrology::WindowValues& w) override { meter.on_window(w); }
  void on_half_cycle(const metrology::HalfCycleValues& h) override { meter.on_half_cycle(h); }
  void on_frequency_10s(const metrology::TenSecondFrequency& f) override { meter.on_frequency_10s(f); }
};

TEST(SamplePath, DisturbancesReachTheLogs) {
  sim::Scenario s;
  s.grid.duration_s = 12.0;
  for (auto& c : s.current) {
    c.rms_a = 5.0;
    c.phi_deg = 20.0;
  }
  sim::VoltageEvent sag;
  sag.kind = sim::EventKind::kSag;
  sag.start_s = 3.0017;
  sag.duration_s = 0.3;
  sag.residual_percent = 70.0;
  sag.phases = {false, true, false};
  sim::VoltageEvent outage;
  outage.kind = sim::EventKind::kInterruption;
  outage.start_s = 6.0;
  outage.duration_s = 2.0;
  outage.residual_percent = 0.0;
  s.events = {sag, outage};
  sim::GridSimulator source(s);

  meter::MeterSettings settings;
  settings.rtc.start_utc = 1767222000;
  settings.billing = meter::default_billing_settings();
  ASSERT_TRUE(meter::Meter::validate(settings).is_ok());
  meter::Meter m(settings);
  ToMeter sink(m);
  metrology::Metrology metrology(metrology::MetrologyConfig{}, sink);
  std::vector<metrology::SampleFrame> buf(4096);
  for (std::size_t got; (got = source.read(buf)) > 0;) metrology.push(std::span(buf.data(), got));

  const recording::EventLog& pq = m.events().log(LogGroup::kPowerQuality);
  bool sag_start = false, sag_end = false;
  for (std::size_t k = 0; k < pq.entries_in_use(); ++k) {
    const recording::EventRow& r = pq.entry(k);
    if (r.code == 77 && r.utc_s == settings.rtc.start_utc + 3) sag_start = true;  // sag L2
    if (r.code == 86 && r.utc_s == settings.rtc.start_utc + 3) {                 // voltage normal L2
      sag_end = true;
      EXPECT_NEAR(r.context[0], 0.3, 0.02);                  // duration, s
      EXPECT_NEAR(r.context[1], 0.7 * 230.0, 0.005 * 230.0);  // residual, V
    }
  }
  EXPECT_TRUE(sag_start);
  EXPECT_TRUE(sag_end);
  const recording::EventLog& standard = m.events().log(LogGroup::kStandard);
  bool down = false, up = false;
  for (std::size_t k = 0; k < standard.entries_in_use(); ++k) {
    const recording::EventRow& r = standard.entry(k);
    if (r.code == 1 && r.utc_s == settings.rtc.start_utc + 6) down = true;
    // Power up at 8.000 s, estimated within a few ms: the whole-second stamp is 7 or 8.
    if (r.code == 2 && std::llabs(r.utc_s - (settings.rtc.start_utc + 8)) <= 1) {
      up = true;
      EXPECT_NEAR(r.context[0], 2.0, 0.02);  // the outage's duration
    }
  }
  EXPECT_TRUE(down);
  EXPECT_TRUE(up);
  EXPECT_EQ(m.events().log(LogGroup::kPowerFailure).entries_in_use(), 0u);  // 2 s is not long
  // The energy registers saw the load, minus the outage.
  EXPECT_GT(m.energy().value(metrology::Element::kTotal, metrology::EnergyQuantity::kActiveImport, 0), 0.0);
}

}  // namespace
}  // namespace quadra
