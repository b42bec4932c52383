#include "host/sim/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace quadra::host::sim {

const char* phase_name(std::size_t phase) {
  constexpr const char* kNames[kPhases] = {"L1", "L2", "L3"};
  return phase < kPhases ? kNames[phase] : "L?";
}

const char* event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::kSag:
      return "sag";
    case EventKind::kSwell:
      return "swell";
    case EventKind::kInterruption:
      return "interruption";
  }
  return "?";
}

namespace {

std::string format_error(const std::string& file, int line, int column, const std::string& path,
                         const std::string& reason) {
  std::string out;
  if (!file.empty()) {
    out = line > 0 ? fmt::format("{}:{}:{}: ", file, line, column) : file + ": ";
  }
  if (!path.empty()) out += path + ": ";
  out += reason;
  return out;
}

}  // namespace

ScenarioError::ScenarioError(std::string file, int line, int column, std::string path,
                             std::string reason)
    : std::runtime_error(format_error(file, line, column, path, reason)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      path_(std::move(path)),
      reason_(std::move(reason)) {}

double VoltageEvent::current_factor() const {
  if (current_residual_percent) return *current_residual_percent / 100.0;
  return kind == EventKind::kInterruption ? 0.0 : 1.0;
}

double AdcSpec::voltage_step_v() const {
  return bits > 0 ? voltage_full_scale_v / std::ldexp(1.0, bits - 1) : 0.0;
}

double AdcSpec::current_step_a() const {
  return bits > 0 ? current_full_scale_a / std::ldexp(1.0, bits - 1) : 0.0;
}

void SourceMap::set(std::string path, Location where) {
  entries_.emplace_back(std::move(path), where);
}

SourceMap::Location SourceMap::find(std::string_view path) const {
  while (!path.empty()) {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (it->first == path) return it->second;
    }
    // Strip the last component: "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a".
    const std::size_t cut = path.find_last_of(".[");
    if (cut == std::string_view::npos) break;
    path = path.substr(0, cut);
  }
  return {};
}

namespace {

// Collects the checks of validate_scenario; every failure throws at once.
class Checker {
 public:
  explicit Checker(const SourceMap* where) : where_(where) {}

  [[noreturn]] void fail(const std::string& path, const std::string& reason) const {
    if (where_ == nullptr) throw ScenarioError("", 0, 0, path, reason);
    const SourceMap::Location at = where_->find(path);
    throw ScenarioError(where_->file, at.line, at.column, path, reason);
  }

  // lo/hi closed unless *_open. NaN always fails.
  void range(const std::string& path, double v, double lo, double hi, std::string_view unit,
             bool lo_open = false, bool hi_open = false) const {
    const bool ok_lo = lo_open ? v > lo : v >= lo;
    const bool ok_hi = hi_open ? v < hi : v <= hi;
    if (ok_lo && ok_hi) return;
    fail(path, fmt::format("must be in {}{}, {}{}{}{} (got {})", lo_open ? "(" : "[", lo, hi,
                           hi_open ? ")" : "]", unit.empty() ? "" : " ", unit, v));
  }

  void finite(const std::string& path, double v, double limit, std::string_view unit) const {
    range(path, v, -limit, limit, unit);
  }

 private:
  const SourceMap* where_;
};

double max_frequency_hz(const FrequencySpec& f) {
  double m = f.base_hz;
  for (const FrequencyRamp& r : f.ramps) m = std::max(m, r.to_hz);
  for (const FrequencyStep& s : f.steps) m = std::max(m, s.to_hz);
  return m;
}

void check_frequency(const Checker& c, const Scenario& s) {
  const FrequencySpec& f = s.frequency;
  c.range("frequency.base_hz", f.base_hz, 40.0, 70.0, "Hz");
  struct Change {
    double begin;
    double end;
    std::string path;
  };
  std::vector<Change> changes;
  for (std::size_t i = 0; i < f.ramps.size(); ++i) {
    const FrequencyRamp& r = f.ramps[i];
    const std::string p = fmt::format("frequency.ramps[{}]", i);
    c.range(p + ".start_s", r.start_s, 0.0, 1e10, "s");
    c.range(p + ".duration_s", r.duration_s, 0.0, 1e10, "s", true);
    c.range(p + ".to_hz", r.to_hz, 40.0, 70.0, "Hz");
    changes.push_back({r.start_s, r.start_s + r.duration_s, p});
  }
  for (std::size_t i = 0; i < f.steps.size(); ++i) {
    const FrequencyStep& st = f.steps[i];
    const std::string p = fmt::format("frequency.steps[{}]", i);
    c.range(p + ".at_s", st.at_s, 0.0, 1e10, "s");
    c.range(p + ".to_hz", st.to_hz, 40.0, 70.0, "Hz");
    changes.push_back({st.at_s, st.at_s, p});
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.begin < b.begin; });
  for (std::size_t i = 1; i < changes.size(); ++i) {
    const Change& prev = changes[i - 1];
    const Change& next = changes[i];
    if (next.begin < prev.end || next.begin == prev.begin) {
      c.fail(next.path, fmt::format("starts at {} s, which overlaps {} ({} s to {} s); frequency "
                                    "ramps and steps may not overlap",
                                    next.begin, prev.path, prev.begin, prev.end));
    }
  }
}

