// The HDLC adaptor against the meter's real DLMS server: the project's own client station
// (core/link/hdlc/hdlc_client.h) speaks HDLC to an HdlcLink whose sessions come from a
// DlmsService over a running Meter. The APDUs through the link must be exactly what the session
// answers directly; DISC, inactivity and a new SNRM must close the association context.
#include "host/ports/hdlc_link.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/link/hdlc/hdlc_client.h"
#include "host/cli/dlms_service.h"

namespace quadra::host::ports {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& s) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
  return out;
}

// The public client's AARQ as Gurux.DLMS.Python sends it (tests/data/interop/gurux-public.txt),
// and a GET of the clock's time.
const Bytes kAarqPublic = hex("601DA109060760857405080101BE10040E01000000065F1F0400401E5DFFFF");
const Bytes kGetAssociationObjects = hex("C001C1000F0000280000FF0200");
const Bytes kGetClockLn = hex("C001C100080000010000FF0100");

// Counts sessions opened and closed around the real service.
struct CountingFactory final : ApduSessionFactory {
  struct Session final : ApduSession {
    Session(std::unique_ptr<ApduSession> s, int& closed_count, Bytes& server_ports)
        : inner(std::move(s)), closed(closed_count), servers(server_ports) {}
    void on_apdu(std::uint16_t client, std::uint16_t server, std::span<const std::uint8_t> apdu, Bytes& response) override {
      servers.push_back(static_cast<std::uint8_t>(server));
      inner->on_apdu(client, server, apdu, response);
    }
    void on_close() override {
      ++closed;
      inner->on_close();
    }
    std::unique_ptr<ApduSession> inner;
    int& closed;
    Bytes& servers;
  };
  explicit CountingFactory(ApduSessionFactory& s) : service(s) {}
  std::unique_ptr<ApduSession> open(const std::string& peer) override {
    ++opened;
    peers.push_back(peer);
    return std::make_unique<Session>(service.open(peer), closed, servers);
  }
  ApduSessionFactory& service;
  int opened = 0;
  int closed = 0;
  std::vector<std::string> peers;
  Bytes servers;  // the server wPort of every request
};

struct Fixture : ::testing::Test {
  Fixture() : meter(settings()), service(meter, "QDR00000001", now_s), factory(service) {}
  static meter::MeterSettings settings() {
    meter::MeterSettings s;
    s.rtc.start_utc = 1767222000;
    return s;
  }

  // A client of `sap` on `link`; frames go both ways until both are quiet.
  struct Client {
    explicit Client(std::uint8_t sap, const hdlc::LinkParams& proposal = {})
        : rx(0x10000), tx(0x1000), station(config(sap, proposal), rx, tx) {}
    static hdlc::ClientConfig config(std::uint8_t sap, const hdlc::LinkParams& proposal) {
      hdlc::ClientConfig c;
      c.client_sap = sap;
      c.proposal = proposal;
      return c;
    }
    Bytes rx, tx;
    hdlc::HdlcClient station;
  };
  void pump(Client& c, HdlcLink& link) {
    for (int guard = 0; guard < 100000; ++guard) {
      bool moved = false;
      for (auto o = c.station.next_output(now_ms); !o.empty(); o = c.station.next_output(now_ms)) {
        ++frames_to_server;
        out.clear();
        link.feed(o, now_ms, out);
        if (!out.empty()) c.station.feed(out, now_ms);
        moved = true;
      }
      if (!moved) return;
    }
    ADD_FAILURE() << "the link never went quiet";
  }
  Bytes request(Client& c, HdlcLink& link, const Bytes& apdu) {
    EXPECT_TRUE(c.station.send_apdu(apdu).is_ok());
    pump(c, link);
    const auto r = c.station.take_apdu();
    if (!r) return {};
    return Bytes(r->begin(), r->end());
  }
  // What the meter's session answers to `apdus` directly, without HDLC.
  Bytes direct(std::uint16_t client, const std::vector<Bytes>& apdus) {
    auto s = service.open("direct");
    Bytes response;
    for (const Bytes& a : apdus) {
      response.clear();
      s->on_apdu(client, 1, a, response);
    }
    s->on_close();
    return response;
  }

  double now_s = 0;
  std::uint64_t now_ms = 1000;
  meter::Meter meter;
  DlmsService service;
  CountingFactory factory;
  io::HdlcSetup setup;
  Bytes out;
  int frames_to_server = 0;
};

TEST_F(Fixture, SnrmOpensASessionAndRequestsGetTheSessionsAnswers) {
  HdlcLink link(factory, setup, "serial 1");
  Client c(16);
  c.station.connect();
  pump(c, link);
  ASSERT_EQ(c.station.state(), hdlc::HdlcClient::State::kConnected);
  EXPECT_EQ(factory.opened, 1);
  EXPECT_EQ(factory.peers.at(0), "serial 1 client 16");
  EXPECT_TRUE(link.connected());

  EXPECT_EQ(request(c, link, kAarqPublic), direct(16, {kAarqPublic}));
  EXPECT_EQ(request(c, link, kGetClockLn), hex("C401C10009060000010000FF"));
  // The server wPort handed to the session is the HDLC server's logical address.
  EXPECT_EQ(factory.servers, Bytes({1, 1}));

  c.station.disconnect();
  pump(c, link);
  EXPECT_EQ(c.station.state(), hdlc::HdlcClient::State::kDisconnected);
  EXPECT_FALSE(link.connected());
  EXPECT_EQ(factory.closed, 1);
}

