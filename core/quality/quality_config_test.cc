#include "core/quality/quality_config.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/quality/event_codes.h"

namespace quadra::quality {
namespace {

TEST(QualityConfig, DefaultsAreValid) { EXPECT_TRUE(validate_config(QualityConfig{}).is_ok()); }

TEST(QualityConfig, NamesTheOffendingField) {
  struct Case {
    void (*edit)(QualityConfig&);
    const char* field;
  };
  const Case cases[] = {
      {[](QualityConfig& c) { c.declared_voltage_v = 0.0; }, "quality.declared_voltage_v"},
      {[](QualityConfig& c) { c.nominal_frequency_hz = 55.0; }, "quality.nominal_frequency_hz"},
      {[](QualityConfig& c) { c.dip_threshold_pct = 100.0; }, "quality.dip_threshold_pct"},
      {[](QualityConfig& c) { c.swell_threshold_pct = 100.0; }, "quality.swell_threshold_pct"},
      {[](QualityConfig& c) { c.interruption_threshold_pct = 95.0; }, "quality.interruption_threshold_pct"},
      {[](QualityConfig& c) { c.voltage_hysteresis_pct = 11.0; }, "quality.voltage_hysteresis_pct"},
      {[](QualityConfig& c) { c.swell_threshold_pct = 101.0; }, "quality.voltage_hysteresis_pct"},
      {[](QualityConfig& c) { c.long_outage_s = 0.0; }, "quality.long_outage_s"},
      {[](QualityConfig& c) { c.u2_limit_pct = -1.0; }, "quality.u2_limit_pct"},
      {[](QualityConfig& c) { c.imax_a = -1.0; }, "quality.imax_a"},
      {[](QualityConfig& c) { c.frequency_low_hz = 50.0; }, "quality.frequency_low_hz"},
      {[](QualityConfig& c) { c.frequency_hysteresis_hz = 0.3; }, "quality.frequency_hysteresis_hz"},
      {[](QualityConfig& c) { c.dip_min_duration_s = -0.1; }, "quality.dip_min_duration_s"},
      {[](QualityConfig& c) { c.limit_hysteresis_pct = 60.0; }, "quality.limit_hysteresis_pct"},
  };
  for (const Case& k : cases) {
    QualityConfig c;
    k.edit(c);
    const Status s = validate_config(c);
    EXPECT_FALSE(s.is_ok()) << k.field;
    EXPECT_EQ(std::string(s.field()), k.field);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  }
}

TEST(EventCodes, IdisCodesWhereTheSpecGivesThem) {
  EXPECT_EQ(event_code(EventType::kSagStart, 1), 76);
  EXPECT_EQ(event_code(EventType::kSagStart, 3), 78);
  EXPECT_EQ(event_code(EventType::kSwellStart, 1), 79);
  EXPECT_EQ(event_code(EventType::kMissingVoltageStart, 2), 83);
  EXPECT_EQ(event_code(EventType::kSagEnd, 2), 86);
  EXPECT_EQ(event_code(EventType::kSwellEnd, 3), 87);
  EXPECT_EQ(event_code(EventType::kPowerDown, 0), 1);
  EXPECT_EQ(event_code(EventType::kPowerUp, 0), 2);
  EXPECT_EQ(event_code(EventType::kPmaxExceeded, 0), 65);
  EXPECT_EQ(event_code(EventType::kImaxExceeded, 1), 70);
  EXPECT_EQ(event_code(EventType::kImaxNormal, 3), 75);
  EXPECT_EQ(event_code(EventType::kPhaseSequenceReversal, 0), 88);
  EXPECT_EQ(event_code(EventType::kTerminalCoverOpened, 0), 40);
  EXPECT_EQ(event_code(EventType::kMagneticFieldGone, 0), 43);
  EXPECT_EQ(event_code(EventType::kMeterCaseClosed, 0), 45);
}

TEST(EventCodes, ManufacturerTableMatchesEventCodeAndIsUnique) {
  std::set<std::uint16_t> seen;
  for (const ManufacturerCode& m : kManufacturerCodes) {
    EXPECT_GE(m.code, 128);
    EXPECT_LE(m.code, 254);
    EXPECT_TRUE(seen.insert(m.code).second) << m.code;
    EXPECT_EQ(event_code(m.type, m.phase), m.code) << m.name;
  }
  // Every manufacturer code event_code() can produce is in the table.
  for (std::size_t t = 0; t < kEventTypeCount; ++t) {
    for (std::uint8_t p = 0; p <= 3; ++p) {
      const std::uint16_t code = event_code(static_cast<EventType>(t), p);
      if (code >= 128) {
        EXPECT_TRUE(seen.count(code)) << "type " << t << " phase " << int(p);
      }
    }
  }
}

}  // namespace
}  // namespace quadra::quality
