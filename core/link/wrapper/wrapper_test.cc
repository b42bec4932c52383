#include "core/link/wrapper/wrapper.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

// Sources:
//  [dlms-cosem] pwitab/dlms-cosem (release 21.2.3rc3) tests/test_udp_message.py: a wrapper
//               frame with wPorts 1 -> 1 and a 70-byte general-glo-ciphering APDU (DB ...), as
//               a meter pushes it (written out in hex from the Python bytes literal).
//  [gurux]      the Gurux DLMS Python client (Gurux/Gurux.DLMS.Python, GXDLMSClient with
//               InterfaceType.WRAPPER, client 16, server 1): aarqRequest().
//  [jdlms]      jDLMS (OpenMUC, Fraunhofer ISE; mirror xdom/jdlms) src/test/java/org/openmuc/jdlms/
//               internal/sessionlayer/client/WrapperHeaderTest.java: an AARQ from wPort 16 to 17,
//               and the same bytes with versions 0x0002 and 0x1001, which it refuses.

namespace quadra::wrapper {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string& s) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
  }
  return out;
}

const Bytes kPush = hex(
    "0001000100010046DB082F192291991641033B30000001E5025CE9D2271FD78BE8C204211A916A9D7F587E0A7A814CADEA89E9593F01F9"
    "2EA8C087B5BDFDEFEAB6BECF282DFE49C08F5BE6DC8400");
const Bytes kAarq = hex("000100100001001F601DA109060760857405080101BE10040E01000000065F1F0400401E5DFFFF");

struct Got {
  std::uint16_t source;
  std::uint16_t destination;
  Bytes apdu;
};

// Feeds `stream` in chunks of `chunk` bytes, collecting the frames.
std::vector<Got> run(Reassembler& r, const Bytes& stream, std::size_t chunk, Status* status = nullptr) {
  std::vector<Got> got;
  for (std::size_t pos = 0; pos < stream.size(); pos += chunk) {
    std::span<const std::uint8_t> rest(stream.data() + pos, std::min(chunk, stream.size() - pos));
    while (!rest.empty()) {
      const auto res = r.feed(rest);
      if (!res.status.is_ok()) {
        if (status != nullptr) *status = res.status;
        return got;
      }
      rest = rest.subspan(res.consumed);
      if (auto f = r.take_frame()) got.push_back({f->source, f->destination, Bytes(f->apdu.begin(), f->apdu.end())});
    }
  }
  return got;
}

TEST(Wrapper, PushFrameOfDlmsCosem) {
  Bytes storage(1024);
  Reassembler r(storage);
  const auto got = run(r, kPush, kPush.size());
  ASSERT_EQ(got.size(), 1U);
  EXPECT_EQ(got[0].source, 1);
  EXPECT_EQ(got[0].destination, 1);
  EXPECT_EQ(got[0].apdu, Bytes(kPush.begin() + 8, kPush.end()));
  EXPECT_EQ(got[0].apdu.size(), 70U);
  Bytes out(200);
  std::size_t n = 0;
  ASSERT_TRUE(encode(1, 1, got[0].apdu, out, &n).is_ok());
  out.resize(n);
  EXPECT_EQ(out, kPush);
}

TEST(Wrapper, GuruxAarqAndTheSwappedResponse) {
  Bytes storage(1024);
  Reassembler r(storage);
  std::optional<WrapperFrame> f;
  std::span<const std::uint8_t> rest(kAarq);
  while (!rest.empty()) {
    const auto res = r.feed(rest);
    ASSERT_TRUE(res.status.is_ok());
    rest = rest.subspan(res.consumed);
  }
  f = r.take_frame();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->source, 16);  // public client
  EXPECT_EQ(f->destination, 1);  // management logical device
  EXPECT_EQ(f->apdu.size(), 31U);
  EXPECT_EQ(f->apdu[0], 0x60);
  const Bytes aare = hex("6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007");
  Bytes out(100);
  std::size_t n = 0;
  ASSERT_TRUE(encode_response(*f, aare, out, &n).is_ok());
  out.resize(n);
  Bytes expected = hex("000100010010002B");  // version 1, from wPort 1 to wPort 16, 43 bytes
  expected.insert(expected.end(), aare.begin(), aare.end());
  EXPECT_EQ(out, expected);
}

