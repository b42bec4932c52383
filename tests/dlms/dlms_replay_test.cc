// Interop in CI: the request APDUs that independent DLMS clients (Gurux.DLMS.Python, and
// pwitab/dlms-cosem, run by hand against `quadra run`: README "Interoperability") sent, replayed
// against the meter's server; every response must have the recorded shape: the same APDU type and
// service choice, the same result (data or which data-access-result), the same data type, and the
// same length wherever the data does not change with the meter's state (everything but profile
// buffers, and AARE/RLRE and refusals byte for byte).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/association/server_session.h"
#include "core/cosem/directory.h"
#include "core/dlms/get.h"
#include "host/cli/dlms_service.h"

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

// Whether the response's length depends on recorded rows (profile buffers and GET-next blocks) or
// on the objects the meter has (an association's object_list grows with every object added after
// the recording; its shape is still checked).
bool length_varies(const Bytes& request) {
  if (request.size() < 2 || request[0] != 0xC0) return false;
  if (request[1] == 2) return true;  // get-next: a block of something large
  dlms::GetRequest rq;
  if (!dlms::decode_get_request(request, &rq).is_ok()) return false;
  auto varies = [](const dlms::AttributeDescriptor& a) {
    return (a.class_id == 7 || a.class_id == 15) && a.attribute_id == 2;
  };
  if (rq.type == dlms::GetRequestType::kNormal) return varies(rq.attribute.attribute);
  for (std::size_t k = 0; k < rq.list.count; ++k) {
    if (varies(rq.list[k].attribute)) return true;
  }
  return false;
}

class DlmsReplay : public ::testing::TestWithParam<const char*> {};

TEST_P(DlmsReplay, EveryResponseHasTheRecordedShape) {
  meter::MeterSettings settings;
  settings.rtc.start_utc = 1767222000;  // 2026-01-01T00:00:00+01:00, as the recordings' meter
  settings.billing = meter::default_billing_settings();
  meter::Meter meter(settings);
  for (int k = 0; k < 30; ++k) meter.on_interval(load_interval(k, 1.0, 40000.0));
  double now = meter.meter_time_s();
  host::DlmsService service(meter, "QDR00000001", now);
  auto session = service.open("replay");
  const std::string name = GetParam();
  const std::vector<Exchange> exchanges = load(name);
  ASSERT_GT(exchanges.size(), 3u);
  std::size_t checked = 0;
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    const Exchange& e = exchanges[i];
    const std::uint16_t client = name.find("public") != std::string::npos ? 16 : 17;
    std::vector<std::uint8_t> response;
    session->on_apdu(client, 1, e.request, response);
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
                         ::testing::Values("dlms-cosem-public.txt", "dlms-cosem-lls.txt", "gurux-public.txt",
                                           "gurux-lls.txt"),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                           std::string n = p.param;
                           n = n.substr(0, n.find('.'));
                           for (char& c : n) c = c == '-' ? '_' : c;
                           return n;
                         });

}  // namespace
}  // namespace quadra
