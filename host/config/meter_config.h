// The meter's own settings (rating, wiring, calibration, pulse outputs) from a TOML file, turned
// into the core's MetrologyConfig. The file format is documented in README.md ("Configuration").
#pragma once

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/cosem/modem_objects.h"
#include "core/cosem/radio_objects.h"
#include "core/push/auto_connect.h"
#include "core/meter/meter.h"
#include "core/push/push_engine.h"
#include "core/metrology/metrology_config.h"

namespace quadra::host {

// A refused configuration; what() is "file:line: path: reason".
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MeterConfig {
  metrology::MetrologyConfig metrology;
  // Clock, tariffs, demand, losses and billing ([clock], [tariff], [demand], [losses], [billing]).
  meter::MeterSettings application;
  // Set when the file gives them; otherwise the sample source's values apply.
  std::optional<double> nominal_voltage_v;
  std::optional<double> vt_ratio;
  std::optional<double> ct_ratio;
  // [meter] serial_number: names the meter and its store file (<data dir>/<serial>.db).
  std::string serial_number = "QDR00000001";
  // [store] persist_interval_s: meter time between two saves (0.1 .. 60 s). A kill loses at most
  // this much registered energy; a power down is saved at once.
  double persist_interval_s = 1.0;
  // [profile1] / [profile2] capture = [...]: the lists live here (count 0: the default list);
  // finish_meter_settings points the settings at them, so this object must outlive the Meter's
  // construction.
  std::array<std::array<meter::Obis, recording::kMaxProfileCaptures>, 2> profile_captures{};
  std::array<std::size_t, 2> profile_capture_count{};
  // [quality] keys the file gives, applied over the values derived from the metrology.
  std::vector<std::pair<std::string, double>> quality_overrides;
  // [push]: where and how both push setups deliver (their object lists are the defaults of
  // core/push/default_pushes.h). An empty destination leaves the pushes off.
  struct Push {
    push::PushSettings delivery;  // destination, windows, randomisation, retries, delay (no objects)
    // The interval push's schedule 0.0.15.0.4.255 at start (0: none): execution times every
    // interval_s of local time (push_schedule.h schedule_every); the management client rewrites it.
    double interval_s = 900.0;
    // The least protection of every notification; the security policy of Security setup
    // 0.0.43.0.0.255 (its response bits) adds to it (core/push/push_engine.h).
    push::Protection protection = push::Protection::kAuthenticatedEncrypted;
    std::size_t queue = 8;
  } push;
  // [pulse_input] rate_hz: pulses per second `quadra run` feeds the pulse input by itself (a
  // simulated external meter; 0: only the "pulse N" lines of standard input).
  double pulse_rate_hz = 0.0;
  // [modem]: the communication module's configured values (its TCP port is `quadra run --modem`).
  cosem::ModemSettings modem;
  // [optical]: the optical port's IEC 62056-21 side. readout: the readout list (0.0.21.0.0.255),
  // OBIS codes shown as core/io/readout_list.h says (F = 255 the current value, 101..125 a billing
  // period, "1.8.1*NN"; a maximum demand with its time stamp); empty: the built-in list
  // (io::default_readout_config). readout_where[k]: "file:line: optical.readout[k]", for the
  // start-up check against the running meter (check_optical_readout). device_address: answered in
  // "/?address!" (empty: only "/?!"); password: programming mode P1.
  struct Optical {
    std::vector<meter::Obis> readout;
    std::vector<std::string> readout_where;
    std::string device_address;
    std::string password = "00000000";
  } optical;
  // [modem]: the simulated radio network the module registers on (operator, registration,
  // technology, serving and adjacent cells, LTE parameters and quality), as GSM diagnostic and
  // LTE monitoring show it while the module is in (host/cli/radio_network.h).
  cosem::RadioNetwork radio = default_radio_network();
  // [modem] auto_connect_*: the Auto connect 0.0.2.1.0.255 at the first start.
  push::AutoConnectSettings auto_connect = default_auto_connect();

  static cosem::RadioNetwork default_radio_network();
  static push::AutoConnectSettings default_auto_connect();
};

// What the sample source says about the installation.
struct SourceFacts {
  double sample_rate_hz = 6400.0;
  double nominal_frequency_hz = 50.0;
  double nominal_voltage_v = 230.0;  // secondary, phase to neutral
  double vt_ratio = 1.0;
  double ct_ratio = 1.0;
};

// The configuration a meter has when no file is given: 3x230/400 V, Iref 5 A, Ist 5 mA, 4-wire,
// arithmetic apparent power, pulse outputs 1..4 = +A, -A, +R, -R of the total at 20 000 imp/kWh
// (secondary).
MeterConfig default_meter_config();

// Parses `text` (named `source_name` in messages). Throws ConfigError naming line and key.
MeterConfig parse_meter_config(std::string_view text, std::string_view source_name);
MeterConfig load_meter_config(const std::string& path);

// Takes the source's sampling rate and nominal frequency, and its nominal voltage and ratios unless
// the configuration sets them, then checks the result with the core's validate_config.
// Throws ConfigError.
metrology::MetrologyConfig finish_metrology_config(const MeterConfig& meter, const SourceFacts& source);

// The meter application's settings with the RTC started at start_utc (UTC seconds) and the
// power-quality monitor's declared values taken from the metrology (primary Udin and Iref, nominal
// frequency with a +-1 % band), checked with Meter::validate. Throws ConfigError.
meter::MeterSettings finish_meter_settings(const MeterConfig& meter, std::int64_t start_utc,
                                           const metrology::MetrologyConfig& metrology);

// Checks the [optical] readout list against the running meter (its billing capture list decides
// which billing values exist; io::MeterReadout::validate_items). Throws ConfigError naming the
// file, line and item.
void check_optical_readout(const MeterConfig& config, const meter::Meter& meter);

}  // namespace quadra::host
