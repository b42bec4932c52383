// quadra run: the meter on a simulated grid, paced to --speed, with a live one-screen summary.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/metrology/metrology.h"
#include "host/cli/commands.h"
#include "host/cli/live_view.h"
#include "host/config/meter_config.h"
#include "host/sim/grid_simulator.h"
#include "host/sim/builtin_scenario.h"
#include "host/sim/scenario_toml.h"

namespace quadra::host {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

struct LiveSink : metrology::MeasurementSink {
  metrology::WindowValues latest;
  bool have_window = false;
  void on_window(const metrology::WindowValues& w) override {
    latest = w;
    have_window = true;
  }
};

double parse_speed(const std::string& text) {
  if (text == "max") return 0.0;
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !(v > 0) || !std::isfinite(v))
    throw std::invalid_argument(fmt::format("--speed: \"{}\" is neither a positive number nor 'max'", text));
  return v;
}

}  // namespace

double parse_duration(const std::string& text) {
  std::size_t used = 0;
  double v = -1;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  double unit = 1;
  const std::string rest = used > 0 ? text.substr(used) : "";
  if (rest == "" || rest == "s") unit = 1;
  else if (rest == "m") unit = 60;
  else if (rest == "h") unit = 3600;
  else if (rest == "d") unit = 86400;
  else used = 0;
  if (used == 0 || !(v > 0) || !std::isfinite(v))
    throw std::invalid_argument(
        fmt::format("--duration: \"{}\" is not a positive duration (examples: 90, 90s, 15m, 2h, 1d)", text));
  return v * unit;
}

int run_meter(const RunOptions& options) {
  const double speed = parse_speed(options.speed);
  const sim::Scenario scenario = options.scenario_path.empty()
                                     ? sim::builtin_scenario()
                                     : sim::load_scenario_file(options.scenario_path);
  const MeterConfig meter = options.config_path.empty() ? default_meter_config() : load_meter_config(options.config_path);
  sim::GridSimulator source(scenario);

  SourceFacts facts;
  facts.sample_rate_hz = source.sample_rate_hz();
  facts.nominal_frequency_hz = source.nominal_frequency_hz();
  facts.nominal_voltage_v = scenario.grid.nominal_voltage_v;
  facts.vt_ratio = source.ratios().vt;
  facts.ct_ratio = source.ratios().ct;
  const metrology::MetrologyConfig config = finish_metrology_config(meter, facts);

  double duration_s = std::numeric_limits<double>::infinity();
  if (!options.duration.empty()) duration_s = parse_duration(options.duration);
  else if (scenario.grid.duration_s) duration_s = *scenario.grid.duration_s;

  LiveSink sink;
  metrology::Metrology metrology(config, sink);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);

  const std::string name = source.describe();
  spdlog::info("meter started: {}, {:.0f} Hz sampling, {} Hz nominal, VT {} CT {}, speed {}", name,
               config.sample_rate_hz, config.nominal_frequency_hz, config.vt_ratio, config.ct_ratio,
               speed > 0 ? fmt::format("{}x", speed) : std::string("max"));

  const bool tty = isatty(STDOUT_FILENO) == 1;
  const double fs = config.sample_rate_hz;
  const auto total_frames = std::isfinite(duration_s) ? static_cast<std::int64_t>(std::llround(duration_s * fs))
                                                       : std::numeric_limits<std::int64_t>::max();
  std::vector<metrology::SampleFrame> chunk(static_cast<std::size_t>(std::max(1.0, fs / 50.0)));
  const auto wall_start = std::chrono::steady_clock::now();
  auto next_view = wall_start + std::chrono::seconds(1);
  std::int64_t done = 0;
  auto show = [&](bool final_view) {
    if (options.quiet && !final_view) return;
    if (!sink.have_window) return;
    const std::string view = render_live_view(static_cast<double>(done) / fs, sink.latest, metrology, name);
    if (tty && !final_view) std::fputs("\x1b[H\x1b[2J", stdout);
    std::fputs(view.c_str(), stdout);
    if (!tty && !final_view) std::fputs("\n", stdout);
    std::fflush(stdout);
  };

  while (!g_stop && done < total_frames) {
    const auto want = static_cast<std::size_t>(std::min<std::int64_t>(static_cast<std::int64_t>(chunk.size()), total_frames - done));
    const std::size_t got = source.read(std::span(chunk.data(), want));
    if (got == 0) break;
    metrology.push(std::span<const metrology::SampleFrame>(chunk.data(), got));
    done += static_cast<std::int64_t>(got);
    if (speed > 0) {
      const auto due = wall_start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>(static_cast<double>(done) / fs / speed));
      std::this_thread::sleep_until(due);
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_view) {
      show(false);
      next_view = now + std::chrono::seconds(1);
    }
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  show(true);
  std::string pulses;
  for (std::size_t k = 0; k < metrology::kMaxPulseOutputs; ++k) {
    const metrology::PulseOutputConfig& p = config.pulse_outputs[k];
    if (!p.enabled) continue;
    pulses += fmt::format("  output {} ({} {}): {} pulses", k + 1, metrology::quantity_name(p.quantity),
                          p.element == metrology::Element::kTotal ? "total" : fmt::format("L{}", static_cast<int>(p.element) + 1),
                          metrology.pulse_output(k).count());
  }
  std::printf("pulses:%s\n", pulses.c_str());
  spdlog::info("meter stopped{}: {} of meter time in {:.2f} s ({:.0f}x real time)", g_stop ? " by signal" : "",
               format_duration(static_cast<double>(done) / fs), wall, wall > 0 ? static_cast<double>(done) / fs / wall : 0.0);
  return 0;
}

}  // namespace quadra::host
