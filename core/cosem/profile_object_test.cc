// Profile generic buffers on the wire: the power-quality event profiles and the daily billing
// profile read by range on their clock column and by entry, the bytes built by hand from the
// Blue Book's A-XDR encoding (array 01, structure 02, octet-string 09, double-long-unsigned 06,
// long64-unsigned 15; date-time: year, month, day, weekday, hour, minute, second, hundredths,
// deviation, clock status).
#include "core/cosem/profile_object.h"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "core/cosem/association.h"
#include "core/cosem/directory.h"
#include "core/meter/half_cycle_testing.h"
#include "core/meter/interval_values_testing.h"

namespace quadra::cosem {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00, a Thursday

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = kStart;
  return s;
}

Bytes date_time(std::uint8_t day, std::uint8_t weekday, std::uint8_t second, std::uint8_t hundredths) {
  // January 2026, 00:00 local, CET (deviation -60 = FF C4), status 00.
  return {0x09, 0x0C, 0x07, 0xEA, 0x01, day, weekday, 0x00, 0x00, second, hundredths, 0xFF, 0xC4, 0x00};
}

// capture_object_definition of the clock: class 8, 0.0.1.0.0.255, attribute 2, data index 0.
const Bytes kClockColumn{0x02, 0x04, 0x12, 0x00, 0x08, 0x09, 0x06, 0, 0, 1, 0, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00};

Bytes range(const Bytes& from, const Bytes& to) {
  Bytes b{0x02, 0x04};
  b.insert(b.end(), kClockColumn.begin(), kClockColumn.end());
  b.insert(b.end(), from.begin(), from.end());
  b.insert(b.end(), to.begin(), to.end());
  b.insert(b.end(), {0x01, 0x00});  // all columns
  return b;
}

Bytes get_buffer(ProfileObject& p, const meter::Meter& m, std::uint8_t selector, const Bytes& parameters) {
  std::array<std::uint8_t, 4096> buf{};
  dlms::AxdrWriter w(buf);
  dlms::SelectiveAccess access;
  access.present = selector != 0;
  access.selector = selector;
  access.parameters = parameters;
  EXPECT_EQ(p.get(2, access, w, RequestContext{m.meter_time_s(), nullptr}), DataAccessResult::kSuccess);
  return Bytes(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(w.size()));
}

TEST(VoltageEventProfile, ADipReadByRangeIsItsStartWithHundredthsDurationResidualAndPhases) {
  meter::Meter m(settings());
  // L1 at 50 % from 1.25 s to 1.37 s; then L2 from 5.00 s to 5.50 s at 80 %.
  const meter::VoltageLevels steady{{0.0, 230.0}};
  meter::feed_half_cycles(m, {meter::VoltageLevels{{0.0, 230.0}, {1.25, 115.0}, {1.37, 230.0}},
                              meter::VoltageLevels{{0.0, 230.0}, {5.00, 184.0}, {5.50, 230.0}}, steady},
                          6.0);
  VoltageEventProfileSource source(m, meter::VoltageEventKind::kDip);
  ProfileObject dips(meter::kDipsProfile, source, m.rtc().time_zone());
  // From 00:00:01.00 to 00:00:02.00: the first dip only.
  const Bytes rows = get_buffer(dips, m, 1, range(date_time(1, 4, 1, 0), date_time(1, 4, 2, 0)));
  Bytes expected{0x01, 0x01, 0x02, 0x04};
  const Bytes start = date_time(1, 4, 1, 25);  // 00:00:01.25
  expected.insert(expected.end(), start.begin(), start.end());
  expected.insert(expected.end(), {0x06, 0x00, 0x00, 0x00, 0x78,     // 120 ms (scaler -3)
                                   0x06, 0x00, 0x00, 0x2C, 0xEC,     // 115.00 V (scaler -2)
                                   0x06, 0x00, 0x00, 0x00, 0x01});   // L1
  EXPECT_EQ(rows, expected);
  // By entry: the second row, columns 2..3 (duration, residual voltage): 500 ms, 184.00 V.
  const Bytes entry{0x02, 0x04, 0x06, 0, 0, 0, 2, 0x06, 0, 0, 0, 2, 0x12, 0, 2, 0x12, 0, 3};
  EXPECT_EQ(get_buffer(dips, m, 2, entry),
            (Bytes{0x01, 0x01, 0x02, 0x02, 0x06, 0x00, 0x00, 0x01, 0xF4, 0x06, 0x00, 0x00, 0x47, 0xE0}));
  // capture_period 0, FIFO, 100 rows.
  std::array<std::uint8_t, 64> buf{};
  dlms::AxdrWriter w(buf);
  ASSERT_EQ(dips.get(4, {}, w, RequestContext{}), DataAccessResult::kSuccess);
  ASSERT_EQ(dips.get(8, {}, w, RequestContext{}), DataAccessResult::kSuccess);
  EXPECT_EQ(Bytes(buf.begin(), buf.begin() + 10), (Bytes{0x06, 0, 0, 0, 0, 0x06, 0, 0, 0, 100}));
}

