// read_comtrade(): finds the files of a record, reads them, and splits a .cff into its sections.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "host/comtrade/comtrade.h"
#include "host/comtrade/text_util.h"

namespace quadra::comtrade {

namespace fs = std::filesystem;

ComtradeError::ComtradeError(const std::string& message, std::string file, std::size_t line,
                             std::optional<std::uint64_t> byte_offset)
    : std::runtime_error(message),
      file_(std::move(file)),
      line_(line),
      byte_offset_(byte_offset) {}

const char* to_string(Revision r) {
  switch (r) {
    case Revision::k1991:
      return "C37.111-1991";
    case Revision::k1999:
      return "C37.111-1999";
    case Revision::k2013:
      return "C37.111-2013";
  }
  return "?";
}

const char* to_string(DataFormat f) {
  switch (f) {
    case DataFormat::kAscii:
      return "ASCII";
    case DataFormat::kBinary:
      return "BINARY";
    case DataFormat::kBinary32:
      return "BINARY32";
    case DataFormat::kFloat32:
      return "FLOAT32";
  }
  return "?";
}

std::int64_t Timestamp::epoch_ns() const {
  // Days from civil (H. Hinnant's algorithm), proleptic Gregorian calendar.
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  const std::int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second;
  return secs * 1'000'000'000 + nanosecond;
}

std::string Timestamp::to_string() const {
  const int digits = fraction_digits < 1 ? 1 : (fraction_digits > 9 ? 9 : fraction_digits);
  std::uint32_t frac = nanosecond;
  for (int i = digits; i < 9; ++i) frac /= 10;
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:0{}}", year, month, day, hour, minute,
                     second, frac, digits);
}

double AnalogChannel::ratio() const {
  if (primary && secondary && *primary > 0.0 && *secondary > 0.0) return *primary / *secondary;
  return 1.0;
}

std::optional<std::size_t> ComtradeConfig::find_analog(int idx) const {
  for (std::size_t i = 0; i < analog.size(); ++i) {
    if (analog[i].index == idx) return i;
  }
  return std::nullopt;
}

double to_basis(const AnalogChannel& channel, double value, Basis want) {
  if (channel.basis == want) return value;
  const double r = channel.ratio();
  return want == Basis::kPrimary ? value * r : value / r;
}

double ComtradeRecord::value(std::size_t c, std::size_t k, Basis basis) const {
  return to_basis(config.analog.at(c), analog.at(c).at(k), basis);
}

std::vector<double> ComtradeRecord::channel_values(std::size_t c, Basis basis) const {
  const AnalogChannel& ch = config.analog.at(c);
  std::vector<double> out(analog.at(c));
  for (double& v : out) v = to_basis(ch, v, basis);
  return out;
}

double ComtradeRecord::mean_rate_hz() const {
  const std::size_t n = time_s.size();
  if (n > 1 && time_s.back() > 0.0) return static_cast<double>(n - 1) / time_s.back();
  return config.rates.empty() ? 0.0 : config.rates.front().rate_hz;
}

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw ComtradeError(fmt::format("{}: cannot open: {}", p.string(), std::strerror(err)),
                        p.filename().string());
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    throw ComtradeError(fmt::format("{}: read error", p.string()), p.filename().string());
  }
  return data;
}

// `p` itself, or a file in the same directory whose name equals it without regard to case.
std::optional<fs::path> find_any_case(const fs::path& p) {
  std::error_code ec;
  if (fs::is_regular_file(p, ec)) return p;
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string want = p.filename().string();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (text::iequals(it->path().filename().string(), want) && it->is_regular_file(ec)) {
      return p.parent_path().empty() ? it->path().filename() : it->path();
    }
  }
  return std::nullopt;
}

bool is_upper_extension(const fs::path& p) {
  const std::string e = p.extension().string();
  return e.size() > 1 && e[1] >= 'A' && e[1] <= 'Z';
}

