// The .cfg parser: every line of C37.111-1991/1999/2013, with the tolerances real files need
// (padded fields, trailing spaces and commas, 1991/1999 channel layouts in any revision, 4-field
// digital lines, extra lines after the end).
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
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

constexpr std::int64_t kMaxChannels = 10'000'000;

bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && leap_year(y)) return 29;
  return kDays[m - 1];
}

bool valid_date(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// "-5h30" -> -330, "+10" -> 600, "0" -> 0. nullopt when the text is not an offset.
std::optional<int> parse_offset(std::string_view s) {
  s = text::trim(s);
  int sign = 1;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  const std::size_t h = s.find_first_of("hH");
  const std::string_view hours = h == std::string_view::npos ? s : s.substr(0, h);
  if (hours.empty() || hours.size() > 2) return std::nullopt;
  const auto hv = text::parse_integer(hours);
  if (!hv || *hv < 0 || *hv > 24 || hours.find_first_of("+- ") != std::string_view::npos) {
    return std::nullopt;
  }
  std::int64_t minutes = 0;
  if (h != std::string_view::npos) {
    const std::string_view mm = s.substr(h + 1);
    const auto mv = text::parse_integer(mm);
    if (mm.size() != 2 || !mv || *mv < 0 || *mv > 59 || mm.find_first_of("+- ") != mm.npos) {
      return std::nullopt;
    }
    minutes = *mv;
  }
  return sign * static_cast<int>(*hv * 60 + minutes);
}

class CfgParser {
 public:
  CfgParser(std::string_view text, std::string_view name, std::size_t first_line)
      : lines_(strip_bom(text), first_line), name_(name) {
    cfg_.file_name = std::string(name);
  }

  ComtradeConfig run() {
    parse_identification();
    parse_counts();
    parse_analog_channels();
    parse_digital_channels();
    parse_line_frequency();
    parse_rates();
    cfg_.start = parse_timestamp("start time (first sample)");
    cfg_.trigger = parse_timestamp("trigger time");
    parse_file_type();
    parse_timemult();
    if (cfg_.revision == Revision::k2013) parse_2013_lines();
    report_extra_lines();
    if (cfg_.revision == Revision::k2013 && cfg_.start.fraction_digits > 6) {
      cfg_.timestamp_unit_s = 1e-9;
    }
    return std::move(cfg_);
  }

 private:
  static std::string_view strip_bom(std::string_view t) {
    if (t.size() >= 3 && t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
    return t;
  }

  [[noreturn]] void fail(std::size_t line, const std::string& message) const {
    throw ComtradeError(fmt::format("{}:{}: {}", name_, line, message), std::string(name_), line);
  }

  // "<context>: field '<name>' (<what>): "<value>" <problem>"
  [[noreturn]] void fail_field(const std::string& context, const char* field, const char* what,
                               std::string_view value, const char* problem) const {
    fail(lines_.line(), fmt::format("{}: field '{}' ({}): {} {}", context, field, what,
                                    quote(value), problem));
  }

  // The next line; a missing one is refused, naming what was expected.
  std::string_view need_line(const std::string& what) {
    if (lines_.done()) {
      fail(lines_.line() + 1,
           fmt::format("missing line: expected {}, but the file ends after line {}", what,
                       lines_.line()));
    }
    return lines_.next();
  }

  double number(std::string_view v, const std::string& ctx, const char* field, const char* what) {
    const auto x = text::parse_number(v);
    if (!x) fail_field(ctx, field, what, v, v.empty() ? "is empty" : "is not a number");
    return *x;
  }

  // An optional number: empty gives `def`.
  double optional_number(std::string_view v, const std::string& ctx, const char* field,
                         const char* what, double def) {
    if (v.empty()) return def;
    return number(v, ctx, field, what);
  }

  std::int64_t integer(std::string_view v, const std::string& ctx, const char* field,
                       const char* what) {
    const auto x = text::parse_integer(v);
    if (!x) fail_field(ctx, field, what, v, v.empty() ? "is empty" : "is not an integer");
    return *x;
  }

  void parse_identification() {
    const std::string_view line = need_line("station name, recording device id, revision year");
    auto f = text::split_fields(line);
    text::drop_trailing_empty(f, 3);
    if (f.size() < 2 || f.size() > 3) {
      fail(lines_.line(),
           fmt::format("identification line: {} fields, expected station_name,rec_dev_id"
                       "[,rev_year]",
                       f.size()));
    }
    cfg_.station = std::string(f[0]);
    cfg_.device_id = std::string(f[1]);
    if (f.size() == 3 && !f[2].empty()) {
      const auto y = text::parse_integer(f[2]);
      if (!y || *y < 1900 || *y > 2099) {
        fail_field("identification line", "rev_year", "revision year", f[2], "is not a year");
      }
      cfg_.revision_year = static_cast<int>(*y);
      if (*y < 1997) {
        cfg_.revision = Revision::k1991;
      } else if (*y < 2013) {
        cfg_.revision = Revision::k1999;
      } else {
        cfg_.revision = Revision::k2013;
      }
      if (*y != 1991 && *y != 1999 && *y != 2013) {
        cfg_.warnings.push_back(fmt::format("{}:{}: revision year {} is not a C37.111 revision: "
                                            "read with the rules of {}",
                                            name_, lines_.line(), *y,
                                            to_string(cfg_.revision)));
      }
    }
  }

  std::int64_t count_with_suffix(std::string_view v, char suffix, const char* field,
                                 const char* what) {
    if (v.empty() || (v.back() != suffix && v.back() != suffix + ('a' - 'A'))) {
      fail_field("channel counts", field, what, v,
                 suffix == 'A' ? "must be a number followed by 'A'"
                               : "must be a number followed by 'D'");
    }
    const auto n = text::parse_integer(v.substr(0, v.size() - 1));
    if (!n || *n < 0 || *n > kMaxChannels) {
      fail_field("channel counts", field, what, v,
                 suffix == 'A' ? "must be a number followed by 'A'"
                               : "must be a number followed by 'D'");
    }
    return *n;
  }

  void parse_counts() {
    const std::string_view line = need_line("channel counts TT,##A,##D");
    auto f = text::split_fields(line);
    text::drop_trailing_empty(f, 3);
    if (f.size() != 3) {
      fail(lines_.line(), fmt::format("channel counts: {} fields, expected TT,##A,##D", f.size()));
    }
    const std::int64_t total = integer(f[0], "channel counts", "TT", "total channel count");
    nA_ = count_with_suffix(f[1], 'A', "##A", "analog channel count");
    nD_ = count_with_suffix(f[2], 'D', "##D", "digital channel count");
    if (total != nA_ + nD_) {
      fail(lines_.line(), fmt::format("channel counts: total {} is not {} analog + {} digital",
                                      total, nA_, nD_));
    }
    cfg_.total_channels = static_cast<int>(total);
  }

  void parse_analog_channels() {
    std::set<std::int64_t> seen;
    std::int64_t previous = 0;
    bool out_of_order = false;
    for (std::int64_t n = 1; n <= nA_; ++n) {
      const std::string ctx = fmt::format("analog channel {}", n);
      const std::string_view line = need_line(fmt::format("{} of {}", ctx, nA_));
      auto f = text::split_fields(line);
      // Trailing commas: keep 13 fields, or 10 (1991 layout).
      if (f.size() > 13) text::drop_trailing_empty(f, 13);
      if (f.size() > 10 && f.size() < 13) text::drop_trailing_empty(f, 10);
      if (f.size() != 10 && f.size() != 13) {
        fail(lines_.line(),
             fmt::format("{}: {} fields, expected 10 (An,ch_id,ph,ccbm,uu,a,b,skew,min,max) or "
                         "13 (..., primary,secondary,PS)",
                         ctx, f.size()));
      }
      AnalogChannel ch;
      ch.line = lines_.line();
      const std::int64_t index = integer(f[0], ctx, "An", "channel index");
      if (index < 1 || index > kMaxChannels) {
        fail_field(ctx, "An", "channel index", f[0], "must be at least 1");
      }
      if (!seen.insert(index).second) {
        fail(lines_.line(), fmt::format("{}: index {} is used twice", ctx, index));
      }
      if (index != n) out_of_order = true;
      if (index < previous) out_of_order = true;
      previous = index;
      ch.index = static_cast<int>(index);
      ch.id = std::string(f[1]);
      ch.phase = std::string(f[2]);
      ch.circuit = std::string(f[3]);
      ch.unit = std::string(f[4]);
      UnitScale u = parse_unit(f[4]);
      ch.si_unit = std::move(u.si_unit);
      ch.unit_scale = u.scale;
      ch.a = number(f[5], ctx, "a", "multiplier");
      ch.b = number(f[6], ctx, "b", "offset");
      ch.skew_us = optional_number(f[7], ctx, "skew", "time skew, us", 0.0);
      ch.min = optional_number(f[8], ctx, "min", "minimum value", 0.0);
      ch.max = optional_number(f[9], ctx, "max", "maximum value", 0.0);
      if (f.size() == 13) {
        if (!f[10].empty()) ch.primary = number(f[10], ctx, "primary", "primary ratio factor");
        if (!f[11].empty()) {
          ch.secondary = number(f[11], ctx, "secondary", "secondary ratio factor");
        }
        const std::string ps = text::upper(f[12]);
        if (ps == "P") {
          ch.basis = Basis::kPrimary;
        } else if (ps == "S" || ps.empty()) {
          ch.basis = Basis::kSecondary;
        } else {
          fail_field(ctx, "PS", "primary/secondary flag", f[12], "is neither P nor S");
        }
        if (ch.primary && ch.secondary && (*ch.primary <= 0.0 || *ch.secondary <= 0.0)) {
          cfg_.warnings.push_back(
              fmt::format("{}:{}: {}: ratio {}/{} is not positive: taken as 1", name_,
                          lines_.line(), ctx, *ch.primary, *ch.secondary));
        }
      }
      cfg_.analog.push_back(std::move(ch));
    }
    if (out_of_order) {
      cfg_.warnings.push_back(fmt::format(
          "{}: analog channel indexes are not 1..{} in order: explicit mappings use the "
          "index written in the file",
          name_, nA_));
    }
  }

  void parse_digital_channels() {
    std::size_t four_field_lines = 0;
    std::size_t first_four_field_line = 0;
    for (std::int64_t n = 1; n <= nD_; ++n) {
      const std::string ctx = fmt::format("digital channel {}", n);
      const std::string_view line = need_line(fmt::format("{} of {}", ctx, nD_));
      auto f = text::split_fields(line);
      if (f.size() > 5) text::drop_trailing_empty(f, 5);
      if (f.size() == 4) text::drop_trailing_empty(f, 3);
      DigitalChannel ch;
      ch.line = lines_.line();
      std::string_view y;
      if (f.size() == 5) {  // Dn,ch_id,ph,ccbm,y (1999, 2013)
        ch.phase = std::string(f[2]);
        ch.circuit = std::string(f[3]);
        y = f[4];
      } else if (f.size() == 3) {  // Dn,ch_id,y (1991)
        y = f[2];
      } else if (f.size() == 4) {  // Dn,ch_id,ph,ccbm: a writer forgot y
        ch.phase = std::string(f[2]);
        ch.circuit = std::string(f[3]);
        if (four_field_lines++ == 0) first_four_field_line = lines_.line();
      } else {
        fail(lines_.line(),
             fmt::format("{}: {} fields, expected 5 (Dn,ch_id,ph,ccbm,y) or 3 (Dn,ch_id,y)", ctx,
                         f.size()));
      }
      const std::int64_t index = integer(f[0], ctx, "Dn", "channel index");
      if (index < 1 || index > kMaxChannels) {
        fail_field(ctx, "Dn", "channel index", f[0], "must be at least 1");
      }
      ch.index = static_cast<int>(index);
      ch.id = std::string(f[1]);
      if (!y.empty()) {
        if (y == "0") {
          ch.normal_state = 0;
        } else if (y == "1") {
          ch.normal_state = 1;
        } else {
          fail_field(ctx, "y", "normal state", y, "is neither 0 nor 1");
        }
      }
      cfg_.digital.push_back(std::move(ch));
    }
    if (four_field_lines > 0) {
      cfg_.warnings.push_back(fmt::format(
          "{}:{}: {} digital channel line(s) have 4 fields (Dn,ch_id,ph,ccbm) and no normal "
          "state: taken as 0",
          name_, first_four_field_line, four_field_lines));
    }
  }

  void parse_line_frequency() {
    const std::string_view line = need_line("line frequency");
    auto f = text::split_fields(line);
    text::drop_trailing_empty(f, 1);
    if (f.size() != 1) fail(lines_.line(), fmt::format("line frequency: {} fields", f.size()));
    const double lf = number(f[0], "line frequency", "lf", "line frequency, Hz");
    if (lf < 0.0) fail_field("line frequency", "lf", "line frequency, Hz", f[0], "is negative");
    cfg_.line_frequency_hz = lf;
  }

  void parse_rates() {
    {
      const std::string_view line = need_line("number of sampling rates");
      auto f = text::split_fields(line);
      text::drop_trailing_empty(f, 1);
      if (f.size() != 1) {
        fail(lines_.line(), fmt::format("number of sampling rates: {} fields", f.size()));
      }
      const std::int64_t n =
          integer(f[0], "number of sampling rates", "nrates", "number of sampling rates");
      if (n < 0 || n > std::numeric_limits<int>::max()) {
        fail_field("number of sampling rates", "nrates", "number of sampling rates", f[0],
                   "is out of range");
      }
      cfg_.nrates = static_cast<int>(n);
    }
    const int rows = cfg_.nrates == 0 ? 1 : cfg_.nrates;
    std::int64_t previous_end = 0;
    for (int r = 1; r <= rows; ++r) {
      const std::string ctx = fmt::format("sampling rate {}", r);
      const std::string_view line = need_line(fmt::format("{} of {} (samp,endsamp)", ctx, rows));
      auto f = text::split_fields(line);
      text::drop_trailing_empty(f, 2);
      if (f.size() != 2) {
        fail(lines_.line(), fmt::format("{}: {} fields, expected samp,endsamp", ctx, f.size()));
      }
      SampleRate sr;
      sr.rate_hz = number(f[0], ctx, "samp", "sampling rate, Hz");
      sr.end_sample = integer(f[1], ctx, "endsamp", "last sample number");
      if (sr.rate_hz < 0.0) fail_field(ctx, "samp", "sampling rate, Hz", f[0], "is negative");
      if (sr.end_sample < 1) {
        fail_field(ctx, "endsamp", "last sample number", f[1], "must be at least 1");
      }
      if (sr.end_sample <= previous_end) {
        fail(lines_.line(),
             fmt::format("{}: field 'endsamp' (last sample number): {} does not exceed the "
                         "previous row's {}",
                         ctx, sr.end_sample, previous_end));
      }
      previous_end = sr.end_sample;
      if (cfg_.nrates == 0) {
        if (sr.rate_hz != 0.0) {
          cfg_.warnings.push_back(fmt::format(
              "{}:{}: nrates is 0 but samp is {}: the time stamps of the .dat are used", name_,
              lines_.line(), sr.rate_hz));
        }
        cfg_.uses_timestamps = true;
      } else if (sr.rate_hz == 0.0) {
        if (cfg_.nrates == 1) {
          cfg_.uses_timestamps = true;
          cfg_.warnings.push_back(fmt::format(
              "{}:{}: nrates 1 with samp 0: the time stamps of the .dat are used", name_,
              lines_.line()));
        } else {
          fail_field(ctx, "samp", "sampling rate, Hz", f[0],
                     "is zero: a zero rate is only allowed with nrates 0 (time stamps)");
        }
      }
      cfg_.rates.push_back(sr);
    }
    cfg_.sample_count = previous_end;
  }

  Timestamp parse_timestamp(const char* what) {
    const std::string_view line = need_line(fmt::format("{} dd/mm/yyyy,hh:mm:ss.ssssss", what));
    auto f = text::split_fields(line);
    text::drop_trailing_empty(f, 2);
    if (f.size() != 2) {
      fail(lines_.line(), fmt::format("{}: {} fields, expected date,time", what, f.size()));
    }
    Timestamp ts;
    parse_date(f[0], what, ts);
    parse_time(f[1], what, ts);
    return ts;
  }

  void parse_date(std::string_view v, const char* what, Timestamp& ts) {
    const bool month_first = cfg_.revision == Revision::k1991;
    const char* layout = month_first ? "is not a date (mm/dd/yy)" : "is not a date (dd/mm/yyyy)";
    std::int64_t part[3] = {0, 0, 0};
    std::size_t year_digits = 0;
    std::size_t start = 0;
    for (int i = 0; i < 3; ++i) {
      const std::size_t slash = i < 2 ? v.find('/', start) : v.size();
      if (slash == std::string_view::npos) fail_field(what, "date", "date", v, layout);
      const std::string_view p = text::trim(v.substr(start, slash - start));
      const auto x = text::parse_integer(p);
      if (!x || *x < 0 || p.find_first_of("+-") != std::string_view::npos) {
        fail_field(what, "date", "date", v, layout);
      }
      part[i] = *x;
      if (i == 2) year_digits = p.size();
      start = slash + 1;
    }
    std::int64_t year = part[2];
    if (year_digits <= 2) year += year >= 70 ? 1900 : 2000;
    if (year < 1900 || year > 2199) {
      fail_field(what, "date", "date", v, "has a year outside 1900..2199");
    }
    const int y = static_cast<int>(year);
    const auto ok = [&](std::int64_t m, std::int64_t d) {
      return m <= 12 && d <= 31 && valid_date(y, static_cast<int>(m), static_cast<int>(d));
    };
    std::int64_t month = month_first ? part[0] : part[1];
    std::int64_t day = month_first ? part[1] : part[0];
    if (!ok(month, day)) {
      if (ok(day, month)) {
        cfg_.warnings.push_back(
            fmt::format("{}:{}: {}: {} is impossible as {}: read as {}", name_, lines_.line(),
                        what, quote(v), month_first ? "mm/dd/yyyy" : "dd/mm/yyyy",
                        month_first ? "dd/mm/yyyy" : "mm/dd/yyyy"));
        std::swap(month, day);
      } else {
        fail_field(what, "date", "date", v,
                   month_first ? "is not a valid date (mm/dd/yy)"
                               : "is not a valid date (dd/mm/yyyy)");
      }
    }
    ts.year = y;
    ts.month = static_cast<int>(month);
    ts.day = static_cast<int>(day);
  }

  void parse_time(std::string_view v, const char* what, Timestamp& ts) {
    const char* bad = "is not a time (hh:mm:ss.ssssss)";
    const std::size_t c1 = v.find(':');
    const std::size_t c2 = c1 == std::string_view::npos ? c1 : v.find(':', c1 + 1);
    if (c2 == std::string_view::npos) fail_field(what, "time", "time of day", v, bad);
    const std::string_view hh = text::trim(v.substr(0, c1));
    const std::string_view mm = text::trim(v.substr(c1 + 1, c2 - c1 - 1));
    std::string_view ss = text::trim(v.substr(c2 + 1));
    const auto all_digits = [](std::string_view s) {
      if (s.empty()) return false;
      for (const char c : s) {
        if (c < '0' || c > '9') return false;
      }
      return true;
    };
    std::string_view frac;
    const std::size_t dot = ss.find('.');
    if (dot != std::string_view::npos) {
      frac = ss.substr(dot + 1);
      ss = ss.substr(0, dot);
      if (!frac.empty() && !all_digits(frac)) fail_field(what, "time", "time of day", v, bad);
    }
    if (!all_digits(hh) || !all_digits(mm) || !all_digits(ss) || hh.size() > 2 ||
        mm.size() > 2 || ss.size() > 2) {
      fail_field(what, "time", "time of day", v, bad);
    }
    const auto h = *text::parse_integer(hh);
    const auto m = *text::parse_integer(mm);
    const auto s = *text::parse_integer(ss);
    if (h > 23 || m > 59 || s > 60) {
      fail_field(what, "time", "time of day", v, "is out of range");
    }
    ts.hour = static_cast<int>(h);
    ts.minute = static_cast<int>(m);
    ts.second = static_cast<int>(s);
    std::uint32_t ns = 0;
    for (std::size_t i = 0; i < 9; ++i) {
      ns = ns * 10 + (i < frac.size() ? static_cast<std::uint32_t>(frac[i] - '0') : 0u);
    }
    ts.nanosecond = ns;
    ts.fraction_digits = static_cast<int>(frac.size());
  }

  void parse_file_type() {
    const std::string_view line = need_line("file type (ASCII, BINARY, BINARY32 or FLOAT32)");
    auto f = text::split_fields(line);
    text::drop_trailing_empty(f, 1);
    const std::string ft = text::upper(f[0]);
    if (f.size() == 1 && ft == "ASCII") {
      cfg_.format = DataFormat::kAscii;
    } else if (f.size() == 1 && ft == "BINARY") {
      cfg_.format = DataFormat::kBinary;
    } else if (f.size() == 1 && ft == "BINARY32") {
      cfg_.format = DataFormat::kBinary32;
    } else if (f.size() == 1 && ft == "FLOAT32") {
      cfg_.format = DataFormat::kFloat32;
    } else {
      fail(lines_.line(),
           fmt::format("field 'ft' (file type): unknown file type {} (expected ASCII, BINARY, "
                       "BINARY32 or FLOAT32)",
                       quote(text::trim(line))));
    }
    if (cfg_.revision != Revision::k2013 &&
        (cfg_.format == DataFormat::kBinary32 || cfg_.format == DataFormat::kFloat32)) {
      cfg_.warnings.push_back(fmt::format("{}:{}: file type {} is a 2013 type in a {} file",
                                          name_, lines_.line(), to_string(cfg_.format),
                                          to_string(cfg_.revision)));
    }
  }

  void parse_timemult() {
    if (lines_.done() || text::trim(peek()).empty()) {
      if (cfg_.revision != Revision::k1991) {
        cfg_.warnings.push_back(fmt::format(
            "{}:{}: no time multiplier line: timemult taken as 1", name_, lines_.line() + 1));
      }
      if (!lines_.done() && cfg_.revision == Revision::k2013) lines_.next();
      return;
    }
    const std::string_view line = lines_.next();
    auto f = text::split_fields(line);
    text::drop_trailing_empty(f, 1);
    if (f.size() != 1) fail(lines_.line(), fmt::format("time multiplier: {} fields", f.size()));
    const double m = number(f[0], "time multiplier", "timemult", "time stamp multiplier");
    if (m <= 0.0) {
      fail_field("time multiplier", "timemult", "time stamp multiplier", f[0],
                 "must be positive");
    }
    cfg_.timemult = m;
  }

  void parse_2013_lines() {
    if (lines_.done()) {
      cfg_.warnings.push_back(fmt::format(
          "{}: 2013 file without the time code and time quality lines", name_));
      return;
    }
    {
      const std::string_view line = lines_.next();
      auto f = text::split_fields(line);
      text::drop_trailing_empty(f, 2);
      if (f.size() > 2) {
        fail(lines_.line(), fmt::format("time code line: {} fields, expected time_code,"
                                        "local_code",
                                        f.size()));
      }
      TimeCode tc;
      tc.time_code = std::string(f[0]);
      if (f.size() > 1) tc.local_code = std::string(f[1]);
      tc.time_code_minutes = parse_offset(tc.time_code);
      tc.local_code_minutes = parse_offset(tc.local_code);
      if (!tc.time_code_minutes || (!tc.local_code.empty() && !tc.local_code_minutes)) {
        cfg_.warnings.push_back(fmt::format("{}:{}: time code {} is not an offset like -5h30",
                                            name_, lines_.line(), quote(text::trim(line))));
      }
      cfg_.time_code = std::move(tc);
    }
    if (lines_.done()) {
      cfg_.warnings.push_back(fmt::format("{}: 2013 file without the time quality line", name_));
      return;
    }
    {
      const std::string_view line = lines_.next();
      auto f = text::split_fields(line);
      text::drop_trailing_empty(f, 2);
      if (f.size() > 2) {
        fail(lines_.line(),
             fmt::format("time quality line: {} fields, expected tmq_code,leapsec", f.size()));
      }
      TimeQuality tq;
      tq.tmq_code = std::string(f[0]);
      if (f.size() > 1) tq.leap_second = std::string(f[1]);
      if (tq.tmq_code.size() == 1) {
        const char c = tq.tmq_code[0];
        if (c >= '0' && c <= '9') tq.tmq_value = c - '0';
        if (c >= 'A' && c <= 'F') tq.tmq_value = c - 'A' + 10;
        if (c >= 'a' && c <= 'f') tq.tmq_value = c - 'a' + 10;
      }
      if (tq.leap_second.size() == 1 && tq.leap_second[0] >= '0' && tq.leap_second[0] <= '3') {
        tq.leap_value = tq.leap_second[0] - '0';
      }
      if (!tq.tmq_value || !tq.leap_value) {
        cfg_.warnings.push_back(fmt::format(
            "{}:{}: time quality {} is not tmq_code (0..F),leapsec (0..3)", name_, lines_.line(),
            quote(text::trim(line))));
      }
      cfg_.time_quality = std::move(tq);
    }
  }

  void report_extra_lines() {
    std::size_t extra = 0;
    std::size_t first = 0;
    std::string_view first_text;
    while (!lines_.done()) {
      const std::string_view line = lines_.next();
      if (text::trim(line).empty()) continue;
      if (extra++ == 0) {
        first = lines_.line();
        first_text = text::trim(line);
      }
    }
    if (extra > 0) {
      cfg_.warnings.push_back(fmt::format("{}:{}: {} line(s) after the end of the configuration "
                                          "ignored, from {}",
                                          name_, first, extra, quote(first_text)));
    }
  }

  // The line after the current one, without consuming it.
  std::string_view peek() const {
    text::Lines copy = lines_;
    return copy.next();
  }

  text::Lines lines_;
  std::string_view name_;
  ComtradeConfig cfg_;
  std::int64_t nA_ = 0;
  std::int64_t nD_ = 0;
};

}  // namespace

ComtradeConfig parse_cfg(std::string_view text, std::string_view file_name,
                         std::size_t first_line) {
  return CfgParser(text, file_name, first_line).run();
}

}  // namespace quadra::comtrade
