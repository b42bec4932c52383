#include "host/client/read_command.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>

#include "core/dlms/axdr_writer.h"
#include "host/client/hdlc_transport.h"
#include "host/client/mode_e.h"
#include "host/client/wrapper_transport.h"

namespace quadra::client {
namespace {

using dlms::DataType;

std::vector<std::uint8_t> parse_hex(const std::string& text, const char* what) {
  std::vector<std::uint8_t> out;
  int nibble = -1;
  for (char c : text) {
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else if (c == ' ' || c == ':') continue;
    else throw ClientError(fmt::format("{}: \"{}\" is not hex", what, text));
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(nibble * 16 + v));
      nibble = -1;
    }
  }
  if (nibble >= 0) throw ClientError(fmt::format("{}: \"{}\" has an odd number of hex digits", what, text));
  return out;
}

template <std::size_t N>
std::array<std::uint8_t, N> parse_hex_exact(const std::string& text, const char* what) {
  const std::vector<std::uint8_t> v = parse_hex(text, what);
  if (v.size() != N) throw ClientError(fmt::format("{}: {} octets expected, {} given", what, N, v.size()));
  std::array<std::uint8_t, N> a{};
  std::copy(v.begin(), v.end(), a.begin());
  return a;
}

std::int64_t parse_signed(const std::string& text, std::int64_t lo, std::int64_t hi, const std::string& type) {
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 0);
  if (text.empty() || *end != '\0' || errno != 0 || v < lo || v > hi)
    throw ClientError(fmt::format("--type {}: \"{}\" is not a number in {}..{}", type, text, lo, hi));
  return v;
}

std::uint64_t parse_unsigned(const std::string& text, std::uint64_t hi, const std::string& type) {
  char* end = nullptr;
  errno = 0;
  if (!text.empty() && text[0] == '-') throw ClientError(fmt::format("--type {}: \"{}\" is negative", type, text));
  const unsigned long long v = std::strtoull(text.c_str(), &end, 0);
  if (text.empty() || *end != '\0' || errno != 0 || v > hi)
    throw ClientError(fmt::format("--type {}: \"{}\" is not a number in 0..{}", type, text, hi));
  return v;
}

template <typename F>
std::vector<std::uint8_t> write_value(F&& f) {
  std::vector<std::uint8_t> buf(0x10000);
  dlms::AxdrWriter w(buf);
  f(w);
  if (!w.ok()) throw ClientError("the value is too long");
  buf.resize(w.size());
  return buf;
}

}  // namespace

std::array<std::uint8_t, 6> parse_obis(const std::string& text) {
  std::array<int, 6> v{0, 0, 0, 0, 0, 255};
  int n = 0;
  int count = std::sscanf(text.c_str(), "%d.%d.%d.%d.%d.%d%n", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &n);
  bool ok = count == 6 && static_cast<std::size_t>(n) == text.size();
  if (!ok) {
    v = {0, 0, 0, 0, 0, 255};
    n = 0;
    count = std::sscanf(text.c_str(), "%d-%d:%d.%d.%d%n", &v[0], &v[1], &v[2], &v[3], &v[4], &n);
    if (count == 5 && static_cast<std::size_t>(n) == text.size()) {
      ok = true;
    } else if (count == 5 && text.size() > static_cast<std::size_t>(n) && text[static_cast<std::size_t>(n)] == '*') {
      int m = 0;
      ok = std::sscanf(text.c_str() + n + 1, "%d%n", &v[5], &m) == 1 &&
           static_cast<std::size_t>(n + 1 + m) == text.size();
    }
  }
  std::array<std::uint8_t, 6> out{};
  for (std::size_t i = 0; i < 6 && ok; ++i) {
    ok = v[i] >= 0 && v[i] <= 255;
    out[i] = static_cast<std::uint8_t>(v[i]);
  }
  if (!ok) throw ClientError(fmt::format("\"{}\" is not an OBIS code A.B.C.D.E.F (each 0..255)", text));
  return out;
}

std::uint16_t default_class(const std::array<std::uint8_t, 6>& o) {
  if (o[0] == 0 && o[2] == 1 && o[3] == 0 && o[4] == 0) return 8;
  if (o[0] == 0 && o[2] == 40 && o[3] == 0) return 15;
  if (o[2] == 99 || o[2] == 98) return 7;
  if (o[0] == 1 && (o[3] == 7 || o[3] == 8)) return 3;
  return 1;
}

