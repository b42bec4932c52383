// quadra measure: the metrology over a COMTRADE recording.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include "core/metrology/metrology.h"
#include "core/quality/quality_monitor.h"
#include "host/cli/commands.h"
#include "host/cli/measure_report.h"
#include "host/cli/measurement_summary.h"
#include "host/comtrade/comtrade_source.h"
#include "host/config/meter_config.h"

namespace quadra::host {
namespace {

// Windows to the summary (and the series), everything to the power-quality monitor, whose
// finished disturbances are kept for the report.
struct MeasureSink : metrology::MeasurementSink, quality::EventSink {
  SummaryBuilder summary;
  SeriesWriter* series = nullptr;
  quality::QualityMonitor* monitor = nullptr;
  std::vector<quality::QualityEvent> events;
  void on_window(const metrology::WindowValues& w) override {
    summary.add(w);
    if (series != nullptr) series->write(w);
    if (monitor != nullptr) monitor->on_window(w);
  }
  void on_half_cycle(const metrology::HalfCycleValues& h) override {
    if (monitor != nullptr) monitor->on_half_cycle(h);
  }
  void on_frequency_10s(const metrology::TenSecondFrequency& f) override {
    if (monitor != nullptr) monitor->on_frequency_10s(f);
  }
  void on_event(const quality::QualityEvent& e) override {
    if (e.end && e.type != quality::EventType::kPowerUp && e.type != quality::EventType::kLongPowerOutage) events.push_back(e);
  }
};

// A recording says nothing about the meter's rating: take the largest phase voltage and current
// of its first second as the nominal voltage and reference current, so that the presence
// threshold (10 % Un) and the harmonic reporting floor (1 % of Un, Iref) scale with the record.
struct Rating {
  double voltage_v = 0;
  double current_a = 0;
};

Rating estimate_rating(comtrade::ComtradeSource& source) {
  std::vector<metrology::SampleFrame> frames(static_cast<std::size_t>(std::ceil(source.sample_rate_hz())));
  const std::size_t n = source.read(frames);
  source.rewind();
  Rating r;
  for (std::size_t c = 0; c < 6; ++c) {
    double sum = 0;
    for (std::size_t k = 0; k < n; ++k) sum += static_cast<double>(frames[k].value[c]) * frames[k].value[c];
    const double rms = n > 0 ? std::sqrt(sum / static_cast<double>(n)) : 0.0;
    double& slot = c < 3 ? r.voltage_v : r.current_a;
    slot = std::max(slot, rms);
  }
  return r;
}

}  // namespace

MeasureResult measure(const MeasureOptions& options) {
  comtrade::ComtradeSourceOptions source_options;
  if (!options.mapping.empty()) source_options.mapping = comtrade::parse_channel_mapping(options.mapping);
  comtrade::ComtradeSource source(options.path, source_options);

  MeterConfig meter = options.config_path.empty() ? default_meter_config() : load_meter_config(options.config_path);
  const Rating rating = estimate_rating(source);
  SourceFacts facts;
  facts.sample_rate_hz = source.sample_rate_hz();
  facts.nominal_frequency_hz = source.nominal_frequency_hz();
  facts.nominal_voltage_v = rating.voltage_v > 1.0 ? rating.voltage_v : 230.0;
  facts.vt_ratio = source.ratios().vt;
  facts.ct_ratio = source.ratios().ct;
  if (options.config_path.empty()) {
    const double iref = rating.current_a > 1e-3 ? rating.current_a : 1.0;
    meter.metrology.reference_current_a = iref;
    meter.metrology.starting_current_a = 0.001 * iref;
    if (source.channel_map().three_wire) meter.metrology.wiring = metrology::Wiring::kThreeWire;
  }
  const metrology::MetrologyConfig config = finish_metrology_config(meter, facts);

  MeasureSink sink;
  std::ofstream series_file;
  std::unique_ptr<SeriesWriter> series;
  if (!options.series_path.empty()) {
    series_file.open(options.series_path, std::ios::binary | std::ios::trunc);
    if (!series_file) throw std::runtime_error(fmt::format("--series: cannot write {}", options.series_path));
    series = std::make_unique<SeriesWriter>(series_file);
    sink.series = series.get();
  }
  quality::QualityConfig qc;
  qc.declared_voltage_v = config.nominal_voltage_v * config.vt_ratio;
  qc.declared_current_a = config.reference_current_a * config.ct_ratio;
  qc.nominal_frequency_hz = config.nominal_frequency_hz;
  qc.frequency_low_hz = 0.99 * config.nominal_frequency_hz;  // EN 50160: 50 Hz +-1 %
  qc.frequency_high_hz = 1.01 * config.nominal_frequency_hz;
  if (const Status st = quality::validate_config(qc); !st.is_ok())
    throw std::runtime_error(fmt::format("{}: {}", st.field(), st.reason()));
  quality::QualityMonitor monitor(qc, sink);
  sink.monitor = &monitor;
  metrology::Metrology metrology(config, sink);
  std::vector<metrology::SampleFrame> chunk(4096);
  std::size_t total = 0;
  for (std::size_t got; (got = source.read(chunk)) > 0; total += got) {
    metrology.push(std::span<const metrology::SampleFrame>(chunk.data(), got));
  }
  const RunSummary summary = sink.summary.summary();
  if (summary.windows == 0) {
    const double window_s = config.window_cycles() / config.nominal_frequency_hz;
    throw std::runtime_error(fmt::format(
        "{}: the recording holds {:.4f} s ({} samples at {:g} Hz); quadra measure needs at least one complete "
        "{}-cycle window ({:.3f} s) after about 3 cycles of settling",
        options.path, static_cast<double>(total) / config.sample_rate_hz, total, config.sample_rate_hz,
        config.window_cycles(), window_s));
  }
  if (series_file.is_open()) {
    series_file.flush();
    if (!series_file) throw std::runtime_error(fmt::format("--series: writing {} failed", options.series_path));
  }
  MeasureResult result;
  result.summary = summary;
  for (std::size_t e = 0; e < metrology::kElementCount; ++e) result.energy[e] = metrology.energy(static_cast<metrology::Element>(e));
  result.mapping_report = source.mapping_report();
  result.events = sink.events;
  return result;
}

int measure_recording(const MeasureOptions& options) {
  const MeasureResult r = measure(options);
  if (options.json) {
    nlohmann::ordered_json j = measure_json(r.summary, r.energy);
    j["events"] = events_json(r.events);
    std::printf("%s\n", j.dump(2).c_str());
  } else {
    std::printf("%s\n%s%s", r.mapping_report.c_str(), measure_table(r.summary, r.energy).c_str(),
                events_table(r.events).c_str());
  }
  return 0;
}

}  // namespace quadra::host
