#include "core/link/hdlc/test_lines.h"
#include "core/link/hdlc/hdlc_station.h"

#include <gtest/gtest.h>

#include "core/link/hdlc/crc16.h"

#include <cstdint>
#include <string>
#include <vector>

// Sources of the client frames and of the expected server frames:
//  [dlms-cosem]  pwitab/dlms-cosem (release 21.2.3rc3) tests/test_hdlc/test_hdlc.py: a meter's UA
//                (TestUAFrame), the AARQ I-frame (TestInformationFrame) and the meter's AARE
//                I-frame (TestInformationResponseFrame), server logical 1 physical 17, client 16.
//  [gurux]       frames of the Gurux DLMS Python client (Gurux/Gurux.DLMS.Python, GXDLMSClient,
//                InterfaceType.HDLC, client 16, Authentication.NONE): snrmRequest(), aarqRequest(),
//                write() of a 300-byte octet string to 0.0.96.1.0.255 attribute 2 (three segments
//                with maximum information field 128), disconnectRequest().
//  [jdlms]       jDLMS (OpenMUC, Fraunhofer ISE; mirror xdom/jdlms) FcsCalcTest: a session in
//                tests/data/hdlc/jdlms_session.hex (see there).
// Frames a test builds itself (with encode_frame, pinned byte-exactly in hdlc_frame_test.cc)
// are protocol situations no published trace shows: wrong N(S), wrong N(R), damaged FCS, ...

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

Bytes frame(Address dest, Address src, Control c, const Bytes& info = {}, bool segmented = false) {
  Frame f;
  f.destination = dest;
  f.source = src;
  f.control = c;
  f.info = info;
  f.segmented = segmented;
  Bytes out(kMaxFrameBytes);
  std::size_t n = 0;
  EXPECT_TRUE(encode_frame(f, out, &n).is_ok());
  out.resize(n);
  return out;
}

Bytes with_llc(const Bytes& apdu) {
  Bytes out(kLlcRequest.begin(), kLlcRequest.end());
  out.insert(out.end(), apdu.begin(), apdu.end());
  return out;
}

struct Decoded {
  Frame f;
  Bytes info;
};

Decoded decode(std::span<const std::uint8_t> wire) {
  Decoded d;
  EXPECT_GE(wire.size(), 9U);
  if (wire.size() < 9) return d;
  EXPECT_EQ(wire.front(), kFlag);
  EXPECT_EQ(wire.back(), kFlag);
  EXPECT_EQ(decode_frame(wire.subspan(1, wire.size() - 2), &d.f), FrameError::kNone);
  d.info.assign(d.f.info.begin(), d.f.info.end());
  return d;
}

struct Server {
  explicit Server(const StationConfig& c, std::size_t rx_size = 4096, std::size_t tx_size = 4096)
      : rx(rx_size), tx(tx_size), station(c, rx, tx) {
    EXPECT_TRUE(validate(c).is_ok());
  }
  // Feeds the bytes, returns every frame the station then wants to send.
  std::vector<Bytes> exchange(const Bytes& in, std::uint64_t now = 0) {
    station.feed(in, now);
    return drain();
  }
  std::vector<Bytes> drain() {
    std::vector<Bytes> out;
    for (auto o = station.next_output(); !o.empty(); o = station.next_output()) out.emplace_back(o.begin(), o.end());
    return out;
  }
  Bytes rx, tx;
  HdlcStation station;
};

const Address kServer1 = server_address(1, 0, 1);
const Address kClient16 = client_address(16);

Control ctl(FrameType t, bool pf, int ns = 0, int nr = 0) {
  return Control{t, pf, static_cast<std::uint8_t>(ns), static_cast<std::uint8_t>(nr)};
}

// Connects client 16 to server 1 with the default parameters.
void connect(Server& s) {
  const auto out = s.exchange(hex("7EA0070321930F017E"));  // [gurux] SNRM
  ASSERT_EQ(out.size(), 1U);
  ASSERT_EQ(decode(out[0]).f.control.type, FrameType::kUA);
  ASSERT_EQ(s.station.mode(), HdlcStation::Mode::kNrm);
}

