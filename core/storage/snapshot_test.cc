#include "core/storage/snapshot.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace quadra::storage {
namespace {

std::vector<std::uint8_t> record_of(std::span<const std::uint8_t> payload, std::uint16_t format) {
  std::vector<std::uint8_t> buf(payload.size() + kSnapshotOverhead);
  std::span<std::uint8_t> area = snapshot_payload(buf);
  std::copy(payload.begin(), payload.end(), area.begin());
  std::size_t size = 0;
  seal_snapshot(buf, payload.size(), format, size);
  buf.resize(size);
  return buf;
}

TEST(Snapshot, RoundTripGivesThePayloadBack) {
  const std::array<std::uint8_t, 5> payload{1, 2, 3, 4, 5};
  const auto rec = record_of(payload, 7);
  ASSERT_EQ(rec.size(), payload.size() + 16);
  std::span<const std::uint8_t> out;
  ASSERT_TRUE(open_snapshot(rec, 7, out).is_ok());
  EXPECT_TRUE(std::equal(out.begin(), out.end(), payload.begin(), payload.end()));
}

TEST(Snapshot, EveryFlippedBitIsCaught) {
  const std::array<std::uint8_t, 40> payload{};
  const auto good = record_of(payload, 1);
  for (std::size_t byte = 0; byte < good.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      auto bad = good;
      bad[byte] ^= static_cast<std::uint8_t>(1u << bit);
      std::span<const std::uint8_t> out;
      const Status s = open_snapshot(bad, 1, out);
      ASSERT_FALSE(s.is_ok()) << "byte " << byte << " bit " << bit;
      ASSERT_EQ(s.code(), StatusCode::kCorruption) << "byte " << byte << " bit " << bit;
    }
  }
}

TEST(Snapshot, TruncationIsCorruption) {
  const std::array<std::uint8_t, 8> payload{9, 9, 9};
  const auto rec = record_of(payload, 1);
  for (std::size_t n = 0; n < rec.size(); ++n) {
    std::span<const std::uint8_t> out;
    const Status s = open_snapshot(std::span(rec).first(n), 1, out);
    EXPECT_EQ(s.code(), StatusCode::kCorruption) << n;
  }
}

TEST(Snapshot, AnotherFormatIsRefusedNotMisread) {
  const std::array<std::uint8_t, 3> payload{1, 2, 3};
  const auto rec = record_of(payload, 2);
  std::span<const std::uint8_t> out;
  const Status s = open_snapshot(rec, 3, out);
  EXPECT_EQ(s.code(), StatusCode::kNotSupported);
  EXPECT_STREQ(s.field(), "store.snapshot");
}

}  // namespace
}  // namespace quadra::storage
