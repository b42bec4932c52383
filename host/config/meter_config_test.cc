#include "host/config/meter_config.h"

#include <gtest/gtest.h>

namespace quadra::host {
namespace {

std::string error_of(std::string_view text) {
  try {
    parse_meter_config(text, "meter.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(MeterConfig, DefaultsAreTheDataSheetMeter) {
  const MeterConfig m = default_meter_config();
  EXPECT_EQ(m.metrology.reference_current_a, 5.0);
  EXPECT_EQ(m.metrology.starting_current_a, 0.005);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_TRUE(m.metrology.pulse_outputs[k].enabled);
    EXPECT_EQ(m.metrology.pulse_outputs[k].imp_per_kwh, 20000.0);
  }
  EXPECT_FALSE(m.metrology.pulse_outputs[4].enabled);
}

TEST(MeterConfig, ParsesEverySection) {
  const MeterConfig m = parse_meter_config(R"(
[meter]
nominal_voltage_v = 57.735
reference_current_a = 1
starting_current_a = 0.001
wiring = "3-wire"
apparent_total = "vector"
vt_ratio = 200
ct_ratio = 80

[calibration.I2]
gain = 1.001
phase_deg = -0.05

[[pulse_output]]
quantity = "Q3"
element = "L2"
imp_per_kwh = 10000
basis = "primary"
)",
                                           "meter.toml");
  EXPECT_EQ(*m.nominal_voltage_v, 57.735);
  EXPECT_EQ(m.metrology.reference_current_a, 1.0);
  EXPECT_EQ(m.metrology.wiring, metrology::Wiring::kThreeWire);
  EXPECT_EQ(m.metrology.apparent_total, metrology::ApparentTotal::kVector);
  EXPECT_EQ(*m.vt_ratio, 200.0);
  EXPECT_EQ(m.metrology.calibration[4].gain, 1.001);
  EXPECT_EQ(m.metrology.calibration[4].phase_deg, -0.05);
  EXPECT_EQ(m.metrology.calibration[3].gain, 1.0);
  const metrology::PulseOutputConfig& p = m.metrology.pulse_outputs[0];
  EXPECT_TRUE(p.enabled);
  EXPECT_EQ(p.quantity, metrology::EnergyQuantity::kReactiveQ3);
  EXPECT_EQ(p.element, metrology::Element::kL2);
  EXPECT_TRUE(p.primary);
  EXPECT_FALSE(m.metrology.pulse_outputs[1].enabled);  // a list replaces the defaults

  SourceFacts facts;
  const metrology::MetrologyConfig c = finish_metrology_config(m, facts);
  EXPECT_EQ(c.nominal_voltage_v, 57.735);
  EXPECT_EQ(c.vt_ratio, 200.0);
}

TEST(MeterConfig, RefusalsNameLineAndKey) {
  EXPECT_EQ(error_of("[meter]\nwiring = \"2-wire\"\n"), "meter.toml:2: meter.wiring: must be \"4-wire\" or \"3-wire\"");
  EXPECT_EQ(error_of("[meter]\n\nreference_curent_a = 5\n"),
            "meter.toml:3: meter.reference_curent_a: unknown key (known here: apparent_total, creep_current_a, "
            "ct_ratio, nominal_voltage_v, reference_current_a, resampler_half_width, serial_number, "
            "starting_current_a, vt_ratio, wiring)");
  EXPECT_EQ(error_of("[meter]\nreference_current_a = \"5\"\n"), "meter.toml:2: meter.reference_current_a: must be a number");
  EXPECT_EQ(error_of("[[pulse_output]]\nquantity = \"+Q\"\n"),
            "meter.toml:2: pulse_output[0].quantity: \"+Q\" is not one of +A -A +R -R Q1 Q2 Q3 Q4 +S -S");
  EXPECT_EQ(error_of("[calibration.I4]\ngain = 1\n"),
            "meter.toml:1: calibration.I4: unknown key (known here: I1, I2, I3, IN, U1, U2, U3)");
  EXPECT_NE(error_of("[meter\n").find("meter.toml:1:"), std::string::npos);
}

TEST(MeterConfig, ApplicationSections) {
  const MeterConfig m = parse_meter_config(R"(
[tariff]
program = "two-zone"
[demand]
period_s = 1800
number_of_periods = 2
contracted_power_w = [1000, 2000, 0, 0, 0, 0]
[billing]
day_of_month = 15
hour = 6
capture = ["1.0.1.8.0.255", "1.0.1.6.1", "0.0.0.1.0.255"]
[registers]
energy_scaler = 3
)",
                                           "meter.toml");
  EXPECT_EQ(m.application.program, clock::BuiltInProgram::kTwoZone);
  EXPECT_EQ(m.application.demand.period_s, 1800.0);
  EXPECT_EQ(m.application.demand.contracted_power[2], 2000.0);
  EXPECT_EQ(m.application.billing.day_of_month, 15);
  ASSERT_EQ(m.application.billing.capture_count, 3u);
  EXPECT_EQ(m.application.billing.capture_list[1], meter::Obis(1, 0, 1, 6, 1));
  EXPECT_EQ(m.application.resolution.energy_scaler, 3);
  EXPECT_NO_THROW(finish_meter_settings(m, 1767222000, metrology::MetrologyConfig{}));
  EXPECT_EQ(error_of("[billing]\ncapture = [\"1.0.1.8.0\", \"1.0.99.8.0\"]\n"),
            "meter.toml:2: billing.capture[1]: the meter has no register 1.0.99.8.0");
  EXPECT_EQ(error_of("[billing]\ncapture = [\"1.0.x\"]\n"),
            "meter.toml:2: billing.capture[0]: is not an OBIS code such as \"1.0.1.8.0.255\"");
  try {
    finish_meter_settings(parse_meter_config("[billing]\nday_of_month = 31\n", "m.toml"), 1767222000,
                          metrology::MetrologyConfig{});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "billing.day_of_month: must be 0 (no schedule) or 1..28");
  }
}

