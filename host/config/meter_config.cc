#include "host/config/meter_config.h"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace quadra::host {
namespace {

using metrology::Element;
using metrology::EnergyQuantity;

std::string where(std::string_view source, const toml::node& node, std::string_view path) {
  const auto& src = node.source();
  if (src.begin.line > 0) return fmt::format("{}:{}: {}", source, src.begin.line, path);
  return fmt::format("{}: {}", source, path);
}

[[noreturn]] void refuse(std::string_view source, const toml::node& node, std::string_view path,
                         std::string_view reason) {
  throw ConfigError(fmt::format("{}: {}", where(source, node, path), reason));
}

void only_keys(std::string_view source, const toml::table& t, std::string_view path,
               const std::set<std::string_view>& allowed) {
  for (const auto& [key, node] : t) {
    if (!allowed.count(key.str())) {
      std::string known;
      for (std::string_view k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
      refuse(source, node, path.empty() ? std::string(key.str()) : fmt::format("{}.{}", path, key.str()),
             fmt::format("unknown key (known here: {})", known));
    }
  }
}

double number(std::string_view source, const toml::table& t, std::string_view path, std::string_view key,
              double fallback) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return fallback;
  if (auto v = n->value<double>(); v && (n->is_floating_point() || n->is_integer())) return *v;
  refuse(source, *n, fmt::format("{}.{}", path, key), "must be a number");
}

std::string text(std::string_view source, const toml::table& t, std::string_view path, std::string_view key,
                 std::string fallback) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return fallback;
  if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
  refuse(source, *n, fmt::format("{}.{}", path, key), "must be a string");
}

const toml::table* section(std::string_view source, const toml::table& root, std::string_view key) {
  const toml::node* n = root.get(key);
  if (n == nullptr) return nullptr;
  if (!n->is_table()) refuse(source, *n, key, "must be a table");
  return n->as_table();
}

// The node of `key` when present (for the line of an error), else the table itself.
const toml::node& node_of(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  return n != nullptr ? *n : static_cast<const toml::node&>(t);
}

EnergyQuantity parse_quantity(std::string_view source, const toml::node& n, std::string_view path,
                              const std::string& q) {
  for (std::size_t k = 0; k < metrology::kEnergyQuantityCount; ++k) {
    const auto quantity = static_cast<EnergyQuantity>(k);
    if (q == metrology::quantity_name(quantity)) return quantity;
  }
  refuse(source, n, path, fmt::format("\"{}\" is not one of +A -A +R -R Q1 Q2 Q3 Q4 +S -S", q));
}

Element parse_element(std::string_view source, const toml::node& n, std::string_view path, const std::string& e) {
  if (e == "L1") return Element::kL1;
  if (e == "L2") return Element::kL2;
  if (e == "L3") return Element::kL3;
  if (e == "total") return Element::kTotal;
  refuse(source, n, path, fmt::format("\"{}\" is not one of L1 L2 L3 total", e));
}

}  // namespace

MeterConfig default_meter_config() {
  MeterConfig m;
  const EnergyQuantity defaults[] = {EnergyQuantity::kActiveImport, EnergyQuantity::kActiveExport,
                                     EnergyQuantity::kReactiveImport, EnergyQuantity::kReactiveExport};
  for (std::size_t k = 0; k < 4; ++k) {
    m.metrology.pulse_outputs[k].enabled = true;
    m.metrology.pulse_outputs[k].quantity = defaults[k];
  }
  return m;
}

