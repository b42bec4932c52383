// The Image transfer (class 18, 0.0.44.0.0.255) through its state machine, with the A-XDR bytes of
// the method parameters a head end sends (Gurux's image_transfer_initiate / image_block_transfer /
// image_verify / image_activate) and of the attributes it reads; refusals change nothing; a new
// object over the same image store resumes the transfer; the activation script table and single
// action schedule activate the verified image.
#include "core/cosem/image_transfer_object.h"

#include <gtest/gtest.h>
#include <mbedtls/sha256.h>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/cosem/association.h"
#include "core/cosem/directory.h"
#include "core/dlms/test_hex.h"
#include "core/recording/event_codes.h"

namespace quadra::cosem {
namespace {

using dlms::testing::hex;
using dlms::testing::to_hex;

const meter::Obis kImage = kImageTransferLn;

// A package of `identifier` over `payload_size` octets of a counting pattern.
std::vector<std::uint8_t> package(const std::string& identifier, std::size_t payload_size) {
  std::vector<std::uint8_t> payload(payload_size);
  for (std::size_t k = 0; k < payload_size; ++k) payload[k] = static_cast<std::uint8_t>(k * 7 + 3);
  Sha256Digest sha{};
  EXPECT_EQ(mbedtls_sha256_ret(payload.data(), payload.size(), sha.data(), 0), 0);
  std::array<std::uint8_t, kMaxPackageHeader> header{};
  const std::size_t n = encode_package_header(identifier, static_cast<std::uint32_t>(payload_size), sha, header);
  std::vector<std::uint8_t> p(header.begin(), header.begin() + static_cast<std::ptrdiff_t>(n));
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

std::string u32(std::uint32_t v) {
  char s[16];
  std::snprintf(s, sizeof s, "%08X", v);
  return s;
}

// A-XDR octet-string of `bytes` (length in one octet below 128, else 82 hh ll).
std::string octets(std::span<const std::uint8_t> bytes) {
  char len[32];
  if (bytes.size() < 128)
    std::snprintf(len, sizeof len, "09 %02zX ", bytes.size());
  else
    std::snprintf(len, sizeof len, "09 82 %04zX ", bytes.size());
  return len + to_hex(bytes);
}

class ImageTransfer : public ::testing::Test {
 protected:
  ImageTransfer() : meter_(settings()) { rebuild(); }
  static meter::MeterSettings settings() {
    meter::MeterSettings s;
    s.rtc.start_utc = 1767222000;  // 2025-12-31 23:00 UTC
    return s;
  }
  // A new directory over the same image store and meter: the meter restarting.
  void rebuild() {
    directory_.reset();
    DirectoryConfig c;
    c.firmware = "QUADRA-1.0.0";
    c.firmware_signature = signature_;
    c.image_store = &store_;
    directory_ = std::make_unique<Directory>(meter_, c);
    image_ = directory_->image_transfer();
  }
  std::string get(std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute) {
    CosemObject* o = directory_->find(class_id, ln);
    if (o == nullptr) return "no object";
    std::array<std::uint8_t, 512> buf{};
    dlms::AxdrWriter w(buf);
    const DataAccessResult r = o->get(attribute, {}, w, RequestContext{meter_.meter_time_s(), nullptr});
    if (r != DataAccessResult::kSuccess) return "refused " + std::to_string(static_cast<int>(r));
    return to_hex({buf.data(), w.size()});
  }
  std::string get(std::uint8_t attribute) { return get(18, kImage, attribute); }
  ActionResult call(std::uint16_t class_id, const meter::Obis& ln, std::uint8_t method, const std::string& parameter) {
    CosemObject* o = directory_->find(class_id, ln);
    if (o == nullptr) return ActionResult::kObjectUndefined;
    std::array<std::uint8_t, 16> buf{};
    dlms::AxdrWriter w(buf);
    bool has_data = true;
    const std::vector<std::uint8_t> bytes = hex(parameter);
    const ActionResult r = o->action(method, bytes, w, has_data, RequestContext{meter_.meter_time_s(), nullptr});
    EXPECT_FALSE(has_data);
    return r;
  }
  DataAccessResult set(std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attribute, const std::string& value) {
    CosemObject* o = directory_->find(class_id, ln);
    const std::vector<std::uint8_t> bytes = hex(value);
    return o->set(attribute, bytes, RequestContext{meter_.meter_time_s(), nullptr});
  }
  ActionResult initiate(const std::string& identifier, std::uint32_t size) {
    const std::span<const std::uint8_t> id(reinterpret_cast<const std::uint8_t*>(identifier.data()), identifier.size());
    return call(18, kImage, 1, "02 02 " + octets(id) + " 06 " + u32(size));
  }
  ActionResult block(const std::vector<std::uint8_t>& image, std::uint32_t n) {
    const std::size_t at = std::size_t{n} * 1024;
    if (at >= image.size()) {
      ADD_FAILURE() << "block " << n << " lies beyond the test's image";
      return ActionResult::kOtherReason;
    }
    const std::size_t len = std::min<std::size_t>(1024, image.size() - at);
    return call(18, kImage, 2, "02 02 06 " + u32(n) + " " + octets(std::span(image).subspan(at, len)));
  }
  std::vector<std::uint16_t> standard_codes() const {
    std::vector<std::uint16_t> codes;
    const recording::EventLog& log = meter_.events().log(recording::LogGroup::kStandard);
    for (std::size_t k = 0; k < log.entries_in_use(); ++k) codes.push_back(log.entry(k).code);
    return codes;
  }

  std::array<std::uint8_t, 32> signature_{0x5A, 0x5B};
  std::array<std::uint8_t, 8192> area_{};
  BufferImageStore store_{area_};
  meter::Meter meter_;
  std::unique_ptr<Directory> directory_;
  ImageTransferObject* image_ = nullptr;
};

TEST_F(ImageTransfer, AttributesBeforeAnyTransfer) {
  EXPECT_EQ(get(2), "06 00 00 04 00");  // image_block_size 1024
  EXPECT_EQ(get(3), "04 00");           // no block
  EXPECT_EQ(get(4), "06 00 00 00 00");
  EXPECT_EQ(get(5), "03 01");  // enabled
  EXPECT_EQ(get(6), "16 00");  // not initiated
  EXPECT_EQ(get(7), "01 00");  // nothing to activate
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 2, 0), 2), "0A 0C " + to_hex(hex("51 55 41 44 52 41 2D 31 2E 30 2E 30")));
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 2, 8), 2).substr(0, 11), "09 20 5A 5B");
}