TEST(HdlcStation, MeterExchangeOfDlmsCosemByteForByte) {
  StationConfig c;
  c.logical_address = 1;
  c.physical_address = 17;
  c.max_params = LinkParams{154, 154, 1, 1};  // the meter of [dlms-cosem] offers 154 bytes, window 1
  Server s(c);
  // [gurux] SNRM to server (1, 17) proposing 256-byte fields (so that 154 is the smaller value).
  auto out = s.exchange(hex("7EA0150223219389AC818008050201000602010056967E"));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], hex("7EA01F21022373E6C781801205019A06019A070400000001080400000001CCA27E"));  // [dlms-cosem] UA
  EXPECT_EQ(s.station.negotiated(), (LinkParams{154, 154, 1, 1}));
  auto ev = s.station.take_event();
  ASSERT_TRUE(ev.has_value());
  EXPECT_EQ(ev->kind, LinkEvent::Kind::kConnected);
  EXPECT_EQ(ev->client_sap, 16);

  // [dlms-cosem] AARQ in an I-frame: the APDU arrives without its LLC header, from client 16.
  out = s.exchange(hex("7EA02C02232110AF9FE6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFFC5E47E"));
  EXPECT_TRUE(out.empty());  // the response is up to the DLMS layer
  auto req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(req->client_sap, 16);
  EXPECT_FALSE(req->unconfirmed);
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()),
            hex("601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFF"));
  EXPECT_FALSE(s.station.take_apdu().has_value());

  // The AARE goes back as [dlms-cosem]'s meter sent it: LLC E6 E7 00, N(S) 0, N(R) 1, F.
  const Bytes aare = hex("6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007");
  ASSERT_TRUE(s.station.send_apdu(16, aare).is_ok());
  out = s.drain();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], hex("7EA0382102233034E7E6E7006129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F04"
                        "00001E1D04C80007B86A7E"));

  // [gurux] disconnectRequest() to server (1, 17): UA, back to NDM.
  out = s.exchange(hex("7EA00802232153B1A27E"));
  ASSERT_EQ(out.size(), 1U);
  const Decoded ua = decode(out[0]);
  EXPECT_EQ(ua.f.control, ctl(FrameType::kUA, true));
  EXPECT_EQ(ua.f.destination, kClient16);
  EXPECT_EQ(ua.f.source, server_address(1, 17, 2));
  // The parameters of the link it closes, as the Gurux server sends them.
  EXPECT_EQ(ua.info, hex("81801205019A06019A070400000001080400000001"));
  EXPECT_EQ(s.station.mode(), HdlcStation::Mode::kNdm);
  ev = s.station.take_event();
  ASSERT_TRUE(ev.has_value());
  EXPECT_EQ(ev->kind, LinkEvent::Kind::kDisconnected);
  // Once disconnected, DISC gets DM.
  out = s.exchange(hex("7EA00802232153B1A27E"));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kDM, true));
}

std::vector<Bytes> jdlms_session() {
  std::vector<Bytes> frames;
  for (const std::string& line : test::data_lines("tests/data/hdlc/jdlms_session.hex")) frames.push_back(hex(line));
  EXPECT_EQ(frames.size(), 26U);
  return frames;
}

// The information field of a complete frame, without the LLC header.
Bytes apdu_of(const Bytes& wire) {
  const Decoded d = decode(wire);
  EXPECT_GE(d.info.size(), 3U);
  return Bytes(d.info.begin() + 3, d.info.end());
}

TEST(HdlcStation, JdlmsFourByteAddressSession) {
  StationConfig c;
  c.logical_address = 1;
  c.physical_address = 17;
  Server s(c);
  const auto frames = jdlms_session();
  ASSERT_EQ(frames.size(), 26U);
  auto out = s.exchange(frames[0]);  // SNRM, the DLMS UA web site's example
  ASSERT_EQ(out.size(), 1U);
  const Decoded ua = decode(out[0]);
  EXPECT_EQ(ua.f.control.type, FrameType::kUA);
  EXPECT_EQ(ua.f.source, server_address(1, 17, 4));
  // The meter in [jdlms] writes 128 in 2 bytes (05 02 0080); this server in 1 (05 01 80), as
  // [dlms-cosem]'s meter does: both decode to the same parameters.
  LinkParams theirs, ours;
  ASSERT_TRUE(decode_params(decode(frames[1]).info, &theirs).is_ok());
  ASSERT_TRUE(decode_params(ua.info, &ours).is_ok());
  EXPECT_EQ(ours, theirs);
  // AARQ in, AARE out: the server's I-frame is byte for byte the captured one.
  EXPECT_TRUE(s.exchange(frames[2]).empty());
  const auto req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), apdu_of(frames[2]));
  ASSERT_TRUE(s.station.send_apdu(16, apdu_of(frames[3])).is_ok());
  out = s.drain();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0], frames[3]);
}

