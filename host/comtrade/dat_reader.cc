// The .dat decoder: ASCII, BINARY (int16), BINARY32 (int32), FLOAT32; and the time axis.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "host/comtrade/comtrade.h"
#include "host/comtrade/text_util.h"

namespace quadra::comtrade {
namespace {

using text::quote;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kAsciiMissing = 99999.0;
constexpr std::uint32_t kMissingTimestamp = 0xFFFFFFFFu;

std::uint32_t load_u32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

std::uint16_t load_u16(const unsigned char* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

class DatDecoder {
 public:
  DatDecoder(ComtradeConfig config, std::string_view data, std::string_view name,
             std::size_t first_line, std::uint64_t first_byte)
      : data_(data), name_(name), first_line_(first_line), first_byte_(first_byte) {
    rec_.config = std::move(config);
  }

  ComtradeRecord run() {
    const ComtradeConfig& c = rec_.config;
    tick_s_ = c.timestamp_unit_s * c.timemult;
    rec_.analog.resize(c.analog.size());
    rec_.digital.resize(c.digital.size());
    if (c.format == DataFormat::kAscii) {
      decode_ascii();
    } else {
      decode_binary();
    }
    build_time_axis();
    rec_.warnings = rec_.config.warnings;
    rec_.warnings.insert(rec_.warnings.end(), warnings_.begin(), warnings_.end());
    return std::move(rec_);
  }

 private:
  [[noreturn]] void fail_line(std::size_t line, const std::string& message) const {
    throw ComtradeError(fmt::format("{}:{}: {}", name_, line, message), std::string(name_), line);
  }

  [[noreturn]] void fail_byte(std::uint64_t offset, const std::string& message) const {
    throw ComtradeError(fmt::format("{}: byte {}: {}", name_, offset, message), std::string(name_),
                        0, offset);
  }

  [[noreturn]] void fail_count(std::int64_t records) const {
    throw ComtradeError(fmt::format("sample count {} from the .cfg exceeds the {} records in {}",
                                    rec_.config.sample_count, records, name_),
                        std::string(name_));
  }

  void reserve(std::size_t n) {
    ticks_.reserve(n);
    rec_.sample_number.reserve(n);
    rec_.timestamp_s.reserve(n);
    for (auto& v : rec_.analog) v.reserve(n);
    for (auto& v : rec_.digital) v.reserve(n);
  }

  double scaled(std::size_t ch, double raw) const {
    const AnalogChannel& a = rec_.config.analog[ch];
    return (a.a * raw + a.b) * a.unit_scale;
  }

  // In time stamp mode every record needs an increasing stamp; `where` formats the location.
  template <typename Fail>
  void check_timestamp(double ticks, std::size_t record, Fail&& fail) {
    if (!rec_.config.uses_timestamps) return;
    if (std::isnan(ticks)) {
      fail(fmt::format("record {} has no time stamp, and the .cfg (nrates {}, samp 0) needs the "
                       "time stamps",
                       record, rec_.config.nrates));
    }
    if (record > 1 && !(ticks > last_ticks_)) {
      fail(fmt::format("record {}: time stamp {} does not follow the previous record's {}",
                       record, ticks, last_ticks_));
    }
    last_ticks_ = ticks;
  }

  void decode_ascii() {
    const ComtradeConfig& c = rec_.config;
    const std::size_t nA = c.analog.size();
    const std::size_t nD = c.digital.size();
    const std::size_t expected = 2 + nA + nD;
    const auto count = static_cast<std::uint64_t>(c.sample_count);
    // A record is at least expected-1 commas long: bounds the reservation by the data size.
    reserve(static_cast<std::size_t>(
        std::min<std::uint64_t>(count, data_.size() / std::max<std::size_t>(expected - 1, 1) + 1)));
    text::Lines lines(data_, first_line_);
    std::uint64_t records = 0;
    while (records < count && !lines.done()) {
      const std::string_view line = lines.next();
      if (text::trim(line).empty()) continue;
      ++records;
      const std::size_t ln = lines.line();
      auto f = text::split_fields(line);
      text::drop_trailing_empty(f, expected);
      if (f.size() != expected) {
        fail_line(ln, fmt::format("record {}: {} fields, expected {} (sample number, time stamp, "
                                  "{} analog, {} digital)",
                                  records, f.size(), expected, nA, nD));
      }
      const auto n = text::parse_integer(f[0]);
      if (!n) {
        fail_line(ln, fmt::format("record {}: field 'n' (sample number): {} is not an integer",
                                  records, quote(f[0])));
      }
      double ticks = kNaN;
      if (!f[1].empty()) {
        const auto t = text::parse_number(f[1]);
        if (!t) {
          fail_line(ln, fmt::format("record {}: field 'timestamp': {} is not a number", records,
                                    quote(f[1])));
        }
        ticks = *t;
      }
      check_timestamp(ticks, records, [&](const std::string& m) { fail_line(ln, m); });
      rec_.sample_number.push_back(*n);
      ticks_.push_back(ticks);
      rec_.timestamp_s.push_back(ticks * tick_s_);
      for (std::size_t a = 0; a < nA; ++a) {
        const std::string_view v = f[2 + a];
        double value = kNaN;
        if (!v.empty()) {
          const auto x = text::parse_number(v);
          if (!x) {
            fail_line(ln, fmt::format("record {}: analog channel {} ({}): {} is not a number",
                                      records, c.analog[a].index, quote(c.analog[a].id),
                                      quote(v)));
          }
          if (*x != kAsciiMissing) value = scaled(a, *x);
        }
        rec_.analog[a].push_back(value);
      }
      for (std::size_t d = 0; d < nD; ++d) {
        const std::string_view v = f[2 + nA + d];
        if (v != "0" && v != "1") {
          fail_line(ln, fmt::format("record {}: digital channel {} ({}): {} is neither 0 nor 1",
                                    records, c.digital[d].index, quote(c.digital[d].id),
                                    quote(v)));
        }
        rec_.digital[d].push_back(v == "1" ? 1 : 0);
      }
    }
    if (records < count) fail_count(static_cast<std::int64_t>(records));
    std::size_t extra = 0;
    std::size_t first_extra = 0;
    while (!lines.done()) {
      const std::string_view line = lines.next();
      if (text::trim(line).empty()) continue;
      if (extra++ == 0) first_extra = lines.line();
    }
    if (extra > 0) {
      warnings_.push_back(fmt::format("{}:{}: {} record line(s) after the {} declared in the .cfg "
                                      "ignored",
                                      name_, first_extra, extra, count));
    }
  }

  void decode_binary() {
    const ComtradeConfig& c = rec_.config;
    const std::uint64_t nA = c.analog.size();
    const std::uint64_t nD = c.digital.size();
    const std::uint64_t width = c.format == DataFormat::kBinary ? 2 : 4;
    const std::uint64_t words = (nD + 15) / 16;
    const std::uint64_t rs = 8 + nA * width + 2 * words;
    const auto count = static_cast<std::uint64_t>(c.sample_count);
    const std::uint64_t size = data_.size();
    const std::uint64_t full = size / rs;
    const std::uint64_t rem = size % rs;
    if (full < count) {
      if (rem > 0) {
        fail_byte(first_byte_ + full * rs,
                  fmt::format("record {} is truncated (need {} bytes, {} left)", full + 1, rs,
                              rem));
      }
      fail_count(static_cast<std::int64_t>(full));
    }
    if (full > count) {
      warnings_.push_back(fmt::format("{}: {} records, the .cfg declares {}: the last {} ignored",
                                      name_, full, count, full - count));
    }
    if (rem > 0) {
      warnings_.push_back(fmt::format("{}: byte {}: {} trailing bytes (less than a record) ignored",
                                      name_, first_byte_ + full * rs, rem));
    }
    reserve(static_cast<std::size_t>(count));
    const auto* base = reinterpret_cast<const unsigned char*>(data_.data());
    for (std::uint64_t k = 0; k < count; ++k) {
      const unsigned char* p = base + k * rs;
      const std::uint64_t offset = first_byte_ + k * rs;
      const std::uint32_t n = load_u32(p);
      const std::uint32_t ts = load_u32(p + 4);
      const double ticks = ts == kMissingTimestamp ? kNaN : static_cast<double>(ts);
      check_timestamp(ticks, static_cast<std::size_t>(k + 1),
                      [&](const std::string& m) { fail_byte(offset + 4, m); });
      rec_.sample_number.push_back(n);
      ticks_.push_back(ticks);
      rec_.timestamp_s.push_back(ticks * tick_s_);
      p += 8;
      for (std::uint64_t a = 0; a < nA; ++a, p += width) {
        double value = kNaN;
        if (c.format == DataFormat::kBinary) {
          const auto raw = static_cast<std::int16_t>(load_u16(p));
          if (raw != std::numeric_limits<std::int16_t>::min()) value = scaled(a, raw);
        } else if (c.format == DataFormat::kBinary32) {
          const auto raw = static_cast<std::int32_t>(load_u32(p));
          if (raw != std::numeric_limits<std::int32_t>::min()) {
            value = scaled(a, static_cast<double>(raw));
          }
        } else {
          const std::uint32_t bits = load_u32(p);
          float f = 0.0f;
          std::memcpy(&f, &bits, sizeof f);
          if (std::isfinite(f)) value = scaled(a, static_cast<double>(f));
        }
        rec_.analog[a].push_back(value);
      }
      for (std::uint64_t d = 0; d < nD; ++d) {
        const std::uint16_t word = load_u16(p + 2 * (d / 16));
        rec_.digital[d].push_back(static_cast<std::uint8_t>((word >> (d % 16)) & 1u));
      }
    }
  }

  void build_time_axis() {
    const ComtradeConfig& c = rec_.config;
    const std::size_t n = rec_.sample_number.size();
    rec_.time_s.resize(n);
    if (n == 0) return;
    if (c.uses_timestamps) {
      for (std::size_t k = 0; k < n; ++k) rec_.time_s[k] = (ticks_[k] - ticks_[0]) * tick_s_;
      return;
    }
    // Section r covers samples (end[r-1], end[r]] (1-based). The interval before a sample is at
    // its own section's rate; the first sample is at t = 0.
    double t_prev_end = 0.0;     // time of sample end[r-1]
    std::int64_t prev_end = 1;   // sample whose time is t_prev_end (sample 1 at first)
    std::size_t k = 0;
    for (const SampleRate& r : c.rates) {
      const double period = 1.0 / r.rate_hz;
      for (; k < n && static_cast<std::int64_t>(k) + 1 <= r.end_sample; ++k) {
        const auto s = static_cast<std::int64_t>(k) + 1;
        rec_.time_s[k] = t_prev_end + static_cast<double>(s - prev_end) * period;
      }
      t_prev_end += static_cast<double>(r.end_sample - prev_end) * period;
      prev_end = r.end_sample;
    }
  }

  ComtradeRecord rec_;
  std::string_view data_;
  std::string_view name_;
  std::size_t first_line_;
  std::uint64_t first_byte_;
  double tick_s_ = 1e-6;
  double last_ticks_ = 0.0;
  std::vector<double> ticks_;  // raw time stamps, NaN when missing
  std::vector<std::string> warnings_;
};

}  // namespace

ComtradeRecord decode_dat(ComtradeConfig config, std::string_view data, std::string_view file_name,
                          std::size_t first_line, std::uint64_t first_byte) {
  return DatDecoder(std::move(config), data, file_name, first_line, first_byte).run();
}

}  // namespace quadra::comtrade
