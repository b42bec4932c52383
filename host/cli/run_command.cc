// quadra run: the meter on a simulated grid, paced to --speed, with a live one-screen summary.
// Sample path: GridSimulator -> Metrology -> Meter. Fast mode: PhasorTicker -> Meter.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cmath>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/clock/time_zone.h"
#include "core/io/port_settings.h"
#include "core/meter/meter.h"
#include "core/metrology/metrology.h"
#include "host/cli/commands.h"
#include "host/cli/dlms_service.h"
#include "host/cli/event_names.h"
#include "host/cli/hdlc_ports.h"
#include "host/cli/live_view.h"
#include "host/cli/meter_report.h"
#include "host/cli/modem.h"
#include "host/cli/port_settings_store.h"
#include "host/cli/meta_image_store.h"
#include "host/cli/push_service.h"
#include "host/cli/operator_input.h"
#include "host/cli/store_session.h"
#include "host/config/meter_config.h"
#include "host/sim/builtin_scenario.h"
#include "host/sim/grid_simulator.h"
#include "host/sim/phasor_ticker.h"
#include "host/ports/optical_port.h"
#include "host/ports/wrapper_port.h"
#include "host/sim/scenario_toml.h"

namespace quadra::host {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

constexpr double kFastTickS = 900.0;

// Feeds the metrology's windows, half cycles and 10 s frequency to the meter application.
// Alarms that pass the alarm filter: in the log, besides the alarm push (push_service.h).
struct LogNotifier final : recording::Notifier {
  void on_notification(const recording::AlarmNotification& n) override {
    spdlog::warn("0.0.97.98.0.255: alarm bit {} raised by event {} ({}) of the {} log at {}; alarm register {:#010x}, "
                 "reported {:#010x}",
                 n.bit, n.code, event_name(n.group, n.code), log_group_cli_name(n.group), iso_utc(static_cast<double>(n.utc_s)),
                 n.alarm_register, n.reported);
  }
};

struct MeterSink : metrology::MeasurementSink {
  explicit MeterSink(meter::Meter& m) : meter(m) {}
  meter::Meter& meter;
  metrology::WindowValues latest_window;
  meter::IntervalValues latest;
  bool have = false;
  void on_window(const metrology::WindowValues& w) override {
    latest_window = w;
    meter.on_window(w);
    latest = meter.last_interval();
    have = true;
  }
  void on_half_cycle(const metrology::HalfCycleValues& h) override { meter.on_half_cycle(h); }
  void on_frequency_10s(const metrology::TenSecondFrequency& f) override { meter.on_frequency_10s(f); }
};

double parse_speed(const std::string& text) {
  if (text == "max") return 0.0;
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !(v > 0) || !std::isfinite(v))
    throw std::invalid_argument(fmt::format("--speed: \"{}\" is neither a positive number nor 'max'", text));
  return v;
}

// "YYYY-MM-DD[THH:MM[:SS]]" local -> UTC seconds.
std::int64_t parse_start(const std::string& text, double time_of_day_s, const clock::TimeZone& tz) {
  clock::CivilDateTime t{2026, 1, 1, 0, 0, 0};
  if (text.empty()) {
    const auto s = static_cast<int>(time_of_day_s);
    t.hour = s / 3600;
    t.minute = s % 3600 / 60;
    t.second = s % 60;
  } else {
    int n = 0;
    const int fields = std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d%n", &t.year, &t.month, &t.day, &t.hour,
                                   &t.minute, &t.second, &n);
    const bool ok = (fields == 3 && text.size() == 10) || fields == 5 || fields == 6;
    if (!ok || !clock::is_valid(t) || t.year < 1970 || t.year > 2180)
      throw std::invalid_argument(
          fmt::format("--start: \"{}\" is not a local date and time YYYY-MM-DD[THH:MM[:SS]] (1970..2180)", text));
  }
  return clock::to_utc(tz, t).utc;
}

// "[ADDRESS:]PORT" of a TCP port option (`option` names it in the message).
void parse_endpoint(const std::string& text, const char* option, ports::WrapperPortOptions* out) {
  const auto colon = text.rfind(':');
  out->address = colon == std::string::npos ? "0.0.0.0" : text.substr(0, colon);
  const std::string port_text = colon == std::string::npos ? text : text.substr(colon + 1);
  std::size_t used = 0;
  unsigned long port = 0;
  try {
    port = std::stoul(port_text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != port_text.size() || port > 65535)
    throw std::invalid_argument(fmt::format("{}: \"{}\" is not [ADDRESS:]PORT or none", option, text));
  out->port = static_cast<std::uint16_t>(port);
}

}  // namespace

