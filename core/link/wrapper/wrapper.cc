#include "core/link/wrapper/wrapper.h"

#include <algorithm>

namespace quadra::wrapper {
namespace {

std::uint16_t be16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }

void put_be16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v & 0xFFU);
}

}  // namespace

Status encode(std::uint16_t source, std::uint16_t destination, std::span<const std::uint8_t> apdu,
              std::span<std::uint8_t> out, std::size_t* written) {
  *written = 0;
  if (apdu.size() > 0xFFFF) return Status::invalid("wrapper.length", "an APDU above 65535 bytes does not fit the header");
  if (out.size() < kHeaderSize + apdu.size()) {
    return Status::error(StatusCode::kCapacity, "wrapper", "output buffer too small");
  }
  put_be16(out.data(), kVersion);
  put_be16(out.data() + 2, source);
  put_be16(out.data() + 4, destination);
  put_be16(out.data() + 6, static_cast<std::uint16_t>(apdu.size()));
  std::copy(apdu.begin(), apdu.end(), out.begin() + kHeaderSize);
  *written = kHeaderSize + apdu.size();
  return Status::ok();
}

Reassembler::FeedResult Reassembler::feed(std::span<const std::uint8_t> bytes) {
  if (!failed_.is_ok()) return {failed_, 0};
  if (ready_) return {Status::ok(), 0};
  std::size_t used = 0;
  if (header_len_ < kHeaderSize) {
    const std::size_t n = std::min(kHeaderSize - header_len_, bytes.size());
    std::copy_n(bytes.begin(), n, header_.begin() + static_cast<std::ptrdiff_t>(header_len_));
    header_len_ += n;
    used += n;
    if (header_len_ < kHeaderSize) return {Status::ok(), used};
    if (be16(header_.data()) != kVersion) {
      failed_ = Status::error(StatusCode::kNotSupported, "wrapper.version", "not 0x0001: not a DLMS/COSEM wrapper stream");
      return {failed_, used};
    }
    apdu_len_ = be16(header_.data() + 6);
    if (apdu_len_ > storage_.size()) {
      failed_ = Status::error(StatusCode::kCapacity, "wrapper.length", "APDU longer than the maximum this port accepts");
      return {failed_, used};
    }
    have_ = 0;
  }
  const std::size_t n = std::min(apdu_len_ - have_, bytes.size() - used);
  std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(used), n, storage_.begin() + static_cast<std::ptrdiff_t>(have_));
  have_ += n;
  used += n;
  if (have_ == apdu_len_) ready_ = true;
  return {Status::ok(), used};
}

std::optional<WrapperFrame> Reassembler::take_frame() {
  if (!ready_) return std::nullopt;
  ready_ = false;
  header_len_ = 0;
  return WrapperFrame{be16(header_.data() + 2), be16(header_.data() + 4),
                      std::span<const std::uint8_t>(storage_.data(), apdu_len_)};
}

void Reassembler::reset() {
  header_len_ = 0;
  apdu_len_ = 0;
  have_ = 0;
  ready_ = false;
  failed_ = Status::ok();
}

}  // namespace quadra::wrapper
