#include "host/comtrade/comtrade_source.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace quadra::comtrade {
namespace {

using metrology::Channel;
using metrology::index;

// A stream may not invent more than this many frames per recorded sample.
constexpr double kMaxUpsampling = 256.0;
// Intervals over which the highest rate of a time-stamped record is measured.
constexpr std::size_t kRateWindow = 16;

std::string location(const ComtradeRecord& r) {
  return r.cfg_path.empty() ? r.config.file_name : r.cfg_path.filename().string();
}

}  // namespace

ComtradeSource::ComtradeSource(const std::filesystem::path& path, ComtradeSourceOptions options)
    : ComtradeSource(read_comtrade(path), std::move(options)) {}

ComtradeSource::ComtradeSource(ComtradeRecord record, ComtradeSourceOptions options)
    : record_(std::move(record)) {
  if (record_.sample_count() == 0) {
    throw ComtradeError(fmt::format("{}: the record has no samples", location(record_)));
  }
  map_ = options.mapping ? resolve_mapping(record_.config, *options.mapping)
                         : auto_map_channels(record_.config);
  setup_ratios();
  setup_terms();
  setup_timing();
  setup_frequency();
}

void ComtradeSource::setup_ratios() {
  const auto& analog = record_.config.analog;
  std::optional<std::size_t> vt;
  for (std::size_t i = 0; i < 3 && !vt; ++i) {
    if (map_.direct[i]) vt = map_.direct[i]->position;
  }
  for (std::size_t k = 0; k < 3 && !vt; ++k) {
    if (map_.line[k]) vt = map_.line[k]->position;
  }
  std::optional<std::size_t> ct;
  for (std::size_t i = 3; i < metrology::kChannelCount && !ct; ++i) {
    if (map_.direct[i]) ct = map_.direct[i]->position;
  }
  ratios_.vt = vt ? analog[*vt].ratio() : 1.0;
  ratios_.ct = ct ? analog[*ct].ratio() : 1.0;
}

void ComtradeSource::setup_terms() {
  const auto& analog = record_.config.analog;
  std::map<std::size_t, std::size_t> used_index;
  const auto use = [&](std::size_t pos) {
    const auto it = used_index.find(pos);
    if (it != used_index.end()) return it->second;
    used_.push_back(pos);
    used_index[pos] = used_.size() - 1;
    return used_.size() - 1;
  };
  // Factor from the recorded value of `pos` to the secondary of `common`.
  const auto factor = [&](std::size_t pos, double common, const char* input) {
    const AnalogChannel& ch = analog[pos];
    if (ch.basis == Basis::kPrimary) return 1.0 / common;
    if (ch.ratio() == common) return 1.0;
    notes_.push_back(fmt::format(
        "{} (ch {}) has ratio {:g}, not the {:g} of its group: taken to primary with its own "
        "ratio, then to the common secondary",
        input, ch.index, ch.ratio(), common));
    return ch.ratio() / common;
  };
  for (std::size_t i = 0; i < metrology::kChannelCount; ++i) {
    if (!map_.direct[i]) continue;
    const ChannelSource& s = *map_.direct[i];
    const double common = i < 3 ? ratios_.vt : ratios_.ct;
    const double f = factor(s.position, common, metrology::channel_name(static_cast<Channel>(i)));
    terms_[i].push_back({use(s.position), s.inverted ? -f : f});
  }
  if (map_.three_wire) {
    // Each line voltage as terms; a missing one is minus the sum of the others.
    std::array<std::vector<Term>, 3> line;
    int present = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      if (!map_.line[k]) continue;
      const ChannelSource& s = *map_.line[k];
      const double f = factor(s.position, ratios_.vt, to_string(static_cast<LinePair>(k)));
      line[k].push_back({use(s.position), s.inverted ? -f : f});
      ++present;
    }
    if (present == 2) {
      for (std::size_t k = 0; k < 3; ++k) {
        if (map_.line[k]) continue;
        for (std::size_t j = 0; j < 3; ++j) {
          if (j == k) continue;
          for (const Term& t : line[j]) line[k].push_back({t.used, -t.coefficient});
        }
      }
    }
    // Ua = (U12 - U31)/3, Ub = (U23 - U12)/3, Uc = (U31 - U23)/3.
    const auto combine = [&](std::size_t out, std::size_t plus, std::size_t minus) {
      std::map<std::size_t, double> acc;
      for (const Term& t : line[plus]) acc[t.used] += t.coefficient / 3.0;
      for (const Term& t : line[minus]) acc[t.used] -= t.coefficient / 3.0;
      for (const auto& [u, c] : acc) {
        if (c != 0.0) terms_[out].push_back({u, c});
      }
    };
    combine(0, 0, 2);
    combine(1, 1, 0);
    combine(2, 2, 1);
  }
  scratch_.assign(used_.size(), 0.0);
}