TEST_F(ImageTransfer, InitiateBlocksOutOfOrderVerifyActivate) {
  const std::vector<std::uint8_t> img = package("QUADRA-2.0.0", 2500);  // 2560 octets: 3 blocks
  ASSERT_EQ(img.size(), 2560u);
  // Gurux's initiate: structure { octet-string identifier, double-long-unsigned size }.
  ASSERT_EQ(call(18, kImage, 1, "02 02 09 0C 51 55 41 44 52 41 2D 32 2E 30 2E 30 06 00 00 0A 00"), ActionResult::kSuccess);
  EXPECT_EQ(get(6), "16 01");
  EXPECT_EQ(get(3), "04 03 00");  // three bits, none set
  EXPECT_EQ(block(img, 2), ActionResult::kSuccess);  // the last (512 octets) first
  EXPECT_EQ(get(3), "04 03 20");
  EXPECT_EQ(get(4), "06 00 00 00 00");
  EXPECT_EQ(block(img, 0), ActionResult::kSuccess);
  EXPECT_EQ(get(3), "04 03 A0");
  EXPECT_EQ(get(4), "06 00 00 00 01");
  EXPECT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kOtherReason);  // block 1 missing
  EXPECT_EQ(get(6), "16 04");
  EXPECT_EQ(call(18, kImage, 4, "0F 00"), ActionResult::kOtherReason);  // not verified
  EXPECT_EQ(block(img, 1), ActionResult::kSuccess);                      // after a failure: back to 1
  EXPECT_EQ(get(6), "16 01");
  EXPECT_EQ(get(3), "04 03 E0");
  EXPECT_EQ(get(4), "06 00 00 00 03");
  (void)meter_.take_save_request();
  EXPECT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kSuccess);
  EXPECT_TRUE(meter_.take_save_request());  // event 17 is stored at once
  EXPECT_EQ(get(6), "16 03");
  EXPECT_EQ(get(7), "01 01 02 03 06 00 00 0A 00 09 0C 51 55 41 44 52 41 2D 32 2E 30 2E 30 " +
                        octets(std::span(img).subspan(16, 32)));
  EXPECT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kSuccess);  // again: nothing changes
  EXPECT_FALSE(meter_.take_save_request());
  EXPECT_EQ(call(18, kImage, 4, "0F 00"), ActionResult::kSuccess);
  EXPECT_TRUE(meter_.take_save_request());  // event 18 too
  EXPECT_EQ(get(6), "16 06");
  EXPECT_EQ(image_->active_identifier(), "QUADRA-2.0.0");
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 2, 0), 2), "0A 0C 51 55 41 44 52 41 2D 32 2E 30 2E 30");
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 2, 8), 2), octets(std::span(img).subspan(16, 32)));
  EXPECT_EQ(standard_codes(), (std::vector<std::uint16_t>{recording::event_code::kFirmwareReadyForActivation,
                                                          recording::event_code::kFirmwareActivated}));
  EXPECT_EQ(call(18, kImage, 4, "0F 00"), ActionResult::kOtherReason);  // activated already
}

