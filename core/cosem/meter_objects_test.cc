// GET bytes of the objects served over the meter's own models (transformer equivalent circuit,
// display readouts, pulse input, battery, firmware signature, harmonics by order): attribute 2
// (value) and 3 (scaler_unit) as A-XDR, checked against values computed by hand.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numbers>
#include <cstdint>
#include <vector>

#include "core/cosem/directory.h"
#include "core/meter/interval_values_testing.h"
#include "core/metrology/metrology.h"
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

Directory plain_directory(meter::Meter& m, DirectoryConfig& config) {
  static const std::array<AssociationConfig, 1> associations{};
  config.associations = associations;
  return Directory(m, config);
}

// capture_objects of the general display readout as the meter starts: the default list of
// display_lists.h, 11 items, the clock first.
TEST(MeterObjects, DisplayReadoutsServeTheDefaultLists) {
  meter::Meter m(lv_transformer_settings());
  DirectoryConfig config;
  const Directory d = plain_directory(m, config);
  for (std::uint8_t e = 1; e <= 3; ++e) {
    CosemObject* o = d.find(7, meter::Obis(0, 0, 21, 0, e));
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->version(), 1);
  }
  const Bytes objects = get(d, 7, meter::Obis(0, 0, 21, 0, 1), 3, 0);
  ASSERT_GT(objects.size(), 20u);
  EXPECT_EQ(Bytes(objects.begin(), objects.begin() + 20),
            (Bytes{0x01, 11, 0x02, 0x04, 0x12, 0x00, 0x08, 0x09, 0x06, 0, 0, 1, 0, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00}));
  EXPECT_EQ(get(d, 7, meter::Obis(0, 0, 21, 0, 3), 7, 0), (Bytes{0x06, 0, 0, 0, 1}));  // entries_in_use
}

