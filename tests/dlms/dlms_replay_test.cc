// Interop in CI: the request APDUs that independent DLMS clients (Gurux.DLMS.Python, and
// pwitab/dlms-cosem, run by hand against `quadra run`: README "Interoperability") sent over the
// TCP wrapper, over HDLC on TCP, over HDLC on a serial port's pty and on the optical port after
// the IEC 62056-21 mode E switch, replayed
// against the meter's server; every response must have the recorded shape: the same APDU type and
// service choice, the same result (of a GET: data or which data-access-result; of a SET or
// ACTION: the result code), the same data type, and the
// same length wherever the data does not change with the meter's state or its object model
// (everything but profile buffers and object lists), and AARE/RLRE and refusals byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "core/association/server_session.h"
#include "core/cosem/directory.h"
#include "core/dlms/acse.h"
#include "core/dlms/get.h"
#include "core/meter/interval_values_testing.h"
#include "core/security/ciphered_apdu.h"
#include "core/link/hdlc/hdlc_client.h"
#include "host/cli/dlms_service.h"
#include "host/cli/push_service.h"
#include "host/config/meter_config.h"
#include "host/ports/hdlc_link.h"

namespace quadra {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& h) {
  Bytes out;
  for (std::size_t k = 0; k + 1 < h.size(); k += 2) out.push_back(static_cast<std::uint8_t>(std::stoul(h.substr(k, 2), nullptr, 16)));
  return out;
}

struct Exchange {
  Bytes request;
  std::size_t response_length = 0;
  Bytes response_head;  // up to 64 octets
};

std::vector<Exchange> load(const std::string& name) {
  std::ifstream in(std::string(QUADRA_SOURCE_DIR) + "/tests/data/interop/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::vector<Exchange> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("> ", 0) == 0) {
      out.push_back({hex(line.substr(2)), 0, {}});
    } else if (line.rfind("< ", 0) == 0 && !out.empty()) {
      std::istringstream s(line.substr(2));
      std::string h;
      s >> out.back().response_length >> h;
      out.back().response_head = hex(h);
    }
  }
  return out;
}

// Whether the transcript was recorded against `quadra run`'s meter as it is today: the built-in
// configuration, with its ports' setup objects and push setups (a header line
// "# meter: built-in ..." says so; the mode E recordings were made so before that line existed).
bool on_built_in_meter(const std::string& name) {
  if (name.find("optical") != std::string::npos) return true;
  std::ifstream in(std::string(QUADRA_SOURCE_DIR) + "/tests/data/interop/" + name);
  std::string line;
  while (std::getline(in, line) && line.rfind("#", 0) == 0) {
    if (line.rfind("# meter: built-in", 0) == 0) return true;
  }
  return false;
}

meter::IntervalValues load_interval(double start_s, double dt, double p_w) {
  return meter::constant_power_interval(start_s, dt, p_w, p_w / 3, p_w * 1.05);
}

// Whether the response's length depends on recorded rows (profile buffers and GET-next blocks).
// Profile buffers grow with the recorded rows, and object lists (Association LN attribute 2)
// with every object the meter gains after the recording.
bool varies(std::uint16_t class_id, std::uint8_t attribute) {
  return (class_id == 7 || class_id == 15) && attribute == 2;
}

bool length_varies(const Bytes& request) {
  if (request.size() < 2 || request[0] != 0xC0) return false;
  if (request[1] == 2) return true;  // get-next: a block of something large
  dlms::GetRequest rq;
  if (!dlms::decode_get_request(request, &rq).is_ok()) return false;
  if (rq.type == dlms::GetRequestType::kNormal) return varies(rq.attribute.attribute.class_id, rq.attribute.attribute.attribute_id);
  for (std::size_t k = 0; k < rq.list.count; ++k) {
    if (varies(rq.list[k].attribute.class_id, rq.list[k].attribute.attribute_id)) return true;
  }
  return false;
}

