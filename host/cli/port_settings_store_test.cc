#include "host/cli/port_settings_store.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/dlms/test_hex.h"
#include "core/meter/interval_values_testing.h"
#include "core/meter/meter.h"
#include "host/cli/dlms_service.h"
#include "host/cli/meta_store_testing.h"
#include "host/ports/optical_port.h"

namespace quadra::host {
namespace {

using Bytes = std::vector<std::uint8_t>;
using testing::FakeMeta;

Bytes get(DlmsService& dlms, std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute) {
  cosem::CosemObject* o = dlms.directory().find(class_id, ln);
  EXPECT_NE(o, nullptr);
  if (o == nullptr) return {};
  Bytes out(64);
  dlms::AxdrWriter w(out);
  EXPECT_EQ(o->get(attribute, dlms::SelectiveAccess{}, w, cosem::RequestContext{}), dlms::DataAccessResult::kSuccess);
  out.resize(w.size());
  return out;
}

dlms::DataAccessResult set(DlmsService& dlms, std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute,
                           const std::string& hex) {
  cosem::CosemObject* o = dlms.directory().find(class_id, ln);
  EXPECT_NE(o, nullptr);
  return o == nullptr ? dlms::DataAccessResult::kObjectUndefined
                      : o->set(attribute, dlms::testing::hex(hex), cosem::RequestContext{1.0, nullptr});
}

const meter::Obis kHdlcTcp{0, 3, 22, 0, 0};
const meter::Obis kSerial1{0, 1, 22, 0, 0};
const meter::Obis kOptical{0, 0, 20, 0, 0};

TEST(PortSettingsStore, PortSetupsWrittenOverDlmsSurviveARestart) {
  FakeMeta meta;
  double now_s = 0.0;
  meter::Meter meter{meter::MeterSettings{}};
  {
    io::PortSettings ports;
    PortSettingsStore store(ports, meta.store());
    DlmsService dlms(meter, "QDR00000001", now_s, 1, &ports);
    ASSERT_EQ(set(dlms, 23, kHdlcTcp, 8, "12 012C"), dlms::DataAccessResult::kSuccess);  // inactivity 300 s
    ASSERT_EQ(set(dlms, 23, kHdlcTcp, 9, "12 0021"), dlms::DataAccessResult::kSuccess);  // device address 33
    ASSERT_EQ(set(dlms, 19, kOptical, 4, "16 06"), dlms::DataAccessResult::kSuccess);    // prop_baud 19200
    ASSERT_EQ(set(dlms, 19, kOptical, 6, "09 03 414243"), dlms::DataAccessResult::kSuccess);
    store.poll();
  }
  // Only the objects written are stored.
  EXPECT_EQ(meta.values.count("port_setup 0.3.22.0.0.255"), 1u);
  EXPECT_EQ(meta.values.count("port_setup 0.1.22.0.0.255"), 0u);
  EXPECT_EQ(meta.values.count("port_setup 0.0.20.0.0.255"), 1u);

  io::PortSettings ports;
  PortSettingsStore store(ports, meta.store());
  DlmsService dlms(meter, "QDR00000001", now_s, 1, &ports);
  EXPECT_EQ(get(dlms, 23, kHdlcTcp, 8), dlms::testing::hex("12 012C"));
  EXPECT_EQ(get(dlms, 23, kHdlcTcp, 9), dlms::testing::hex("12 0021"));
  EXPECT_EQ(get(dlms, 23, kHdlcTcp, 5), dlms::testing::hex("12 0080"));  // not written: the default 128
  EXPECT_EQ(get(dlms, 23, kSerial1, 8), dlms::testing::hex("12 0078"));  // untouched channel: 120 s
  EXPECT_EQ(get(dlms, 19, kOptical, 4), dlms::testing::hex("16 06"));
  EXPECT_EQ(get(dlms, 19, kOptical, 6), dlms::testing::hex("09 03 414243"));
  EXPECT_EQ(ports.hdlc[io::PortSettings::kHdlcTcp].inactivity_time_out_s, 300);

  // Nothing written since: nothing rewritten.
  meta.values.erase("port_setup 0.3.22.0.0.255");
  store.poll();
  EXPECT_EQ(meta.values.count("port_setup 0.3.22.0.0.255"), 0u);
}

TEST(PortSettingsStore, AStoredValueOutOfRangeStopsTheStartNamingItsKey) {
  FakeMeta meta;
  io::PortSettings ports;
  meta.values["port_setup 0.1.22.0.0.255"] =
      R"({"comm_speed":5,"window_size_transmit":9,"window_size_receive":1,"max_info_field_length_transmit":128,)"
      R"("max_info_field_length_receive":128,"inter_octet_time_out":25,"inactivity_time_out":120,"device_address":16})";
  try {
    PortSettingsStore store(ports, meta.store());
    ADD_FAILURE() << "a window size of 9 was taken";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("port_setup 0.1.22.0.0.255"), std::string::npos) << e.what();
  }
  EXPECT_EQ(ports.hdlc[io::PortSettings::kSerial1].window_size_transmit, 1);  // unchanged
  meta.values["port_setup 0.1.22.0.0.255"] = "{";
  EXPECT_THROW(PortSettingsStore(ports, meta.store()), std::runtime_error);
  meta.values.clear();
  meta.values["port_setup 0.0.20.0.0.255"] = R"({"prop_baud":6,"device_addr":"a/b"})";
  EXPECT_THROW(PortSettingsStore(ports, meta.store()), std::runtime_error);
}

// A client on the optical port's pty: sends the sign-on and the acknowledgement of mode C at
// 300 Bd, returns what the meter sent after it (the readout message).
std::string mode_c_readout(ports::OpticalPort& port, std::uint64_t* now_ms) {
  const int fd = ::open(port.link_path().c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
  EXPECT_GE(fd, 0);
  if (fd < 0) return {};
  auto send = [&](const std::string& text) {
    EXPECT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  };
  auto receive = [&] {
    std::string r;
    char buf[512];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) r.append(buf, static_cast<std::size_t>(n));
    return r;
  };
  send("/?!\r\n");
  port.service(*now_ms += 1000);
  port.service(*now_ms += 300);
  EXPECT_EQ(receive(), "/QDR5\\2QUADRA\r\n");
  send("\x06" "000\r\n");  // ACK 0 Z 0: data readout at 300 Bd
  port.service(*now_ms += 700);
  port.service(*now_ms += 300);
  const std::string r = receive();
  ::close(fd);
  port.service(*now_ms += 5000);  // the engine times out back to waiting for a sign-on
  return r;
}

// The management client writes the readout list of 0.0.21.0.0.255: the optical port's next
// readout shows it, the store keeps it, and after a restart both the object and the readout are
// as written. The readout is checked byte for byte (IEC 62056-21 6.3.2: STX, the data sets, "!"
// CR LF, ETX, BCC = XOR of the bytes after STX through ETX, here 0x44 computed by hand).
TEST(PortSettingsStore, TheReadoutListWrittenOverDlmsIsReadOutAndSurvivesARestart) {
  FakeMeta meta;
  double now_s = 0.0;
  meter::MeterSettings settings;
  settings.billing = meter::default_billing_settings();
  meter::Meter meter(settings);
  meter.on_interval(meter::constant_power_interval(0.0, 3600.0, 12000.0));  // 12 kWh; 01:00:00 local
  const meter::Obis kReadout{0, 0, 21, 0, 0};
  // The serial number (class 1), +A (class 3), the local time (class 1).
  const std::string list = "01 03"
                           " 0204 120001 0906 00006001 00FF 0F02 120000"
                           " 0204 120003 0906 01000108 00FF 0F02 120000"
                           " 0204 120001 0906 01000009 01FF 0F02 120000";
  const std::string expected = "\x02" "C.1.0(QDR00000001)\r\n1.8.0(000012.000*kWh)\r\n0.9.1(010000)\r\n!\r\n\x03" "D";
  const auto link = std::filesystem::temp_directory_path() / ("quadra-readout-" + std::to_string(::getpid()));
  std::uint64_t now_ms = 0;
  {
    io::PortSettings ports;
    PortSettingsStore store(ports, meta.store(), &meter);
    DlmsService dlms(meter, "QDR00000001", now_s, 1, &ports);
    EXPECT_EQ(ports.readout.count, io::default_readout_config().count);  // the built-in list until written
    ports::OpticalPortOptions options;
    options.link_path = link.string();
    options.readout_list = &ports.readout;
    ports::OpticalPort port(meter, options);
    const std::string before = mode_c_readout(port, &now_ms);
    EXPECT_EQ(before.substr(0, 21), "\x02" "C.1.0(QDR00000001)\r\n");
    EXPECT_GT(before.size(), expected.size());
    ASSERT_EQ(set(dlms, 7, kReadout, 3, list), dlms::DataAccessResult::kSuccess);
    store.poll();
    EXPECT_EQ(mode_c_readout(port, &now_ms), expected);
  }
  EXPECT_EQ(meta.values["readout_list 0.0.21.0.0.255"], R"(["0.0.96.1.0.255","1.0.1.8.0.255","1.0.0.9.1.255"])");

  io::PortSettings ports;
  PortSettingsStore store(ports, meta.store(), &meter);
  DlmsService dlms(meter, "QDR00000001", now_s, 1, &ports);
  EXPECT_EQ(get(dlms, 7, kReadout, 3), dlms::testing::hex(list));
  ports::OpticalPortOptions options;
  options.link_path = link.string();
  options.readout_list = &ports.readout;
  ports::OpticalPort port(meter, options);
  EXPECT_EQ(mode_c_readout(port, &now_ms), expected);
}

TEST(PortSettingsStore, AStoredReadoutListThatDoesNotReadStopsTheStart) {
  meter::MeterSettings settings;
  settings.billing = meter::default_billing_settings();
  const meter::Meter meter(settings);
  const auto error = [&](const std::string& stored) {
    FakeMeta meta;
    meta.values["readout_list 0.0.21.0.0.255"] = stored;
    io::PortSettings ports;
    try {
      PortSettingsStore store(ports, meta.store(), &meter);
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(ports.readout.count, 0u);  // unchanged
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(error(R"(["1.0.1.8.0.255"])"), "(accepted)");
  EXPECT_EQ(error(R"(["1.0.1.8.0.255","1.0.200.8.0.255"])"),
            "store meta readout_list 0.0.21.0.0.255: item 2: names no register of the meter");
  EXPECT_EQ(error(R"(["1.8.0"])"),
            "store meta readout_list 0.0.21.0.0.255: not a readout list (\"1.8.0\" is not an OBIS code)");
  EXPECT_EQ(error("[]"), "store meta readout_list 0.0.21.0.0.255: not a readout list (an array of 1..64 OBIS codes)");
  EXPECT_NE(error("{").find("store meta readout_list 0.0.21.0.0.255: not a readout list"), std::string::npos);
}

}  // namespace
}  // namespace quadra::host
