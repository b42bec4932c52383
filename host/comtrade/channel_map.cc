#include "host/comtrade/channel_map.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "host/comtrade/text_util.h"

namespace quadra::comtrade {
namespace {

using metrology::Channel;
using metrology::index;

struct Word {
  std::string_view text;
  Designation d;
};

constexpr Word kPhaseFieldWords[] = {
    {"A", Designation::kPhaseA},     {"R", Designation::kPhaseA},
    {"L1", Designation::kPhaseA},    {"1", Designation::kPhaseA},
    {"AN", Designation::kPhaseA},    {"AG", Designation::kPhaseA},
    {"RN", Designation::kPhaseA},    {"L1N", Designation::kPhaseA},
    {"PHA", Designation::kPhaseA},   {"PHASEA", Designation::kPhaseA},
    {"B", Designation::kPhaseB},     {"S", Designation::kPhaseB},
    {"L2", Designation::kPhaseB},    {"2", Designation::kPhaseB},
    {"BN", Designation::kPhaseB},    {"BG", Designation::kPhaseB},
    {"SN", Designation::kPhaseB},    {"L2N", Designation::kPhaseB},
    {"PHB", Designation::kPhaseB},   {"PHASEB", Designation::kPhaseB},
    {"C", Designation::kPhaseC},     {"T", Designation::kPhaseC},
    {"L3", Designation::kPhaseC},    {"3", Designation::kPhaseC},
    {"CN", Designation::kPhaseC},    {"CG", Designation::kPhaseC},
    {"TN", Designation::kPhaseC},    {"L3N", Designation::kPhaseC},
    {"PHC", Designation::kPhaseC},   {"PHASEC", Designation::kPhaseC},
    {"N", Designation::kNeutral},    {"G", Designation::kResidual},
    {"E", Designation::kResidual},   {"GND", Designation::kResidual},
    {"RES", Designation::kResidual}, {"NG", Designation::kResidual},
    {"AB", Designation::kLineAB},    {"BC", Designation::kLineBC},
    {"CA", Designation::kLineCA},    {"BA", Designation::kLineBA},
    {"CB", Designation::kLineCB},    {"AC", Designation::kLineAC},
    {"RS", Designation::kLineAB},    {"ST", Designation::kLineBC},
    {"TR", Designation::kLineCA},    {"SR", Designation::kLineBA},
    {"TS", Designation::kLineCB},    {"RT", Designation::kLineAC},
    {"L1L2", Designation::kLineAB},  {"L2L3", Designation::kLineBC},
    {"L3L1", Designation::kLineCA},  {"L2L1", Designation::kLineBA},
    {"L3L2", Designation::kLineCB},  {"L1L3", Designation::kLineAC},
    {"12", Designation::kLineAB},    {"23", Designation::kLineBC},
    {"31", Designation::kLineCA},    {"21", Designation::kLineBA},
    {"32", Designation::kLineCB},    {"13", Designation::kLineAC},
};

// What follows U/V/I in a channel name. R/S/T are left out on purpose: "IR" is often a
// residual and "VT" a transformer.
constexpr Word kIdSuffixes[] = {
    {"A", Designation::kPhaseA},     {"L1", Designation::kPhaseA},
    {"1", Designation::kPhaseA},     {"AN", Designation::kPhaseA},
    {"AG", Designation::kPhaseA},    {"L1N", Designation::kPhaseA},
    {"B", Designation::kPhaseB},     {"L2", Designation::kPhaseB},
    {"2", Designation::kPhaseB},     {"BN", Designation::kPhaseB},
    {"BG", Designation::kPhaseB},    {"L2N", Designation::kPhaseB},
    {"C", Designation::kPhaseC},     {"L3", Designation::kPhaseC},
    {"3", Designation::kPhaseC},     {"CN", Designation::kPhaseC},
    {"CG", Designation::kPhaseC},    {"L3N", Designation::kPhaseC},
    {"N", Designation::kNeutral},    {"0", Designation::kResidual},
    {"O", Designation::kResidual},   {"G", Designation::kResidual},
    {"E", Designation::kResidual},   {"RES", Designation::kResidual},
    {"AB", Designation::kLineAB},    {"BC", Designation::kLineBC},
    {"CA", Designation::kLineCA},    {"BA", Designation::kLineBA},
    {"CB", Designation::kLineCB},    {"AC", Designation::kLineAC},
    {"12", Designation::kLineAB},    {"23", Designation::kLineBC},
    {"31", Designation::kLineCA},    {"21", Designation::kLineBA},
    {"32", Designation::kLineCB},    {"13", Designation::kLineAC},
    {"L1L2", Designation::kLineAB},  {"L2L3", Designation::kLineBC},
    {"L3L1", Designation::kLineCA},  {"L2L1", Designation::kLineBA},
    {"L3L2", Designation::kLineCB},  {"L1L3", Designation::kLineAC},
    {"L12", Designation::kLineAB},   {"L23", Designation::kLineBC},
    {"L31", Designation::kLineCA},   {"L21", Designation::kLineBA},
    {"L32", Designation::kLineCB},   {"L13", Designation::kLineAC},
};

constexpr std::string_view kPhasorWords[] = {"MAG",  "MAGNITUDE", "ANG",  "ANGLE",
                                             "ARG",  "RMS",       "FREQ", "AMPL",
                                             "AMPLITUDE", "PHASOR", "PHI",  "DEG"};

template <std::size_t N>
Designation lookup(const Word (&table)[N], std::string_view key) {
  for (const Word& w : table) {
    if (w.text == key) return w.d;
  }
  return Designation::kNone;
}

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Words of an id: runs of ASCII letters and digits (bytes of other scripts separate words).
std::vector<std::string> words_of(std::string_view id) {
  std::vector<std::string> out;
  std::string cur;
  for (const char c : id) {
    if (is_alnum(c)) {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(text::upper(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(text::upper(cur));
  return out;
}

Designation match_word(const std::string& w, Quantity* q) {
  if (w == "3I0" || w == "3IO") {
    *q = Quantity::kCurrent;
    return Designation::kResidual;
  }
  if (w == "3U0" || w == "3UO" || w == "3V0" || w == "3VO") {
    *q = Quantity::kVoltage;
    return Designation::kResidual;
  }
  if (w.size() < 2) return Designation::kNone;
  const char first = w[0];
  if (first == 'U' || first == 'V') {
    *q = Quantity::kVoltage;
  } else if (first == 'I') {
    *q = Quantity::kCurrent;
  } else {
    return Designation::kNone;
  }
  const std::string_view suffix = std::string_view(w).substr(1);
  Designation d = lookup(kIdSuffixes, suffix);
  if (d == Designation::kNone) {
    // An instance number after a letter designation: Ua1, In1, Uab2.
    std::size_t end = suffix.size();
    while (end > 0 && suffix[end - 1] >= '0' && suffix[end - 1] <= '9') --end;
    if (end > 0 && end < suffix.size() && !(suffix[end - 1] >= '0' && suffix[end - 1] <= '9')) {
      d = lookup(kIdSuffixes, suffix.substr(0, end));
    }
  }
  if (d == Designation::kNone) *q = Quantity::kOther;
  return d;
}

bool is_line(Designation d) { return d >= Designation::kLineAB; }
bool is_phase(Designation d) {
  return d == Designation::kPhaseA || d == Designation::kPhaseB || d == Designation::kPhaseC;
}
int phase_of(Designation d) { return static_cast<int>(d) - static_cast<int>(Designation::kPhaseA); }
// AB/BA -> 0, BC/CB -> 1, CA/AC -> 2.
int pair_of(Designation d) {
  return (static_cast<int>(d) - static_cast<int>(Designation::kLineAB)) % 3;
}
bool reversed(Designation d) { return d >= Designation::kLineBA; }

std::string channel_label(const ComtradeConfig& cfg, std::size_t pos) {
  const AnalogChannel& ch = cfg.analog[pos];
  return fmt::format("ch {} '{}'", ch.index, display_text(ch.id));
}

enum class Pass { kPhaseField, kId };
const char* pass_name(Pass p) { return p == Pass::kPhaseField ? "ph field" : "channel id"; }

struct Candidate {
  std::size_t pos;
  Designation d;
};

struct SetChoice {
  std::array<std::optional<ChannelSource>, 3> slot;  // phases A, B, C or pairs AB, BC, CA
  int found = 0;
  bool mixed_circuits = false;
};

// The first group (by circuit, in file order) holding every slot; else the first of each slot
// anywhere. `slot_of` gives a candidate's slot (0..2), -1 when it does not fit.
template <typename SlotOf>
SetChoice choose_set(const ComtradeConfig& cfg, const std::vector<Candidate>& cands,
                     int needed, SlotOf slot_of) {
  std::vector<std::string> order;
  std::map<std::string, SetChoice> groups;
  SetChoice any;
  for (const Candidate& c : cands) {
    const int s = slot_of(c.d);
    if (s < 0) continue;
    const std::string& circuit = cfg.analog[c.pos].circuit;
    if (groups.find(circuit) == groups.end()) order.push_back(circuit);
    SetChoice& g = groups[circuit];
    const auto us = static_cast<std::size_t>(s);
    const bool inv = is_line(c.d) && reversed(c.d);
    if (!g.slot[us]) {
      g.slot[us] = ChannelSource{c.pos, inv};
      ++g.found;
    }
    if (!any.slot[us]) {
      any.slot[us] = ChannelSource{c.pos, inv};
      ++any.found;
    }
  }
  for (const std::string& circuit : order) {
    if (groups[circuit].found >= needed) return groups[circuit];
  }
  if (any.found >= needed) {
    any.mixed_circuits = order.size() > 1;
    return any;
  }
  // Not enough: the best group, for a partial set.
  SetChoice best;
  for (const std::string& circuit : order) {
    if (groups[circuit].found > best.found) best = groups[circuit];
  }
  return best;
}

class AutoMapper {
 public:
  explicit AutoMapper(const ComtradeConfig& cfg) : cfg_(cfg) {
    for (const AnalogChannel& ch : cfg.analog) classes_.push_back(classify(ch));
  }

  ChannelMap run() {
    map_voltages();
    map_currents();
    map_neutral();
    report_unused_residuals();
    for (std::size_t i = 0; i < metrology::kChannelCount; ++i) {
      const auto c = static_cast<Channel>(i);
      const bool derived = map_.three_wire && i < 3;
      if (!map_.direct[i] && !derived) {
        map_.notes.push_back(fmt::format("{}: missing, its samples are zero",
                                         metrology::channel_name(c)));
      }
    }
    return std::move(map_);
  }

 private:
  Designation designation(std::size_t pos, Pass p) const {
    return p == Pass::kPhaseField ? classes_[pos].from_phase_field : classes_[pos].from_id;
  }

  std::vector<Candidate> candidates(Quantity q, Pass p) const {
    std::vector<Candidate> out;
    for (std::size_t i = 0; i < classes_.size(); ++i) {
      const ChannelClass& c = classes_[i];
      if (c.quantity != q || c.phasor) continue;
      // A channel named as a residual (3U0, 3I0, IG) is never a phase or neutral input.
      if (c.from_id == Designation::kResidual) continue;
      const Designation d = designation(i, p);
      if (d != Designation::kNone) out.push_back({i, d});
    }
    return out;
  }

  static int phase_slot(Designation d) { return is_phase(d) ? phase_of(d) : -1; }
  static int line_slot(Designation d) { return is_line(d) ? pair_of(d) : -1; }

  std::string set_text(const SetChoice& s, bool lines) const {
    std::string out;
    for (std::size_t k = 0; k < 3; ++k) {
      if (!s.slot[k]) continue;
      if (!out.empty()) out += ", ";
      out += fmt::format("{}{}", s.slot[k]->inverted ? "-" : "",
                         channel_label(cfg_, s.slot[k]->position));
      if (lines) out += fmt::format(" as {}", to_string(static_cast<LinePair>(k)));
    }
    return out;
  }

  void map_voltages() {
    for (const Pass p : {Pass::kPhaseField, Pass::kId}) {
      const SetChoice s = choose_set(cfg_, candidates(Quantity::kVoltage, p), 3, phase_slot);
      if (s.found == 3) {
        for (std::size_t k = 0; k < 3; ++k) map_.direct[k] = s.slot[k];
        map_.notes.push_back(fmt::format("voltages: phase set from the {}: {}{}", pass_name(p),
                                         set_text(s, false),
                                         s.mixed_circuits ? " (from different circuits)" : ""));
        return;
      }
    }
    for (const Pass p : {Pass::kPhaseField, Pass::kId}) {
      const SetChoice s = choose_set(cfg_, candidates(Quantity::kVoltage, p), 2, line_slot);
      if (s.found >= 2) {
        map_.line = s.slot;
        map_.three_wire = true;
        map_.notes.push_back(fmt::format(
            "voltages: line-to-line channels from the {}: {}; the network is treated as "
            "3-wire and U1..U3 are derived to the artificial star point (no zero sequence)",
            pass_name(p), set_text(s, true),
            s.found == 2 ? ", the third line voltage is minus the sum of the two" : ""));
        return;
      }
    }
    for (const Pass p : {Pass::kPhaseField, Pass::kId}) {
      const SetChoice s = choose_set(cfg_, candidates(Quantity::kVoltage, p), 3, phase_slot);
      if (s.found == 2) {
        for (std::size_t k = 0; k < 3; ++k) map_.direct[k] = s.slot[k];
        map_.notes.push_back(fmt::format("voltages: incomplete phase set from the {}: {}",
                                         pass_name(p), set_text(s, false)));
        return;
      }
    }
  }

  void map_currents() {
    for (const int needed : {3, 2}) {
      for (const Pass p : {Pass::kPhaseField, Pass::kId}) {
        const SetChoice s = choose_set(cfg_, candidates(Quantity::kCurrent, p), 3, phase_slot);
        if (s.found >= needed) {
          for (std::size_t k = 0; k < 3; ++k) map_.direct[3 + k] = s.slot[k];
          map_.notes.push_back(fmt::format(
              "currents: {}phase set from the {}: {}{}", needed == 3 ? "" : "incomplete ",
              pass_name(p), set_text(s, false),
              s.mixed_circuits ? " (from different circuits)" : ""));
          return;
        }
      }
    }
  }

  void map_neutral() {
    std::string circuit;
    if (map_.direct[index(Channel::kI1)]) {
      circuit = cfg_.analog[map_.direct[index(Channel::kI1)]->position].circuit;
    }
    for (const Pass p : {Pass::kPhaseField, Pass::kId}) {
      std::optional<std::size_t> first;
      std::optional<std::size_t> same_circuit;
      for (const Candidate& c : candidates(Quantity::kCurrent, p)) {
        if (c.d != Designation::kNeutral) continue;
        if (!first) first = c.pos;
        if (!same_circuit && cfg_.analog[c.pos].circuit == circuit) same_circuit = c.pos;
      }
      const auto pick = same_circuit ? same_circuit : first;
      if (pick) {
        map_.direct[index(Channel::kIN)] = ChannelSource{*pick, false};
        map_.notes.push_back(fmt::format("neutral current from the {}: {}", pass_name(p),
                                         channel_label(cfg_, *pick)));
        return;
      }
    }
  }

  void report_unused_residuals() {
    std::string currents;
    std::string voltages;
    for (std::size_t i = 0; i < classes_.size(); ++i) {
      const ChannelClass& c = classes_[i];
      const bool residual = c.from_id == Designation::kResidual ||
                            (c.from_id == Designation::kNone &&
                             c.from_phase_field == Designation::kResidual);
      if (!residual || c.quantity == Quantity::kOther) continue;
      std::string& list = c.quantity == Quantity::kCurrent ? currents : voltages;
      if (!list.empty()) list += ", ";
      list += channel_label(cfg_, i);
    }
    if (!currents.empty()) {
      map_.notes.push_back(fmt::format(
          "residual currents not used: {} (a residual is 3 times the zero sequence, I1+I2+I3, "
          "not the neutral conductor current; map one with IN=<n> if it is the neutral)",
          currents));
    }
    if (!voltages.empty()) {
      map_.notes.push_back(fmt::format("residual voltages not used: {}", voltages));
    }
  }

  const ComtradeConfig& cfg_;
  std::vector<ChannelClass> classes_;
  ChannelMap map_;
};

[[noreturn]] void mapping_error(std::string_view text, const std::string& message) {
  throw ComtradeError(fmt::format("channel mapping {}: {}", text::quote(text), message));
}

const char* quantity_name(Quantity q) {
  switch (q) {
    case Quantity::kVoltage:
      return "a voltage";
    case Quantity::kCurrent:
      return "a current";
    case Quantity::kOther:
      break;
  }
  return "neither a voltage nor a current";
}

}  // namespace

const char* to_string(Designation d) {
  switch (d) {
    case Designation::kNone:
      return "-";
    case Designation::kPhaseA:
      return "A";
    case Designation::kPhaseB:
      return "B";
    case Designation::kPhaseC:
      return "C";
    case Designation::kNeutral:
      return "N";
    case Designation::kResidual:
      return "residual";
    case Designation::kLineAB:
      return "AB";
    case Designation::kLineBC:
      return "BC";
    case Designation::kLineCA:
      return "CA";
    case Designation::kLineBA:
      return "BA";
    case Designation::kLineCB:
      return "CB";
    case Designation::kLineAC:
      return "AC";
  }
  return "?";
}

const char* to_string(LinePair p) {
  switch (p) {
    case LinePair::kU12:
      return "U12";
    case LinePair::kU23:
      return "U23";
    case LinePair::kU31:
      return "U31";
  }
  return "?";
}

Designation designation_from_phase_field(std::string_view ph) {
  std::string key;
  for (const char c : text::trim(ph)) {
    if (c == ' ' || c == '-' || c == '_' || c == '/' || c == '.') continue;
    key += c;
  }
  return lookup(kPhaseFieldWords, text::upper(key));
}

Designation designation_from_id(std::string_view id, Quantity* implied) {
  for (const std::string& w : words_of(id)) {
    Quantity q = Quantity::kOther;
    const Designation d = match_word(w, &q);
    if (d != Designation::kNone) {
      if (implied != nullptr) *implied = q;
      return d;
    }
  }
  if (implied != nullptr) *implied = Quantity::kOther;
  return Designation::kNone;
}

ChannelClass classify(const AnalogChannel& channel) {
  ChannelClass c;
  Quantity implied = Quantity::kOther;
  c.from_id = designation_from_id(channel.id, &implied);
  c.from_phase_field = designation_from_phase_field(channel.phase);
  if (channel.si_unit == "V") {
    c.quantity = Quantity::kVoltage;
  } else if (channel.si_unit == "A") {
    c.quantity = Quantity::kCurrent;
  } else if (text::trim(channel.unit).empty()) {
    c.quantity = implied;
  }
  for (const std::string& w : words_of(channel.id)) {
    for (const std::string_view p : kPhasorWords) {
      if (w == p) c.phasor = true;
    }
  }
  // A line-to-line current is not a thing: drop such designations for currents.
  if (c.quantity == Quantity::kCurrent) {
    if (is_line(c.from_id)) c.from_id = Designation::kNone;
    if (is_line(c.from_phase_field)) c.from_phase_field = Designation::kNone;
  }
  return c;
}

bool ChannelMap::voltage_present() const {
  return three_wire || direct[0] || direct[1] || direct[2];
}

bool ChannelMap::current_present() const { return direct[3] || direct[4] || direct[5]; }

MappingSpec parse_channel_mapping(std::string_view text_in) {
  MappingSpec spec;
  spec.text = std::string(text_in);
  std::size_t pos = 0;
  bool any = false;
  while (pos < text_in.size()) {
    const std::size_t end = text_in.find_first_of(",; \t", pos);
    const std::string_view entry =
        text_in.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text_in.size() : end + 1;
    if (entry.empty()) continue;
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) {
      mapping_error(text_in, fmt::format("{} is not KEY=channel", text::quote(entry)));
    }
    const std::string key = text::upper(text::trim(entry.substr(0, eq)));
    std::string_view value = text::trim(entry.substr(eq + 1));
    MappingSpec::Entry e;
    if (!value.empty() && value.front() == '-') {
      e.inverted = true;
      value.remove_prefix(1);
    }
    const auto n = text::parse_integer(value);
    if (!n || *n < 1 || *n > 10'000'000 || value.front() == '+' || value.front() == '-') {
      mapping_error(text_in, fmt::format("{}: {} is not a channel number (An of the .cfg, from 1)",
                                         key, text::quote(entry.substr(eq + 1))));
    }
    e.number = static_cast<int>(*n);
    std::optional<MappingSpec::Entry>* slot = nullptr;
    bool flip = false;
    for (std::size_t i = 0; i < metrology::kChannelCount; ++i) {
      if (key == metrology::channel_name(static_cast<Channel>(i))) slot = &spec.direct[i];
    }
    if (key == "U12") slot = &spec.line[0];
    if (key == "U23") slot = &spec.line[1];
    if (key == "U31") slot = &spec.line[2];
    if (key == "U21") { slot = &spec.line[0]; flip = true; }
    if (key == "U32") { slot = &spec.line[1]; flip = true; }
    if (key == "U13") { slot = &spec.line[2]; flip = true; }
    if (slot == nullptr) {
      mapping_error(text_in, fmt::format("unknown input {} (expected U1 U2 U3 I1 I2 I3 IN, or "
                                         "U12 U23 U31 / U21 U32 U13 for a 3-wire network)",
                                         text::quote(key)));
    }
    if (*slot) mapping_error(text_in, fmt::format("{} is given twice", key));
    if (flip) e.inverted = !e.inverted;
    *slot = e;
    any = true;
  }
  if (!any) mapping_error(text_in, "no entry");
  const bool star = spec.direct[0] || spec.direct[1] || spec.direct[2];
  const int lines = (spec.line[0] ? 1 : 0) + (spec.line[1] ? 1 : 0) + (spec.line[2] ? 1 : 0);
  if (star && lines > 0) {
    mapping_error(text_in, "phase voltages (U1..U3) and line-to-line voltages (U12..) together");
  }
  if (lines == 1) {
    mapping_error(text_in, "a 3-wire mapping needs at least two line-to-line voltages");
  }
  return spec;
}

ChannelMap auto_map_channels(const ComtradeConfig& config) { return AutoMapper(config).run(); }

ChannelMap resolve_mapping(const ComtradeConfig& config, const MappingSpec& spec) {
  ChannelMap map;
  map.explicit_mapping = true;
  const auto resolve = [&](const MappingSpec::Entry& e, const char* input, Quantity want) {
    const auto pos = config.find_analog(e.number);
    if (!pos) {
      const int lo = config.analog.empty() ? 0 : config.analog.front().index;
      const int hi = config.analog.empty() ? 0 : config.analog.back().index;
      mapping_error(spec.text,
                    config.analog.empty()
                        ? fmt::format("{}={}: {} has no analog channel", input, e.number,
                                      config.file_name)
                        : fmt::format("{}={}: {} has no analog channel {} (channels {}..{})",
                                      input, e.number, config.file_name, e.number, lo, hi));
    }
    const ChannelClass c = classify(config.analog[*pos]);
    if (c.quantity != want) {
      map.notes.push_back(fmt::format("{} <- {}: the channel's unit '{}' makes it {}, not {}",
                                      input, channel_label(config, *pos),
                                      display_text(config.analog[*pos].unit),
                                      quantity_name(c.quantity), quantity_name(want)));
    }
    return ChannelSource{*pos, e.inverted};
  };
  for (std::size_t i = 0; i < metrology::kChannelCount; ++i) {
    if (!spec.direct[i]) continue;
    map.direct[i] = resolve(*spec.direct[i], metrology::channel_name(static_cast<Channel>(i)),
                            i < 3 ? Quantity::kVoltage : Quantity::kCurrent);
  }
  for (std::size_t k = 0; k < 3; ++k) {
    if (!spec.line[k]) continue;
    map.line[k] = resolve(*spec.line[k], to_string(static_cast<LinePair>(k)), Quantity::kVoltage);
    map.three_wire = true;
  }
  map.notes.push_back(fmt::format("explicit mapping {}", text::quote(spec.text)));
  if (map.three_wire) {
    map.notes.push_back(
        "voltages: line-to-line; the network is treated as 3-wire and U1..U3 are derived to the "
        "artificial star point (no zero sequence)");
  }
  for (std::size_t i = 0; i < metrology::kChannelCount; ++i) {
    if (!map.direct[i] && !(map.three_wire && i < 3)) {
      map.notes.push_back(fmt::format("{}: not mapped, its samples are zero",
                                      metrology::channel_name(static_cast<Channel>(i))));
    }
  }
  return map;
}

std::string summarize_mapping(const ComtradeConfig& config, const ChannelMap& map) {
  std::string out;
  const auto src = [&](const std::optional<ChannelSource>& s) {
    if (!s) return std::string("-");
    return fmt::format("{}ch{}", s->inverted ? "-" : "", config.analog[s->position].index);
  };
  if (map.three_wire) {
    for (std::size_t k = 0; k < 3; ++k) {
      if (!map.line[k]) continue;
      out += fmt::format("{}={} ", to_string(static_cast<LinePair>(k)), src(map.line[k]));
    }
  }
  for (std::size_t i = map.three_wire ? 3 : 0; i < metrology::kChannelCount; ++i) {
    out += fmt::format("{}={}", metrology::channel_name(static_cast<Channel>(i)),
                       src(map.direct[i]));
    if (i + 1 < metrology::kChannelCount) out += ' ';
  }
  return out;
}

std::string describe_mapping(const ComtradeConfig& config, const ChannelMap& map) {
  std::string out;
  const auto line_for = [&](const char* input, const std::optional<ChannelSource>& s) {
    if (!s) {
      out += fmt::format("  {:<3} <- missing (zero)\n", input);
      return;
    }
    const AnalogChannel& ch = config.analog[s->position];
    out += fmt::format("  {:<3} <- {}{} (ph '{}', ccbm '{}', {}, ratio {:g}, recorded {})\n",
                       input, s->inverted ? "-" : "", channel_label(config, s->position),
                       display_text(ch.phase), display_text(ch.circuit), display_text(ch.unit),
                       ch.ratio(), ch.basis == Basis::kPrimary ? "primary" : "secondary");
  };
  if (map.three_wire) {
    for (std::size_t k = 0; k < 3; ++k) {
      if (map.line[k]) line_for(to_string(static_cast<LinePair>(k)), map.line[k]);
    }
    out += "  U1..U3 derived: Ua = (U12 - U31)/3, Ub = (U23 - U12)/3, Uc = (U31 - U23)/3\n";
  }
  for (std::size_t i = map.three_wire ? 3 : 0; i < metrology::kChannelCount; ++i) {
    line_for(metrology::channel_name(static_cast<Channel>(i)), map.direct[i]);
  }
  for (const std::string& n : map.notes) out += fmt::format("  note: {}\n", n);
  return out;
}

}  // namespace quadra::comtrade
