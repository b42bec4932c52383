#include "core/cosem/image_transfer_object.h"

#include <algorithm>

#include "core/clock/civil_time.h"
#include "core/cosem/value_reader.h"
#include "core/recording/event_codes.h"
#include "core/recording/log_group.h"

namespace quadra::cosem {
namespace {

using recording::event_code::kFirmwareActivated;
using recording::event_code::kFirmwareReadyForActivation;

// The state record in the image store (format 1), big-endian, fixed offsets:
constexpr std::uint8_t kRecordFormat = 1;
constexpr std::size_t kAtStatus = 1, kAtEnabled = 2, kAtImageId = 3;             // size octet + 32
constexpr std::size_t kAtImageSize = kAtImageId + 1 + kMaxIdentifier;           // u32
constexpr std::size_t kAtBlocks = kAtImageSize + 4;                             // bitmap
constexpr std::size_t kAtActivation = kAtBlocks + ImageTransferObject::kMaxBlocks / 8;  // i64
constexpr std::size_t kAtActiveId = kAtActivation + 8;                          // size octet + 32
constexpr std::size_t kAtActiveSig = kAtActiveId + 1 + kMaxIdentifier;          // size octet + 48
constexpr std::size_t kAtVerifiedId = kAtActiveSig + 1 + ImageTransferObject::kMaxSignature;  // size + 32
constexpr std::size_t kAtVerifiedSize = kAtVerifiedId + 1 + kMaxIdentifier;     // u32
constexpr std::size_t kAtVerifiedSha = kAtVerifiedSize + 4;                     // 32
constexpr std::size_t kAtActivated = kAtVerifiedSha + 32;                       // 1: an image was activated
constexpr std::size_t kRecordSize = kAtActivated + 1;
static_assert(kRecordSize <= ImageStore::kMaxRecord);

void put_be(std::span<std::uint8_t> out, std::uint64_t v, std::size_t octets) {
  for (std::size_t k = 0; k < octets; ++k) out[k] = static_cast<std::uint8_t>(v >> (8 * (octets - 1 - k)));
}
std::uint64_t get_be(std::span<const std::uint8_t> in, std::size_t octets) {
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < octets; ++k) v = v << 8 | in[k];
  return v;
}

bool verified_state(ImageTransferStatus s) {
  return s == ImageTransferStatus::kVerificationSuccessful || s == ImageTransferStatus::kActivationInitiated ||
         s == ImageTransferStatus::kActivationSuccessful || s == ImageTransferStatus::kActivationFailed;
}

}  // namespace

ImageTransferObject::ImageTransferObject(meter::Meter& meter, ImageStore& store, std::string_view firmware,
                                         std::span<const std::uint8_t> signature)
    : CosemObject(18, 0, kImageTransferLn), meter_(meter), store_(store) {
  active_id_size_ = std::min(firmware.size(), active_id_.size());
  std::copy_n(firmware.begin(), active_id_size_, active_id_.begin());
  active_sig_size_ = std::min(signature.size(), active_sig_.size());
  std::copy_n(signature.begin(), active_sig_size_, active_sig_.begin());
  load_status_ = load();
}

std::size_t ImageTransferObject::max_image_size() const { return std::min(kMaxImageBytes, store_.capacity()); }

std::uint32_t ImageTransferObject::first_missing() const {
  const std::uint32_t n = block_count();
  for (std::uint32_t b = 0; b < n; ++b) {
    if (!has_block(b)) return b;
  }
  return n;
}

