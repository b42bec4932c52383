#include "core/association/server_session.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/clock/cosem_date_time.h"
#include "core/dlms/acse.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/get.h"
#include "core/dlms/initiate.h"
#include "core/meter/interval_values_testing.h"
#include "core/recording/event_codes.h"
#include "core/security/ciphered_apdu.h"
#include "core/security/hls_gmac.h"
#include "core/dlms/action.h"

namespace quadra::association {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& text) {
  Bytes out;
  for (std::size_t k = 0; k + 1 < text.size();) {
    if (text[k] == ' ') {
      ++k;
      continue;
    }
    out.push_back(static_cast<std::uint8_t>(std::stoul(text.substr(k, 2), nullptr, 16)));
    k += 2;
  }
  return out;
}

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00

meter::IntervalValues load(double start_s, double dt, double p_w) { return meter::constant_power_interval(start_s, dt, p_w); }

cosem::AssociationConfig lls(std::uint16_t sap, const std::string& password) {
  cosem::AssociationConfig c;
  c.client_sap = sap;
  c.level = cosem::ClientLevel::kReader;
  c.mechanism = dlms::Mechanism::kLow;
  std::copy(password.begin(), password.end(), c.secret.begin());
  c.secret_size = password.size();
  c.ln = meter::Obis(0, 0, 40, 0, 2);
  return c;
}

class ServerSessionTest : public ::testing::Test {
 protected:
  ServerSessionTest()
      : meter_(settings()),
        associations_{public_client(), lls(17, "12345678")},
        directory_(meter_, cosem::DirectoryConfig{"QDR00000001", "quadra-0.1.0", associations_}),
        big_(4 << 20),
        session_(directory_, meter_, guard_, ServerConfig{}, big_) {
    for (int k = 0; k < 24 * 60; ++k) meter_.on_interval(load(60.0 * k, 60.0, 12000.0 + 50.0 * (k % 10)));
  }
  static meter::MeterSettings settings() {
    meter::MeterSettings s;
    s.rtc.start_utc = kStart;
    s.billing = meter::default_billing_settings();
    return s;
  }
  static cosem::AssociationConfig public_client() { return cosem::AssociationConfig{}; }

  Bytes send(std::uint16_t sap, const Bytes& apdu) {
    Bytes out(0xFFFF);
    const std::size_t n = session_.on_apdu(sap, apdu, out, meter_.meter_time_s());
    out.resize(n);
    return out;
  }
  // An AARQ for LN referencing with the given mechanism and password, proposing conformance
  // 00 7E 1F and a receive PDU of `pdu` octets.
  Bytes aarq(dlms::Mechanism mechanism, const std::string& password, std::uint16_t pdu = 0xFFFF) {
    std::array<std::uint8_t, 32> user{};
    dlms::AxdrWriter uw(user);
    dlms::InitiateRequest ir;
    ir.conformance = 0x007E1F;
    ir.client_max_receive_pdu_size = pdu;
    dlms::encode_initiate_request(uw, ir);
    dlms::Aarq a;
    a.application_context = dlms::ApplicationContext::kLogicalName;
    if (mechanism != dlms::Mechanism::kLowest) {
      a.authentication_functional_unit = true;
      a.has_mechanism = true;
      a.mechanism = mechanism;
      a.has_authentication_value = true;
      a.authentication_value = {reinterpret_cast<const std::uint8_t*>(password.data()), password.size()};
    }
    a.has_user_information = true;
    a.user_information = uw.bytes();
    Bytes out(256);
    dlms::AxdrWriter w(out);
    dlms::encode_aarq(w, a);
    out.resize(w.size());
    return out;
  }
  Bytes get(std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attr) {
    dlms::AttributeReference ref;
    ref.attribute.class_id = class_id;
    ref.attribute.instance_id = ln.v;
    ref.attribute.attribute_id = attr;
    Bytes out(64);
    dlms::AxdrWriter w(out);
    dlms::encode_get_request_normal(w, dlms::InvokeIdAndPriority::make(1, true, true), ref);
    out.resize(w.size());
    return out;
  }

  meter::Meter meter_;
  std::array<cosem::AssociationConfig, 2> associations_;
  cosem::Directory directory_;
  AuthGuard guard_;
  std::vector<std::uint8_t> big_;
  ServerSession session_;
};

