#include "host/client/data_text.h"

#include <fmt/format.h>

#include <cmath>

#include "core/dlms/axdr_reader.h"

namespace quadra::client {
namespace {

using dlms::DataType;

std::string status_message(const Status& s) { return fmt::format("{}: {}", s.field(), s.reason()); }

void read_value(dlms::AxdrReader& r, DataValue* out, int depth) {
  if (depth > dlms::AxdrReader::kMaxDepth) throw ClientError("data: arrays and structures nested too deep");
  dlms::AxdrItem item;
  const Status s = r.next(&item);
  if (!s.is_ok()) throw ClientError("data: " + status_message(s));
  out->type = item.type;
  out->unsigned_value = item.unsigned_value;
  out->signed_value = item.signed_value;
  out->float_value = item.float_value;
  out->bytes.assign(item.bytes.begin(), item.bytes.end());
  if (item.type == DataType::kBitString) out->bit_count = item.count;
  if (item.type == DataType::kArray || item.type == DataType::kStructure) {
    // Each element takes at least one octet: a count above what is left is refused before any
    // allocation (a forged count of 2^32 must not reserve memory).
    if (item.count > r.remaining()) throw ClientError("data: axdr.count: truncated");
    out->items.resize(item.count);
    for (auto& child : out->items) read_value(r, &child, depth + 1);
  }
}

bool in(int v, int lo, int hi) { return v >= lo && v <= hi; }

}  // namespace

bool DataValue::is_integer() const {
  switch (type) {
    case DataType::kBoolean: case DataType::kDoubleLong: case DataType::kDoubleLongUnsigned:
    case DataType::kBcd: case DataType::kInteger: case DataType::kLong: case DataType::kUnsigned:
    case DataType::kLongUnsigned: case DataType::kLong64: case DataType::kLong64Unsigned: case DataType::kEnum:
      return true;
    default:
      return false;
  }
}

std::optional<double> DataValue::number() const {
  switch (type) {
    case DataType::kDoubleLong: case DataType::kInteger: case DataType::kLong: case DataType::kLong64:
      return static_cast<double>(signed_value);
    case DataType::kDoubleLongUnsigned: case DataType::kUnsigned: case DataType::kLongUnsigned:
    case DataType::kLong64Unsigned: case DataType::kEnum: case DataType::kBcd:
      return static_cast<double>(unsigned_value);
    case DataType::kFloat32: case DataType::kFloat64:
      return float_value;
    default:
      return std::nullopt;
  }
}

DataValue parse_data(std::span<const std::uint8_t> encoded) {
  dlms::AxdrReader r(encoded);
  DataValue v;
  read_value(r, &v, 0);
  if (!r.at_end()) throw ClientError(fmt::format("data: {} trailing octets after the value", r.remaining()));
  return v;
}

const char* type_name(DataType type) {
  switch (type) {
    case DataType::kNull: return "null-data";
    case DataType::kArray: return "array";
    case DataType::kStructure: return "structure";
    case DataType::kBoolean: return "boolean";
    case DataType::kBitString: return "bit-string";
    case DataType::kDoubleLong: return "double-long";
    case DataType::kDoubleLongUnsigned: return "double-long-unsigned";
    case DataType::kOctetString: return "octet-string";
    case DataType::kVisibleString: return "visible-string";
    case DataType::kUtf8String: return "utf8-string";
    case DataType::kBcd: return "bcd";
    case DataType::kInteger: return "integer";
    case DataType::kLong: return "long";
    case DataType::kUnsigned: return "unsigned";
    case DataType::kLongUnsigned: return "long-unsigned";
    case DataType::kCompactArray: return "compact-array";
    case DataType::kLong64: return "long64";
    case DataType::kLong64Unsigned: return "long64-unsigned";
    case DataType::kEnum: return "enum";
    case DataType::kFloat32: return "float32";
    case DataType::kFloat64: return "float64";
    case DataType::kDateTime: return "date-time";
    case DataType::kDate: return "date";
    case DataType::kTime: return "time";
    case DataType::kDontCare: return "dont-care";
  }
  return "unknown";
}

std::optional<std::string> date_time_text(std::span<const std::uint8_t> o) {
  if (o.size() != 12) return std::nullopt;
  const int year = o[0] << 8 | o[1];
  const int month = o[2], day = o[3], dow = o[4], hour = o[5], minute = o[6], second = o[7], hundredths = o[8];
  const int deviation_raw = o[9] << 8 | o[10];
  const int status = o[11];
  const bool year_ok = year == 0xFFFF || in(year, 1000, 9999);
  const bool month_ok = in(month, 1, 12) || in(month, 0xFD, 0xFF);
  const bool day_ok = in(day, 1, 31) || in(day, 0xFD, 0xFF);
  const bool dow_ok = in(dow, 1, 7) || dow == 0xFF;
  const bool time_ok = (in(hour, 0, 23) || hour == 0xFF) && (in(minute, 0, 59) || minute == 0xFF) &&
                       (in(second, 0, 59) || second == 0xFF) && (in(hundredths, 0, 99) || hundredths == 0xFF);
  const int deviation = deviation_raw >= 0x8000 ? deviation_raw - 0x10000 : deviation_raw;
  const bool deviation_ok = deviation_raw == 0x8000 || in(deviation, -720, 720);
  if (!(year_ok && month_ok && day_ok && dow_ok && time_ok && deviation_ok)) return std::nullopt;
  auto field = [](int v, bool unspecified, int width) {
    return unspecified ? std::string("*") : fmt::format("{:0{}}", v, width);
  };
  std::string t = fmt::format("{}-{}-{} {}:{}:{}", field(year, year == 0xFFFF, 4), field(month, month > 12, 2),
                              field(day, day > 31, 2), field(hour, hour == 0xFF, 2), field(minute, minute == 0xFF, 2),
                              field(second, second == 0xFF, 2));
  if (hundredths != 0xFF && hundredths != 0) t += fmt::format(".{:02}", hundredths);
  if (deviation_raw != 0x8000) t += fmt::format(" deviation {}", deviation);
  if (status != 0xFF && status != 0x00) t += fmt::format(" status {:02X}", status);
  return t;
}

std::string obis_text(std::span<const std::uint8_t> o) {
  std::string t;
  for (std::size_t i = 0; i < o.size(); ++i) t += fmt::format("{}{}", i ? "." : "", o[i]);
  return t;
}

std::string hex_text(std::span<const std::uint8_t> o) {
  std::string t;
  t.reserve(o.size() * 2);
  for (std::uint8_t b : o) t += fmt::format("{:02X}", b);
  return t;
}

namespace {

std::string quoted(const std::vector<std::uint8_t>& bytes) {
  std::string t = "\"";
  for (std::uint8_t b : bytes) {
    if (b == '"' || b == '\\') t += fmt::format("\\{}", static_cast<char>(b));
    else if (b >= 0x20 && b < 0x7F) t += static_cast<char>(b);
    else t += fmt::format("\\x{:02X}", b);
  }
  return t + "\"";
}

std::string bits_text(const DataValue& v) {
  std::string t;
  for (std::uint32_t i = 0; i < v.bit_count; ++i) t += ((v.bytes[i / 8] >> (7 - i % 8)) & 1) ? '1' : '0';
  return t;
}

std::string float_text(double f) {
  if (std::isnan(f)) return "nan";
  return fmt::format("{}", f);
}

std::string date_text(std::span<const std::uint8_t> o) {
  const int year = o[0] << 8 | o[1];
  auto f = [](int v, bool unspecified, int w) { return unspecified ? std::string("*") : fmt::format("{:0{}}", v, w); };
  return fmt::format("{}-{}-{}", f(year, year == 0xFFFF, 4), f(o[2], o[2] > 12, 2), f(o[3], o[3] > 31, 2));
}

std::string time_text(std::span<const std::uint8_t> o) {
  auto f = [](int v) { return v == 0xFF ? std::string("*") : fmt::format("{:02}", v); };
  std::string t = fmt::format("{}:{}:{}", f(o[0]), f(o[1]), f(o[2]));
  if (o[3] != 0xFF && o[3] != 0) t += fmt::format(".{:02}", o[3]);
  return t;
}

}  // namespace

std::string value_text(const DataValue& v) {
  switch (v.type) {
    case DataType::kNull: return "null";
    case DataType::kDontCare: return "dont-care";
    case DataType::kBoolean: return v.unsigned_value ? "true" : "false";
    case DataType::kBitString: return bits_text(v);
    case DataType::kFloat32: case DataType::kFloat64: return float_text(v.float_value);
    case DataType::kOctetString: {
      if (v.bytes.size() == 6) return obis_text(v.bytes);
      if (auto dt = date_time_text(v.bytes)) return *dt;
      return v.bytes.empty() ? std::string("(empty)") : hex_text(v.bytes);
    }
    case DataType::kVisibleString: case DataType::kUtf8String: return quoted(v.bytes);
    case DataType::kDateTime: {
      if (auto dt = date_time_text(v.bytes)) return *dt;
      return hex_text(v.bytes);
    }
    case DataType::kDate: return date_text(v.bytes);
    case DataType::kTime: return time_text(v.bytes);
    case DataType::kCompactArray: return "compact-array " + hex_text(v.bytes);
    case DataType::kArray: case DataType::kStructure: {
      std::string t = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) t += (i ? ", " : "") + value_text(v.items[i]);
      return t + "]";
    }
    case DataType::kDoubleLong: case DataType::kInteger: case DataType::kLong: case DataType::kLong64:
      return fmt::format("{}", v.signed_value);
    default:
      return fmt::format("{}", v.unsigned_value);
  }
}