TEST_F(ImageTransfer, ACorruptedImageFailsVerificationAndACorrectedBlockMendsIt) {
  std::vector<std::uint8_t> img = package("QUADRA-2.0.0", 2500);
  std::vector<std::uint8_t> bad = img;
  bad[1500] ^= 0x01;  // one bit of block 1
  ASSERT_EQ(initiate("QUADRA-2.0.0", 2560), ActionResult::kSuccess);
  for (std::uint32_t n = 0; n < 3; ++n) ASSERT_EQ(block(bad, n), ActionResult::kSuccess);
  EXPECT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kOtherReason);
  EXPECT_EQ(get(6), "16 04");
  EXPECT_EQ(get(7), "01 00");
  EXPECT_TRUE(standard_codes().empty());  // events.md has no code for a failed verification
  EXPECT_EQ(call(18, kImage, 4, "0F 00"), ActionResult::kOtherReason);
  EXPECT_EQ(image_->active_identifier(), "QUADRA-1.0.0");
  ASSERT_EQ(block(img, 1), ActionResult::kSuccess);
  EXPECT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kSuccess);
  EXPECT_EQ(get(6), "16 03");
}

TEST_F(ImageTransfer, AnImageOfTheWrongSizeOrNotAPackageFailsVerification) {
  std::vector<std::uint8_t> img = package("QUADRA-2.0.0", 2500);
  img.push_back(0);  // initiated one octet longer than the package says
  ASSERT_EQ(initiate("X", 2561), ActionResult::kSuccess);
  for (std::uint32_t n = 0; n < 3; ++n) ASSERT_EQ(block(img, n), ActionResult::kSuccess);
  EXPECT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kOtherReason);
  EXPECT_EQ(get(6), "16 04");
  const std::vector<std::uint8_t> junk(100, 0xAB);
  ASSERT_EQ(initiate("X", 100), ActionResult::kSuccess);
  ASSERT_EQ(block(junk, 0), ActionResult::kSuccess);
  EXPECT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kOtherReason);
  EXPECT_EQ(get(6), "16 04");
}