bool ImageTransferObject::save() {
  std::array<std::uint8_t, kRecordSize> r{};
  r[0] = kRecordFormat;
  r[kAtStatus] = static_cast<std::uint8_t>(status_);
  r[kAtEnabled] = enabled_ ? 1 : 0;
  r[kAtImageId] = static_cast<std::uint8_t>(image_id_size_);
  std::copy(image_id_.begin(), image_id_.end(), r.begin() + kAtImageId + 1);
  put_be(std::span(r).subspan(kAtImageSize), image_size_, 4);
  std::copy(blocks_.begin(), blocks_.end(), r.begin() + kAtBlocks);
  put_be(std::span(r).subspan(kAtActivation), static_cast<std::uint64_t>(activation_local_s_), 8);
  r[kAtActiveId] = static_cast<std::uint8_t>(active_id_size_);
  std::copy(active_id_.begin(), active_id_.end(), r.begin() + kAtActiveId + 1);
  r[kAtActiveSig] = static_cast<std::uint8_t>(active_sig_size_);
  std::copy(active_sig_.begin(), active_sig_.end(), r.begin() + kAtActiveSig + 1);
  r[kAtVerifiedId] = static_cast<std::uint8_t>(verified_.identifier_size);
  std::copy(verified_.identifier.begin(), verified_.identifier.end(), r.begin() + kAtVerifiedId + 1);
  put_be(std::span(r).subspan(kAtVerifiedSize), verified_.payload_size, 4);
  std::copy(verified_.payload_sha256.begin(), verified_.payload_sha256.end(), r.begin() + kAtVerifiedSha);
  r[kAtActivated] = activated_ ? 1 : 0;
  return store_.put_record(r).is_ok();
}

Status ImageTransferObject::load() {
  std::array<std::uint8_t, ImageStore::kMaxRecord> r{};
  std::size_t size = 0;
  if (Status s = store_.get_record(r, &size); !s.is_ok()) return s;
  if (size == 0) return Status::ok();  // a new store: nothing transferred yet
  const auto corrupt = [](const char* reason) { return Status::error(StatusCode::kCorruption, "image_transfer.record", reason); };
  if (size != kRecordSize || r[0] != kRecordFormat) return corrupt("unknown record format");
  const std::uint8_t status = r[kAtStatus];
  const std::uint32_t image_size = static_cast<std::uint32_t>(get_be(std::span(r).subspan(kAtImageSize), 4));
  if (status > static_cast<std::uint8_t>(ImageTransferStatus::kActivationFailed) || r[kAtEnabled] > 1 ||
      r[kAtImageId] > kMaxIdentifier || image_size > max_image_size() || r[kAtActiveId] > kMaxIdentifier ||
      r[kAtActiveSig] > kMaxSignature || r[kAtVerifiedId] > kMaxIdentifier || r[kAtActivated] > 1)
    return corrupt("a field out of range");
  status_ = static_cast<ImageTransferStatus>(status);
  enabled_ = r[kAtEnabled] == 1;
  image_id_size_ = r[kAtImageId];
  std::copy_n(r.begin() + kAtImageId + 1, image_id_.size(), image_id_.begin());
  image_size_ = image_size;
  std::copy_n(r.begin() + kAtBlocks, blocks_.size(), blocks_.begin());
  activation_local_s_ = static_cast<std::int64_t>(get_be(std::span(r).subspan(kAtActivation), 8));
  activated_ = r[kAtActivated] == 1;
  if (activated_) {  // else the running firmware is the configured one (a new build has a new signature)
    active_id_size_ = r[kAtActiveId];
    for (std::size_t k = 0; k < active_id_.size(); ++k) active_id_[k] = static_cast<char>(r[kAtActiveId + 1 + k]);
    active_sig_size_ = r[kAtActiveSig];
    std::copy_n(r.begin() + kAtActiveSig + 1, active_sig_.size(), active_sig_.begin());
  }
  verified_.identifier_size = r[kAtVerifiedId];
  for (std::size_t k = 0; k < kMaxIdentifier; ++k) verified_.identifier[k] = static_cast<char>(r[kAtVerifiedId + 1 + k]);
  verified_.payload_size = static_cast<std::uint32_t>(get_be(std::span(r).subspan(kAtVerifiedSize), 4));
  std::copy_n(r.begin() + kAtVerifiedSha, verified_.payload_sha256.size(), verified_.payload_sha256.begin());
  return Status::ok();
}