void ComtradeSource::setup_timing() {
  const ComtradeConfig& cfg = record_.config;
  const std::vector<double>& t = record_.time_s;
  const std::size_t n = t.size();
  double highest = 0.0;
  bool uniform = true;
  if (!cfg.uses_timestamps) {
    for (const SampleRate& r : cfg.rates) {
      highest = std::max(highest, r.rate_hz);
      if (r.rate_hz != cfg.rates.front().rate_hz) uniform = false;
    }
  } else {
    if (n < 2) {
      throw ComtradeError(fmt::format(
          "{}: a single time-stamped sample has no sampling rate", location(record_)));
    }
    const double d0 = t[1] - t[0];
    for (std::size_t k = 1; k + 1 < n && uniform; ++k) {
      if (std::abs((t[k + 1] - t[k]) - d0) > 1e-9 * d0) uniform = false;
    }
    if (uniform) {
      highest = 1.0 / d0;
    } else {
      const std::size_t w = std::min(kRateWindow, n - 1);
      for (std::size_t k = 0; k + w < n; ++k) {
        highest = std::max(highest, static_cast<double>(w) / (t[k + w] - t[k]));
      }
    }
  }
  if (!(highest > 0.0) || !std::isfinite(highest)) {
    throw ComtradeError(fmt::format("{}: no usable sampling rate", location(record_)));
  }
  rate_hz_ = highest;
  if (uniform) {
    frame_count_ = n;
    if (cfg.uses_timestamps) {
      notes_.push_back(fmt::format("time stamps are uniform: streamed unchanged at {:g} Hz",
                                   rate_hz_));
    }
  } else {
    resampled_ = true;
    const double span = t.back();
    const double frames = std::floor(span * rate_hz_ * (1.0 + 1e-12)) + 1.0;
    if (!(frames <= kMaxUpsampling * static_cast<double>(n))) {
      throw ComtradeError(fmt::format(
          "{}: resampling at the highest rate {:g} Hz would make {:g} frames from {} samples "
          "(more than {:g} per sample)",
          location(record_), rate_hz_, frames, n, kMaxUpsampling));
    }
    frame_count_ = static_cast<std::size_t>(frames);
    interpolator_.emplace(std::span<const double>(t));
    const double lowest =
        cfg.uses_timestamps ? static_cast<double>(n - 1) / span
                            : std::min_element(cfg.rates.begin(), cfg.rates.end(),
                                               [](const SampleRate& a, const SampleRate& b) {
                                                 return a.rate_hz < b.rate_hz;
                                               })->rate_hz;
    notes_.push_back(fmt::format(
        "{}: resampled with 4-point Lagrange interpolation onto {:g} Hz, {} frames over {:.6f} s "
        "({} {:g} Hz)",
        cfg.uses_timestamps ? "sample times from the time stamps vary"
                            : fmt::format("{} sampling-rate sections", cfg.rates.size()),
        rate_hz_, frame_count_, span, cfg.uses_timestamps ? "mean rate" : "lowest section rate",
        lowest));
  }
}

void ComtradeSource::setup_frequency() {
  const double lf = record_.config.line_frequency_hz;
  if (lf == 50.0 || lf == 60.0) {
    nominal_hz_ = lf;
    return;
  }
  nominal_hz_ = std::abs(lf - 50.0) <= std::abs(lf - 60.0) ? 50.0 : 60.0;
  notes_.push_back(fmt::format("line frequency {:g} Hz is neither 50 nor 60: taken as {:g} Hz", lf,
                               nominal_hz_));
}

void ComtradeSource::fill(metrology::SampleFrame& frame, const double* values) {
  for (std::size_t i = 0; i < metrology::kChannelCount; ++i) {
    double v = 0.0;
    for (const Term& t : terms_[i]) v += t.coefficient * values[t.used];
    if (std::isnan(v)) {
      v = 0.0;
      ++missing_;
    }
    frame.value[i] = static_cast<float>(v);
  }
}

std::size_t ComtradeSource::read(std::span<metrology::SampleFrame> out) {
  std::size_t produced = 0;
  while (produced < out.size() && next_ < frame_count_) {
    if (!resampled_) {
      for (std::size_t u = 0; u < used_.size(); ++u) scratch_[u] = record_.analog[used_[u]][next_];
    } else {
      const double t = static_cast<double>(next_) / rate_hz_;
      const LagrangeInterpolator::Stencil s = interpolator_->at(t);
      for (std::size_t u = 0; u < used_.size(); ++u) {
        const std::vector<double>& x = record_.analog[used_[u]];
        double v = 0.0;
        for (std::size_t m = 0; m < s.count; ++m) v += s.weight[m] * x[s.first + m];
        scratch_[u] = v;
      }
    }
    fill(out[produced], scratch_.data());
    ++produced;
    ++next_;
  }
  return produced;
}

void ComtradeSource::rewind() { next_ = 0; }

std::string ComtradeSource::describe() const {
  const ComtradeConfig& c = record_.config;
  const std::string rate =
      resampled_ ? fmt::format("resampled to {:g} Hz", rate_hz_) : fmt::format("{:g} Hz", rate_hz_);
  return fmt::format("COMTRADE {} ('{}' / '{}', {}{}, {}): {} samples, {}, {:g} Hz network; {}{}; "
                     "VT {:g}, CT {:g}",
                     location(record_), display_text(c.station), display_text(c.device_id),
                     to_string(c.revision),
                     c.revision_year ? fmt::format(" rev {}", *c.revision_year) : " no rev",
                     to_string(c.format), record_.sample_count(), rate, nominal_hz_,
                     summarize_mapping(c, map_), map_.three_wire ? " (3-wire)" : "", ratios_.vt,
                     ratios_.ct);
}

std::string ComtradeSource::mapping_report() const {
  std::string out = describe() + "\n";
  out += describe_mapping(record_.config, map_);
  for (const std::string& n : notes_) out += fmt::format("  note: {}\n", n);
  return out;
}

}  // namespace quadra::comtrade
