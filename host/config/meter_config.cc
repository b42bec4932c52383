#include "host/config/meter_config.h"

#include <cmath>
#include <cstdio>

#include "core/io/readout_list.h"
#include "core/push/push_schedule.h"
#include "core/recording/default_alarms.h"

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

// An OBIS code of a register the meter has. A meter of the default configuration tells which codes
// exist (losses, loss-compensated energies and the error register exist only when configured or
// later, so their codes are accepted as such).
bool meter_has_register(const meter::Obis& o) {
  static const meter::Meter probe_meter = [] {
    meter::MeterSettings defaults;
    defaults.billing = meter::default_billing_settings();
    defaults.pulse_input.enabled = true;
    return meter::Meter(defaults);
  }();
  meter::RegisterValue probe;
  return probe_meter.read(o, probe) || o.c() == 83 || o.c() == 88 || o.c() == 89 || o.e() == 128 ||
         (o.c() == 0 && o.d() == 10 && o.e() <= 3);  // losses and their model exist only when configured
}

meter::Obis register_code(std::string_view source, const toml::node& n, const std::string& path) {
  const auto code = n.value<std::string>();
  meter::Obis o;
  if (!code || !meter::Obis::parse(code->c_str(), o))
    refuse(source, n, path, "is not an OBIS code such as \"1.0.1.8.0.255\"");
  if (!meter_has_register(o)) refuse(source, n, path, fmt::format("the meter has no register {}", *code));
  return o;
}

// An item of a display list: a register the meter has (as register_code), a billing period of
// one (F != 255), or one of the objects the directory serves beside the registers (the clock,
// the identification, the local time and date).
meter::Obis display_code(std::string_view source, const toml::node& n, const std::string& path) {
  const auto code = n.value<std::string>();
  meter::Obis o;
  if (!code || !meter::Obis::parse(code->c_str(), o))
    refuse(source, n, path, "is not an OBIS code such as \"1.0.1.8.0.255\"");
  constexpr meter::Obis kOthers[] = {{0, 0, 1, 0, 0}, {0, 0, 96, 1, 0}, {1, 0, 0, 2, 0}, {0, 0, 42, 0, 0},
                                     {1, 0, 0, 9, 1}, {1, 0, 0, 9, 2}, {0, 0, 96, 2, 1}, {1, 0, 0, 1, 2}};
  const meter::Obis current(o.a(), o.b(), o.c(), o.d(), o.e(), 255);
  for (const meter::Obis& x : kOthers) {
    if (x == current) return o;
  }
  if (!meter_has_register(current)) refuse(source, n, path, fmt::format("the meter shows no object {}", *code));
  return o;
}

// [optical]: the readout list, the device address and the programming password.
void parse_optical(std::string_view source, const toml::table& t, MeterConfig::Optical* out) {
  only_keys(source, t, "optical", {"readout", "device_address", "password"});
  if (const toml::node* n = t.get("readout")) {
    const toml::array* arr = n->as_array();
    if (arr == nullptr) refuse(source, *n, "optical.readout", "must be an array of OBIS codes (\"1.0.1.8.0.255\")");
    if (arr->empty()) refuse(source, *n, "optical.readout", "names no item (leave the key out for the built-in list)");
    if (arr->size() > io::kMaxReadoutItems)
      refuse(source, *n, "optical.readout", fmt::format("holds {} items; at most {}", arr->size(), io::kMaxReadoutItems));
    for (std::size_t j = 0; j < arr->size(); ++j) {
      const toml::node& item = (*arr)[j];
      const std::string path = fmt::format("optical.readout[{}]", j);
      const auto code = item.value<std::string>();
      meter::Obis o;
      if (!code || !meter::Obis::parse(code->c_str(), o))
        refuse(source, item, path, "is not an OBIS code such as \"1.0.1.8.0.255\"");
      const std::uint8_t f = o.f();
      if (!(f == 255 || f <= 99 || (f >= 101 && f <= 125)))
        refuse(source, item, path, "F must be 255 (current value), 0..99 or 101..125 (a billing period)");
      const meter::Obis current(o.a(), o.b(), o.c(), o.d(), o.e(), 255);
      const bool billing_time = current == meter::Obis(1, 0, 0, 1, 2);
      if (billing_time && f == 255) refuse(source, item, path, "the billing time stamp 0.1.2 needs a billing period in F");
      const bool computed = current == io::kSerialNumberObis || current == io::kLocalTimeObis ||
                            current == io::kLocalDateObis || billing_time;
      if (computed && f != 255 && !billing_time) refuse(source, item, path, "has no billing period (F must be 255)");
      if (!computed && !meter_has_register(current))
        refuse(source, item, path, fmt::format("the meter has no register {}", *code));
      for (std::size_t k = 0; k < out->readout.size(); ++k) {
        const meter::Obis& p = out->readout[k];
        if (p.c() == o.c() && p.d() == o.d() && p.e() == o.e() && p.f() == o.f())
          refuse(source, item, path, fmt::format("shows as the same VDEW address as optical.readout[{}]", k));
      }
      out->readout.push_back(o);
      out->readout_where.push_back(where(source, item, path));
    }
  }
  if (t.contains("device_address")) {
    const std::string a = text(source, t, "optical", "device_address", "");
    if (a.size() > io::kMaxDeviceAddress)
      refuse(source, node_of(t, "device_address"), "optical.device_address",
             fmt::format("{} characters; at most {} (IEC 62056-21)", a.size(), io::kMaxDeviceAddress));
    for (const char c : a) {
      const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ';
      if (!ok)
        refuse(source, node_of(t, "device_address"), "optical.device_address",
               fmt::format("'{}' is not a device address character (IEC 62056-21: 0-9 A-Z a-z space)", c));
    }
    out->device_address = a;
  }
  if (t.contains("password")) {
    const std::string p = text(source, t, "optical", "password", "");
    if (p.empty() || p.size() > io::kMaxPassword)
      refuse(source, node_of(t, "password"), "optical.password",
             fmt::format("{} characters; 1 to {}", p.size(), io::kMaxPassword));
    for (const char c : p) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x7F || c == '(' || c == ')' || c == '*' || c == '/' || c == '!')
        refuse(source, node_of(t, "password"), "optical.password",
               "printable ASCII only, none of ( ) * / ! (they frame the P1 message)");
    }
    out->password = p;
  }
}

