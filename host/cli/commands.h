// The subcommands of `quadra`, callable from tests. Each returns the process exit code and throws
// std::exception (with a complete message) for refused input.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/quality/quality_event.h"

#include "host/cli/measure_report.h"
#include "host/cli/measurement_summary.h"

namespace quadra::host {

struct RunOptions {
  std::string scenario_path;  // empty: built-in scenario
  std::string config_path;    // empty: default meter configuration
  std::string speed = "1";    // number > 0, or "max"
  std::string duration;       // empty: the scenario's duration (endless if it has none)
  std::string start;          // local date (and time) of meter time 0; empty: 2026-01-01 + scenario time of day
  bool fast = false;          // phasor-level ticks instead of samples
  std::string report_path;    // --report: every register as JSON at the end
  bool quiet = false;
  std::string data_dir = "quadra-data";  // the store is <data_dir>/<serial_number>.db
  bool no_store = false;                 // memory only: nothing read, nothing saved
  bool reconfigure = false;              // an existing store takes --config's configuration (event 47)
  std::string wrapper = "4059";          // DLMS/COSEM TCP wrapper: [ADDRESS:]PORT, or "none"
  bool progress = false;                 // a line "progress <meter time s> <+A Wh>" per interval on stdout
  std::string optical;                   // IEC 62056-21 port: link to its pty; empty: <data_dir>/optical; "none"
  std::string hdlc_tcp = "4061";         // DLMS/COSEM over HDLC on TCP: [ADDRESS:]PORT, or "none"
  std::string serial1;                   // serial port 1 (HDLC): link to its pty; empty: <data_dir>/serial1; "none"
  std::string serial2;                   // serial port 2 (HDLC): likewise <data_dir>/serial2
  std::string modem = "4060";            // the communication module's DLMS/COSEM TCP port: [ADDRESS:]PORT, or "none"
};

struct DumpOptions {
  std::string store_path;    // a store file, or a data directory holding exactly one
  std::string what;          // "profile", "log", "config", "registers"
  std::string which;         // profile 1|2, or a log name
  std::string from, to;      // local date-times (profile and log), empty = no bound
  bool csv = false;
};

struct MeasureOptions {
  std::string path;
  bool json = false;
  std::string series_path;
  std::string mapping;
  std::string config_path;
};

struct ImageMakeOptions {
  std::string identifier;  // the firmware identifier the package carries (1..32 printable ASCII)
  std::string in_path;     // the payload: any file
  std::string out_path;    // the package written
};

int run_meter(const RunOptions& options);
// Reads a stopped (or running) meter's store and prints rows as CSV or a table.
int dump_store(const DumpOptions& options);
// Prints the JSON object or the table to stdout.
int measure_recording(const MeasureOptions& options);

// What `quadra measure` computes, before formatting.
struct MeasureResult {
  RunSummary summary;
  ElementEnergies energy;
  std::string mapping_report;
  std::vector<quality::QualityEvent> events;  // finished disturbances, in the order they ended
};
MeasureResult measure(const MeasureOptions& options);

// `quadra image make`: writes the firmware package of options.in_path (core/cosem/firmware_package.h)
// to options.out_path. Throws std::invalid_argument for an identifier the format refuses or a
// package above the meter's largest image, std::runtime_error for a file that cannot be read or
// written.
struct ImageMade {
  std::size_t size = 0;                          // octets of the package
  std::array<std::uint8_t, 32> payload_sha256{};  // what verification checks and activation shows
};
ImageMade make_image(const ImageMakeOptions& options);
int make_image_command(const ImageMakeOptions& options);  // prints what it made

// "90", "90s", "15m", "2h", "1d" -> seconds. Throws std::invalid_argument with a clear message.
double parse_duration(const std::string& text);

}  // namespace quadra::host
