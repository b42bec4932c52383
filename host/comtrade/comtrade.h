// COMTRADE reader: IEEE C37.111-1991/1999/2013 (and files with no revision year, read as 1991).
//
// A record is a .cfg (configuration) plus a .dat (samples) in ASCII, BINARY (int16), BINARY32
// (int32) or FLOAT32, or the 2013 single-file .cff that holds both. read_comtrade() loads the
// whole record into memory: configuration, one time per sample, every analog channel as double
// in SI units (a*x+b, then the unit's SI prefix: kV -> V, mA -> A), every digital channel as bits.
//
// Errors: every malformed input is refused by throwing ComtradeError, whose message names the
// file, the line (.cfg, ASCII .dat) or byte offset (binary .dat), and the field, e.g.
//   4.CFG:3: analog channel 1: field 'a' (multiplier): "x.5" is not a number
// Nothing is read out of bounds on any input (see comtrade_fuzz.cc). Oddities that do not stop a
// faithful reading (extra lines, extra records, a missing normal state) become warnings.
//
// Names (station, channel ids, units) are kept as the raw bytes of the file: they are often in an
// 8-bit code page (Windows-1251, CP866). Use display_text() to print them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace quadra::comtrade {

// Thrown for every refused input. what() is the full message; the parts are kept for programs
// that want them. line() is 0 and byte_offset() empty when they do not apply.
class ComtradeError : public std::runtime_error {
 public:
  explicit ComtradeError(const std::string& message, std::string file = {}, std::size_t line = 0,
                         std::optional<std::uint64_t> byte_offset = {});
  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }
  std::optional<std::uint64_t> byte_offset() const { return byte_offset_; }

 private:
  std::string file_;
  std::size_t line_ = 0;
  std::optional<std::uint64_t> byte_offset_;
};

// The rules a file is read with. The revision year is kept as written; years other than 1991,
// 1999 and 2013 are read with the rules of the nearest earlier standard at or after 1997: a
// year before 1997 (or none) is 1991, 1997..2012 (e.g. Sepam's 1997, some recorders' 2000) is
// 1999, 2013 and later is 2013.
enum class Revision { k1991, k1999, k2013 };

enum class DataFormat { kAscii, kBinary, kBinary32, kFloat32 };

// Which side of the instrument transformer a value is expressed at.
enum class Basis { kPrimary, kSecondary };

const char* to_string(Revision r);
const char* to_string(DataFormat f);

// A date and time as written in the .cfg (no time zone applied).
struct Timestamp {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;               // 0..60 (60 only in a leap second)
  std::uint32_t nanosecond = 0;  // the fraction of the second, to the ns (truncated)
  int fraction_digits = 0;       // how many digits the fraction had (6: us, 9: ns)

  // Nanoseconds since 1970-01-01 00:00:00 of the same (unspecified) time scale.
  std::int64_t epoch_ns() const;
  // "2014-12-04 07:01:48.813000" (as many fraction digits as written, at least one).
  std::string to_string() const;
};

struct AnalogChannel {
  int index = 0;             // An, 1-based, as written (files may skip numbers)
  std::string id;            // ch_id, raw bytes, surrounding spaces removed
  std::string phase;         // ph
  std::string circuit;       // ccbm (circuit component being monitored)
  std::string unit;          // uu as written ("kV")
  std::string si_unit;       // unit without its SI prefix ("V"); the raw unit when not known
  double unit_scale = 1.0;   // SI prefix factor (1000 for kV); values are multiplied by it
  double a = 1.0;            // multiplier
  double b = 0.0;            // offset
  double skew_us = 0.0;      // skew, microseconds as in the file (not applied to the samples)
  double min = 0.0;          // range of the raw values, as written (not enforced)
  double max = 0.0;
  std::optional<double> primary;    // absent in the 1991 layout (10 fields)
  std::optional<double> secondary;
  Basis basis = Basis::kSecondary;  // the P/S flag; S when absent
  std::size_t line = 0;             // line in the .cfg (or .cff)

  // primary/secondary when both are given and positive, else 1.
  double ratio() const;
};

struct DigitalChannel {
  int index = 0;
  std::string id;
  std::string phase;
  std::string circuit;
  int normal_state = 0;  // y
  std::size_t line = 0;
};

// One row of the sampling-rate table: samples up to end_sample (1-based, inclusive) were taken at
// rate_hz. rate_hz 0 (with nrates 0) means "use the time stamps of the .dat".
struct SampleRate {
  double rate_hz = 0.0;
  std::int64_t end_sample = 0;
};

// 2013 time code line ("-5h30,-5h30"): offsets from UTC, in minutes.
struct TimeCode {
  std::string time_code;   // as written
  std::string local_code;
  std::optional<int> time_code_minutes;  // parsed when the text is a valid offset
  std::optional<int> local_code_minutes;
};

// 2013 time quality line ("B,3").
struct TimeQuality {
  std::string tmq_code;  // as written (one hex digit)
  std::string leap_second;
  std::optional<int> tmq_value;   // 0..15
  std::optional<int> leap_value;  // 0..3
};