std::vector<std::uint8_t> encode_typed_value(const std::string& type, const std::string& text) {
  using L = std::numeric_limits<std::int64_t>;
  if (type == "null") return write_value([](dlms::AxdrWriter& w) { w.null(); });
  if (type == "boolean") {
    bool b;
    if (text == "true" || text == "1") b = true;
    else if (text == "false" || text == "0") b = false;
    else throw ClientError(fmt::format("--type boolean: \"{}\" is neither true nor false", text));
    return write_value([&](dlms::AxdrWriter& w) { w.boolean(b); });
  }
  if (type == "integer") {
    const auto v = static_cast<std::int8_t>(parse_signed(text, -128, 127, type));
    return write_value([&](dlms::AxdrWriter& w) { w.integer(v); });
  }
  if (type == "long") {
    const auto v = static_cast<std::int16_t>(parse_signed(text, -32768, 32767, type));
    return write_value([&](dlms::AxdrWriter& w) { w.long16(v); });
  }
  if (type == "double-long") {
    const auto v = static_cast<std::int32_t>(parse_signed(text, INT32_MIN, INT32_MAX, type));
    return write_value([&](dlms::AxdrWriter& w) { w.double_long(v); });
  }
  if (type == "long64") {
    const std::int64_t v = parse_signed(text, L::min(), L::max(), type);
    return write_value([&](dlms::AxdrWriter& w) { w.long64(v); });
  }
  if (type == "unsigned" || type == "enum") {
    const auto v = static_cast<std::uint8_t>(parse_unsigned(text, 255, type));
    return write_value([&](dlms::AxdrWriter& w) { type == "enum" ? w.enum_value(v) : w.unsigned8(v); });
  }
  if (type == "long-unsigned") {
    const auto v = static_cast<std::uint16_t>(parse_unsigned(text, 65535, type));
    return write_value([&](dlms::AxdrWriter& w) { w.long_unsigned(v); });
  }
  if (type == "double-long-unsigned") {
    const auto v = static_cast<std::uint32_t>(parse_unsigned(text, UINT32_MAX, type));
    return write_value([&](dlms::AxdrWriter& w) { w.double_long_unsigned(v); });
  }
  if (type == "long64-unsigned") {
    const std::uint64_t v = parse_unsigned(text, UINT64_MAX, type);
    return write_value([&](dlms::AxdrWriter& w) { w.long64_unsigned(v); });
  }
  if (type == "float32" || type == "float64") {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') throw ClientError(fmt::format("--type {}: \"{}\" is not a number", type, text));
    return write_value([&](dlms::AxdrWriter& w) { type == "float32" ? w.float32(static_cast<float>(v)) : w.float64(v); });
  }
  if (type == "octet-string") {
    const std::vector<std::uint8_t> v = parse_hex(text, "--type octet-string");
    return write_value([&](dlms::AxdrWriter& w) { w.octet_string(v); });
  }
  if (type == "visible-string") return write_value([&](dlms::AxdrWriter& w) { w.visible_string(text); });
  if (type == "date-time") {
    const auto dt = parse_local_date_time(text, "--type date-time");
    return write_value([&](dlms::AxdrWriter& w) { w.octet_string(dt); });
  }
  if (type == "obis") {
    const auto o = parse_obis(text);
    return write_value([&](dlms::AxdrWriter& w) { w.octet_string(o); });
  }
  if (type == "raw") {
    std::vector<std::uint8_t> v = parse_hex(text, "--type raw");
    parse_data(v);  // one whole, valid Data value
    return v;
  }
  throw ClientError(fmt::format(
      "--type: \"{}\" is not one of null, boolean, integer, long, unsigned, long-unsigned, double-long, "
      "double-long-unsigned, long64, long64-unsigned, enum, float32, float64, octet-string, visible-string, "
      "date-time, obis, raw",
      type));
}

