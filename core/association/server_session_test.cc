#include "core/association/server_session.h"

#include <gtest/gtest.h>
#include <mbedtls/sha256.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/clock/cosem_date_time.h"
#include "core/dlms/acse.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/general_block_transfer.h"
#include "core/dlms/get.h"
#include "core/dlms/test_hex.h"
#include "core/dlms/initiate.h"
#include "core/meter/interval_values_testing.h"
#include "core/recording/event_codes.h"
#include "core/security/ciphered_apdu.h"
#include "core/security/hls_gmac.h"
#include "core/dlms/action.h"
#include "core/dlms/axdr_writer.h"

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
  // `user_id` >= 0: named in calling-AE-invocation-id.
  Bytes aarq(dlms::Mechanism mechanism, const std::string& password, std::uint16_t pdu = 0xFFFF, int user_id = -1,
             std::uint32_t conformance = 0x007E1F) {
    std::array<std::uint8_t, 32> user{};
    dlms::AxdrWriter uw(user);
    dlms::InitiateRequest ir;
    ir.conformance = conformance;
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
    if (user_id >= 0) {
      a.has_calling_ae_invocation_id = true;
      a.calling_ae_invocation_id = static_cast<std::uint8_t>(user_id);
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
  // Proposed 00 7E 1F; offered: get, set, action, selective access, block transfer with get, set
  // and action, multiple references: the intersection is 00 1E 1D.
  EXPECT_EQ(ir.conformance, 0x001E1Du);
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

// SET with block transfer (Green Book, xDLMS "SET service with block transfer"), hand-derived:
// the clock's time (attribute 2, 09 0C + 12 octets) in two DataBlock-SA of 6 and 8 octets.
//   C1 02 C1 | 0008 0000010000FF 02 00 | 00 00000001 06 <6>  ->  C5 02 C1 00000001
//   C1 03 C1 | 01 00000002 08 <8>                            ->  C5 03 C1 00 00000002
TEST_F(ServerSessionTest, TheClockIsSetInTwoDataBlocks) {
  send(17, aarq(dlms::Mechanism::kLow, "12345678"));
  clock::CosemDateTime t = meter_.rtc().cosem_time(meter_.meter_time_s());
  t.time.minute = static_cast<std::uint8_t>((t.time.minute + 7) % 60);
  const auto time = clock::encode(t);
  Bytes value = hex("090C");
  value.insert(value.end(), time.begin(), time.end());
  Bytes first = hex("C102C100080000010000FF0200 00 00000001 06");
  first.insert(first.end(), value.begin(), value.begin() + 6);
  Bytes second = hex("C103C1 01 00000002 08");
  second.insert(second.end(), value.begin() + 6, value.end());
  const std::uint32_t before = meter_.events().log(recording::LogGroup::kStandard).counter();
  EXPECT_EQ(send(17, first), hex("C502C100000001"));
  EXPECT_EQ(meter_.events().log(recording::LogGroup::kStandard).counter(), before) << "nothing set before the last block";
  EXPECT_EQ(send(17, second), hex("C503C10000000002"));
  const auto& std_log = meter_.events().log(recording::LogGroup::kStandard);
  EXPECT_EQ(std_log.entry(std_log.entries_in_use() - 1).code, 5);  // clock adjusted (new time)
  const clock::CosemDateTime now = meter_.rtc().cosem_time(meter_.meter_time_s());
  EXPECT_EQ(now.time.minute, t.time.minute);
}

// Wrong block numbers and abandoned transfers: data-block-number-invalid (19 = 0x13) ends the
// transfer, a block with none in progress gets no-long-set-in-progress (18 = 0x12); any other
// request in between abandons the transfer.
TEST_F(ServerSessionTest, SetBlocksOutOfOrderOrAbandonedAreRefused) {
  send(17, aarq(dlms::Mechanism::kLow, "12345678"));
  const Bytes first = hex("C102C100080000010000FF0200 00 00000001 03 090C07");
  EXPECT_EQ(send(17, hex("C102C100080000010000FF0200 00 00000002 03 090C07")), hex("C503C11300000002"));
  EXPECT_EQ(send(17, first), hex("C502C100000001"));
  EXPECT_EQ(send(17, hex("C103C1 00 00000003 01 EA")), hex("C503C11300000003"));
  EXPECT_EQ(send(17, hex("C103C1 00 00000002 01 EA")), hex("C503C11200000002"));
  EXPECT_EQ(send(17, first), hex("C502C100000001"));
  EXPECT_EQ(send(17, get(8, meter::Obis(0, 0, 1, 0, 0), 3))[0], 0xC4);
  EXPECT_EQ(send(17, hex("C103C1 01 00000002 01 EA")), hex("C503C11200000002"));
  // Blocks that do not make one Data value: type-unmatched (12 = 0x0C), nothing set.
  EXPECT_EQ(send(17, hex("C102C100080000010000FF0200 01 00000001 03 090C07")), hex("C503C10C00000001"));
}

// ACTION with parameter blocks: the clock's adjust_to_quarter (method 1, parameter integer 0) in
// two one-octet pblocks, acknowledged by ACTION-Response-Next-Pblock, the last answered normally.
//   C3 04 C1 | 0008 0000010000FF 01 | 00 00000001 01 0F  ->  C7 04 C1 00000001
//   C3 06 C1 | 01 00000002 01 00                         ->  C7 01 C1 00 00
TEST_F(ServerSessionTest, AnActionTakesItsParametersInBlocks) {
  send(17, aarq(dlms::Mechanism::kLow, "12345678"));
  EXPECT_EQ(send(17, hex("C304C100080000010000FF01 00 00000001 01 0F")), hex("C704C100000001"));
  EXPECT_EQ(send(17, hex("C306C1 01 00000002 01 00")), hex("C701C10000"));
  // A wrong block: long-action-aborted (15); none in progress: no-long-action-in-progress (16).
  EXPECT_EQ(send(17, hex("C304C100080000010000FF01 00 00000001 01 0F")), hex("C704C100000001"));
  EXPECT_EQ(send(17, hex("C306C1 01 00000003 01 00")), hex("C701C10F00"));
  EXPECT_EQ(send(17, hex("C306C1 01 00000002 01 00")), hex("C701C11000"));
  EXPECT_EQ(send(17, hex("C302C100000001")), hex("C701C11000"));
}

// Without block-transfer-with-set / -with-action in the proposed conformance, the block forms
// are refused with an exception (service not allowed, service not supported).
TEST_F(ServerSessionTest, BlockTransferNeedsItsConformanceBit) {
  Bytes rq = aarq(dlms::Mechanism::kLow, "12345678");
  // Replace the InitiateRequest's conformance (00 7E 1F) by the reduced one.
  const Bytes conf = hex("5F1F0400007E1F");
  auto at = std::search(rq.begin(), rq.end(), conf.begin(), conf.end());
  ASSERT_NE(at, rq.end());
  at[5] = 0x72;  // 0x7E without block-transfer-with-set (bit 12) and -with-action (bit 13)
  send(17, rq);
  ASSERT_TRUE(session_.associated());
  EXPECT_EQ(session_.info().conformance & dlms::conformance::kBlockTransferWithAction, 0u);
  EXPECT_EQ(send(17, hex("C102C100080000010000FF0200 00 00000001 03 090C07")), hex("D80102"));
  EXPECT_EQ(send(17, hex("C304C100080000010000FF01 00 00000001 01 0F")), hex("D80102"));
}

// A dedicated key may travel only inside a ciphered InitiateRequest: in a plain AARQ it is refused
// (AARE rejected-permanent with an InitiateError), and the key is not kept.
TEST_F(ServerSessionTest, ADedicatedKeyInAPlainAarqIsRefused) {
  std::array<std::uint8_t, 48> user{};
  dlms::AxdrWriter uw(user);
  dlms::InitiateRequest ir;
  const Bytes key = hex("404142434445464748494A4B4C4D4E4F");
  ir.dedicated_key = key;
  ir.conformance = 0x007E1F;
  ir.client_max_receive_pdu_size = 0xFFFF;
  dlms::encode_initiate_request(uw, ir);
  dlms::Aarq a;
  a.application_context = dlms::ApplicationContext::kLogicalName;
  a.has_user_information = true;
  a.user_information = uw.bytes();
  Bytes rq(128);
  dlms::AxdrWriter w(rq);
  dlms::encode_aarq(w, a);
  rq.resize(w.size());
  dlms::Aare aare;
  const Bytes re = send(16, rq);
  ASSERT_TRUE(dlms::decode_aare(re, &aare).is_ok());
  EXPECT_EQ(aare.result, dlms::AssociationResult::kRejectedPermanent);
  EXPECT_FALSE(session_.associated());
}

TEST_F(ServerSessionTest, ReleaseEndsTheAssociation) {
  send(16, aarq(dlms::Mechanism::kLowest, ""));
  EXPECT_EQ(send(16, hex("6203800100")), hex("6303800100"));  // RLRQ normal -> RLRE normal
  EXPECT_FALSE(session_.associated());
}

// Association LN version 2: user_list (attribute 10) is empty, for the meter is configured with
// no users; current_user (11) is { 0, "" } unless the AARQ named a user in its
// calling-AE-invocation-id, and then { user_id, "" }.
TEST_F(ServerSessionTest, CurrentUserIsTheUserTheAarqNamed) {
  const meter::Obis current(0, 0, 40, 0, 0);
  // No user: the Green Book's AARQ of the public client.
  send(16, hex("601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0"));
  EXPECT_EQ(send(16, get(15, current, 10)), hex("C401C1000100"));
  EXPECT_EQ(send(16, get(15, current, 11)), hex("C401C100020211000A00"));
  send(16, hex("6203800100"));
  // The same AARQ with user 5 (A9 03 02 01 05).
  ASSERT_EQ(send(16, hex("6022A109060760857405080101A903020105BE10040E01000000065F1F0400007E1F04B0"))[0], 0x61);
  ASSERT_TRUE(session_.associated());
  EXPECT_EQ(send(16, get(15, current, 11)), hex("C401C100020211050A00"));
  send(16, hex("6203800100"));
  // The reading client as user 200: its own association object 0.0.40.0.2 shows it, the public
  // client's 0.0.40.0.1 does not.
  send(17, aarq(dlms::Mechanism::kLow, "12345678", 0xFFFF, 200));
  ASSERT_TRUE(session_.associated());
  EXPECT_EQ(send(17, get(15, current, 11)), hex("C401C100020211C80A00"));
  EXPECT_EQ(send(17, get(15, meter::Obis(0, 0, 40, 0, 2), 11)), hex("C401C100020211C80A00"));
  EXPECT_EQ(send(17, get(15, meter::Obis(0, 0, 40, 0, 1), 11)), hex("C401C100020211000A00"));
  EXPECT_EQ(send(17, get(15, meter::Obis(0, 0, 40, 0, 2), 10)), hex("C401C1000100"));
}

// General block transfer (conformance bit 2, 0x200000), window 1.
constexpr std::uint32_t kWithGbt = 0x007E1F | dlms::conformance::kGeneralBlockTransfer;

std::uint32_t negotiated_conformance(const Bytes& aare_bytes) {
  dlms::Aare aare;
  EXPECT_TRUE(dlms::decode_aare(aare_bytes, &aare).is_ok());
  dlms::InitiateResponse ir;
  EXPECT_TRUE(dlms::decode_initiate_response(aare.user_information, &ir).is_ok());
  return ir.conformance;
}

// Receives a response in GBT blocks, acknowledging each (the client's blocks numbered from
// `client_number` + 1); every block fits `pdu`. Returns the reassembled APDU.
template <typename Send>
Bytes receive_gbt(Send send, Bytes first, std::size_t pdu, std::uint16_t expected_first_number = 1,
                  std::uint16_t client_number = 0) {
  Bytes apdu;
  Bytes re = std::move(first);
  std::uint16_t expected = expected_first_number;
  for (int guard = 0; guard < 10000; ++guard) {
    dlms::GeneralBlockTransfer g;
    EXPECT_TRUE(dlms::decode_general_block_transfer(re, &g).is_ok()) << dlms::testing::to_hex(re);
    if (::testing::Test::HasFailure()) return {};
    EXPECT_LE(re.size(), pdu);
    EXPECT_EQ(g.block_number, expected);
    EXPECT_EQ(g.block_number_ack, client_number);
    EXPECT_EQ(g.window, 1);
    EXPECT_FALSE(g.streaming);
    apdu.insert(apdu.end(), g.block_data.begin(), g.block_data.end());
    if (g.last_block) return apdu;
    ++expected;
    Bytes ack(16);
    dlms::AxdrWriter w(ack);
    dlms::GeneralBlockTransfer a;
    a.block_number = ++client_number;
    a.block_number_ack = g.block_number;
    dlms::encode_general_block_transfer(w, a);
    ack.resize(w.size());
    re = send(ack);
  }
  ADD_FAILURE() << "no last block";
  return apdu;
}

TEST_F(ServerSessionTest, GeneralBlockTransferIsOfferedOnlyToWhoProposesIt) {
  EXPECT_EQ(negotiated_conformance(send(17, aarq(dlms::Mechanism::kLow, "12345678", 256, -1, kWithGbt))) &
                dlms::conformance::kGeneralBlockTransfer,
            dlms::conformance::kGeneralBlockTransfer);
  EXPECT_EQ(negotiated_conformance(send(17, aarq(dlms::Mechanism::kLow, "12345678", 256))) &
                dlms::conformance::kGeneralBlockTransfer,
            0u);
  // Without it, a GBT APDU is refused: EXCEPTION-Response service-not-allowed, operation-not-possible.
  EXPECT_EQ(send(17, hex("E0 81 00 01 00 00 0D C0 01 C1 00 08 00 00 01 00 00 FF 02 00")), hex("D8 01 01"));
}

TEST_F(ServerSessionTest, ALongResponseComesInGeneralBlocksThatFitTheClientsPdu) {
  // The same load profile read twice: whole (65535-octet PDU, no GBT needed) and in GBT blocks
  // of at most 128 octets; the reassembled APDU is the same GET-Response-Normal.
  send(17, aarq(dlms::Mechanism::kLow, "12345678", 0xFFFF, -1, kWithGbt));
  const Bytes whole = send(17, get(7, meter::Obis(1, 0, 99, 1, 0), 2));
  ASSERT_GT(whole.size(), 1000u);
  EXPECT_EQ(whole[0], dlms::apdu_tag::kGetResponse);
  send(17, aarq(dlms::Mechanism::kLow, "12345678", 128, -1, kWithGbt));
  const Bytes first = send(17, get(7, meter::Obis(1, 0, 99, 1, 0), 2));
  const Bytes apdu = receive_gbt([&](const Bytes& a) { return send(17, a); }, first, 128);
  EXPECT_EQ(apdu, whole);
  // A short response needs no GBT.
  EXPECT_EQ(send(17, get(1, meter::Obis(0, 0, 96, 1, 0), 2))[0], dlms::apdu_tag::kGetResponse);
}

TEST_F(ServerSessionTest, AnAcknowledgementOfAnEarlierBlockHasItsSuccessorSentAgain) {
  send(17, aarq(dlms::Mechanism::kLow, "12345678", 128, -1, kWithGbt));
  const Bytes first = send(17, get(7, meter::Obis(1, 0, 99, 1, 0), 2));
  const Bytes second = send(17, hex("E0 81 00 01 00 01 00"));
  dlms::GeneralBlockTransfer g;
  ASSERT_TRUE(dlms::decode_general_block_transfer(second, &g).is_ok());
  EXPECT_EQ(g.block_number, 2);
  EXPECT_EQ(g.block_number_ack, 1);
  // Block 2 lost: the client acknowledges block 1 again, and gets block 2 again.
  const Bytes again = send(17, hex("E0 81 00 02 00 01 00"));
  ASSERT_TRUE(dlms::decode_general_block_transfer(again, &g).is_ok());
  EXPECT_EQ(g.block_number, 2);
  EXPECT_EQ(g.block_number_ack, 2);
  EXPECT_EQ(Bytes(again.begin() + 7, again.end()), Bytes(second.begin() + 7, second.end()));
  // Any other request ends the transfer; an acknowledgement then is refused.
  EXPECT_EQ(send(17, get(1, meter::Obis(0, 0, 96, 1, 0), 2))[0], dlms::apdu_tag::kGetResponse);
  EXPECT_EQ(send(17, hex("E0 81 00 03 00 02 00")), hex("D8 01 01"));
}

// The clock set by the Gurux DLMS Python client (GXDLMSClient.write of GXDLMSClock attribute 2
// with general-block-transfer negotiated and a maximum PDU of 20 octets, run by hand): three
// blocks; the meter acknowledges the first two (E0 81, its own block numbers 1 and 2) and
// answers the SET in its block 3, in GBT as the request came.
TEST_F(ServerSessionTest, TheGuruxClockSetInThreeGeneralBlocks) {
  send(17, aarq(dlms::Mechanism::kLow, "12345678", 0xFFFF, -1, kWithGbt));
  EXPECT_EQ(send(17, hex("E0 01 00 01 00 00 0D C1 01 C1 00 08 00 00 01 00 00 FF 02 00")), hex("E0 81 00 01 00 01 00"));
  EXPECT_EQ(send(17, hex("E0 01 00 02 00 00 0D 09 0C 07 EA 01 01 FF 00 05 00 FF 80 00")), hex("E0 81 00 02 00 02 00"));
  EXPECT_EQ(send(17, hex("E0 81 00 03 FF FF 01 00")), hex("E0 81 00 03 00 03 04 C5 01 C1 00"));
  const clock::CosemDateTime now = meter_.rtc().cosem_time(meter_.meter_time_s());
  EXPECT_EQ(now.date.year, 2026);
  EXPECT_EQ(now.time.hour, 0);
  EXPECT_EQ(now.time.minute, 5);
  // A block out of order ends the collection: exception, and the next block finds no request.
  EXPECT_EQ(send(17, hex("E0 01 00 01 00 00 0D C1 01 C1 00 08 00 00 01 00 00 FF 02 00")), hex("E0 81 00 01 00 01 00"));
  EXPECT_EQ(send(17, hex("E0 81 00 03 00 01 01 00")), hex("D8 01 01"));
  EXPECT_EQ(send(17, hex("E0 81 00 02 00 01 01 00")), hex("D8 01 01"));
}

// HLS-GMAC (mechanism 5) with authenticated encryption, end to end: the keys and client system
// title of the Green Book's suite-0 example (EK 00..0F, AK D0..DF, client title 4D4D4D0000BC614E).
class HlsSessionTest : public ::testing::Test {
 protected:
  static void fixed_random(std::span<std::uint8_t> out, void*) {
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<std::uint8_t>(0xA0 + k);
  }
  HlsSessionTest()
      : meter_(ServerSessionTest_settings()),
        directory_(meter_, directory_config(associations_, binding_, image_store_)),
        big_(1 << 20) {
    for (std::size_t k = 0; k < 16; ++k) {
      material_.encryption_key[k] = static_cast<std::uint8_t>(k);
      material_.authentication_key[k] = static_cast<std::uint8_t>(0xD0 + k);
    }
    material_.server_title = {'Q', 'D', 'R', 0, 0, 0, 0, 1};
    for (std::size_t k = 0; k < 16; ++k) material_.master_key[k] = static_cast<std::uint8_t>(k);  // RFC 3394's KEK
    material_.random = &fixed_random;
    ServerConfig c;
    c.security = &material_;
    session_ = std::make_unique<ServerSession>(directory_, meter_, guard_, c, big_);
    meter_.on_interval(load(0.0, 60.0, 1000.0));
  }
  static cosem::DirectoryConfig directory_config(std::span<const cosem::AssociationConfig> a,
                                                cosem::SecuritySetupPort& port, cosem::ImageStore& image) {
    cosem::DirectoryConfig c{"QDR00000001", "quadra-0.1.0", a};
    c.security_setup = &port;
    c.image_store = &image;
    return c;
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
  Bytes protect(const Bytes& plain, std::uint8_t sc = 0x30, security::KeyKind kind = security::KeyKind::kGlobal) {
    security::ProtectParams p;
    p.security_control = security::SecurityControl::from_byte(sc);
    p.key_kind = kind;
    p.invocation_counter = client_ic_++;
    p.system_title = client_title_;
    p.encryption_key = kind == security::KeyKind::kDedicated ? dedicated_key_ : client_ek_;
    p.authentication_key = client_ak_;
    Bytes out(plain.size() + 64);
    std::size_t n = 0;
    EXPECT_TRUE(security::protect(p, plain, out, &n).is_ok());
    out.resize(n);
    return out;
  }
  Bytes unprotect(const Bytes& apdu) {
    security::ReceiveKeys keys;
    keys.global_unicast = &client_ek_;
    keys.dedicated = &dedicated_key_;
    keys.authentication = client_ak_;
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
    ir.conformance = client_conformance_;
    ir.client_max_receive_pdu_size = client_pdu_;
    if (with_dedicated_key_) ir.dedicated_key = dedicated_key_;
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
    EXPECT_TRUE(security::hls_gmac_response(client_ek_, client_ak_, client_title_,
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
  SecurityMaterial material_;
  SecuritySetupBinding binding_{material_};
  std::array<std::uint8_t, 8192> image_area_{};  // the firmware image area (cosem/image_store.h)
  cosem::BufferImageStore image_store_{image_area_};
  meter::Meter meter_;
  cosem::Directory directory_;
  AuthGuard guard_;
  std::vector<std::uint8_t> big_;
  std::unique_ptr<ServerSession> session_;
  security::SystemTitle client_title_{0x4D, 0x4D, 0x4D, 0x00, 0x00, 0xBC, 0x61, 0x4E};
  std::uint32_t client_ic_ = 0x01234567;
  std::array<std::uint8_t, 16> ctos_{'K', '5', '6', 'i', 'V', 'a', 'g', 'Y', '7', 'X', '3', 'r', 'o', 'n', 'V', 'y'};
  Bytes ciphered_initiate_;
  std::uint16_t client_pdu_ = 0xFFFF;
  std::uint32_t client_conformance_ = 0x007E1F;
  // The keys the client holds (the meter's at first).
  security::Key128 client_ek_ = key(0x00);
  security::Key128 client_ak_ = key(0xD0);
  bool with_dedicated_key_ = false;
  security::Key128 dedicated_key_ = key(0x40);
  static security::Key128 key(std::uint8_t first) {
    security::Key128 k{};
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(first + i);
    return k;
  }
  // Passes 1 to 4.
  void associate_fully() {
    Bytes aare_bytes;
    const dlms::Aare aare = associate(aare_bytes);
    ASSERT_EQ(aare.result, dlms::AssociationResult::kAccepted);
    const Bytes stoc(aare.authentication_value.begin(), aare.authentication_value.end());
    const Bytes reply = unprotect(reply_to_hls(stoc, false));
    ASSERT_EQ(reply.size() >= 4 ? reply[3] : 0xFF, 0) << "reply_to_HLS_authentication succeeded";
  }
  // An ACTION on the Security setup 0.0.43.0.0.255, ciphered; returns the plain response.
  Bytes security_setup_action(std::uint8_t method, const Bytes& parameters) {
    Bytes rq = hex("C301C100400000 2B0000FF");
    rq.push_back(method);
    rq.push_back(1);
    rq.insert(rq.end(), parameters.begin(), parameters.end());
    return unprotect(send(protect(rq)));
  }
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

// Security setup 0.0.43.0.0.255 (class 64 v1): its attributes as a client reads them.
TEST_F(HlsSessionTest, TheSecuritySetupShowsPolicySuiteAndSystemTitles) {
  associate_fully();
  auto read = [&](std::uint8_t attr) {
    Bytes rq = hex("C001C100400000 2B0000FF");
    rq.push_back(attr);
    rq.push_back(0);
    return unprotect(send(protect(rq)));
  };
  EXPECT_EQ(read(2), hex("C401C1 00 1600"));  // security_policy: nothing required yet
  EXPECT_EQ(read(3), hex("C401C1 00 1600"));  // security_suite 0
  EXPECT_EQ(read(4), hex("C401C1 00 0908 4D4D4D0000BC614E"));
  EXPECT_EQ(read(5), hex("C401C1 00 0908 5144520000000001"));
  EXPECT_EQ(read(6), hex("C401C1 00 0100"));  // no certificates
  EXPECT_EQ(read(7), hex("C401C1 01 04"));      // no such attribute; and no attribute holds a key
}

// key_transfer (method 2) with the RFC 3394 section 4.1 vector: KEK 000102..0F wraps the key
// 00112233445566778899AABBCCDDEEFF into 1FA68B0A8112B447 AEF34BD8FB5A7B82 9D3E862371D2CFE5. The
// response still comes under the old key; from then on the new global unicast key is in force,
// the client's counter restarts, the change is logged (communication log, 48, key_id 0).
TEST_F(HlsSessionTest, KeyTransferReplacesTheUnicastKeyAfterItsResponse) {
  associate_fully();
  const Bytes wrapped = hex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
  Bytes param = hex("0101 0202 1600 0918");
  param.insert(param.end(), wrapped.begin(), wrapped.end());
  EXPECT_EQ(security_setup_action(2, param), hex("C701C10000"));  // deciphered with the old key
  const Bytes new_key = hex("00112233445566778899AABBCCDDEEFF");
  EXPECT_TRUE(std::equal(new_key.begin(), new_key.end(), material_.encryption_key.begin()));
  const auto& log = meter_.events().log(recording::LogGroup::kCommunication);
  ASSERT_GE(log.entries_in_use(), 1u);
  EXPECT_EQ(log.entry(log.entries_in_use() - 1).code, recording::event_code::kKeysChanged);
  // The old key is refused now (fraud log, 49)...
  const Bytes get_clock = hex("C001C100080000010000FF0200");
  EXPECT_EQ(send(protect(get_clock)), hex("D80105"));
  // ...the new one is served, with the counter counting again from 1.
  std::copy(new_key.begin(), new_key.end(), client_ek_.begin());
  client_ic_ = 1;
  const Bytes clock = unprotect(send(protect(get_clock)));
  ASSERT_GE(clock.size(), 5u);
  EXPECT_EQ(clock[4], 0x09);
}

// A key wrapped under another KEK fails RFC 3394's integrity check: other-reason (250), and no
// key of the call is taken (all or nothing); unknown key_ids and bad shapes are refused as well.
TEST_F(HlsSessionTest, KeyTransferRefusesWhatDoesNotUnwrap) {
  associate_fully();
  const security::Key128 before = material_.authentication_key;
  Bytes good = hex("0202 1602 0918 1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
  Bytes bad = hex("0202 1600 0918 1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE4");
  Bytes param = hex("0102");
  param.insert(param.end(), good.begin(), good.end());
  param.insert(param.end(), bad.begin(), bad.end());
  EXPECT_EQ(security_setup_action(2, param), hex("C701C1FA00"));
  EXPECT_EQ(material_.authentication_key, before);
  EXPECT_EQ(security_setup_action(2, hex("0101 0202 1604 0918 1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5")),
            hex("C701C1FA00"));                                         // key_id 4 does not exist
  EXPECT_EQ(security_setup_action(2, hex("0100")), hex("C701C10C00"));  // an empty array: type-unmatched
  EXPECT_EQ(security_setup_action(3, hex("0100")), hex("C701C1FA00"));  // key_agreement: not with suite 0
}

// security_activate raises the policy and never lowers it; signatures are not for suite 0. The
// raised policy then holds: a request only authenticated (SC 0x10) when encryption is required is
// refused, and responses carry at least what the policy asks.
TEST_F(HlsSessionTest, SecurityActivateOnlyRaisesThePolicyAndItIsEnforced) {
  associate_fully();
  EXPECT_EQ(security_setup_action(1, hex("1624")), hex("C701C10000"));  // authenticated request + response
  EXPECT_EQ(material_.security_policy, 0x24);
  EXPECT_EQ(security_setup_action(1, hex("1604")), hex("C701C1FA00"));  // would drop a bit
  EXPECT_EQ(security_setup_action(1, hex("16B4")), hex("C701C1FA00"));  // signatures
  EXPECT_EQ(security_setup_action(1, hex("166C")), hex("C701C10000"));  // + encrypted request and response
  const Bytes get_clock = hex("C001C100080000010000FF0200");
  EXPECT_EQ(send(protect(get_clock, 0x10)), hex("D80101"));
  const Bytes re = send(protect(get_clock, 0x30));
  ASSERT_GE(re.size(), 3u);
  EXPECT_EQ(re[2], 0x30);  // SC of the response: authenticated and encrypted
}

// A dedicated key in the ciphered InitiateRequest: the association then speaks ded- APDUs
// (ded-get-request D0 -> ded-get-response D4) under that key, the global key still serving glo-.
TEST_F(HlsSessionTest, ADedicatedKeyCiphersTheAssociationsDedApdus) {
  with_dedicated_key_ = true;
  associate_fully();
  const Bytes get_clock = hex("C001C100080000010000FF0200");
  const Bytes rq = protect(get_clock, 0x30, security::KeyKind::kDedicated);
  ASSERT_EQ(rq[0], 0xD0);
  const Bytes re = send(rq);
  ASSERT_FALSE(re.empty());
  EXPECT_EQ(re[0], 0xD4);
  // Under the global key it does not decipher; under the dedicated key it does.
  security::ReceiveKeys global_only;
  global_only.global_unicast = &client_ek_;
  global_only.dedicated = &client_ek_;
  global_only.authentication = client_ak_;
  Bytes plain(re.size());
  security::Unprotected u;
  EXPECT_FALSE(security::unprotect(re, global_only, material_.server_title, nullptr, plain, &u).is_ok());
  const Bytes clock = unprotect(re);
  ASSERT_GE(clock.size(), 5u);
  EXPECT_EQ(clock[4], 0x09);
  // The global key still serves glo- APDUs.
  EXPECT_EQ(unprotect(send(protect(get_clock)))[0], 0xC4);
}

// The client's last counter survives a restart: a meter restored with it (as the host restores
// it from its store) refuses the replay of a request from before the restart.
TEST_F(HlsSessionTest, AReplayAfterARestartIsRefused) {
  associate_fully();
  const Bytes recorded = protect(hex("C001C100080000010000FF0200"));
  EXPECT_EQ(send(recorded)[0], 0xCC);
  const SecurityMaterial::ClientGuard* g = material_.latest();
  ASSERT_NE(g, nullptr);
  const std::uint32_t last = g->guard.last();
  // The restart: a new material with the counter restored, a new session.
  SecurityMaterial restored = material_;
  restored.guards = {};
  restored.remember(client_title_, security::InvocationCounterGuard::after(last));
  material_ = restored;
  session_->on_disconnect();
  client_ic_ = last - 3;  // an AARQ (recorded before the restart) with a counter below the last
  Bytes aare_bytes;
  const dlms::Aare aare = associate(aare_bytes);
  EXPECT_EQ(aare.result, dlms::AssociationResult::kRejectedPermanent);
  const auto& fraud = meter_.events().log(recording::LogGroup::kFraud);
  ASSERT_GE(fraud.entries_in_use(), 1u);
  EXPECT_EQ(fraud.entry(fraud.entries_in_use() - 1).code, recording::event_code::kReplayAttack);
}

// ACTION-Response-With-Pblock: with a client PDU of 50 octets, a ciphered response has room for
// 20 plain octets, so the meter's f(CtoS) (an octet string of 17, 19 octets as Data) comes back in
// blocks of 8, 8 and 3 octets (C7 02 iid last block-number length raw), each acknowledged by an
// ACTION-Request-Next-Pblock (C3 02 iid block-number).
TEST_F(HlsSessionTest, ALongReturnValueComesInPblocks) {
  client_pdu_ = 50;
  Bytes aare_bytes;
  const dlms::Aare aare = associate(aare_bytes);
  ASSERT_EQ(aare.result, dlms::AssociationResult::kAccepted);
  const Bytes stoc(aare.authentication_value.begin(), aare.authentication_value.end());
  Bytes plain = unprotect(reply_to_hls(stoc, false));
  Bytes value;
  for (std::uint32_t expected = 1;; ++expected) {
    SCOPED_TRACE(expected);
    dlms::ActionResponse ar;
    ASSERT_TRUE(dlms::decode_action_response(plain, &ar).is_ok());
    ASSERT_EQ(ar.type, dlms::ActionResponseType::kWithPblock);
    ASSERT_EQ(ar.block.block_number, expected);
    EXPECT_EQ(ar.block.raw_data.size(), expected < 3 ? 8u : 3u);
    value.insert(value.end(), ar.block.raw_data.begin(), ar.block.raw_data.end());
    if (ar.block.last_block) break;
    ASSERT_LT(expected, 3u);
    Bytes next(16);
    dlms::AxdrWriter w(next);
    dlms::encode_action_request_next_pblock(w, dlms::InvokeIdAndPriority::make(1, true, true), expected);
    next.resize(w.size());
    plain = unprotect(send(protect(next)));
  }
  dlms::AxdrReader r(value);
  dlms::AxdrItem f;
  ASSERT_TRUE(r.expect(dlms::DataType::kOctetString, &f, "f").is_ok());
  std::uint32_t server_ic = 0;
  EXPECT_TRUE(security::hls_gmac_verify(material_.encryption_key, material_.authentication_key, material_.server_title,
                                        ctos_, f.bytes, &server_ic)
                  .is_ok());
  // An acknowledgement with no transfer in progress: no-long-action-in-progress (16).
  EXPECT_EQ(unprotect(send(protect(hex("C302C100000007")))), hex("C701C11000"));
}

// A firmware update as a head end runs it, over the ciphered association of the management
// client: image_transfer_initiate, the blocks out of order, a corrupted block that fails
// image_verify, the block sent again, image_verify, image_activate; the meter restarting in the
// middle (a new directory and session over the same image store) resumes the transfer.
TEST_F(HlsSessionTest, TheManagementClientUpdatesTheFirmwareAcrossARestart) {
  // A package of 1500 octets of payload, built here byte by byte from its documented layout
  // (cosem/firmware_package.h), not with the code under test.
  Bytes payload(1500);
  for (std::size_t k = 0; k < payload.size(); ++k) payload[k] = static_cast<std::uint8_t>(k * 13 + 1);
  cosem::Sha256Digest sha{};
  ASSERT_EQ(mbedtls_sha256_ret(payload.data(), payload.size(), sha.data(), 0), 0);
  const std::string id = "QUADRA-2.0.0";
  Bytes image = hex("5155414452414657 01 0C 0000 000005DC");  // "QUADRAFW", v1, 12, 1500 octets
  image.insert(image.end(), sha.begin(), sha.end());
  image.insert(image.end(), id.begin(), id.end());
  image.insert(image.end(), payload.begin(), payload.end());
  ASSERT_EQ(image.size(), 1560u);  // two blocks: 1024 + 536

  associate_fully();
  auto action = [&](std::uint8_t method, const Bytes& parameter) {
    Bytes rq = hex("C301C1 0012 00002C0000FF");
    rq.push_back(method);
    rq.push_back(1);
    rq.insert(rq.end(), parameter.begin(), parameter.end());
    return unprotect(send(protect(rq)));
  };
  auto block = [&](const Bytes& img, std::uint32_t n) {
    const std::size_t at = n * 1024u, len = std::min<std::size_t>(1024, img.size() - at);
    Bytes p(len + 16);
    dlms::AxdrWriter w(p);
    w.structure(2);
    w.double_long_unsigned(n);
    w.octet_string(std::span(img).subspan(at, len));
    p.resize(w.size());
    return action(2, p);
  };
  auto get = [&](std::uint8_t attribute) {
    Bytes rq = hex("C001C1 0012 00002C0000FF");
    rq.push_back(attribute);
    rq.push_back(0);
    return unprotect(send(protect(rq)));
  };
  const Bytes ok = hex("C701C10000");
  const Bytes other_reason = hex("C701C1FA00");
  // initiate: structure { octet-string "QUADRA-2.0.0", double-long-unsigned 1560 }.
  EXPECT_EQ(action(1, hex("0202 090C 515541445241 2D322E302E30 06 00000618")), ok);
  EXPECT_EQ(get(2), hex("C401C100 06 00000400"));  // image_block_size 1024
  Bytes corrupted = image;
  corrupted[1200] ^= 0x80;
  EXPECT_EQ(block(corrupted, 1), ok);  // the last block first
  EXPECT_EQ(get(3), hex("C401C100 04 02 40"));
  EXPECT_EQ(get(4), hex("C401C100 06 00000000"));
  EXPECT_EQ(block(image, 0), ok);
  EXPECT_EQ(action(3, hex("0F00")), other_reason);  // the payload's SHA-256 does not match
  EXPECT_EQ(get(6), hex("C401C100 16 04"));
  EXPECT_EQ(action(4, hex("0F00")), other_reason);  // nothing verified to activate

  // The meter restarts: a new directory and session over the same meter and image store.
  session_.reset();
  auto directory = std::make_unique<cosem::Directory>(meter_, directory_config(associations_, binding_, image_store_));
  ServerConfig c;
  c.security = &material_;
  session_ = std::make_unique<ServerSession>(*directory, meter_, guard_, c, big_);
  associate_fully();
  EXPECT_EQ(get(6), hex("C401C100 16 04"));
  EXPECT_EQ(get(3), hex("C401C100 04 02 C0"));
  EXPECT_EQ(block(image, 1), ok);  // the good block 1
  EXPECT_EQ(action(3, hex("0F00")), ok);
  EXPECT_EQ(get(6), hex("C401C100 16 03"));
  EXPECT_EQ(action(4, hex("0F00")), ok);
  EXPECT_EQ(get(6), hex("C401C100 16 06"));
  // 1.0.0.2.0.255 attribute 2: the package's identifier.
  EXPECT_EQ(unprotect(send(protect(hex("C001C1 0001 0100000200FF 02 00")))),
            hex("C401C100 0A0C 515541445241 2D322E302E30"));
  const recording::EventLog& log = meter_.events().log(recording::LogGroup::kStandard);
  ASSERT_GE(log.entries_in_use(), 2u);
  EXPECT_EQ(log.entry(log.entries_in_use() - 2).code, recording::event_code::kFirmwareReadyForActivation);
  EXPECT_EQ(log.entry(log.entries_in_use() - 1).code, recording::event_code::kFirmwareActivated);
  session_.reset();
}

// Ciphering inside GBT: the glo-get-response of the object list is cut into GBT blocks of at
// most 128 octets (reassembled, it deciphers to the whole GET-Response-Normal), and a
// glo-get-request sent in two GBT blocks is answered in GBT.
TEST_F(HlsSessionTest, CipheredApdusTravelWholeInGeneralBlocks) {
  client_conformance_ = 0x007E1F | dlms::conformance::kGeneralBlockTransfer;
  client_pdu_ = 128;
  associate_fully();
  const Bytes rq = hex("C001C1000F0000280000FF0200");
  const Bytes first = send(protect(rq));
  const Bytes glo = receive_gbt([&](const Bytes& a) { return send(a); }, first, 128);
  ASSERT_FALSE(glo.empty());
  EXPECT_EQ(glo[0], 0xCC);  // glo-get-response
  const Bytes plain = unprotect(glo);
  ASSERT_GT(plain.size(), 500u);
  EXPECT_EQ(Bytes(plain.begin(), plain.begin() + 4), hex("C401C100"));
  const Bytes ciphered = protect(hex("C001C100080000010000FF0200"));
  const std::size_t half = ciphered.size() / 2;
  auto block = [](bool last, std::uint16_t number, std::span<const std::uint8_t> data) {
    Bytes out(data.size() + 16);
    dlms::AxdrWriter w(out);
    dlms::GeneralBlockTransfer g;
    g.last_block = last;
    g.block_number = number;
    g.block_data = data;
    dlms::encode_general_block_transfer(w, g);
    out.resize(w.size());
    return out;
  };
  EXPECT_EQ(send(block(false, 1, std::span<const std::uint8_t>(ciphered).first(half))), hex("E0 81 00 01 00 01 00"));
  const Bytes answer = send(block(true, 2, std::span<const std::uint8_t>(ciphered).subspan(half)));
  const Bytes clock = receive_gbt([&](const Bytes& a) { return send(a); }, answer, 128, 2, 2);
  ASSERT_FALSE(clock.empty());
  const Bytes clock_plain = unprotect(clock);
  EXPECT_EQ(Bytes(clock_plain.begin(), clock_plain.begin() + 6), hex("C401C100090C"));
}

}  // namespace
}  // namespace quadra::association