// The management client writes the alternate list: two items; the profile then captures them
// and the meter counts a configuration change. Bad lists are refused whole.
TEST(MeterObjects, DisplayCaptureObjectsAreWritable) {
  meter::Meter m(lv_transformer_settings());
  m.on_interval(meter::constant_power_interval(0.0, 3600.0, 12000.0));  // 12 kWh
  DirectoryConfig config;
  const Directory d = plain_directory(m, config);
  CosemObject* o = d.find(7, meter::Obis(0, 0, 21, 0, 2));
  ASSERT_NE(o, nullptr);
  EXPECT_TRUE(o->writable(3));
  EXPECT_FALSE(d.find(7, meter::Obis(0, 0, 98, 1, 0))->writable(3));  // the billing profile's are fixed
  const Bytes list{0x01, 0x02,
                   0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 1, 0, 1, 8, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00,
                   0x02, 0x04, 0x12, 0x00, 0x01, 0x09, 0x06, 0, 0, 97, 97, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00};
  const std::uint32_t changes = m.configuration_changes();
  ASSERT_EQ(o->set(3, list, RequestContext{m.meter_time_s(), nullptr}), DataAccessResult::kSuccess);
  EXPECT_EQ(m.configuration_changes(), changes + 1);
  EXPECT_EQ(get(d, 7, meter::Obis(0, 0, 21, 0, 2), 3, m.meter_time_s()), list);
  // One row: 12 000 Wh (long64-unsigned), the error register 0 (double-long-unsigned).
  EXPECT_EQ(get(d, 7, meter::Obis(0, 0, 21, 0, 2), 2, m.meter_time_s()),
            (Bytes{0x01, 0x01, 0x02, 0x02, 0x15, 0, 0, 0, 0, 0, 0, 0x2E, 0xE0, 0x06, 0, 0, 0, 0}));
  // Refused, nothing changed: an object the meter does not serve (other-reason), the wrong class
  // (other-reason), attribute 3 (other-reason), a profile (other-reason), a wrong shape (type-unmatched).
  const auto one = [](std::uint8_t cls, meter::Obis ln, std::uint8_t attr) {
    return Bytes{0x01, 0x01, 0x02, 0x04, 0x12, 0x00, cls, 0x09, 0x06, ln.a(), ln.b(), ln.c(), ln.d(), ln.e(), ln.f(),
                 0x0F, attr, 0x12, 0x00, 0x00};
  };
  EXPECT_EQ(o->set(3, one(3, meter::Obis(1, 0, 200, 8, 0), 2), {}), DataAccessResult::kOtherReason);
  EXPECT_EQ(o->set(3, one(4, meter::Obis(1, 0, 1, 8, 0), 2), {}), DataAccessResult::kOtherReason);
  EXPECT_EQ(o->set(3, one(3, meter::Obis(1, 0, 1, 8, 0), 3), {}), DataAccessResult::kOtherReason);
  EXPECT_EQ(o->set(3, one(7, meter::Obis(0, 0, 21, 0, 1), 2), {}), DataAccessResult::kOtherReason);
  EXPECT_EQ(o->set(3, Bytes{0x06, 0, 0, 0, 1}, {}), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(get(d, 7, meter::Obis(0, 0, 21, 0, 2), 3, m.meter_time_s()), list);
  EXPECT_EQ(m.configuration_changes(), changes + 1);
}

// The optical port's readout list 0.0.21.0.0.255 over the ports' list: the management client
// writes its capture_objects (the reading client may not); the list, its generation and the
// configuration change count move; what the optical port cannot show is refused whole.
TEST(MeterObjects, LocalPortReadoutListIsWritable) {
  meter::Meter m(lv_transformer_settings());
  m.on_interval(meter::constant_power_interval(0.0, 3600.0, 12000.0));  // 12 kWh
  io::ReadoutList list;
  list.items[0] = meter::Obis(1, 0, 1, 8, 0);
  list.count = 1;
  DirectoryConfig config;
  config.local_readout_list = &list;
  const Directory d = plain_directory(m, config);
  CosemObject* o = d.find(7, meter::Obis(0, 0, 21, 0, 0));
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, *o, 3), 3);
  EXPECT_EQ(attribute_access(ClientLevel::kReader, *o, 3), 1);
  // The serial number (class 1), +A (class 3) and +A of the last billing period (class 3, F 101).
  const Bytes written{0x01, 0x03,
                      0x02, 0x04, 0x12, 0x00, 0x01, 0x09, 0x06, 0, 0, 96, 1, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00,
                      0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 1, 0, 1, 8, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00,
                      0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 1, 0, 1, 8, 0, 101, 0x0F, 0x02, 0x12, 0x00, 0x00};
  const std::uint32_t changes = m.configuration_changes();
  ASSERT_EQ(o->set(3, written, RequestContext{m.meter_time_s(), nullptr}), DataAccessResult::kSuccess);
  EXPECT_EQ(m.configuration_changes(), changes + 1);
  EXPECT_EQ(list.generation, 1u);
  ASSERT_EQ(list.count, 3u);
  EXPECT_EQ(list.items[2], meter::Obis(1, 0, 1, 8, 0, 101));
  EXPECT_EQ(get(d, 7, meter::Obis(0, 0, 21, 0, 0), 3, m.meter_time_s()), written);
  // Refused whole, nothing changed.
  const auto one = [](std::uint8_t cls, meter::Obis ln) {
    return Bytes{0x01, 0x01, 0x02, 0x04, 0x12, 0x00, cls, 0x09, 0x06, ln.a(), ln.b(), ln.c(), ln.d(), ln.e(), ln.f(),
                 0x0F, 0x02, 0x12, 0x00, 0x00};
  };
  EXPECT_EQ(o->set(3, one(3, meter::Obis(1, 0, 200, 8, 0)), {}), DataAccessResult::kOtherReason);  // no such object
  EXPECT_EQ(o->set(3, one(4, meter::Obis(1, 0, 1, 8, 0)), {}), DataAccessResult::kOtherReason);    // wrong class
  EXPECT_EQ(o->set(3, one(3, meter::Obis(1, 0, 32, 7, 0, 101)), {}), DataAccessResult::kOtherReason);  // not billed
  EXPECT_EQ(o->set(3, one(3, meter::Obis(1, 0, 1, 8, 0, 100)), {}), DataAccessResult::kOtherReason);   // F 100
  EXPECT_EQ(o->set(3, one(7, meter::Obis(0, 0, 21, 0, 1)), {}), DataAccessResult::kOtherReason);       // a profile
  EXPECT_EQ(o->set(3, Bytes{0x01, 0x00}, {}), DataAccessResult::kOtherReason);                          // empty
  Bytes twice = one(3, meter::Obis(1, 0, 1, 8, 0));
  twice[1] = 2;
  const Bytes again = one(3, meter::Obis(1, 1, 1, 8, 0));  // A.B differ, the VDEW address 1.8.0 does not
  twice.insert(twice.end(), again.begin() + 2, again.end());
  EXPECT_EQ(o->set(3, twice, {}), DataAccessResult::kOtherReason);
  Bytes too_many{0x01, 65};
  for (std::uint8_t k = 0; k < 65; ++k) {
    const Bytes item = one(3, meter::Obis(1, 0, 1, 8, 0, k));
    too_many.insert(too_many.end(), item.begin() + 2, item.end());
  }
  EXPECT_NE(o->set(3, too_many, {}), DataAccessResult::kSuccess);
  EXPECT_EQ(o->set(3, Bytes{0x06, 0, 0, 0, 1}, {}), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(list.generation, 1u);
  EXPECT_EQ(list.count, 3u);
  EXPECT_EQ(m.configuration_changes(), changes + 1);
}

