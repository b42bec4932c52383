// Where a firmware image being transferred lives: the meter's non-volatile image area, written
// block by block by the Image transfer object (image_transfer_object.h) and read back to verify
// it. Beside the image bytes it keeps one small record, the transfer's state (which blocks
// arrived, the status, the image activated last), so that a transfer resumes after a restart.
// The image never lives on the heap of the core: a device maps this onto a flash partition, the
// tests onto a fixed buffer (BufferImageStore below), the host onto its SQLite store.
//
// Every call either does all it was asked or returns an error and leaves what was stored as it
// was where the medium allows (a failed write may leave the bytes of that range undefined; the
// transfer then does not count the block as transferred).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"

namespace quadra::cosem {

class ImageStore {
 public:
  virtual ~ImageStore() = default;
  // How many image octets the area holds (offsets 0 .. capacity() - 1).
  virtual std::size_t capacity() const = 0;
  // Writes `bytes` at `offset`. Precondition: offset + bytes.size() <= capacity().
  virtual Status write(std::size_t offset, std::span<const std::uint8_t> bytes) = 0;
  // Fills `out` from `offset`; octets never written read as 0xFF (erased flash).
  // Precondition: offset + out.size() <= capacity().
  virtual Status read(std::size_t offset, std::span<std::uint8_t> out) = 0;
  // Forgets the image octets (a new transfer begins); the record is kept.
  virtual Status erase() = 0;

  // The transfer's state record (at most kMaxRecord octets), replaced whole and atomically.
  static constexpr std::size_t kMaxRecord = 512;
  virtual Status put_record(std::span<const std::uint8_t> record) = 0;
  // The record last put, into `out`; *size = 0 when none was ever put.
  virtual Status get_record(std::span<std::uint8_t, kMaxRecord> out, std::size_t* size) = 0;
};

// An image area over a buffer the caller owns (a static array on a device, the tests' arrays).
class BufferImageStore final : public ImageStore {
 public:
  explicit BufferImageStore(std::span<std::uint8_t> buffer) : buffer_(buffer) { (void)erase(); }
  std::size_t capacity() const override { return buffer_.size(); }
  Status write(std::size_t offset, std::span<const std::uint8_t> bytes) override {
    if (offset > buffer_.size() || bytes.size() > buffer_.size() - offset)
      return Status::error(StatusCode::kOutOfRange, "image_store.write", "beyond the image area");
    std::copy(bytes.begin(), bytes.end(), buffer_.begin() + static_cast<std::ptrdiff_t>(offset));
    return Status::ok();
  }
  Status read(std::size_t offset, std::span<std::uint8_t> out) override {
    if (offset > buffer_.size() || out.size() > buffer_.size() - offset)
      return Status::error(StatusCode::kOutOfRange, "image_store.read", "beyond the image area");
    const auto from = buffer_.begin() + static_cast<std::ptrdiff_t>(offset);
    std::copy(from, from + static_cast<std::ptrdiff_t>(out.size()), out.begin());
    return Status::ok();
  }
  Status erase() override {
    std::fill(buffer_.begin(), buffer_.end(), std::uint8_t{0xFF});
    return Status::ok();
  }
  Status put_record(std::span<const std::uint8_t> record) override {
    if (record.size() > kMaxRecord) return Status::error(StatusCode::kCapacity, "image_store.record", "too long");
    std::copy(record.begin(), record.end(), record_.begin());
    record_size_ = record.size();
    return Status::ok();
  }
  Status get_record(std::span<std::uint8_t, kMaxRecord> out, std::size_t* size) override {
    std::copy(record_.begin(), record_.begin() + static_cast<std::ptrdiff_t>(record_size_), out.begin());
    *size = record_size_;
    return Status::ok();
  }

 private:
  std::span<std::uint8_t> buffer_;
  std::array<std::uint8_t, kMaxRecord> record_{};
  std::size_t record_size_ = 0;
};

}  // namespace quadra::cosem
