// libFuzzer target for the whole DLMS server as `quadra run` serves it: the meter on the built-in
// configuration, every COSEM object (ports, push setups, security setup), one association.
//
// Input: the first octet picks the client: 0 the public client (SAP 16), 1 the reading client
// (SAP 17, LLS with the built-in password), 2 the management client (SAP 1, HLS-GMAC under the
// built-in keys: the harness completes the four passes, then ciphers each request with
// glo-ciphering, authenticated and encrypted, and a counter that keeps growing, so that the fuzzer
// reaches SET and ACTION with every right). The rest is a sequence of requests, each a 2-octet
// big-endian length and that many octets of APDU. Whatever the requests, the service must answer
// without a crash, leak or undefined behaviour, and never with more than 65535 octets.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/dlms/acse.h"
#include "core/dlms/action.h"
#include "core/dlms/axdr_writer.h"
#include "core/dlms/initiate.h"
#include "core/meter/meter.h"
#include "core/security/ciphered_apdu.h"
#include "core/security/hls_gmac.h"
#include "host/cli/dlms_service.h"
#include "host/cli/push_service.h"
#include "host/config/meter_config.h"

namespace {

using namespace quadra;
using Bytes = std::vector<std::uint8_t>;

void check(bool ok) {
  if (!ok) std::abort();
}

constexpr security::SystemTitle kClientTitle = {0x4D, 0x4D, 0x4D, 0x00, 0x00, 0xBC, 0x61, 0x4E};

void fixed_challenge(std::span<std::uint8_t> out, void*) {
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<std::uint8_t>('A' + k % 26);
}

meter::MeterSettings built_in_settings() {
  host::SourceFacts facts;
  facts.ct_ratio = 80.0;
  const host::MeterConfig config = host::default_meter_config();
  return host::finish_meter_settings(config, 1767222000, host::finish_metrology_config(config, facts));
}

Bytes aarq(dlms::Mechanism mechanism, std::span<const std::uint8_t> secret, std::span<const std::uint8_t> user_info,
           bool ciphered) {
  dlms::Aarq a;
  a.application_context = ciphered ? dlms::ApplicationContext::kLogicalNameCiphered : dlms::ApplicationContext::kLogicalName;
  if (ciphered) a.calling_ap_title = kClientTitle;
  if (mechanism != dlms::Mechanism::kLowest) {
    a.authentication_functional_unit = true;
    a.has_mechanism = true;
    a.mechanism = mechanism;
    a.has_authentication_value = true;
    a.authentication_value = secret;
  }
  a.has_user_information = true;
  a.user_information = user_info;
  Bytes out(512);
  dlms::AxdrWriter w(out);
  dlms::encode_aarq(w, a);
  check(w.ok());
  out.resize(w.size());
  return out;
}

Bytes initiate_request() {
  Bytes out(64);
  dlms::AxdrWriter w(out);
  dlms::InitiateRequest ir;
  ir.conformance = 0x007E1F;
  ir.client_max_receive_pdu_size = 0xFFFF;
  dlms::encode_initiate_request(w, ir);
  out.resize(w.size());
  return out;
}

class Client {
 public:
  Client(host::DlmsService& service, host::ports::ApduSession& session, std::uint16_t sap)
      : service_(service), session_(session), sap_(sap) {}

