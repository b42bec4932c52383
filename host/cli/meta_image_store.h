// The meter's firmware image area on the host (cosem/image_store.h) in the store's meta table, so
// that an image transfer survives a restart (and a kill -9): the image in pages of kPageSize
// octets under the keys "image.page.<n>" (hex), the transfer's record under "image.record" (hex).
// Every write goes to the store at once, in its own transaction (meta_store.h), before the
// meter answers the block; a page never written reads as 0xFF. The capacity is the largest image
// the Image transfer accepts (1 MiB).
//
// A store that refuses a write (a full disk) makes the call fail with a Status whose reason is
// static; the store's own message is logged (spdlog, naming 0.0.44.0.0.255).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/cosem/image_store.h"
#include "host/cli/meta_store.h"

namespace quadra::host {

class MetaImageStore final : public cosem::ImageStore {
 public:
  static constexpr std::size_t kPageSize = 1024;
  static constexpr std::size_t kCapacity = std::size_t{1} << 20;
  explicit MetaImageStore(MetaStore store) : store_(std::move(store)) {}

  std::size_t capacity() const override { return kCapacity; }
  Status write(std::size_t offset, std::span<const std::uint8_t> bytes) override;
  Status read(std::size_t offset, std::span<std::uint8_t> out) override;
  Status erase() override;
  Status put_record(std::span<const std::uint8_t> record) override;
  Status get_record(std::span<std::uint8_t, kMaxRecord> out, std::size_t* size) override;

 private:
  // Page n as stored (kPageSize octets, 0xFF where never written); false when it does not read.
  bool page(std::size_t n, std::vector<std::uint8_t>* out);
  MetaStore store_;
};

}  // namespace quadra::host
