// The client's requests and its reading of answers, over an in-memory transport that records
// what is sent and answers from a script. The bytes are the Green Book examples as published in
// the pwitab/dlms-cosem test suite (file named at each test), the Green Book HLS-GMAC example
// (DLMS UA 1000-2 Ed. 7 Amd. 2 Table 18 / Ed. 8 Table 43) and its ciphered AARQ; forms without a
// published example are written by hand from the IEC 62056-5-3 / Blue Book ASN.1 and say so.
#include "host/client/dlms_client.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "core/dlms/acse.h"
#include "core/dlms/axdr_writer.h"
#include "core/dlms/test_hex.h"
#include "core/security/ciphered_apdu.h"

namespace quadra::client {
namespace {

using dlms::testing::hex;
using dlms::testing::to_hex;
using Bytes = std::vector<std::uint8_t>;

class ScriptedTransport : public Transport {
 public:
  std::deque<Bytes> answers;
  std::vector<Bytes> sent;
  void send(std::span<const std::uint8_t> apdu) override { sent.emplace_back(apdu.begin(), apdu.end()); }
  Bytes receive() override {
    if (answers.empty()) throw ClientError("script: no more answers");
    Bytes a = answers.front();
    answers.pop_front();
    return a;
  }
};

template <std::size_t N>
std::array<std::uint8_t, N> arr(const std::string& s) {
  const Bytes b = hex(s);
  std::array<std::uint8_t, N> a{};
  std::copy(b.begin(), b.end(), a.begin());
  return a;
}

// The Green Book examples propose conformance 00 7E 1F and a client PDU size of 1200.
ClientConfig green_book_config() {
  ClientConfig c;
  c.conformance = 0x007E1F;
  c.max_receive_pdu = 1200;
  return c;
}

// pwitab/dlms-cosem tests/test_asce/test_aare.py: accepted, no security, server PDU size 500.
const char* const kAareAccepted =
    "61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 00 A3 05 A1 03 02 01 00 BE 10 04 0E 08 00 06 5F 1F 04 00 "
    "00 50 1F 01 F4 00 07";

// pwitab/dlms-cosem tests/test_asce/test_aare.py: accepted with diagnostic authentication-required,
// mechanism HLS-GMAC, the server challenge "P6wRJ21F", no responding-AP-title.
const char* const kAareHls =
    "6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A8008503677524A323146BE10040E08"
    "00065F1F040000501F01F40007";

Bytes as_bytes(std::span<const std::uint8_t> s) { return Bytes(s.begin(), s.end()); }

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ClientError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(DlmsClient, AarqNoSecurityIsTheGreenBookExample) {
  // pwitab/dlms-cosem tests/test_asce/test_aarq.py (Green Book, LN referencing, no security).
  ScriptedTransport t;
  DlmsClient c(t, green_book_config());
  EXPECT_EQ(to_hex(c.build_aarq({})),
            to_hex(hex("60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0")));
}

TEST(DlmsClient, AarqLowLevelSecurityIsTheGreenBookExample) {
  // pwitab/dlms-cosem tests/test_asce/test_aarq.py: LLS with the password "12345678".
  ScriptedTransport t;
  ClientConfig cfg = green_book_config();
  cfg.authentication = Authentication::kLow;
  cfg.password = "12345678";
  DlmsClient c(t, cfg);
  EXPECT_EQ(to_hex(c.build_aarq({})),
            to_hex(hex("60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 01 AC 0A 80 08 31 "
                       "32 33 34 35 36 37 38 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0")));
}

TEST(DlmsClient, AarqCipheredContextIsTheGreenBookExample) {
  // pwitab/dlms-cosem tests/test_asce/test_aarq.py: LN with ciphering, calling-AP-title
  // 4D4D4D0000BC614E, LLS "12345678", glo-initiate-request with the dedicated key 00112233..FF
  // under the Green Book keys at invocation counter 01234567.
  ScriptedTransport t;
  ClientConfig cfg = green_book_config();
  cfg.authentication = Authentication::kLow;
  cfg.password = "12345678";
  cfg.keys = true;
  cfg.ciphering = true;
  cfg.system_title = arr<8>("4D4D4D0000BC614E");
  cfg.block_cipher_key = arr<16>("000102030405060708090A0B0C0D0E0F");
  cfg.authentication_key = arr<16>("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
  cfg.dedicated_key = hex("00112233445566778899AABBCCDDEEFF");
  cfg.invocation_counter = 0x01234567;
  DlmsClient c(t, cfg);
  EXPECT_EQ(to_hex(c.build_aarq({})),
            to_hex(hex("6066a109060760857405080103a60a04084D4D4D0000BC614E8a0207808b0760857405080201ac0a80083132333435"
                       "363738be34043221303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB2"
                       "04D39EE6FDB8E356855")));
  EXPECT_EQ(c.invocation_counter(), 0x01234568u);  // the counter was used once
}

TEST(DlmsClient, HlsGmacFourPassesAsTheGreenBook) {
  // Green Book HLS-GMAC example: client title 4D4D4D0000000001, server title 4D4D4D0000BC614E,
  // CtoS "K56iVagY", StoC "P6wRJ21F"; f(StoC) at IC 1 and f(CtoS) at the server's IC 01234567.
  // AARQ and AARE: pwitab/dlms-cosem tests/test_asce/test_aarq.py and test_aare.py (HLS).
  // The ACTION framing: pwitab/dlms-cosem tests/test_xdlms/test_action.py, with the invoke byte C1.
  ScriptedTransport t;
  ClientConfig cfg = green_book_config();
  cfg.authentication = Authentication::kHigh;
  cfg.keys = true;
  cfg.system_title = arr<8>("4D4D4D0000000001");
  cfg.server_system_title = arr<8>("4D4D4D0000BC614E");
  cfg.block_cipher_key = arr<16>("000102030405060708090A0B0C0D0E0F");
  cfg.authentication_key = arr<16>("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
  cfg.challenge = hex("4B35366956616759");
  cfg.invocation_counter = 1;
  t.answers.push_back(hex(kAareHls));
  t.answers.push_back(hex("C7 01 C1 00 01 00 09 11 10 01 23 45 67 FE 14 66 AF B3 DB CD 4F 93 89 E2 B7"));
  DlmsClient c(t, cfg);
  c.associate();
  ASSERT_EQ(t.sent.size(), 2u);
  EXPECT_EQ(to_hex(t.sent[0]),
            to_hex(hex("60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 05 AC 0A 80 08 4B "
                       "35 36 69 56 61 67 59 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0")));
  EXPECT_EQ(to_hex(t.sent[1]), to_hex(hex("C3 01 C1 00 0F 00 00 28 00 00 FF 01 01 09 11 10 00 00 00 01 1A 52 FE 7D D3 "
                                          "E7 27 48 97 3C 1E 28")));
  EXPECT_TRUE(c.associated());

  // A server whose f(CtoS) does not verify (one bit changed) is refused.
  ScriptedTransport bad;
  bad.answers.push_back(hex(kAareHls));
  bad.answers.push_back(hex("C7 01 C1 00 01 00 09 11 10 01 23 45 67 FE 14 66 AF B3 DB CD 4F 93 89 E2 B6"));
  DlmsClient d(bad, cfg);
  EXPECT_NE(message_of([&] { d.associate(); }).find("HLS authentication failed: the server's answer does not prove"),
            std::string::npos);
  EXPECT_FALSE(d.associated());

  // The server refusing f(StoC): ACTION-Response with action-result read-write-denied (3), by
  // hand from the ASN.1.
  ScriptedTransport refused;
  refused.answers.push_back(hex(kAareHls));
  refused.answers.push_back(hex("C7 01 C1 03 00"));
  DlmsClient e(refused, cfg);
  EXPECT_EQ(message_of([&] { e.associate(); }),
            "HLS authentication failed: ACTION 15/0.0.40.0.0.255/1: action-result read-write-denied (3)");
}


// HLS-GMAC in the LN-with-ciphering context, end to end over scripted answers: the server side
// is built here with core/security's protect() (itself pinned by the Green Book glo-get-request
// vectors) under the Green Book keys, server title 4D4D4D0000BC614E. The client starts at
// invocation counter 0 so that its f(StoC) is the Green Book's pass 3 at IC 1, and the server's
// f(CtoS) is the Green Book's pass 4 (IC 01234567).
Bytes protect_as(const security::SystemTitle& title, std::uint32_t ic, const Bytes& plain) {
  security::ProtectParams p;
  p.security_control = security::SecurityControl::from_byte(0x30);
  p.invocation_counter = ic;
  p.system_title = title;
  p.encryption_key = arr<16>("000102030405060708090A0B0C0D0E0F");
  p.authentication_key = arr<16>("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
  Bytes out(plain.size() + security::kMaxProtectOverhead);
  std::size_t n = 0;
  EXPECT_TRUE(security::protect(p, plain, out, &n).is_ok());
  out.resize(n);
  return out;
}

Bytes unprotect_from(const security::SystemTitle& title, const Bytes& apdu) {
  const security::Key128 ek = arr<16>("000102030405060708090A0B0C0D0E0F");
  security::ReceiveKeys keys;
  keys.global_unicast = &ek;
  keys.authentication = arr<16>("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
  Bytes plain(apdu.size());
  security::Unprotected info;
  EXPECT_TRUE(security::unprotect(apdu, keys, title, nullptr, plain, &info).is_ok());
  plain.resize(info.plain_size);
  return plain;
}

TEST(DlmsClient, HlsGmacWithCipheringEndToEnd) {
  const security::SystemTitle client_title = arr<8>("4D4D4D0000000001");
  const security::SystemTitle server_title = arr<8>("4D4D4D0000BC614E");
  ClientConfig cfg = green_book_config();
  cfg.authentication = Authentication::kHigh;
  cfg.keys = true;
  cfg.ciphering = true;
  cfg.system_title = client_title;
  cfg.block_cipher_key = arr<16>("000102030405060708090A0B0C0D0E0F");
  cfg.authentication_key = arr<16>("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
  cfg.challenge = hex("4B35366956616759");
  cfg.invocation_counter = 0;

  // The AARE: LN with ciphering, accepted, authentication-required, the server's title and
  // StoC, and a glo-initiate-response (InitiateResponse of the pwitab AARE above).
  const Bytes initiate_response = protect_as(server_title, 0x01234566, hex("08 00 06 5F 1F 04 00 00 50 1F 01 F4 00 07"));
  dlms::Aare aare;
  aare.application_context = dlms::ApplicationContext::kLogicalNameCiphered;
  aare.diagnostic = dlms::user_diagnostic::kAuthenticationRequired;
  aare.responding_ap_title = server_title;
  aare.authentication_functional_unit = true;
  aare.has_mechanism = true;
  aare.mechanism = dlms::Mechanism::kHighGmac;
  aare.has_authentication_value = true;
  const Bytes stoc = hex("503677524A323146");
  aare.authentication_value = stoc;
  aare.has_user_information = true;
  aare.user_information = initiate_response;
  Bytes aare_bytes(256);
  dlms::AxdrWriter w(aare_bytes);
  dlms::encode_aare(w, aare);
  ASSERT_TRUE(w.ok());
  aare_bytes.resize(w.size());

  const Bytes get_answer = protect_as(server_title, 0x01234569, hex("C4 01 C1 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00"));
  ScriptedTransport t;
  t.answers.push_back(aare_bytes);
  t.answers.push_back(protect_as(server_title, 0x01234568,
                                 hex("C7 01 C1 00 01 00 09 11 10 01 23 45 67 FE 14 66 AF B3 DB CD 4F 93 89 E2 B7")));
  t.answers.push_back(get_answer);
  t.answers.push_back(get_answer);                     // the same answer again: a replay
  t.answers.push_back(hex("C4 01 C1 00 06 00 00 13 91"));  // a plain answer
  t.answers.push_back(hex("D8 01 05"));                // a plain EXCEPTION-Response: deciphering-error

  DlmsClient c(t, cfg);
  c.associate();
  EXPECT_TRUE(c.associated());
  ASSERT_EQ(t.sent.size(), 2u);
  dlms::Aarq aarq;
  ASSERT_TRUE(dlms::decode_aarq(t.sent[0], &aarq).is_ok());
  EXPECT_EQ(aarq.application_context, dlms::ApplicationContext::kLogicalNameCiphered);
  EXPECT_EQ(to_hex(aarq.calling_ap_title), "4D 4D 4D 00 00 00 00 01");
  EXPECT_EQ(aarq.mechanism, dlms::Mechanism::kHighGmac);
  EXPECT_EQ(to_hex(aarq.authentication_value), to_hex(cfg.challenge));
  EXPECT_EQ(to_hex(unprotect_from(client_title, as_bytes(aarq.user_information))),
            "01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  // Pass 3: glo-action-request (CB) at IC 2 around the Green Book f(StoC) at IC 1.
  EXPECT_EQ(t.sent[1][0], 0xCB);
  EXPECT_EQ(to_hex(unprotect_from(client_title, t.sent[1])),
            to_hex(hex("C3 01 C1 00 0F 00 00 28 00 00 FF 01 01 09 11 10 00 00 00 01 1A 52 FE 7D D3 E7 27 48 97 3C 1E 28")));

  const Bytes clock = c.get({8, {0, 0, 1, 0, 0, 255}, 2});
  EXPECT_EQ(t.sent[2][0], 0xC8);  // glo-get-request
  EXPECT_EQ(to_hex(unprotect_from(client_title, t.sent[2])), "C0 01 C1 00 08 00 00 01 00 00 FF 02 00");
  EXPECT_EQ(to_hex(clock), "09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");
  EXPECT_EQ(c.invocation_counter(), 4u);

  EXPECT_NE(message_of([&] { (void)c.get({8, {0, 0, 1, 0, 0, 255}, 2}); }).find("invocation counter replayed"),
            std::string::npos);
  EXPECT_EQ(message_of([&] { (void)c.get({8, {0, 0, 1, 0, 0, 255}, 2}); }),
            "GET 8/0.0.1.0.0.255/2: a plain answer (tag C4) in a ciphered association is refused");
  EXPECT_EQ(message_of([&] { (void)c.get({8, {0, 0, 1, 0, 0, 255}, 2}); }),
            "GET 8/0.0.1.0.0.255/2: EXCEPTION-Response: state-error service-not-allowed (1), service-error "
            "deciphering-error (5)");
}

class Associated : public ::testing::Test {
 protected:
  void SetUp() override {
    t.answers.push_back(hex(kAareAccepted));
    client.associate();
    ASSERT_EQ(client.negotiated().server_max_receive_pdu_size, 500);
    t.sent.clear();
  }
  ScriptedTransport t;
  DlmsClient client{t, green_book_config()};
};

TEST_F(Associated, GetNormal) {
  // pwitab/dlms-cosem tests/test_xdlms/test_get.py: Data 0.0.43.1.0.255 attribute 2, and the
  // answer double-long-unsigned 5009.
  t.answers.push_back(hex("C4 01 C1 00 06 00 00 13 91"));
  const Bytes v = client.get({1, {0, 0, 43, 1, 0, 255}, 2});
  EXPECT_EQ(to_hex(t.sent.at(0)), "C0 01 C1 00 01 00 00 2B 01 00 FF 02 00");
  EXPECT_EQ(to_hex(v), "06 00 00 13 91");
}

TEST_F(Associated, GetRangeDescriptor) {
  // pwitab/dlms-cosem tests/test_xdlms/test_selective_access.py (test_range_descriptor1):
  // profile 1.0.99.1.0.255 by the clock column from/to, all columns.
  t.answers.push_back(hex("C4 01 C1 00 01 00"));
  Bytes storage;
  const auto access = range_access(arr<12>("07E20601FF000300FFFF8880"), arr<12>("07E50106FF000300FFFFC400"), &storage);
  const Bytes v = client.get({7, {1, 0, 99, 1, 0, 255}, 2}, access);
  EXPECT_EQ(to_hex(t.sent.at(0)),
            to_hex(hex("C0 01 C1 00 07 01 00 63 01 00 FF 02 01 01 02 04 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 "
                       "00 00 09 0C 07 E2 06 01 FF 00 03 00 FF FF 88 80 09 0C 07 E5 01 06 FF 00 03 00 FF FF C4 00 01 00")));
  EXPECT_EQ(to_hex(v), "01 00");
}

TEST_F(Associated, GetEntryDescriptor) {
  // By hand from the Blue Book (IC 7, buffer, access selector 2): entry_descriptor ::= structure
  // { from_entry double-long-unsigned, to_entry double-long-unsigned, from_selected_value
  // long-unsigned, to_selected_value long-unsigned }.
  t.answers.push_back(hex("C4 01 C1 00 01 00"));
  Bytes storage;
  (void)client.get({7, {1, 0, 99, 1, 0, 255}, 2}, entry_access(1, 10, 1, 0, &storage));
  EXPECT_EQ(to_hex(t.sent.at(0)), to_hex(hex("C0 01 C1 00 07 01 00 63 01 00 FF 02 01 02 02 04 06 00 00 00 01 06 00 00 00 "
                                             "0A 12 00 01 12 00 00")));
}

TEST_F(Associated, GetErrorsAreNamed) {
  // pwitab/dlms-cosem tests/test_xdlms/test_get.py: data-access-result 1.
  t.answers.push_back(hex("C4 01 C1 01 01"));
  EXPECT_EQ(message_of([&] { (void)client.get({1, {0, 0, 43, 1, 0, 255}, 2}); }),
            "GET 1/0.0.43.1.0.255/2: data-access-result hardware-fault (1)");
  // EXCEPTION-Response service-unknown / service-not-supported (core/dlms errors_test, by hand
  // from the ASN.1).
  t.answers.push_back(hex("D8 02 02"));
  EXPECT_EQ(message_of([&] { (void)client.get({1, {0, 0, 43, 1, 0, 255}, 2}); }),
            "GET 1/0.0.43.1.0.255/2: EXCEPTION-Response: state-error service-unknown (2), service-error "
            "service-not-supported (2)");
  // A data block with a data-access-result (pwitab/dlms-cosem test_get.py, last block 19 with
  // result 1): here as the first answer.
  t.answers.push_back(hex("C4 02 C1 01 00 00 00 01 01 01"));
  EXPECT_EQ(message_of([&] { (void)client.get({7, {1, 0, 99, 1, 0, 255}, 2}); }),
            "GET 7/1.0.99.1.0.255/2: data-access-result hardware-fault (1) in block 1");
  // Another invoke id.
  t.answers.push_back(hex("C4 01 C2 00 06 00 00 13 91"));
  EXPECT_EQ(message_of([&] { (void)client.get({1, {0, 0, 43, 1, 0, 255}, 2}); }),
            "GET 1/0.0.43.1.0.255/2: the answer has invoke id 2 (sent 1)");
  // A malformed answer.
  t.answers.push_back(hex("C4 01 C1 00 06 00 00"));
  EXPECT_NE(message_of([&] { (void)client.get({1, {0, 0, 43, 1, 0, 255}, 2}); }).find("malformed GET-Response"),
            std::string::npos);
}

TEST_F(Associated, GetBlockTransferSendsGetRequestNext) {
  // The first block is pwitab/dlms-cosem tests/test_xdlms/test_get.py's block 1 (1182 octets of
  // a profile); the answer to the client's GET-Request-Next (its bytes: test_get.py
  // "C0 02 C1 00 00 00 01") is a block out of order, which must be refused.
  const Bytes first = dlms::testing::load("pwitab_get_response_with_block_1.bin");
  ASSERT_FALSE(first.empty());
  t.answers.push_back(first);
  t.answers.push_back(hex("C4 02 C1 01 00 00 00 03 00 01 00"));
  EXPECT_EQ(message_of([&] { (void)client.get({7, {1, 0, 99, 1, 0, 255}, 2}); }),
            "GET 7/1.0.99.1.0.255/2: block 3 received, block 2 expected");
  ASSERT_EQ(t.sent.size(), 2u);
  EXPECT_EQ(to_hex(t.sent[1]), "C0 02 C1 00 00 00 01");
}

TEST_F(Associated, SetActionRelease) {
  // pwitab/dlms-cosem tests/test_xdlms/test_set.py: Clock time set to 2021-01-24 14:48:57.80
  // deviation -60; SET-Response success.
  t.answers.push_back(hex("C5 01 C1 00"));
  client.set({8, {0, 0, 1, 0, 0, 255}, 2}, hex("09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00"));
  EXPECT_EQ(to_hex(t.sent.at(0)), to_hex(hex("C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00")));
  // SET refused: SET-Response-Normal read-write-denied (by hand from the ASN.1).
  t.answers.push_back(hex("C5 01 C1 03"));
  EXPECT_EQ(message_of([&] { client.set({8, {0, 0, 1, 0, 0, 255}, 2}, hex("09 00")); }),
            "SET 8/0.0.1.0.0.255/2: data-access-result read-write-denied (3)");
  // pwitab/dlms-cosem tests/test_xdlms/test_action.py: success without data; success with
  // data-access-result other-reason (FA) as the return.
  t.answers.push_back(hex("C7 01 C1 00 00"));
  EXPECT_FALSE(client.action({15, {0, 0, 40, 0, 0, 255}, 1}, {}).has_value());
  EXPECT_EQ(to_hex(t.sent.back()), "C3 01 C1 00 0F 00 00 28 00 00 FF 01 00");
  t.answers.push_back(hex("C7 01 C1 00 01 01 FA"));
  EXPECT_EQ(message_of([&] { (void)client.action({15, {0, 0, 40, 0, 0, 255}, 1}, {}); }),
            "ACTION 15/0.0.40.0.0.255/1: data-access-result other-reason (250)");
  // pwitab/dlms-cosem tests/test_asce/test_rlrq.py and test_rlre.py.
  t.answers.push_back(hex("63 03 80 01 00"));
  client.release();
  EXPECT_EQ(to_hex(t.sent.back()), "62 03 80 01 00");
  EXPECT_FALSE(client.associated());
}

TEST(DlmsClient, RefusedAssociationsAreExplained) {
  // pwitab/dlms-cosem tests/test_asce/test_aare.py: application context not supported, and
  // DLMS version too low (a ConfirmedServiceError in the user-information).
  {
    ScriptedTransport t;
    t.answers.push_back(hex("61 29 A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 01 A3 05 A1 03 02 01 02 BE 10 04 0E 08 00 "
                            "06 5F 1F 04 00 00 50 1F 01 F4 00 07"));
    DlmsClient c(t, green_book_config());
    EXPECT_EQ(message_of([&] { c.associate(); }),
              "association refused: result rejected-permanent (1), acse-service-user diagnostic "
              "application-context-name-not-supported (2)");
  }
  {
    ScriptedTransport t;
    t.answers.push_back(hex("61 1F A1 09 06 07 60 85 74 05 08 01 01 A2 03 02 01 01 A3 05 A1 03 02 01 01 BE 06 04 04 0E 01 06 01"));
    DlmsClient c(t, green_book_config());
    EXPECT_EQ(message_of([&] { c.associate(); }),
              "association refused: result rejected-permanent (1), acse-service-user diagnostic no-reason-given (1); "
              "ConfirmedServiceError: service 1, error class initiate (6), code dlms-version-too-low (1)");
  }
  {
    ScriptedTransport t;
    t.answers.push_back(hex("60 1D A1 09"));  // not an AARE
    DlmsClient c(t, green_book_config());
    EXPECT_NE(message_of([&] { c.associate(); }).find("not a valid AARE"), std::string::npos);
  }
  {
    ScriptedTransport t;
    DlmsClient c(t, green_book_config());
    EXPECT_EQ(message_of([&] { (void)c.get({1, {0, 0, 43, 1, 0, 255}, 2}); }), "GET 1/0.0.43.1.0.255/2: not associated");
  }
}

TEST(DlmsClient, LocalDateTimes) {
  EXPECT_EQ(to_hex(parse_local_date_time("2026-03-01T14:30", "--from")), "07 EA 03 01 FF 0E 1E 00 00 80 00 FF");
  EXPECT_EQ(to_hex(parse_local_date_time("2024-02-29T23:59:59", "--to")), "07 E8 02 1D FF 17 3B 3B 00 80 00 FF");
  EXPECT_EQ(to_hex(parse_local_date_time("2026-01-02", "--to")), "07 EA 01 02 FF 00 00 00 00 80 00 FF");
  EXPECT_EQ(message_of([] { (void)parse_local_date_time("2025-02-29T00:00", "--from"); }),
            "--from: \"2025-02-29T00:00\" is not a local date and time YYYY-MM-DDTHH:MM[:SS]");
  EXPECT_NE(message_of([] { (void)parse_local_date_time("2026-01-01T24:00", "--to"); }), "(no error)");
  EXPECT_NE(message_of([] { (void)parse_local_date_time("2026-01-01T10:00:00x", "--to"); }), "(no error)");
}

}  // namespace
}  // namespace quadra::client
