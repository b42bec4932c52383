// Interop in CI: the request APDUs that independent DLMS clients (Gurux.DLMS.Python, and
// pwitab/dlms-cosem, run by hand against `quadra run`: README "Interoperability") sent over the
// TCP wrapper, over HDLC on TCP and over HDLC on a serial port's pty, replayed
// against the meter's server; every response must have the recorded shape: the same APDU type and
// service choice, the same result (data or which data-access-result), the same data type, and the
// same length wherever the data does not change with the meter's state (everything but profile
// buffers, and AARE/RLRE and refusals byte for byte).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "core/association/server_session.h"
#include "core/cosem/directory.h"
#include "core/dlms/get.h"
#include "core/link/hdlc/hdlc_client.h"
#include "host/cli/dlms_service.h"
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

meter::IntervalValues load_interval(double start_s, double dt, double p_w) {
  meter::IntervalValues v;
  v.start_s = start_s;
  v.duration_s = dt;
  const double h = dt / 3600.0;
  for (std::size_t k = 0; k < 3; ++k) {
    v.u_rms_v[k] = 230.0;
    v.i_rms_a[k] = p_w / 690.0;
    v.p_w[k] = p_w / 3;
    v.q_var[k] = p_w / 9;
    v.s_va[k] = p_w / 3 * 1.05;
    v.energy[k] = metrology::split_into_quadrants(p_w / 3 * h, p_w / 9 * h, p_w / 3 * 1.05 * h);
  }
  v.energy[3] = metrology::split_into_quadrants(p_w * h, p_w / 3 * h, p_w * 1.05 * h);
  v.p_w_total = p_w;
  v.q_var_total = p_w / 3;
  v.s_va_total = p_w * 1.05;
  v.frequency_hz = 50.0;
  return v;
}

// Whether the response's length depends on recorded rows (profile buffers and GET-next blocks).
bool length_varies(const Bytes& request) {
  if (request.size() < 2 || request[0] != 0xC0) return false;
  if (request[1] == 2) return true;  // get-next: a block of something large
  dlms::GetRequest rq;
  if (!dlms::decode_get_request(request, &rq).is_ok()) return false;
  if (rq.type == dlms::GetRequestType::kNormal) return rq.attribute.attribute.class_id == 7 && rq.attribute.attribute.attribute_id == 2;
  for (std::size_t k = 0; k < rq.list.count; ++k) {
    if (rq.list[k].attribute.class_id == 7 && rq.list[k].attribute.attribute_id == 2) return true;
  }
  return false;
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

TEST_P(DlmsReplay, EveryResponseHasTheRecordedShape) {
  meter::MeterSettings settings;
  settings.rtc.start_utc = 1767222000;  // 2026-01-01T00:00:00+01:00, as the recordings' meter
  settings.billing = meter::default_billing_settings();
  meter::Meter meter(settings);
  for (int k = 0; k < 30; ++k) meter.on_interval(load_interval(k, 1.0, 40000.0));
  double now = meter.meter_time_s();
  const std::string name = std::get<0>(GetParam());
  // The HDLC recordings come from a meter with its ports' setup objects (they are in the object
  // list); the earlier wrapper recordings from one without.
  io::PortSettings ports;
  const bool with_ports = name.find("hdlc") != std::string::npos;
  host::DlmsService service(meter, "QDR00000001", now, 1, with_ports ? &ports : nullptr);
  auto session = service.open("replay");
  const std::vector<Exchange> exchanges = load(name);
  ASSERT_GT(exchanges.size(), 3u);
  const std::uint8_t client = name.find("public") != std::string::npos ? 16 : 17;
  std::unique_ptr<HdlcTransport> hdlc;
  if (std::get<1>(GetParam()) == Transport::kHdlc) hdlc = std::make_unique<HdlcTransport>(service, client);
  std::size_t checked = 0;
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    const Exchange& e = exchanges[i];
    std::vector<std::uint8_t> response;
    if (hdlc) response = hdlc->exchange(e.request);
    else session->on_apdu(client, 1, e.request, response);
    SCOPED_TRACE(name + " exchange " + std::to_string(i));
    ASSERT_FALSE(response.empty());
    ASSERT_FALSE(e.response_head.empty());
    EXPECT_EQ(response[0], e.response_head[0]) << "APDU type";
    const std::uint8_t type = response[0];
    if (type == 0x61 || type == 0x63) {
      EXPECT_EQ(response, e.response_head) << "AARE / RLRE byte for byte";
    } else if (type == 0xC4 || type == 0xC5 || type == 0xC7) {
      ASSERT_GE(response.size(), 4u);
      EXPECT_EQ(response[1], e.response_head[1]) << "service choice";
      if (type == 0xC4 && response[1] == 1) {
        EXPECT_EQ(response[3], e.response_head[3]) << "data or data-access-result";
        if (response[3] == 1) {
          EXPECT_EQ(response, e.response_head) << "the same refusal";
        } else {
          EXPECT_EQ(response[4], e.response_head[4]) << "data type";
        }
      }
      if (type == 0xC4 && response[1] == 3) {  // with-list: each result's choice and data type
        EXPECT_EQ(response[3], e.response_head[3]) << "list length";
      }
      if (type != 0xC4 || response[1] != 2) {
        if (!length_varies(e.request)) {
          EXPECT_EQ(response.size(), e.response_length) << "length of static data";
        }
      }
    } else {
      EXPECT_EQ(response, e.response_head);
    }
    ++checked;
  }
  std::printf("%s: %zu exchanges replayed\n", name.c_str(), checked);
  session->on_close();
}

INSTANTIATE_TEST_SUITE_P(Transcripts, DlmsReplay,
                         ::testing::Combine(::testing::Values("dlms-cosem-public.txt", "dlms-cosem-lls.txt",
                                                              "gurux-public.txt", "gurux-lls.txt",
                                                              "gurux-hdlc-public.txt", "gurux-hdlc-lls.txt",
                                                              "dlms-cosem-hdlc-public.txt", "dlms-cosem-hdlc-lls.txt"),
                                            ::testing::Values(Transport::kDirect, Transport::kHdlc)),
                         [](const ::testing::TestParamInfo<std::tuple<const char*, Transport>>& p) {
                           std::string n = std::get<0>(p.param);
                           n = n.substr(0, n.find('.'));
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n + (std::get<1>(p.param) == Transport::kHdlc ? "_over_hdlc" : "");
                         });

}  // namespace
}  // namespace quadra
