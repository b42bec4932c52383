#include "core/link/hdlc/hdlc_client.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/link/hdlc/hdlc_station.h"

// The client's frames are compared with those of the Gurux DLMS Python client
// (Gurux/Gurux.DLMS.Python, GXDLMSClient, InterfaceType.HDLC, client 16, server 1):
// snrmRequest() with default settings and with maxInfoTX/RX 256 and windowSizeTX/RX 7,
// aarqRequest() after a UA with default parameters, disconnectRequest().
// The round trips then drive the server station with the client: segmentation of a 2000-byte
// APDU each way, with window 1 and with window 7.

namespace quadra::hdlc {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& s) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
  }
  return out;
}

struct Sent {
  bool from_client;
  Frame f;
  Bytes info;
};

// A client and a server station wired back to back; every frame is recorded.
struct Link {
  Link(const ClientConfig& cc, const StationConfig& sc)
      : client_rx(4096), client_tx(4096), server_rx(4096), server_tx(4096),
        client(cc, client_rx, client_tx), station(sc, server_rx, server_tx) {}

  // Moves frames both ways until neither side has anything to say. `respond` is the server
  // application: it gets each request and returns the response.
  template <typename App>
  void pump(App respond, std::uint64_t now = 0) {
    for (int guard = 0; guard < 10'000; ++guard) {
      bool moved = false;
      for (auto o = client.next_output(now); !o.empty(); o = client.next_output(now)) {
        record(true, o);
        if (!lost(true)) station.feed(o, now);
        moved = true;
      }
      if (auto req = station.take_apdu()) {
        const Bytes response = respond(Bytes(req->apdu.begin(), req->apdu.end()));
        EXPECT_TRUE(station.send_apdu(req->client_sap, response).is_ok());
      }
      for (auto o = station.next_output(); !o.empty(); o = station.next_output()) {
        record(false, o);
        if (!lost(false)) client.feed(o, now);
        moved = true;
      }
      if (!moved) return;
    }
    ADD_FAILURE() << "the link never went quiet";
  }
  void pump() {
    pump([](const Bytes&) { return Bytes{}; });
  }

  void record(bool from_client, std::span<const std::uint8_t> wire) {
    Sent s;
    s.from_client = from_client;
    EXPECT_EQ(decode_frame(wire.subspan(1, wire.size() - 2), &s.f), FrameError::kNone);
    s.info.assign(s.f.info.begin(), s.f.info.end());
    s.f.info = {};
    transcript.push_back(s);
    raw.emplace_back(wire.begin(), wire.end());
  }

  // True when the frame just recorded is to be lost on the line.
  bool lost(bool from_client) {
    const std::size_t n = from_client ? ++client_frames : ++server_frames;
    const std::size_t drop = from_client ? drop_client_frame : drop_server_frame;
    return n == drop;
  }

  int count(bool from_client, FrameType t) const {
    int n = 0;
    for (const Sent& s : transcript) n += s.from_client == from_client && s.f.control.type == t;
    return n;
  }

  Bytes client_rx, client_tx, server_rx, server_tx;
  HdlcClient client;
  HdlcStation station;
  std::vector<Sent> transcript;
  std::vector<Bytes> raw;
  std::size_t client_frames = 0;
  std::size_t server_frames = 0;
  std::size_t drop_client_frame = 0;  // 1-based; 0: none lost
  std::size_t drop_server_frame = 0;
};

TEST(HdlcClient, FramesAsTheGuruxClientSendsThem) {
  Link link(ClientConfig{}, StationConfig{});
  link.client.connect();
  link.pump();
  ASSERT_EQ(link.client.state(), HdlcClient::State::kConnected);
  EXPECT_EQ(link.raw[0], hex("7EA0070321930F017E"));
  EXPECT_EQ(link.client.negotiated(), LinkParams{});
  const Bytes aarq = hex("601DA109060760857405080101BE10040E01000000065F1F0400401E5DFFFF");
  ASSERT_TRUE(link.client.send_apdu(aarq).is_ok());
  link.pump([](const Bytes&) { return hex("6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007"); });
  EXPECT_EQ(link.raw[2], hex("7EA02B032110FBAFE6E600601DA109060760857405080101BE10040E01000000065F1F0400401E5DFFFF91237E"));
  auto response = link.client.take_apdu();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->size(), 43U);
  link.client.disconnect();
  link.pump();
  EXPECT_EQ(link.raw[4], hex("7EA00703215303C77E"));
  EXPECT_EQ(link.client.state(), HdlcClient::State::kDisconnected);
  EXPECT_EQ(link.station.mode(), HdlcStation::Mode::kNdm);

  ClientConfig big;
  big.proposal = LinkParams{256, 256, 7, 7};
  HdlcClient c(big, link.client_rx, link.client_tx);
  c.connect();
  const auto snrm = c.next_output(0);
  EXPECT_EQ(Bytes(snrm.begin(), snrm.end()), hex("7EA0200321937DD9818014050201000602010007040000000708040000000792507E"));
}

