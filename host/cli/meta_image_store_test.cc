// The firmware image area in the store's meta table: octets across page boundaries read back as
// written, pages never written read as erased flash (0xFF), erase forgets them, the record round-
// trips, a store that throws becomes a Status, and an Image transfer over a new MetaImageStore on
// the same meta table (a restart) resumes where it was.
#include "host/cli/meta_image_store.h"

#include <gtest/gtest.h>

#include <array>
#include <stdexcept>
#include <vector>

#include "core/cosem/image_transfer_object.h"
#include "core/meter/meter.h"
#include "host/cli/meta_store_testing.h"

namespace quadra::host {
namespace {

TEST(MetaImageStore, OctetsAcrossPagesReadBackAndUnwrittenPagesAreErased) {
  testing::FakeMeta meta;
  MetaImageStore store(meta.store());
  EXPECT_EQ(store.capacity(), std::size_t{1} << 20);
  std::vector<std::uint8_t> bytes(1500);
  for (std::size_t k = 0; k < bytes.size(); ++k) bytes[k] = static_cast<std::uint8_t>(k);
  ASSERT_TRUE(store.write(1000, bytes).is_ok());  // pages 0, 1 and 2
  EXPECT_EQ(meta.values.count("image.page.0"), 1u);
  EXPECT_EQ(meta.values.count("image.page.2"), 1u);
  EXPECT_EQ(meta.values["image.page.0"].size(), 2048u);  // hex of 1024 octets
  MetaImageStore again(meta.store());  // a restart
  std::vector<std::uint8_t> out(1600);
  ASSERT_TRUE(again.read(950, out).is_ok());
  for (std::size_t k = 0; k < 50; ++k) EXPECT_EQ(out[k], 0xFF) << k;
  for (std::size_t k = 0; k < 1500; ++k) ASSERT_EQ(out[50 + k], bytes[k]) << k;
  for (std::size_t k = 1550; k < 1600; ++k) EXPECT_EQ(out[k], 0xFF) << k;
  ASSERT_TRUE(again.erase().is_ok());
  ASSERT_TRUE(again.read(950, out).is_ok());
  for (std::uint8_t b : out) ASSERT_EQ(b, 0xFF);
  EXPECT_FALSE(store.write(store.capacity() - 1, std::vector<std::uint8_t>(2)).is_ok());
}

TEST(MetaImageStore, TheRecordRoundTripsAndAFailingStoreIsAStatus) {
  testing::FakeMeta meta;
  MetaImageStore store(meta.store());
  std::array<std::uint8_t, cosem::ImageStore::kMaxRecord> out{};
  std::size_t size = 99;
  ASSERT_TRUE(store.get_record(out, &size).is_ok());
  EXPECT_EQ(size, 0u);
  const std::array<std::uint8_t, 3> record{1, 2, 0xAB};
  ASSERT_TRUE(store.put_record(record).is_ok());
  EXPECT_EQ(meta.values["image.record"], "0102AB");
  ASSERT_TRUE(store.get_record(out, &size).is_ok());
  ASSERT_EQ(size, 3u);
  EXPECT_EQ(out[2], 0xAB);
  meta.values["image.record"] = "0G";
  EXPECT_EQ(store.get_record(out, &size).code(), StatusCode::kCorruption);
  MetaStore full = meta.store();
  full.set = [](const std::string&, const std::string&) { throw std::runtime_error("database or disk is full"); };
  MetaImageStore failing(full);
  EXPECT_FALSE(failing.write(0, record).is_ok());
  EXPECT_FALSE(failing.put_record(record).is_ok());
}

TEST(MetaImageStore, AnImageTransferResumesOverANewStoreOnTheSameTable) {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;
  meter::Meter meter(s);
  testing::FakeMeta meta;
  const std::array<std::uint8_t, 4> sig{1, 2, 3, 4};
  const std::vector<std::uint8_t> initiate{0x02, 0x02, 0x09, 0x01, 'A', 0x06, 0x00, 0x00, 0x08, 0x00};  // 2048 octets
  std::vector<std::uint8_t> block{0x02, 0x02, 0x06, 0x00, 0x00, 0x00, 0x01, 0x09, 0x82, 0x04, 0x00};  // block 1
  block.resize(block.size() + 1024, 0x5A);
  std::array<std::uint8_t, 16> buf{};
  dlms::AxdrWriter w(buf);
  bool has_data = false;
  {
    MetaImageStore store(meta.store());
    cosem::ImageTransferObject image(meter, store, "QUADRA-1.0.0", sig);
    ASSERT_EQ(image.action(1, initiate, w, has_data, {}), cosem::ActionResult::kSuccess);
    ASSERT_EQ(image.action(2, block, w, has_data, {}), cosem::ActionResult::kSuccess);
  }
  MetaImageStore store(meta.store());
  cosem::ImageTransferObject image(meter, store, "QUADRA-1.0.0", sig);
  ASSERT_TRUE(image.load_status().is_ok());
  EXPECT_EQ(image.status(), cosem::ImageTransferStatus::kInitiated);
  std::array<std::uint8_t, 16> out{};
  dlms::AxdrWriter r(out);
  ASSERT_EQ(image.get(3, {}, r, {}), cosem::DataAccessResult::kSuccess);
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(r.size())),
            (std::vector<std::uint8_t>{0x04, 0x02, 0x40}));  // block 1 of 2 arrived
  std::array<std::uint8_t, 4> read{};
  ASSERT_TRUE(store.read(1024, read).is_ok());
  EXPECT_EQ(read[0], 0x5A);
}

}  // namespace
}  // namespace quadra::host
