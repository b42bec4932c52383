// Test helpers for host/comtrade: a temporary directory, and a writer of small synthetic records
// in every format, built byte by byte from the standard's layouts (not from the reader's code).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "host/comtrade/comtrade.h"

namespace quadra::comtrade::testutil {

inline std::filesystem::path data_dir() {
  return std::filesystem::path(QUADRA_SOURCE_DIR) / "tests" / "data" / "comtrade";
}

// A fresh directory under the system temp dir, removed with its contents at destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "quadra-comtrade-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

struct SynthAnalog {
  std::string id;
  std::string ph;
  std::string unit = "V";
  double a = 1.0;
  double b = 0.0;
  std::string primary = "1";
  std::string secondary = "1";
  std::string ps = "S";
  std::vector<double> raw;  // the stored numbers (integers unless FLOAT32)
};

struct SynthDigital {
  std::string id;
  std::vector<int> bits;
};

// A record described by its stored numbers; cfg(), dat() and cff() write the files.
struct SynthRecord {
  std::string station = "TEST STATION";
  std::string device = "DEV1";
  std::string rev = "1999";
  std::vector<SynthAnalog> analog;
  std::vector<SynthDigital> digital;
  std::string lf = "50";
  int nrates = 1;
  std::vector<std::pair<std::string, std::int64_t>> rates;  // samp text, endsamp
  std::string start = "04/12/2014,07:01:48.813000";
  std::string trigger = "04/12/2014,07:01:48.900000";
  std::string format = "ASCII";
  std::string timemult = "1";
  std::vector<std::int64_t> timestamps;  // per sample; empty: k * 1000
  std::vector<std::string> extra_cfg_lines;  // appended (2013 time code lines...)

  std::size_t samples() const {
    if (!analog.empty()) return analog.front().raw.size();
    if (!digital.empty()) return digital.front().bits.size();
    return 0;
  }

  std::int64_t timestamp(std::size_t k) const {
    return timestamps.empty() ? static_cast<std::int64_t>(k) * 1000 : timestamps[k];
  }

  std::string cfg() const {
    std::string s = fmt::format("{},{},{}\r\n", station, device, rev);
    s += fmt::format("{},{}A,{}D\r\n", analog.size() + digital.size(), analog.size(),
                     digital.size());
    for (std::size_t i = 0; i < analog.size(); ++i) {
      const SynthAnalog& c = analog[i];
      s += fmt::format("{},{},{},,{},{:.17g},{:.17g},0,-32767,32767,{},{},{}\r\n", i + 1, c.id,
                       c.ph, c.unit, c.a, c.b, c.primary, c.secondary, c.ps);
    }
    for (std::size_t i = 0; i < digital.size(); ++i) {
      s += fmt::format("{},{},,,0\r\n", i + 1, digital[i].id);
    }
    s += lf + "\r\n";
    s += fmt::format("{}\r\n", nrates);
    if (rates.empty()) {
      s += fmt::format("1000,{}\r\n", samples());
    } else {
      for (const auto& [samp, end] : rates) s += fmt::format("{},{}\r\n", samp, end);
    }
    s += start + "\r\n" + trigger + "\r\n" + format + "\r\n" + timemult + "\r\n";
    for (const std::string& l : extra_cfg_lines) s += l + "\r\n";
    return s;
  }

  std::string ascii_dat() const {
    std::string s;
    for (std::size_t k = 0; k < samples(); ++k) {
      s += fmt::format("{},{}", k + 1, timestamp(k));
      for (const SynthAnalog& c : analog) s += fmt::format(",{:.17g}", c.raw[k]);
      for (const SynthDigital& d : digital) s += fmt::format(",{}", d.bits[k]);
      s += "\r\n";
    }
    return s;
  }

  static void put_u32(std::string& s, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
  }
  static void put_u16(std::string& s, std::uint16_t v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>(v >> 8);
  }

  std::string binary_dat() const {
    std::string s;
    for (std::size_t k = 0; k < samples(); ++k) {
      put_u32(s, static_cast<std::uint32_t>(k + 1));
      put_u32(s, static_cast<std::uint32_t>(timestamp(k)));
      for (const SynthAnalog& c : analog) {
        if (format == "BINARY") {
          put_u16(s, static_cast<std::uint16_t>(static_cast<std::int16_t>(c.raw[k])));
        } else if (format == "BINARY32") {
          put_u32(s, static_cast<std::uint32_t>(static_cast<std::int32_t>(c.raw[k])));
        } else {
          const auto f = static_cast<float>(c.raw[k]);
          std::uint32_t bits = 0;
          std::memcpy(&bits, &f, sizeof bits);
          put_u32(s, bits);
        }
      }
      for (std::size_t w = 0; w < (digital.size() + 15) / 16; ++w) {
        std::uint16_t word = 0;
        for (std::size_t b = 0; b < 16 && w * 16 + b < digital.size(); ++b) {
          if (digital[w * 16 + b].bits[k] != 0) word = static_cast<std::uint16_t>(word | (1u << b));
        }
        put_u16(s, word);
      }
    }
    return s;
  }

  std::string dat() const { return format == "ASCII" ? ascii_dat() : binary_dat(); }

  std::string cff() const {
    std::string s = "--- file type: CFG ---\r\n" + cfg();
    s += "--- file type: INF ---\r\n--- file type: HDR ---\r\nsynthetic\r\n";
    if (format == "ASCII") {
      s += "--- file type: DAT ASCII ---\r\n" + ascii_dat();
    } else {
      const std::string d = binary_dat();
      s += fmt::format("--- file type: DAT BINARY: {} ---\r\n", d.size()) + d;
    }
    return s;
  }

  // Writes <dir>/<base>.cfg and .dat (extensions as given) and returns the .cfg path.
  std::filesystem::path write(const std::filesystem::path& dir, const std::string& base,
                              const std::string& cfg_ext = ".cfg",
                              const std::string& dat_ext = ".dat") const {
    write_file(dir / (base + cfg_ext), cfg());
    write_file(dir / (base + dat_ext), dat());
    return dir / (base + cfg_ext);
  }
};

// The message of the ComtradeError `f` throws; fails the test when it throws nothing.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const ComtradeError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no ComtradeError thrown";
  return {};
}

}  // namespace quadra::comtrade::testutil