// 25 pulses from the external meter: the counter reads 25 (long64-unsigned, no unit), the
// constant 100 pulses per unit (double-long-unsigned, no unit).
TEST(MeterObjects, PulseInputCounterAndConstant) {
  meter::MeterSettings s = lv_transformer_settings();
  s.pulse_input.enabled = true;
  s.pulse_input.constant = 100.0;
  meter::Meter m(s);
  DirectoryConfig config;
  const Directory d = plain_directory(m, config);
  m.count_pulses(25);
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 82, 8, 0), 2, 0), (Bytes{0x15, 0, 0, 0, 0, 0, 0, 0, 25}));
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 82, 8, 0), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0x00, 0x16, 0xFF}));
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 7, 5), 2, 0), (Bytes{0x06, 0, 0, 0, 100}));
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 0, 7, 5), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0x00, 0x16, 0xFF}));
  // Without a configured input there are no such objects.
  meter::Meter plain(lv_transformer_settings());
  DirectoryConfig config2;
  const Directory d2 = plain_directory(plain, config2);
  EXPECT_EQ(d2.find_name(meter::Obis(1, 0, 82, 8, 0)), nullptr);
}

// A 100 mAh cell drained at 1 mA for a 95 h outage: 95 mAh used, f = 0.05, below the knee:
// U = 2.0 + 1.5 * 0.05 / 0.1 = 2.75 V (275 at scaler -2); 342 000 s on battery; 5 mAh left =
// 5 h = 18 000 s at 1 mA.
TEST(MeterObjects, BatteryVoltageAfterAKnownOutage) {
  meter::MeterSettings s = lv_transformer_settings();
  s.battery.capacity_mah = 100.0;
  s.battery.drain_ua = 1000.0;
  meter::Meter m(s);
  DirectoryConfig config;
  const Directory d = plain_directory(m, config);
  EXPECT_EQ(get(d, 3, meter::Obis(0, 0, 96, 6, 3), 2, 0), (Bytes{0x06, 0, 0, 0x01, 0x68}));  // 3.60 V new
  m.resume_after_outage(95.0 * 3600.0);
  EXPECT_EQ(get(d, 3, meter::Obis(0, 0, 96, 6, 3), 2, 0), (Bytes{0x06, 0, 0, 0x01, 0x13}));  // 2.75 V
  EXPECT_EQ(get(d, 3, meter::Obis(0, 0, 96, 6, 3), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0xFE, 0x16, 35}));
  EXPECT_EQ(get(d, 3, meter::Obis(0, 0, 96, 6, 0), 2, 0), (Bytes{0x06, 0, 0x05, 0x37, 0xF0}));
  EXPECT_EQ(get(d, 3, meter::Obis(0, 0, 96, 6, 0), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0x00, 0x16, 7}));
  EXPECT_EQ(get(d, 3, meter::Obis(0, 0, 96, 6, 6), 2, 0), (Bytes{0x06, 0, 0, 0x46, 0x50}));
}

