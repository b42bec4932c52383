#include "core/push/push_schedule.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/dlms/test_hex.h"
#include "core/push/push_test_fixture.h"
#include "core/recording/event_codes.h"
#include "core/recording/log_group.h"

namespace quadra::push {
namespace {

using Bytes = std::vector<std::uint8_t>;
using dlms::testing::hex;

struct ScheduleTest : ::testing::Test {
  ScheduleTest() : table(pushes), schedule(f.meter, table, every(900, 1)) {}
  static PushScheduleSettings every(std::uint32_t interval_s, std::uint16_t selector) {
    PushScheduleSettings s;
    EXPECT_TRUE(schedule_every(interval_s, &s).is_ok());
    s.script_selector = selector;
    return s;
  }
  Bytes get(std::uint8_t attribute) {
    Bytes out(2048);
    dlms::AxdrWriter w(out);
    EXPECT_EQ(schedule.get(attribute, dlms::SelectiveAccess{}, w, cosem::RequestContext{}),
              dlms::DataAccessResult::kSuccess);
    out.resize(w.size());
    return out;
  }
  dlms::DataAccessResult set(std::uint8_t attribute, const char* value) {
    return schedule.set(attribute, hex(value), cosem::RequestContext{5.0, nullptr});
  }
  std::size_t changes() const {
    const recording::EventLog& log = f.meter.events().log(recording::LogGroup::kConfiguration);
    std::size_t n = 0;
    for (std::size_t k = 0; k < log.entries_in_use(); ++k)
      n += log.entry(k).code == recording::event_code::kParametersChanged ? 1 : 0;
    return n;
  }
  PushFixture f;
  PushEngine* pushes[1] = {&f.engine};
  PushScriptTable table;
  PushScheduleObject schedule;
};

TEST_F(ScheduleTest, AttributesAsTheBlueBookTypesThem) {
  EXPECT_EQ(schedule.class_id(), 22);
  EXPECT_EQ(get(1), hex("09 06 00000F0004FF"));
  EXPECT_EQ(get(2), hex("02 02 09 06 00000A006CFF 12 0001"));
  EXPECT_EQ(get(3), hex("16 05"));
  // Every 15 minutes of every hour of every day: FF:00, FF:15, FF:30, FF:45.
  EXPECT_EQ(get(4), hex("01 04"
                        " 02 02 09 04 FF000000 09 05 FFFFFFFFFF"
                        " 02 02 09 04 FF0F0000 09 05 FFFFFFFFFF"
                        " 02 02 09 04 FF1E0000 09 05 FFFFFFFFFF"
                        " 02 02 09 04 FF2D0000 09 05 FFFFFFFFFF"));
}

TEST_F(ScheduleTest, RunsThePushScriptAtEachExecutionTimeOfLocalTime) {
  // Meter time 0 is 2026-01-01 00:00:00 local.
  schedule.poll(0.0);  // notes the time only
  EXPECT_EQ(f.engine.poll(0.0), nullptr);
  schedule.poll(899.0);
  EXPECT_EQ(f.engine.poll(899.0), nullptr);
  schedule.poll(900.0);
  const Attempt* a = f.engine.poll(900.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(Bytes(a->apdu.begin(), a->apdu.begin() + 5), hex("0F 00000001"));  // normal priority
  f.engine.delivered(900.0);
  schedule.poll(1799.0);
  EXPECT_EQ(f.engine.poll(1799.0), nullptr);
  // Three execution times passed in one step: one push.
  schedule.poll(4500.5);
  ASSERT_NE(f.engine.poll(4500.5), nullptr);
  f.engine.delivered(4500.5);
  schedule.poll(4501.0);
  EXPECT_EQ(f.engine.poll(4501.0), nullptr);
}

TEST_F(ScheduleTest, WritesTakeServedSchedulesOnlyAndAreLogged) {
  // Once a day at 12:00:00.
  EXPECT_EQ(set(4, "01 01 02 02 09 04 0C000000 09 05 FFFFFFFFFF"), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(get(4), hex("01 01 02 02 09 04 0C000000 09 05 FFFFFFFFFF"));
  EXPECT_EQ(changes(), 1u);
  EXPECT_EQ(schedule.generation(), 1u);
  schedule.poll(0.0);
  schedule.poll(12 * 3600.0 - 1);
  EXPECT_EQ(f.engine.poll(12 * 3600.0 - 1), nullptr);
  schedule.poll(12 * 3600.0);
  EXPECT_NE(f.engine.poll(12 * 3600.0), nullptr);

  // Refused, changing nothing: a date that is not every day, minute not specified, hour 24,
  // hundredths 50, a wrong shape, another script table, a script the table does not have.
  EXPECT_EQ(set(4, "01 01 02 02 09 04 0C000000 09 05 07EA0101FF"), dlms::DataAccessResult::kOtherReason);
  EXPECT_EQ(set(4, "01 01 02 02 09 04 0CFF0000 09 05 FFFFFFFFFF"), dlms::DataAccessResult::kOtherReason);
  EXPECT_EQ(set(4, "01 01 02 02 09 04 18000000 09 05 FFFFFFFFFF"), dlms::DataAccessResult::kOtherReason);
  EXPECT_EQ(set(4, "01 01 02 02 09 04 0C000032 09 05 FFFFFFFFFF"), dlms::DataAccessResult::kOtherReason);
  EXPECT_EQ(set(4, "01 01 02 02 09 03 0C0000 09 05 FFFFFFFFFF"), dlms::DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(2, "02 02 09 06 00000A0067FF 12 0001"), dlms::DataAccessResult::kOtherReason);
  EXPECT_EQ(set(2, "02 02 09 06 00000A006CFF 12 0002"), dlms::DataAccessResult::kOtherReason);
  EXPECT_EQ(set(2, "02 01 09 06 00000A006CFF"), dlms::DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(3, "16 01"), dlms::DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(get(4), hex("01 01 02 02 09 04 0C000000 09 05 FFFFFFFFFF"));
  EXPECT_EQ(changes(), 1u);
  // No schedule at all.
  EXPECT_EQ(set(4, "01 00"), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(get(4), hex("01 00"));
}

TEST(ScheduleEvery, DividesAnHourOrADay) {
  PushScheduleSettings s;
  ASSERT_TRUE(schedule_every(900, &s).is_ok());
  EXPECT_EQ(s.count, 4u);
  EXPECT_EQ(s.times[3], (ExecutionTime{0xFF, 45, 0}));
  ASSERT_TRUE(schedule_every(7200, &s).is_ok());
  EXPECT_EQ(s.count, 12u);
  EXPECT_EQ(s.times[11], (ExecutionTime{22, 0, 0}));
  ASSERT_TRUE(schedule_every(0, &s).is_ok());
  EXPECT_EQ(s.count, 0u);
  EXPECT_FALSE(schedule_every(30, &s).is_ok());    // under a minute
  EXPECT_FALSE(schedule_every(1000, &s).is_ok());  // divides neither
  EXPECT_FALSE(schedule_every(600 * 6 + 1, &s).is_ok());
}

}  // namespace
}  // namespace quadra::push