// The Green Book's AARQ of a public client (LN, no security), as published in the pwitab/dlms-cosem
// test suite (tests/test_asce/test_aarq.py), and the AARE the meter must give: accepted, with an
// InitiateResponse carrying the negotiated conformance and the meter's receive PDU size.
TEST_F(ServerSessionTest, ThePublicClientAssociatesWithTheGreenBookAarq) {
  const Bytes rq = hex("601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0");
  const Bytes re = send(16, rq);
  dlms::Aare aare;
  ASSERT_TRUE(dlms::decode_aare(re, &aare).is_ok());
  EXPECT_EQ(aare.result, dlms::AssociationResult::kAccepted);
  dlms::InitiateResponse ir;
  ASSERT_TRUE(dlms::decode_initiate_response(aare.user_information, &ir).is_ok());
  EXPECT_EQ(ir.dlms_version, 6);
  // Proposed 00 7E 1F; offered: get, set, action, selective access, block transfer with get,
  // multiple references: the intersection is 00 12 1D.
  EXPECT_EQ(ir.conformance, 0x00121Du);
  EXPECT_EQ(ir.server_max_receive_pdu_size, 4096);
  EXPECT_TRUE(session_.associated());
  EXPECT_EQ(session_.info().client_max_pdu, 0x04B0);
}

TEST_F(ServerSessionTest, ARequestBeforeTheAssociationGetsAnException) {
  const Bytes re = send(16, get(8, meter::Obis(0, 0, 1, 0, 0), 2));
  EXPECT_EQ(re, hex("D80101"));  // state-error service-not-allowed, service-error operation-not-possible
}

TEST_F(ServerSessionTest, TheClockReadsAsTheMeterKeepsIt) {
  send(16, aarq(dlms::Mechanism::kLowest, ""));
  const Bytes re = send(16, get(8, meter::Obis(0, 0, 1, 0, 0), 2));
  const auto expected = clock::encode(meter_.rtc().cosem_time(meter_.meter_time_s()));
  Bytes want = hex("C401C1000910");
  want[5] = 0x0C;
  want.insert(want.end(), expected.begin(), expected.end());
  EXPECT_EQ(re, want);
}

TEST_F(ServerSessionTest, ARegisterReadsWithItsScalerAndUnit) {
  send(16, aarq(dlms::Mechanism::kLowest, ""));
  meter::RegisterValue v;
  ASSERT_TRUE(meter_.read(meter::Obis(1, 0, 1, 8, 0), v));
  const Bytes value = send(16, get(3, meter::Obis(1, 0, 1, 8, 0), 2));
  ASSERT_EQ(value.size(), 4u + 9u);
  EXPECT_EQ(value[4], 0x15);  // long64-unsigned
  std::uint64_t wh = 0;
  for (int k = 0; k < 8; ++k) wh = wh << 8 | value[5 + k];
  EXPECT_EQ(wh, static_cast<std::uint64_t>(std::floor(v.value)));
  EXPECT_EQ(send(16, get(3, meter::Obis(1, 0, 1, 8, 0), 3)), hex("C401C10002020F00161E"));
}

TEST_F(ServerSessionTest, ThePublicClientSeesOnlyItsObjects) {
  send(16, aarq(dlms::Mechanism::kLowest, ""));
  // Voltage L1: not in the public list.
  EXPECT_EQ(send(16, get(3, meter::Obis(1, 0, 32, 7, 0), 2)), hex("C401C10103"));  // read-write-denied
  EXPECT_EQ(send(16, get(3, meter::Obis(1, 0, 99, 8, 0), 2)), hex("C401C10104"));  // object-undefined
  EXPECT_EQ(send(16, get(4, meter::Obis(1, 0, 1, 8, 0), 2)), hex("C401C10109"));   // class inconsistent
}

