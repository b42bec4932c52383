// The object list of the shared specification (tests/data/objects.csv, a copy of it) against the
// meter's directory: every object listed is there with the class and version listed, except the
// ones excluded below, each with its reason.
#include "core/cosem/directory.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "core/io/readout_list.h"
#include "core/meter/interval_values_testing.h"
#include "core/registers/transformer_model.h"

namespace quadra::cosem {
namespace {

struct Listed {
  meter::Obis obis;
  std::uint16_t class_id = 0;
  std::uint8_t version = 0;
  std::string description;
};

std::vector<Listed> read_csv(const std::string& path) {
  std::vector<Listed> out;
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return out;
  char line[512];
  bool header = true;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (header) {
      header = false;
      continue;
    }
    unsigned v[6], cls = 0, ver = 0;
    int used = 0;
    if (std::sscanf(line, "%u.%u.%u.%u.%u.%u,%u,%u,%n", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &cls, &ver, &used) != 8)
      continue;
    Listed l;
    for (std::size_t k = 0; k < 6; ++k) l.obis.v[k] = static_cast<std::uint8_t>(v[k]);
    l.class_id = static_cast<std::uint16_t>(cls);
    l.version = static_cast<std::uint8_t>(ver);
    std::string rest(line + used);
    l.description = rest.substr(rest.find(',') + 1, rest.find(',', rest.find(',') + 1) - rest.find(',') - 1);
    out.push_back(l);
  }
  std::fclose(f);
  return out;
}

// Classes whose objects the host adds to the directory over its own settings, so that this core
// test cannot see them: ports (19 IEC local port setup, 23 IEC HDLC setup: DirectoryConfig::ports),
// communication (40 push setup, 41 TCP-UDP setup, 42 IPv4 setup, 45 GPRS modem setup, 47 GSM
// diagnostic, 151 LTE monitoring, 29 auto connect: host/cli/push_service and modem, whose test
// checks their classes and versions) and security (64 security setup: DirectoryConfig::
// security_setup). Their own tests check their bytes.
const std::set<std::uint16_t> kAddedElsewhere{19, 23, 29, 40, 41, 42, 45, 47, 64, 151};
// Added by the host beside the push setups (host/cli/push_service): the push script table and the
// push single action schedule (core/push/push_script_table.h, push_schedule.h test their bytes).
const meter::Obis kAddedElsewhereObjects[] = {{0, 0, 10, 0, 108}, {0, 0, 15, 0, 4}};

bool added_elsewhere(const meter::Obis& o) {
  for (const meter::Obis& x : kAddedElsewhereObjects) {
    if (x == o) return true;
  }
  return false;
}

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;
  s.billing = meter::default_billing_settings();
  registers::TransformerSheet sheet;  // 630 kVA 15/0.4 kV: losses on, so that their registers exist
  sheet.rated_power_va = 630e3;
  sheet.rated_voltage_hv_v = 15000;
  sheet.rated_voltage_lv_v = 400;
  sheet.load_losses_w = 6500;
  sheet.short_circuit_voltage_pct = 4;
  sheet.no_load_losses_w = 600;
  sheet.no_load_current_pct = 1;
  (void)registers::coefficients_from_sheet(sheet, registers::MeteringSide::kLowVoltage,
                                           registers::NoLoadReactiveLaw::kQuadratic, s.losses.coefficients);
  s.losses_enabled = true;
  s.nameplate.meter_constant_imp_per_kwh = 20000.0;
  s.pulse_input.enabled = true;  // so that its objects exist
  s.pulse_input.constant = 100.0;
  return s;
}

std::uint32_t counter(const void*) { return 7; }

