#include "host/sim/scenario_toml.h"

#include <fmt/format.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <toml++/toml.h>
#include <utility>
#include <vector>

namespace quadra::host::sim {
namespace {

const char* type_name(toml::node_type t) {
  switch (t) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
  }
  return "an unknown type";
}

SourceMap::Location location_of(const toml::source_region& r) {
  return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

std::string join(const std::string& base, std::string_view key) {
  return base.empty() ? std::string(key) : base + "." + std::string(key);
}

// Parsing state shared by all readers: the file name and where each value was.
struct Context {
  SourceMap map;

  [[noreturn]] void fail(SourceMap::Location at, const std::string& path,
                         const std::string& reason) const {
    throw ScenarioError(map.file, at.line, at.column, path, reason);
  }
};

// Reads one TOML table. Every accessor names a key that is allowed here; finish() refuses the
// keys nobody asked for. Values' locations go to the context's SourceMap under their path.
class TableReader {
 public:
  TableReader(Context& ctx, const toml::table& table, std::string path)
      : ctx_(ctx), table_(table), path_(std::move(path)) {
    if (!path_.empty()) ctx_.map.set(path_, location_of(table.source()));
  }

  const std::string& path() const { return path_; }
  SourceMap::Location where() const { return location_of(table_.source()); }
  bool has(std::string_view key) const { return table_.contains(key); }

  std::optional<double> number(std::string_view key) {
    const toml::node* n = lookup(key);
    if (n == nullptr) return std::nullopt;
    if (const auto* f = n->as_floating_point()) return f->get();
    if (const auto* i = n->as_integer()) return static_cast<double>(i->get());
    type_error(key, *n, "a number");
  }

  double required_number(std::string_view key) {
    const std::optional<double> v = number(key);
    if (!v) missing(key);
    return *v;
  }

  std::optional<std::int64_t> integer(std::string_view key) {
    const toml::node* n = lookup(key);
    if (n == nullptr) return std::nullopt;
    if (const auto* i = n->as_integer()) return i->get();
    type_error(key, *n, "an integer");
  }

  // An integer that must fit an int and lie in [lo, hi].
  std::optional<int> small_integer(std::string_view key, int lo, int hi) {
    const std::optional<std::int64_t> v = integer(key);
    if (!v) return std::nullopt;
    if (*v < lo || *v > hi) {
      ctx_.fail(location_of(table_.get(key)->source()), join(path_, key),
                fmt::format("must be in [{}, {}] (got {})", lo, hi, *v));
    }
    return static_cast<int>(*v);
  }

  std::optional<std::string> string(std::string_view key) {
    const toml::node* n = lookup(key);
    if (n == nullptr) return std::nullopt;
    if (const auto* s = n->as_string()) return s->get();
    type_error(key, *n, "a string");
  }

  // A string that must be one of `allowed`.
  std::optional<std::string> choice(std::string_view key,
                                    std::initializer_list<std::string_view> allowed) {
    std::optional<std::string> v = string(key);
    if (!v) return v;
    std::string list;
    for (std::string_view a : allowed) {
      if (*v == a) return v;
      list += list.empty() ? "" : ", ";
      list += fmt::format("\"{}\"", a);
    }
    ctx_.fail(location_of(table_.get(key)->source()), join(path_, key),
              fmt::format("\"{}\" is not one of {}", *v, list));
  }

  std::optional<toml::time> time(std::string_view key) {
    const toml::node* n = lookup(key);
    if (n == nullptr) return std::nullopt;
    if (const auto* t = n->as_time()) return t->get();
    type_error(key, *n, "a local time such as 06:30:00");
  }

  const toml::table* table(std::string_view key) {
    const toml::node* n = lookup(key);
    if (n == nullptr) return nullptr;
    if (const auto* t = n->as_table()) return t;
    type_error(key, *n, "a table");
  }

  // An array whose elements are tables ([[key]] or key = [{...}, ...]); absent gives none.
  std::vector<const toml::table*> tables(std::string_view key) {
    std::vector<const toml::table*> out;
    const toml::node* n = lookup(key);
    if (n == nullptr) return out;
    const toml::array* a = n->as_array();
    if (a == nullptr) type_error(key, *n, "an array of tables");
    for (std::size_t i = 0; i < a->size(); ++i) {
      const toml::node& e = *a->get(i);
      const std::string p = fmt::format("{}[{}]", join(path_, key), i);
      if (!e.is_table()) {
        ctx_.fail(location_of(e.source()), p,
                  fmt::format("expected a table, got {}", type_name(e.type())));
      }
      out.push_back(e.as_table());
    }
    return out;
  }

  // An array whose elements are strings; each element's location is recorded.
  std::optional<std::vector<std::string>> strings(std::string_view key) {
    const toml::node* n = lookup(key);
    if (n == nullptr) return std::nullopt;
    const toml::array* a = n->as_array();
    if (a == nullptr) type_error(key, *n, "an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      const toml::node& e = *a->get(i);
      const std::string p = fmt::format("{}[{}]", join(path_, key), i);
      ctx_.map.set(p, location_of(e.source()));
      if (!e.is_string()) {
        ctx_.fail(location_of(e.source()), p,
                  fmt::format("expected a string, got {}", type_name(e.type())));
      }
      out.push_back(e.as_string()->get());
    }
    return out;
  }

  [[noreturn]] void missing(std::string_view key) const {
    ctx_.fail(where(), join(path_, key), "missing (required here)");
  }

  [[noreturn]] void fail(std::string_view key, const std::string& reason) const {
    const toml::node* n = table_.get(key);
    ctx_.fail(n != nullptr ? location_of(n->source()) : where(), join(path_, key), reason);
  }

  // Refuses any key that no accessor asked for.
  void finish() const {
    for (auto&& [k, v] : table_) {
      bool known = false;
      for (const std::string& a : asked_) known = known || a == k.str();
      if (known) continue;
      std::string list;
      for (const std::string& a : asked_) list += (list.empty() ? "" : ", ") + a;
      ctx_.fail(location_of(k.source()), join(path_, k.str()),
                fmt::format("unknown key \"{}\" (allowed here: {})", k.str(), list));
    }
  }

 private:
  const toml::node* lookup(std::string_view key) {
    asked_.emplace_back(key);
    const toml::node* n = table_.get(key);
    if (n != nullptr) ctx_.map.set(join(path_, key), location_of(n->source()));
    return n;
  }

  [[noreturn]] void type_error(std::string_view key, const toml::node& n,
                               std::string_view expected) const {
    ctx_.fail(location_of(n.source()), join(path_, key),
              fmt::format("expected {}, got {}", expected, type_name(n.type())));
  }

  Context& ctx_;
  const toml::table& table_;
  std::string path_;
  std::vector<std::string> asked_;
};

std::string element_path(const TableReader& parent, std::string_view key, std::size_t i) {
  return fmt::format("{}[{}]", join(parent.path(), key), i);
}

std::vector<Harmonic> read_harmonics(Context& ctx, TableReader& parent) {
  std::vector<Harmonic> out;
  const std::vector<const toml::table*> ts = parent.tables("harmonics");
  for (std::size_t i = 0; i < ts.size(); ++i) {
    TableReader r(ctx, *ts[i], element_path(parent, "harmonics", i));
    Harmonic h;
    const std::optional<int> order = r.small_integer("order", 2, kMaxHarmonicOrder);
    if (!order) r.missing("order");
    h.order = *order;
    h.percent = r.required_number("percent");
    h.phase_deg = r.number("phase_deg").value_or(0.0);
    r.finish();
    out.push_back(h);
  }
  return out;
}

std::vector<Interharmonic> read_interharmonics(Context& ctx, TableReader& parent) {
  std::vector<Interharmonic> out;
  const std::vector<const toml::table*> ts = parent.tables("interharmonics");
  for (std::size_t i = 0; i < ts.size(); ++i) {
    TableReader r(ctx, *ts[i], element_path(parent, "interharmonics", i));
    Interharmonic h;
    h.frequency_hz = r.required_number("frequency_hz");
    h.percent = r.required_number("percent");
    h.phase_deg = r.number("phase_deg").value_or(0.0);
    r.finish();
    out.push_back(h);
  }
  return out;
}

void read_grid(Context& ctx, TableReader& root, Scenario& s) {
  const toml::table* t = root.table("grid");
  if (t == nullptr) return;
  TableReader r(ctx, *t, "grid");
  GridSpec& g = s.grid;
  g.sample_rate_hz = r.number("sample_rate_hz").value_or(g.sample_rate_hz);
  g.nominal_frequency_hz = r.number("nominal_frequency_hz").value_or(g.nominal_frequency_hz);
  g.nominal_voltage_v = r.number("nominal_voltage_v").value_or(g.nominal_voltage_v);
  g.vt_ratio = r.number("vt_ratio").value_or(g.vt_ratio);
  g.ct_ratio = r.number("ct_ratio").value_or(g.ct_ratio);
  if (const std::optional<toml::time> st = r.time("start_time")) {
    g.start_time_of_day_s = st->hour * 3600.0 + st->minute * 60.0 + st->second +
                            static_cast<double>(st->nanosecond) * 1e-9;
  }
  g.duration_s = r.number("duration_s");
  r.finish();
}

void read_frequency(Context& ctx, TableReader& root, Scenario& s) {
  FrequencySpec& f = s.frequency;
  f.base_hz = s.grid.nominal_frequency_hz;
  const toml::table* t = root.table("frequency");
  if (t == nullptr) return;
  TableReader r(ctx, *t, "frequency");
  f.base_hz = r.number("base_hz").value_or(f.base_hz);
  const std::vector<const toml::table*> ramps = r.tables("ramps");
  for (std::size_t i = 0; i < ramps.size(); ++i) {
    TableReader e(ctx, *ramps[i], element_path(r, "ramps", i));
    FrequencyRamp ramp;
    ramp.start_s = e.required_number("start_s");
    ramp.duration_s = e.required_number("duration_s");
    ramp.to_hz = e.required_number("to_hz");
    e.finish();
    f.ramps.push_back(ramp);
  }
  const std::vector<const toml::table*> steps = r.tables("steps");
  for (std::size_t i = 0; i < steps.size(); ++i) {
    TableReader e(ctx, *steps[i], element_path(r, "steps", i));
    FrequencyStep step;
    step.at_s = e.required_number("at_s");
    step.to_hz = e.required_number("to_hz");
    e.finish();
    f.steps.push_back(step);
  }
  r.finish();
}

void read_voltages(Context& ctx, TableReader& root, Scenario& s) {
  for (VoltageSpec& v : s.voltage) v.rms_v = s.grid.nominal_voltage_v;
  const toml::table* t = root.table("voltage");
  if (t == nullptr) return;
  TableReader r(ctx, *t, "voltage");
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    const toml::table* pt = r.table(phase_name(ph));
    if (pt == nullptr) continue;
    TableReader p(ctx, *pt, join("voltage", phase_name(ph)));
    VoltageSpec& v = s.voltage[ph];
    v.rms_v = p.number("rms_v").value_or(v.rms_v);
    v.angle_deg = p.number("angle_deg").value_or(v.angle_deg);
    v.harmonics = read_harmonics(ctx, p);
    v.interharmonics = read_interharmonics(ctx, p);
    p.finish();
  }
  r.finish();
}

void read_currents(Context& ctx, TableReader& root, Scenario& s) {
  const toml::table* t = root.table("current");
  if (t == nullptr) return;
  TableReader r(ctx, *t, "current");
  for (std::size_t ph = 0; ph < kPhases; ++ph) {
    const toml::table* pt = r.table(phase_name(ph));
    if (pt == nullptr) continue;
    TableReader p(ctx, *pt, join("current", phase_name(ph)));
    CurrentSpec& c = s.current[ph];
    const std::optional<double> rms = p.number("rms_a");
    const std::optional<double> phi = p.number("phi_deg");
    const std::vector<const toml::table*> points = p.tables("load_profile");
    for (std::size_t i = 0; i < points.size(); ++i) {
      TableReader e(ctx, *points[i], element_path(p, "load_profile", i));
      LoadPoint lp;
      lp.hour = e.required_number("hour");
      lp.p_w = e.required_number("p_w");
      lp.q_var = e.required_number("q_var");
      e.finish();
      c.load_profile.push_back(lp);
    }
    if (p.has("load_profile")) {
      if (points.empty()) p.fail("load_profile", "is empty; give at least one point");
      if (rms) p.fail("rms_a", "is not allowed together with a load_profile");
      if (phi) p.fail("phi_deg", "is not allowed together with a load_profile");
    }
    c.rms_a = rms.value_or(0.0);
    c.phi_deg = phi.value_or(0.0);
    c.harmonics = read_harmonics(ctx, p);
    c.interharmonics = read_interharmonics(ctx, p);
    p.finish();
  }
  r.finish();
}

void read_neutral(Context& ctx, TableReader& root, Scenario& s) {
  const toml::table* t = root.table("neutral");
  if (t == nullptr) return;
  TableReader r(ctx, *t, "neutral");
  if (const std::optional<std::string> mode = r.choice("mode", {"sum", "absent"})) {
    s.neutral.measured_sum = *mode == "sum";
  }
  const std::vector<const toml::table*> extra = r.tables("extra");
  for (std::size_t i = 0; i < extra.size(); ++i) {
    TableReader e(ctx, *extra[i], element_path(r, "extra", i));
    NeutralComponent n;
    n.order = e.small_integer("order", 1, kMaxHarmonicOrder).value_or(1);
    n.rms_a = e.required_number("rms_a");
    n.angle_deg = e.number("angle_deg").value_or(0.0);
    e.finish();
    s.neutral.extra.push_back(n);
  }
  r.finish();
}

void read_events(Context& ctx, TableReader& root, Scenario& s) {
  const std::vector<const toml::table*> events = root.tables("events");
  for (std::size_t i = 0; i < events.size(); ++i) {
    TableReader e(ctx, *events[i], element_path(root, "events", i));
    VoltageEvent ev;
    const std::optional<std::string> kind = e.choice("kind", {"sag", "swell", "interruption"});
    if (!kind) e.missing("kind");
    ev.kind = *kind == "sag"     ? EventKind::kSag
              : *kind == "swell" ? EventKind::kSwell
                                 : EventKind::kInterruption;
    ev.start_s = e.required_number("start_s");
    ev.duration_s = e.required_number("duration_s");
    const std::optional<double> residual = e.number("residual_percent");
    if (!residual && ev.kind != EventKind::kInterruption) e.missing("residual_percent");
    ev.residual_percent = residual.value_or(0.0);
    ev.current_residual_percent = e.number("current_residual_percent");
    if (const std::optional<std::vector<std::string>> phases = e.strings("phases")) {
      ev.phases = {false, false, false};
      for (std::size_t k = 0; k < phases->size(); ++k) {
        const std::string p = fmt::format("{}.phases[{}]", e.path(), k);
        std::size_t ph = 0;
        while (ph < kPhases && (*phases)[k] != phase_name(ph)) ++ph;
        if (ph == kPhases) {
          ctx.fail(ctx.map.find(p), p,
                   fmt::format("\"{}\" is not one of \"L1\", \"L2\", \"L3\"", (*phases)[k]));
        }
        if (ev.phases[ph]) ctx.fail(ctx.map.find(p), p, fmt::format("{} is named twice", (*phases)[k]));
        ev.phases[ph] = true;
      }
    }
    e.finish();
    s.events.push_back(ev);
  }
}

void read_adc(Context& ctx, TableReader& root, Scenario& s) {
  const toml::table* t = root.table("adc");
  if (t == nullptr) return;
  TableReader r(ctx, *t, "adc");
  AdcSpec& a = s.adc;
  a.bits = r.small_integer("bits", 0, 64).value_or(0);
  a.voltage_full_scale_v = r.number("voltage_full_scale_v").value_or(0.0);
  a.current_full_scale_a = r.number("current_full_scale_a").value_or(0.0);
  a.voltage_noise_rms_v = r.number("voltage_noise_rms_v").value_or(0.0);
  a.current_noise_rms_a = r.number("current_noise_rms_a").value_or(0.0);
  if (const std::optional<std::int64_t> seed = r.integer("seed")) {
    if (*seed < 0) r.fail("seed", fmt::format("must be a non-negative integer (got {})", *seed));
    a.seed = static_cast<std::uint64_t>(*seed);
  }
  r.finish();
}

}  // namespace

Scenario parse_scenario(std::string_view toml_text, std::string_view source_name) {
  Context ctx;
  ctx.map.file = std::string(source_name);
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    throw ScenarioError(ctx.map.file, static_cast<int>(e.source().begin.line),
                        static_cast<int>(e.source().begin.column), "",
                        fmt::format("TOML syntax error: {}", e.description()));
  }

  Scenario s;
  TableReader root(ctx, doc, "");
  s.name = root.string("name").value_or(s.name);
  s.description = root.string("description").value_or("");
  read_grid(ctx, root, s);
  read_frequency(ctx, root, s);
  read_voltages(ctx, root, s);
  read_currents(ctx, root, s);
  read_neutral(ctx, root, s);
  read_events(ctx, root, s);
  read_adc(ctx, root, s);
  root.finish();

  validate_scenario(s, &ctx.map);
  return s;
}

Scenario load_scenario_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path, 0, 0, "", "cannot open the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ScenarioError(path, 0, 0, "", "cannot read the scenario file");
  return parse_scenario(text.str(), path);
}

}  // namespace quadra::host::sim
