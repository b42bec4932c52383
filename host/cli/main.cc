// quadra: the virtual meter's command line.
//   quadra run      start the meter on a scenario (built-in by default) and show a live summary
//   quadra measure  run the metrology over a COMTRADE recording and print the results
//   quadra dump     read a meter's store: load profiles, event logs, registers, configuration
//   quadra read     a DLMS/COSEM client: read, set or call a method of one object over the TCP wrapper
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>
#include <string>

#include "host/cli/commands.h"
#include "host/client/read_command.h"

int main(int argc, char** argv) {
  CLI::App app{"Quadra - three-phase four-quadrant electricity meter (virtual meter)", "quadra"};
  app.require_subcommand(1);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  quadra::host::RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Start the meter on a scenario and show a live summary every second");
  run_cmd->add_option("--scenario", run.scenario_path, "Scenario TOML file (default: the built-in industrial day)")
      ->check(CLI::ExistingFile);
  run_cmd->add_option("--config", run.config_path, "Meter configuration TOML file")->check(CLI::ExistingFile);
  run_cmd->add_option("--speed", run.speed,
                      "Simulated seconds per wall-clock second, or 'max' for as fast as possible")
      ->default_val("1");
  run_cmd->add_option("--duration", run.duration,
                      "Meter time to run: seconds, or with a unit: 90s, 15m, 2h, 1d (default: the scenario's)");
  run_cmd->add_flag("--fast", run.fast,
                    "Fast mode: the meter application on phasor ticks of the scenario (up to 15 min, split at every tariff, demand and billing boundary), no samples");
  run_cmd->add_option("--start", run.start,
                      "Local date and time of the start, YYYY-MM-DD[THH:MM[:SS]] (default 2026-01-01 at the "
                      "scenario's time of day)");
  run_cmd->add_option("--report", run.report_path, "Write every register and the billing profile to this JSON file");
  run_cmd->add_flag("--quiet", run.quiet, "No live view; print only the final summary");
  run_cmd->add_option("--data", run.data_dir,
                      "Directory of the meter's store, <serial_number>.db (created when absent; a restart goes on from it)")
      ->default_val("quadra-data");
  run_cmd->add_flag("--no-store", run.no_store, "Keep everything in memory only (nothing is read or saved)");
  run_cmd->add_option("--wrapper", run.wrapper,
                      "DLMS/COSEM over the TCP wrapper: [ADDRESS:]PORT to listen on (0 = any free port), or none")
      ->default_val("4059");
  run_cmd->add_flag("--reconfigure", run.reconfigure,
                    "Give the meter in the store the configuration of --config (logged as event 47, parameters "
                    "changed); refused when the new configuration cannot hold the stored registers, profiles and logs");
  run_cmd->add_flag("--progress", run.progress,
                    "Print 'progress <meter time s> <+A Wh>' after every interval, flushed (for test harnesses)");
  run_cmd->add_option("--optical", run.optical,
                      "The optical port (IEC 62056-21 mode C readout, mode E to DLMS/COSEM over HDLC) on a pseudo-terminal: a symbolic link to make "
                      "to it (default <data dir>/optical), or none");
  run_cmd->add_option("--hdlc-tcp", run.hdlc_tcp,
                      "DLMS/COSEM over HDLC on TCP: [ADDRESS:]PORT to listen on (0 = any free port), or none")
      ->default_val("4061");
  run_cmd->add_option("--serial1", run.serial1,
                      "Serial port 1 (DLMS/COSEM over HDLC) on a pseudo-terminal: a symbolic link to make to it "
                      "(default <data dir>/serial1), or none");
  run_cmd->add_option("--serial2", run.serial2,
                      "Serial port 2, as --serial1 (default <data dir>/serial2), or none");
  run_cmd->add_option("--modem", run.modem,
                      "The exchangeable communication module: DLMS/COSEM over the TCP wrapper on [ADDRESS:]PORT "
                      "(0 = any free port), or none; typed 'modem remove' / 'modem insert' take it out and back")
      ->default_val("4060");

  quadra::host::DumpOptions dump;
  CLI::App* dump_cmd = app.add_subcommand(
      "dump", "Read a meter's store: `dump profile 1|2`, `dump log NAME`, `dump registers`, `dump config`");
  dump_cmd->add_option("what", dump.what, "profile, log, registers or config")->required();
  dump_cmd->add_option("which", dump.which,
                       "Profile 1 or 2; or the log: standard, fraud, limits, power-quality, power-failure, "
                       "communication, configuration");
  dump_cmd->add_option("--store", dump.store_path, "The store file, or the data directory holding it")
      ->default_val("quadra-data");
  dump_cmd->add_option("--from", dump.from, "First local time, YYYY-MM-DD[THH:MM[:SS]] (inclusive)");
  dump_cmd->add_option("--to", dump.to, "Last local time, YYYY-MM-DD[THH:MM[:SS]] (inclusive)");
  dump_cmd->add_flag("--csv", dump.csv, "CSV with a header line instead of a table");

  quadra::host::MeasureOptions measure;
  CLI::App* measure_cmd = app.add_subcommand("measure", "Run the metrology over a COMTRADE recording");
  measure_cmd->add_option("file", measure.path, "COMTRADE .cfg or .cff file")->required();
  measure_cmd->add_flag("--json", measure.json, "Print one JSON object instead of a table");
  measure_cmd->add_option("--series", measure.series_path, "Write the 10/12-cycle values to this CSV file");
  measure_cmd->add_option("--map", measure.mapping,
                          "Explicit channel mapping, e.g. U1=5,U2=6,U3=7,I1=1,I2=2,I3=3 (1-based analog channels)");
  measure_cmd->add_option("--config", measure.config_path, "Meter configuration TOML file")->check(CLI::ExistingFile);

  quadra::client::ReadOptions read;
  CLI::App* read_cmd = app.add_subcommand(
      "read", "DLMS/COSEM client: `read HOST:PORT OBIS [ATTR]` (TCP wrapper), `read --hdlc HOST:PORT ...` (HDLC over TCP), "
      "`read --serial PATH OBIS [ATTR]` (HDLC on a serial device); --object-list, --profile, --set, --action");
  read_cmd->add_option("address", read.address, "HOST:PORT of the meter (port 4059 when absent; none with --serial)");
  read_cmd->add_option("obis", read.obis, "Logical name A.B.C.D.E.F of the object");
  read_cmd->add_option("attribute", read.attribute, "Attribute (default 2)");
  read_cmd->add_option("--class", read.class_id,
                       "Interface class (default: 3 registers, 8 the clock, 7 profiles, 15 associations, else 1)");
  read_cmd->add_flag("--object-list", read.object_list, "Read the association's object list (0.0.40.0.0.255 attribute 2)");
  read_cmd->add_option("--profile", read.profile, "Read the buffer of this profile generic (with its capture objects)");
  read_cmd->add_option("--from", read.from, "Profile range start, local YYYY-MM-DDTHH:MM[:SS]");
  read_cmd->add_option("--to", read.to, "Profile range end, local YYYY-MM-DDTHH:MM[:SS]");
  read_cmd->add_option("--entries", read.entries, "Profile entries A..B (1-based; B = 0 for the last)");
  read_cmd->add_flag("--csv", read.csv, "Profile rows as CSV");
  read_cmd->add_flag("--json", read.json, "Print the value as JSON");
  read_cmd->add_option("--set", read.set_value, "Write this value to the attribute (with --type)");
  read_cmd->add_option("--action", read.action, "Invoke this method of the object");
  read_cmd->add_option("--param", read.param, "The method's parameter (with --type)");
  read_cmd->add_option("--type", read.type,
                       "Type of --set/--param: long-unsigned, double-long-unsigned, integer, enum, boolean, "
                       "octet-string (hex), visible-string, date-time, obis, raw (hex A-XDR), ...");
  read_cmd->add_flag("--hdlc", read.hdlc, "HDLC (IEC 62056-46) straight over the TCP connection (the meter's port 4061)");
  read_cmd->add_option("--serial", read.serial, "HDLC on this serial device (e.g. the meter's serial port pty)");
  read_cmd->add_option("--baud", read.baud, "Baud rate of --serial")->default_val(9600);
  read_cmd->add_option("--optical", read.optical,
                       "IEC 62056-21 sign-on and mode E on this device (the meter's optical port), then HDLC");
  read_cmd->add_option("--client", read.client_sap, "Client SAP (wrapper wPort; HDLC client address)")->default_val(16);
  read_cmd->add_option("--server", read.server_sap, "Server SAP (wrapper wPort; HDLC logical address, upper)")->default_val(1);
  read_cmd->add_option("--physical", read.physical, "HDLC physical address of the server (lower)")->default_val(16);
  read_cmd->add_option("--address-size", read.address_size, "HDLC server address size: 1, 2 or 4 bytes")->default_val(4);
  read_cmd->add_option("--auth", read.auth, "Authentication: none, low (password) or high (HLS-GMAC)")->default_val("none");
  read_cmd->add_option("--password", read.password, "LLS password");
  read_cmd->add_option("--system-title", read.system_title, "Client system title, 8 octets hex (turns ciphering on)");
  read_cmd->add_option("--ek", read.ek, "Global block cipher key, 16 octets hex");
  read_cmd->add_option("--ak", read.ak, "Authentication key, 16 octets hex");
  read_cmd->add_option("--invocation-counter", read.invocation_counter,
                       "First invocation counter to cipher with, or auto (read 0.0.43.1.0.255 as the public client)")
      ->default_val("auto");
  read_cmd->add_option("--timeout", read.timeout_ms, "Time-out of each exchange, ms")->default_val(10000);
  read_cmd->add_option("--max-pdu", read.max_pdu, "Client max receive PDU size proposed in the AARQ")->default_val(65535);
  read_cmd->add_flag("--gbt", read.gbt, "Propose general block transfer: long answers come in GBT blocks of --max-pdu");
  read_cmd->add_flag("--hex", read.hex, "Print every APDU sent and received in hex on stderr");

  quadra::host::ImageMakeOptions image_make;
  CLI::App* image_cmd = app.add_subcommand("image", "Firmware images for the Image transfer 0.0.44.0.0.255");
  image_cmd->require_subcommand(1);
  CLI::App* image_make_cmd = image_cmd->add_subcommand(
      "make", "Build a Quadra firmware package (header, identifier, SHA-256; README: Firmware update) from any file");
  image_make_cmd->add_option("--identifier", image_make.identifier,
                             "Firmware identifier the meter shows in 1.0.0.2.0.255 once activated, e.g. QUADRA-2.0.0")
      ->required();
  image_make_cmd->add_option("--in", image_make.in_path, "Payload file")->required();
  image_make_cmd->add_option("--out", image_make.out_path, "Package file to write")->required();

  CLI11_PARSE(app, argc, argv);
  try {
    if (*run_cmd) return quadra::host::run_meter(run);
    if (*measure_cmd) return quadra::host::measure_recording(measure);
    if (*dump_cmd) return quadra::host::dump_store(dump);
    if (*image_make_cmd) return quadra::host::make_image_command(image_make);
    if (*read_cmd) {
      read.has_set = read_cmd->count("--set") > 0;
      read.has_param = read_cmd->count("--param") > 0;
      quadra::client::shift_positionals_for_serial(&read);
      return quadra::client::read_meter(read);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "quadra: %s\n", e.what());
    return 2;
  }
  return 0;
}