TEST_F(ImageTransfer, RefusalsChangeNothing) {
  const std::vector<std::uint8_t> img = package("QUADRA-2.0.0", 2500);
  EXPECT_EQ(block(img, 0), ActionResult::kOtherReason);  // not initiated
  EXPECT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kOtherReason);
  EXPECT_EQ(call(18, kImage, 4, "0F 00"), ActionResult::kOtherReason);
  EXPECT_EQ(get(6), "16 00");
  EXPECT_EQ(initiate("QUADRA-2.0.0", 0), ActionResult::kOtherReason);
  EXPECT_EQ(initiate("QUADRA-2.0.0", 8193), ActionResult::kOtherReason);  // above the store's capacity
  EXPECT_EQ(initiate("", 100), ActionResult::kOtherReason);
  EXPECT_EQ(initiate(std::string(33, 'A'), 100), ActionResult::kOtherReason);
  EXPECT_EQ(call(18, kImage, 1, "02 02 0A 01 41 06 00 00 00 10"), ActionResult::kTypeUnmatched);  // visible-string
  EXPECT_EQ(call(18, kImage, 1, "02 01 09 01 41"), ActionResult::kTypeUnmatched);
  EXPECT_EQ(get(6), "16 00");
  ASSERT_EQ(initiate("QUADRA-2.0.0", 2560), ActionResult::kSuccess);
  EXPECT_EQ(call(18, kImage, 2, "02 02 06 00 00 00 03 " + octets(std::span(img).first(512))),
            ActionResult::kOtherReason);  // beyond the image's 3 blocks
  EXPECT_EQ(call(18, kImage, 2, "02 02 06 00 00 00 00 " + octets(std::span(img).first(1000))), ActionResult::kOtherReason);
  EXPECT_EQ(call(18, kImage, 2, "02 02 06 00 00 00 02 " + octets(std::span(img).subspan(2048, 511))),
            ActionResult::kOtherReason);  // the last block is 512 octets
  EXPECT_EQ(call(18, kImage, 2, "02 02 05 00 00 00 00 09 00"), ActionResult::kTypeUnmatched);
  EXPECT_EQ(call(18, kImage, 3, "11 00"), ActionResult::kTypeUnmatched);
  EXPECT_EQ(call(18, kImage, 5, "0F 00"), ActionResult::kObjectUndefined);
  EXPECT_EQ(get(3), "04 03 00");
  // Transfer disabled: neither initiate nor blocks.
  EXPECT_EQ(set(18, kImage, 5, "03 00"), DataAccessResult::kSuccess);
  EXPECT_EQ(get(5), "03 00");
  EXPECT_EQ(block(img, 0), ActionResult::kOtherReason);
  EXPECT_EQ(initiate("QUADRA-2.0.0", 2560), ActionResult::kOtherReason);
  EXPECT_EQ(get(3), "04 03 00");
  EXPECT_EQ(set(18, kImage, 5, "11 01"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(18, kImage, 6, "16 03"), DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(set(18, kImage, 5, "03 01"), DataAccessResult::kSuccess);
  EXPECT_EQ(block(img, 0), ActionResult::kSuccess);
  EXPECT_EQ(get(6), "16 01");
}

TEST_F(ImageTransfer, ATransferResumesAfterARestartAndTheActivatedFirmwareStays) {
  const std::vector<std::uint8_t> img = package("QUADRA-2.0.0", 2500);
  ASSERT_EQ(initiate("QUADRA-2.0.0", 2560), ActionResult::kSuccess);
  ASSERT_EQ(block(img, 0), ActionResult::kSuccess);
  ASSERT_EQ(block(img, 2), ActionResult::kSuccess);
  rebuild();
  ASSERT_TRUE(image_->load_status().is_ok());
  EXPECT_EQ(get(6), "16 01");
  EXPECT_EQ(get(3), "04 03 A0");
  EXPECT_EQ(get(4), "06 00 00 00 01");
  // The head end initiates the same image again: the blocks are kept (resume).
  ASSERT_EQ(initiate("QUADRA-2.0.0", 2560), ActionResult::kSuccess);
  EXPECT_EQ(get(3), "04 03 A0");
  ASSERT_EQ(block(img, 1), ActionResult::kSuccess);
  ASSERT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kSuccess);
  rebuild();
  EXPECT_EQ(get(6), "16 03");
  ASSERT_EQ(call(18, kImage, 4, "0F 00"), ActionResult::kSuccess);
  rebuild();
  EXPECT_EQ(get(6), "16 06");
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 2, 0), 2), "0A 0C 51 55 41 44 52 41 2D 32 2E 30 2E 30");
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 2, 8), 2), octets(std::span(img).subspan(16, 32)));
  // Another image: a fresh transfer (no block counted), the active firmware unchanged.
  ASSERT_EQ(initiate("QUADRA-3.0.0", 2560), ActionResult::kSuccess);
  EXPECT_EQ(get(3), "04 03 00");
  EXPECT_EQ(get(7), "01 00");
  EXPECT_EQ(image_->active_identifier(), "QUADRA-2.0.0");
}