TEST(HdlcStation, JdlmsGetSessionReplayedByteForByte) {
  StationConfig c;
  c.logical_address = 74;
  Server s(c);
  const auto frames = jdlms_session();
  ASSERT_EQ(frames.size(), 26U);
  const Address server = server_address(74, 0, 1);
  const Address client = client_address(58);
  ASSERT_EQ(s.exchange(frame(server, client, ctl(FrameType::kSNRM, true))).size(), 1U);
  // Two exchanges of our own bring V(S) and V(R) to 2, where the capture starts.
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(s.exchange(frame(server, client, ctl(FrameType::kI, true, i, i), with_llc(hex("C001")))).empty());
    ASSERT_TRUE(s.station.take_apdu().has_value());
    ASSERT_TRUE(s.station.send_apdu(58, hex("C40181000F00")).is_ok());
    ASSERT_EQ(s.drain().size(), 1U);
  }
  // Eleven GETs of the capture: N(S) and N(R) wrap from 7 to 0 on the way.
  for (std::size_t k = 4; k + 1 < frames.size(); k += 2) {
    EXPECT_TRUE(s.exchange(frames[k]).empty()) << k;
    const auto req = s.station.take_apdu();
    ASSERT_TRUE(req.has_value()) << k;
    EXPECT_EQ(req->client_sap, 58);
    EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), apdu_of(frames[k])) << k;
    ASSERT_TRUE(s.station.send_apdu(58, apdu_of(frames[k + 1])).is_ok()) << k;
    const auto out = s.drain();
    ASSERT_EQ(out.size(), 1U) << k;
    EXPECT_EQ(out[0], frames[k + 1]) << k;
  }
  EXPECT_EQ(s.station.stats().sequence_errors, 0U);
}

TEST(HdlcStation, GuruxSegmentedWriteIsReassembled) {
  Server s(StationConfig{});
  auto out = s.exchange(hex("7EA0070321930F017E"));  // [gurux] SNRM, no parameters
  ASSERT_EQ(out.size(), 1U);
  const Decoded ua = decode(out[0]);
  EXPECT_EQ(ua.f.destination, kClient16);
  EXPECT_EQ(ua.f.source, kServer1);
  // All four parameters, the defaults: 05 01 80 06 01 80 07 04 00000001 08 04 00000001.
  EXPECT_EQ(ua.info, hex("818012050180060180070400000001080400000001"));

  // [gurux] aarqRequest() after a UA with default parameters.
  out = s.exchange(hex("7EA02B032110FBAFE6E600601DA109060760857405080101BE10040E01000000065F1F0400401E5DFFFF91237E"));
  ASSERT_TRUE(out.empty());
  ASSERT_TRUE(s.station.take_apdu().has_value());
  ASSERT_TRUE(s.station.send_apdu(16, hex("6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007"))
                  .is_ok());
  out = s.drain();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kI, true, 0, 1));

  // [gurux] write(): three segments I(1,1) I(2,1) I(3,1), each with P; each non-final one is
  // acknowledged with RR N(R) = next expected.
  const char* segments[] = {
      "7EA88603213279DEE6E600C101C100010000600100FF02000982012C000102030405060708090A0B0C0D0E0F1011121314151617"
      "18191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C"
      "4D4E4F505152535455565758595A5B5C5D5E5F6061626364656667684F9F7E",
      "7EA889032134B609696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F808182838485868788898A8B8C8D8E8F90919293949596"
      "9798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4C5C6C7000102030405"
      "060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F200FC97E",
      "7EA04C0321360A252122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F"
      "505152535455565758595A5B5C5D5E5F60616263E8AD7E",
  };
  out = s.exchange(hex(segments[0]));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kRR, true, 0, 2));
  EXPECT_FALSE(s.station.take_apdu().has_value());
  out = s.exchange(hex(segments[1]));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kRR, true, 0, 3));
  out = s.exchange(hex(segments[2]));
  EXPECT_TRUE(out.empty());
  const auto req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  // C1 01 C1 (set-request-normal, invoke id) 0001 0000600100FF 02 00 (class 1, OBIS, attribute 2,
  // no selective access) 09 82 012C (octet string of 300 bytes) then 00..C7, 00..63.
  Bytes expected = hex("C101C100010000600100FF02000982012C");
  for (int i = 0; i < 200; ++i) expected.push_back(static_cast<std::uint8_t>(i));
  for (int i = 0; i < 100; ++i) expected.push_back(static_cast<std::uint8_t>(i));
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), expected);
  ASSERT_TRUE(s.station.send_apdu(16, hex("C501C100")).is_ok());
  out = s.drain();
  ASSERT_EQ(out.size(), 1U);
  const Decoded resp = decode(out[0]);
  EXPECT_EQ(resp.f.control, ctl(FrameType::kI, true, 1, 4));
  EXPECT_EQ(resp.info, hex("E6E700C501C100"));

  out = s.exchange(hex("7EA00703215303C77E"));  // [gurux] disconnectRequest()
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kUA, true));
}

