// The DLMS service's security material across restarts: keys changed by key_transfer, the raised
// policy and the clients' last invocation counters are written to the store's meta table and read
// back by the next DlmsService; the test keys' warning names only the keys still at their default.
#include "host/cli/dlms_service.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

#include "core/dlms/axdr_writer.h"
#include "core/meter/meter.h"

namespace quadra::host {
namespace {

struct MapStore {
  std::map<std::string, std::string> values;
  SecurityStore store() {
    return {[this](const std::string& k) -> std::optional<std::string> {
              auto it = values.find(k);
              if (it == values.end()) return std::nullopt;
              return it->second;
            },
            [this](const std::string& k, const std::string& v) { values[k] = v; }};
  }
};

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;
  s.billing = meter::default_billing_settings();
  return s;
}

std::uint32_t read_0_0_43_1_0(const DlmsService& service, double now) {
  cosem::CosemObject* o = service.directory().find(1, meter::Obis(0, 0, 43, 1, 0));
  EXPECT_NE(o, nullptr);
  std::array<std::uint8_t, 8> buf{};
  dlms::AxdrWriter w(buf);
  EXPECT_EQ(o->get(2, {}, w, cosem::RequestContext{now, nullptr}), cosem::DataAccessResult::kSuccess);
  return static_cast<std::uint32_t>(buf[1]) << 24 | static_cast<std::uint32_t>(buf[2]) << 16 |
         static_cast<std::uint32_t>(buf[3]) << 8 | buf[4];
}

TEST(DlmsServiceSecurity, KeysPolicyAndClientCountersSurviveARestart) {
  meter::Meter meter(settings());
  double now = 0.0;
  MapStore map;
  const security::SystemTitle client{0x4D, 0x4D, 0x4D, 0x00, 0x00, 0xBC, 0x61, 0x4E};
  const security::Key128 new_key{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF};
  {
    DlmsService service(meter, "QDR00000001", now);
    EXPECT_EQ(service.default_keys().size(), 3u);
    service.attach_security_store(map.store());
    association::SecurityMaterial& m = service.security_material();
    m.remember(client, security::InvocationCounterGuard::after(41));
    EXPECT_EQ(map.values["dlms_client_invocation_counters"], "4D4D4D0000BC614E:41");
    // What key_transfer stages and the session applies after its response.
    m.pending.keys = 1u << 0;
    m.pending.key[0] = new_key;
    m.pending.policy = true;
    m.pending.security_policy = 0x24;
    m.apply_pending();
    EXPECT_EQ(map.values["dlms_key_global_unicast"], "00112233445566778899AABBCCDDEEFF");
    EXPECT_EQ(map.values["dlms_security_policy"], "36");
    // New keys restart the clients' counters; the next accepted one is stored again.
    EXPECT_EQ(map.values["dlms_client_invocation_counters"], "");
    m.remember(client, security::InvocationCounterGuard::after(7));
    EXPECT_EQ(map.values["dlms_client_invocation_counters"], "4D4D4D0000BC614E:7");
  }
  DlmsService again(meter, "QDR00000001", now);
  again.attach_security_store(map.store());
  const association::SecurityMaterial& m = again.security_material();
  EXPECT_EQ(m.encryption_key, new_key);
  EXPECT_EQ(m.security_policy, 0x24);
  EXPECT_EQ(m.guard_of(client).last(), 7u);
  EXPECT_EQ(read_0_0_43_1_0(again, now), 8u);
  EXPECT_EQ(again.default_keys(), (std::vector<std::string>{"authentication key", "master key"}));
}

TEST(DlmsServiceSecurity, AStoredValueThatDoesNotReadIsNamed) {
  meter::Meter meter(settings());
  double now = 0.0;
  for (const auto& [key, value] : std::map<std::string, std::string>{
           {"dlms_key_authentication", "D0D1"},
           {"dlms_security_policy", "300"},
           {"dlms_client_invocation_counters", "4D4D4D0000BC614E=5"}}) {
    MapStore map;
    map.values[key] = value;
    DlmsService service(meter, "QDR00000001", now);
    try {
      service.attach_security_store(map.store());
      ADD_FAILURE() << key << " accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace quadra::host