// HLS-GMAC transcripts: the meter's challenges (StoC) are fresh each time, so the replay hands the
// meter the ones it sent in the recording (from the recorded AAREs), and starts its invocation
// counter where the recording's did: the client's recorded f(StoC) then verifies, and the meter
// answers as it did. Responses are compared deciphered, under the keys the meter had when it answered
// (a key_transfer in the transcript changes them).
struct RecordedChallenges {
  std::vector<Bytes> stoc;
  std::size_t next = 0;
  static void random(std::span<std::uint8_t> out, void* context) {
    auto* self = static_cast<RecordedChallenges*>(context);
    std::fill(out.begin(), out.end(), 0);
    if (self->next < self->stoc.size()) {
      const Bytes& c = self->stoc[self->next++];
      std::copy_n(c.begin(), std::min(c.size(), out.size()), out.begin());
    }
  }
};

// The plain APDU inside a ciphered one (as the meter's keys of that moment decipher it); a plain
// APDU as it is.
Bytes deciphered(const Bytes& apdu, const association::SecurityMaterial& keys_then, const security::SystemTitle& sender) {
  std::uint8_t plain_tag = 0;
  security::KeyKind kind;
  if (apdu.empty() || !(security::plain_tag_for(apdu[0], &plain_tag, &kind) || apdu[0] == 0xDB)) return apdu;
  security::ReceiveKeys keys;
  keys.global_unicast = &keys_then.encryption_key;
  keys.authentication = keys_then.authentication_key;
  Bytes plain(apdu.size());
  security::Unprotected u;
  EXPECT_TRUE(security::unprotect(apdu, keys, sender, nullptr, plain, &u).is_ok()) << "deciphers under the meter's keys";
  plain.resize(u.plain_size);
  return plain;
}

// The meter offers block-transfer-with-set and -with-action (conformance bits 12, 13) and
// general-block-transfer (bit 2) since after the older recordings were made: in an AARE whose
// recording lacks them, they are taken out of the negotiated conformance (5F 1F 04 00 xx yy zz:
// bit 2 in xx, 12 and 13 in yy) before the byte-for-byte comparison.
Bytes without_newer_conformance(Bytes aare, const Bytes& recorded) {
  const Bytes tag{0x5F, 0x1F, 0x04, 0x00};
  const auto at = std::search(aare.begin(), aare.end(), tag.begin(), tag.end());
  const auto was = std::search(recorded.begin(), recorded.end(), tag.begin(), tag.end());
  if (at == aare.end() || was == recorded.end() || aare.end() - at < 7 || recorded.end() - was < 7) return aare;
  const std::uint8_t newer_first = 0x20;     // bit 2 of the 24
  const std::uint8_t newer = 0x08 | 0x04;  // bits 12 and 13 of the 24
  at[4] = static_cast<std::uint8_t>(at[4] & ~(newer_first & ~was[4]));
  at[5] = static_cast<std::uint8_t>(at[5] & ~(newer & ~was[5]));
  return aare;
}

// An AARE as compared: with a ciphered user-information (a glo-initiate-response, HLS-GMAC) its
// InitiateResponse deciphered, so that the conformance above can be compared in it too.
Bytes comparable_aare(const Bytes& aare, const association::SecurityMaterial& keys_then) {
  dlms::Aare a;
  if (aare.empty() || aare[0] != 0x61 || !dlms::decode_aare(aare, &a).is_ok() || a.user_information.empty() ||
      a.user_information[0] != 0x28)
    return aare;
  const auto offset = static_cast<std::size_t>(a.user_information.data() - aare.data());
  Bytes out(aare.begin(), aare.begin() + static_cast<std::ptrdiff_t>(offset));
  const Bytes plain =
      deciphered(Bytes(a.user_information.begin(), a.user_information.end()), keys_then, keys_then.server_title);
  out.insert(out.end(), plain.begin(), plain.end());
  return out;
}

// The replay goes straight to a session, or through the meter's HDLC adaptor (host/ports/
// hdlc_link.h) driven by the project's HDLC client station, so that the HDLC path answers each
// recorded request as the session does.
enum class Transport { kDirect, kHdlc };

class HdlcTransport {
 public:
  HdlcTransport(host::ports::ApduSessionFactory& service, std::uint8_t client)
      : link_(service, setup_, "replay"), rx_(0x10000), tx_(0x2000), client_(config(client), rx_, tx_) {
    client_.connect();
    pump();
    EXPECT_EQ(client_.state(), hdlc::HdlcClient::State::kConnected);
  }
  ~HdlcTransport() {
    client_.disconnect();
    pump();
  }
  static hdlc::ClientConfig config(std::uint8_t client) {
    hdlc::ClientConfig c;
    c.client_sap = client;
    return c;
  }
  Bytes exchange(const Bytes& request) {
    EXPECT_TRUE(client_.send_apdu(request).is_ok());
    pump();
    const auto r = client_.take_apdu();
    return r ? Bytes(r->begin(), r->end()) : Bytes{};
  }