void check_harmonics(const Checker& c, const std::string& base, const std::vector<Harmonic>& hs,
                     double f_max, double nyquist) {
  for (std::size_t i = 0; i < hs.size(); ++i) {
    const Harmonic& h = hs[i];
    const std::string p = fmt::format("{}.harmonics[{}]", base, i);
    if (h.order < 2 || h.order > kMaxHarmonicOrder) {
      c.fail(p + ".order", fmt::format("must be in [2, {}] (got {})", kMaxHarmonicOrder, h.order));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (hs[j].order == h.order) {
        c.fail(p + ".order",
               fmt::format("order {} is already given by {}.harmonics[{}]", h.order, base, j));
      }
    }
    if (h.order * f_max >= nyquist) {
      c.fail(p + ".order", fmt::format("harmonic {} reaches {} Hz, not below the Nyquist "
                                       "frequency {} Hz of grid.sample_rate_hz",
                                       h.order, h.order * f_max, nyquist));
    }
    c.range(p + ".percent", h.percent, 0.0, 100.0, "%");
    c.range(p + ".phase_deg", h.phase_deg, -360.0, 360.0, "deg");
  }
}

void check_interharmonics(const Checker& c, const std::string& base,
                          const std::vector<Interharmonic>& hs, double nyquist) {
  for (std::size_t i = 0; i < hs.size(); ++i) {
    const Interharmonic& h = hs[i];
    const std::string p = fmt::format("{}.interharmonics[{}]", base, i);
    c.range(p + ".frequency_hz", h.frequency_hz, 0.0, nyquist, "Hz", true, true);
    for (std::size_t j = 0; j < i; ++j) {
      if (hs[j].frequency_hz == h.frequency_hz) {
        c.fail(p + ".frequency_hz", fmt::format("{} Hz is already given by {}.interharmonics[{}]",
                                                h.frequency_hz, base, j));
      }
    }
    c.range(p + ".percent", h.percent, 0.0, 100.0, "%");
    c.range(p + ".phase_deg", h.phase_deg, -360.0, 360.0, "deg");
  }
}

void check_events(const Checker& c, const Scenario& s) {
  const double fs = s.grid.sample_rate_hz;
  for (std::size_t i = 0; i < s.events.size(); ++i) {
    const VoltageEvent& e = s.events[i];
    const std::string p = fmt::format("events[{}]", i);
    c.range(p + ".start_s", e.start_s, 0.0, 1e10, "s");
    c.range(p + ".duration_s", e.duration_s, 0.0, 1e10, "s", true);
    if (std::llround((e.start_s + e.duration_s) * fs) == std::llround(e.start_s * fs)) {
      c.fail(p + ".duration_s", fmt::format("{} s covers no sample at {} Hz", e.duration_s, fs));
    }
    switch (e.kind) {
      case EventKind::kSag:
        c.range(p + ".residual_percent", e.residual_percent, 0.0, 100.0, "% for a sag", false,
                true);
        break;
      case EventKind::kSwell:
        c.range(p + ".residual_percent", e.residual_percent, 100.0, 200.0, "% for a swell", true);
        break;
      case EventKind::kInterruption:
        c.range(p + ".residual_percent", e.residual_percent, 0.0, 10.0, "% for an interruption");
        break;
    }
    if (e.current_residual_percent) {
      c.range(p + ".current_residual_percent", *e.current_residual_percent, 0.0, 200.0, "%");
    }
    if (!e.phases[0] && !e.phases[1] && !e.phases[2]) c.fail(p + ".phases", "names no phase");
    for (std::size_t j = 0; j < i; ++j) {
      const VoltageEvent& o = s.events[j];
      const bool overlap =
          e.start_s < o.start_s + o.duration_s && o.start_s < e.start_s + e.duration_s;
      if (!overlap) continue;
      for (std::size_t ph = 0; ph < kPhases; ++ph) {
        if (e.phases[ph] && o.phases[ph]) {
          c.fail(p + ".start_s",
                 fmt::format("{} {} s..{} s overlaps events[{}] ({} s..{} s) on {}",
                             event_kind_name(e.kind), e.start_s, e.start_s + e.duration_s, j,
                             o.start_s, o.start_s + o.duration_s, phase_name(ph)));
        }
      }
    }
  }
}

}  // namespace