std::string unit_symbol(unsigned unit) {
  // Blue Book, IC 3 Register, scaler_unit: the unit enumeration.
  static const char* const symbols[] = {
      nullptr, "a",     "mo",    "wk",   "d",    "h",      "min",     "s",       "°",     "°C",   "currency",
      "m",     "m/s",   "m3",    "m3",   "m3/h", "m3/h",   "m3/d",    "m3/d",    "l",     "kg",   "N",
      "Nm",    "Pa",    "bar",   "J",    "J/h",  "W",      "VA",      "var",     "Wh",    "VAh",  "varh",
      "A",     "C",     "V",     "V/m",  "F",    "Ω",      "Ωm2/m",   "Wb",      "T",     "A/m",  "H",
      "Hz",    "1/(Wh)", "1/(varh)", "1/(VAh)", "V2h", "A2h", "kg/s", "S", "K", "1/(V2h)", "1/(A2h)", "1/m3",
      "%",     "Ah"};
  if (unit == 255) return "";
  if (unit < std::size(symbols) && symbols[unit] != nullptr) return symbols[unit];
  if (unit == 60) return "Wh/m3";
  if (unit == 61) return "J/m3";
  if (unit == 62) return "Mol %";
  if (unit == 63) return "g/m3";
  if (unit == 64) return "Pa s";
  if (unit == 65) return "J/kg";
  if (unit == 70) return "dBm";
  if (unit == 71) return "dBμV";
  if (unit == 72) return "dB";
  return fmt::format("unit {}", unit);
}

std::string scaled_text(const DataValue& value, const DataValue& scaler_unit) {
  const auto raw = value.number();
  if (!raw || scaler_unit.type != DataType::kStructure || scaler_unit.items.size() != 2 ||
      scaler_unit.items[0].type != DataType::kInteger || scaler_unit.items[1].type != DataType::kEnum)
    return value_text(value);  // not a number, or no scaler_unit structure: as it is
  const int scaler = static_cast<int>(scaler_unit.items[0].signed_value);
  const std::string unit = unit_symbol(static_cast<unsigned>(scaler_unit.items[1].unsigned_value));
  std::string number;
  const bool is_signed = value.type == DataType::kInteger || value.type == DataType::kLong ||
                         value.type == DataType::kDoubleLong || value.type == DataType::kLong64;
  if (value.is_integer() && scaler < 0 && scaler >= -18) {
    // The exact decimal text of an integer times 10^scaler (no binary rounding).
    const bool negative = is_signed && value.signed_value < 0;
    const std::uint64_t mag = !is_signed ? value.unsigned_value
                              : negative ? static_cast<std::uint64_t>(-(value.signed_value + 1)) + 1
                                         : static_cast<std::uint64_t>(value.signed_value);
    std::string digits = std::to_string(mag);
    const auto decimals = static_cast<std::size_t>(-scaler);
    if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
    digits.insert(digits.size() - decimals, ".");
    number = (negative ? "-" : "") + digits;
  } else {
    number = fmt::format("{}", *raw * std::pow(10.0, scaler));
  }
  return unit.empty() ? number : number + " " + unit;
}

