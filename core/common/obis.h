// OBIS codes (IEC 62056-6-1): six value groups A.B.C.D.E.F that name every quantity of the meter.
// In core/common because every layer that names registers (meter, recording, later COSEM) uses it;
// the namespace is the meter's, where the names belong.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace quadra::meter {

struct Obis {
  std::array<std::uint8_t, 6> v{};

  constexpr Obis() = default;
  constexpr Obis(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, std::uint8_t e, std::uint8_t f = 255)
      : v{a, b, c, d, e, f} {}

  constexpr std::uint8_t a() const { return v[0]; }
  constexpr std::uint8_t b() const { return v[1]; }
  constexpr std::uint8_t c() const { return v[2]; }
  constexpr std::uint8_t d() const { return v[3]; }
  constexpr std::uint8_t e() const { return v[4]; }
  constexpr std::uint8_t f() const { return v[5]; }
  constexpr bool operator==(const Obis&) const = default;

  // Writes "A.B.C.D.E.F" (at most 23 characters plus the terminating zero) into out.
  void format(char (&out)[24]) const {
    std::size_t n = 0;
    for (std::size_t k = 0; k < 6; ++k) {
      unsigned x = v[k];
      char digits[3];
      std::size_t d = 0;
      do {
        digits[d++] = static_cast<char>('0' + x % 10);
        x /= 10;
      } while (x > 0);
      while (d > 0) out[n++] = digits[--d];
      if (k < 5) out[n++] = '.';
    }
    out[n] = '\0';
  }

  // Parses "A.B.C.D.E.F" or "A.B.C.D.E" (F = 255), also with the "A-B:C.D.E*F" notation.
  // Returns false for anything else.
  static bool parse(const char* text, Obis& out) {
    std::size_t group = 0;
    unsigned value = 0;
    bool digit = false;
    Obis r;
    for (const char* p = text;; ++p) {
      const char ch = *p;
      if (ch >= '0' && ch <= '9') {
        value = value * 10 + static_cast<unsigned>(ch - '0');
        if (value > 255) return false;
        digit = true;
        continue;
      }
      const bool sep = ch == '.' || ch == '-' || ch == ':' || ch == '*';
      if (!(sep || ch == '\0') || !digit || group >= 6) return false;
      r.v[group++] = static_cast<std::uint8_t>(value);
      value = 0;
      digit = false;
      if (ch == '\0') break;
    }
    if (group == 5) r.v[5] = 255;
    else if (group != 6) return false;
    out = r;
    return true;
  }
};

}  // namespace quadra::meter
