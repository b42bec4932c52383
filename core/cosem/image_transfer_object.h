// Image transfer (interface class 18, version 0) 0.0.44.0.0.255: a head end uploads a Quadra
// firmware package (firmware_package.h) block by block, has the meter verify it, and activates it
// at once (method 4) or at a time (the Image activation single action schedule 0.0.15.0.2.255,
// which runs script 1 of the Image activation script table 0.0.10.0.107.255: method 4 here).
//
//   1 logical_name                          octet-string                          read
//   2 image_block_size                      double-long-unsigned: kBlockSize      read
//   3 image_transferred_blocks_status       bit-string, bit n (MSB first) = block n arrived; as many
//                                           bits as the initiated image has blocks read
//   4 image_first_not_transferred_block_number double-long-unsigned               read
//   5 image_transfer_enabled                boolean                               read, write
//   6 image_transfer_status                 enum ImageTransferStatus              read
//   7 image_to_activate_info                array of structure { size double-long-unsigned,
//                                           identification octet-string, signature octet-string }:
//                                           one element (the image's size, the package's identifier,
//                                           its payload's SHA-256) once verified, else empty  read
//   method 1 image_transfer_initiate (structure { image_identifier octet-string, image_size
//            double-long-unsigned })
//   method 2 image_block_transfer (structure { image_block_number double-long-unsigned,
//            image_block_value octet-string })
//   method 3 image_verify (integer 0)
//   method 4 image_activate (integer 0)
//
// The state machine (a refused call is other-reason, a parameter of another shape type-unmatched;
// a refused call changes nothing):
//   initiate   refused while transfer is disabled, for an identifier of 0 or more than kMaxIdentifier
//              octets, a size of 0 or above max_image_size(). The same identifier and size again while
//              status is 1 or 4 resumes (the blocks that arrived are kept); otherwise the image area
//              is erased and status becomes 1 (initiated) with no block transferred.
//   block      only in status 1 or 4 (a block after a failed verification returns to 1), while
//              enabled; the number must be below the block count; the value must be kBlockSize
//              octets (the last block: the rest of the image). A block sent again is overwritten.
//   verify     in status 1 or 4: all blocks present and the package verifies (header, length = the
//              initiated size, SHA-256 of the payload) -> status 3 and event 17 (firmware ready for
//              activation) in the standard log; otherwise status 4 (verification failed) and
//              other-reason. In status 3: success, nothing changes. Verification runs within the
//              call (status 2 is never seen; the meter never answers temporary-failure).
//              events.md has no code for a failed verification, so none is logged.
//   activate   only in status 3: the package's identifier becomes the active firmware identifier,
//              its payload SHA-256 the active firmware signature; status 6 and event 18 (firmware
//              activated). The virtual meter does not run the payload. (Status 5 and 7 never occur.)
// Every change is written to the image store's record before the answer, so that after a restart
// (the object is built over the same store) the transfer resumes where it was and the activated
// identifier stays active; events 17 and 18 ask the meter for a save at once
// (Meter::request_save), so that the log keeps them across a power cut too.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/cosem/cosem_object.h"
#include "core/cosem/firmware_package.h"
#include "core/cosem/image_store.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

enum class ImageTransferStatus : std::uint8_t {
  kNotInitiated = 0,
  kInitiated = 1,
  kVerificationInitiated = 2,
  kVerificationSuccessful = 3,
  kVerificationFailed = 4,
  kActivationInitiated = 5,
  kActivationSuccessful = 6,
  kActivationFailed = 7,
};

inline constexpr meter::Obis kImageTransferLn{0, 0, 44, 0, 0};
inline constexpr meter::Obis kImageActivationScriptLn{0, 0, 10, 0, 107};
inline constexpr meter::Obis kImageActivationScheduleLn{0, 0, 15, 0, 2};

class ImageTransferObject final : public CosemObject {
 public:
  static constexpr std::uint32_t kBlockSize = 1024;                   // octets; fits a 4096-octet APDU
  static constexpr std::size_t kMaxImageBytes = std::size_t{1} << 20;  // 1 MiB
  static constexpr std::size_t kMaxBlocks = kMaxImageBytes / kBlockSize;
  static constexpr std::size_t kMaxSignature = 48;