TEST(Wrapper, JdlmsHeaderAndRefusedVersions) {
  const std::string body = "001000110022602080020780a109060760857405080102be0f040d01000000065f0400181a200000";
  const Bytes frame = hex("0001" + body);
  Bytes storage(64);
  Reassembler r(storage);
  const auto got = run(r, frame, 5);
  ASSERT_EQ(got.size(), 1U);
  EXPECT_EQ(got[0].source, 16);
  EXPECT_EQ(got[0].destination, 17);
  EXPECT_EQ(got[0].apdu.size(), 0x22U);
  Bytes out(64);
  std::size_t n = 0;
  ASSERT_TRUE(encode(16, 17, got[0].apdu, out, &n).is_ok());
  out.resize(n);
  EXPECT_EQ(out, frame);
  for (const char* version : {"0002", "1001"}) {
    Reassembler fresh(storage);
    Status s;
    EXPECT_TRUE(run(fresh, hex(version + body), 64, &s).empty());
    EXPECT_EQ(s.code(), StatusCode::kNotSupported) << version;
  }
}

TEST(Wrapper, AnyChunkingGivesTheSameFrames) {
  Bytes stream = kAarq;
  stream.insert(stream.end(), kPush.begin(), kPush.end());
  stream.insert(stream.end(), {0x00, 0x01, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00});  // an empty APDU
  stream.insert(stream.end(), kAarq.begin(), kAarq.end());
  for (std::size_t chunk = 1; chunk <= stream.size(); ++chunk) {
    Bytes storage(128);
    Reassembler r(storage);
    const auto got = run(r, stream, chunk);
    ASSERT_EQ(got.size(), 4U) << chunk;
    EXPECT_EQ(got[0].apdu, Bytes(kAarq.begin() + 8, kAarq.end()));
    EXPECT_EQ(got[1].apdu, Bytes(kPush.begin() + 8, kPush.end()));
    EXPECT_TRUE(got[2].apdu.empty());
    EXPECT_EQ(got[3].source, 16);
    EXPECT_FALSE(r.in_frame());
  }
}

TEST(Wrapper, FrameWaitsToBeTaken) {
  Bytes storage(128);
  Reassembler r(storage);
  Bytes two = kAarq;
  two.insert(two.end(), kAarq.begin(), kAarq.end());
  auto res = r.feed(two);
  ASSERT_TRUE(res.status.is_ok());
  EXPECT_EQ(res.consumed, kAarq.size());
  res = r.feed(std::span<const std::uint8_t>(two).subspan(res.consumed));
  EXPECT_EQ(res.consumed, 0U);  // not before the first frame is taken
  ASSERT_TRUE(r.take_frame().has_value());
  EXPECT_FALSE(r.take_frame().has_value());
  res = r.feed(std::span<const std::uint8_t>(two).subspan(kAarq.size(), 5));
  EXPECT_EQ(res.consumed, 5U);
  EXPECT_TRUE(r.in_frame());
}

TEST(Wrapper, FatalHeaders) {
  Bytes storage(64);
  Reassembler r(storage);
  Status s;
  // Version 2.
  EXPECT_TRUE(run(r, hex("0002001000010001C0"), 3, &s).empty());
  EXPECT_EQ(s.code(), StatusCode::kNotSupported);
  EXPECT_STREQ(s.field(), "wrapper.version");
  // Stuck until reset.
  auto res = r.feed(kAarq);
  EXPECT_FALSE(res.status.is_ok());
  EXPECT_EQ(res.consumed, 0U);
  r.reset();
  EXPECT_EQ(run(r, kAarq, 7).size(), 1U);
  // An APDU longer than the 64 accepted: 70 bytes.
  s = Status::ok();
  EXPECT_TRUE(run(r, kPush, 5, &s).empty());
  EXPECT_EQ(s.code(), StatusCode::kCapacity);
  EXPECT_STREQ(s.field(), "wrapper.length");
}

TEST(Wrapper, EncoderRefusals) {
  Bytes big(70000);
  Bytes out(10);
  std::size_t n = 7;
  EXPECT_EQ(encode(1, 16, big, out, &n).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(n, 0U);
  EXPECT_EQ(encode(1, 16, Bytes(3), out, &n).code(), StatusCode::kCapacity);
  EXPECT_TRUE(encode(1, 16, Bytes(2), out, &n).is_ok());
  EXPECT_EQ(n, 10U);
}

}  // namespace
}  // namespace quadra::wrapper