TEST_F(Fixture, ALongAnswerComesSegmentedAndWhole) {
  HdlcLink link(factory, setup, "serial 1");
  Client c(16);
  c.station.connect();
  pump(c, link);
  ASSERT_EQ(request(c, link, kAarqPublic)[0], 0x61);
  const Bytes expected = direct(16, {kAarqPublic, kGetAssociationObjects});
  ASSERT_GT(expected.size(), 3u * 128u);  // several information fields of 128 bytes
  const int before = frames_to_server;
  EXPECT_EQ(request(c, link, kGetAssociationObjects), expected);
  // One I-frame, then one RR per further segment (window 1).
  EXPECT_EQ(frames_to_server - before, static_cast<int>((expected.size() + 3 + 127) / 128));
}

TEST_F(Fixture, WindowAndLengthComeFromTheSetup) {
  setup.window_size_transmit = 7;
  setup.window_size_receive = 7;
  setup.max_info_field_length_transmit = 512;
  setup.max_info_field_length_receive = 256;
  HdlcLink link(factory, setup, "hdlc 127.0.0.1:1");
  Client c(16, hdlc::LinkParams{1024, 1024, 7, 7});
  c.station.connect();
  pump(c, link);
  // The client's own view: it receives up to 512 and sends up to 256, 7 frames a window.
  EXPECT_EQ(c.station.negotiated(), (hdlc::LinkParams{256, 512, 7, 7}));
  ASSERT_EQ(request(c, link, kAarqPublic)[0], 0x61);
  EXPECT_EQ(request(c, link, kGetAssociationObjects), direct(16, {kAarqPublic, kGetAssociationObjects}));
}

TEST_F(Fixture, InactivityClosesTheSessionAndTheNextSnrmOpensANewOne) {
  setup.inactivity_time_out_s = 120;
  HdlcLink link(factory, setup, "serial 2");
  Client c(16);
  c.station.connect();
  pump(c, link);
  ASSERT_EQ(request(c, link, kAarqPublic)[0], 0x61);
  out.clear();
  EXPECT_FALSE(link.poll(now_ms + 119'000, out));
  EXPECT_EQ(factory.closed, 0);
  EXPECT_TRUE(link.poll(now_ms + 121'000, out));
  EXPECT_TRUE(out.empty());  // the link drops silently
  EXPECT_EQ(factory.closed, 1);
  EXPECT_EQ(link.stats().inactivity_drops, 1u);

  // A new client connects: a new association context, which must associate again.
  now_ms += 122'000;
  Client d(16);
  d.station.connect();
  pump(d, link);
  EXPECT_EQ(factory.opened, 2);
  EXPECT_EQ(request(d, link, kGetClockLn)[0], 0xD8);  // exception-response: not associated
  EXPECT_EQ(request(d, link, kAarqPublic)[0], 0x61);
}

TEST_F(Fixture, ANewSnrmResetsTheAssociation) {
  HdlcLink link(factory, setup, "optical");
  Client c(16);
  c.station.connect();
  pump(c, link);
  ASSERT_EQ(request(c, link, kAarqPublic)[0], 0x61);
  c.station.connect();  // the same client again, as after a lost link
  pump(c, link);
  EXPECT_EQ(factory.opened, 2);
  EXPECT_EQ(factory.closed, 1);
  link.reset();  // the port closed
  EXPECT_EQ(factory.closed, 2);
  EXPECT_FALSE(link.connected());
}

TEST_F(Fixture, ChangedSettingsApplyAtTheNextConnection) {
  HdlcLink link(factory, setup, "serial 1");
  Client c(16, hdlc::LinkParams{1024, 1024, 1, 1});
  c.station.connect();
  pump(c, link);
  EXPECT_EQ(c.station.negotiated().max_info_rx, 128u);
  setup.max_info_field_length_transmit = 256;
  ++setup.generation;
  out.clear();
  link.poll(now_ms, out);  // connected: the link keeps its parameters
  EXPECT_EQ(link.station().negotiated().max_info_tx, 128u);
  c.station.disconnect();
  pump(c, link);
  Client d(16, hdlc::LinkParams{1024, 1024, 1, 1});
  d.station.connect();
  pump(d, link);
  EXPECT_EQ(d.station.negotiated().max_info_rx, 256u);
}

TEST_F(Fixture, SettingsOutOfRangeAreRefusedWithTheAttribute) {
  setup.window_size_receive = 8;
  try {
    HdlcLink link(factory, setup, "serial 1");
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("hdlc_setup.window_size_receive"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace quadra::host::ports