MeterConfig parse_meter_config(std::string_view input, std::string_view source) {
  toml::table root;
  try {
    root = toml::parse(input, source);
  } catch (const toml::parse_error& e) {
    throw ConfigError(fmt::format("{}:{}:{}: {}", source, e.source().begin.line, e.source().begin.column,
                                  e.description()));
  }
  MeterConfig m = default_meter_config();
  metrology::MetrologyConfig& c = m.metrology;
  only_keys(source, root, "", {"meter", "calibration", "pulse_output"});

  if (const toml::table* t = section(source, root, "meter")) {
    only_keys(source, *t, "meter",
              {"nominal_voltage_v", "reference_current_a", "starting_current_a", "creep_current_a", "wiring",
               "apparent_total", "vt_ratio", "ct_ratio", "resampler_half_width"});
    if (t->contains("nominal_voltage_v")) m.nominal_voltage_v = number(source, *t, "meter", "nominal_voltage_v", 230.0);
    c.reference_current_a = number(source, *t, "meter", "reference_current_a", c.reference_current_a);
    c.starting_current_a = number(source, *t, "meter", "starting_current_a", c.starting_current_a);
    c.creep_current_a = number(source, *t, "meter", "creep_current_a", c.creep_current_a);
    const std::string wiring = text(source, *t, "meter", "wiring", "4-wire");
    if (wiring == "4-wire") c.wiring = metrology::Wiring::kFourWire;
    else if (wiring == "3-wire") c.wiring = metrology::Wiring::kThreeWire;
    else refuse(source, *t->get("wiring"), "meter.wiring", "must be \"4-wire\" or \"3-wire\"");
    const std::string total = text(source, *t, "meter", "apparent_total", "arithmetic");
    if (total == "arithmetic") c.apparent_total = metrology::ApparentTotal::kArithmetic;
    else if (total == "vector") c.apparent_total = metrology::ApparentTotal::kVector;
    else refuse(source, *t->get("apparent_total"), "meter.apparent_total", "must be \"arithmetic\" or \"vector\"");
    if (t->contains("vt_ratio")) m.vt_ratio = number(source, *t, "meter", "vt_ratio", 1.0);
    if (t->contains("ct_ratio")) m.ct_ratio = number(source, *t, "meter", "ct_ratio", 1.0);
    c.resampler_half_width = static_cast<unsigned>(
        number(source, *t, "meter", "resampler_half_width", c.resampler_half_width));
  }

  if (const toml::table* t = section(source, root, "calibration")) {
    only_keys(source, *t, "calibration", {"U1", "U2", "U3", "I1", "I2", "I3", "IN"});
    for (std::size_t ch = 0; ch < metrology::kChannelCount; ++ch) {
      const char* name = metrology::channel_name(static_cast<metrology::Channel>(ch));
      const toml::node* n = t->get(name);
      if (n == nullptr) continue;
      const std::string path = fmt::format("calibration.{}", name);
      if (!n->is_table()) refuse(source, *n, path, "must be a table");
      const toml::table& ct = *n->as_table();
      only_keys(source, ct, path, {"gain", "offset", "phase_deg"});
      c.calibration[ch].gain = number(source, ct, path, "gain", 1.0);
      c.calibration[ch].offset = number(source, ct, path, "offset", 0.0);
      c.calibration[ch].phase_deg = number(source, ct, path, "phase_deg", 0.0);
    }
  }

  if (const toml::node* n = root.get("pulse_output")) {
    if (!n->is_array_of_tables()) refuse(source, *n, "pulse_output", "must be an array of tables ([[pulse_output]])");
    const toml::array& arr = *n->as_array();
    if (arr.size() > metrology::kMaxPulseOutputs)
      refuse(source, *n, "pulse_output", fmt::format("at most {} pulse outputs", metrology::kMaxPulseOutputs));
    c.pulse_outputs = {};
    for (std::size_t k = 0; k < arr.size(); ++k) {
      const toml::table& pt = *arr[k].as_table();
      const std::string path = fmt::format("pulse_output[{}]", k);
      only_keys(source, pt, path, {"quantity", "element", "imp_per_kwh", "basis"});
      metrology::PulseOutputConfig& p = c.pulse_outputs[k];
      p.enabled = true;
      p.quantity = parse_quantity(source, node_of(pt, "quantity"), path + ".quantity",
                                  text(source, pt, path, "quantity", "+A"));
      p.element = parse_element(source, node_of(pt, "element"), path + ".element",
                                text(source, pt, path, "element", "total"));
      p.imp_per_kwh = number(source, pt, path, "imp_per_kwh", 20000.0);
      const std::string basis = text(source, pt, path, "basis", "secondary");
      if (basis != "secondary" && basis != "primary")
        refuse(source, node_of(pt, "basis"), path + ".basis", "must be \"secondary\" or \"primary\"");
      p.primary = basis == "primary";
    }
  }
  return m;
}

MeterConfig load_meter_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("{}: cannot open the meter configuration file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_meter_config(text.str(), path);
}

metrology::MetrologyConfig finish_metrology_config(const MeterConfig& meter, const SourceFacts& source) {
  metrology::MetrologyConfig c = meter.metrology;
  c.sample_rate_hz = source.sample_rate_hz;
  c.nominal_frequency_hz = source.nominal_frequency_hz;
  c.nominal_voltage_v = meter.nominal_voltage_v.value_or(source.nominal_voltage_v);
  c.vt_ratio = meter.vt_ratio.value_or(source.vt_ratio);
  c.ct_ratio = meter.ct_ratio.value_or(source.ct_ratio);
  const Status st = metrology::validate_config(c);
  if (!st.is_ok()) throw ConfigError(fmt::format("{}: {}", st.field(), st.reason()));
  return c;
}

}  // namespace quadra::host