double parse_duration(const std::string& text) {
  std::size_t used = 0;
  double v = -1;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  double unit = 1;
  const std::string rest = used > 0 ? text.substr(used) : "";
  if (rest == "" || rest == "s") unit = 1;
  else if (rest == "m") unit = 60;
  else if (rest == "h") unit = 3600;
  else if (rest == "d") unit = 86400;
  else used = 0;
  if (used == 0 || !(v > 0) || !std::isfinite(v))
    throw std::invalid_argument(
        fmt::format("--duration: \"{}\" is not a positive duration (examples: 90, 90s, 15m, 2h, 1d)", text));
  return v * unit;
}

int run_meter(const RunOptions& options) {
  const double speed = parse_speed(options.speed);
  const sim::Scenario scenario =
      options.scenario_path.empty() ? sim::builtin_scenario() : sim::load_scenario_file(options.scenario_path);
  const MeterConfig config_file =
      options.config_path.empty() ? default_meter_config() : load_meter_config(options.config_path);
  sim::GridSimulator source(scenario);

  SourceFacts facts;
  facts.sample_rate_hz = source.sample_rate_hz();
  facts.nominal_frequency_hz = source.nominal_frequency_hz();
  facts.nominal_voltage_v = scenario.grid.nominal_voltage_v;
  facts.vt_ratio = source.ratios().vt;
  facts.ct_ratio = source.ratios().ct;
  metrology::MetrologyConfig config = finish_metrology_config(config_file, facts);
  std::int64_t start_utc =
      parse_start(options.start, scenario.grid.start_time_of_day_s, config_file.application.rtc.time_zone);

  // The store: the meter's registers, profiles and logs from the previous runs.
  std::unique_ptr<StoreSession> store;
  if (!options.no_store) {
    std::string config_text;
    if (!options.config_path.empty()) {
      std::ifstream in(options.config_path, std::ios::binary);
      config_text.assign(std::istreambuf_iterator<char>(in), {});
    }
    store = std::make_unique<StoreSession>(
        (std::filesystem::path(options.data_dir) / (config_file.serial_number + ".db")).string());
    const std::int64_t stored_start = store->adopt(config_text, start_utc, options.reconfigure);
    if (stored_start != start_utc && !options.start.empty())
      spdlog::warn("--start {} ignored: the meter goes on from its store {}", options.start, store->path());
    start_utc = stored_start;
  }
  const meter::MeterSettings settings = finish_meter_settings(config_file, start_utc, config);

  double duration_s = std::numeric_limits<double>::infinity();
  if (!options.duration.empty()) duration_s = parse_duration(options.duration);
  else if (scenario.grid.duration_s) duration_s = *scenario.grid.duration_s;

  meter::Meter meter(settings);
  LogNotifier notifier;
  meter.set_notifier(&notifier);
  double done_s = 0.0;  // meter time handled
  if (store) {
    if (const auto outage = store->restore(meter)) {
      done_s = meter.meter_time_s();
      spdlog::info("meter restored from {}: meter time {}, clock {}, after {:.1f} s without power", store->path(),
                   format_duration(done_s), iso_utc(static_cast<double>(meter.rtc().utc_us(done_s)) * 1e-6), *outage);
    } else {
      spdlog::info("new meter: its store is {}", store->path());
    }
  }
  const double first_s = done_s;
  config.start_time_s = first_s;
  const auto first_frame = static_cast<std::uint64_t>(std::llround(first_s * config.sample_rate_hz));
  if (!options.fast && first_frame > 0) source.seek(first_frame);
  MeterSink sink(meter);
  std::unique_ptr<metrology::Metrology> metrology;
  std::unique_ptr<sim::PhasorTicker> ticker;
  if (options.fast) ticker = std::make_unique<sim::PhasorTicker>(scenario, config);
  else metrology = std::make_unique<metrology::Metrology>(config, sink);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);

  const std::string name = source.describe();
  spdlog::info("meter started: {}, {}, {} Hz nominal, VT {} CT {}, start {}, speed {}", name,
               options.fast ? std::string("fast mode (phasor ticks up to 15 min, split at tariff, demand and billing boundaries)")
                            : fmt::format("{:.0f} Hz sampling", config.sample_rate_hz),
               config.nominal_frequency_hz, config.vt_ratio, config.ct_ratio, iso_utc(static_cast<double>(start_utc)),
               speed > 0 ? fmt::format("{}x", speed) : std::string("max"));

  // The DLMS/COSEM server and its ports (TCP wrapper, HDLC over TCP, the serial ports, the optical
  // port's mode E), served from this loop; the ports' settings are those of their setup objects.
  io::PortSettings port_settings;
  // [optical]: the readout list (the built-in one unless the file names one), the device address
  // and the programming password.
  check_optical_readout(config_file, meter);
  {
    const io::ReadoutConfig builtin = io::default_readout_config();
    const std::span<const meter::Obis> items =
        config_file.optical.readout.empty() ? std::span<const meter::Obis>(builtin.items.data(), builtin.count)
                                            : std::span<const meter::Obis>(config_file.optical.readout);
    for (std::size_t k = 0; k < items.size(); ++k) port_settings.readout.items[k] = items[k];
    port_settings.readout.count = items.size();
    io::LocalPortSetup& optical_setup = port_settings.optical;
    const std::string& addr = config_file.optical.device_address;
    addr.copy(optical_setup.device_addr.data(), addr.size());
    optical_setup.device_addr_size = addr.size();
    const std::string& pass = config_file.optical.password;
    pass.copy(optical_setup.pass_p1.data(), pass.size());
    optical_setup.pass_p1_size = pass.size();
  }
  // The port setups and readout list the management client wrote in earlier runs
  // (port_settings_store.h).
  std::unique_ptr<PortSettingsStore> port_store;
  if (store) port_store = std::make_unique<PortSettingsStore>(port_settings, store->meta_store(), &meter);
  std::vector<std::uint8_t> image_area;  // the firmware image area without a store
  std::unique_ptr<cosem::ImageStore> image_store;
  std::unique_ptr<DlmsService> dlms;
  std::unique_ptr<ports::WrapperPort> wrapper;
  std::unique_ptr<HdlcPorts> hdlc_ports;
  std::unique_ptr<PushService> pushes;
  std::unique_ptr<Modem> modem;
  constexpr std::uint32_t kCounterBlock = 10000;
  std::uint64_t counters_reserved_until = 0;
  ports::WrapperPortOptions wo;
  if (options.wrapper != "none") parse_endpoint(options.wrapper, "--wrapper", &wo);
  ports::WrapperPortOptions mo;
  if (options.modem != "none") parse_endpoint(options.modem, "--modem", &mo);
  wo.max_apdu_bytes = 4096 + 64;
  if (options.wrapper != "none" || options.modem != "none" || options.hdlc_tcp != "none" || options.serial1 != "none" ||
      options.serial2 != "none" || options.optical != "none") {
    // The meter's invocation counter must never repeat under one key: with a store, blocks are
    // reserved in it ahead of use; without one, it starts from the wall clock (10 per second since
    // 2020), which only a clock set back or more than 10 ciphered answers a second could reuse.
    std::uint32_t first_counter = 1;
    if (store) {
      first_counter = store->reserve_invocation_counters(1, kCounterBlock);
      counters_reserved_until = first_counter + kCounterBlock;
    } else {
      const auto unix_s = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch()).count();
      first_counter = static_cast<std::uint32_t>(std::max<std::int64_t>(1, (unix_s - 1577836800) * 10));
    }
    // The firmware image area: in the store (a transfer survives a restart), else in memory.
    if (store) {
      image_store = std::make_unique<MetaImageStore>(store->meta_store());
    } else {
      image_area.assign(MetaImageStore::kCapacity, 0xFF);
      image_store = std::make_unique<cosem::BufferImageStore>(image_area);
    }
    dlms = std::make_unique<DlmsService>(meter, config_file.serial_number, done_s, first_counter, &port_settings,
                                         image_store.get());
    if (cosem::ImageTransferObject* image = dlms->directory().image_transfer()) {
      if (!image->load_status().is_ok())
        spdlog::error("0.0.44.0.0.255: the stored image transfer does not read ({}: {}); it starts over",
                      image->load_status().field(), image->load_status().reason());
      std::printf("firmware: %s\n", std::string(image->active_identifier()).c_str());
    }
    if (store) {
      // The keys, security policy and clients' counters a key_transfer or a ciphered request left.
      dlms->attach_security_store(store->meta_store());
    }
    spdlog::warn("dlms: client 17 uses the built-in test password \"{}\" (README: Security): a test value only",
                 kDefaultLlsPassword);
    const std::vector<std::string> defaults = dlms->default_keys();
    if (!defaults.empty()) {
      spdlog::warn("dlms: client 1 (HLS-GMAC) works under the built-in test keys: {} (README: Security; replace "
                   "them with key_transfer of 0.0.43.0.0.255)", fmt::join(defaults, ", "));
    }
    // Push setups 0.0.25.9.0/1.255 and the communication module (0.0.25.0/1/4.0.255).
    pushes = std::make_unique<PushService>(meter, *dlms, config_file.push,
                                           static_cast<std::uint32_t>(std::hash<std::string>{}(config_file.serial_number)),
                                           &notifier);
    if (store) {
      // The push setups as the management client left them, and the notifications not delivered.
      pushes->attach_store(store->meta_store(), done_s);
    }
    if (config_file.push.delivery.destination_size > 0)
      std::printf("push: alarms and every %g s to %s\n", config_file.push.interval_s,
                  std::string(config_file.push.delivery.destination_view()).c_str());
  }
  if (options.wrapper != "none") {
    wrapper = std::make_unique<ports::WrapperPort>(*dlms, wo);
    std::printf("port wrapper  tcp %s\n", wrapper->local_endpoint().c_str());
  }
  if (options.modem != "none") {
    mo.max_apdu_bytes = wo.max_apdu_bytes;
    // With a store: the settings the management client wrote (modem.h).
    modem = std::make_unique<Modem>(meter, *dlms, config_file.modem, mo, store ? store->meta_store() : MetaStore{},
                                    config_file.radio, config_file.auto_connect);
    if (modem->present()) std::printf("port modem    tcp %s\n", modem->local_endpoint().c_str());
  }
  std::fflush(stdout);
  if (dlms) {
    hdlc_ports = std::make_unique<HdlcPorts>(
        *dlms, port_settings, HdlcPortOptions{options.hdlc_tcp, options.serial1, options.serial2, options.data_dir});
  }
  auto wall_ms = [] {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
  };

  // The optical port: IEC 62056-21 on a pseudo-terminal, served from this loop.
  std::unique_ptr<ports::OpticalPort> optical;
  if (options.optical != "none") {
    ports::OpticalPortOptions po;
    po.link_path = options.optical;
    if (po.link_path.empty()) {
      std::filesystem::create_directories(options.data_dir);
      po.link_path = (std::filesystem::path(options.data_dir) / "optical").string();
    }
    po.readout.serial_number = config_file.serial_number;
    po.readout.password = config_file.optical.password;
    po.readout_list = &port_settings.readout;
    po.dlms = dlms.get();
    po.hdlc = &port_settings.hdlc[io::PortSettings::kOpticalHdlc];
    po.local = &port_settings.optical;
    optical = std::make_unique<ports::OpticalPort>(meter, po);
    std::printf("port optical  %s (link %s)\n", optical->slave_path().c_str(), optical->link_path().c_str());
    std::fflush(stdout);
  }
  // The ports' protocol timers run on the wall clock (their peers are real), in milliseconds.
  auto service_optical = [&] {
    if (optical) optical->service(wall_ms());
    if (hdlc_ports) hdlc_ports->service(wall_ms());
  };

  const bool tty = isatty(STDOUT_FILENO) == 1;
  const double fs = config.sample_rate_hz;
  std::vector<metrology::SampleFrame> chunk(static_cast<std::size_t>(std::max(1.0, fs / 50.0)));
  const auto wall_start = std::chrono::steady_clock::now();
  auto next_view = wall_start + std::chrono::seconds(1);
  std::int64_t frames = 0;
  const double end_s = first_s + duration_s;
  auto show = [&](bool final_view) {
    if (options.quiet && !final_view) return;
    if (!sink.have) return;
    const std::string view =
        render_live_view(sink.latest, options.fast ? nullptr : &sink.latest_window, meter, name);
    if (tty && !final_view) std::fputs("\x1b[H\x1b[2J", stdout);
    std::fputs(view.c_str(), stdout);
    if (!tty && !final_view) std::fputs("\n", stdout);
    std::fflush(stdout);
  };

  // The service button and the digital inputs, typed on standard input (see operator_input.h).
  // The reader thread outlives this function: it is static so that it never points at freed
  // memory while blocked on the terminal.
  static OperatorInput operator_input;
  operator_input.start();
  auto apply_operator_commands = [&] {
    std::uint64_t count = 0;
    while (const auto cmd = operator_input.poll(&count)) {
      switch (*cmd) {
        case OperatorCommand::kServiceButton:
        case OperatorCommand::kInput2Pulse: {
          const bool button = *cmd == OperatorCommand::kServiceButton;
          if (!button) meter.digital_input_2(true, done_s);
          const meter::BillingEntry& e = meter.billing_reset(
              done_s, button ? meter::BillingTrigger::kServiceButton : meter::BillingTrigger::kDigitalInput);
          if (!button) meter.digital_input_2(false, done_s);
          spdlog::info("0.0.0.1.0.255: billing period {} closed by the {} at {}", e.counter,
                       button ? "service button" : "digital input 2", iso_utc(e.utc_s));
          break;
        }
        case OperatorCommand::kInput1On:
        case OperatorCommand::kInput1Off:
          meter.set_tariff_input(*cmd == OperatorCommand::kInput1On, done_s);
          spdlog::info("digital input 1 (tariff control) {}", *cmd == OperatorCommand::kInput1On ? "on" : "off");
          break;
        case OperatorCommand::kSyncPulse: {
          const clock::ClockResult r = meter.sync_pulse(done_s);
          if (r.status.is_ok()) {
            spdlog::info("0.0.1.0.0.255: synchronisation pulse, clock moved from {} to {}",
                         iso_utc(static_cast<double>(r.change.old_utc_us) * 1e-6),
                         iso_utc(static_cast<double>(r.change.new_utc_us) * 1e-6));
          } else {
            spdlog::warn("0.0.1.0.0.255: synchronisation pulse refused: {}: {}", r.status.field(), r.status.reason());
          }
          break;
        }
        case OperatorCommand::kCoverOpen:
        case OperatorCommand::kCoverClose:
        case OperatorCommand::kCaseOpen:
        case OperatorCommand::kCaseClose:
        case OperatorCommand::kMagnetOn:
        case OperatorCommand::kMagnetOff: {
          const bool cover = *cmd == OperatorCommand::kCoverOpen || *cmd == OperatorCommand::kCoverClose;
          const bool meter_case = *cmd == OperatorCommand::kCaseOpen || *cmd == OperatorCommand::kCaseClose;
          const bool active = *cmd == OperatorCommand::kCoverOpen || *cmd == OperatorCommand::kCaseOpen ||
                              *cmd == OperatorCommand::kMagnetOn;
          const quality::Input input = cover ? quality::Input::kTerminalCover
                                             : (meter_case ? quality::Input::kMeterCase : quality::Input::kMagneticField);
          const std::uint32_t before = meter.events().log(recording::LogGroup::kFraud).counter();
          meter.set_fraud_input(input, active, done_s);
          spdlog::info("0.0.99.98.1.255: fraud input {} {} ({} new fraud log entries)",
                       cover ? "terminal cover" : (meter_case ? "meter case" : "magnetic field"),
                       active ? "active" : "inactive", meter.events().log(recording::LogGroup::kFraud).counter() - before);
          break;
        }
        case OperatorCommand::kModemRemove:
        case OperatorCommand::kModemInsert:
          if (!modem) spdlog::warn("modem: there is none (--modem none)");
          else if (*cmd == OperatorCommand::kModemRemove) modem->remove(done_s);
          else modem->insert(done_s);
          break;
        case OperatorCommand::kPulses:
          if (!config_file.application.pulse_input.enabled) {
            spdlog::warn("1.0.82.8.0.255: no pulse input ([pulse_input] enabled = false): {} pulses ignored", count);
            break;
          }
          meter.count_pulses(count);
          spdlog::info("1.0.82.8.0.255: {} pulses, counter {}", count, meter.pulse_input().pulses());
          break;
        case OperatorCommand::kQuit:
          g_stop = true;
          break;
      }
    }
  };

  // [pulse_input] rate_hz: the simulated external meter, pulses in meter time (a fraction carried).
  double pulses_until_s = done_s, pulse_carry = 0.0;
  auto feed_simulated_pulses = [&] {
    if (config_file.pulse_rate_hz <= 0.0 || !config_file.application.pulse_input.enabled) return;
    pulse_carry += config_file.pulse_rate_hz * (done_s - pulses_until_s);
    pulses_until_s = done_s;
    const double whole = std::floor(pulse_carry);
    pulse_carry -= whole;
    if (whole > 0) meter.count_pulses(static_cast<std::uint64_t>(whole));
  };

  while (!g_stop && done_s < end_s) {
    apply_operator_commands();
    feed_simulated_pulses();
    service_optical();
    if (modem) modem->poll(done_s);
    if (port_store) port_store->poll();
    if (pushes) pushes->poll(done_s);
    if (dlms) {
      if (cosem::ImageTransferObject* image = dlms->directory().image_transfer()) image->poll(done_s);
    }
    if (wrapper) wrapper->poll();
    if (dlms && store && dlms->next_invocation_counter() + kCounterBlock / 2 >= counters_reserved_until) {
      const std::uint32_t from = store->reserve_invocation_counters(dlms->next_invocation_counter(), kCounterBlock);
      counters_reserved_until = static_cast<std::uint64_t>(from) + kCounterBlock;
    }
    if (ticker) {
      // Up to a demand period at a time, ending at the meter's next boundary (tariff switch,
      // demand period, billing) so that no tick straddles one.
      const double dt = std::min({kFastTickS, end_s - done_s, meter.next_boundary_s(done_s) - done_s});
      sink.latest = ticker->tick(done_s, dt);
      meter.on_interval(sink.latest);
      sink.have = true;
      done_s += dt;
    } else {
      const double left = (end_s - done_s) * fs;
      const auto want = static_cast<std::size_t>(std::min<double>(static_cast<double>(chunk.size()), std::ceil(left - 1e-9)));
      if (want == 0) break;
      const std::size_t got = source.read(std::span(chunk.data(), want));
      if (got == 0) break;
      metrology->push(std::span<const metrology::SampleFrame>(chunk.data(), got));
      frames += static_cast<std::int64_t>(got);
      done_s = first_s + static_cast<double>(frames) / fs;
    }
    if (options.progress && sink.have) {
      std::printf("progress %.6f %.6f\n", meter.meter_time_s(),
                  meter.energy().value(metrology::Element::kTotal, metrology::EnergyQuantity::kActiveImport, 0));
      std::fflush(stdout);
    }
    if (store) {
      const auto saved = store->save(meter, config_file.persist_interval_s, meter.take_save_request());
      if (saved && !*saved) meter.nv_failed(done_s);
      if (saved && *saved) meter.nv_ok();
    }
    if (speed > 0) {
      const auto due = wall_start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>((done_s - first_s) / speed));
      // In slices while a port is open, so that it answers within its reaction time even when
      // one step of the meter stands for minutes of wall time (fast mode at low speed).
      constexpr auto kSlice = std::chrono::milliseconds(10);
      while ((optical || hdlc_ports) && !g_stop && std::chrono::steady_clock::now() + kSlice < due) {
        std::this_thread::sleep_for(kSlice);
        service_optical();
      }
      std::this_thread::sleep_until(due);
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_view) {
      show(false);
      next_view = now + std::chrono::seconds(1);
    }
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  if (store) {
    store->save(meter, 0.0, true);
    spdlog::info("store {}: {} saves, snapshot {} bytes", store->path(), store->saves(), store->snapshot_bytes());
  }
  show(true);
  if (metrology) {
    std::string pulses;
    for (std::size_t k = 0; k < metrology::kMaxPulseOutputs; ++k) {
      const metrology::PulseOutputConfig& p = config.pulse_outputs[k];
      if (!p.enabled) continue;
      pulses += fmt::format("  output {} ({} {}): {} pulses", k + 1, metrology::quantity_name(p.quantity),
                            p.element == metrology::Element::kTotal ? "total"
                                                                    : fmt::format("L{}", static_cast<int>(p.element) + 1),
                            metrology->pulse_output(k).count());
    }
    std::printf("pulses:%s\n", pulses.c_str());
  }
  if (!options.report_path.empty()) {
    std::ofstream out(options.report_path, std::ios::binary | std::ios::trunc);
    out << meter_report(meter).dump(1) << "\n";
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("--report: cannot write {}", options.report_path));
    spdlog::info("report written to {}", options.report_path);
  }
  spdlog::info("meter stopped{}: {} of meter time in {:.2f} s ({:.0f}x real time)", g_stop ? " on request" : "",
               format_duration(done_s - first_s), wall, wall > 0 ? (done_s - first_s) / wall : 0.0);
  return 0;
}

}  // namespace quadra::host