TEST(MeterConfig, TheCoreRangesAreCheckedToo) {
  MeterConfig m = parse_meter_config("[calibration.U1]\nphase_deg = 2.5\n", "meter.toml");
  try {
    finish_metrology_config(m, SourceFacts{});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "metrology.calibration.phase_deg: must lie between -1 and +1 degree");
  }
}

TEST(MeterConfig, LogsProfilesQualityAndStoreAreConfigurable) {
  const MeterConfig m = parse_meter_config(R"([meter]
serial_number = "QDR-0042"
[store]
persist_interval_s = 0.5
[events]
power-quality = 2000
standard = 500
long_outage_threshold_s = 300
alarm_filter = 255
[profile1]
period_s = 300
capacity = 1000
capture = ["1.0.1.8.0.255", "1.0.2.8.0.255", "1.0.1.4.0.255", "1.0.32.7.0.255"]
[quality]
dip_threshold_pct = 85
imax_a = 7.5
demand_limit_w = 40000
frequency_source = "window"
[relays]
control_mode = 5
schedule_script = 3
schedule_hour = 22
schedule_minute = 30
)", "meter.toml");
  EXPECT_EQ(m.serial_number, "QDR-0042");
  EXPECT_EQ(m.persist_interval_s, 0.5);
  EXPECT_EQ(m.application.events.capacities[3], 2000u);
  EXPECT_EQ(m.application.events.capacities[0], 500u);
  EXPECT_EQ(m.application.events.long_outage_threshold_s, 300);
  EXPECT_EQ(m.application.events.alarm_filter, 255u);
  SourceFacts facts;
  const meter::MeterSettings s = finish_meter_settings(m, 1767222000, finish_metrology_config(m, facts));
  EXPECT_EQ(s.load_profiles[0].period_s, 300);
  EXPECT_EQ(s.load_profiles[0].capacity, 1000u);
  ASSERT_EQ(s.load_profiles[0].capture_list.size(), 4u);
  EXPECT_EQ(s.load_profiles[0].capture_list[3], meter::Obis(1, 0, 32, 7, 0));
  EXPECT_EQ(s.load_profiles[1].capture_list.size(), 13u);  // profile 2 keeps its default list
  EXPECT_EQ(s.quality.dip_threshold_pct, 85.0);
  EXPECT_EQ(s.quality.imax_a, 7.5);
  EXPECT_EQ(s.quality.demand_limit, 40000.0);
  EXPECT_EQ(s.quality.frequency_source, quality::FrequencySource::kWindow);
  EXPECT_EQ(s.quality.long_outage_s, 300.0);
  EXPECT_EQ(s.disconnect_control_mode, 5);
  EXPECT_TRUE(s.output_schedule.enabled);
  EXPECT_EQ(s.output_schedule.script, 3);
  EXPECT_EQ(s.output_schedule.hour, 22);
  EXPECT_EQ(s.output_schedule.minute, 30);
}