  // `firmware` and `signature` are the running firmware's (config; at most kMaxIdentifier and
  // kMaxSignature octets, longer ones are cut); an image activated earlier, as the store's
  // record says, replaces them. `meter` and `store` outlive the object. A record the object cannot
  // read is ignored (the transfer starts over, not initiated), and load_status() says why.
  ImageTransferObject(meter::Meter& meter, ImageStore& store, std::string_view firmware,
                      std::span<const std::uint8_t> signature);

  std::uint8_t attribute_count() const override { return 7; }
  std::uint8_t method_count() const override { return 4; }
  bool writable(std::uint8_t attribute) const override { return attribute == 5; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

  // The largest image accepted: kMaxImageBytes or the store's capacity, whichever is less.
  std::size_t max_image_size() const;
  ImageTransferStatus status() const { return status_; }
  // The active firmware (1.0.0.2.0 and 1.0.0.2.8 read these).
  std::string_view active_identifier() const { return {active_id_.data(), active_id_size_}; }
  std::span<const std::uint8_t> active_signature() const { return std::span(active_sig_).first(active_sig_size_); }
  const Status& load_status() const { return load_status_; }

  // Method 4 as the schedule runs it (and the client's call): kOtherReason unless verified.
  ActionResult activate(double now_s);

  // The Image activation single action schedule's execution time: local seconds since 1970, or
  // -1 for none. poll() activates once local time has reached it (then the time is cleared: a
  // single action); when the image is not verified by then nothing is activated.
  std::int64_t activation_time() const { return activation_local_s_; }
  Status set_activation_time(std::int64_t local_s);
  void poll(double now_s);

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  ActionResult initiate(std::span<const std::uint8_t> parameters);
  ActionResult block(std::span<const std::uint8_t> parameters);
  ActionResult verify(double now_s);
  std::uint32_t block_count() const { return static_cast<std::uint32_t>((image_size_ + kBlockSize - 1) / kBlockSize); }
  bool has_block(std::uint32_t n) const { return (blocks_[n / 8] & (0x80u >> (n % 8))) != 0; }
  std::uint32_t first_missing() const;
  // Writes the record; false (and the caller undoes its change) when the store refuses.
  bool save();
  Status load();

  meter::Meter& meter_;
  ImageStore& store_;
  // The transfer.
  ImageTransferStatus status_ = ImageTransferStatus::kNotInitiated;
  bool enabled_ = true;
  std::array<std::uint8_t, kMaxIdentifier> image_id_{};
  std::size_t image_id_size_ = 0;
  std::uint32_t image_size_ = 0;
  std::array<std::uint8_t, kMaxBlocks / 8> blocks_{};
  PackageInfo verified_{};  // the package, once verified
  std::int64_t activation_local_s_ = -1;
  // The active firmware.
  std::array<char, kMaxIdentifier> active_id_{};
  std::size_t active_id_size_ = 0;
  std::array<std::uint8_t, kMaxSignature> active_sig_{};
  std::size_t active_sig_size_ = 0;
  bool activated_ = false;  // the active firmware is an image activated here, not the configured one
  Status load_status_;
};

// The active firmware identifier 1.0.0.2.0.255 (visible-string) and signature 1.0.0.2.8.255
// (octet-string), class 1, over the Image transfer object's active firmware.
class ActiveFirmwareObject final : public CosemObject {
 public:
  enum class Kind : std::uint8_t { kIdentifier, kSignature };
  ActiveFirmwareObject(const ImageTransferObject& image, Kind kind)
      : CosemObject(1, 0, meter::Obis(1, 0, 0, 2, kind == Kind::kIdentifier ? 0 : 8)), image_(image), kind_(kind) {}
  std::uint8_t attribute_count() const override { return 2; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const ImageTransferObject& image_;
  Kind kind_;
};

}  // namespace quadra::cosem