// The [quality] keys that are numbers, and where they go.
struct QualityKey {
  const char* key;
  double quality::QualityConfig::*member;
};
constexpr QualityKey kQualityKeys[] = {
    {"dip_threshold_pct", &quality::QualityConfig::dip_threshold_pct},
    {"swell_threshold_pct", &quality::QualityConfig::swell_threshold_pct},
    {"voltage_hysteresis_pct", &quality::QualityConfig::voltage_hysteresis_pct},
    {"dip_min_duration_s", &quality::QualityConfig::dip_min_duration_s},
    {"swell_min_duration_s", &quality::QualityConfig::swell_min_duration_s},
    {"interruption_threshold_pct", &quality::QualityConfig::interruption_threshold_pct},
    {"interruption_min_duration_s", &quality::QualityConfig::interruption_min_duration_s},
    {"long_interruption_s", &quality::QualityConfig::long_interruption_s},
    {"power_down_threshold_pct", &quality::QualityConfig::power_down_threshold_pct},
    {"power_down_min_duration_s", &quality::QualityConfig::power_down_min_duration_s},
    {"long_outage_s", &quality::QualityConfig::long_outage_s},
    {"u2_limit_pct", &quality::QualityConfig::u2_limit_pct},
    {"i2_limit_pct", &quality::QualityConfig::i2_limit_pct},
    {"asymmetry_min_duration_s", &quality::QualityConfig::asymmetry_min_duration_s},
    {"phase_sequence_min_duration_s", &quality::QualityConfig::phase_sequence_min_duration_s},
    {"imax_a", &quality::QualityConfig::imax_a},
    {"imax_min_duration_s", &quality::QualityConfig::imax_min_duration_s},
    {"no_current_a", &quality::QualityConfig::no_current_a},
    {"no_current_min_duration_s", &quality::QualityConfig::no_current_min_duration_s},
    {"cwv_current_a", &quality::QualityConfig::cwv_current_a},
    {"cwv_voltage_pct", &quality::QualityConfig::cwv_voltage_pct},
    {"cwv_min_duration_s", &quality::QualityConfig::cwv_min_duration_s},
    {"pmax_w", &quality::QualityConfig::pmax_w},
    {"pmax_min_duration_s", &quality::QualityConfig::pmax_min_duration_s},
    {"demand_limit_w", &quality::QualityConfig::demand_limit},
    {"frequency_low_hz", &quality::QualityConfig::frequency_low_hz},
    {"frequency_high_hz", &quality::QualityConfig::frequency_high_hz},
    {"frequency_hysteresis_hz", &quality::QualityConfig::frequency_hysteresis_hz},
    {"frequency_min_duration_s", &quality::QualityConfig::frequency_min_duration_s},
    {"limit_hysteresis_pct", &quality::QualityConfig::limit_hysteresis_pct},
};

}  // namespace

MeterConfig default_meter_config() {
  MeterConfig m;
  m.application.billing = meter::default_billing_settings();
  m.application.events.alarm_map = recording::kDefaultAlarmMap;
  const EnergyQuantity defaults[] = {EnergyQuantity::kActiveImport, EnergyQuantity::kActiveExport,
                                     EnergyQuantity::kReactiveImport, EnergyQuantity::kReactiveExport};
  for (std::size_t k = 0; k < 4; ++k) {
    m.metrology.pulse_outputs[k].enabled = true;
    m.metrology.pulse_outputs[k].quantity = defaults[k];
  }
  return m;
}