TEST_F(ServerSessionTest, ALargeAttributeComesInBlocksThatReassembleToOneValue) {
  send(17, aarq(dlms::Mechanism::kLow, "12345678", 256));
  ASSERT_TRUE(session_.associated());
  Bytes data;
  Bytes re = send(17, get(7, meter::Obis(1, 0, 99, 1, 0), 2));  // 96 rows of load profile 1
  std::uint32_t block = 0;
  for (int guard = 0; guard < 10000; ++guard) {
    dlms::GetResponse r;
    ASSERT_TRUE(dlms::decode_get_response(re, &r).is_ok());
    ASSERT_EQ(r.type, dlms::GetResponseType::kWithDatablock);
    ASSERT_LE(re.size(), 256u);
    EXPECT_EQ(r.block.block_number, block + 1);
    block = r.block.block_number;
    data.insert(data.end(), r.block.raw_data.begin(), r.block.raw_data.end());
    if (r.block.last_block) break;
    Bytes next(16);
    dlms::AxdrWriter w(next);
    dlms::encode_get_request_next(w, dlms::InvokeIdAndPriority::make(1, true, true), block);
    next.resize(w.size());
    re = send(17, next);
  }
  dlms::AxdrReader reader(data);
  dlms::AxdrItem array;
  ASSERT_TRUE(reader.next(&array).is_ok());
  EXPECT_EQ(array.type, dlms::DataType::kArray);
  EXPECT_EQ(array.count, meter_.load_profile(0).entries_in_use());
  for (std::uint32_t k = 0; k < array.count; ++k) ASSERT_TRUE(reader.skip_value().is_ok());
  EXPECT_TRUE(reader.at_end());
}

TEST_F(ServerSessionTest, AWrongPasswordIsRefusedLoggedAndSlowedDown) {
  for (int k = 0; k < 3; ++k) {
    dlms::Aare aare;
    ASSERT_TRUE(dlms::decode_aare(send(17, aarq(dlms::Mechanism::kLow, "wrong")), &aare).is_ok());
    EXPECT_EQ(aare.result, dlms::AssociationResult::kRejectedPermanent);
    EXPECT_EQ(aare.diagnostic, dlms::user_diagnostic::kAuthenticationFailure);
  }
  // Locked now: even the right password is refused for a minute of meter time.
  dlms::Aare aare;
  ASSERT_TRUE(dlms::decode_aare(send(17, aarq(dlms::Mechanism::kLow, "12345678")), &aare).is_ok());
  EXPECT_EQ(aare.result, dlms::AssociationResult::kRejectedPermanent);
  const auto& fraud = meter_.events().log(recording::LogGroup::kFraud);
  ASSERT_EQ(fraud.entries_in_use(), 4u);
  EXPECT_EQ(fraud.entry(0).code, recording::event_code::kAuthenticationFailure);
  EXPECT_EQ(fraud.entry(0).context[0], 17.0);
  meter_.on_interval(load(meter_.meter_time_s(), 61.0, 1000.0));
  ASSERT_TRUE(dlms::decode_aare(send(17, aarq(dlms::Mechanism::kLow, "12345678")), &aare).is_ok());
  EXPECT_EQ(aare.result, dlms::AssociationResult::kAccepted);
}

TEST_F(ServerSessionTest, TheReadingClientSetsTheClockAndItIsLogged) {
  send(17, aarq(dlms::Mechanism::kLow, "12345678"));
  clock::CosemDateTime t = meter_.rtc().cosem_time(meter_.meter_time_s());
  t.time.minute = static_cast<std::uint8_t>((t.time.minute + 5) % 60);
  const auto bytes = clock::encode(t);
  Bytes rq = hex("C101C100080000010000FF0200090C");
  rq.insert(rq.end(), bytes.begin(), bytes.end());
  EXPECT_EQ(send(17, rq), hex("C501C100"));
  const auto& std_log = meter_.events().log(recording::LogGroup::kStandard);
  ASSERT_GE(std_log.entries_in_use(), 2u);
  EXPECT_EQ(std_log.entry(std_log.entries_in_use() - 1).code, 5);  // clock adjusted (new time)
  // The public client may not.
  send(16, aarq(dlms::Mechanism::kLowest, ""));
  EXPECT_EQ(send(16, rq), hex("C501C103"));
}