TEST(MeterConfig, ImaxDefaultsToTheDataSheetsSixAmperesSecondary) {
  const MeterConfig m = parse_meter_config("[meter]\nct_ratio = 40\n", "meter.toml");
  SourceFacts facts;
  const meter::MeterSettings s = finish_meter_settings(m, 1767222000, finish_metrology_config(m, facts));
  EXPECT_EQ(s.quality.imax_a, 240.0);
}

TEST(MeterConfig, NewSectionsRefuseWhatTheyCannotTake) {
  EXPECT_EQ(error_of("[profile2]\ncapture = [\"1.0.99.8.0.255\"]\n"),
            "meter.toml:2: profile2.capture[0]: the meter has no register 1.0.99.8.0.255");
  EXPECT_EQ(error_of("[profile1]\nperiod_s = 7\n"), "meter.toml:2: profile1.period_s: must lie between 1 and 3600 s and divide 86400 s");
  EXPECT_EQ(error_of("[events]\nfraud = 0\n"), "meter.toml:2: events.fraud: must be a whole number of rows, 1..10000");
  EXPECT_EQ(error_of("[store]\npersist_interval_s = 120\n"),
            "meter.toml:2: store.persist_interval_s: must lie between 0.1 and 60 s");
  EXPECT_EQ(error_of("[meter]\nserial_number = \"a/b\"\n"),
            "meter.toml:2: meter.serial_number: must be 1..32 letters, digits, '-' or '_'");
  EXPECT_EQ(error_of("[quality]\ndip_treshold_pct = 80\n").substr(0, 56),
            "meter.toml:2: quality.dip_treshold_pct: unknown key (kno");
}