// The sibling of `p` with extension `ext` (lower case), preferring the case of p's extension.
std::optional<fs::path> sibling(const fs::path& p, std::string_view ext) {
  fs::path s = p;
  s.replace_extension(is_upper_extension(p) ? text::upper(ext) : std::string(ext));
  return find_any_case(s);
}

struct Located {
  fs::path cfg;
  fs::path dat;
  bool cff = false;
};

Located locate(const fs::path& path) {
  const std::string ext = text::upper(path.extension().string());
  Located out;
  if (ext == ".CFF") {
    const auto f = find_any_case(path);
    if (!f) throw ComtradeError(fmt::format("{}: no such file", path.string()));
    out.cfg = out.dat = *f;
    out.cff = true;
    return out;
  }
  if (ext == ".CFG" || ext == ".DAT") {
    const auto given = find_any_case(path);
    if (!given) throw ComtradeError(fmt::format("{}: no such file", path.string()));
    const auto other = sibling(*given, ext == ".CFG" ? ".dat" : ".cfg");
    if (!other) {
      throw ComtradeError(
          fmt::format("{}: no {} file beside it (looked for {} in any case)", given->string(),
                      ext == ".CFG" ? "data" : "configuration",
                      fs::path(*given).replace_extension(ext == ".CFG" ? ".dat" : ".cfg")
                          .filename()
                          .string()));
    }
    out.cfg = ext == ".CFG" ? *given : *other;
    out.dat = ext == ".CFG" ? *other : *given;
    return out;
  }
  // A base name: the .cfg (any case), else the .cff.
  fs::path base = path;
  base += ".cfg";
  if (const auto cfg = find_any_case(base)) return locate(*cfg);
  base = path;
  base += ".cff";
  if (const auto cff = find_any_case(base)) return locate(*cff);
  throw ComtradeError(fmt::format("{}: no such record (looked for {}.cfg and {}.cff in any case)",
                                  path.string(), path.filename().string(),
                                  path.filename().string()));
}

// "--- file type: DAT BINARY: 1234 ---" -> "DAT BINARY: 1234"; empty when not a header.
std::string_view section_header(std::string_view line) {
  line = text::trim(line);
  if (line.size() < 6 || line.substr(0, 3) != "---") return {};
  while (!line.empty() && line.front() == '-') line.remove_prefix(1);
  while (!line.empty() && line.back() == '-') line.remove_suffix(1);
  line = text::trim(line);
  constexpr std::string_view kPrefix = "file type:";
  if (line.size() < kPrefix.size() || !text::iequals(line.substr(0, kPrefix.size()), kPrefix)) {
    return {};
  }
  return text::trim(line.substr(kPrefix.size()));
}

}  // namespace