TEST(HdlcStation, DamagedFrameIsDroppedSilently) {
  Server s(StationConfig{});
  connect(s);
  Bytes good = frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 0), with_llc(hex("C001C100080000010000FF0200")));
  Bytes bad = good;
  bad[12] ^= 0x01;  // one bit of the information field
  EXPECT_TRUE(s.exchange(bad).empty());
  EXPECT_FALSE(s.station.take_apdu().has_value());
  EXPECT_EQ(s.station.stats().fcs_errors, 1U);
  Bytes bad_fcs = good;
  bad_fcs[good.size() - 2] ^= 0x80;
  EXPECT_TRUE(s.exchange(bad_fcs).empty());
  EXPECT_EQ(s.station.stats().fcs_errors, 2U);
  // The link is as before: the intact frame (same N(S)) is taken.
  EXPECT_TRUE(s.exchange(good).empty());
  const auto req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), hex("C001C100080000010000FF0200"));
}

TEST(HdlcStation, FramesForOtherAddressesAreIgnored) {
  StationConfig c;
  c.logical_address = 1;
  c.physical_address = 17;
  EXPECT_TRUE(c.client_accepted(1));
  EXPECT_FALSE(c.client_accepted(0));
  EXPECT_FALSE(c.client_accepted(127));
  c.accepted_clients = {0, 0};
  c.set_client_accepted(16, true);  // only the public client
  c.set_client_accepted(100, true);
  c.set_client_accepted(100, false);
  EXPECT_TRUE(c.client_accepted(16));
  EXPECT_FALSE(c.client_accepted(100));
  Server s(c);
  const Control snrm = ctl(FrameType::kSNRM, true);
  EXPECT_TRUE(s.exchange(frame(server_address(2, 0, 1), kClient16, snrm)).empty());       // another logical device
  EXPECT_TRUE(s.exchange(frame(server_address(1, 18, 2), kClient16, snrm)).empty());      // another physical device
  EXPECT_TRUE(s.exchange(frame(server_address(1, 18, 4), kClient16, snrm)).empty());
  EXPECT_TRUE(s.exchange(frame(server_address(1, 17, 2), client_address(1), snrm)).empty());  // not accepted
  EXPECT_TRUE(s.exchange(frame(server_address(1, 17, 2), server_address(1, 16, 2), snrm)).empty());  // 2-byte source
  EXPECT_EQ(s.station.stats().ignored, 5U);
  EXPECT_EQ(s.station.mode(), HdlcStation::Mode::kNdm);
  // The 4-byte form of the same server, and the 1-byte form (upper address only), are answered
  // with the form they came in.
  auto out = s.exchange(frame(server_address(1, 17, 4), kClient16, snrm));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.source, server_address(1, 17, 4));
  out = s.exchange(frame(kServer1, kClient16, snrm));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.source, kServer1);
}