TEST(MeterConfig, PushAndModemSections) {
  const MeterConfig m = parse_meter_config(R"(
[push]
destination = "head-end.example:4061"
retries = 5
repetition_delay_s = 30
randomisation_s = 10
windows = ["22:00:00-06:00:00"]
interval_s = 3600
protection = "authenticated"
queue = 16

[modem]
apn = "m2m.example"
pin_code = 1234
ip_address = "192.0.2.10"
max_connections = 2
inactivity_timeout_s = 60
)",
                                           "meter.toml");
  EXPECT_EQ(m.push.delivery.destination_view(), "head-end.example:4061");
  EXPECT_EQ(m.push.delivery.number_of_retries, 5);
  EXPECT_EQ(m.push.delivery.repetition_delay_s, 30);
  EXPECT_EQ(m.push.delivery.randomisation_start_interval_s, 10);
  ASSERT_EQ(m.push.delivery.window_count, 1u);
  EXPECT_EQ(push::window_form(m.push.delivery.windows[0]), push::WindowForm::kDaily);
  EXPECT_EQ(m.push.interval_s, 3600.0);
  EXPECT_EQ(m.push.protection, push::Protection::kAuthenticated);
  EXPECT_EQ(m.push.queue, 16u);
  EXPECT_EQ(m.modem.apn_view(), "m2m.example");
  EXPECT_EQ(m.modem.pin_code, 1234);
  EXPECT_EQ(m.modem.ip_address, 0xC000020Au);
  EXPECT_EQ(m.modem.max_connections, 2);
  EXPECT_EQ(m.modem.inactivity_timeout_s, 60);
  // Off unless a destination is given.
  EXPECT_EQ(default_meter_config().push.delivery.destination_size, 0u);

  EXPECT_EQ(error_of("[push]\ndestination = \"head-end\"\n"),
            "meter.toml:2: push.destination: not host:port (port 1..65535)");
  EXPECT_EQ(error_of("[push]\nwindows = [\"25:00:00-06:00:00\"]\n"),
            "meter.toml:2: push.windows: each window is \"HH:MM:SS-HH:MM:SS\" (local time, every day)");
  EXPECT_EQ(error_of("[push]\nprotection = \"strong\"\n"),
            "meter.toml:2: push.protection: must be \"none\", \"authenticated\", \"encrypted\" or "
            "\"authenticated-encrypted\"");
  EXPECT_EQ(error_of("[push]\ninterval_s = 1000\n"),
            "meter.toml:2: push.interval_s: must divide an hour (60 s at least) or a day (900 s at least)");
  EXPECT_EQ(error_of("[modem]\nip_address = \"300.1.1.1\"\n"),
            "meter.toml:2: modem.ip_address: is not an IPv4 address a.b.c.d");
  EXPECT_EQ(error_of("[modem]\npin_code = 12345\n"), "meter.toml:2: modem.pin_code: must be a whole number 0..9999");
  EXPECT_EQ(error_of("[modem]\nsubnet_mask = \"255.0.255.0\"\n"),
            "meter.toml:2: modem.subnet_mask: is not a contiguous mask (1..32 leading ones)");
  EXPECT_EQ(error_of("[modem]\nip_address = \"192.0.2.10\"\nsubnet_mask = \"255.255.255.0\"\ngateway = \"192.0.3.1\"\n"),
            "meter.toml:4: modem.gateway: must be 0.0.0.0 or a unicast address in the subnet of ip_address (not "
            "ip_address itself)");
}

