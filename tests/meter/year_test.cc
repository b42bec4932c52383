// One simulated year in fast mode (phasor level, one-minute ticks) through the meter application:
// DST changes, public holidays, twelve billing resets. Every tariff register must hold the
// integral of power over the minutes that tariff was in force, and every maximum demand the
// largest 15-minute average of its tariff, both computed here from the scenario's closed form.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

#include "core/clock/default_calendars.h"
#include "core/clock/time_zone.h"
#include "core/meter/meter.h"
#include "host/sim/phasor_ticker.h"

namespace quadra {
namespace {

using metrology::Element;
using metrology::EnergyQuantity;
namespace sim = host::sim;

constexpr clock::UtcSeconds kStart2026 = 1767222000;  // 2026-01-01T00:00:00+01:00 (CET)

sim::Scenario industrial_day() {
  // Import only (no quadrant changes inside a tick), a daily profile with a morning and an
  // evening peak, different per phase.
  sim::Scenario s;
  s.grid.start_time_of_day_s = 0.0;
  const double base[3] = {600, 500, 700};
  for (std::size_t k = 0; k < 3; ++k) {
    s.current[k].load_profile = {{0.0, base[k], 100},  {6.0, base[k], 150},  {8.0, 3 * base[k], 900},
                                 {12.0, 2 * base[k], 500}, {17.0, 3.5 * base[k], 1000}, {22.0, base[k], 100}};
  }
  return s;
}

struct Truth {
  std::map<unsigned, double> energy_by_tariff;  // Wh of +A, primary
  std::map<unsigned, double> max_demand;        // W, maximum 15-minute average per tariff (ending)
  double max_demand_total = 0;
};

TEST(Year, TariffRegistersAndMaximumDemandMatchTheClosedForm) {
  const sim::Scenario scenario = industrial_day();
  metrology::MetrologyConfig mc;
  mc.ct_ratio = 80.0;
  const sim::PhasorTicker ticker(scenario, mc);

  meter::MeterSettings settings;
  settings.rtc.start_utc = kStart2026;
  settings.billing = meter::default_billing_settings();
  ASSERT_TRUE(meter::Meter::validate(settings).is_ok());
  meter::Meter m(settings);

  // Independent tariff reckoning: the same built-in program evaluated on local minutes.
  clock::TariffProgram program;
  ASSERT_TRUE(clock::built_in_program(clock::BuiltInProgram::kFourZoneIndustrial, 2026, 2041, &program).is_ok());
  const clock::TimeZone tz = clock::central_european_time();

  Truth truth;
  const int minutes = 365 * 24 * 60 + 1;
  double period_energy = 0;
  for (int k = 0; k < minutes; ++k) {
    const double t0 = 60.0 * k;
    m.on_interval(ticker.tick(t0, 60.0));
    const clock::CivilDateTime local = clock::to_local(tz, kStart2026 + 60 * k);
    const unsigned tariff = clock::evaluate(program.calendar, program.special_days, local).tariff;
    const double e = ticker.truth().active_energy_wh(sim::kAllPhases, t0, t0 + 60.0) * mc.ct_ratio;
    truth.energy_by_tariff[tariff] += e;
    period_energy += e;
    if ((k + 1) % 15 == 0) {
      const double demand = period_energy / 0.25;
      truth.max_demand[tariff] = std::max(truth.max_demand[tariff], demand);
      truth.max_demand_total = std::max(truth.max_demand_total, demand);
      period_energy = 0;
    }
  }
  double sum = 0;
  for (unsigned t = 1; t <= 4; ++t) {
    const double meas = m.energy().value(Element::kTotal, EnergyQuantity::kActiveImport, t);
    EXPECT_NEAR(meas, truth.energy_by_tariff[t], 1e-6 * truth.energy_by_tariff[t]) << "T" << t;
    EXPECT_GT(truth.energy_by_tariff[t], 0.0);
    sum += truth.energy_by_tariff[t];
  }
  EXPECT_NEAR(m.energy().value(Element::kTotal, EnergyQuantity::kActiveImport, 0), sum, 1e-6 * sum);
  EXPECT_EQ(m.energy().value(Element::kTotal, EnergyQuantity::kActiveImport, 5), 0.0);

  // Twelve scheduled resets: 1 February .. 1 January, 00:00 local.
  EXPECT_EQ(m.billing().counter(), 12u);
  // The last billing period (December) holds the year's December maxima; compare the yearly
  // maximum with the cumulative maximum demand over the resets instead: the maximum of the
  // monthly maxima is the yearly maximum.
  double largest_monthly = 0;
  std::array<double, 5> largest_by_tariff{};
  for (std::size_t k = 0; k < m.billing().entries_in_use(); ++k) {
    const meter::BillingEntry& e = m.billing().entry(k);
    // Capture list: indices 18..22 are 1.0.1.6.0 .. 1.0.1.6.4 (maximum demand +P: all, T1..T4).
    largest_monthly = std::max(largest_monthly, e.values[18].value);
    for (unsigned t = 1; t <= 4; ++t) largest_by_tariff[t] = std::max(largest_by_tariff[t], e.values[18 + t].value);
    // Each maximum's capture time lies in its own billing period.
    if (k > 0) {
      EXPECT_GT(e.values[18].capture_utc_s, m.billing().entry(k - 1).utc_s);
    }
    EXPECT_LE(e.values[18].capture_utc_s, e.utc_s);
  }
  for (unsigned t = 1; t <= 4; ++t) {
    EXPECT_NEAR(largest_by_tariff[t], truth.max_demand[t], 1e-6 * truth.max_demand[t]) << "T" << t;
  }
  // Only the last 12 periods are kept, which is the whole year.
  EXPECT_NEAR(largest_monthly, truth.max_demand_total, 1e-6 * truth.max_demand_total);
}

}  // namespace
}  // namespace quadra