TEST(HdlcStation, SequenceErrorsAndFrameReject) {
  Server s(StationConfig{});
  connect(s);
  const Bytes apdu = with_llc(hex("C001C100080000010000FF0200"));
  // N(S) 1 where 0 is expected: dropped; the poll is answered with RR N(R) 0.
  auto out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 1, 0), apdu));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kRR, true, 0, 0));
  EXPECT_FALSE(s.station.take_apdu().has_value());
  EXPECT_EQ(s.station.stats().sequence_errors, 1U);
  // N(R) 3 acknowledges I-frames the server never sent: FRMR, reason Z.
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 3), apdu));
  ASSERT_EQ(out.size(), 1U);
  Decoded frmr = decode(out[0]);
  EXPECT_EQ(frmr.f.control, ctl(FrameType::kFRMR, true));
  // Rejected control 0x70, then V(S) 0, C/R 0, V(R) 0, then W X Y Z = 0001 (Z).
  EXPECT_EQ(frmr.info, hex("700008"));
  EXPECT_EQ(s.station.mode(), HdlcStation::Mode::kFrmr);
  // In the frame-reject condition every poll gets the FRMR again, until SNRM or DISC.
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 0)));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).info, hex("700008"));
  connect(s);
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 0), apdu));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(s.station.take_apdu().has_value());
}

TEST(HdlcStation, OtherFrameRejectReasons) {
  Server s(StationConfig{});
  connect(s);
  // An information field longer than the negotiated 128 bytes: Y.
  auto out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 0), Bytes(129, 0xE6)));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).info, hex("100004"));
  connect(s);
  // RR with an information field: W and X.
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 0), hex("00")));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).info, hex("110003"));
  connect(s);
  // A control field 62056-46 does not use (REJ, 0x19): W.
  Bytes rej = frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 0));
  rej[5] = 0x19;
  const std::uint16_t fcs = crc16_x25(std::span<const std::uint8_t>(rej).subspan(1, 5));
  rej[6] = static_cast<std::uint8_t>(fcs & 0xFF);
  rej[7] = static_cast<std::uint8_t>(fcs >> 8);
  out = s.exchange(rej);
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).info, hex("190001"));
  // A request longer than the receive buffer: Y.
  Server small(StationConfig{}, 16);
  connect(small);
  out = small.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 0), with_llc(Bytes(17, 0xC0))));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control.type, FrameType::kFRMR);
  EXPECT_EQ(small.station.stats().frames_rejected, 1U);
}

TEST(HdlcStation, DisconnectedModeAnswers) {
  Server s(StationConfig{});
  auto out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 0), with_llc(hex("C0"))));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kDM, true));
  EXPECT_FALSE(s.station.take_apdu().has_value());
  EXPECT_TRUE(s.exchange(frame(kServer1, kClient16, ctl(FrameType::kRR, false, 0, 0))).empty());  // no poll
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 0)));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control.type, FrameType::kDM);
  // A malformed SNRM parameter field: DM, no connection.
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kSNRM, true), hex("8280030501FF")));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control.type, FrameType::kDM);
  EXPECT_EQ(s.station.mode(), HdlcStation::Mode::kNdm);
}

TEST(HdlcStation, ReceiveNotReadyWhileARequestWaits) {
  Server s(StationConfig{});
  connect(s);
  EXPECT_TRUE(s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 0), with_llc(hex("C001")))).empty());
  // A second request before the first is answered: RNR N(R) 1, and the frame is not taken.
  auto out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 1, 0), with_llc(hex("C002"))));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kRNR, true, 0, 1));
  // A poll meanwhile: RNR too; the response then waits for the next poll.
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 0)));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kRNR, true, 0, 1));
  auto req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), hex("C001"));
  ASSERT_TRUE(s.station.send_apdu(16, hex("C401")).is_ok());
  EXPECT_TRUE(s.drain().empty());
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 0)));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kI, true, 0, 1));
  // The next request acknowledges the response (N(R) 1) and is taken.
  EXPECT_TRUE(s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 1, 1), with_llc(hex("C002")))).empty());
  req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), hex("C002"));
  // No response owed (say an unconfirmed service): the poll is answered with RR.
  s.station.finish_without_response();
  out = s.drain();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kRR, true, 0, 2));
}