TEST(VoltageEventProfile, CaptureObjectsAreTheClockAndTheLastEventRegisters) {
  meter::Meter m(settings());
  VoltageEventProfileSource source(m, meter::VoltageEventKind::kSwell);
  ProfileObject swells(meter::kSwellsProfile, source, m.rtc().time_zone());
  std::array<std::uint8_t, 256> buf{};
  dlms::AxdrWriter w(buf);
  ASSERT_EQ(swells.get(3, {}, w, RequestContext{}), DataAccessResult::kSuccess);
  Bytes expected{0x01, 0x04};
  expected.insert(expected.end(), kClockColumn.begin(), kClockColumn.end());
  for (std::uint8_t d : {std::uint8_t{37}, std::uint8_t{38}}) {
    expected.insert(expected.end(), {0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 1, 0, 12, d, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00});
  }
  expected.insert(expected.end(), {0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 1, 0, 12, 36, 128, 255, 0x0F, 0x02, 0x12, 0x00, 0x00});
  EXPECT_EQ(Bytes(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(w.size())), expected);
}

TEST(DailyBillingProfile, ReadByRangeGivesTheMidnightsOfTheDaysAsked) {
  meter::MeterSettings s = settings();
  s.daily_billing.capture_count = 1;  // +A total only
  meter::Meter m(s);
  for (int k = 0; k < 96 * 3; ++k) m.on_interval(meter::constant_power_interval(900.0 * k, 900.0, 4000.0));
  BillingProfileSource source(m, m.daily_billing());
  ProfileObject daily(meter::Obis(0, 0, 98, 2, 0), source, m.rtc().time_zone());
  // 2 January 00:00 .. 3 January 00:00 (Friday, Saturday): two rows, 96 and 192 kWh in Wh.
  const Bytes rows = get_buffer(daily, m, 1, range(date_time(2, 5, 0, 0), date_time(3, 6, 0, 0)));
  Bytes expected{0x01, 0x02};
  for (auto [day, weekday, wh] : {std::tuple<std::uint8_t, std::uint8_t, std::uint32_t>{2, 5, 96000},
                                  std::tuple<std::uint8_t, std::uint8_t, std::uint32_t>{3, 6, 192000}}) {
    expected.insert(expected.end(), {0x02, 0x02});
    const Bytes t = date_time(day, weekday, 0, 0);
    expected.insert(expected.end(), t.begin(), t.end());
    expected.insert(expected.end(), {0x15, 0, 0, 0, 0, static_cast<std::uint8_t>(wh >> 24), static_cast<std::uint8_t>(wh >> 16),
                                     static_cast<std::uint8_t>(wh >> 8), static_cast<std::uint8_t>(wh)});
  }
  EXPECT_EQ(rows, expected);
}

TEST(QualityProfiles, ReadByTheReadingAndManagementClientsNotByThePublicOneNoMethods) {
  meter::Meter m(settings());
  const std::array<AssociationConfig, 1> associations{};
  DirectoryConfig config;
  config.associations = associations;
  Directory d(m, config);
  for (const meter::Obis& ln : {meter::kDipsProfile, meter::kSwellsProfile, meter::kCutsProfile, meter::kUnbalanceProfile,
                                meter::kPowerQualityProfile, meter::Obis(0, 0, 98, 2, 0)}) {
    const CosemObject* o = d.find(7, ln);
    ASSERT_NE(o, nullptr);
    for (std::uint8_t a = 1; a <= 8; ++a) {
      EXPECT_EQ(attribute_access(ClientLevel::kPublic, *o, a), 0);
      EXPECT_EQ(attribute_access(ClientLevel::kReader, *o, a), 1);
      EXPECT_EQ(attribute_access(ClientLevel::kManager, *o, a), 1);
    }
    // Like the load and billing profiles: the meter captures on its own; nobody resets them.
    for (std::uint8_t method = 1; method <= 2; ++method) EXPECT_FALSE(method_access(ClientLevel::kManager, *o, method));
  }
  // The registers they capture are served, class 3.
  for (const auto& codes : meter::kVoltageEventCaptures) {
    for (const meter::Obis& ln : codes) EXPECT_NE(d.find(3, ln), nullptr);
  }
}

}  // namespace
}  // namespace quadra::cosem
