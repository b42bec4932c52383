// Register monitor (class 21), limiter (class 71) and the writable parameters on the wire: the
// attribute values byte for byte as the Blue Book lays them out (value_definition, action_item,
// action_set, emergency_profile), and SETs that change the meter or are refused with the
// DataAccessResult a client expects.
#include "core/cosem/monitor_objects.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "core/cosem/association.h"
#include "core/cosem/directory.h"
#include "core/dlms/test_hex.h"
#include "core/meter/interval_values_testing.h"
#include "core/recording/event_codes.h"

namespace quadra::cosem {
namespace {

using dlms::testing::hex;
using dlms::testing::to_hex;

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;  // 2026-01-01T00:00:00+01:00
  s.billing = meter::default_billing_settings();
  return s;
}

class Objects : public ::testing::Test {
 protected:
  Objects() : meter_(settings()), directory_(meter_, config()) {}
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
  static constexpr std::array<AssociationConfig, 1> kAssociations{};
  meter::Meter meter_;
  Directory directory_;
};

const meter::Obis kRm(0, 0, 16, 0, 0);
const meter::Obis kAm(0, 0, 16, 1, 0);
const meter::Obis kLim(0, 0, 17, 0, 0);

TEST_F(Objects, RegisterMonitorAttributesAsTheBlueBookEncodesThem) {
  // monitored_value: structure { long-unsigned 3, octet-string 1.0.1.7.0.255, integer 2 }
  EXPECT_EQ(get(21, kRm, 3), "02 03 12 00 03 09 06 01 00 01 07 00 FF 0F 02");
  EXPECT_EQ(get(21, kRm, 2), "01 00");  // no thresholds yet
  EXPECT_EQ(get(21, kRm, 4), "01 00");
  // Alarm monitor 1: the alarm register (class 1), threshold 0, up: push script 0.0.10.0.108.255 / 1.
  EXPECT_EQ(get(21, kAm, 3), "02 03 12 00 01 09 06 00 00 61 62 00 FF 0F 02");
  EXPECT_EQ(get(21, kAm, 2), "01 01 06 00 00 00 00");
  EXPECT_EQ(get(21, kAm, 4),
            "01 01 02 02 02 02 09 06 00 00 0A 00 6C FF 12 00 01 02 02 09 06 00 00 00 00 00 00 12 00 00");
}

TEST_F(Objects, RegisterMonitorWrittenThenRunsOnTheMeter) {
  // Thresholds in the watched register's type and scaler: double-long-unsigned W.
  ASSERT_EQ(set(21, kRm, 2, "01 02 06 00 00 4E 20 06 00 00 9C 40"), DataAccessResult::kSuccess);  // 20 kW, 40 kW
  EXPECT_EQ(get(21, kRm, 2), "01 02 06 00 00 4E 20 06 00 00 9C 40");
  // One action set per threshold: up on 20 kW runs the billing reset script 0.0.10.0.1.255 / 1.
  ASSERT_EQ(set(21, kRm, 4,
                "01 02 02 02 02 02 09 06 00 00 0A 00 01 FF 12 00 01 02 02 09 06 00 00 00 00 00 00 12 00 00"
                "   02 02 02 02 09 06 00 00 00 00 00 00 12 00 00 02 02 09 06 00 00 00 00 00 00 12 00 00"),
            DataAccessResult::kSuccess);
  // An actions array that does not match the thresholds is refused.
  EXPECT_EQ(set(21, kRm, 4, "01 00"), DataAccessResult::kOtherReason);
  // A value the meter cannot watch (a profile), and a malformed one.
  EXPECT_EQ(set(21, kRm, 3, "02 03 12 00 07 09 06 01 00 63 01 00 FF 0F 02"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(21, kRm, 3, "02 02 12 00 03 09 06 01 00 01 07 00 FF"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(21, kRm, 2, "01 01 09 00"), DataAccessResult::kTypeUnmatched);

  meter_.on_interval(meter::constant_power_interval(0, 1.0, 10000.0));
  EXPECT_EQ(meter_.billing().counter(), 0u);
  meter_.on_interval(meter::constant_power_interval(1, 1.0, 25000.0));
  EXPECT_EQ(meter_.billing().counter(), 1u);
  // Each write was a configuration change (event 47), counted in 0.0.96.2.0.
  EXPECT_EQ(get(1, meter::Obis(0, 0, 96, 2, 0), 2), "06 00 00 00 02");
}

TEST_F(Objects, LimiterAttributesAsTheBlueBookEncodesThem) {
  // monitored_value: the last average demand of +P, 1.0.1.4.0.255 attribute 3 of a class 5.
  EXPECT_EQ(get(71, kLim, 2), "02 03 12 00 05 09 06 01 00 01 04 00 FF 0F 03");
  EXPECT_EQ(get(71, kLim, 3), "06 00 00 00 00");
  EXPECT_EQ(get(71, kLim, 6), "06 00 00 00 00");
  // emergency_profile: { long-unsigned id, date-time (never: not specified), double-long-unsigned }
  EXPECT_EQ(get(71, kLim, 8), "02 03 12 00 00 09 0C FF FF FF FF FF FF FF FF FF 80 00 FF 06 00 00 00 00");
  EXPECT_EQ(get(71, kLim, 9), "01 00");
  EXPECT_EQ(get(71, kLim, 10), "03 00");
  // actions: structure { action_item over, action_item under }, both empty.
  EXPECT_EQ(get(71, kLim, 11),
            "02 02 02 02 09 06 00 00 00 00 00 00 12 00 00 02 02 09 06 00 00 00 00 00 00 12 00 00");
}

TEST_F(Objects, LimiterWrittenLimitsTheDemandWithItsEventsAndEmergencyThreshold) {
  ASSERT_EQ(set(71, kLim, 4, "06 00 00 3A 98"), DataAccessResult::kSuccess);  // 15 kW
  ASSERT_EQ(set(71, kLim, 5, "06 00 00 1F 40"), DataAccessResult::kSuccess);  // 8 kW
  EXPECT_EQ(get(71, kLim, 3), "06 00 00 3A 98");
  // Emergency profile 5 from 2026-01-01 00:30 local for an hour, group list {5}: then 8 kW rules.
  ASSERT_EQ(set(71, kLim, 8, "02 03 12 00 05 09 0C 07 EA 01 01 FF 00 1E 00 00 FF C4 00 06 00 00 0E 10"),
            DataAccessResult::kSuccess);
  ASSERT_EQ(set(71, kLim, 9, "01 01 12 00 05"), DataAccessResult::kSuccess);
  EXPECT_EQ(get(71, kLim, 8), "02 03 12 00 05 09 0C 07 EA 01 01 04 00 1E 00 00 FF C4 00 06 00 00 0E 10");
  EXPECT_EQ(set(71, kLim, 3, "06 00 00 00 01"), DataAccessResult::kReadWriteDenied);  // computed
  EXPECT_EQ(set(71, kLim, 9, "01 09 12 00 01 12 00 01 12 00 01 12 00 01 12 00 01 12 00 01 12 00 01 12 00 01 12 00 01"),
            DataAccessResult::kOtherReason);  // more than 8 ids
  // 15 min at 12 kW (under 15 kW), then at 30 min the emergency threshold 8 kW applies.
  double t = 0.0;
  for (int k = 0; k < 15; ++k, t += 60.0) meter_.on_interval(meter::constant_power_interval(t, 60.0, 12000.0));
  EXPECT_EQ(get(71, kLim, 10), "03 00");
  for (int k = 0; k < 16; ++k, t += 60.0) meter_.on_interval(meter::constant_power_interval(t, 60.0, 12000.0));
  EXPECT_EQ(get(71, kLim, 10), "03 01");
  EXPECT_EQ(get(71, kLim, 3), "06 00 00 1F 40");
  const recording::EventLog& limits = meter_.events().log(recording::LogGroup::kLimits);
  ASSERT_EQ(limits.entries_in_use(), 1u);
  EXPECT_EQ(limits.entry(0).code, 149);  // over the (emergency) limit, with the demand 12 kW
  EXPECT_NEAR(limits.entry(0).context[1], 12000.0, 1e-6);
}

TEST_F(Objects, ThresholdSetChangesTheMeterAndOutOfRangeIsRefused) {
  // Voltage sag threshold 1.0.12.31.0.255: register in V at scaler -2.
  EXPECT_EQ(get(3, meter::Obis(1, 0, 12, 31, 0), 3), "02 02 0F FE 16 23");
  EXPECT_EQ(get(3, meter::Obis(1, 0, 12, 31, 0), 2), "06 00 00 50 DC");  // 207.00 V = 90 % of 230 V
  ASSERT_EQ(set(3, meter::Obis(1, 0, 12, 31, 0), 2, "06 00 00 47 E0"), DataAccessResult::kSuccess);  // 184 V
  EXPECT_EQ(meter_.parameters().value(meter::Parameter::kSagThreshold), 184.0);
  EXPECT_EQ(set(3, meter::Obis(1, 0, 12, 31, 0), 2, "06 00 00 5D C0"), DataAccessResult::kOtherReason);  // 240 V
  EXPECT_EQ(set(3, meter::Obis(1, 0, 12, 31, 0), 2, "09 01 00"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(meter_.parameters().value(meter::Parameter::kSagThreshold), 184.0);
  // The alarm filter is a Data object (class 1); the contracted power a register in W.
  ASSERT_EQ(set(1, meter::Obis(0, 0, 97, 98, 10), 2, "06 00 01 00 00"), DataAccessResult::kSuccess);
  EXPECT_EQ(meter_.events().alarm_filter(), 0x10000u);
  ASSERT_EQ(set(3, meter::Obis(1, 0, 1, 46, 0), 2, "06 00 00 2E E0"), DataAccessResult::kSuccess);
  EXPECT_EQ(get(3, meter::Obis(1, 0, 1, 35, 3), 2), "06 00 00 2E E0");
  // Log: three configuration changes, each naming its object.
  const recording::EventLog& config = meter_.events().log(recording::LogGroup::kConfiguration);
  ASSERT_EQ(config.entries_in_use(), 3u);
  EXPECT_EQ(config.entry(0).code, recording::event_code::kParametersChanged);
  EXPECT_EQ(config.entry(0).context[0], recording::obis_to_context(meter::Obis(1, 0, 12, 31, 0)));
}

TEST_F(Objects, OnlyTheManagementClientWritesConfiguration) {
  const CosemObject* sag = directory_.find(3, meter::Obis(1, 0, 12, 31, 0));
  const CosemObject* clock = directory_.find(8, meter::Obis(0, 0, 1, 0, 0));
  ASSERT_NE(sag, nullptr);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, *sag, 2), 3);
  EXPECT_EQ(attribute_access(ClientLevel::kReader, *sag, 2), 1);
  EXPECT_EQ(attribute_access(ClientLevel::kReader, *sag, 3), 1);
  EXPECT_EQ(attribute_access(ClientLevel::kReader, *clock, 2), 3);  // time synchronisation
  const CosemObject* lim = directory_.find(71, kLim);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, *lim, 3), 1);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, *lim, 4), 3);
}

TEST_F(Objects, TimeDataObjectsCarryCosemDatesAndTimes) {
  meter_.on_interval(meter::constant_power_interval(0, 3723.0, 1000.0));  // to 01:02:03 local
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 9, 1), 2), "09 04 01 02 03 00");
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 9, 2), 2), "09 05 07 EA 01 01 04");
  EXPECT_EQ(get(1, meter::Obis(0, 0, 96, 2, 1), 2), "09 0C FF FF FF FF FF FF FF FF FF 80 00 FF");
}

}  // namespace
}  // namespace quadra::cosem