namespace {

std::string access_mode_text(std::uint64_t mode) {
  switch (mode) {
    case 0: return "-";
    case 1: return "r";
    case 2: return "w";
    case 3: return "rw";
    case 4: return "ar";
    case 5: return "aw";
    case 6: return "arw";
    default: return fmt::format("?{}", mode);
  }
}

std::string method_mode_text(const DataValue& v) {
  const std::uint64_t m = v.unsigned_value;  // boolean (version 0) or enum
  if (m == 0) return "-";
  if (m == 1) return "x";
  if (m == 2) return "ax";
  return fmt::format("?{}", m);
}

bool is_struct(const DataValue& v, std::size_t n) { return v.type == DataType::kStructure && v.items.size() == n; }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

std::string object_list_text(const DataValue& list) {
  if (list.type != DataType::kArray) throw ClientError("object_list: not an array");
  std::string out;
  for (const DataValue& e : list.items) {
    if (!is_struct(e, 4) || e.items[2].type != DataType::kOctetString || e.items[2].bytes.size() != 6)
      throw ClientError("object_list: an element is not {class_id, version, logical_name, access_rights}");
    std::string line = fmt::format("class {:>3}  v{}  {:<20}", e.items[0].unsigned_value, e.items[1].unsigned_value,
                                   obis_text(e.items[2].bytes));
    const DataValue& rights = e.items[3];
    if (is_struct(rights, 2) || is_struct(rights, 3)) {
      line += "  attributes";
      for (const DataValue& a : rights.items[0].items) {
        if (a.items.size() >= 2)
          line += fmt::format(" {}:{}", a.items[0].signed_value, access_mode_text(a.items[1].unsigned_value));
      }
      if (!rights.items[1].items.empty()) {
        line += "  methods";
        for (const DataValue& m : rights.items[1].items) {
          if (m.items.size() >= 2) line += fmt::format(" {}:{}", m.items[0].signed_value, method_mode_text(m.items[1]));
        }
      }
    }
    out += line + "\n";
  }
  return out;
}

std::string profile_text(const DataValue& capture_objects, const DataValue& buffer, bool csv) {
  const std::string sep = csv ? "," : "  ";
  std::string out;
  if (capture_objects.type == DataType::kArray) {
    for (std::size_t i = 0; i < capture_objects.items.size(); ++i) {
      const DataValue& c = capture_objects.items[i];
      std::string name = fmt::format("column{}", i + 1);
      if (c.type == DataType::kStructure && c.items.size() >= 3 && c.items[1].bytes.size() == 6)
        name = fmt::format("{}/{}/{}", c.items[0].unsigned_value, obis_text(c.items[1].bytes), c.items[2].signed_value);
      out += (i ? sep : "") + (csv ? csv_field(name) : name);
    }
    out += "\n";
  }
  if (buffer.type != DataType::kArray) throw ClientError("profile buffer: not an array");
  for (const DataValue& row : buffer.items) {
    if (row.type != DataType::kStructure) {
      out += (csv ? csv_field(value_text(row)) : value_text(row)) + "\n";
      continue;
    }
    for (std::size_t i = 0; i < row.items.size(); ++i) {
      const std::string t = value_text(row.items[i]);
      out += (i ? sep : "") + (csv ? csv_field(t) : t);
    }
    out += "\n";
  }
  return out;
}

void shift_positionals_for_serial(ReadOptions* o) {
  const bool device = !o->serial.empty() || !o->optical.empty();
  if (!device || o->hdlc || o->address.empty()) return;  // --hdlc with a device: refused later
  if (!o->obis.empty()) {
    char* end = nullptr;
    const long a = std::strtol(o->obis.c_str(), &end, 10);
    if (*end != '\0' || a < 0 || a > 255)
      throw ClientError(fmt::format("\"{}\" is not an attribute 0..255 (with --serial or --optical the arguments are OBIS [ATTR])",
                                    o->obis));
    o->attribute = static_cast<int>(a);
  }
  o->obis = o->address;
  o->address.clear();
}

namespace {

// The link `quadra read` asked for, connected: the wrapper, HDLC over TCP or HDLC on a serial
// device; client_sap is --client, or 16 for the invocation counter's public read.
std::unique_ptr<Transport> open_transport(const ReadOptions& o, int client_sap) {
  if (o.serial.empty() && o.optical.empty() && !o.hdlc) {
    std::string host;
    std::uint16_t port = 0;
    split_host_port(o.address, &host, &port);
    return std::make_unique<WrapperTransport>(host, port, static_cast<std::uint16_t>(client_sap),
                                              static_cast<std::uint16_t>(o.server_sap), o.timeout_ms);
  }
  HdlcOptions h;
  h.client_sap = static_cast<std::uint8_t>(client_sap);
  h.logical = static_cast<std::uint16_t>(o.server_sap);
  h.physical = static_cast<std::uint16_t>(o.physical);
  h.address_size = static_cast<std::uint8_t>(o.address_size);
  h.timeout_ms = o.timeout_ms;
  if (!o.serial.empty()) return std::make_unique<HdlcTransport>(open_serial(o.serial, static_cast<std::uint32_t>(o.baud)), h);
  if (!o.optical.empty()) {
    std::string identification;
    ByteStream stream = open_mode_e(o.optical, o.timeout_ms, &identification);
    if (o.hex) std::fprintf(stderr, "%s: %s, mode E\n", o.optical.c_str(), identification.c_str());
    return std::make_unique<HdlcTransport>(std::move(stream), h);
  }
  std::string host;
  std::uint16_t port = 0;
  split_host_port(o.address, &host, &port);
  return std::make_unique<HdlcTransport>(connect_tcp(host, port, o.timeout_ms), h);
}

// The server's invocation counter object 0.0.43.1.0.255 (class 1) read by the public client.
std::uint32_t read_invocation_counter(const ReadOptions& o) {
  try {
    const std::unique_ptr<Transport> transport = open_transport(o, 16);
    DlmsClient client(*transport, ClientConfig{});
    client.associate();
    const DataValue v = parse_data(client.get({1, {0, 0, 43, 1, 0, 255}, 2}));
    client.release();
    const auto n = v.number();
    if (!v.is_integer() || !n || *n < 0 || *n >= 4294967295.0)
      throw ClientError("the value is not an invocation counter: " + value_text(v));
    return static_cast<std::uint32_t>(*n);
  } catch (const ClientError& e) {
    throw ClientError(fmt::format("--invocation-counter auto: reading 0.0.43.1.0.255 as the public client failed ({}); "
                                  "give --invocation-counter N",
                                  e.what()));
  }
}

}  // namespace

int read_meter(const ReadOptions& o) {
  const bool device = !o.serial.empty() || !o.optical.empty();
  if ((o.hdlc ? 1 : 0) + (o.serial.empty() ? 0 : 1) + (o.optical.empty() ? 0 : 1) > 1)
    throw ClientError("--hdlc, --serial and --optical exclude each other");
  if (device && !o.address.empty()) throw ClientError("--serial and --optical take no HOST:PORT");
  if (!device && o.address.empty()) throw ClientError("HOST:PORT (or --serial PATH) is needed");
  if (!device) {
    std::string host;
    std::uint16_t port = 0;
    split_host_port(o.address, &host, &port);  // checked before anything is sent
  }
  if (o.client_sap < 0 || o.client_sap > 0xFFFF || o.server_sap < 0 || o.server_sap > 0xFFFF)
    throw ClientError("--client and --server must be 0..65535");
  if ((o.hdlc || device) && (o.client_sap < 1 || o.client_sap > 126 || o.server_sap < 1 ||
                                        o.server_sap > 0x3FFE || o.physical < 0 || o.physical > 0x3FFE))
    throw ClientError("over HDLC --client must be 1..126, --server 1..16382 and --physical 0..16382");

  ClientConfig config;
  if (o.auth == "none") config.authentication = Authentication::kNone;
  else if (o.auth == "low") config.authentication = Authentication::kLow;
  else if (o.auth == "high") config.authentication = Authentication::kHigh;
  else throw ClientError(fmt::format("--auth: \"{}\" is not none, low or high", o.auth));
  config.password = o.password;
  if (o.max_pdu < 64 || o.max_pdu > 0xFFFF) throw ClientError("--max-pdu must be 64..65535");
  config.max_receive_pdu = static_cast<std::uint16_t>(o.max_pdu);
  if (o.gbt) config.conformance |= dlms::conformance::kGeneralBlockTransfer;
  if (config.authentication == Authentication::kLow && o.password.empty()) throw ClientError("--auth low needs --password");
  const bool any_key = !o.system_title.empty() || !o.ek.empty() || !o.ak.empty();
  if (any_key) {
    if (o.system_title.empty() || o.ek.empty() || o.ak.empty())
      throw ClientError("ciphering needs all of --system-title, --ek and --ak");
    config.keys = true;
    config.ciphering = true;
    config.system_title = parse_hex_exact<8>(o.system_title, "--system-title");
    config.block_cipher_key = parse_hex_exact<16>(o.ek, "--ek");
    config.authentication_key = parse_hex_exact<16>(o.ak, "--ak");
  }

  // What to do, decided (and checked) before connecting.
  const int modes = (o.object_list ? 1 : 0) + (o.profile.empty() ? 0 : 1) + (o.has_set ? 1 : 0) + (o.action ? 1 : 0);
  if (modes > 1) throw ClientError("--object-list, --profile, --set and --action exclude each other");
  if (!o.object_list && o.profile.empty() && o.obis.empty()) throw ClientError("an OBIS code is needed");
  if ((o.has_set || o.has_param) && o.type.empty()) throw ClientError("--set and --param need --type");
  if (!o.profile.empty() && o.entries.empty() && (o.from.empty() != o.to.empty()))
    throw ClientError("--from and --to go together");
  if (!o.entries.empty() && !o.from.empty()) throw ClientError("--entries and --from/--to exclude each other");
  if (o.attribute < 0 || o.attribute > 255) throw ClientError("the attribute must be 0..255");

  std::vector<std::uint8_t> set_value, param;
  if (o.has_set) set_value = encode_typed_value(o.type, o.set_value);
  if (o.has_param) param = encode_typed_value(o.type, o.param);
  std::vector<std::uint8_t> selection_storage;
  dlms::SelectiveAccess selection;
  if (!o.profile.empty() && !o.from.empty()) {
    selection = range_access(parse_local_date_time(o.from, "--from"), parse_local_date_time(o.to, "--to"),
                             &selection_storage);
  } else if (!o.profile.empty() && !o.entries.empty()) {
    unsigned long a = 0, b = 0;
    int n = 0;
    if (std::sscanf(o.entries.c_str(), "%lu..%lu%n", &a, &b, &n) != 2 || static_cast<std::size_t>(n) != o.entries.size() ||
        a == 0 || a > UINT32_MAX || b > UINT32_MAX || (b != 0 && b < a))
      throw ClientError(fmt::format("--entries: \"{}\" is not A..B (1-based, B >= A, or B = 0 for the last)", o.entries));
    selection = entry_access(static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), 1, 0, &selection_storage);
  }