Bytes pattern(std::size_t n, std::uint8_t seed) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i * 31 + seed) ^ (i >> 8));
  return b;
}

void round_trip(std::uint32_t window) {
  StationConfig sc;
  sc.max_params = LinkParams{128, 128, window, window};
  ClientConfig cc;
  cc.proposal = LinkParams{128, 128, window, window};
  Link link(cc, sc);
  link.client.connect();
  link.pump();
  ASSERT_EQ(link.client.state(), HdlcClient::State::kConnected);
  EXPECT_EQ(link.client.negotiated(), (LinkParams{128, 128, window, window}));
  const Bytes request = pattern(2000, 1);
  const Bytes response = pattern(2000, 2);
  Bytes seen;
  ASSERT_TRUE(link.client.send_apdu(request).is_ok());
  const std::size_t before = link.transcript.size();
  link.pump([&](const Bytes& r) {
    seen = r;
    return response;
  });
  EXPECT_EQ(seen, request);
  const auto got = link.client.take_apdu();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Bytes(got->begin(), got->end()), response);

  // 2003 bytes with the LLC header in fields of 128: 16 I-frames each way. Polls: one per window.
  const std::size_t segments = 16;
  const std::size_t windows = (segments + window - 1) / window;
  EXPECT_EQ(static_cast<std::size_t>(link.count(true, FrameType::kI)), segments);
  EXPECT_EQ(static_cast<std::size_t>(link.count(false, FrameType::kI)), segments);
  EXPECT_EQ(static_cast<std::size_t>(link.count(false, FrameType::kRR)), windows - 1);  // server polls the next window
  EXPECT_EQ(static_cast<std::size_t>(link.count(true, FrameType::kRR)), windows - 1);   // client polls the next window
  std::size_t client_i = 0;
  std::size_t server_i = 0;
  for (std::size_t k = before; k < link.transcript.size(); ++k) {
    const Sent& s = link.transcript[k];
    if (s.f.control.type != FrameType::kI) continue;
    std::size_t& i = s.from_client ? client_i : server_i;
    const bool last = i + 1 == segments;
    EXPECT_EQ(s.f.segmented, !last) << k;
    EXPECT_EQ(s.f.control.poll_final, last || (i + 1) % window == 0) << k;
    EXPECT_EQ(s.f.control.send_seq, i % 8) << k;
    EXPECT_LE(s.info.size(), 128U);
    if (i == 0) {
      EXPECT_EQ(s.info[1], s.from_client ? 0xE6 : 0xE7);
    }
    ++i;
  }
  // A second exchange on the same link continues the sequence numbers.
  ASSERT_TRUE(link.client.send_apdu(pattern(10, 3)).is_ok());
  link.pump([](const Bytes& r) { return r; });
  const auto echo = link.client.take_apdu();
  ASSERT_TRUE(echo.has_value());
  EXPECT_EQ(Bytes(echo->begin(), echo->end()), pattern(10, 3));
  EXPECT_EQ(link.station.stats().sequence_errors, 0U);
  EXPECT_EQ(link.station.stats().frames_rejected, 0U);
}

TEST(HdlcClient, SegmentationRoundTripWindow1) { round_trip(1); }
TEST(HdlcClient, SegmentationRoundTripWindow7) { round_trip(7); }

TEST(HdlcClient, LostFramesAreSentAgainFromTheReceiversCount) {
  // Window 7, 2000 bytes each way; one I-frame in the middle of a window is lost on the line in
  // each direction. The receiver drops what follows it (N(S) out of sequence), answers the poll
  // with RR carrying the N(S) it still expects, and the sender goes back to that frame.
  StationConfig sc;
  sc.max_params = LinkParams{128, 128, 7, 7};
  ClientConfig cc;
  cc.proposal = LinkParams{128, 128, 7, 7};
  Link link(cc, sc);
  link.client.connect();
  link.pump();
  ASSERT_EQ(link.client.state(), HdlcClient::State::kConnected);
  link.drop_client_frame = link.client_frames + 3;  // the client's third I-frame
  link.drop_server_frame = link.server_frames + 10;  // the server's tenth frame after this point
  const Bytes request = pattern(2000, 4);
  const Bytes response = pattern(2000, 5);
  Bytes seen;
  ASSERT_TRUE(link.client.send_apdu(request).is_ok());
  link.pump([&](const Bytes& r) {
    seen = r;
    return response;
  });
  EXPECT_EQ(seen, request);
  const auto got = link.client.take_apdu();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(Bytes(got->begin(), got->end()), response);
  EXPECT_GT(link.station.stats().sequence_errors, 0U);
  EXPECT_GT(link.count(true, FrameType::kI), 16);   // some sent twice
  EXPECT_GT(link.count(false, FrameType::kI), 16);
  EXPECT_EQ(link.station.stats().frames_rejected, 0U);
}