DataAccessResult ImageTransferObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                    const RequestContext&) {
  switch (attribute) {
    case 2: out.double_long_unsigned(kBlockSize); break;
    case 3: {
      const std::uint32_t n = block_count();
      out.bit_string(std::span(blocks_).first((n + 7) / 8), n);
      break;
    }
    case 4: out.double_long_unsigned(first_missing()); break;
    case 5: out.boolean(enabled_); break;
    case 6: out.enum_value(static_cast<std::uint8_t>(status_)); break;
    default:
      if (!verified_state(status_)) {
        out.array(0);
        break;
      }
      out.array(1);
      out.structure(3);
      out.double_long_unsigned(image_size_);
      out.octet_string(std::span(reinterpret_cast<const std::uint8_t*>(verified_.identifier.data()), verified_.identifier_size));
      out.octet_string(verified_.payload_sha256);
      break;
  }
  return DataAccessResult::kSuccess;
}

DataAccessResult ImageTransferObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) {
  if (attribute != 5) return DataAccessResult::kReadWriteDenied;
  ValueReader v(value);
  bool enabled = false;
  if (!v.boolean(&enabled) || !v.end()) return v.result();
  const bool before = enabled_;
  enabled_ = enabled;
  if (!save()) {
    enabled_ = before;
    return DataAccessResult::kHardwareFault;
  }
  if (before != enabled) meter_.parameters_changed(recording::obis_to_context(logical_name()), ctx.now_s);
  return DataAccessResult::kSuccess;
}

ActionResult ImageTransferObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter&,
                                         bool& has_data, const RequestContext& ctx) {
  has_data = false;
  if (method == 1) return initiate(parameters);
  if (method == 2) return block(parameters);
  if (method != 3 && method != 4) return ActionResult::kObjectUndefined;
  ValueReader v(parameters);
  std::int8_t zero = 0;
  if (!v.integer(&zero) || !v.end()) return action_result(v.result());
  return method == 3 ? verify(ctx.now_s) : activate(ctx.now_s);
}

ActionResult ImageTransferObject::initiate(std::span<const std::uint8_t> parameters) {
  ValueReader v(parameters);
  std::span<const std::uint8_t> id;
  std::uint32_t size = 0;
  if (!v.structure(2) || !v.octets(1, kMaxIdentifier, &id) || !v.double_long_unsigned(&size) || !v.end())
    return action_result(v.result());
  if (!enabled_ || size == 0 || size > max_image_size()) return ActionResult::kOtherReason;
  const bool same = id.size() == image_id_size_ && std::equal(id.begin(), id.end(), image_id_.begin()) && size == image_size_;
  if (same && (status_ == ImageTransferStatus::kInitiated || status_ == ImageTransferStatus::kVerificationFailed)) {
    status_ = ImageTransferStatus::kInitiated;  // resumed: the blocks that arrived are kept
    return save() ? ActionResult::kSuccess : ActionResult::kHardwareFault;
  }
  // A new transfer. The record says "not initiated" until the area is erased, so that a restart
  // in between never counts an old image's octets as blocks of the new one.
  const ImageTransferStatus before = status_;
  status_ = ImageTransferStatus::kNotInitiated;
  image_size_ = 0;
  blocks_.fill(0);
  verified_ = PackageInfo{};
  if (!save()) {
    (void)load();
    status_ = before;
    return ActionResult::kHardwareFault;
  }
  if (!store_.erase().is_ok()) return ActionResult::kHardwareFault;
  std::fill(image_id_.begin(), image_id_.end(), std::uint8_t{0});
  std::copy(id.begin(), id.end(), image_id_.begin());
  image_id_size_ = id.size();
  image_size_ = size;
  status_ = ImageTransferStatus::kInitiated;
  return save() ? ActionResult::kSuccess : ActionResult::kHardwareFault;
}

ActionResult ImageTransferObject::block(std::span<const std::uint8_t> parameters) {
  ValueReader v(parameters);
  std::uint32_t number = 0;
  std::span<const std::uint8_t> value;
  if (!v.structure(2) || !v.double_long_unsigned(&number) || !v.octets(0, kBlockSize, &value) || !v.end())
    return action_result(v.result());
  if (!enabled_) return ActionResult::kOtherReason;
  if (status_ != ImageTransferStatus::kInitiated && status_ != ImageTransferStatus::kVerificationFailed)
    return ActionResult::kOtherReason;
  if (number >= block_count()) return ActionResult::kOtherReason;
  const std::size_t offset = static_cast<std::size_t>(number) * kBlockSize;
  const std::size_t expected = std::min<std::size_t>(kBlockSize, image_size_ - offset);
  if (value.size() != expected) return ActionResult::kOtherReason;
  if (!store_.write(offset, value).is_ok()) return ActionResult::kHardwareFault;
  const ImageTransferStatus before = status_;
  const std::uint8_t bits = blocks_[number / 8];
  blocks_[number / 8] = static_cast<std::uint8_t>(bits | (0x80u >> (number % 8)));
  status_ = ImageTransferStatus::kInitiated;
  if (!save()) {
    blocks_[number / 8] = bits;
    status_ = before;
    return ActionResult::kHardwareFault;
  }
  return ActionResult::kSuccess;
}

