#include "core/link/iec62056_21/messages.h"

namespace quadra::iec62056_21 {
namespace {

constexpr std::uint32_t kBauds[] = {300, 600, 1200, 2400, 4800, 9600, 19200};

bool is_forbidden(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u >= 0x7F || c == '(' || c == ')' || c == '*' || c == '/' || c == '!';
}

bool clean(std::string_view s, bool star_allowed = false) {
  for (const char c : s) {
    if (is_forbidden(c) && !(star_allowed && c == '*')) return false;
  }
  return true;
}

struct Writer {
  std::span<char> out;
  std::size_t pos = 0;
  bool overflow = false;
  void put(char c) {
    if (pos < out.size()) {
      out[pos++] = c;
    } else {
      overflow = true;
    }
  }
  void put(std::string_view s) {
    for (const char c : s) put(c);
  }
};

}  // namespace

std::uint32_t baud_of_char(char z) {
  if (z < '0' || z > '6') return 0;
  return kBauds[z - '0'];
}

char char_of_baud(std::uint32_t baud) {
  for (std::size_t i = 0; i < sizeof kBauds / sizeof kBauds[0]; ++i) {
    if (kBauds[i] == baud) return static_cast<char>('0' + i);
  }
  return '\0';
}

Status format_data_set(std::string_view address, std::span<const DataSetValue> values, std::span<char> out,
                       std::size_t* size) {
  *size = 0;
  if (address.size() > kMaxAddress || !clean(address, true))
    return Status::invalid("iec62056_21.data_set.address", "at most 16 characters, none of ( ) / ! or controls");
  Writer w{out};
  w.put(address);
  for (const DataSetValue& v : values) {
    if (v.value.size() > kMaxValue || !clean(v.value))
      return Status::invalid("iec62056_21.data_set.value", "at most 32 characters, none of ( ) * / ! or controls");
    if (v.unit.size() > kMaxUnit || !clean(v.unit))
      return Status::invalid("iec62056_21.data_set.unit", "at most 16 characters, none of ( ) * / ! or controls");
    w.put('(');
    w.put(v.value);
    if (!v.unit.empty()) {
      w.put('*');
      w.put(v.unit);
    }
    w.put(')');
  }
  if (w.overflow) return Status::error(StatusCode::kCapacity, "iec62056_21.data_set", "output buffer too small");
  *size = w.pos;
  return Status::ok();
}

Status format_fixed(std::int64_t scaled, int decimals, int integer_digits, std::span<char> out, std::size_t* size) {
  *size = 0;
  if (decimals < 0 || decimals > 9 || integer_digits < 1 || integer_digits > 18)
    return Status::invalid("iec62056_21.format_fixed", "decimals 0..9, integer digits 1..18");
  const bool negative = scaled < 0;
  // Magnitude without overflow for INT64_MIN.
  std::uint64_t mag = negative ? static_cast<std::uint64_t>(-(scaled + 1)) + 1 : static_cast<std::uint64_t>(scaled);
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + mag % 10);
    mag /= 10;
  } while (mag != 0 && n < 24);
  while (n < decimals + integer_digits) digits[n++] = '0';
  Writer w{out};
  if (negative) w.put('-');
  for (int i = n - 1; i >= 0; --i) {
    w.put(digits[i]);
    if (i == decimals && decimals > 0) w.put('.');
  }
  if (w.overflow) return Status::error(StatusCode::kCapacity, "iec62056_21.format_fixed", "output buffer too small");
  *size = w.pos;
  return Status::ok();
}

Status format_timestamp(int year, int month, int day, int hour, int minute, std::span<char> out, std::size_t* size) {
  *size = 0;
  if (out.size() < 10) return Status::error(StatusCode::kCapacity, "iec62056_21.format_timestamp", "output buffer too small");
  const int fields[5] = {year % 100, month, day, hour, minute};
  for (int i = 0; i < 5; ++i) {
    const int v = fields[i] < 0 ? 0 : fields[i] % 100;
    out[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + v / 10);
    out[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + v % 10);
  }
  *size = 10;
  return Status::ok();
}

Status parse_command(std::span<const std::uint8_t> bytes, Command* out) {
  *out = Command{};
  constexpr const char* kField = "iec62056_21.command";
  if (bytes.size() < 5) return Status::error(StatusCode::kCorruption, kField, "shorter than SOH C D ETX BCC");
  if (bytes[0] != kSoh) return Status::error(StatusCode::kCorruption, kField, "does not start with SOH");
  const std::size_t etx = bytes.size() - 2;
  if (bytes[etx] != kEtx) return Status::error(StatusCode::kCorruption, kField, "ETX not before the BCC");
  if ((bcc(bytes.subspan(1, etx)) & 0x7F) != (bytes[etx + 1] & 0x7F))
    return Status::error(StatusCode::kCorruption, kField, "BCC mismatch");
  const char c = static_cast<char>(bytes[1]);
  const char d = static_cast<char>(bytes[2]);
  if (c != 'P' && c != 'W' && c != 'R' && c != 'E' && c != 'B')
    return Status::error(StatusCode::kCorruption, kField, "unknown command (not P, W, R, E or B)");
  if (d < '0' || d > '9') return Status::error(StatusCode::kCorruption, kField, "command type is not a digit");
  out->command = c;
  out->type = d;
  if (etx == 3) return Status::ok();  // SOH C D ETX BCC
  if (bytes[3] != kStx) return Status::error(StatusCode::kCorruption, kField, "no STX after the command");
  // data = address ( value )
  const auto* chars = reinterpret_cast<const char*>(bytes.data());
  const std::string_view data(chars + 4, etx - 4);
  for (const char ch : data) {
    if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7F)
      return Status::error(StatusCode::kCorruption, kField, "control character inside the data set");
  }
  const std::size_t open = data.find('(');
  if (open == std::string_view::npos || data.back() != ')')
    return Status::error(StatusCode::kCorruption, kField, "data set is not address(value)");
  const std::string_view inner = data.substr(open + 1, data.size() - open - 2);
  if (inner.find('(') != std::string_view::npos || inner.find(')') != std::string_view::npos)
    return Status::error(StatusCode::kCorruption, kField, "only one (value) group is accepted");
  if (open > kMaxAddress) return Status::error(StatusCode::kCorruption, kField, "address longer than 16 characters");
  out->has_data = true;
  out->address = data.substr(0, open);
  out->value = inner;
  return Status::ok();
}

}  // namespace quadra::iec62056_21
