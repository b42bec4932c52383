// display_text(): raw name bytes to printable UTF-8, and parse_unit().
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "host/comtrade/comtrade.h"
#include "host/comtrade/text_util.h"

namespace quadra::comtrade {
namespace {

// Unicode of bytes 0x80..0xFF (0: no character), generated from Python's codecs.
constexpr std::array<std::uint16_t, 128> kWindows1251 = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};
constexpr std::array<std::uint16_t, 128> kCp866 = {
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    0x0401, 0x0451, 0x0404, 0x0454, 0x0407, 0x0457, 0x040E, 0x045E,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x2116, 0x00A4, 0x25A0, 0x00A0,
};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void append_escape(std::string& out, unsigned char c) {
  constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// Length of the valid UTF-8 sequence starting at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0Fu;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3Fu);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string convert(std::string_view raw, const std::array<std::uint16_t, 128>& table) {
  std::string out;
  out.reserve(raw.size() * 2);
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 && table[c - 0x80] != 0) {
      append_utf8(out, table[c - 0x80]);
    } else if (c >= 0x80 || is_control(c)) {
      append_escape(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

std::string display_text(std::string_view raw, Codepage codepage) {
  if (codepage == Codepage::kEscape) {
    std::string out;
    for (const char ch : raw) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0x80 || is_control(c)) {
        append_escape(out, c);
      } else {
        out += ch;
      }
    }
    return out;
  }
  if (codepage == Codepage::kAuto) {
    if (valid_utf8(raw)) {
      std::string out;
      for (const char ch : raw) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_control(c)) {
          append_escape(out, c);
        } else {
          out += ch;
        }
      }
      return out;
    }
    std::size_t low = 0;   // 0x80..0xBF: CP866 upper case and a..p, rare in Windows-1251
    std::size_t high = 0;  // 0xC0..0xFF: all Windows-1251 letters
    for (const char ch : raw) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0xC0) {
        ++high;
      } else if (c >= 0x80) {
        ++low;
      }
    }
    codepage = low > high ? Codepage::kCp866 : Codepage::kWindows1251;
  }
  return convert(raw, codepage == Codepage::kCp866 ? kCp866 : kWindows1251);
}

UnitScale parse_unit(std::string_view unit) {
  const std::string_view u = text::trim(unit);
  struct Base {
    const char* upper;
    const char* canonical;
  };
  constexpr Base kBases[] = {{"V", "V"},     {"A", "A"},     {"W", "W"},       {"VA", "VA"},
                             {"VAR", "var"}, {"HZ", "Hz"},   {"OHM", "Ohm"},   {"WH", "Wh"},
                             {"VAH", "VAh"}, {"VARH", "varh"}};
  const auto base_of = [&](std::string_view s) -> const char* {
    const std::string up = text::upper(s);
    for (const Base& b : kBases) {
      if (up == b.upper) return b.canonical;
    }
    return nullptr;
  };
  if (const char* b = base_of(u)) return {b, 1.0};
  double scale = 0.0;
  std::size_t prefix_len = 1;
  if (!u.empty()) {
    switch (u.front()) {
      case 'k':
      case 'K':
        scale = 1e3;
        break;
      case 'M':
        scale = 1e6;
        break;
      case 'G':
        scale = 1e9;
        break;
      case 'm':
        scale = 1e-3;
        break;
      case 'u':
        scale = 1e-6;
        break;
      default:
        break;
    }
    if (u.size() > 2 && static_cast<unsigned char>(u[0]) == 0xC2 &&
        static_cast<unsigned char>(u[1]) == 0xB5) {  // µ in UTF-8
      scale = 1e-6;
      prefix_len = 2;
    } else if (static_cast<unsigned char>(u[0]) == 0xB5) {  // µ in Latin-1 / Windows-1251
      scale = 1e-6;
    }
  }
  if (scale != 0.0) {
    if (const char* b = base_of(u.substr(prefix_len))) return {b, scale};
  }
  return {std::string(u), 1.0};
}

}  // namespace quadra::comtrade