struct ComtradeConfig {
  std::string file_name;   // the name used in messages ("4.CFG")
  std::string station;     // raw bytes
  std::string device_id;   // raw bytes
  std::optional<int> revision_year;  // as written; empty when the file has none
  Revision revision = Revision::k1991;
  int total_channels = 0;
  std::vector<AnalogChannel> analog;
  std::vector<DigitalChannel> digital;
  double line_frequency_hz = 0.0;
  int nrates = 0;                   // as written; 0 means time stamps
  std::vector<SampleRate> rates;    // at least one row
  bool uses_timestamps = false;     // the .dat time stamps give the sample times
  std::int64_t sample_count = 0;    // end_sample of the last row
  Timestamp start;                  // first sample
  Timestamp trigger;
  DataFormat format = DataFormat::kAscii;
  double timemult = 1.0;
  // Seconds per time stamp tick before timemult: 1e-6, or 1e-9 in a 2013 file whose start time
  // has more than 6 fraction digits.
  double timestamp_unit_s = 1e-6;
  std::optional<TimeCode> time_code;
  std::optional<TimeQuality> time_quality;
  std::vector<std::string> warnings;

  // The position in `analog` of the channel whose An is `index`, if any.
  std::optional<std::size_t> find_analog(int index) const;
};

struct ComtradeRecord {
  ComtradeConfig config;
  std::filesystem::path cfg_path;  // for a .cff both paths are the .cff
  std::filesystem::path dat_path;
  std::string header;        // the .hdr file or HDR section, if any (raw bytes)
  std::string information;   // the .inf file or INF section, if any

  // One entry per sample (config.sample_count of them).
  std::vector<double> time_s;              // seconds from the first sample
  std::vector<std::int64_t> sample_number; // as written in the .dat
  // The .dat time stamp in seconds (ticks * timestamp unit * timemult); NaN when missing.
  std::vector<double> timestamp_s;
  // analog[c][k]: channel c (position in config.analog), sample k, SI units, at the basis given by
  // the channel's P/S flag. NaN where the file marks the value missing (99999 in ASCII or an
  // empty field, 0x8000 in BINARY, 0x80000000 in BINARY32, a NaN in FLOAT32).
  std::vector<std::vector<double>> analog;
  // digital[c][k]: 0 or 1.
  std::vector<std::vector<std::uint8_t>> digital;
  // The configuration's warnings followed by the data file's.
  std::vector<std::string> warnings;

  std::size_t sample_count() const { return time_s.size(); }
  // The value of analog channel c (position) at sample k expressed at `basis`, using the channel's
  // ratio and P/S flag. Channels with no ratio (or 1/1) give the same value at both bases.
  double value(std::size_t c, std::size_t k, Basis basis) const;
  // The whole channel at `basis`.
  std::vector<double> channel_values(std::size_t c, Basis basis) const;
  // The mean sampling rate, (samples - 1) / duration; the first table rate for a single sample.
  double mean_rate_hz() const;
};

// Converts one value of `channel` from the basis it was recorded at to `want`.
double to_basis(const AnalogChannel& channel, double value, Basis want);

// Reads a record. `path` may name the .cfg, the .dat, the .cff, or the base name without
// extension (then the .cfg is preferred over the .cff). Extensions are matched without regard to
// case: "4.cfg" finds 4.CFG and its 4.DAT. A .hdr/.inf beside the .cfg is read when present.
ComtradeRecord read_comtrade(const std::filesystem::path& path);

// The pieces read_comtrade() is made of, for in-memory data (tests, fuzzing). `file_name` is used
// in messages; `first_line` is the line number of the first line of `text` in its file.
ComtradeConfig parse_cfg(std::string_view text, std::string_view file_name,
                         std::size_t first_line = 1);
// Decodes the samples of `config` from `data`. For an ASCII .dat, `first_line` numbers the first
// line of `data`; for a binary one, `first_byte` is the offset of `data` in its file.
ComtradeRecord decode_dat(ComtradeConfig config, std::string_view data, std::string_view file_name,
                          std::size_t first_line = 1, std::uint64_t first_byte = 0);
// Parses a 2013 single-file .cff held in memory.
ComtradeRecord parse_cff(std::string_view data, std::string_view file_name);

// The SI prefix of a unit: "kV" -> {"V", 1e3}, "mA" -> {"A", 1e-3}, "deg" -> {"deg", 1}. A prefix
// (k/K, M, m, u/µ, G) is only recognised before V, A, W, VA, var, Hz, Ohm, Wh, VAh, varh.
struct UnitScale {
  std::string si_unit;
  double scale = 1.0;
};
UnitScale parse_unit(std::string_view unit);

// Makes raw bytes from a file printable as UTF-8. Valid UTF-8 is returned unchanged. Otherwise
// the text is taken as a Cyrillic 8-bit code page and converted: CP866 when most of its high
// bytes are in 0x80..0xBF (where CP866 keeps its most frequent letters), else Windows-1251.
// Control characters (in every mode) and bytes with no mapping are shown as \xNN; kEscape shows
// every byte above 0x7F that way.
enum class Codepage { kAuto, kWindows1251, kCp866, kEscape };
std::string display_text(std::string_view raw, Codepage codepage = Codepage::kAuto);

}  // namespace quadra::comtrade
