// The relay outputs on the wire: Disconnect control (class 70 v1, 0.0.96.3.10.255) attribute by
// attribute as the Blue Book types them (output_state boolean, control_state and control_mode
// enum), its two methods through the state machine, the set output signals script table
// 0.0.10.0.103.255 and the output control signals 0.0.96.3.2.255 (bit 0 relay 1, bit 1 relay 2).
#include "core/cosem/disconnect_control_object.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "core/cosem/association.h"
#include "core/cosem/directory.h"
#include "core/dlms/test_hex.h"
#include "core/recording/event_codes.h"

namespace quadra::cosem {
namespace {

using dlms::testing::hex;
using dlms::testing::to_hex;

const meter::Obis kDc(0, 0, 96, 3, 10);
const meter::Obis kScripts(0, 0, 10, 0, 103);
const meter::Obis kOutputs(0, 0, 96, 3, 2);

class Relays : public ::testing::Test {
 protected:
  Relays() : meter_(settings()), directory_(meter_, config()) {}
  static meter::MeterSettings settings() {
    meter::MeterSettings s;
    s.rtc.start_utc = 1767222000;
    return s;
  }
  static DirectoryConfig config() {
    DirectoryConfig c;
    c.associations = kAssociations;
    return c;
  }
  std::string get(std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute) {
    CosemObject* o = directory_.find(class_id, ln);
    if (o == nullptr) return "no object";
    std::array<std::uint8_t, 512> buf{};
    dlms::AxdrWriter w(buf);
    const DataAccessResult r = o->get(attribute, {}, w, RequestContext{meter_.meter_time_s(), nullptr});
    if (r != DataAccessResult::kSuccess) return "refused " + std::to_string(static_cast<int>(r));
    return to_hex({buf.data(), w.size()});
  }
  DataAccessResult set(std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute, const std::string& value) {
    CosemObject* o = directory_.find(class_id, ln);
    if (o == nullptr) return DataAccessResult::kObjectUndefined;
    const std::vector<std::uint8_t> bytes = hex(value);
    return o->set(attribute, bytes, RequestContext{meter_.meter_time_s(), nullptr});
  }
  ActionResult call(std::uint16_t class_id, const meter::Obis& ln, std::uint8_t method, const std::string& parameter) {
    CosemObject* o = directory_.find(class_id, ln);
    if (o == nullptr) return ActionResult::kObjectUndefined;
    std::array<std::uint8_t, 16> buf{};
    dlms::AxdrWriter w(buf);
    bool has_data = true;
    const std::vector<std::uint8_t> bytes = hex(parameter);
    const ActionResult r = o->action(method, bytes, w, has_data, RequestContext{meter_.meter_time_s(), nullptr});
    EXPECT_FALSE(has_data);
    return r;
  }
  static constexpr std::array<AssociationConfig, 1> kAssociations{};
  meter::Meter meter_;
  Directory directory_;
};

TEST_F(Relays, DisconnectControlAttributesAsTheBlueBookTypesThem) {
  EXPECT_EQ(directory_.find(70, kDc)->version(), 1);
  EXPECT_EQ(get(70, kDc, 2), "03 01");  // output_state TRUE
  EXPECT_EQ(get(70, kDc, 3), "16 01");  // connected
  EXPECT_EQ(get(70, kDc, 4), "16 01");  // mode 1 as configured by default
  EXPECT_EQ(get(1, kOutputs, 2), "06 00 00 00 01");
}

TEST_F(Relays, RemoteDisconnectAndReconnectFollowTheControlMode) {
  ASSERT_EQ(call(70, kDc, 1, "0F 00"), ActionResult::kSuccess);
  EXPECT_EQ(get(70, kDc, 2), "03 00");
  EXPECT_EQ(get(70, kDc, 3), "16 00");
  EXPECT_EQ(get(1, kOutputs, 2), "06 00 00 00 00");
  EXPECT_EQ(call(70, kDc, 1, "0F 00"), ActionResult::kSuccess);  // already disconnected: nothing
  // Mode 2: remote reconnection only arms the relay (ready_for_reconnection, transition a).
  ASSERT_EQ(set(70, kDc, 4, "16 02"), DataAccessResult::kSuccess);
  ASSERT_EQ(call(70, kDc, 2, "0F 00"), ActionResult::kSuccess);
  EXPECT_EQ(get(70, kDc, 3), "16 02");
  EXPECT_EQ(get(70, kDc, 2), "03 00");
  // Mode 0 keeps it as it is and refuses a disconnection for now.
  ASSERT_EQ(set(70, kDc, 4, "16 00"), DataAccessResult::kSuccess);
  EXPECT_EQ(call(70, kDc, 1, "0F 00"), ActionResult::kTemporaryFailure);
  EXPECT_EQ(get(70, kDc, 3), "16 02");
  const recording::EventLog& log = meter_.events().log(recording::LogGroup::kLimits);
  ASSERT_EQ(log.entries_in_use(), 2u);
  EXPECT_EQ(log.entry(0).code, recording::event_code::kRemoteDisconnection);
  EXPECT_EQ(log.entry(1).code, recording::event_code::kReadyForManualReconnection);
}

TEST_F(Relays, BadWritesAndParametersAreRefused) {
  EXPECT_EQ(set(70, kDc, 4, "16 07"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(70, kDc, 4, "11 01"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(70, kDc, 3, "16 00"), DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(call(70, kDc, 1, "11 00"), ActionResult::kTypeUnmatched);
  EXPECT_EQ(call(70, kDc, 3, "0F 00"), ActionResult::kObjectUndefined);
  EXPECT_EQ(get(70, kDc, 4), "16 01");
  EXPECT_EQ(get(70, kDc, 3), "16 01");
}

TEST_F(Relays, TheOutputScriptTableListsAndRunsItsFourScripts) {
  // Script 1: execute method 1 of 70 0.0.96.3.10.255 (integer 0); script 3: write attribute 2 of
  // 1 0.0.96.3.2.255 with double-long-unsigned 2.
  const std::string table = get(9, kScripts, 2);
  EXPECT_EQ(table.substr(0, 3 * 29 - 1),
            "01 04 02 02 12 00 01 01 01 02 05 16 02 12 00 46 09 06 00 00 60 03 0A FF 0F 01 0F 00 02");
  EXPECT_NE(table.find("16 01 12 00 01 09 06 00 00 60 03 02 FF 0F 02 06 00 00 00 02"), std::string::npos);
  ASSERT_EQ(call(9, kScripts, 1, "12 00 03"), ActionResult::kSuccess);  // close relay 2
  EXPECT_EQ(get(1, kOutputs, 2), "06 00 00 00 03");
  ASSERT_EQ(call(9, kScripts, 1, "12 00 01"), ActionResult::kSuccess);  // disconnect relay 1
  EXPECT_EQ(get(1, kOutputs, 2), "06 00 00 00 02");
  EXPECT_EQ(call(9, kScripts, 1, "12 00 05"), ActionResult::kOtherReason);
  const recording::EventLog& log = meter_.events().log(recording::LogGroup::kLimits);
  ASSERT_EQ(log.entries_in_use(), 2u);
  EXPECT_EQ(log.entry(0).code, recording::event_code::kRelay2Closed);
  EXPECT_EQ(log.entry(0).context[1], 0.0) << "by a client";
  EXPECT_EQ(log.entry(1).code, recording::event_code::kRemoteDisconnection);
}

TEST_F(Relays, TheOutputControlScheduleIsWrittenAndRead) {
  const meter::Obis sas(0, 0, 15, 0, 3);
  EXPECT_EQ(get(22, sas, 2), "02 02 09 06 00 00 0A 00 67 FF 12 00 01");
  EXPECT_EQ(get(22, sas, 3), "16 01");
  EXPECT_EQ(get(22, sas, 4), "01 00");  // no schedule
  // Script 3 (close relay 2) every day at 22:30.
  ASSERT_EQ(set(22, sas, 2, "02 02 09 06 00 00 0A 00 67 FF 12 00 03"), DataAccessResult::kSuccess);
  ASSERT_EQ(set(22, sas, 4, "01 01 02 02 09 04 16 1E 00 00 09 05 FF FF FF FF FF"), DataAccessResult::kSuccess);
  EXPECT_EQ(get(22, sas, 4), "01 01 02 02 09 04 16 1E 00 00 09 05 FF FF FF FF FF");
  EXPECT_EQ(get(22, sas, 2), "02 02 09 06 00 00 0A 00 67 FF 12 00 03");
  EXPECT_TRUE(meter_.output_schedule().enabled);
  // Another script table, a selector the table lacks, a date not every day: refused, kept.
  EXPECT_EQ(set(22, sas, 2, "02 02 09 06 00 00 0A 00 64 FF 12 00 01"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(22, sas, 2, "02 02 09 06 00 00 0A 00 67 FF 12 00 05"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(22, sas, 4, "01 01 02 02 09 04 16 1E 00 00 09 05 FF FF FF 01 FF"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(22, sas, 3, "16 02"), DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(get(22, sas, 4), "01 01 02 02 09 04 16 1E 00 00 09 05 FF FF FF FF FF");
  EXPECT_EQ(meter_.output_schedule().script, 3);
  ASSERT_EQ(set(22, sas, 4, "01 00"), DataAccessResult::kSuccess);
  EXPECT_EQ(meter_.next_output_utc_s(), 0.0);
}

}  // namespace
}  // namespace quadra::cosem