TEST(Directory, ServesEveryObjectOfTheObjectListWithItsClassAndVersion) {
  const std::vector<Listed> listed = read_csv(std::string(QUADRA_SOURCE_DIR) + "/tests/data/objects.csv");
  ASSERT_GT(listed.size(), 150u);
  meter::Meter m(settings());
  m.on_interval(meter::constant_power_interval(0.0, 1.0, 1000.0));
  const std::array<AssociationConfig, 1> associations{};
  DirectoryConfig config;
  config.associations = associations;
  config.invocation_counter = counter;
  const std::array<std::uint8_t, 32> signature{0x5A};
  config.firmware_signature = signature;
  std::array<std::uint8_t, 4096> image_area{};
  BufferImageStore image_store(image_area);
  config.image_store = &image_store;
  const io::ReadoutConfig readout = io::default_readout_config();
  config.local_readout = {readout.items.data(), readout.count};
  Directory d(m, config);
  std::size_t checked = 0;
  for (const Listed& l : listed) {
    char name[24];
    l.obis.format(name);
    SCOPED_TRACE(std::string(name) + " " + l.description);
    if (kAddedElsewhere.count(l.class_id) != 0 || added_elsewhere(l.obis)) continue;
    const CosemObject* o = d.find_name(l.obis);
    if (o == nullptr) {
      ADD_FAILURE() << "not served";
      continue;
    }
    EXPECT_EQ(o->class_id(), l.class_id);
    EXPECT_EQ(o->version(), l.version);
    ++checked;
  }
  std::printf("%zu objects of the list served here\n", checked);
}

TEST(Directory, NamesEachObjectOnce) {
  meter::Meter m(settings());
  const std::array<AssociationConfig, 1> associations{};
  DirectoryConfig config;
  config.associations = associations;
  Directory d(m, config);
  std::set<std::string> seen;
  for (const auto& o : d.objects()) {
    char name[24];
    o->logical_name().format(name);
    EXPECT_TRUE(seen.insert(name).second) << name << " twice";
  }
}

TEST(Directory, TheLocalPortReadoutProfileCapturesTheReadoutListWhenRead) {
  meter::Meter m(settings());
  m.on_interval(meter::constant_power_interval(0.0, 3600.0, 12000.0));  // 12 kWh
  const std::array<AssociationConfig, 1> associations{};
  DirectoryConfig config;
  config.associations = associations;
  const std::array<meter::Obis, 3> items{meter::Obis(1, 0, 1, 8, 0), meter::Obis(1, 0, 1, 8, 0, 101),
                                         meter::Obis(0, 0, 96, 1, 0)};
  config.local_readout = items;
  Directory d(m, config);
  CosemObject* p = d.find(7, meter::Obis(0, 0, 21, 0, 0));
  ASSERT_NE(p, nullptr);
  std::array<std::uint8_t, 256> buf{};
  dlms::AxdrWriter w(buf);
  ASSERT_EQ(p->get(3, {}, w, RequestContext{m.meter_time_s(), nullptr}), DataAccessResult::kSuccess);
  // capture_objects: { class, logical name, attribute 2, data index 0 } per item, the billing
  // period item with its F = 101.
  const std::vector<std::uint8_t> objects{
      0x01, 0x03,
      0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 1, 0, 1, 8, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00,
      0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 1, 0, 1, 8, 0, 101, 0x0F, 0x02, 0x12, 0x00, 0x00,
      0x02, 0x04, 0x12, 0x00, 0x01, 0x09, 0x06, 0, 0, 96, 1, 0, 255, 0x0F, 0x02, 0x12, 0x00, 0x00};
  EXPECT_EQ(std::vector<std::uint8_t>(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(w.size())), objects);
  // buffer: one row, read now: 12 000 Wh as long64-unsigned, no billing period yet (null-data),
  // the serial number as the object 0.0.96.1.0 shows it.
  dlms::AxdrWriter b(buf);
  ASSERT_EQ(p->get(2, {}, b, RequestContext{m.meter_time_s(), nullptr}), DataAccessResult::kSuccess);
  const std::vector<std::uint8_t> row{0x01, 0x01, 0x02, 0x03, 0x15, 0, 0, 0, 0, 0, 0, 0x2E, 0xE0, 0x00,
                                      0x0A, 0x0B, 'Q', 'D', 'R', '0', '0', '0', '0', '0', '0', '0', '1'};
  EXPECT_EQ(std::vector<std::uint8_t>(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(b.size())), row);
  // After a billing reset the period item shows what the billing profile captured.
  m.billing_reset(m.meter_time_s(), meter::BillingTrigger::kCommand);
  m.on_interval(meter::constant_power_interval(3600.0, 3600.0, 12000.0));
  dlms::AxdrWriter c(buf);
  ASSERT_EQ(p->get(2, {}, c, RequestContext{m.meter_time_s(), nullptr}), DataAccessResult::kSuccess);
  EXPECT_EQ(buf[4], 0x15);
  EXPECT_EQ(buf[11], 0x5D);  // 24 000 Wh = 0x5DC0
  EXPECT_EQ(buf[13], 0x15);
  EXPECT_EQ(buf[20], 0x2E);  // 12 000 Wh at the reset
}