ComtradeRecord parse_cff(std::string_view data, std::string_view file_name) {
  struct Section {
    std::string_view body;
    std::size_t first_line = 0;
    std::uint64_t first_byte = 0;
    bool present = false;
    bool binary = false;
    std::size_t header_line = 0;
  };
  Section cfg, dat, hdr, inf, unknown;
  std::vector<std::string> warnings;
  Section* open = nullptr;  // text section being collected
  std::size_t pos = 0;
  std::size_t line = 0;
  const auto fail = [&](std::size_t ln, const std::string& m) -> void {
    throw ComtradeError(fmt::format("{}:{}: {}", file_name, ln, m), std::string(file_name), ln);
  };
  const auto close = [&](std::size_t end) {
    if (open != nullptr) {
      open->body = data.substr(open->first_byte, end - open->first_byte);
      open = nullptr;
    }
  };
  while (pos < data.size()) {
    const std::size_t nl = data.find('\n', pos);
    const std::size_t line_end = nl == std::string_view::npos ? data.size() : nl;
    const std::size_t next = nl == std::string_view::npos ? data.size() : nl + 1;
    ++line;
    const std::string_view type = section_header(data.substr(pos, line_end - pos));
    if (type.empty()) {
      if (open == nullptr && !text::trim(data.substr(pos, line_end - pos)).empty()) {
        fail(line, "text outside any '--- file type: ... ---' section");
      }
      pos = next;
      continue;
    }
    close(pos);
    const std::string up = text::upper(type);
    Section* s = nullptr;
    if (up == "CFG") {
      s = &cfg;
    } else if (up == "HDR") {
      s = &hdr;
    } else if (up == "INF") {
      s = &inf;
    } else if (up == "DAT ASCII") {
      s = &dat;
    } else if (up.rfind("DAT BINARY", 0) == 0) {
      s = &dat;
      s->binary = true;
    } else {
      warnings.push_back(fmt::format("{}:{}: unknown section {} skipped", file_name, line,
                                     text::quote(type)));
      unknown = Section{};
      s = &unknown;
    }
    if (s->present) fail(line, fmt::format("second {} section", up));
    pos = next;
    s->present = true;
    s->header_line = line;
    s->first_line = line + 1;
    s->first_byte = pos;
    if (s->binary) {
      std::string_view n = text::trim(type.substr(std::string_view("DAT BINARY").size()));
      if (!n.empty() && n.front() == ':') n = text::trim(n.substr(1));
      const auto bytes = text::parse_integer(n);
      if (!bytes || *bytes < 0) {
        fail(line, fmt::format("DAT BINARY section: byte count {} is not a number",
                               text::quote(n)));
      }
      const auto count = static_cast<std::uint64_t>(*bytes);
      if (count > data.size() - pos) {
        throw ComtradeError(
            fmt::format("{}: byte {}: the DAT BINARY section declares {} bytes, {} left",
                        file_name, pos, count, data.size() - pos),
            std::string(file_name), 0, pos);
      }
      s->body = data.substr(pos, static_cast<std::size_t>(count));
      pos += static_cast<std::size_t>(count);
      // Lines inside the binary block do not count; continue after it.
    } else {
      open = s;
    }
  }
  close(data.size());
  if (!cfg.present) {
    throw ComtradeError(fmt::format("{}: no '--- file type: CFG ---' section", file_name),
                        std::string(file_name));
  }
  if (!dat.present) {
    throw ComtradeError(
        fmt::format("{}: no '--- file type: DAT ASCII ---' or 'DAT BINARY' section", file_name),
        std::string(file_name));
  }
  ComtradeConfig config = parse_cfg(cfg.body, file_name, cfg.first_line);
  if ((config.format == DataFormat::kAscii) == dat.binary) {
    fail(dat.header_line,
         fmt::format("the CFG section gives file type {} but the data section is {}",
                     to_string(config.format), dat.binary ? "DAT BINARY" : "DAT ASCII"));
  }
  ComtradeRecord rec = decode_dat(std::move(config), dat.body, file_name, dat.first_line,
                                  dat.first_byte);
  rec.header = std::string(hdr.body);
  rec.information = std::string(inf.body);
  rec.warnings.insert(rec.warnings.end(), warnings.begin(), warnings.end());
  return rec;
}

ComtradeRecord read_comtrade(const fs::path& path) {
  const Located where = locate(path);
  if (where.cff) {
    const std::string data = read_file(where.cfg);
    ComtradeRecord rec = parse_cff(data, where.cfg.filename().string());
    rec.cfg_path = rec.dat_path = where.cfg;
    return rec;
  }
  const std::string cfg_text = read_file(where.cfg);
  ComtradeConfig config = parse_cfg(cfg_text, where.cfg.filename().string());
  const std::string dat = read_file(where.dat);
  ComtradeRecord rec = decode_dat(std::move(config), dat, where.dat.filename().string());
  rec.cfg_path = where.cfg;
  rec.dat_path = where.dat;
  if (const auto hdr = sibling(where.cfg, ".hdr")) rec.header = read_file(*hdr);
  if (const auto inf = sibling(where.cfg, ".inf")) rec.information = read_file(*inf);
  return rec;
}

}  // namespace quadra::comtrade
