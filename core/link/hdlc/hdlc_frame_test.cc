#include "core/link/hdlc/test_lines.h"
#include "core/link/hdlc/hdlc_frame.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "core/link/hdlc/crc16.h"

// Sources of the frames below:
//  [dlms-cosem]  pwitab/dlms-cosem (release 21.2.3rc3), tests/test_hdlc/test_hdlc.py: frames
//                captured from meters (SNRM, UA with parameters, I-frames with LLC, a segmented
//                I-frame, a UI frame) and the address encodings it asserts.
//  [gurux]       frames produced by the Gurux DLMS Python client (Gurux/Gurux.DLMS.Python,
//                GXDLMSClient with InterfaceType.HDLC): snrmRequest(), receiverReady(),
//                disconnectRequest(), with the client and server addresses given in each test.
//  [jdlms]       jDLMS (OpenMUC, Fraunhofer ISE; mirror xdom/jdlms), src/test/java/org/openmuc/jdlms/
//                sessionlayer/hdlc/: FcsCalcTest (a whole session, tests/data/hdlc/jdlms_session.hex),
//                HdlcFrameTest (UA frames captured from Landis+Gyr E650, Kamstrup and Iskra meters),
//                HdlcAddressTest (address encodings).
//  [epri]        epri-dev/DLMS-COSEM test/DLMS-COSEM-TEST/UnitTest-HDLC-Packet.cpp: a UI frame it
//                calls the Green Book example, and the SNRM of the DLMS UA web site's example.

