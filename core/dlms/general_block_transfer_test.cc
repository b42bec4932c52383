// The general-block-transfer APDU against the blocks of the Gurux DLMS Python client
// (Gurux/Gurux.DLMS.Python, GXDLMSClient.write with general-block-transfer negotiated and a
// maximum PDU of 32 octets, run by hand): a SET of a 46-character visible-string to
// 0.0.96.1.10.255 attribute 2 in three blocks. Gurux writes block-number-ack FFFF in its last
// block; the field is carried as it is.
#include "core/dlms/general_block_transfer.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/dlms/codec_status.h"
#include "core/dlms/test_hex.h"

namespace quadra::dlms {
namespace {

using testing::hex;
using testing::to_hex;

TEST(GeneralBlockTransfer, GuruxSetRequestInThreeBlocks) {
  const std::vector<std::uint8_t> blocks[3] = {
      hex("E0 01 00 01 00 00 19 C1 01 C1 00 01 00 00 60 01 0A FF 02 00 0A 2E 41 42 43 44 45 46 47 48 49 4A"),
      hex("E0 01 00 02 00 00 19 4B 4C 4D 4E 4F 50 51 52 53 54 55 56 57 58 59 5A 30 31 32 33 34 35 36 37 38"),
      hex("E0 81 00 03 FF FF 0B 39 61 62 63 64 65 66 67 68 69 6A")};
  std::vector<std::uint8_t> apdu;
  for (int k = 0; k < 3; ++k) {
    GeneralBlockTransfer g;
    ASSERT_TRUE(decode_general_block_transfer(blocks[k], &g).is_ok()) << k;
    EXPECT_EQ(g.last_block, k == 2);
    EXPECT_FALSE(g.streaming);
    EXPECT_EQ(g.window, 1);
    EXPECT_EQ(g.block_number, k + 1);
    EXPECT_EQ(g.block_number_ack, k == 2 ? 0xFFFF : 0);
    apdu.insert(apdu.end(), g.block_data.begin(), g.block_data.end());
    // The encoder gives the very same octets back.
    std::vector<std::uint8_t> out(64);
    AxdrWriter w(out);
    encode_general_block_transfer(w, g);
    out.resize(w.size());
    EXPECT_EQ(to_hex(out), to_hex(blocks[k]));
    EXPECT_EQ(out.size(), gbt_overhead(g.block_data.size()) + g.block_data.size());
  }
  // SET-Request-Normal of visible-string "ABC...Z0..9a..j" (46 characters).
  EXPECT_EQ(to_hex(std::span<const std::uint8_t>(apdu).first(16)), "C1 01 C1 00 01 00 00 60 01 0A FF 02 00 0A 2E 41");
  EXPECT_EQ(apdu.size(), 15u + 46u);
}

TEST(GeneralBlockTransfer, ControlBitsAndEmptyAcknowledgement) {
  GeneralBlockTransfer g;
  g.last_block = false;
  g.streaming = true;
  g.window = 63;
  g.block_number = 0x1234;
  g.block_number_ack = 0x0102;
  std::vector<std::uint8_t> out(16);
  AxdrWriter w(out);
  encode_general_block_transfer(w, g);
  out.resize(w.size());
  EXPECT_EQ(to_hex(out), "E0 7F 12 34 01 02 00");
  GeneralBlockTransfer back;
  ASSERT_TRUE(decode_general_block_transfer(out, &back).is_ok());
  EXPECT_FALSE(back.last_block);
  EXPECT_TRUE(back.streaming);
  EXPECT_EQ(back.window, 63);
  EXPECT_TRUE(back.block_data.empty());
}

TEST(GeneralBlockTransfer, MalformedApdusAreRefused) {
  GeneralBlockTransfer g;
  EXPECT_EQ(decode_general_block_transfer(hex("E1 81 00 01 00 00 00"), &g).reason(), std::string(kReasonUnknownTag));
  EXPECT_EQ(decode_general_block_transfer(hex("E0 81 00 01 00 00 03 C0 01"), &g).reason(), std::string(kReasonTruncated));
  EXPECT_EQ(decode_general_block_transfer(hex("E0 81 00 01 00 00 01 C0 01"), &g).reason(), std::string(kReasonTrailing));
  EXPECT_EQ(decode_general_block_transfer(hex("E0 81 00 01 00"), &g).reason(), std::string(kReasonTruncated));
}

}  // namespace
}  // namespace quadra::dlms