  if (config.ciphering) {
    if (o.invocation_counter == "auto") {
      config.invocation_counter = read_invocation_counter(o) + 1;
    } else {
      char* end = nullptr;
      errno = 0;
      const unsigned long long v = std::strtoull(o.invocation_counter.c_str(), &end, 0);
      if (o.invocation_counter.empty() || *end != '\0' || errno != 0 || v > UINT32_MAX)
        throw ClientError(fmt::format("--invocation-counter: \"{}\" is neither auto nor 0..4294967295", o.invocation_counter));
      config.invocation_counter = static_cast<std::uint32_t>(v);
    }
  }

  const std::unique_ptr<Transport> transport = open_transport(o, o.client_sap);
  DlmsClient client(*transport, config);
  if (o.hex) {
    client.trace = [](const char* dir, std::span<const std::uint8_t> apdu) {
      std::string t;
      for (std::size_t i = 0; i < apdu.size(); ++i) t += fmt::format("{}{:02X}", i ? " " : "", apdu[i]);
      std::fprintf(stderr, "%-2s %s\n", dir, t.c_str());
    };
  }
  client.associate();

  auto print_value = [&](const std::vector<std::uint8_t>& raw) {
    const DataValue v = parse_data(raw);
    if (o.json) std::printf("%s\n", to_json(v).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    else std::printf("%s", tree_text(v).c_str());
  };

  if (o.object_list) {
    const auto raw = client.get({15, {0, 0, 40, 0, 0, 255}, 2});
    const DataValue v = parse_data(raw);
    if (o.json) std::printf("%s\n", to_json(v).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    else std::printf("%s", object_list_text(v).c_str());
  } else if (!o.profile.empty()) {
    const auto obis = parse_obis(o.profile);
    const std::uint16_t cls = o.class_id ? static_cast<std::uint16_t>(o.class_id) : 7;
    // The capture objects name the columns; a client that may not read them still gets the rows.
    DataValue columns;
    try {
      columns = parse_data(client.get({cls, obis, 3}));
    } catch (const ClientError& e) {
      if (!client.associated()) throw;
      std::fprintf(stderr, "quadra: warning: no column names (%s)\n", e.what());
    }
    const auto raw = client.get({cls, obis, 2}, selection);
    if (o.json) print_value(raw);
    else std::printf("%s", profile_text(columns, parse_data(raw), o.csv).c_str());
  } else {
    const auto obis = parse_obis(o.obis);
    const std::uint16_t cls = o.class_id ? static_cast<std::uint16_t>(o.class_id) : default_class(obis);
    if (o.has_set) {
      client.set({cls, obis, static_cast<std::uint8_t>(o.attribute)}, set_value);
      std::printf("set %s: success\n", describe(dlms::AttributeDescriptor{cls, obis, static_cast<std::uint8_t>(o.attribute)}).c_str());
    } else if (o.action) {
      if (o.action < 1 || o.action > 255) throw ClientError("--action: the method must be 1..255");
      const dlms::MethodDescriptor m{cls, obis, static_cast<std::uint8_t>(o.action)};
      const auto back = client.action(m, param);
      std::printf("action %s: success\n", describe(m).c_str());
      if (back) print_value(*back);
    } else {
      const dlms::AttributeDescriptor a{cls, obis, static_cast<std::uint8_t>(o.attribute)};
      const auto raw = client.get(a);
      if ((cls == 3 || cls == 4) && o.attribute == 2) {
        const DataValue value = parse_data(raw);
        const DataValue su = parse_data(client.get({cls, obis, 3}));
        if (o.json) {
          nlohmann::json j;
          j["value"] = to_json(value);
          j["scaler_unit"] = to_json(su);
          j["text"] = scaled_text(value, su);
          std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        } else {
          std::printf("%s\n", scaled_text(value, su).c_str());
        }
      } else {
        print_value(raw);
      }
    }
  }
  // The answer is printed: a server that does not answer the release properly (some just close
  // the connection) is worth a warning, not a failure.
  try {
    client.release();
  } catch (const ClientError& e) {
    std::fprintf(stderr, "quadra: warning: %s\n", e.what());
  }
  return 0;
}

}  // namespace quadra::client