TEST(MeterConfig, ModemRadioNetworkAndAutoConnect) {
  // Defaults: the simulated network's home LTE registration on the 3GPP test PLMN 001-01, and an
  // Auto connect that connects when called (104) to no destination yet.
  const MeterConfig d = default_meter_config();
  EXPECT_EQ(d.radio.operator_view(), "Quadra Mobile");
  EXPECT_EQ(d.radio.status, cosem::RegistrationStatus::kHomeNetwork);
  EXPECT_EQ(d.radio.ps_status, cosem::PacketSwitchStatus::kLte);
  EXPECT_EQ(d.radio.cell.mcc, 1);
  EXPECT_EQ(d.radio.cell.signal_quality, 20);
  EXPECT_EQ(d.radio.lte.t3412_s, 3240);
  EXPECT_EQ(d.auto_connect.mode, 104);
  EXPECT_EQ(d.auto_connect.destination_count, 0u);

  const MeterConfig m = parse_meter_config(R"(
[modem]
operator = "Example Telecom"
registration = "roaming"
technology = "nb-iot"
cell_id = 268435455
location_id = 4660
signal_quality = 99
ber = 3
mcc = 262
mnc = 2
channel_number = 6254
adjacent_cells = [[1001, 12], [1002, 99]]
lte_t3402_s = 600
lte_t3412_s = 7200
lte_t3412ext2_s = 86400
lte_t3324_cs = 6000
lte_tedrx_cs = 8192
lte_tptw_s = 5
lte_q_rxlev_min_dbm = -124
lte_q_rxlev_min_ce_dbm = -128
lte_q_rxlev_min_ce1_dbm = -128
lte_signal_quality = -12
lte_signal_level = -105
lte_signal_to_noise_ratio = -3
lte_coverage_enhancement = 2
auto_connect_mode = 102
auto_connect_repetitions = 5
auto_connect_repetition_delay_s = 30
auto_connect_windows = ["22:00:00-06:00:00"]
auto_connect_destinations = ["head-end.example:4059", "[2001:db8::1]:4059"]
)",
                                           "meter.toml");
  EXPECT_EQ(m.radio.operator_view(), "Example Telecom");
  EXPECT_EQ(m.radio.status, cosem::RegistrationStatus::kRoaming);
  EXPECT_EQ(m.radio.ps_status, cosem::PacketSwitchStatus::kNbIot);
  EXPECT_EQ(m.radio.cell.cell_id, 268435455u);
  EXPECT_EQ(m.radio.cell.location_id, 4660);
  EXPECT_EQ(m.radio.cell.signal_quality, 99);
  EXPECT_EQ(m.radio.cell.ber, 3);
  EXPECT_EQ(m.radio.cell.mcc, 262);
  EXPECT_EQ(m.radio.cell.mnc, 2);
  EXPECT_EQ(m.radio.cell.channel_number, 6254u);
  ASSERT_EQ(m.radio.adjacent_count, 2u);
  EXPECT_EQ(m.radio.adjacent[1].cell_id, 1002u);
  EXPECT_EQ(m.radio.adjacent[1].signal_quality, 99);
  EXPECT_EQ(m.radio.lte.t3412ext2_s, 86400u);
  EXPECT_EQ(m.radio.lte.tedrx_cs, 8192u);
  EXPECT_EQ(m.radio.lte.q_rxlev_min_ce_dbm, -128);
  EXPECT_EQ(m.radio.lte_qos.signal_level, -105);
  EXPECT_EQ(m.radio.lte_qos.coverage_enhancement, 2);
  EXPECT_EQ(m.auto_connect.mode, 102);
  EXPECT_EQ(m.auto_connect.repetitions, 5);
  EXPECT_EQ(m.auto_connect.repetition_delay_s, 30);
  ASSERT_EQ(m.auto_connect.window_count, 1u);
  EXPECT_EQ(push::window_form(m.auto_connect.windows[0]), push::WindowForm::kDaily);
  ASSERT_EQ(m.auto_connect.destination_count, 2u);
  EXPECT_EQ(m.auto_connect.destination(1), "[2001:db8::1]:4059");

  EXPECT_EQ(error_of("[modem]\nregistration = \"yes\"\n"),
            "meter.toml:2: modem.registration: must be one of \"home\", \"roaming\", \"searching\", \"denied\", "
            "\"unknown\", \"none\"");
  EXPECT_EQ(error_of("[modem]\ntechnology = \"5g\"\n"),
            "meter.toml:2: modem.technology: must be one of \"gprs\", \"edge\", \"umts\", \"hsdpa\", \"lte\", "
            "\"cdma\", \"lte-m\", \"nb-iot\", \"nb2\"");
  EXPECT_EQ(error_of("[modem]\nsignal_quality = 40\n"),
            "meter.toml:2: modem.signal_quality: must be 0..31 (or 99: not known)");
  EXPECT_EQ(error_of("[modem]\nber = 8\n"), "meter.toml:2: modem.ber: must be 0..7 (or 99: not known)");
  EXPECT_EQ(error_of("[modem]\nmcc = 1000\n"), "meter.toml:2: modem.mcc: must be a whole number 0..999");
  EXPECT_EQ(error_of("[modem]\nlte_signal_level = -140\n"),
            "meter.toml:2: modem.lte_signal_level: must be a whole number -128..127");
  EXPECT_EQ(error_of("[modem]\noperator = \"" + std::string(33, 'x') + "\"\n"),
            "meter.toml:2: modem.operator: longer than 32 characters");
  EXPECT_EQ(error_of("[modem]\nadjacent_cells = [[1, 40]]\n"),
            "meter.toml:2: modem.adjacent_cells: must be a list of up to 4 [cell_id 0..4294967295, signal_quality "
            "0..31 or 99]");
  EXPECT_EQ(error_of("[modem]\nauto_connect_mode = 4\n"),
            "meter.toml:2: modem.auto_connect_mode: must be 0..3 or 101..104 (no SMS nor e-mail sending)");
  EXPECT_EQ(error_of("[modem]\nauto_connect_destinations = [\"head-end\"]\n"),
            "meter.toml:2: modem.auto_connect_destinations: must be a list of up to 4 \"host:port\" (port 1..65535, "
            "64 characters at most)");
  EXPECT_EQ(error_of("[modem]\nauto_connect_windows = [\"8-16\"]\n"),
            "meter.toml:2: modem.auto_connect_windows: must be a list of up to 4 \"HH:MM:SS-HH:MM:SS\" (local time, "
            "every day)");
}