TEST(MeterObjects, ActiveFirmwareSignature) {
  meter::Meter m(lv_transformer_settings());
  std::array<std::uint8_t, 32> sha{};
  for (std::size_t k = 0; k < sha.size(); ++k) sha[k] = static_cast<std::uint8_t>(0xA0 + k);
  DirectoryConfig config;
  config.firmware_signature = sha;
  const Directory d = plain_directory(m, config);
  Bytes expected{0x09, 32};
  expected.insert(expected.end(), sha.begin(), sha.end());
  EXPECT_EQ(get(d, 1, meter::Obis(1, 0, 0, 2, 8), 2, 0), expected);
  DirectoryConfig none;
  const Directory d2 = plain_directory(m, none);
  EXPECT_EQ(d2.find_name(meter::Obis(1, 0, 0, 2, 8)), nullptr);
}

// A waveform with a known 5th harmonic, through the metrology into the meter: U = 230 V with a
// 5th of 6 % (13.8 V), I = 5 A with a 5th of 20 % (1 A), 50 Hz at 6400 samples/s (a synchronised
// 10-cycle window holds both orders exactly, so the subgroups are the amplitudes). 1.0.32.7.5
// reads 13.80 V (1380 at scaler -2) and 1.0.31.7.5 1.000 A (1000 at -3), within one digit (the
// float samples and the resampler); 1.0.32.7.1 the fundamental, 230.00 V; 1.0.32.7.3 nothing.
TEST(MeterObjects, HarmonicsByOrderFromAWaveformWithAKnown5th) {
  struct ToMeter : metrology::MeasurementSink {
    meter::Meter* meter = nullptr;
    void on_window(const metrology::WindowValues& w) override { meter->on_window(w); }
  } sink;
  meter::MeterSettings s = lv_transformer_settings();
  s.losses_enabled = false;
  meter::Meter m(s);
  sink.meter = &m;
  metrology::MetrologyConfig mc;
  metrology::Metrology metrology(mc, sink);
  constexpr double kPi = std::numbers::pi;
  const double fs = mc.sample_rate_hz;
  for (long k = 0; k < static_cast<long>(2.0 * fs); ++k) {
    const double t = static_cast<double>(k) / fs;
    metrology::SampleFrame fr;
    for (std::size_t p = 0; p < 3; ++p) {
      const double th = 2 * kPi * 50.0 * t - 2 * kPi / 3 * static_cast<double>(p);
      fr.value[p] = static_cast<float>(230.0 * std::sqrt(2.0) * (std::cos(th) + 0.06 * std::cos(5 * th)));
      fr.value[3 + p] = static_cast<float>(5.0 * std::sqrt(2.0) * (std::cos(th) + 0.20 * std::cos(5 * th)));
    }
    fr.value[6] = fr.value[3] + fr.value[4] + fr.value[5];
    metrology.push(fr);
  }
  DirectoryConfig config;
  const Directory d = plain_directory(m, config);
  const auto raw = [&](const meter::Obis& ln) -> double {
    const Bytes b = get(d, 3, ln, 2, 0);
    if (b.size() != 5 || b[0] != 0x06) return -1.0;
    return static_cast<double>((std::uint32_t{b[1]} << 24) | (std::uint32_t{b[2]} << 16) | (std::uint32_t{b[3]} << 8) | b[4]);
  };
  for (std::uint8_t c : {std::uint8_t{32}, std::uint8_t{52}, std::uint8_t{72}}) {
    SCOPED_TRACE(int{c});
    EXPECT_NEAR(raw(meter::Obis(1, 0, c, 7, 5)), 1380.0, 1.0);
    EXPECT_NEAR(raw(meter::Obis(1, 0, c, 7, 1)), 23000.0, 1.0);
    EXPECT_NEAR(raw(meter::Obis(1, 0, c, 7, 3)), 0.0, 1.0);
    EXPECT_NEAR(raw(meter::Obis(1, 0, static_cast<std::uint8_t>(c - 1), 7, 5)), 1000.0, 1.0);
  }
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 32, 7, 5), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0xFE, 0x16, 35}));
  EXPECT_EQ(get(d, 3, meter::Obis(1, 0, 31, 7, 5), 3, 0), (Bytes{0x02, 0x02, 0x0F, 0xFD, 0x16, 33}));
  EXPECT_NE(d.find(3, meter::Obis(1, 0, 72, 7, 40)), nullptr);
  EXPECT_EQ(d.find_name(meter::Obis(1, 0, 72, 7, 41)), nullptr);
}

}  // namespace
}  // namespace quadra::cosem
