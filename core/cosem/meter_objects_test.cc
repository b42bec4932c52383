// GET bytes of the objects served over the meter's own models (transformer equivalent circuit,
// display readouts, pulse input, battery, firmware signature, harmonics by order): attribute 2
// (value) and 3 (scaler_unit) as A-XDR, checked against values computed by hand.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "core/cosem/directory.h"
#include "core/meter/interval_values_testing.h"
#include "core/registers/transformer_test_sheet.h"

namespace quadra::cosem {
namespace {

using Bytes = std::vector<std::uint8_t>;

meter::MeterSettings lv_transformer_settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;
  s.billing = meter::default_billing_settings();
  (void)registers::coefficients_from_sheet(registers::sheets::sheet_630kva_tier1(), registers::MeteringSide::kLowVoltage,
                                           registers::NoLoadReactiveLaw::kQuadratic, s.losses.coefficients);
  s.losses_enabled = true;
  return s;
}

Bytes get(const Directory& d, std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute, double now_s) {
  CosemObject* o = d.find(class_id, ln);
  if (o == nullptr) return {0xEE};
  std::array<std::uint8_t, 512> buf{};
  dlms::AxdrWriter w(buf);
  if (o->get(attribute, {}, w, RequestContext{now_s, nullptr}) != DataAccessResult::kSuccess) return {0xEF};
  return Bytes(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(w.size()));
}

// The 630 kVA 15/0.4 kV sheet metered on the LV side (transformer_model_test.cc has the hand
// computation): six significant digits, scaler ceil(log10(value)) - 6, unit 38 (ohm).
TEST(MeterObjects, TransformerModelParametersOfThe630kVASheet) {
  meter::Meter m(lv_transformer_settings());
  const std::array<AssociationConfig, 1> associations{};
  DirectoryConfig config;
  config.associations = associations;
  const Directory d(m, config);
  // X_m = 25.512793 Ohm -> 255128 at -4
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 10, 0), 2, 0), (Bytes{0x06, 0x00, 0x03, 0xE4, 0x98}));
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 10, 0), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0xFC, 0x16, 38}));
  // R_Fe = 266.6667 Ohm -> 266667 at -3
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 10, 1), 2, 0), (Bytes{0x06, 0x00, 0x04, 0x11, 0xAB}));
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 10, 1), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0xFD, 0x16, 38}));
  // R_Cu = 2.620307 mOhm -> 262031 at -8
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 10, 2), 2, 0), (Bytes{0x06, 0x00, 0x03, 0xFF, 0x8F}));
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 10, 2), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0xF8, 0x16, 38}));
  // X_s = 9.814978 mOhm -> 981498 at -8
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 10, 3), 2, 0), (Bytes{0x06, 0x00, 0x0E, 0xF9, 0xFA}));
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 10, 3), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0xF8, 0x16, 38}));
  // Read-only: the loss model is configuration.
  CosemObject* o = d.find(3, meter::Obis(1, 0, 0, 10, 2));
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->set(2, std::span<const std::uint8_t>(), RequestContext{}), DataAccessResult::kReadWriteDenied);
}

TEST(MeterObjects, NoTransformerParametersWithoutLosses) {
  meter::MeterSettings s = lv_transformer_settings();
  s.losses_enabled = false;
  meter::Meter m(s);
  const std::array<AssociationConfig, 1> associations{};
  DirectoryConfig config;
  config.associations = associations;
  const Directory d(m, config);
  EXPECT_EQ(d.find_name(meter::Obis(1, 0, 0, 10, 0)), nullptr);
}

}  // namespace
}  // namespace quadra::cosem