TEST_F(ImageTransfer, UntilAnImageIsActivatedTheConfiguredFirmwareIsActive) {
  ASSERT_EQ(initiate("QUADRA-2.0.0", 2560), ActionResult::kSuccess);  // a record is written
  signature_[0] = 0x11;  // a new build of the meter's own firmware
  rebuild();
  EXPECT_EQ(get(1, meter::Obis(1, 0, 0, 2, 8), 2).substr(0, 11), "09 20 11 5B");
  EXPECT_EQ(get(6), "16 01");
}

TEST_F(ImageTransfer, ADamagedRecordStartsOverAndSaysWhy) {
  const std::array<std::uint8_t, 3> junk{9, 9, 9};
  ASSERT_TRUE(store_.put_record(junk).is_ok());
  rebuild();
  EXPECT_EQ(image_->load_status().code(), StatusCode::kCorruption);
  EXPECT_EQ(get(6), "16 00");
  EXPECT_EQ(image_->active_identifier(), "QUADRA-1.0.0");
}

TEST_F(ImageTransfer, TheActivationScriptActivatesTheVerifiedImage) {
  const meter::Obis script = kImageActivationScriptLn;
  EXPECT_EQ(get(9, script, 2), "01 01 02 02 12 00 01 01 01 02 05 16 02 12 00 12 09 06 00 00 2C 00 00 FF 0F 04 0F 00");
  EXPECT_EQ(call(9, script, 1, "12 00 01"), ActionResult::kOtherReason);  // nothing verified
  const std::vector<std::uint8_t> img = package("QUADRA-2.0.0", 100);
  ASSERT_EQ(initiate("QUADRA-2.0.0", static_cast<std::uint32_t>(img.size())), ActionResult::kSuccess);
  ASSERT_EQ(block(img, 0), ActionResult::kSuccess);
  ASSERT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kSuccess);
  EXPECT_EQ(call(9, script, 1, "12 00 02"), ActionResult::kOtherReason);  // no script 2
  EXPECT_EQ(call(9, script, 1, "12 00 01"), ActionResult::kSuccess);
  EXPECT_EQ(image_->active_identifier(), "QUADRA-2.0.0");
}