  // Associates; false if the meter refused (then the requests go to an unassociated session).
  bool associate() {
    const Bytes initiate = initiate_request();
    if (sap_ == 16) return exchange(aarq(dlms::Mechanism::kLowest, {}, initiate, false)).size() > 0;
    if (sap_ == 17) {
      static constexpr std::uint8_t kPassword[] = {'1', '2', '3', '4', '5', '6', '7', '8'};
      return exchange(aarq(dlms::Mechanism::kLow, kPassword, initiate, false)).size() > 0;
    }
    static constexpr std::uint8_t kCtoS[] = {'K', '5', '6', 'i', 'V', 'a', 'g', 'Y', '7', 'X', '3', 'r', 'o', 'n', 'V', 'y'};
    const Bytes aare_bytes = exchange(aarq(dlms::Mechanism::kHighGmac, kCtoS, protect(initiate), true));
    dlms::Aare aare;
    if (!dlms::decode_aare(aare_bytes, &aare).is_ok() || aare.result != dlms::AssociationResult::kAccepted) return false;
    std::array<std::uint8_t, security::kHlsGmacResponseSize> f{};
    const association::SecurityMaterial& keys = service_.security_material();
    check(security::hls_gmac_response(keys.encryption_key, keys.authentication_key, kClientTitle, counter_++,
                                      aare.authentication_value, f)
              .is_ok());
    Bytes param(32);
    dlms::AxdrWriter pw(param);
    pw.octet_string(f);
    param.resize(pw.size());
    dlms::MethodDescriptor m;
    m.class_id = 15;
    m.instance_id = meter::Obis(0, 0, 40, 0, 0).v;
    m.method_id = 1;
    Bytes rq(64);
    dlms::AxdrWriter w(rq);
    dlms::encode_action_request_normal(w, dlms::InvokeIdAndPriority::make(1, true, true), m, param);
    rq.resize(w.size());
    return !exchange(protect(rq)).empty();
  }

  // A request the suite cannot cipher (no ciphered form of its tag) goes as it is: the meter must
  // refuse it as plain.
  void request(std::span<const std::uint8_t> apdu) {
    Bytes ciphered;
    if (sap_ == 1 && protect(apdu, ciphered)) exchange(ciphered);
    else exchange(apdu);
  }

 private:
  Bytes protect(std::span<const std::uint8_t> plain) {
    Bytes out;
    check(protect(plain, out));
    return out;
  }
  bool protect(std::span<const std::uint8_t> plain, Bytes& out) {
    if (plain.empty()) return false;
    const association::SecurityMaterial& keys = service_.security_material();
    security::ProtectParams p;
    p.security_control = security::SecurityControl::from_byte(0x30);
    p.key_kind = security::KeyKind::kGlobal;
    p.invocation_counter = counter_++;
    p.system_title = kClientTitle;
    p.encryption_key = keys.encryption_key;
    p.authentication_key = keys.authentication_key;
    out.resize(plain.size() + 64);
    std::size_t n = 0;
    if (!security::protect(p, plain, out, &n).is_ok()) return false;
    out.resize(n);
    return true;
  }
  Bytes exchange(std::span<const std::uint8_t> apdu) {
    response_.clear();
    session_.on_apdu(sap_, 1, apdu, response_);
    check(response_.size() <= 0xFFFF);
    return response_;
  }

  host::DlmsService& service_;
  host::ports::ApduSession& session_;
  std::uint16_t sap_;
  // Across inputs: the meter remembers the last counter of the client's system title.
  static inline std::uint32_t counter_ = 1;
  Bytes response_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const bool quiet = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)quiet;
  // One meter and service for the whole run (building them per input took most of the time): each
  // input is a new connection. The meter's state carries over from input to input, as it would
  // across head-end sessions; the keys and policy go back to the built-in ones, so that every
  // management input can associate.
  struct World {
    meter::Meter meter{built_in_settings()};
    double now = meter.meter_time_s();
    io::PortSettings ports;
    host::DlmsService service{meter, "QDR00000001", now, 1, &ports};
    host::PushService pushes{meter, service, host::MeterConfig::Push{}, 1, nullptr};
    association::SecurityMaterial built_in = service.security_material();
  };
  static World* world = [] {
    auto* w = new World;
    w->service.security_material().random = &fixed_challenge;
    w->built_in.random = &fixed_challenge;
    return w;
  }();
  association::SecurityMaterial& keys = world->service.security_material();
  keys.encryption_key = world->built_in.encryption_key;
  keys.authentication_key = world->built_in.authentication_key;
  keys.master_key = world->built_in.master_key;
  keys.security_policy = world->built_in.security_policy;
  host::DlmsService& service = world->service;
  auto session = service.open("fuzz");
  static constexpr std::uint16_t kSaps[] = {16, 17, 1};
  Client client(service, *session, kSaps[data[0] % 3]);
  client.associate();
  std::size_t at = 1;
  while (at + 2 <= size) {
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(data[at]) << 8 | data[at + 1], size - at - 2);
    client.request(std::span<const std::uint8_t>(data + at + 2, n));
    at += 2 + n;
  }
  session->on_close();
  return 0;
}
