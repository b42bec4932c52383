// quadra_sim_speed [seconds]: generates the built-in scenario (default: one simulated day) and
// prints frames per second, with and without the ADC model. A measurement, not a test.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "host/sim/builtin_scenario.h"
#include "host/sim/grid_simulator.h"

namespace {

double run(quadra::host::sim::Scenario scenario, double seconds, const char* label) {
  using Clock = std::chrono::steady_clock;
  scenario.grid.duration_s = seconds;
  quadra::host::sim::GridSimulator sim(std::move(scenario));
  std::vector<quadra::metrology::SampleFrame> frames(4096);
  double checksum = 0.0;
  std::size_t total = 0;
  const auto start = Clock::now();
  const std::clock_t cpu_start = std::clock();
  for (;;) {
    const std::size_t n = sim.read(frames);
    if (n == 0) break;
    total += n;
    checksum += frames[0].value[0];
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  // CPU time is the fairer figure on a shared machine; wall time is what a run takes.
  const double rate = static_cast<double>(total) / cpu;
  std::printf("%-24s %11zu frames, %6.2f s CPU (%6.2f s wall): %5.2f M frames/s per core "
              "(%.0fx real time) [%g]\n",
              label, total, cpu, elapsed, rate / 1e6, rate / sim.sample_rate_hz(), checksum);
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 86400.0;
  quadra::host::sim::Scenario s = quadra::host::sim::builtin_scenario();
  run(s, seconds, "built-in (ADC on)");
  quadra::host::sim::Scenario clean = s;
  clean.adc = {};
  run(clean, seconds, "built-in, no ADC model");
  return 0;
}