namespace {

void tree(const DataValue& v, int indent, int level, std::string* out) {
  out->append(static_cast<std::size_t>(indent * level), ' ');
  if (v.type == DataType::kArray || v.type == DataType::kStructure) {
    *out += fmt::format("{} ({})\n", type_name(v.type), v.items.size());
    for (const auto& child : v.items) tree(child, indent, level + 1, out);
    return;
  }
  *out += type_name(v.type);
  if (v.type != DataType::kNull && v.type != DataType::kDontCare) *out += " " + value_text(v);
  if (v.type == DataType::kOctetString && v.bytes.size() == 12 && date_time_text(v.bytes)) *out += " (date-time)";
  *out += '\n';
}

}  // namespace

std::string tree_text(const DataValue& v, int indent) {
  std::string out;
  tree(v, indent, 0, &out);
  return out;
}

nlohmann::json to_json(const DataValue& v) {
  nlohmann::json j;
  j["type"] = type_name(v.type);
  switch (v.type) {
    case DataType::kNull: case DataType::kDontCare:
      break;
    case DataType::kArray: case DataType::kStructure: {
      nlohmann::json items = nlohmann::json::array();
      for (const auto& child : v.items) items.push_back(to_json(child));
      j["value"] = items;
      break;
    }
    case DataType::kBoolean: j["value"] = v.unsigned_value != 0; break;
    case DataType::kFloat32: case DataType::kFloat64:
      if (std::isfinite(v.float_value)) j["value"] = v.float_value;
      else j["value"] = float_text(v.float_value);
      break;
    case DataType::kOctetString:
      j["hex"] = hex_text(v.bytes);
      if (v.bytes.size() == 6) j["obis"] = obis_text(v.bytes);
      if (auto dt = date_time_text(v.bytes)) j["date_time"] = *dt;
      break;
    case DataType::kVisibleString: case DataType::kUtf8String:
      j["value"] = std::string(v.bytes.begin(), v.bytes.end());
      break;
    case DataType::kBitString: j["value"] = bits_text(v); break;
    case DataType::kDateTime: case DataType::kDate: case DataType::kTime: case DataType::kCompactArray:
      j["value"] = value_text(v);
      j["hex"] = hex_text(v.bytes);
      break;
    case DataType::kDoubleLong: case DataType::kInteger: case DataType::kLong: case DataType::kLong64:
      j["value"] = v.signed_value;
      break;
    default:
      j["value"] = v.unsigned_value;
      break;
  }
  return j;
}

}  // namespace quadra::client
