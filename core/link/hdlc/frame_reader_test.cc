#include "core/link/hdlc/frame_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

// Frames: [gurux] SNRM and DISC of the Gurux DLMS Python client (client 16, server 1);
// [dlms-cosem] the segmented I-frame of pwitab/dlms-cosem tests/test_hdlc/test_hdlc.py
// (TestHdlcAddress.test_find_address), whose length byte is 0x7E.

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

const Bytes kSnrm = hex("7EA0070321930F017E");
const Bytes kDisc = hex("7EA00703215303C77E");
const Bytes kSegmented = hex(
    "7ea87e210396a4090f01160002020f02160002020f03160002020f04160002020f05160002020f0616000204120017110009060000160000"
    "ff0202010902030f0116010002030f0216010002030f0316010002030f0416010002030f0516010002030f0616010002030f0716010002030"
    "f0816010002030f09160100016ff37e");

struct Collected {
  std::vector<Bytes> frames;
  int discarded = 0;
};

Collected run(const Bytes& stream) {
  FrameReader reader;
  Collected c;
  for (const std::uint8_t b : stream) {
    switch (reader.push(b)) {
      case FrameReader::Event::kFrame: c.frames.emplace_back(reader.frame().begin(), reader.frame().end()); break;
      case FrameReader::Event::kDiscarded: ++c.discarded; break;
      case FrameReader::Event::kNone: break;
    }
  }
  return c;
}

Bytes inner(const Bytes& wire) { return Bytes(wire.begin() + 1, wire.end() - 1); }

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

TEST(FrameReader, SeparateSharedFlagAndFillFlags) {
  // Separate flags, then a shared flag (the closing flag of one opens the next), then fill flags.
  Bytes shared = kSnrm;
  shared.insert(shared.end(), kDisc.begin() + 1, kDisc.end());
  const Bytes stream = cat({kSnrm, shared, {0x7E, 0x7E, 0x7E}, kDisc});
  const Collected c = run(stream);
  ASSERT_EQ(c.frames.size(), 4U);
  EXPECT_EQ(c.frames[0], inner(kSnrm));
  EXPECT_EQ(c.frames[1], inner(kSnrm));
  EXPECT_EQ(c.frames[2], inner(kDisc));
  EXPECT_EQ(c.frames[3], inner(kDisc));
  EXPECT_EQ(c.discarded, 0);
}

TEST(FrameReader, FlagByteInsideAFrameIsData) {
  const Collected c = run(cat({kSegmented, kSnrm}));
  ASSERT_EQ(c.frames.size(), 2U);
  EXPECT_EQ(c.frames[0], inner(kSegmented));
  EXPECT_EQ(c.frames[1], inner(kSnrm));
}

TEST(FrameReader, GarbageAndBrokenFramesAreSkipped) {
  // Noise before the first flag; a frame cut short (its closing flag never comes: the line noise
  // after it is taken as its body until the length runs out, then the missing flag discards it);
  // a bad format type.
  Bytes cut(kSegmented.begin(), kSegmented.begin() + 40);
  const Bytes stream = cat({{0x00, 0x41, 0xA0}, kSnrm, cut, Bytes(200, 0x00), kDisc, {0x7E, 0x11, 0x22}, kDisc, kSnrm});
  const Collected c = run(stream);
  ASSERT_GE(c.frames.size(), 3U);
  EXPECT_EQ(c.frames.front(), inner(kSnrm));
  EXPECT_EQ(c.frames[c.frames.size() - 2], inner(kDisc));
  EXPECT_EQ(c.frames.back(), inner(kSnrm));
  EXPECT_GE(c.discarded, 2);
}

TEST(FrameReader, LengthBelowTheMinimumIsDiscarded) {
  const Collected c = run(cat({{0x7E, 0xA0, 0x03, 0x01, 0x02, 0x7E}, kSnrm}));
  ASSERT_EQ(c.frames.size(), 1U);
  EXPECT_EQ(c.frames[0], inner(kSnrm));
  EXPECT_EQ(c.discarded, 1);
}

TEST(FrameReader, AbandonDropsThePartialFrame) {
  FrameReader reader;
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(reader.push(kSnrm[i]), FrameReader::Event::kNone);
  EXPECT_TRUE(reader.in_frame());
  reader.abandon();
  EXPECT_FALSE(reader.in_frame());
  int frames = 0;
  for (std::size_t i = 5; i < kSnrm.size(); ++i) frames += reader.push(kSnrm[i]) == FrameReader::Event::kFrame;
  for (const std::uint8_t b : kDisc) frames += reader.push(b) == FrameReader::Event::kFrame;
  EXPECT_EQ(frames, 1);
  EXPECT_EQ(Bytes(reader.frame().begin(), reader.frame().end()), inner(kDisc));
}

}  // namespace
}  // namespace quadra::hdlc