void validate_scenario(const Scenario& s, const SourceMap* where) {
  const Checker c(where);
  const GridSpec& g = s.grid;
  c.range("grid.sample_rate_hz", g.sample_rate_hz, 1000.0, 1e6, "Hz");
  if (g.nominal_frequency_hz != 50.0 && g.nominal_frequency_hz != 60.0) {
    c.fail("grid.nominal_frequency_hz", fmt::format("must be 50 or 60 (got {})",
                                                    g.nominal_frequency_hz));
  }
  c.range("grid.nominal_voltage_v", g.nominal_voltage_v, 0.0, 1e6, "V", true);
  c.range("grid.vt_ratio", g.vt_ratio, 0.0, 1e6, "", true);
  c.range("grid.ct_ratio", g.ct_ratio, 0.0, 1e6, "", true);
  c.range("grid.start_time", g.start_time_of_day_s, 0.0, 86400.0, "s", false, true);
  if (g.duration_s) c.range("grid.duration_s", *g.duration_s, 0.0, 1e10, "s", true);

  check_frequency(c, s);
  const double f_max = max_frequency_hz(s.frequency);
  const double nyquist = g.sample_rate_hz / 2.0;
  if (f_max >= nyquist) {
    c.fail("frequency.base_hz", fmt::format("{} Hz is not below the Nyquist frequency {} Hz",
                                            f_max, nyquist));
  }

  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    const std::string vb = fmt::format("voltage.{}", phase_name(ph));
    const VoltageSpec& v = s.voltage[ph];
    c.range(vb + ".rms_v", v.rms_v, 0.0, 1e6, "V");
    c.range(vb + ".angle_deg", v.angle_deg, -360.0, 360.0, "deg");
    check_harmonics(c, vb, v.harmonics, f_max, nyquist);
    check_interharmonics(c, vb, v.interharmonics, nyquist);

    const std::string ib = fmt::format("current.{}", phase_name(ph));
    const CurrentSpec& i = s.current[ph];
    c.range(ib + ".rms_a", i.rms_a, 0.0, 1e5, "A");
    c.range(ib + ".phi_deg", i.phi_deg, -360.0, 360.0, "deg");
    for (std::size_t k = 0; k < i.load_profile.size(); ++k) {
      const LoadPoint& lp = i.load_profile[k];
      const std::string p = fmt::format("{}.load_profile[{}]", ib, k);
      c.range(p + ".hour", lp.hour, 0.0, 24.0, "h", false, true);
      if (k > 0 && !(lp.hour > i.load_profile[k - 1].hour)) {
        c.fail(p + ".hour", fmt::format("{} h is not after the previous point ({} h); points must "
                                        "be in strictly increasing order of hour",
                                        lp.hour, i.load_profile[k - 1].hour));
      }
      c.finite(p + ".p_w", lp.p_w, 1e9, "W");
      c.finite(p + ".q_var", lp.q_var, 1e9, "var");
    }
    if (!i.load_profile.empty() && !(v.rms_v > 0.0)) {
      c.fail(ib + ".load_profile", fmt::format("needs a voltage to derive the current from; {}."
                                               "rms_v is 0",
                                               vb));
    }
    check_harmonics(c, ib, i.harmonics, f_max, nyquist);
    check_interharmonics(c, ib, i.interharmonics, nyquist);
  }

  for (std::size_t k = 0; k < s.neutral.extra.size(); ++k) {
    const NeutralComponent& n = s.neutral.extra[k];
    const std::string p = fmt::format("neutral.extra[{}]", k);
    if (n.order < 1 || n.order > kMaxHarmonicOrder) {
      c.fail(p + ".order", fmt::format("must be in [1, {}] (got {})", kMaxHarmonicOrder, n.order));
    }
    if (n.order * f_max >= nyquist) {
      c.fail(p + ".order", fmt::format("order {} reaches {} Hz, not below the Nyquist frequency "
                                       "{} Hz",
                                       n.order, n.order * f_max, nyquist));
    }
    c.range(p + ".rms_a", n.rms_a, 0.0, 1e5, "A");
    c.range(p + ".angle_deg", n.angle_deg, -360.0, 360.0, "deg");
  }
  if (!s.neutral.measured_sum && !s.neutral.extra.empty()) {
    c.fail("neutral.extra", "is not allowed with neutral.mode = \"absent\"");
  }

  check_events(c, s);

  const AdcSpec& a = s.adc;
  if (a.bits != 0 && (a.bits < 8 || a.bits > 32)) {
    c.fail("adc.bits", fmt::format("must be 0 (no quantisation) or in [8, 32] (got {})", a.bits));
  }
  if (a.bits != 0 && a.voltage_full_scale_v == 0.0) {
    c.fail("adc.voltage_full_scale_v", "is required (peak volts, > 0) when adc.bits is set");
  }
  if (a.bits != 0 && a.current_full_scale_a == 0.0) {
    c.fail("adc.current_full_scale_a", "is required (peak amperes, > 0) when adc.bits is set");
  }
  if (a.bits != 0 || a.voltage_full_scale_v != 0.0) {
    c.range("adc.voltage_full_scale_v", a.voltage_full_scale_v, 0.0, 1e7, "V peak", true);
  }
  if (a.bits != 0 || a.current_full_scale_a != 0.0) {
    c.range("adc.current_full_scale_a", a.current_full_scale_a, 0.0, 1e6, "A peak", true);
  }
  c.range("adc.voltage_noise_rms_v", a.voltage_noise_rms_v, 0.0, 1e4, "V");
  c.range("adc.current_noise_rms_a", a.current_noise_rms_a, 0.0, 1e4, "A");
}

}  // namespace quadra::host::sim