TEST(HdlcStation, SecondClientIsToldDisconnectedMode) {
  Server s(StationConfig{});
  connect(s);
  while (s.station.take_event()) {
  }
  auto out = s.exchange(frame(kServer1, client_address(1), ctl(FrameType::kSNRM, true)));
  ASSERT_EQ(out.size(), 1U);
  const Decoded dm = decode(out[0]);
  EXPECT_EQ(dm.f.control.type, FrameType::kDM);
  EXPECT_EQ(dm.f.destination, client_address(1));
  EXPECT_EQ(s.station.connected_client(), 16);
  EXPECT_FALSE(s.station.take_event().has_value());
  // The connected client goes on as before.
  EXPECT_TRUE(s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 0), with_llc(hex("C001")))).empty());
  ASSERT_TRUE(s.station.take_apdu().has_value());
  ASSERT_EQ(s.station.send_apdu(1, hex("C401")).code(), StatusCode::kOutOfRange);
  ASSERT_TRUE(s.station.send_apdu(16, hex("C401")).is_ok());
  out = s.drain();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.destination, kClient16);
}

TEST(HdlcStation, InactivityTimeoutDropsTheLink) {
  StationConfig c;
  c.inactivity_timeout_s = 120;
  Server s(c);
  s.station.feed(hex("7EA0070321930F017E"), 1000);
  (void)s.drain();
  (void)s.station.take_event();
  EXPECT_FALSE(s.station.poll(60'000));
  s.station.feed(frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 0)), 60'000);
  (void)s.drain();
  EXPECT_FALSE(s.station.poll(179'999));
  EXPECT_TRUE(s.station.poll(180'000));
  EXPECT_EQ(s.station.mode(), HdlcStation::Mode::kNdm);
  const auto ev = s.station.take_event();
  ASSERT_TRUE(ev.has_value());
  EXPECT_EQ(ev->kind, LinkEvent::Kind::kDisconnected);
  EXPECT_EQ(ev->client_sap, 16);
  EXPECT_FALSE(s.station.poll(500'000));  // already down
}

TEST(HdlcStation, InterOctetTimeoutDropsAPartialFrame) {
  StationConfig c;
  c.inter_octet_timeout_ms = 25;
  Server s(c);
  const Bytes snrm = hex("7EA0070321930F017E");
  s.station.feed(std::span<const std::uint8_t>(snrm).first(4), 0);
  s.station.feed(std::span<const std::uint8_t>(snrm).subspan(4), 26);
  EXPECT_TRUE(s.drain().empty());
  EXPECT_EQ(s.station.stats().timeouts, 1U);
  s.station.feed(std::span<const std::uint8_t>(snrm).first(4), 100);
  s.station.feed(std::span<const std::uint8_t>(snrm).subspan(4), 125);
  EXPECT_EQ(s.drain().size(), 1U);
  EXPECT_EQ(s.station.mode(), HdlcStation::Mode::kNrm);
}

TEST(HdlcStation, BytesInAnyChunking) {
  // SNRM, then two requests' worth of frames in one chunk with shared flags, then byte by byte.
  Server s(StationConfig{});
  const Bytes snrm = hex("7EA0070321930F017E");
  for (const std::uint8_t b : snrm) s.station.feed(std::span<const std::uint8_t>(&b, 1), 0);
  ASSERT_EQ(s.drain().size(), 1U);
  const Bytes seg1 = frame(kServer1, kClient16, ctl(FrameType::kI, false, 0, 0), with_llc(hex("C001C1")), true);
  const Bytes seg2 = frame(kServer1, kClient16, ctl(FrameType::kI, true, 1, 0), hex("0002"));
  Bytes chunk = seg1;
  chunk.insert(chunk.end(), seg2.begin() + 1, seg2.end());  // shared flag
  chunk.push_back(kFlag);                                     // a fill flag
  EXPECT_TRUE(s.exchange(chunk).empty());  // no RR for the first segment: it carried no poll
  const auto req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), hex("C001C10002"));
}

TEST(HdlcStation, UnnumberedInformationIsAnUnconfirmedRequest) {
  Server s(StationConfig{});
  EXPECT_TRUE(s.exchange(frame(kServer1, kClient16, ctl(FrameType::kUI, false), with_llc(hex("C2")))).empty());
  const auto req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_TRUE(req->unconfirmed);
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), hex("C2"));
  EXPECT_FALSE(s.station.send_apdu(16, hex("C4")).is_ok());
  s.station.finish_without_response();
  EXPECT_TRUE(s.drain().empty());
}

TEST(HdlcStation, BroadcastUnconfirmedRequests) {
  // epri-dev/DLMS-COSEM test/DLMS-COSEM-TEST/UnitTest-HDLC-Packet.cpp, "example from Green Book":
  // a UI frame from client 0x66 to logical device 0x67 on every physical device (lower 0x7F).
  const Bytes green_book_ui = hex("7EA013CEFFCD1361D5E6E6001D64001400002C667E");
  StationConfig c;
  c.logical_address = 0x67;
  c.physical_address = 17;
  Server s(c);
  EXPECT_TRUE(s.exchange(green_book_ui).empty());
  auto req = s.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_TRUE(req->unconfirmed);
  EXPECT_EQ(req->client_sap, 0x66);
  EXPECT_EQ(Bytes(req->apdu.begin(), req->apdu.end()), hex("1D6400140000"));
  s.station.finish_without_response();
  // Another logical device does not take it; all-station in both parts (4-byte form) reaches all.
  StationConfig other;
  other.logical_address = 1;
  Server t(other);
  EXPECT_TRUE(t.exchange(green_book_ui).empty());
  EXPECT_FALSE(t.station.take_apdu().has_value());
  EXPECT_TRUE(t.exchange(frame(server_address(0x3FFF, 0x3FFF, 4), kClient16, ctl(FrameType::kUI, true),
                               with_llc(hex("C2")))).empty());
  req = t.station.take_apdu();
  ASSERT_TRUE(req.has_value());
  EXPECT_TRUE(req->unconfirmed);
  t.station.finish_without_response();
  // A broadcast SNRM is not answered.
  EXPECT_TRUE(t.exchange(frame(server_address(0x7F, 0, 1), kClient16, ctl(FrameType::kSNRM, true))).empty());
  EXPECT_EQ(t.station.mode(), HdlcStation::Mode::kNdm);
}

TEST(HdlcStation, GoBackNFromTheClientsReceiveCount) {
  StationConfig c;
  c.max_params = LinkParams{128, 128, 7, 7};
  Server s(c);
  // [gurux] SNRM with windows of 7 in both directions.
  auto out = s.exchange(hex("7EA018032193577081800C07040000000708040000000763617E"));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(s.station.negotiated(), (LinkParams{128, 128, 7, 7}));
  EXPECT_TRUE(s.exchange(frame(kServer1, kClient16, ctl(FrameType::kI, true, 0, 0), with_llc(hex("C001")))).empty());
  ASSERT_TRUE(s.station.take_apdu().has_value());
  Bytes response(600);
  for (std::size_t i = 0; i < response.size(); ++i) response[i] = static_cast<std::uint8_t>(i * 7);
  ASSERT_TRUE(s.station.send_apdu(16, response).is_ok());
  out = s.drain();  // 603 bytes with LLC: 5 segments, all within one window, F on the last
  ASSERT_EQ(out.size(), 5U);
  for (std::size_t i = 0; i < 5; ++i) {
    const Decoded d = decode(out[i]);
    EXPECT_EQ(d.f.control, ctl(FrameType::kI, i == 4, static_cast<int>(i), 1)) << i;
    EXPECT_EQ(d.f.segmented, i < 4) << i;
  }
  // The client lost frames 2..4: its RR N(R) 2 polls them again.
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 2)));
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kI, false, 2, 1));
  EXPECT_EQ(decode(out[2]).f.control, ctl(FrameType::kI, true, 4, 1));
  // All acknowledged: the next poll has nothing more than RR.
  out = s.exchange(frame(kServer1, kClient16, ctl(FrameType::kRR, true, 0, 5)));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(decode(out[0]).f.control, ctl(FrameType::kRR, true, 0, 1));
}

TEST(HdlcStation, ConfigurationRefusals) {
  StationConfig c;
  c.logical_address = 0;
  EXPECT_FALSE(validate(c).is_ok());
  c.logical_address = 0x3FFF;
  EXPECT_FALSE(validate(c).is_ok());
  c.logical_address = 0x7F;
  EXPECT_FALSE(validate(c).is_ok());
  c.logical_address = 1;
  c.physical_address = 0x3FFF;
  EXPECT_FALSE(validate(c).is_ok());
  c.physical_address = 17;
  c.max_params.window_tx = 8;
  EXPECT_STREQ(validate(c).field(), "hdlc.params");
}

}  // namespace
}  // namespace quadra::hdlc