TEST(MeterConfig, DisplayPulseInputAndBattery) {
  const MeterConfig m = parse_meter_config(R"(
[display]
general = ["0.0.1.0.0.255", "1.0.1.8.0.255", "1.0.1.8.0.101"]
service = ["0.0.96.1.0.255"]
[pulse_input]
enabled = true
constant = 100
rate_hz = 0.5
[battery]
capacity_mah = 2400
drain_ua = 5
)", "meter.toml");
  EXPECT_EQ(m.application.display.count[0], 3u);
  EXPECT_EQ(m.application.display.items[0][2], meter::Obis(1, 0, 1, 8, 0, 101));
  EXPECT_EQ(m.application.display.count[1], meter::default_display_lists().count[1]);  // kept
  EXPECT_EQ(m.application.display.count[2], 1u);
  EXPECT_TRUE(m.application.pulse_input.enabled);
  EXPECT_EQ(m.application.pulse_input.constant, 100.0);
  EXPECT_EQ(m.pulse_rate_hz, 0.5);
  EXPECT_EQ(m.application.battery.capacity_mah, 2400.0);
  EXPECT_EQ(m.application.battery.drain_ua, 5.0);
  // Defaults: no pulse input, a 1200 mAh cell at 10 uA.
  const MeterConfig d = parse_meter_config("", "meter.toml");
  EXPECT_FALSE(d.application.pulse_input.enabled);
  EXPECT_EQ(d.application.battery.capacity_mah, 1200.0);
  EXPECT_EQ(d.application.display.count[0], meter::default_display_lists().count[0]);
}

TEST(MeterConfig, BadDisplayPulseInputAndBatteryValuesAreNamed) {
  EXPECT_NE(error_of("[display]\ngeneral = [\"1.0.200.8.0.255\"]\n").find("display.general[0]"), std::string::npos);
  EXPECT_NE(error_of("[display]\ngeneral = [\"x\"]\n").find("is not an OBIS code"), std::string::npos);
  EXPECT_NE(error_of("[display]\nextra = []\n").find("extra"), std::string::npos);
  EXPECT_NE(error_of("[pulse_input]\nenabled = true\nconstant = 0.5\n").find("pulse_input.constant"), std::string::npos);
  EXPECT_NE(error_of("[pulse_input]\nrate_hz = -1\n").find("pulse_input.rate_hz"), std::string::npos);
  EXPECT_NE(error_of("[battery]\ncapacity_mah = 0\n").find("battery.capacity_mah"), std::string::npos);
  EXPECT_NE(error_of("[battery]\ndrain_ua = -3\n").find("battery.drain_ua"), std::string::npos);
}

// [optical]: the readout list as OBIS codes (current values, billing periods, a maximum demand
// whose time stamp comes with it), the device address and the programming password.
TEST(MeterConfig, OpticalSection) {
  const MeterConfig m = parse_meter_config(R"(
[optical]
readout = ["0.0.96.1.0.255", "1.0.1.8.1.255", "1.0.1.8.1.101", "1.0.0.1.2.101", "1.0.1.6.0.255"]
device_address = "Meter 42"
password = "secret-1"
)",
                                           "meter.toml");
  ASSERT_EQ(m.optical.readout.size(), 5u);
  EXPECT_EQ(m.optical.readout[2], meter::Obis(1, 0, 1, 8, 1, 101));
  EXPECT_EQ(m.optical.readout[3], meter::Obis(1, 0, 0, 1, 2, 101));
  EXPECT_EQ(m.optical.readout_where[4], "meter.toml:3: optical.readout[4]");
  EXPECT_EQ(m.optical.device_address, "Meter 42");
  EXPECT_EQ(m.optical.password, "secret-1");
  // No section: the built-in list, no device address, the test password.
  const MeterConfig d = default_meter_config();
  EXPECT_TRUE(d.optical.readout.empty());
  EXPECT_EQ(d.optical.device_address, "");
  EXPECT_EQ(d.optical.password, "00000000");
  // Against the running meter: with the default billing capture list.
  meter::MeterSettings s;
  s.billing = meter::default_billing_settings();
  const meter::Meter meter(s);
  EXPECT_NO_THROW(check_optical_readout(m, meter));
}