// The object list's classes for the over-limit counter (Data) and the long power failure times
// (Register): the times carry their unit, second (enum 7), at scaler 0 (IEC 62056-6-2: time in
// s), the counter a plain double-long-unsigned; the power failure log names its duration column
// with the Register's class.
TEST(Directory, CountersAreDataAndTheLongPowerFailureTimesAreRegistersInSeconds) {
  meter::Meter m(settings());
  m.on_interval(meter::constant_power_interval(0.0, 1.0, 1000.0));
  const std::array<AssociationConfig, 1> associations{};
  DirectoryConfig config;
  config.associations = associations;
  Directory d(m, config);
  std::array<std::uint8_t, 64> buf{};
  auto read = [&](std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute) {
    CosemObject* o = d.find(class_id, ln);
    if (o == nullptr) return std::vector<std::uint8_t>{0xEE};
    dlms::AxdrWriter w(buf);
    if (o->get(attribute, {}, w, RequestContext{m.meter_time_s(), nullptr}) != DataAccessResult::kSuccess)
      return std::vector<std::uint8_t>{0xEF};
    return std::vector<std::uint8_t>(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(w.size()));
  };
  EXPECT_EQ(d.find(3, meter::Obis(1, 0, 1, 36, 0)), nullptr);
  EXPECT_EQ(read(1, meter::Obis(1, 0, 1, 36, 0), 2), (std::vector<std::uint8_t>{0x06, 0, 0, 0, 0}));
  EXPECT_EQ(d.find(1, meter::Obis(0, 0, 96, 7, 19)), nullptr);
  EXPECT_EQ(d.find(1, meter::Obis(0, 0, 96, 7, 20)), nullptr);
  EXPECT_EQ(read(3, meter::Obis(0, 0, 96, 7, 19), 2), (std::vector<std::uint8_t>{0x06, 0, 0, 0, 0}));
  EXPECT_EQ(read(3, meter::Obis(0, 0, 96, 7, 19), 3), (std::vector<std::uint8_t>{0x02, 0x02, 0x0F, 0x00, 0x16, 0x07}));
  EXPECT_EQ(read(3, meter::Obis(0, 0, 96, 7, 20), 2), (std::vector<std::uint8_t>{0x06, 0, 0, 0, 180}));  // IDIS default
  EXPECT_EQ(read(3, meter::Obis(0, 0, 96, 7, 20), 3), (std::vector<std::uint8_t>{0x02, 0x02, 0x0F, 0x00, 0x16, 0x07}));
  // capture_objects of the power failure log: the clock, then 0.0.96.7.19 as class 3, attribute 2.
  const std::vector<std::uint8_t> capture = read(7, meter::Obis(1, 0, 99, 97, 0), 3);
  const std::vector<std::uint8_t> duration{0x02, 0x04, 0x12, 0x00, 0x03, 0x09, 0x06, 0, 0, 96, 7, 19, 255,
                                           0x0F, 0x02, 0x12, 0x00, 0x00};
  ASSERT_GE(capture.size(), 2u + 18u + duration.size());
  const auto second = capture.begin() + 20;  // after the array header and the clock's 18 octets
  EXPECT_EQ(std::vector<std::uint8_t>(second, second + static_cast<std::ptrdiff_t>(duration.size())), duration);
}

}  // namespace
}  // namespace quadra::cosem