namespace {

// A whole number min..max of [modem] `key`, `fallback` when absent.
double modem_whole(std::string_view source, const toml::table& t, std::string_view key, double fallback, double min,
                   double max) {
  const double v = number(source, t, "modem", key, fallback);
  if (!(v >= min && v <= max) || v != std::floor(v))
    refuse(source, node_of(t, key), fmt::format("modem.{}", key), fmt::format("must be a whole number {}..{}", min, max));
  return v;
}

// One of `names` (their index is the value), `fallback` when absent.
std::uint8_t modem_choice(std::string_view source, const toml::table& t, std::string_view key,
                          std::initializer_list<std::pair<const char*, std::uint8_t>> names, std::uint8_t fallback) {
  if (!t.contains(key)) return fallback;
  const std::string v = text(source, t, "modem", key, "");
  std::string known;
  for (const auto& [name, value] : names) {
    if (v == name) return value;
    known += fmt::format("{}\"{}\"", known.empty() ? "" : ", ", name);
  }
  refuse(source, node_of(t, key), fmt::format("modem.{}", key), fmt::format("must be one of {}", known));
}

void parse_radio(std::string_view source, const toml::table& t, cosem::RadioNetwork* r) {
  if (!r->set_operator(text(source, t, "modem", "operator", std::string(r->operator_view()))))
    refuse(source, node_of(t, "operator"), "modem.operator", "longer than 32 characters");
  for (char c : r->operator_view()) {
    if (c < 0x20 || c > 0x7E) refuse(source, node_of(t, "operator"), "modem.operator", "must be printable ASCII (a visible-string)");
  }
  using cosem::PacketSwitchStatus;
  using cosem::RegistrationStatus;
  r->status = static_cast<RegistrationStatus>(modem_choice(
      source, t, "registration",
      {{"home", 1}, {"roaming", 5}, {"searching", 2}, {"denied", 3}, {"unknown", 4}, {"none", 0}},
      static_cast<std::uint8_t>(r->status)));
  r->ps_status = static_cast<PacketSwitchStatus>(modem_choice(
      source, t, "technology",
      {{"gprs", 1}, {"edge", 2}, {"umts", 3}, {"hsdpa", 4}, {"lte", 5}, {"cdma", 6}, {"lte-m", 7}, {"nb-iot", 8},
       {"nb2", 9}},
      static_cast<std::uint8_t>(r->ps_status)));
  cosem::CellInfo& c = r->cell;
  c.cell_id = static_cast<std::uint32_t>(modem_whole(source, t, "cell_id", c.cell_id, 0, 4294967295.0));
  c.location_id = static_cast<std::uint16_t>(modem_whole(source, t, "location_id", c.location_id, 0, 65535));
  c.signal_quality = static_cast<std::uint8_t>(modem_whole(source, t, "signal_quality", c.signal_quality, 0, 99));
  if (c.signal_quality > 31 && c.signal_quality != 99)
    refuse(source, node_of(t, "signal_quality"), "modem.signal_quality", "must be 0..31 (or 99: not known)");
  c.ber = static_cast<std::uint8_t>(modem_whole(source, t, "ber", c.ber, 0, 99));
  if (c.ber > 7 && c.ber != 99) refuse(source, node_of(t, "ber"), "modem.ber", "must be 0..7 (or 99: not known)");
  c.mcc = static_cast<std::uint16_t>(modem_whole(source, t, "mcc", c.mcc, 0, 999));
  c.mnc = static_cast<std::uint16_t>(modem_whole(source, t, "mnc", c.mnc, 0, 999));
  c.channel_number = static_cast<std::uint32_t>(modem_whole(source, t, "channel_number", c.channel_number, 0, 4294967295.0));
  // adjacent_cells = [[cell_id, signal_quality], ...]
  if (const toml::node* n = t.get("adjacent_cells")) {
    const toml::array* a = n->as_array();
    const char* form = "must be a list of up to 4 [cell_id 0..4294967295, signal_quality 0..31 or 99]";
    if (a == nullptr || a->size() > cosem::kMaxAdjacentCells) refuse(source, *n, "modem.adjacent_cells", form);
    r->adjacent_count = 0;
    for (const toml::node& e : *a) {
      const toml::array* pair = e.as_array();
      std::int64_t id = -1;
      std::int64_t q = -1;
      if (pair && pair->size() == 2 && (*pair)[0].is_integer() && (*pair)[1].is_integer()) {
        id = (*pair)[0].value_or<std::int64_t>(-1);
        q = (*pair)[1].value_or<std::int64_t>(-1);
      }
      if (id < 0 || id > 4294967295LL || q < 0 || (q > 31 && q != 99)) refuse(source, e, "modem.adjacent_cells", form);
      r->adjacent[r->adjacent_count++] = {static_cast<std::uint32_t>(id), static_cast<std::uint8_t>(q)};
    }
  }
  cosem::LteNetworkParameters& p = r->lte;
  p.t3402_s = static_cast<std::uint16_t>(modem_whole(source, t, "lte_t3402_s", p.t3402_s, 0, 65535));
  p.t3412_s = static_cast<std::uint16_t>(modem_whole(source, t, "lte_t3412_s", p.t3412_s, 0, 65535));
  p.t3412ext2_s = static_cast<std::uint32_t>(modem_whole(source, t, "lte_t3412ext2_s", p.t3412ext2_s, 0, 4294967295.0));
  p.t3324_cs = static_cast<std::uint16_t>(modem_whole(source, t, "lte_t3324_cs", p.t3324_cs, 0, 65535));
  p.tedrx_cs = static_cast<std::uint32_t>(modem_whole(source, t, "lte_tedrx_cs", p.tedrx_cs, 0, 4294967295.0));
  p.tptw_s = static_cast<std::uint16_t>(modem_whole(source, t, "lte_tptw_s", p.tptw_s, 0, 65535));
  auto int8 = [&](std::string_view key, std::int8_t fallback) {
    return static_cast<std::int8_t>(modem_whole(source, t, key, fallback, -128, 127));
  };
  p.q_rxlev_min_dbm = int8("lte_q_rxlev_min_dbm", p.q_rxlev_min_dbm);
  p.q_rxlev_min_ce_dbm = int8("lte_q_rxlev_min_ce_dbm", p.q_rxlev_min_ce_dbm);
  p.q_rxlev_min_ce1_dbm = int8("lte_q_rxlev_min_ce1_dbm", p.q_rxlev_min_ce1_dbm);
  cosem::LteQualityOfService& q = r->lte_qos;
  q.signal_quality = int8("lte_signal_quality", q.signal_quality);
  q.signal_level = int8("lte_signal_level", q.signal_level);
  q.signal_to_noise_ratio = int8("lte_signal_to_noise_ratio", q.signal_to_noise_ratio);
  q.coverage_enhancement =
      static_cast<std::uint8_t>(modem_whole(source, t, "lte_coverage_enhancement", q.coverage_enhancement, 0, 2));
}

void parse_auto_connect(std::string_view source, const toml::table& t, push::AutoConnectSettings* a) {
  a->mode = static_cast<std::uint8_t>(modem_whole(source, t, "auto_connect_mode", a->mode, 0, 255));
  if (!push::mode_served(a->mode))
    refuse(source, node_of(t, "auto_connect_mode"), "modem.auto_connect_mode",
           "must be 0..3 or 101..104 (no SMS nor e-mail sending)");
  a->repetitions = static_cast<std::uint8_t>(modem_whole(source, t, "auto_connect_repetitions", a->repetitions, 0, 255));
  a->repetition_delay_s = static_cast<std::uint16_t>(
      modem_whole(source, t, "auto_connect_repetition_delay_s", a->repetition_delay_s, 0, 65535));
  // auto_connect_windows = ["HH:MM:SS-HH:MM:SS", ...]: daily calling windows of local time.
  if (const toml::node* w = t.get("auto_connect_windows")) {
    const toml::array* arr = w->as_array();
    const char* form = "must be a list of up to 4 \"HH:MM:SS-HH:MM:SS\" (local time, every day)";
    if (arr == nullptr || arr->size() > push::kMaxWindows) refuse(source, *w, "modem.auto_connect_windows", form);
    a->window_count = 0;
    for (const toml::node& e : *arr) {
      const auto v = e.value<std::string>();
      int h1 = 0, m1 = 0, s1 = 0, h2 = 0, m2 = 0, s2 = 0, n = 0;
      if (!v || std::sscanf(v->c_str(), "%d:%d:%d-%d:%d:%d%n", &h1, &m1, &s1, &h2, &m2, &s2, &n) != 6 ||
          static_cast<std::size_t>(n) != v->size() || h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59 || s1 > 59 || s2 > 59 ||
          h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0 || s1 < 0 || s2 < 0)
        refuse(source, e, "modem.auto_connect_windows", form);
      clock::CosemDateTime from = clock::not_specified_date_time();
      clock::CosemDateTime to = from;
      from.time = clock::CosemTime::at(h1, m1, s1);
      to.time = clock::CosemTime::at(h2, m2, s2);
      a->windows[a->window_count++] = {clock::encode(from), clock::encode(to)};
    }
  }
  if (const toml::node* d = t.get("auto_connect_destinations")) {
    const toml::array* arr = d->as_array();
    const char* form = "must be a list of up to 4 \"host:port\" (port 1..65535, 64 characters at most)";
    if (arr == nullptr || arr->size() > push::kMaxAutoConnectDestinations)
      refuse(source, *d, "modem.auto_connect_destinations", form);
    a->destination_count = 0;
    for (const toml::node& e : *arr) {
      const auto v = e.value<std::string>();
      if (!v || !push::destination_valid(*v) || !a->add_destination(*v))
        refuse(source, e, "modem.auto_connect_destinations", form);
    }
  }
}

}  // namespace

