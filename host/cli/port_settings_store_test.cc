#include "host/cli/port_settings_store.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/dlms/test_hex.h"
#include "core/meter/meter.h"
#include "host/cli/dlms_service.h"
#include "host/cli/meta_store_testing.h"

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

}  // namespace
}  // namespace quadra::host