TEST_F(ServerSessionTest, TheReadingClientReadsTheTariffProgramButMayNotChangeIt) {
  send(17, aarq(dlms::Mechanism::kLow, "12345678"));
  // GET 0.0.13.0.0.255 (class 20) attribute 5, the active day profiles: data (00), an array of 3.
  const Bytes days = send(17, hex("C001C100140000 0D0000FF 0500"));
  ASSERT_GE(days.size(), 6u);
  EXPECT_EQ(Bytes(days.begin(), days.begin() + 6), hex("C401C1000103"));
  // SET of the passive name, ACTION activate_passive_calendar, the billing reset script: refused
  // with read-write-denied (03); nothing logged.
  const std::uint32_t logged = meter_.events().log(recording::LogGroup::kConfiguration).counter();
  EXPECT_EQ(send(17, hex("C101C1 0014 00000D0000FF 06 00 0903 4E4557")), hex("C501C103"));
  EXPECT_EQ(send(17, hex("C301C1 0014 00000D0000FF 01 01 0F00")), hex("C701C10300"));
  EXPECT_EQ(send(17, hex("C301C1 0009 00000A0001FF 01 01 120001")), hex("C701C10300"));
  EXPECT_EQ(meter_.events().log(recording::LogGroup::kConfiguration).counter(), logged);
  EXPECT_EQ(meter_.billing().counter(), 0u);
}

TEST_F(ServerSessionTest, ReleaseEndsTheAssociation) {
  send(16, aarq(dlms::Mechanism::kLowest, ""));
  EXPECT_EQ(send(16, hex("6203800100")), hex("6303800100"));  // RLRQ normal -> RLRE normal
  EXPECT_FALSE(session_.associated());
}

// HLS-GMAC (mechanism 5) with authenticated encryption, end to end: the keys and client system
// title of the Green Book's suite-0 example (EK 00..0F, AK D0..DF, client title 4D4D4D0000BC614E).
class HlsSessionTest : public ::testing::Test {
 protected:
  static void fixed_random(std::span<std::uint8_t> out, void*) {
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<std::uint8_t>(0xA0 + k);
  }
  HlsSessionTest()
      : meter_(ServerSessionTest_settings()), directory_(meter_, cosem::DirectoryConfig{"QDR00000001", "quadra-0.1.0", associations_}),
        big_(1 << 20) {
    for (std::size_t k = 0; k < 16; ++k) {
      material_.encryption_key[k] = static_cast<std::uint8_t>(k);
      material_.authentication_key[k] = static_cast<std::uint8_t>(0xD0 + k);
    }
    material_.server_title = {'Q', 'D', 'R', 0, 0, 0, 0, 1};
    material_.random = &fixed_random;
    ServerConfig c;
    c.security = &material_;
    session_ = std::make_unique<ServerSession>(directory_, meter_, guard_, c, big_);
    meter_.on_interval(load(0.0, 60.0, 1000.0));
  }
  static meter::MeterSettings ServerSessionTest_settings() {
    meter::MeterSettings s;
    s.rtc.start_utc = kStart;
    s.billing = meter::default_billing_settings();
    return s;
  }
  static std::array<cosem::AssociationConfig, 1> manager() {
    cosem::AssociationConfig m;
    m.client_sap = 1;
    m.level = cosem::ClientLevel::kManager;
    m.mechanism = dlms::Mechanism::kHighGmac;
    m.ln = meter::Obis(0, 0, 40, 0, 3);
    return {m};
  }
  Bytes send(const Bytes& apdu) {
    Bytes out(0xFFFF);
    out.resize(session_->on_apdu(1, apdu, out, meter_.meter_time_s()));
    return out;
  }
  Bytes protect(const Bytes& plain) {
    security::ProtectParams p;
    p.invocation_counter = client_ic_++;
    p.system_title = client_title_;
    p.encryption_key = material_.encryption_key;
    p.authentication_key = material_.authentication_key;
    Bytes out(plain.size() + 64);
    std::size_t n = 0;
    EXPECT_TRUE(security::protect(p, plain, out, &n).is_ok());
    out.resize(n);
    return out;
  }
  Bytes unprotect(const Bytes& apdu) {
    security::ReceiveKeys keys;
    keys.global_unicast = &material_.encryption_key;
    keys.authentication = material_.authentication_key;
    Bytes plain(apdu.size());
    security::Unprotected u;
    EXPECT_TRUE(security::unprotect(apdu, keys, material_.server_title, nullptr, plain, &u).is_ok());
    plain.resize(u.plain_size);
    return plain;
  }
  // Passes 1 and 2: the ciphered AARQ with the client challenge; returns the AARE.
  dlms::Aare associate(Bytes& aare_bytes) {
    std::array<std::uint8_t, 32> user{};
    dlms::AxdrWriter uw(user);
    dlms::InitiateRequest ir;
    ir.conformance = 0x007E1F;
    ir.client_max_receive_pdu_size = 0xFFFF;
    dlms::encode_initiate_request(uw, ir);
    ciphered_initiate_ = protect(Bytes(uw.bytes().begin(), uw.bytes().end()));
    dlms::Aarq a;
    a.application_context = dlms::ApplicationContext::kLogicalNameCiphered;
    a.calling_ap_title = client_title_;
    a.authentication_functional_unit = true;
    a.has_mechanism = true;
    a.mechanism = dlms::Mechanism::kHighGmac;
    a.has_authentication_value = true;
    a.authentication_value = ctos_;
    a.has_user_information = true;
    a.user_information = ciphered_initiate_;
    Bytes rq(256);
    dlms::AxdrWriter w(rq);
    dlms::encode_aarq(w, a);
    rq.resize(w.size());
    aare_bytes = send(rq);
    dlms::Aare aare;
    EXPECT_TRUE(dlms::decode_aare(aare_bytes, &aare).is_ok());
    return aare;
  }
  Bytes reply_to_hls(std::span<const std::uint8_t> stoc, bool tamper) {
    std::array<std::uint8_t, security::kHlsGmacResponseSize> f{};
    EXPECT_TRUE(security::hls_gmac_response(material_.encryption_key, material_.authentication_key, client_title_,
                                            client_ic_++, stoc, f)
                    .is_ok());
    if (tamper) f[16] ^= 1;
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
    return send(protect(rq));
  }

