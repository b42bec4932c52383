#include "core/link/hdlc/hdlc_params.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

// Sources: [dlms-cosem] pwitab/dlms-cosem tests/test_hdlc/test_hdlc.py, TestUAFrame (a meter's
// UA); [gurux] the information field of GXDLMSClient.snrmRequest() of the Gurux DLMS Python client
// with hdlcSettings maxInfoTX = maxInfoRX = 256, windowSizeTX = windowSizeRX = 7 (full frame
// 7EA0200321937DD9818014050201000602010007040000000708040000000792507E), and with only the
// windows set to 7 (7EA018032193577081800C07040000000708040000000763617E).

namespace quadra::hdlc {
namespace {

std::vector<std::uint8_t> hex(const std::string& s) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::vector<std::uint8_t> encode(const LinkParams& p, bool omit_defaults) {
  std::vector<std::uint8_t> out(kMaxParamsBytes);
  std::size_t n = 0;
  EXPECT_TRUE(encode_params(p, omit_defaults, out, &n).is_ok());
  out.resize(n);
  return out;
}

TEST(HdlcParams, MeterUa) {
  const auto info = hex("81801205019A06019A070400000001080400000001");  // [dlms-cosem]
  LinkParams p;
  ASSERT_TRUE(decode_params(info, &p).is_ok());
  EXPECT_EQ(p, (LinkParams{154, 154, 1, 1}));
  EXPECT_EQ(encode(p, false), info);
}

TEST(HdlcParams, OtherMetersUas) {
  // jDLMS (OpenMUC; mirror xdom/jdlms) src/test/java/org/openmuc/jdlms/sessionlayer/hdlc/
  // HdlcFrameTest: the UAs of a Kamstrup meter (lengths in 2 bytes), a Landis+Gyr E650 (62-byte
  // receive field) and an Iskra meter; and FcsCalcTest's UA (128 in 2 bytes).
  LinkParams p;
  ASSERT_TRUE(decode_params(hex("8180140502007406020074070400000001080400000001"), &p).is_ok());
  EXPECT_EQ(p, (LinkParams{116, 116, 1, 1}));
  ASSERT_TRUE(decode_params(hex("81801205018006013E070400000001080400000001"), &p).is_ok());
  EXPECT_EQ(p, (LinkParams{128, 62, 1, 1}));
  ASSERT_TRUE(decode_params(hex("81801205017E06017E070400000001080400000001"), &p).is_ok());
  EXPECT_EQ(p, (LinkParams{126, 126, 1, 1}));
  ASSERT_TRUE(decode_params(hex("8180140502008006020080070400000001080400000001"), &p).is_ok());
  EXPECT_EQ(p, LinkParams{});
}

TEST(HdlcParams, GuruxSnrmProposals) {
  const auto both = hex("8180140502010006020100070400000007080400000007");  // [gurux] 256/256/7/7
  LinkParams p;
  ASSERT_TRUE(decode_params(both, &p).is_ok());
  EXPECT_EQ(p, (LinkParams{256, 256, 7, 7}));
  EXPECT_EQ(encode(p, true), both);
  const auto windows = hex("81800C070400000007080400000007");  // [gurux] windows only
  ASSERT_TRUE(decode_params(windows, &p).is_ok());
  EXPECT_EQ(p, (LinkParams{128, 128, 7, 7}));  // absent lengths: the default 128
  EXPECT_EQ(encode(p, true), windows);
}

TEST(HdlcParams, DefaultsWhenAbsent) {
  // IEC 62056-46: without an information field the defaults apply, 128 bytes and a
  // window of 1 in both directions.
  LinkParams p{1, 2, 3, 4};
  ASSERT_TRUE(decode_params({}, &p).is_ok());
  EXPECT_EQ(p, LinkParams{});
  EXPECT_EQ(p, (LinkParams{128, 128, 1, 1}));
  EXPECT_TRUE(encode(p, true).empty());  // nothing to say: the SNRM goes without information field
  // One parameter only; 3-byte and 1-byte windows are accepted (values are 1..4 bytes).
  ASSERT_TRUE(decode_params(hex("81800406020200"), &p).is_ok());
  EXPECT_EQ(p, (LinkParams{128, 512, 1, 1}));
  ASSERT_TRUE(decode_params(hex("8180080703000003080103"), &p).is_ok());
  EXPECT_EQ(p, (LinkParams{128, 128, 3, 3}));
  // An unknown parameter id inside the group is skipped.
  ASSERT_TRUE(decode_params(hex("818007090200000501FF"), &p).is_ok());
  EXPECT_EQ(p, (LinkParams{255, 128, 1, 1}));
}

TEST(HdlcParams, Refusals) {
  LinkParams p;
  for (const char* bad : {
           "8180",                  // too short
           "8280030501FF",          // format identifier
           "8181030501FF",          // group identifier
           "8180040501FF",          // group length too long
           "8180020501FF",          // group length too short
           "818003050100",          // a length of 0
           "81800705050000000080",  // a 5-byte value
           "81800105",              // parameter cut short
           "8180030502FF",          // value cut short (2 bytes announced)
       }) {
    const Status s = decode_params(hex(bad), &p);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_STREQ(s.field(), "hdlc.params");
  }
  std::vector<std::uint8_t> out(kMaxParamsBytes);
  std::size_t n = 0;
  EXPECT_FALSE(encode_params(LinkParams{0, 128, 1, 1}, false, out, &n).is_ok());
  EXPECT_FALSE(encode_params(LinkParams{70000, 128, 1, 1}, false, out, &n).is_ok());
  std::vector<std::uint8_t> small(10);
  EXPECT_EQ(encode_params(LinkParams{}, false, small, &n).code(), StatusCode::kCapacity);
  EXPECT_FALSE(validate(LinkParams{2031, 128, 1, 1}).is_ok());
  EXPECT_FALSE(validate(LinkParams{128, 128, 8, 1}).is_ok());
  EXPECT_TRUE(validate(LinkParams{2030, 32, 7, 1}).is_ok());
}

TEST(HdlcParams, NegotiationTakesTheSmallerOfProposalAndMaximum) {
  const LinkParams server_max{512, 256, 7, 1};
  // The client's view: it sends 1024-byte fields, receives 128, sends 3 frames a window, receives 7.
  const LinkParams client{1024, 128, 3, 7};
  const LinkParams r = negotiate(client, server_max);
  EXPECT_EQ(r.max_info_tx, 128U);  // what the client receives
  EXPECT_EQ(r.max_info_rx, 256U);  // the server's limit
  EXPECT_EQ(r.window_tx, 7U);
  EXPECT_EQ(r.window_rx, 1U);
  EXPECT_EQ(peer_view(r), (LinkParams{256, 128, 1, 7}));
  // No proposal: the defaults, bounded by the server.
  EXPECT_EQ(negotiate(LinkParams{}, server_max), (LinkParams{128, 128, 1, 1}));
}

}  // namespace
}  // namespace quadra::hdlc
