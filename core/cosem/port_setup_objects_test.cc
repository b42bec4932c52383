// The port setup objects' attribute bytes (A-XDR as the Blue Book types them: IC 19 v1 and
// IC 23 v1), their writes (range checks, the settings changed, event 47 logged) and refusals.
#include "core/cosem/port_setup_objects.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "core/recording/log_group.h"

namespace quadra::cosem {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct PortSetupObjects : ::testing::Test {
  PortSetupObjects() : meter(meter::MeterSettings{}) {}
  Bytes get(CosemObject& o, std::uint8_t attribute, DataAccessResult expect = DataAccessResult::kSuccess) {
    std::array<std::uint8_t, 64> buf{};
    AxdrWriter w(buf);
    EXPECT_EQ(o.get(attribute, dlms::SelectiveAccess{}, w, RequestContext{}), expect) << "attribute " << int(attribute);
    return Bytes(w.bytes().begin(), w.bytes().end());
  }
  std::uint32_t changes() const { return meter.events().log(recording::LogGroup::kConfiguration).counter(); }
  const recording::EventRow& last_change() const {
    const auto& log = meter.events().log(recording::LogGroup::kConfiguration);
    return log.entry(log.entries_in_use() - 1);
  }

  meter::Meter meter;
  io::PortSettings ports;
};

TEST_F(PortSetupObjects, HdlcSetupDefaultsAsTheBlueBookTypesThem) {
  HdlcSetupObject o(meter::Obis(0, 1, 22, 0, 0), ports.hdlc[1], meter);
  EXPECT_EQ(o.class_id(), 23);
  EXPECT_EQ(o.version(), 1);
  EXPECT_EQ(o.attribute_count(), 9);
  EXPECT_EQ(get(o, 1), Bytes({0x09, 0x06, 0x00, 0x01, 0x16, 0x00, 0x00, 0xFF}));  // logical_name
  EXPECT_EQ(get(o, 2), Bytes({0x16, 0x05}));        // comm_speed enum: 9600 Bd
  EXPECT_EQ(get(o, 3), Bytes({0x11, 0x01}));        // window_size_transmit unsigned
  EXPECT_EQ(get(o, 4), Bytes({0x11, 0x01}));        // window_size_receive unsigned
  EXPECT_EQ(get(o, 5), Bytes({0x12, 0x00, 0x80}));  // max_info_field_length_transmit long-unsigned 128
  EXPECT_EQ(get(o, 6), Bytes({0x12, 0x00, 0x80}));
  EXPECT_EQ(get(o, 7), Bytes({0x12, 0x00, 0x19}));  // inter_octet_time_out 25 ms
  EXPECT_EQ(get(o, 8), Bytes({0x12, 0x00, 0x78}));  // inactivity_time_out 120 s
  EXPECT_EQ(get(o, 9), Bytes({0x12, 0x00, 0x10}));  // device_address 0x0010
  for (std::uint8_t a = 2; a <= 9; ++a) EXPECT_TRUE(o.writable(a));
  EXPECT_FALSE(o.writable(1));
}

TEST_F(PortSetupObjects, HdlcSetupWriteChangesTheSettingsAndLogsEvent47) {
  HdlcSetupObject o(meter::Obis(0, 2, 22, 0, 0), ports.hdlc[2], meter);
  const std::uint32_t before = changes();
  RequestContext ctx;
  ctx.now_s = 10;
  EXPECT_EQ(o.set(3, Bytes{0x11, 0x07}, ctx), DataAccessResult::kSuccess);
  EXPECT_EQ(o.set(5, Bytes{0x12, 0x01, 0x00}, ctx), DataAccessResult::kSuccess);
  EXPECT_EQ(o.set(8, Bytes{0x12, 0x00, 0x00}, ctx), DataAccessResult::kSuccess);  // 0: no inactivity time-out
  EXPECT_EQ(ports.hdlc[2].window_size_transmit, 7);
  EXPECT_EQ(ports.hdlc[2].max_info_field_length_transmit, 256);
  EXPECT_EQ(ports.hdlc[2].inactivity_time_out_s, 0);
  EXPECT_EQ(ports.hdlc[2].generation, 3u);
  EXPECT_EQ(ports.hdlc[1].generation, 0u);  // each channel its own
  EXPECT_EQ(get(o, 3), Bytes({0x11, 0x07}));
  EXPECT_EQ(changes(), before + 3);
  EXPECT_EQ(last_change().code, 47);
  EXPECT_EQ(last_change().context[0], recording::obis_to_context(meter::Obis(0, 2, 22, 0, 0)));
}

TEST_F(PortSetupObjects, HdlcSetupRefusesValuesOutOfRangeAndWrongTypes) {
  HdlcSetupObject o(meter::Obis(0, 1, 22, 0, 0), ports.hdlc[1], meter);
  const std::uint32_t before = changes();
  const RequestContext ctx;
  EXPECT_EQ(o.set(3, Bytes{0x11, 0x08}, ctx), DataAccessResult::kOtherReason);          // window 8
  EXPECT_EQ(o.set(4, Bytes{0x11, 0x00}, ctx), DataAccessResult::kOtherReason);          // window 0
  EXPECT_EQ(o.set(5, Bytes{0x12, 0x00, 0x1F}, ctx), DataAccessResult::kOtherReason);    // 31 bytes
  EXPECT_EQ(o.set(6, Bytes{0x12, 0x07, 0xEF}, ctx), DataAccessResult::kOtherReason);    // 2031 bytes
  EXPECT_EQ(o.set(7, Bytes{0x12, 0x00, 0x13}, ctx), DataAccessResult::kOtherReason);    // 19 ms
  EXPECT_EQ(o.set(9, Bytes{0x12, 0x00, 0x7F}, ctx), DataAccessResult::kOtherReason);    // broadcast
  EXPECT_EQ(o.set(9, Bytes{0x12, 0x3F, 0xFE}, ctx), DataAccessResult::kOtherReason);    // calling
  EXPECT_EQ(o.set(2, Bytes{0x16, 0x0A}, ctx), DataAccessResult::kOtherReason);          // no such speed
  EXPECT_EQ(o.set(3, Bytes{0x12, 0x00, 0x02}, ctx), DataAccessResult::kTypeUnmatched);  // long-unsigned for unsigned
  EXPECT_EQ(o.set(2, Bytes{0x11, 0x05}, ctx), DataAccessResult::kTypeUnmatched);        // unsigned for enum
  EXPECT_EQ(o.set(1, Bytes{0x09, 0x00}, ctx), DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(ports.hdlc[1].generation, 0u);
  EXPECT_EQ(changes(), before);
}

TEST_F(PortSetupObjects, OpticalLocalPortSetup) {
  LocalPortSetupObject o(meter::Obis(0, 0, 20, 0, 0), ports.optical, meter);
  EXPECT_EQ(o.class_id(), 19);
  EXPECT_EQ(o.version(), 1);
  EXPECT_EQ(get(o, 1), Bytes({0x09, 0x06, 0x00, 0x00, 0x14, 0x00, 0x00, 0xFF}));
  EXPECT_EQ(get(o, 2), Bytes({0x16, 0x00}));  // default_mode: IEC 62056-21
  EXPECT_EQ(get(o, 3), Bytes({0x16, 0x00}));  // default_baud: 300 Bd
  EXPECT_EQ(get(o, 4), Bytes({0x16, 0x05}));  // prop_baud: 9600 Bd
  EXPECT_EQ(get(o, 5), Bytes({0x16, 0x01}));  // response_time: 200 ms
  EXPECT_EQ(get(o, 6), Bytes({0x09, 0x00}));  // device_addr: none
  EXPECT_TRUE(get(o, 7, DataAccessResult::kReadWriteDenied).empty());  // passwords are not read out
  EXPECT_TRUE(get(o, 9, DataAccessResult::kReadWriteDenied).empty());
  EXPECT_FALSE(o.writable(2));
  EXPECT_FALSE(o.writable(3));
  EXPECT_TRUE(o.writable(4));
  EXPECT_FALSE(o.writable(5));
  EXPECT_TRUE(o.writable(6));
  EXPECT_FALSE(o.writable(7));

  const std::uint32_t before = changes();
  const RequestContext ctx;
  EXPECT_EQ(o.set(6, Bytes{0x09, 0x04, '1', '2', '3', '4'}, ctx), DataAccessResult::kSuccess);
  EXPECT_EQ(get(o, 6), Bytes({0x09, 0x04, '1', '2', '3', '4'}));
  EXPECT_EQ(o.set(4, Bytes{0x16, 0x06}, ctx), DataAccessResult::kSuccess);  // 19200 Bd
  EXPECT_EQ(o.set(4, Bytes{0x16, 0x07}, ctx), DataAccessResult::kOtherReason);  // above the mode C rates
  EXPECT_EQ(o.set(6, Bytes{0x09, 0x01, '/'}, ctx), DataAccessResult::kOtherReason);
  EXPECT_EQ(o.set(5, Bytes{0x16, 0x00}, ctx), DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(ports.optical.generation, 2u);
  EXPECT_EQ(changes(), before + 2);
}

TEST_F(PortSetupObjects, ElectricalLocalPortSetupSpeaksHdlcAtOnce) {
  LocalPortSetupObject o(meter::Obis(0, 0, 20, 0, 1), ports.electrical, meter);
  EXPECT_EQ(get(o, 2), Bytes({0x16, 0x01}));  // default_mode: IEC 62056-46 (HDLC)
  for (std::uint8_t a = 2; a <= 9; ++a) EXPECT_FALSE(o.writable(a));
  EXPECT_EQ(o.set(4, Bytes{0x16, 0x06}, RequestContext{}), DataAccessResult::kReadWriteDenied);
}

}  // namespace
}  // namespace quadra::cosem
