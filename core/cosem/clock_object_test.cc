#include "core/cosem/clock_object.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/clock/cosem_date_time.h"
#include "core/recording/event_codes.h"

namespace quadra::cosem {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00
constexpr double kMicro = 1e-6;

class ClockObjectTest : public ::testing::Test {
 protected:
  ClockObjectTest() : meter_(settings()), clock_(meter_) {}

  static meter::MeterSettings settings() {
    meter::MeterSettings s;
    s.rtc.start_utc = kStart;
    return s;
  }

  // Puts the clock at kStart + offset_s (the meter stays at meter time 0).
  void set_to(double offset_s) {
    ASSERT_TRUE(meter_.set_clock(0.0, static_cast<clock::UtcMicros>((kStart + offset_s) * 1e6)).status.is_ok());
  }
  double clock_offset_s() const { return static_cast<double>(meter_.rtc().utc_us(0.0)) * kMicro - kStart; }

  ActionResult call(std::uint8_t method, const Bytes& parameters) {
    std::array<std::uint8_t, 16> buffer{};
    AxdrWriter out(buffer);
    bool has_data = true;
    const ActionResult r = clock_.action(method, parameters, out, has_data, RequestContext{0.0, nullptr});
    EXPECT_FALSE(has_data);
    return r;
  }

  static void append_date_time(Bytes& b, clock::UtcSeconds utc) {
    const clock::CosemDateTime t =
        clock::to_cosem(static_cast<clock::UtcMicros>(utc) * 1000000, clock::central_european_time(), 0);
    const auto bytes = clock::encode(t);
    b.push_back(0x09);
    b.push_back(12);
    b.insert(b.end(), bytes.begin(), bytes.end());
  }

  meter::Meter meter_;
  ClockObject clock_;
};

const Bytes kIntegerZero{0x0F, 0x00};

TEST_F(ClockObjectTest, AdjustToMinuteRoundsToTheNearestMinute) {
  set_to(3600 + 29.0);
  EXPECT_EQ(call(3, kIntegerZero), ActionResult::kSuccess);
  EXPECT_DOUBLE_EQ(clock_offset_s(), 3600.0);
  set_to(3600 + 30.0);  // half-way rounds up
  EXPECT_EQ(call(3, {}), ActionResult::kSuccess);  // parameters omitted: taken as integer(0)
  EXPECT_DOUBLE_EQ(clock_offset_s(), 3660.0);
  const auto& log = meter_.events().log(recording::LogGroup::kStandard);
  ASSERT_GE(log.entries_in_use(), 2u);
  EXPECT_EQ(log.entry(log.entries_in_use() - 2).code, recording::event_code::kClockAdjustedOldTime);
  EXPECT_EQ(log.entry(log.entries_in_use() - 1).code, recording::event_code::kClockAdjustedNewTime);
}

TEST_F(ClockObjectTest, AdjustToMeasuringPeriodUsesTheDemandPeriod) {
  ASSERT_EQ(meter_.demand().config().period_s, 900.0);
  set_to(7 * 60 + 29.0);  // 00:07:29 -> 00:00:00
  EXPECT_EQ(call(2, kIntegerZero), ActionResult::kSuccess);
  EXPECT_DOUBLE_EQ(clock_offset_s(), 0.0);
  set_to(8 * 60.0);  // 00:08:00 -> 00:15:00
  EXPECT_EQ(call(2, kIntegerZero), ActionResult::kSuccess);
  EXPECT_DOUBLE_EQ(clock_offset_s(), 900.0);
}

TEST_F(ClockObjectTest, PresetThenAdjustToPresetTimeWithinTheValidityInterval) {
  set_to(0.0);
  Bytes p{0x02, 0x03};
  append_date_time(p, kStart + 7200);  // preset time
  append_date_time(p, kStart - 60);    // valid from
  append_date_time(p, kStart + 60);    // valid to
  EXPECT_EQ(call(5, p), ActionResult::kSuccess);
  EXPECT_DOUBLE_EQ(clock_offset_s(), 0.0) << "presetting changes nothing yet";
  EXPECT_EQ(call(4, kIntegerZero), ActionResult::kSuccess);
  EXPECT_DOUBLE_EQ(clock_offset_s(), 7200.0);
  // The preset is used up.
  EXPECT_EQ(call(4, kIntegerZero), ActionResult::kOtherReason);
  EXPECT_DOUBLE_EQ(clock_offset_s(), 7200.0);
}

TEST_F(ClockObjectTest, AdjustToPresetTimeOutsideTheValidityIntervalChangesNothing) {
  set_to(0.0);
  Bytes p{0x02, 0x03};
  append_date_time(p, kStart + 7200);
  append_date_time(p, kStart + 60);
  append_date_time(p, kStart + 120);
  ASSERT_EQ(call(5, p), ActionResult::kSuccess);
  const std::size_t logged = meter_.events().log(recording::LogGroup::kStandard).entries_in_use();
  EXPECT_EQ(call(4, kIntegerZero), ActionResult::kOtherReason);
  EXPECT_DOUBLE_EQ(clock_offset_s(), 0.0);
  EXPECT_EQ(meter_.events().log(recording::LogGroup::kStandard).entries_in_use(), logged);
}

TEST_F(ClockObjectTest, MalformedMethodDataIsATypeMismatch) {
  set_to(29.0);
  EXPECT_EQ(call(3, {0x11, 0x00}), ActionResult::kTypeUnmatched);          // unsigned, not integer
  EXPECT_EQ(call(3, {0x0F, 0x01}), ActionResult::kTypeUnmatched);          // integer(1)
  EXPECT_EQ(call(1, {0x0F, 0x00, 0x0F}), ActionResult::kTypeUnmatched);    // trailing octet
  EXPECT_EQ(call(5, {0x02, 0x02, 0x09, 0x00, 0x09, 0x00}), ActionResult::kTypeUnmatched);
  EXPECT_EQ(call(6, {0x10, 0x03}), ActionResult::kTypeUnmatched);          // truncated long
  EXPECT_DOUBLE_EQ(clock_offset_s(), 29.0);
}

TEST_F(ClockObjectTest, ShiftTimeBeyondFifteenMinutesIsRefused) {
  set_to(0.0);
  EXPECT_EQ(call(6, {0x10, 0x03, 0x85}), ActionResult::kOtherReason);  // +901 s
  EXPECT_EQ(call(6, {0x10, 0x03, 0x84}), ActionResult::kSuccess);      // +900 s
  EXPECT_DOUBLE_EQ(clock_offset_s(), 900.0);
}

}  // namespace
}  // namespace quadra::cosem