  std::array<cosem::AssociationConfig, 1> associations_ = manager();
  meter::Meter meter_;
  cosem::Directory directory_;
  AuthGuard guard_;
  SecurityMaterial material_;
  std::vector<std::uint8_t> big_;
  std::unique_ptr<ServerSession> session_;
  security::SystemTitle client_title_{0x4D, 0x4D, 0x4D, 0x00, 0x00, 0xBC, 0x61, 0x4E};
  std::uint32_t client_ic_ = 0x01234567;
  std::array<std::uint8_t, 16> ctos_{'K', '5', '6', 'i', 'V', 'a', 'g', 'Y', '7', 'X', '3', 'r', 'o', 'n', 'V', 'y'};
  Bytes ciphered_initiate_;
};

TEST_F(HlsSessionTest, FourPassesThenCipheredReadsAndReplaysRefused) {
  Bytes aare_bytes;
  const dlms::Aare aare = associate(aare_bytes);
  ASSERT_EQ(aare.result, dlms::AssociationResult::kAccepted);
  EXPECT_EQ(aare.diagnostic, dlms::user_diagnostic::kAuthenticationRequired);
  EXPECT_EQ(aare.application_context, dlms::ApplicationContext::kLogicalNameCiphered);
  ASSERT_EQ(aare.responding_ap_title.size(), 8u);
  ASSERT_EQ(aare.authentication_value.size(), 16u);
  // The InitiateResponse came ciphered (glo-initiate-response).
  ASSERT_FALSE(aare.user_information.empty());
  EXPECT_EQ(aare.user_information[0], 0x28);
  const Bytes initiate = unprotect(Bytes(aare.user_information.begin(), aare.user_information.end()));
  dlms::InitiateResponse ir;
  ASSERT_TRUE(dlms::decode_initiate_response(initiate, &ir).is_ok());

  // Before pass 3 nothing but reply_to_HLS_authentication is served.
  Bytes get_clock = hex("C001C100080000010000FF0200");
  EXPECT_EQ(send(protect(get_clock)), hex("D80101"));

  const Bytes stoc(aare.authentication_value.begin(), aare.authentication_value.end());
  const Bytes reply = reply_to_hls(stoc, false);
  ASSERT_FALSE(reply.empty());
  EXPECT_EQ(reply[0], 0xCF);  // glo-action-response
  const Bytes plain = unprotect(reply);
  dlms::ActionResponse ar;
  ASSERT_TRUE(dlms::decode_action_response(plain, &ar).is_ok());
  ASSERT_EQ(ar.single.result, cosem::ActionResult::kSuccess);
  // Pass 4: the meter's f(CtoS) verifies with the meter's system title.
  dlms::AxdrReader r(ar.single.return_parameters.data);
  dlms::AxdrItem f;
  ASSERT_TRUE(r.expect(dlms::DataType::kOctetString, &f, "f").is_ok());
  std::uint32_t server_ic = 0;
  EXPECT_TRUE(security::hls_gmac_verify(material_.encryption_key, material_.authentication_key, material_.server_title,
                                        ctos_, f.bytes, &server_ic)
                  .is_ok());

  // Ciphered GET of the clock.
  const Bytes rq = protect(get_clock);
  const Bytes re = send(rq);
  ASSERT_FALSE(re.empty());
  EXPECT_EQ(re[0], 0xCC);  // glo-get-response
  const Bytes clock_plain = unprotect(re);
  ASSERT_GE(clock_plain.size(), 6u);
  EXPECT_EQ(clock_plain[0], 0xC4);
  EXPECT_EQ(clock_plain[4], 0x09);
  // The same ciphered request again: a replay, refused and logged (fraud log, 50).
  const Bytes refused = send(rq);
  ASSERT_EQ(refused.size(), 7u);  // D8 01 06 and the counter the meter expects at least
  EXPECT_EQ(Bytes(refused.begin(), refused.begin() + 3), hex("D80106"));
  EXPECT_EQ(refused[6], static_cast<std::uint8_t>(client_ic_));
  const auto& fraud = meter_.events().log(recording::LogGroup::kFraud);
  ASSERT_GE(fraud.entries_in_use(), 1u);
  EXPECT_EQ(fraud.entry(fraud.entries_in_use() - 1).code, recording::event_code::kReplayAttack);
  // A plain request on a ciphered association is refused.
  EXPECT_EQ(send(get_clock), hex("D80101"));
}