TEST(HdlcClient, ReceiveNotReadyHoldsTheServer) {
  StationConfig sc;
  sc.max_params = LinkParams{128, 128, 7, 7};
  ClientConfig cc;
  cc.proposal = LinkParams{128, 128, 7, 7};
  Link link(cc, sc);
  link.client.connect();
  link.pump();
  ASSERT_TRUE(link.client.send_apdu(pattern(5, 1)).is_ok());
  for (auto o = link.client.next_output(0); !o.empty(); o = link.client.next_output(0)) link.station.feed(o, 0);
  ASSERT_TRUE(link.station.take_apdu().has_value());
  ASSERT_TRUE(link.station.send_apdu(16, pattern(600, 2)).is_ok());
  // The response goes out on the request's poll: 603 bytes with the LLC header, 5 frames in one
  // window, F on the last.
  std::vector<Bytes> burst;
  for (auto o = link.station.next_output(); !o.empty(); o = link.station.next_output()) burst.emplace_back(o.begin(), o.end());
  ASSERT_EQ(burst.size(), 5U);
  // The client says RNR (busy, having taken frame 0) with a poll: the server answers RR only.
  Frame rnr;
  rnr.destination = server_address(1, 0, 1);
  rnr.source = client_address(16);
  rnr.control = Control{FrameType::kRNR, true, 0, 1};
  Bytes wire(16);
  std::size_t n = 0;
  ASSERT_TRUE(encode_frame(rnr, wire, &n).is_ok());
  link.station.feed(std::span<const std::uint8_t>(wire.data(), n), 0);
  auto o = link.station.next_output();
  Frame f;
  ASSERT_EQ(decode_frame(o.subspan(1, o.size() - 2), &f), FrameError::kNone);
  EXPECT_EQ(f.control.type, FrameType::kRR);  // nothing sent while the client is busy
  EXPECT_TRUE(link.station.next_output().empty());
  // RR with N(R) 1 (the RNR already acknowledged frame 0; the others were lost): frames 1..4 again.
  rnr.control = Control{FrameType::kRR, true, 0, 1};
  ASSERT_TRUE(encode_frame(rnr, wire, &n).is_ok());
  link.station.feed(std::span<const std::uint8_t>(wire.data(), n), 0);
  int frames = 0;
  for (auto p = link.station.next_output(); !p.empty(); p = link.station.next_output()) ++frames;
  EXPECT_EQ(frames, 4);
}

TEST(HdlcClient, RefusedAndSilentServers) {
  // A server that is connected to someone else answers DM.
  Link link(ClientConfig{}, StationConfig{});
  ClientConfig other;
  other.client_sap = 1;
  Bytes rx(64), tx(64);
  HdlcClient first(other, rx, tx);
  first.connect();
  const auto snrm = first.next_output(0);
  link.station.feed(snrm, 0);
  (void)link.station.next_output();
  link.client.connect();
  link.pump();
  EXPECT_EQ(link.client.state(), HdlcClient::State::kFailed);
  EXPECT_STREQ(link.client.error().reason(), "the server answered DM (disconnected mode)");
  EXPECT_EQ(link.client.failure(), HdlcClient::Failure::kDisconnectedMode);
  // Nobody answers: the response timeout.
  HdlcClient lonely(ClientConfig{}, rx, tx);
  lonely.connect();
  EXPECT_FALSE(lonely.next_output(1000).empty());
  EXPECT_TRUE(lonely.next_output(1000).empty());  // one poll outstanding at a time
  EXPECT_FALSE(lonely.poll(6000));
  EXPECT_TRUE(lonely.poll(6001));
  EXPECT_EQ(lonely.failure(), HdlcClient::Failure::kTimeout);
  EXPECT_EQ(lonely.state(), HdlcClient::State::kFailed);
  EXPECT_FALSE(lonely.send_apdu(hex("C0")).is_ok());
}

}  // namespace
}  // namespace quadra::hdlc