cosem::RadioNetwork MeterConfig::default_radio_network() {
  // The simulated network: a home LTE network on the 3GPP test PLMN (MCC 001, MNC 01), fair
  // signal, the 3GPP default timers T3402 = 12 min and T3412 = 54 min, no PSM nor eDRX.
  cosem::RadioNetwork r;
  r.set_operator("Quadra Mobile");
  r.status = cosem::RegistrationStatus::kHomeNetwork;
  r.ps_status = cosem::PacketSwitchStatus::kLte;
  r.cell = {0x0001E240, 1, 20, 0, 1, 1, 6300};
  r.lte = {720, 3240, 0, 0, 0, 0, -120, -120, -120};
  r.lte_qos = {-10, -95, 12, 0};
  return r;
}

push::AutoConnectSettings MeterConfig::default_auto_connect() {
  // Usually disconnected, connecting when the connect method is called, to no destination until
  // the management client writes one.
  push::AutoConnectSettings a;
  a.mode = static_cast<std::uint8_t>(push::AutoConnectMode::kDisconnectedConnectInvoked);
  a.repetitions = 3;
  a.repetition_delay_s = 60;
  return a;
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
  only_keys(source, root, "",
            {"meter", "calibration", "pulse_output", "clock", "tariff", "demand", "losses", "billing", "registers",
             "store", "events", "profile1", "profile2", "quality", "push", "modem", "relays", "display", "pulse_input",
             "battery", "optical"});
  meter::MeterSettings& app = m.application;

  if (const toml::table* t = section(source, root, "events")) {
    only_keys(source, *t, "events",
              {"standard", "fraud", "limits", "power-quality", "power-failure", "communication", "configuration",
               "long_outage_threshold_s", "alarm_filter"});
    constexpr const char* kLogs[] = {"standard", "fraud", "limits", "power-quality", "power-failure", "communication",
                                     "configuration"};
    for (std::size_t g = 0; g < 7; ++g) {
      const double rows = number(source, *t, "events", kLogs[g], static_cast<double>(app.events.capacities[g]));
      if (!(rows >= 1 && rows <= static_cast<double>(recording::kMaxEventLogCapacity)) || rows != std::floor(rows))
        refuse(source, node_of(*t, kLogs[g]), fmt::format("events.{}", kLogs[g]),
               fmt::format("must be a whole number of rows, 1..{}", recording::kMaxEventLogCapacity));
      app.events.capacities[g] = static_cast<std::size_t>(rows);
    }
    const double threshold = number(source, *t, "events", "long_outage_threshold_s", 180);
    if (!(threshold >= 1 && threshold <= 86400))
      refuse(source, node_of(*t, "long_outage_threshold_s"), "events.long_outage_threshold_s", "must lie between 1 and 86400 s");
    app.events.long_outage_threshold_s = static_cast<std::int64_t>(threshold);
    app.quality.long_outage_s = threshold;
    const double filter = number(source, *t, "events", "alarm_filter", 4294967295.0);
    if (!(filter >= 0 && filter <= 4294967295.0) || filter != std::floor(filter))
      refuse(source, node_of(*t, "alarm_filter"), "events.alarm_filter", "must be a 32-bit mask, 0..0xFFFFFFFF");
    app.events.alarm_filter = static_cast<std::uint32_t>(filter);
  }
  for (std::size_t k = 0; k < 2; ++k) {
    const std::string name = k == 0 ? "profile1" : "profile2";
    const toml::table* t = section(source, root, name);
    if (t == nullptr) continue;
    only_keys(source, *t, name, {"period_s", "capacity", "capture"});
    recording::LoadProfileConfig& p = app.load_profiles[k];
    p.period_s = static_cast<std::int64_t>(number(source, *t, name, "period_s", static_cast<double>(p.period_s)));
    const double capacity = number(source, *t, name, "capacity", static_cast<double>(p.capacity));
    if (!(capacity >= 1 && capacity <= static_cast<double>(recording::kMaxProfileCapacity)))
      refuse(source, node_of(*t, "capacity"), name + ".capacity",
             fmt::format("must lie between 1 and {} rows", recording::kMaxProfileCapacity));
    p.capacity = static_cast<std::size_t>(capacity);
    if (const toml::node* n = t->get("capture")) {
      const toml::array* arr = n->as_array();
      if (arr == nullptr || arr->empty()) refuse(source, *n, name + ".capture", "must be a non-empty array of OBIS codes");
      if (arr->size() > recording::kMaxProfileCaptures)
        refuse(source, *n, name + ".capture", fmt::format("holds {} objects; at most {}", arr->size(), recording::kMaxProfileCaptures));
      for (std::size_t j = 0; j < arr->size(); ++j)
        m.profile_captures[k][j] = register_code(source, (*arr)[j], fmt::format("{}.capture[{}]", name, j));
      m.profile_capture_count[k] = arr->size();
    }
    if (const Status st = recording::LoadProfile::validate(p); !st.is_ok())
      refuse(source, node_of(*t, "period_s"), name + ".period_s", st.reason());
  }
  if (const toml::table* t = section(source, root, "quality")) {
    std::set<std::string_view> keys{"frequency_source", "iec_time_stamps"};
    for (const QualityKey& q : kQualityKeys) keys.insert(q.key);
    only_keys(source, *t, "quality", keys);
    for (const QualityKey& q : kQualityKeys) {
      if (t->contains(q.key)) m.quality_overrides.emplace_back(q.key, number(source, *t, "quality", q.key, 0.0));
    }
    const std::string fsrc = text(source, *t, "quality", "frequency_source", "10s");
    if (fsrc == "10s") app.quality.frequency_source = quality::FrequencySource::kTenSecond;
    else if (fsrc == "window") app.quality.frequency_source = quality::FrequencySource::kWindow;
    else refuse(source, node_of(*t, "frequency_source"), "quality.frequency_source", "must be \"10s\" or \"window\"");
    if (const toml::node* n = t->get("iec_time_stamps")) {
      const auto b = n->value<bool>();
      if (!b || !n->is_boolean()) refuse(source, *n, "quality.iec_time_stamps", "must be true or false");
      app.quality.iec_time_stamps = *b;
    }
  }
  // [display]: the three display lists (core/meter/display_lists.h), each an array of OBIS codes.
  if (const toml::table* t = section(source, root, "display")) {
    constexpr const char* kLists[] = {"general", "alternate", "service"};
    only_keys(source, *t, "display", {kLists[0], kLists[1], kLists[2]});
    for (std::size_t k = 0; k < meter::kDisplayListCount; ++k) {
      const toml::node* n = t->get(kLists[k]);
      if (n == nullptr) continue;
      const std::string path = fmt::format("display.{}", kLists[k]);
      const toml::array* arr = n->as_array();
      if (arr == nullptr) refuse(source, *n, path, "must be an array of OBIS codes (\"1.0.1.8.0.255\")");
      if (arr->size() > meter::kMaxDisplayItems)
        refuse(source, *n, path, fmt::format("holds {} items; at most {}", arr->size(), meter::kMaxDisplayItems));
      app.display.count[k] = 0;
      for (std::size_t j = 0; j < arr->size(); ++j)
        app.display.items[k][app.display.count[k]++] = display_code(source, (*arr)[j], fmt::format("{}[{}]", path, j));
    }
  }
  if (const toml::table* t = section(source, root, "pulse_input")) {
    only_keys(source, *t, "pulse_input", {"enabled", "constant", "rate_hz"});
    if (const toml::node* n = t->get("enabled")) {
      const auto b = n->value<bool>();
      if (!b || !n->is_boolean()) refuse(source, *n, "pulse_input.enabled", "must be true or false");
      app.pulse_input.enabled = *b;
    }
    app.pulse_input.constant = number(source, *t, "pulse_input", "constant", app.pulse_input.constant);
    if (const Status st = meter::validate(app.pulse_input); !st.is_ok())
      refuse(source, node_of(*t, "constant"), "pulse_input.constant", st.reason());
    m.pulse_rate_hz = number(source, *t, "pulse_input", "rate_hz", 0.0);
    if (!(m.pulse_rate_hz >= 0.0 && m.pulse_rate_hz <= 1e6))
      refuse(source, node_of(*t, "rate_hz"), "pulse_input.rate_hz", "must lie between 0 and 1000000 pulses per second");
  }
  if (const toml::table* t = section(source, root, "battery")) {
    only_keys(source, *t, "battery", {"capacity_mah", "drain_ua"});
    app.battery.capacity_mah = number(source, *t, "battery", "capacity_mah", app.battery.capacity_mah);
    app.battery.drain_ua = number(source, *t, "battery", "drain_ua", app.battery.drain_ua);
    if (const Status st = meter::validate(app.battery); !st.is_ok())
      refuse(source, node_of(*t, st.field() == std::string_view("battery.drain_ua") ? "drain_ua" : "capacity_mah"),
             st.field(), st.reason());
  }
  if (const toml::table* t = section(source, root, "store")) {
    only_keys(source, *t, "store", {"persist_interval_s"});
    m.persist_interval_s = number(source, *t, "store", "persist_interval_s", m.persist_interval_s);
    if (!(m.persist_interval_s >= 0.1 && m.persist_interval_s <= 60.0))
      refuse(source, node_of(*t, "persist_interval_s"), "store.persist_interval_s", "must lie between 0.1 and 60 s");
  }
  if (const toml::table* t = section(source, root, "clock")) {
    only_keys(source, *t, "clock", {"time_zone_min", "dst", "sync_rounding"});
    const std::string rounding = text(source, *t, "clock", "sync_rounding", "minute");
    if (rounding == "minute") app.rtc.pulse_rounding = clock::SyncRounding::kMinute;
    else if (rounding == "quarter") app.rtc.pulse_rounding = clock::SyncRounding::kQuarter;
    else refuse(source, node_of(*t, "sync_rounding"), "clock.sync_rounding", "must be \"minute\" or \"quarter\"");
    app.rtc.time_zone.time_zone_min = static_cast<std::int16_t>(number(source, *t, "clock", "time_zone_min", -60));
    const std::string dst = text(source, *t, "clock", "dst", "eu");
    if (dst == "eu") app.rtc.time_zone.dst = clock::eu_rule();
    else if (dst == "none") app.rtc.time_zone.dst = clock::no_dst();
    else refuse(source, node_of(*t, "dst"), "clock.dst", "must be \"eu\" or \"none\"");
  }
  if (const toml::table* t = section(source, root, "tariff")) {
    only_keys(source, *t, "tariff", {"program", "input"});
    const std::string program = text(source, *t, "tariff", "program", "four-zone");
    if (program == "four-zone") app.program = clock::BuiltInProgram::kFourZoneIndustrial;
    else if (program == "two-zone") app.program = clock::BuiltInProgram::kTwoZone;
    else refuse(source, node_of(*t, "program"), "tariff.program", "must be \"four-zone\" or \"two-zone\"");
    const std::string input_mode = text(source, *t, "tariff", "input", "disabled");
    if (input_mode == "disabled") app.tariff_input.mode = clock::TariffInputMode::kDisabled;
    else if (input_mode == "force-t2") app.tariff_input.mode = clock::TariffInputMode::kForceWhenActive;
    else refuse(source, node_of(*t, "input"), "tariff.input", "must be \"disabled\" or \"force-t2\"");
  }
  if (const toml::table* t = section(source, root, "demand")) {
    only_keys(source, *t, "demand", {"period_s", "number_of_periods", "contracted_power_w"});
    app.demand.period_s = number(source, *t, "demand", "period_s", 900);
    app.demand.number_of_periods = static_cast<unsigned>(number(source, *t, "demand", "number_of_periods", 1));
    if (const toml::node* n = t->get("contracted_power_w")) {
      const toml::array* arr = n->as_array();
      if (arr == nullptr || arr->size() != 6)
        refuse(source, *n, "demand.contracted_power_w", "must be an array of 6 numbers (W for T1..T6)");
      for (std::size_t k = 0; k < 6; ++k) {
        const auto v = (*arr)[k].value<double>();
        if (!v) refuse(source, (*arr)[k], "demand.contracted_power_w", "must hold numbers");
        app.demand.contracted_power[k + 1] = *v;
      }
      app.demand.contracted_power[0] = 0.0;
    }
  }
  if (const toml::table* t = section(source, root, "registers")) {
    only_keys(source, *t, "registers", {"energy_scaler", "power_scaler"});
    app.resolution.energy_scaler = static_cast<std::int8_t>(number(source, *t, "registers", "energy_scaler", 0));
    app.resolution.power_scaler = static_cast<std::int8_t>(number(source, *t, "registers", "power_scaler", 0));
  }
  if (const toml::table* t = section(source, root, "billing")) {
    only_keys(source, *t, "billing", {"day_of_month", "hour", "minute", "entries", "capture"});
    if (const toml::node* n = t->get("capture")) {
      const toml::array* arr = n->as_array();
      if (arr == nullptr) refuse(source, *n, "billing.capture", "must be an array of OBIS codes (\"1.0.1.8.0.255\")");
      if (arr->size() > meter::kMaxBillingCaptures)
        refuse(source, *n, "billing.capture", fmt::format("holds {} objects; at most 50", arr->size()));
      app.billing.capture_count = 0;
      for (std::size_t k = 0; k < arr->size(); ++k)
        app.billing.capture_list[app.billing.capture_count++] = register_code(source, (*arr)[k], fmt::format("billing.capture[{}]", k));
    }
    app.billing.day_of_month = static_cast<int>(number(source, *t, "billing", "day_of_month", 1));
    app.billing.hour = static_cast<int>(number(source, *t, "billing", "hour", 0));
    app.billing.minute = static_cast<int>(number(source, *t, "billing", "minute", 0));
    app.billing.entries = static_cast<std::size_t>(number(source, *t, "billing", "entries", 15));
  }
  // The relay outputs: relay 1's disconnect control mode (0..6, Blue Book class 70), and the daily
  // output control schedule, on when schedule_script (1..4 of 0.0.10.0.103.255) is given.
  if (const toml::table* t = section(source, root, "relays")) {
    only_keys(source, *t, "relays", {"control_mode", "schedule_script", "schedule_hour", "schedule_minute"});
    // Out of range stays out of range through the casts, for Meter::validate to name.
    const double mode = number(source, *t, "relays", "control_mode", 1);
    app.disconnect_control_mode = static_cast<std::uint8_t>(mode >= 0 && mode <= 6 ? mode : 255);
    app.output_schedule.enabled = t->contains("schedule_script");
    const double script = number(source, *t, "relays", "schedule_script", 1);
    app.output_schedule.script = static_cast<std::uint16_t>(script >= 1 && script <= 4 ? script : 0);
    app.output_schedule.hour = static_cast<int>(number(source, *t, "relays", "schedule_hour", 0));
    app.output_schedule.minute = static_cast<int>(number(source, *t, "relays", "schedule_minute", 0));
  }
  if (const toml::table* t = section(source, root, "losses")) {
    only_keys(source, *t, "losses",
              {"rated_power_va", "rated_voltage_hv_v", "rated_voltage_lv_v", "load_losses_w",
               "short_circuit_voltage_pct", "no_load_losses_w", "no_load_current_pct", "metering_side",
               "no_load_reactive_law", "compensation"});
    registers::TransformerSheet sheet;
    sheet.rated_power_va = number(source, *t, "losses", "rated_power_va", 0);
    sheet.rated_voltage_hv_v = number(source, *t, "losses", "rated_voltage_hv_v", 0);
    sheet.rated_voltage_lv_v = number(source, *t, "losses", "rated_voltage_lv_v", 0);
    sheet.load_losses_w = number(source, *t, "losses", "load_losses_w", 0);
    sheet.short_circuit_voltage_pct = number(source, *t, "losses", "short_circuit_voltage_pct", 0);
    sheet.no_load_losses_w = number(source, *t, "losses", "no_load_losses_w", 0);
    sheet.no_load_current_pct = number(source, *t, "losses", "no_load_current_pct", 0);
    const std::string side = text(source, *t, "losses", "metering_side", "low");
    if (side != "low" && side != "high") refuse(source, node_of(*t, "metering_side"), "losses.metering_side", "must be \"low\" or \"high\"");
    const std::string law = text(source, *t, "losses", "no_load_reactive_law", "quadratic");
    if (law != "quadratic" && law != "quartic")
      refuse(source, node_of(*t, "no_load_reactive_law"), "losses.no_load_reactive_law", "must be \"quadratic\" or \"quartic\"");
    const std::string comp = text(source, *t, "losses", "compensation", "none");
    if (comp == "none") app.losses.compensation = registers::LossCompensation::kNone;
    else if (comp == "add") app.losses.compensation = registers::LossCompensation::kAddLosses;
    else if (comp == "subtract") app.losses.compensation = registers::LossCompensation::kSubtractLosses;
    else refuse(source, node_of(*t, "compensation"), "losses.compensation", "must be \"none\", \"add\" or \"subtract\"");
    const Status st = registers::coefficients_from_sheet(
        sheet, side == "low" ? registers::MeteringSide::kLowVoltage : registers::MeteringSide::kHighVoltage,
        law == "quadratic" ? registers::NoLoadReactiveLaw::kQuadratic : registers::NoLoadReactiveLaw::kQuartic,
        app.losses.coefficients);
    if (!st.is_ok()) refuse(source, *t, st.field(), st.reason());
    app.losses.input = registers::LossInputScale::kPrimary;
    app.losses_enabled = true;
  }

  if (const toml::table* t = section(source, root, "meter")) {
    only_keys(source, *t, "meter",
              {"nominal_voltage_v", "reference_current_a", "starting_current_a", "creep_current_a", "wiring",
               "apparent_total", "vt_ratio", "ct_ratio", "resampler_half_width", "serial_number"});
    m.serial_number = text(source, *t, "meter", "serial_number", m.serial_number);
    const bool serial_ok = !m.serial_number.empty() && m.serial_number.size() <= 32 &&
                           m.serial_number.find_first_not_of(
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
    if (!serial_ok)
      refuse(source, node_of(*t, "serial_number"), "meter.serial_number", "must be 1..32 letters, digits, '-' or '_'");
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
  if (const toml::table* t = section(source, root, "push")) {
    only_keys(source, *t, "push",
              {"destination", "retries", "repetition_delay_s", "randomisation_s", "windows", "interval_s", "protection",
               "queue"});
    MeterConfig::Push& p = m.push;
    auto whole = [&](std::string_view key, double fallback, double max) {
      const double v = number(source, *t, "push", key, fallback);
      if (!(v >= 0 && v <= max) || v != std::floor(v))
        refuse(source, node_of(*t, key), fmt::format("push.{}", key), fmt::format("must be a whole number 0..{}", max));
      return v;
    };
    if (!p.delivery.set_destination(text(source, *t, "push", "destination", "")))
      refuse(source, node_of(*t, "destination"), "push.destination", "longer than 64 characters");
    p.delivery.number_of_retries = static_cast<std::uint8_t>(whole("retries", 3, 255));
    p.delivery.repetition_delay_s = static_cast<std::uint16_t>(whole("repetition_delay_s", 60, 65535));
    p.delivery.randomisation_start_interval_s = static_cast<std::uint16_t>(whole("randomisation_s", 0, 65535));
    p.interval_s = whole("interval_s", 900, 86400);
    if (push::PushScheduleSettings times; !push::schedule_every(static_cast<std::uint32_t>(p.interval_s), &times))
      refuse(source, node_of(*t, "interval_s"), "push.interval_s", "must divide an hour (60 s at least) or a day (900 s at least)");
    p.queue = static_cast<std::size_t>(whole("queue", 8, 256));
    if (p.queue == 0) refuse(source, node_of(*t, "queue"), "push.queue", "must be 1..256");
    const std::string protection = text(source, *t, "push", "protection", "authenticated-encrypted");
    if (protection == "none") p.protection = push::Protection::kNone;
    else if (protection == "authenticated") p.protection = push::Protection::kAuthenticated;
    else if (protection == "encrypted") p.protection = push::Protection::kEncrypted;
    else if (protection == "authenticated-encrypted") p.protection = push::Protection::kAuthenticatedEncrypted;
    else
      refuse(source, node_of(*t, "protection"), "push.protection",
             "must be \"none\", \"authenticated\", \"encrypted\" or \"authenticated-encrypted\"");
    // windows = ["HH:MM:SS-HH:MM:SS", ...]: daily windows of local time.
    if (const toml::node* w = t->get("windows")) {
      const toml::array* a = w->as_array();
      if (a == nullptr || a->size() > push::kMaxWindows)
        refuse(source, *w, "push.windows", "must be a list of up to 4 \"HH:MM:SS-HH:MM:SS\"");
      p.delivery.window_count = 0;
      for (const toml::node& e : *a) {
        const auto v = e.value<std::string>();
        int h1 = 0, m1 = 0, s1 = 0, h2 = 0, m2 = 0, s2 = 0, n = 0;
        if (!v || std::sscanf(v->c_str(), "%d:%d:%d-%d:%d:%d%n", &h1, &m1, &s1, &h2, &m2, &s2, &n) != 6 ||
            static_cast<std::size_t>(n) != v->size() || h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59 || s1 > 59 || s2 > 59 ||
            h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0 || s1 < 0 || s2 < 0)
          refuse(source, e, "push.windows", "each window is \"HH:MM:SS-HH:MM:SS\" (local time, every day)");
        clock::CosemDateTime from = clock::not_specified_date_time();
        clock::CosemDateTime to = from;
        from.time = clock::CosemTime::at(h1, m1, s1);
        to.time = clock::CosemTime::at(h2, m2, s2);
        p.delivery.windows[p.delivery.window_count++] = {clock::encode(from), clock::encode(to)};
      }
    }
    if (Status st = push::validate(p.delivery); !st)
      refuse(source, node_of(*t, "destination"), "push.destination", st.reason());
  }
  if (const toml::table* t = section(source, root, "modem")) {
    only_keys(source, *t, "modem",
              {"apn", "pin_code", "ip_address", "subnet_mask", "gateway", "max_connections", "inactivity_timeout_s",
               "operator", "registration", "technology", "cell_id", "location_id", "signal_quality", "ber", "mcc",
               "mnc", "channel_number", "adjacent_cells", "lte_t3402_s", "lte_t3412_s", "lte_t3412ext2_s",
               "lte_t3324_cs", "lte_tedrx_cs", "lte_tptw_s", "lte_q_rxlev_min_dbm", "lte_q_rxlev_min_ce_dbm",
               "lte_q_rxlev_min_ce1_dbm", "lte_signal_quality", "lte_signal_level", "lte_signal_to_noise_ratio",
               "lte_coverage_enhancement", "auto_connect_mode", "auto_connect_repetitions",
               "auto_connect_repetition_delay_s", "auto_connect_windows", "auto_connect_destinations"});
    cosem::ModemSettings& mo = m.modem;
    if (!mo.set_apn(text(source, *t, "modem", "apn", "")))
      refuse(source, node_of(*t, "apn"), "modem.apn", "longer than 64 characters");
    auto whole = [&](std::string_view key, double fallback, double min, double max) {
      const double v = number(source, *t, "modem", key, fallback);
      if (!(v >= min && v <= max) || v != std::floor(v))
        refuse(source, node_of(*t, key), fmt::format("modem.{}", key), fmt::format("must be a whole number {}..{}", min, max));
      return v;
    };
    mo.pin_code = static_cast<std::uint16_t>(whole("pin_code", 0, 0, 9999));
    mo.max_connections = static_cast<std::uint8_t>(whole("max_connections", 4, 1, 64));
    mo.inactivity_timeout_s = static_cast<std::uint16_t>(whole("inactivity_timeout_s", 180, 0, 65535));
    auto address = [&](std::string_view key, std::uint32_t fallback) {
      if (!t->contains(key)) return fallback;
      const std::string a = text(source, *t, "modem", key, "");
      unsigned b[4] = {};
      int n = 0;
      if (std::sscanf(a.c_str(), "%u.%u.%u.%u%n", &b[0], &b[1], &b[2], &b[3], &n) != 4 ||
          static_cast<std::size_t>(n) != a.size() || b[0] > 255 || b[1] > 255 || b[2] > 255 || b[3] > 255)
        refuse(source, node_of(*t, key), fmt::format("modem.{}", key), "is not an IPv4 address a.b.c.d");
      return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
    };
    mo.ip_address = address("ip_address", mo.ip_address);
    mo.subnet_mask = address("subnet_mask", mo.subnet_mask);
    mo.gateway = address("gateway", mo.gateway);
    if (!cosem::contiguous_mask(mo.subnet_mask))
      refuse(source, node_of(*t, "subnet_mask"), "modem.subnet_mask", "is not a contiguous mask (1..32 leading ones)");
    if (!cosem::gateway_valid(mo, mo.gateway))
      refuse(source, node_of(*t, "gateway"), "modem.gateway",
             "must be 0.0.0.0 or a unicast address in the subnet of ip_address (not ip_address itself)");
    parse_radio(source, *t, &m.radio);
    parse_auto_connect(source, *t, &m.auto_connect);
  }
  if (const toml::table* t = section(source, root, "optical")) parse_optical(source, *t, &m.optical);
  return m;
}

void check_optical_readout(const MeterConfig& config, const meter::Meter& meter) {
  if (config.optical.readout.empty()) return;
  std::size_t bad = 0;
  const Status st = io::MeterReadout::validate_items(config.optical.readout, meter, &bad);
  if (st.is_ok()) return;
  const std::string where =
      bad < config.optical.readout_where.size() ? config.optical.readout_where[bad] : std::string("optical.readout");
  throw ConfigError(fmt::format("{}: {}", where, st.reason()));
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

meter::MeterSettings finish_meter_settings(const MeterConfig& meter, std::int64_t start_utc,
                                           const metrology::MetrologyConfig& metrology) {
  meter::MeterSettings s = meter.application;
  s.rtc.start_utc = start_utc;
  s.quality.declared_voltage_v = metrology.nominal_voltage_v * metrology.vt_ratio;
  s.quality.declared_current_a = metrology.reference_current_a * metrology.ct_ratio;
  s.quality.nominal_frequency_hz = metrology.nominal_frequency_hz;
  s.quality.frequency_low_hz = 0.99 * metrology.nominal_frequency_hz;  // EN 50160: +-1 %
  s.quality.frequency_high_hz = 1.01 * metrology.nominal_frequency_hz;
  s.quality.imax_a = 6.0 * metrology.ct_ratio;  // the data sheet's Imax, 6 A secondary
  s.nameplate.ct_ratio = metrology.ct_ratio;
  s.nameplate.vt_ratio = metrology.vt_ratio;
  // The test LED is pulse output 1 (the first enabled output of +A of the total, if any).
  for (const metrology::PulseOutputConfig& p : metrology.pulse_outputs) {
    if (p.enabled && p.quantity == metrology::EnergyQuantity::kActiveImport && p.element == metrology::Element::kTotal) {
      s.nameplate.meter_constant_imp_per_kwh = p.imp_per_kwh;
      break;
    }
  }
  for (const auto& [key, value] : meter.quality_overrides) {
    for (const QualityKey& q : kQualityKeys) {
      if (key == q.key) s.quality.*q.member = value;
    }
  }
  for (std::size_t k = 0; k < 2; ++k) {
    if (meter.profile_capture_count[k] > 0)
      s.load_profiles[k].capture_list = {meter.profile_captures[k].data(), meter.profile_capture_count[k]};
  }
  const Status st = meter::Meter::validate(s);
  if (!st.is_ok()) throw ConfigError(fmt::format("{}: {}", st.field(), st.reason()));
  return s;
}

}  // namespace quadra::host