TEST_F(HlsSessionTest, TheManagementClientWritesAndActivatesACalendar) {
  Bytes aare_bytes;
  const dlms::Aare aare = associate(aare_bytes);
  const Bytes stoc(aare.authentication_value.begin(), aare.authentication_value.end());
  ASSERT_FALSE(reply_to_hls(stoc, false).empty());
  auto call = [&](const std::string& plain) { return unprotect(send(protect(hex(plain)))); };
  // SET 0.0.13.0.0.255 attributes 7, 8, 9 (no selective access, 00): one season from every
  // January 1st with week "W", every day profile 1, which is tariff T6 from 00:00.
  EXPECT_EQ(call("C101C1 0014 00000D0000FF 07 00"
                 "0101 0203 090153 090C FFFF0101FF 00000000 8000 FF 090157"),
            hex("C501C100"));
  EXPECT_EQ(call("C101C1 0014 00000D0000FF 08 00 0101 0208 090157 1101 1101 1101 1101 1101 1101 1101"),
            hex("C501C100"));
  EXPECT_EQ(call("C101C1 0014 00000D0000FF 09 00 0101 0202 1101 0101 0203 090400000000 0906 00000A0064FF 120006"),
            hex("C501C100"));
  EXPECT_EQ(call("C301C1 0014 00000D0000FF 01 01 0F00"), hex("C701C10000"));
  meter_.on_interval(load(60.0, 60.0, 1000.0));
  EXPECT_EQ(meter_.tariff(), 6u);
  meter::RegisterValue t6;
  ASSERT_TRUE(meter_.read(meter::Obis(1, 0, 1, 8, 6), t6));
  EXPECT_GT(t6.value, 0.0);
  // The current tariff 0.0.96.14.0.255 (class 1, attribute 2): unsigned 6.
  EXPECT_EQ(call("C001C1 0001 0000600E00FF 02 00"), hex("C401C100 1106"));
}

TEST_F(HlsSessionTest, AWrongReplyToTheChallengeEndsTheAssociation) {
  Bytes aare_bytes;
  const dlms::Aare aare = associate(aare_bytes);
  const Bytes stoc(aare.authentication_value.begin(), aare.authentication_value.end());
  const Bytes reply = reply_to_hls(stoc, true);
  const Bytes plain = unprotect(reply);
  dlms::ActionResponse ar;
  ASSERT_TRUE(dlms::decode_action_response(plain, &ar).is_ok());
  EXPECT_NE(ar.single.result, cosem::ActionResult::kSuccess);
  EXPECT_FALSE(session_->associated());
  const auto& fraud = meter_.events().log(recording::LogGroup::kFraud);
  ASSERT_EQ(fraud.entries_in_use(), 1u);
  EXPECT_EQ(fraud.entry(0).code, recording::event_code::kAuthenticationFailure);
}

}  // namespace
}  // namespace quadra::association