namespace quadra::hdlc {
namespace {

std::vector<std::uint8_t> hex(const std::string& s) {
  std::vector<std::uint8_t> out;
  std::string digits;
  for (const char c : s) {
    if (std::isxdigit(static_cast<unsigned char>(c)) != 0) digits += c;
  }
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::vector<std::uint8_t> hex_file(const std::string& relative) {
  std::string all;
  for (const std::string& line : test::data_lines(relative)) all += line;
  return hex(all);
}

// The bytes between the flags.
std::span<const std::uint8_t> inner(const std::vector<std::uint8_t>& wire) {
  return std::span<const std::uint8_t>(wire).subspan(1, wire.size() - 2);
}

std::vector<std::uint8_t> encode(const Frame& f) {
  std::vector<std::uint8_t> out(kMaxFrameBytes);
  std::size_t n = 0;
  EXPECT_TRUE(encode_frame(f, out, &n).is_ok());
  out.resize(n);
  return out;
}

TEST(HdlcControl, EncodingsOfIec62056_46) {
  struct Case {
    std::uint8_t byte;
    Control control;
  };
  const Case cases[] = {
      {0x93, {FrameType::kSNRM, true, 0, 0}},  // [dlms-cosem] SNRM
      {0x73, {FrameType::kUA, true, 0, 0}},    // [dlms-cosem] UA
      {0x53, {FrameType::kDISC, true, 0, 0}},  // [gurux] disconnectRequest
      {0x10, {FrameType::kI, true, 0, 0}},     // [dlms-cosem] first I-frame of a client
      {0x30, {FrameType::kI, true, 0, 1}},     // [dlms-cosem] TestInformationControlField: N(R) 1, N(S) 0, F
      {0x96, {FrameType::kI, true, 3, 4}},     // [dlms-cosem] the segmented I-frame below
      {0x31, {FrameType::kRR, true, 0, 1}},    // [gurux] receiverReady after one I-frame
      {0x51, {FrameType::kRR, true, 0, 2}},    // [gurux] receiverReady
      {0x13, {FrameType::kUI, true, 0, 0}},    // [dlms-cosem] UI
      {0x1F, {FrameType::kDM, true, 0, 0}},    // 62056-46 table: DM 000F1111
      {0x97, {FrameType::kFRMR, true, 0, 0}},  // FRMR 100F0111
      {0xB5, {FrameType::kRNR, true, 0, 5}},   // RNR RRRP0101
      {0x03, {FrameType::kUI, false, 0, 0}},
      {0xEE, {FrameType::kI, false, 7, 7}},
  };
  for (const Case& c : cases) {
    Control decoded;
    ASSERT_TRUE(decode_control(c.byte, &decoded)) << std::hex << int{c.byte};
    EXPECT_EQ(decoded, c.control) << std::hex << int{c.byte};
    EXPECT_EQ(encode_control(c.control), c.byte) << std::hex << int{c.byte};
  }
  Control unused;
  EXPECT_FALSE(decode_control(0x09, &unused));  // REJ: not in 62056-46
  EXPECT_FALSE(decode_control(0x3F, &unused));  // SABM
  EXPECT_FALSE(decode_control(0xAF, &unused));  // XID
}

TEST(HdlcAddress, EncodingsAssertedByDlmsCosem) {
  // [dlms-cosem] TestHdlcAddress.test_client_address_just_logical, plus a 4-byte server address
  // from [gurux] (GXDLMSClient.getServerAddress(1, 0x3FFF, 4)), inside the SNRM below.
  struct Case {
    Address address;
    std::vector<std::uint8_t> bytes;
  };
  const Case cases[] = {
      {client_address(1), {0x03}},
      {client_address(16), {0x21}},
      {server_address(0b1001010, 0, 1), {0x95}},
      {client_address(0b0100101), {0x4B}},
      {server_address(1, 17, 2), {0x02, 0x23}},
      {server_address(145, 1, 4), {0x02, 0x22, 0x00, 0x03}},  // [jdlms] HdlcAddressTest
      {client_address(100), {0xC9}},                           // [jdlms] HdlcAddressTest
  };
  for (const Case& c : cases) {
    Frame f;
    f.destination = c.address;
    f.source = client_address(16);
    f.control = {FrameType::kSNRM, true, 0, 0};
    const auto wire = encode(f);
    ASSERT_GT(wire.size(), 3 + c.bytes.size());
    EXPECT_EQ(std::vector<std::uint8_t>(wire.begin() + 3, wire.begin() + 3 + static_cast<long>(c.bytes.size())),
              c.bytes);
    Frame back;
    ASSERT_EQ(decode_frame(inner(wire), &back), FrameError::kNone);
    EXPECT_EQ(back.destination, c.address);
  }
}

TEST(HdlcFrame, SnrmWithoutParameters) {
  // [dlms-cosem] TestSnrmFrame: server logical 1 physical 17, public client 16. The Gurux client
  // (server address getServerAddress(1, 17), client 16) produces the very same bytes.
  const auto wire = hex("7ea00802232193bd647e");
  Frame f;
  ASSERT_EQ(decode_frame(inner(wire), &f), FrameError::kNone);
  EXPECT_EQ(f.destination, server_address(1, 17, 2));
  EXPECT_EQ(f.source, client_address(16));
  EXPECT_EQ(f.control, (Control{FrameType::kSNRM, true, 0, 0}));
  EXPECT_FALSE(f.segmented);
  EXPECT_TRUE(f.info.empty());
  EXPECT_EQ(encode(f), wire);
  EXPECT_EQ(encoded_size(f), wire.size());
}

TEST(HdlcFrame, GuruxFramesWithOneAndFourByteServerAddresses) {
  // [gurux] client 16, server 1: snrmRequest() with default parameters, disconnectRequest(),
  // receiverReady() after a segmented write (N(R) 2).
  for (const char* h : {"7EA0070321930F017E", "7EA00703215303C77E", "7EA00703215111E47E"}) {
    const auto wire = hex(h);
    Frame f;
    ASSERT_EQ(decode_frame(inner(wire), &f), FrameError::kNone) << h;
    EXPECT_EQ(f.destination, server_address(1, 0, 1));
    EXPECT_EQ(f.source, client_address(16));
    EXPECT_EQ(encode(f), wire) << h;
  }
  // [gurux] server address getServerAddress(1, 0x3FFF, 4): 00 02 FE FF.
  const auto wire = hex("7EA00A0002FEFF2193DD827E");
  Frame f;
  ASSERT_EQ(decode_frame(inner(wire), &f), FrameError::kNone);
  EXPECT_EQ(f.destination, server_address(1, 0x3FFF, 4));
  EXPECT_EQ(f.control.type, FrameType::kSNRM);
  EXPECT_EQ(encode(f), wire);
  // [gurux] receiverReady() with server (1, 17): RR N(R) 1, P.
  const auto rr = hex("7EA00802232131A5E27E");
  ASSERT_EQ(decode_frame(inner(rr), &f), FrameError::kNone);
  EXPECT_EQ(f.control, (Control{FrameType::kRR, true, 0, 1}));
  EXPECT_EQ(encode(f), rr);
}

TEST(HdlcFrame, UaWithParameters) {
  // [dlms-cosem] TestUAFrame: UA from server (1, 17) to client 16 with 05 01 9A 06 01 9A
  // 07 04 00000001 08 04 00000001.
  const auto wire = hex("7EA01F21022373E6C781801205019A06019A070400000001080400000001CCA27E");
  Frame f;
  ASSERT_EQ(decode_frame(inner(wire), &f), FrameError::kNone);
  EXPECT_EQ(f.destination, client_address(16));
  EXPECT_EQ(f.source, server_address(1, 17, 2));
  EXPECT_EQ(f.control.type, FrameType::kUA);
  EXPECT_EQ(std::vector<std::uint8_t>(f.info.begin(), f.info.end()),
            hex("81801205019A06019A070400000001080400000001"));
  EXPECT_EQ(encode(f), wire);
}

TEST(HdlcFrame, InformationFramesWithLlcHeader) {
  // [dlms-cosem] TestInformationFrame (AARQ, client to server, N(S) 0 N(R) 0 P) and
  // TestInformationResponseFrame (AARE, server to client, N(S) 0 N(R) 1 F).
  const auto request =
      hex("7EA02C02232110AF9FE6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFFC5E47E");
  const auto request_info = hex("E6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFF");
  Frame f;
  f.destination = server_address(1, 17, 2);
  f.source = client_address(16);
  f.control = {FrameType::kI, true, 0, 0};
  f.info = request_info;
  EXPECT_EQ(encode(f), request);

  const auto response = hex(
      "7EA0382102233034E7E6E7006129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007B86A7E");
  Frame r;
  ASSERT_EQ(decode_frame(inner(response), &r), FrameError::kNone);
  EXPECT_EQ(r.control, (Control{FrameType::kI, true, 0, 1}));
  EXPECT_EQ(r.info.size(), response.size() - 12);  // flags 2, format 2, addresses 1 + 2, control, HCS, FCS
  EXPECT_EQ(r.info[0], 0xE6);
  EXPECT_EQ(r.info[1], 0xE7);
  EXPECT_EQ(encode(r), response);
}

TEST(HdlcFrame, SegmentedInformationFrame) {
  // [dlms-cosem] TestHdlcAddress.test_find_address: format A8 7E (segmented, 126 bytes: the length
  // byte is itself 0x7E, which no byte stuffing protects), client 16 <- server 1, I N(S) 3 N(R) 4.
  const auto wire = hex(
      "7ea87e210396a4090f01160002020f02160002020f03160002020f04160002020f05160002020f0616000204120017110009060000160000"
      "ff0202010902030f0116010002030f0216010002030f0316010002030f0416010002030f0516010002030f0616010002030f0716010002030"
      "f0816010002030f09160100016ff37e");
  ASSERT_EQ(wire.size(), 128U);
  Frame f;
  ASSERT_EQ(decode_frame(inner(wire), &f), FrameError::kNone);
  EXPECT_TRUE(f.segmented);
  EXPECT_EQ(f.destination, client_address(16));
  EXPECT_EQ(f.source, server_address(1, 0, 1));
  EXPECT_EQ(f.control, (Control{FrameType::kI, true, 3, 4}));
  EXPECT_EQ(f.info.size(), 126U - 9U);
  EXPECT_EQ(encode(f), wire);
}

TEST(HdlcFrame, LongUiFrameWithTwoByteSourceAddress) {
  const auto wire = hex_file("tests/data/hdlc/dlms_cosem_ui_push.hex");
  ASSERT_EQ(wire.size(), 581U);
  Frame f;
  ASSERT_EQ(decode_frame(inner(wire), &f), FrameError::kNone);
  EXPECT_EQ(f.destination, (Address{0x20, 0, 1}));
  EXPECT_EQ(f.source, server_address(4, 0x41, 2));
  EXPECT_EQ(f.control, (Control{FrameType::kUI, true, 0, 0}));
  EXPECT_EQ(f.info.size(), 581U - 12U);
  EXPECT_EQ(encode(f), wire);
}

TEST(HdlcFrame, GreenBookAndDlmsUaExamples) {
  // [epri] "example from Green Book": UI frame to server (0x67, 0x7F) from 0x66 with
  // E6 E6 00 1D 64 00 14 00 00.
  const auto ui = hex("7EA013CEFFCD1361D5E6E6001D64001400002C667E");
  Frame f;
  ASSERT_EQ(decode_frame(inner(ui), &f), FrameError::kNone);
  EXPECT_EQ(f.destination, server_address(0x67, 0x7F, 2));
  EXPECT_EQ(f.source, client_address(0x66));
  EXPECT_EQ(f.control, (Control{FrameType::kUI, true, 0, 0}));
  EXPECT_EQ(std::vector<std::uint8_t>(f.info.begin(), f.info.end()), hex("E6E6001D6400140000"));
  EXPECT_EQ(encode(f), ui);
  // [epri] and [jdlms] "example from the DLMS website": SNRM to server (1, 17) in the 4-byte form
  // from client 16, without parameters.
  const auto snrm = hex("7EA00A00020023219318717E");
  ASSERT_EQ(decode_frame(inner(snrm), &f), FrameError::kNone);
  EXPECT_EQ(f.destination, server_address(1, 17, 4));
  EXPECT_EQ(f.source, client_address(16));
  EXPECT_EQ(f.control.type, FrameType::kSNRM);
  EXPECT_EQ(encode(f), snrm);
}

TEST(HdlcFrame, JdlmsSessionAndMeterFrames) {
  std::vector<std::vector<std::uint8_t>> frames;
  {
    for (const std::string& line : test::data_lines("tests/data/hdlc/jdlms_session.hex")) frames.push_back(hex(line));
  }
  ASSERT_EQ(frames.size(), 26U);
  for (const auto& wire : frames) {
    Frame f;
    ASSERT_EQ(decode_frame(inner(wire), &f), FrameError::kNone);
    EXPECT_EQ(encode(f), wire);
  }
  Frame f;
  ASSERT_EQ(decode_frame(inner(frames[1]), &f), FrameError::kNone);
  EXPECT_EQ(f.source, server_address(1, 17, 4));
  EXPECT_EQ(f.control.type, FrameType::kUA);
  ASSERT_EQ(decode_frame(inner(frames[4]), &f), FrameError::kNone);
  EXPECT_EQ(f.destination, server_address(74, 0, 1));
  EXPECT_EQ(f.source, client_address(58));
  EXPECT_EQ(f.control, (Control{FrameType::kI, true, 2, 2}));

  // [jdlms] HdlcFrameTest: UA frames of three meters, and an RR to physical address 5481.
  struct MeterUa {
    const char* hex;
    Address destination;
    Address source;
  };
  const MeterUa uas[] = {
      {"7EA01E610373B57C81801205018006013E07040000000108040000000107227E", client_address(48), server_address(1, 0, 1)},
      {"7EA021230201737A5B81801405020074060200740704000000010804000000016A0B7E", client_address(17),
       server_address(1, 0, 2)},
      {"7EA01FC9022373B49681801205017E06017E0704000000010804000000015F757E", client_address(100),
       server_address(1, 17, 2)},
  };
  for (const MeterUa& m : uas) {
    const auto wire = hex(m.hex);
    ASSERT_EQ(decode_frame(inner(wire), &f), FrameError::kNone) << m.hex;
    EXPECT_EQ(f.control.type, FrameType::kUA);
    EXPECT_EQ(f.destination, m.destination);
    EXPECT_EQ(f.source, m.source);
    EXPECT_EQ(encode(f), wire);
  }
  const auto rr = hex("7EA00A002254D361513F997E");
  ASSERT_EQ(decode_frame(inner(rr), &f), FrameError::kNone);
  EXPECT_EQ(f.destination.lower, 5481);
  EXPECT_EQ(f.control, (Control{FrameType::kRR, true, 0, 2}));
  // [jdlms] HdlcFrameTest.decode3: an AARE I-frame.
  const auto aare = hex("7EA0372103306C7CE6E7006128A109060760857405080102A203020100A305A103020100BE0F040D0800065F1F04"
                        "001802200960FA000AA87E");
  ASSERT_EQ(decode_frame(inner(aare), &f), FrameError::kNone);
  EXPECT_EQ(f.control, (Control{FrameType::kI, true, 0, 1}));
}

// A copy of `frame` (with flags) whose byte `i` is changed and whose checks are recomputed, so
// that only the structure is wrong.
std::vector<std::uint8_t> with_byte(std::vector<std::uint8_t> wire, std::size_t i, std::uint8_t v, bool fix_hcs) {
  wire[i] = v;
  const std::size_t n = wire.size();
  if (fix_hcs) {
    const std::uint16_t hcs = crc16_x25(std::span<const std::uint8_t>(wire).subspan(1, 6));
    wire[7] = static_cast<std::uint8_t>(hcs & 0xFF);
    wire[8] = static_cast<std::uint8_t>(hcs >> 8);
  }
  const std::uint16_t fcs = crc16_x25(std::span<const std::uint8_t>(wire).subspan(1, n - 4));
  wire[n - 3] = static_cast<std::uint8_t>(fcs & 0xFF);
  wire[n - 2] = static_cast<std::uint8_t>(fcs >> 8);
  return wire;
}

TEST(HdlcFrame, PreciseErrors) {
  const auto ua = hex("7EA01F21022373E6C781801205019A06019A070400000001080400000001CCA27E");
  Frame f;
  // Any damaged byte: FCS first.
  for (std::size_t i = 1; i + 1 < ua.size(); ++i) {
    auto bad = ua;
    bad[i] ^= 0x40;
    const FrameError e = decode_frame(inner(bad), &f);
    if (i <= 2) {
      EXPECT_TRUE(e == FrameError::kFcs || e == FrameError::kFormatType || e == FrameError::kLengthMismatch) << i;
    } else {
      EXPECT_EQ(e, FrameError::kFcs) << i;
    }
  }
  // A header damaged under a good FCS: HCS.
  auto bad_header = ua;
  bad_header[6] = 0x53;
  const std::uint16_t fcs = crc16_x25(std::span<const std::uint8_t>(bad_header).subspan(1, ua.size() - 4));
  bad_header[ua.size() - 3] = static_cast<std::uint8_t>(fcs & 0xFF);
  bad_header[ua.size() - 2] = static_cast<std::uint8_t>(fcs >> 8);
  EXPECT_EQ(decode_frame(inner(bad_header), &f), FrameError::kHcs);
  EXPECT_EQ(frame_error_status(FrameError::kHcs).code(), StatusCode::kCorruption);

  EXPECT_EQ(decode_frame(inner(with_byte(ua, 1, 0xB0, false)), &f), FrameError::kFormatType);
  EXPECT_EQ(decode_frame(inner(with_byte(ua, 2, 0x1E, false)), &f), FrameError::kLengthMismatch);
  // Source address 02 23 made 02 22 72 (E6 follows): no end bit within 4 bytes.
  EXPECT_EQ(decode_frame(inner(with_byte(with_byte(ua, 5, 0x22, false), 6, 0x72, false)), &f), FrameError::kAddress);
  // Source address 02 23 made 02 22 (73 follows, end bit set): 3 bytes long.
  EXPECT_EQ(decode_frame(inner(with_byte(ua, 5, 0x22, false)), &f), FrameError::kAddress);
  // REJ control field: kControl, addresses still reported.
  f = Frame{};
  EXPECT_EQ(decode_frame(inner(with_byte(ua, 6, 0x19, true)), &f), FrameError::kControl);
  EXPECT_EQ(f.source, server_address(1, 17, 2));
  EXPECT_EQ(f.control_byte, 0x19);

  const auto snrm = hex("7EA0070321930F017E");
  EXPECT_EQ(decode_frame(std::span<const std::uint8_t>(snrm).subspan(1, 5), &f), FrameError::kTooShort);
  // Three bytes after the control field: neither FCS alone nor HCS + information + FCS.
  std::vector<std::uint8_t> odd = {0x7E, 0xA0, 0x08, 0x03, 0x21, 0x93, 0x00, 0x00, 0x00, 0x7E};
  odd = with_byte(odd, 6, 0x00, false);
  EXPECT_EQ(decode_frame(inner(odd), &f), FrameError::kMalformed);
}

TEST(HdlcFrame, EncoderRefusals) {
  Frame f;
  f.destination = server_address(1, 0, 3);
  f.source = client_address(16);
  std::vector<std::uint8_t> out(kMaxFrameBytes);
  std::size_t n = 99;
  EXPECT_EQ(encode_frame(f, out, &n).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(n, 0U);
  f.destination = server_address(0x80, 0, 1);
  EXPECT_EQ(encode_frame(f, out, &n).code(), StatusCode::kInvalidArgument);
  f.destination = server_address(1, 0x80, 2);
  EXPECT_EQ(encode_frame(f, out, &n).code(), StatusCode::kInvalidArgument);
  f.destination = server_address(1, 0x3FFF, 4);
  std::vector<std::uint8_t> info(2047 - 12);  // format 2, addresses 4 + 1, control, HCS, FCS
  f.info = info;
  f.control.type = FrameType::kI;
  ASSERT_TRUE(encode_frame(f, out, &n).is_ok());
  EXPECT_EQ(n, kMaxFrameBytes);
  Frame back;
  EXPECT_EQ(decode_frame(std::span<const std::uint8_t>(out).subspan(1, n - 2), &back), FrameError::kNone);
  info.push_back(0);
  f.info = info;
  EXPECT_EQ(encode_frame(f, out, &n).code(), StatusCode::kInvalidArgument);
  f.info = {};
  std::vector<std::uint8_t> small(8);
  EXPECT_EQ(encode_frame(f, small, &n).code(), StatusCode::kCapacity);
}

}  // namespace
}  // namespace quadra::hdlc
