// The error and alarm registers as a head end resets them: a write may only drop bits, each
// reset is logged in the standard log (10 error, 11 alarm register cleared), the management
// client alone may write, and a cleared alarm is notified again by its next event.
#include "core/cosem/status_register_object.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "core/cosem/association.h"
#include "core/cosem/directory.h"
#include "core/dlms/test_hex.h"
#include "core/recording/default_alarms.h"
#include "core/recording/notifier.h"

namespace quadra::cosem {
namespace {

using dlms::testing::hex;
using dlms::testing::to_hex;

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;  // 2026-01-01T00:00:00+01:00
  s.billing = meter::default_billing_settings();
  s.events.alarm_map = recording::kDefaultAlarmMap;  // terminal cover opened = bit 8, meter case 9
  return s;
}

const meter::Obis kErrors(0, 0, 97, 97, 0);
const meter::Obis kAlarms(0, 0, 97, 98, 0);

class CountingNotifier final : public recording::Notifier {
 public:
  void on_notification(const recording::AlarmNotification&) override { ++count; }
  int count = 0;
};

class StatusRegisters : public ::testing::Test {
 protected:
  StatusRegisters() : meter_(settings()), directory_(meter_, config()) { meter_.set_notifier(&notifier_); }
  static DirectoryConfig config() {
    DirectoryConfig c;
    c.associations = kAssociations;
    return c;
  }
  std::string get(const meter::Obis& ln) {
    CosemObject* o = directory_.find(1, ln);
    if (o == nullptr) return "no object";
    std::array<std::uint8_t, 16> buf{};
    dlms::AxdrWriter w(buf);
    const DataAccessResult r = o->get(2, {}, w, RequestContext{meter_.meter_time_s(), nullptr});
    if (r != DataAccessResult::kSuccess) return "refused " + std::to_string(static_cast<int>(r));
    return to_hex({buf.data(), w.size()});
  }
  DataAccessResult set(const meter::Obis& ln, const std::string& value) {
    CosemObject* o = directory_.find(1, ln);
    if (o == nullptr) return DataAccessResult::kObjectUndefined;
    const std::vector<std::uint8_t> bytes = hex(value);
    return o->set(2, bytes, RequestContext{meter_.meter_time_s(), nullptr});
  }
  std::uint16_t last_standard_code() const { return meter_.events().last_code(recording::LogGroup::kStandard); }
  std::size_t standard_rows() const { return meter_.events().log(recording::LogGroup::kStandard).entries_in_use(); }
  void open_cover() { meter_.record_event(recording::LogGroup::kFraud, 40, meter_.meter_time_s()); }

  static constexpr std::array<AssociationConfig, 1> kAssociations{};
  CountingNotifier notifier_;
  meter::Meter meter_;
  Directory directory_;
};

TEST_F(StatusRegisters, BothAreDataObjectsOnlyTheManagementClientMayWrite) {
  for (const meter::Obis& ln : {kErrors, kAlarms}) {
    const CosemObject* o = directory_.find(1, ln);
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(attribute_access(ClientLevel::kManager, *o, 2), 3);
    EXPECT_EQ(attribute_access(ClientLevel::kReader, *o, 2), 1);
    EXPECT_EQ(attribute_access(ClientLevel::kManager, *o, 1), 1);
    EXPECT_EQ(get(ln), "06 00 00 00 00");
  }
}

TEST_F(StatusRegisters, WritingZeroClearsTheAlarmsLogsEleven) {
  open_cover();  // terminal cover opened: alarm bit 8
  EXPECT_EQ(get(kAlarms), "06 00 00 01 00");
  const std::size_t rows = standard_rows();
  ASSERT_EQ(set(kAlarms, "06 00 00 00 00"), DataAccessResult::kSuccess);
  EXPECT_EQ(get(kAlarms), "06 00 00 00 00");
  EXPECT_EQ(standard_rows(), rows + 1);
  EXPECT_EQ(last_standard_code(), 11);
}

TEST_F(StatusRegisters, AWriteKeepsTheBitsItKeepsAndCannotRaiseOne) {
  open_cover();  // bit 8
  meter_.record_event(recording::LogGroup::kFraud, 44, meter_.meter_time_s());  // case opened: bit 9
  EXPECT_EQ(get(kAlarms), "06 00 00 03 00");
  const std::size_t rows = standard_rows();
  // A bit the register does not have: refused, nothing changes, nothing logged.
  EXPECT_EQ(set(kAlarms, "06 00 00 03 01"), DataAccessResult::kOtherReason);
  EXPECT_EQ(get(kAlarms), "06 00 00 03 00");
  EXPECT_EQ(standard_rows(), rows);
  // Another type: type-unmatched.
  EXPECT_EQ(set(kAlarms, "12 00 00"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(kAlarms, "06 00 00 00 00 00"), DataAccessResult::kTypeUnmatched);
  // The same value: nothing to clear, nothing logged.
  EXPECT_EQ(set(kAlarms, "06 00 00 03 00"), DataAccessResult::kSuccess);
  EXPECT_EQ(standard_rows(), rows);
  // Keep bit 9, clear bit 8.
  ASSERT_EQ(set(kAlarms, "06 00 00 02 00"), DataAccessResult::kSuccess);
  EXPECT_EQ(get(kAlarms), "06 00 00 02 00");
  EXPECT_EQ(last_standard_code(), 11);
}

TEST_F(StatusRegisters, AClearedAlarmIsNotifiedAgainByItsNextEvent) {
  open_cover();
  EXPECT_EQ(notifier_.count, 1);
  open_cover();  // the bit is still set: one notification per alarm raised
  EXPECT_EQ(notifier_.count, 1);
  ASSERT_EQ(set(kAlarms, "06 00 00 00 00"), DataAccessResult::kSuccess);
  open_cover();
  EXPECT_EQ(notifier_.count, 2);
}

TEST_F(StatusRegisters, TheErrorRegisterResetLogsTen) {
  meter_.nv_failed(meter_.meter_time_s());  // bit 0: non-volatile memory error (and event 14)
  EXPECT_EQ(get(kErrors), "06 00 00 00 01");
  EXPECT_EQ(set(kErrors, "06 00 00 00 03"), DataAccessResult::kOtherReason);
  ASSERT_EQ(set(kErrors, "06 00 00 00 00"), DataAccessResult::kSuccess);
  EXPECT_EQ(get(kErrors), "06 00 00 00 00");
  EXPECT_EQ(last_standard_code(), 10);
}

}  // namespace
}  // namespace quadra::cosem