 private:
  void pump() {
    for (int guard = 0; guard < 100000; ++guard) {
      bool moved = false;
      for (auto o = client_.next_output(0); !o.empty(); o = client_.next_output(0)) {
        out_.clear();
        link_.feed(o, 0, out_);
        if (!out_.empty()) client_.feed(out_, 0);
        moved = true;
      }
      if (!moved) return;
    }
    ADD_FAILURE() << "the HDLC link never went quiet";
  }

  io::HdlcSetup setup_;
  host::ports::HdlcLink link_;
  Bytes rx_, tx_, out_;
  hdlc::HdlcClient client_;
};

class DlmsReplay : public ::testing::TestWithParam<std::tuple<const char*, Transport>> {};

// The settings `quadra run` gives its meter on the built-in scenario (CT 80, the default meter
// configuration): the later recordings read objects that show them (nameplate, thresholds).
meter::MeterSettings built_in_meter_settings(std::int64_t start_utc) {
  host::SourceFacts facts;
  facts.ct_ratio = 80.0;
  const host::MeterConfig config = host::default_meter_config();
  return host::finish_meter_settings(config, start_utc, host::finish_metrology_config(config, facts));
}

TEST_P(DlmsReplay, EveryResponseHasTheRecordedShape) {
  const std::string name = std::get<0>(GetParam());
  meter::MeterSettings settings;
  settings.rtc.start_utc = 1767222000;  // 2026-01-01T00:00:00+01:00, as the recordings' meter
  settings.billing = meter::default_billing_settings();
  const bool built_in = on_built_in_meter(name);
  if (built_in) settings = built_in_meter_settings(1767222000);
  meter::Meter meter(settings);
  for (int k = 0; k < 30; ++k) meter.on_interval(load_interval(k, 1.0, 40000.0));
  double now = meter.meter_time_s();
  const std::vector<Exchange> exchanges = load(name);
  ASSERT_GT(exchanges.size(), 3u);
  RecordedChallenges challenges;
  std::uint32_t first_counter = 1;
  security::SystemTitle client_title{};
  for (const Exchange& e : exchanges) {
    dlms::Aarq aarq;
    if (dlms::decode_aarq(e.request, &aarq).is_ok() && aarq.calling_ap_title.size() == 8)
      std::copy(aarq.calling_ap_title.begin(), aarq.calling_ap_title.end(), client_title.begin());
    dlms::Aare aare;
    if (e.response_head.empty() || e.response_head[0] != 0x61 || !dlms::decode_aare(e.response_head, &aare).is_ok()) continue;
    if (aare.has_authentication_value)
      challenges.stoc.emplace_back(aare.authentication_value.begin(), aare.authentication_value.end());
    security::CipheredApdu c;
    if (challenges.stoc.size() == 1 && security::parse_ciphered_apdu(aare.user_information, &c).is_ok())
      first_counter = c.invocation_counter;
  }
  // The HDLC recordings come from a meter with its ports' setup objects (they are in the object
  // list), as do those of today's meter; the earlier wrapper recordings from one without.
  io::PortSettings ports;
  const bool with_ports = built_in || name.find("hdlc") != std::string::npos;
  host::DlmsService service(meter, "QDR00000001", now, first_counter, with_ports ? &ports : nullptr);
  // The mode E recordings, and those of today's meter, come from a meter serving its push setups as well.
  std::unique_ptr<host::PushService> pushes;
  if (built_in)
    pushes = std::make_unique<host::PushService>(meter, service, host::MeterConfig::Push{}, 1, nullptr);
  service.security_material().random = &RecordedChallenges::random;
  service.security_material().random_context = &challenges;
  auto session = service.open("replay");
  const std::uint8_t client = name.find("public") != std::string::npos ? 16 : name.find("hls") != std::string::npos ? 1 : 17;
  std::unique_ptr<HdlcTransport> hdlc;
  if (std::get<1>(GetParam()) == Transport::kHdlc) hdlc = std::make_unique<HdlcTransport>(service, client);
  std::size_t checked = 0;
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    const Exchange& e = exchanges[i];
    const association::SecurityMaterial keys_then = service.security_material();
    std::vector<std::uint8_t> ciphered_response;
    if (hdlc) ciphered_response = hdlc->exchange(e.request);
    else session->on_apdu(client, 1, e.request, ciphered_response);
    SCOPED_TRACE(name + " exchange " + std::to_string(i));
    ASSERT_FALSE(ciphered_response.empty());
    ASSERT_FALSE(e.response_head.empty());
    const Bytes response = deciphered(ciphered_response, keys_then, keys_then.server_title);
    const Bytes request = deciphered(e.request, keys_then, client_title);
    Exchange recorded = e;
    if (response != ciphered_response) {  // a ciphered exchange: recorded in full, compared deciphered
      ASSERT_EQ(e.response_head.size(), e.response_length) << "a ciphered response is recorded in full";
      recorded.response_head = deciphered(e.response_head, keys_then, keys_then.server_title);
      recorded.response_length = recorded.response_head.size();
      recorded.response_head.resize(std::min<std::size_t>(recorded.response_head.size(), 64));
    }
    EXPECT_EQ(response[0], recorded.response_head[0]) << "APDU type";
    const std::uint8_t type = response[0];
    if (type == 0x61 || type == 0x63) {
      const Bytes then = comparable_aare(recorded.response_head, keys_then);
      EXPECT_EQ(without_newer_conformance(comparable_aare(response, keys_then), then), then)
          << "AARE / RLRE byte for byte";
    } else if (type == 0xC4 || type == 0xC5 || type == 0xC7) {
      ASSERT_GE(response.size(), 4u);
      EXPECT_EQ(response[1], recorded.response_head[1]) << "service choice";
      if (type == 0xC4 && response[1] == 1) {
        EXPECT_EQ(response[3], recorded.response_head[3]) << "data or data-access-result";
        if (response[3] == 1) {
          EXPECT_EQ(response, recorded.response_head) << "the same refusal";
        } else {
          EXPECT_EQ(response[4], recorded.response_head[4]) << "data type";
        }
      }
      if ((type == 0xC5 || type == 0xC7) && response[1] == 1) {  // SET / ACTION normal: the same result
        EXPECT_EQ(response[3], recorded.response_head[3]) << "result";
      }
      if (type == 0xC4 && response[1] == 3) {  // with-list: each result's choice and data type
        EXPECT_EQ(response[3], recorded.response_head[3]) << "list length";
      }
      if (type != 0xC4 || response[1] != 2) {
        if (!length_varies(request)) {
          EXPECT_EQ(response.size(), recorded.response_length) << "length of static data";
        }
      }
    } else {
      EXPECT_EQ(response, recorded.response_head);
    }
    ++checked;
  }
  std::printf("%s: %zu exchanges replayed\n", name.c_str(), checked);
  session->on_close();
}

INSTANTIATE_TEST_SUITE_P(Transcripts, DlmsReplay,
                         ::testing::Combine(::testing::Values("dlms-cosem-public.txt", "dlms-cosem-lls.txt",
                                                              "gurux-public.txt", "gurux-lls.txt", "gurux-hls-set-action.txt",
                                                              "gurux-hdlc-public.txt", "gurux-hdlc-lls.txt",
                                                              "dlms-cosem-hdlc-public.txt", "dlms-cosem-hdlc-lls.txt",
                                                              "gurux-hdlc-optical-public.txt", "gurux-hdlc-optical-lls.txt",
                                                              "gurux-public-user.txt", "dlms-cosem-hls.txt",
                                                              "gurux-hls-alarm-reset.txt"),
                                            ::testing::Values(Transport::kDirect, Transport::kHdlc)),
                         [](const ::testing::TestParamInfo<std::tuple<const char*, Transport>>& p) {
                           std::string n = std::get<0>(p.param);
                           n = n.substr(0, n.find('.'));
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n + (std::get<1>(p.param) == Transport::kHdlc ? "_over_hdlc" : "");
                         });

}  // namespace
}  // namespace quadra