TEST_F(ImageTransfer, TheScheduleActivatesAtItsTimeOnce) {
  const meter::Obis schedule = kImageActivationScheduleLn;
  EXPECT_EQ(get(22, schedule, 2), "02 02 09 06 00 00 0A 00 6B FF 12 00 01");
  EXPECT_EQ(get(22, schedule, 3), "16 01");
  EXPECT_EQ(get(22, schedule, 4), "01 00");
  const std::vector<std::uint8_t> img = package("QUADRA-2.0.0", 100);
  ASSERT_EQ(initiate("QUADRA-2.0.0", static_cast<std::uint32_t>(img.size())), ActionResult::kSuccess);
  ASSERT_EQ(block(img, 0), ActionResult::kSuccess);
  ASSERT_EQ(call(18, kImage, 3, "0F 00"), ActionResult::kSuccess);
  // Local time at start: 2026-01-01 00:00 (CET). Activate at 2026-01-01 00:30:00.
  ASSERT_EQ(set(22, schedule, 4, "01 01 02 02 09 04 00 1E 00 00 09 05 07 EA 01 01 FF"), DataAccessResult::kSuccess);
  EXPECT_EQ(get(22, schedule, 4), "01 01 02 02 09 04 00 1E 00 00 09 05 07 EA 01 01 04");  // a Thursday
  rebuild();  // the time survives a restart
  EXPECT_EQ(get(22, schedule, 4), "01 01 02 02 09 04 00 1E 00 00 09 05 07 EA 01 01 04");
  const double start = meter_.meter_time_s();
  image_->poll(start + 1799.0);
  EXPECT_EQ(get(6), "16 03");
  image_->poll(start + 1800.0);
  EXPECT_EQ(get(6), "16 06");
  EXPECT_EQ(image_->active_identifier(), "QUADRA-2.0.0");
  EXPECT_EQ(get(22, schedule, 4), "01 00");  // executed: cleared
  // Refused writes: no date, a wildcard day, a bad shape.
  EXPECT_EQ(set(22, schedule, 4, "01 01 02 02 09 04 00 1E 00 00 09 05 FF FF 01 01 FF"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(22, schedule, 4, "01 01 02 02 09 04 00 1E 00 00 09 05 07 EA 01 FF FF"), DataAccessResult::kOtherReason);
  EXPECT_EQ(set(22, schedule, 4, "01 01 02 01 09 04 00 1E 00 00"), DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(22, schedule, 2, "02 02 09 06 00 00 0A 00 6B FF 12 00 01"), DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(get(22, schedule, 4), "01 00");
}

TEST_F(ImageTransfer, AScheduleWithNothingVerifiedActivatesNothing) {
  ASSERT_EQ(set(22, kImageActivationScheduleLn, 4, "01 01 02 02 09 04 00 1E 00 00 09 05 07 EA 01 01 FF"),
            DataAccessResult::kSuccess);
  image_->poll(meter_.meter_time_s() + 3600.0);
  EXPECT_EQ(get(6), "16 00");
  EXPECT_EQ(image_->active_identifier(), "QUADRA-1.0.0");
  EXPECT_EQ(get(22, kImageActivationScheduleLn, 4), "01 00");
}

TEST_F(ImageTransfer, OnlyTheManagementClientWritesAndCalls) {
  const CosemObject& image = *directory_->find(18, kImage);
  const CosemObject& script = *directory_->find(9, kImageActivationScriptLn);
  const CosemObject& schedule = *directory_->find(22, kImageActivationScheduleLn);
  for (std::uint8_t m = 1; m <= 4; ++m) {
    EXPECT_TRUE(method_access(ClientLevel::kManager, image, m));
    EXPECT_FALSE(method_access(ClientLevel::kReader, image, m));
    EXPECT_FALSE(method_access(ClientLevel::kPublic, image, m));
  }
  EXPECT_FALSE(method_access(ClientLevel::kManager, image, 5));
  EXPECT_TRUE(method_access(ClientLevel::kManager, script, 1));
  EXPECT_FALSE(method_access(ClientLevel::kReader, script, 1));
  EXPECT_EQ(attribute_access(ClientLevel::kManager, image, 5), 3);
  EXPECT_EQ(attribute_access(ClientLevel::kReader, image, 5), 1);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, image, 6), 1);
  EXPECT_EQ(attribute_access(ClientLevel::kManager, schedule, 4), 3);
  EXPECT_EQ(attribute_access(ClientLevel::kReader, schedule, 4), 1);
  // As for the other management objects, the public client does not see them at all.
  for (std::uint8_t a = 1; a <= 7; ++a) EXPECT_EQ(attribute_access(ClientLevel::kPublic, image, a), 0);
  EXPECT_EQ(attribute_access(ClientLevel::kPublic, *directory_->find(1, meter::Obis(1, 0, 0, 2, 0)), 2), 1);
}

}  // namespace
}  // namespace quadra::cosem