TEST(MeterConfig, BadOpticalEntriesAreNamed) {
  EXPECT_EQ(error_of("[optical]\nreadout = [\"1.0.1.8.0.255\", \"1.8.0\"]\n"),
            "meter.toml:2: optical.readout[1]: is not an OBIS code such as \"1.0.1.8.0.255\"");
  EXPECT_EQ(error_of("[optical]\nreadout = [\"1.0.99.8.0.255\"]\n"),
            "meter.toml:2: optical.readout[0]: the meter has no register 1.0.99.8.0.255");
  EXPECT_EQ(error_of("[optical]\nreadout = [\"1.0.1.8.0.100\"]\n"),
            "meter.toml:2: optical.readout[0]: F must be 255 (current value), 0..99 or 101..125 (a billing period)");
  EXPECT_EQ(error_of("[optical]\nreadout = [\"1.0.0.1.2.255\"]\n"),
            "meter.toml:2: optical.readout[0]: the billing time stamp 0.1.2 needs a billing period in F");
  EXPECT_EQ(error_of("[optical]\nreadout = [\"1.0.1.8.0.255\", \"1.0.1.8.0.255\"]\n"),
            "meter.toml:2: optical.readout[1]: shows as the same VDEW address as optical.readout[0]");
  EXPECT_EQ(error_of("[optical]\nreadout = []\n"),
            "meter.toml:2: optical.readout: names no item (leave the key out for the built-in list)");
  std::string many = "[optical]\nreadout = [";
  for (int k = 0; k < 65; ++k) many += std::string(k ? ", " : "") + "\"1.0.1.8.0." + std::to_string(k) + "\"";
  EXPECT_EQ(error_of(many + "]\n"), "meter.toml:2: optical.readout: holds 65 items; at most 64");
  EXPECT_EQ(error_of("[optical]\ndevice_address = \"A/B\"\n"),
            "meter.toml:2: optical.device_address: '/' is not a device address character (IEC 62056-21: 0-9 A-Z "
            "a-z space)");
  EXPECT_EQ(error_of("[optical]\ndevice_address = \"123456789012345678901234567890123\"\n"),
            "meter.toml:2: optical.device_address: 33 characters; at most 32 (IEC 62056-21)");
  EXPECT_EQ(error_of("[optical]\npassword = \"\"\n"), "meter.toml:2: optical.password: 0 characters; 1 to 16");
  EXPECT_EQ(error_of("[optical]\npassword = \"12345678901234567\"\n"),
            "meter.toml:2: optical.password: 17 characters; 1 to 16");
  EXPECT_EQ(error_of("[optical]\npassword = \"a(b\"\n"),
            "meter.toml:2: optical.password: printable ASCII only, none of ( ) * / ! (they frame the P1 message)");
  EXPECT_EQ(error_of("[optical]\nreadout = \"1.0.1.8.0.255\"\n"),
            "meter.toml:2: optical.readout: must be an array of OBIS codes (\"1.0.1.8.0.255\")");
  EXPECT_EQ(error_of("[optical]\nlist = []\n").substr(0, 44), "meter.toml:2: optical.list: unknown key (kno");
  // What only the running meter can tell: a billing value of a register the billing profile does
  // not capture.
  const MeterConfig m = parse_meter_config("[optical]\nreadout = [\"1.0.1.8.0.255\",\n  \"1.0.32.7.0.101\"]\n", "meter.toml");
  meter::MeterSettings s;
  s.billing = meter::default_billing_settings();
  const meter::Meter meter(s);
  try {
    check_optical_readout(m, meter);
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "meter.toml:3: optical.readout[1]: a billing value of a register outside the billing "
                           "capture list");
  }
}

}  // namespace
}  // namespace quadra::host