ActionResult ImageTransferObject::verify(double now_s) {
  if (status_ == ImageTransferStatus::kVerificationSuccessful) return ActionResult::kSuccess;
  if (status_ != ImageTransferStatus::kInitiated && status_ != ImageTransferStatus::kVerificationFailed)
    return ActionResult::kOtherReason;
  PackageInfo info;
  const bool good = first_missing() == block_count() && verify_package(store_, image_size_, &info).is_ok();
  const ImageTransferStatus before = status_;
  status_ = good ? ImageTransferStatus::kVerificationSuccessful : ImageTransferStatus::kVerificationFailed;
  if (good) verified_ = info;
  if (!save()) {
    status_ = before;
    verified_ = PackageInfo{};
    return ActionResult::kHardwareFault;
  }
  if (!good) return ActionResult::kOtherReason;
  meter_.record_event(recording::LogGroup::kStandard, kFirmwareReadyForActivation, now_s);
  meter_.request_save();  // the event is stored now, as the image's state is
  return ActionResult::kSuccess;
}

ActionResult ImageTransferObject::activate(double now_s) {
  if (status_ != ImageTransferStatus::kVerificationSuccessful) return ActionResult::kOtherReason;
  const auto active_id = active_id_;
  const auto active_id_size = active_id_size_;
  const auto active_sig = active_sig_;
  const auto active_sig_size = active_sig_size_;
  std::copy_n(verified_.identifier.begin(), verified_.identifier_size, active_id_.begin());
  active_id_size_ = verified_.identifier_size;
  active_sig_.fill(0);
  std::copy(verified_.payload_sha256.begin(), verified_.payload_sha256.end(), active_sig_.begin());
  active_sig_size_ = verified_.payload_sha256.size();
  status_ = ImageTransferStatus::kActivationSuccessful;
  const bool activated = activated_;
  activated_ = true;
  if (!save()) {
    activated_ = activated;
    active_id_ = active_id;
    active_id_size_ = active_id_size;
    active_sig_ = active_sig;
    active_sig_size_ = active_sig_size;
    status_ = ImageTransferStatus::kVerificationSuccessful;
    return ActionResult::kHardwareFault;
  }
  meter_.record_event(recording::LogGroup::kStandard, kFirmwareActivated, now_s);
  meter_.request_save();
  return ActionResult::kSuccess;
}

Status ImageTransferObject::set_activation_time(std::int64_t local_s) {
  const std::int64_t before = activation_local_s_;
  activation_local_s_ = local_s < 0 ? -1 : local_s;
  if (save()) return Status::ok();
  activation_local_s_ = before;
  return Status::error(StatusCode::kCorruption, "image_transfer.record", "the image store refused the record");
}

void ImageTransferObject::poll(double now_s) {
  if (activation_local_s_ < 0) return;
  const clock::CivilDateTime local = meter_.rtc().local(now_s);
  const std::int64_t local_s = clock::days_from_civil(local.date()) * 86400 + local.seconds_of_day();
  if (local_s < activation_local_s_) return;
  activation_local_s_ = -1;  // a single action: done, whether or not there was an image to activate
  if (activate(now_s) != ActionResult::kSuccess) (void)save();
}

DataAccessResult ActiveFirmwareObject::get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                                     const RequestContext&) {
  if (kind_ == Kind::kIdentifier)
    out.visible_string(image_.active_identifier());
  else
    out.octet_string(image_.active_signature());
  return DataAccessResult::kSuccess;
}

}  // namespace quadra::cosem
