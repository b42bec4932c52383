#include "host/cli/meta_image_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

namespace quadra::host {
namespace {

std::string page_key(std::size_t n) { return "image.page." + std::to_string(n); }
constexpr const char* kRecordKey = "image.record";

Status failed(const char* field, const std::exception& e) {
  spdlog::error("0.0.44.0.0.255: the image store: {}", e.what());
  return Status::error(StatusCode::kCorruption, field, "the store refused the image area");
}

}  // namespace

bool MetaImageStore::page(std::size_t n, std::vector<std::uint8_t>* out) {
  const std::optional<std::string> text = store_.get ? store_.get(page_key(n)) : std::nullopt;
  if (!text || text->empty()) {
    out->assign(kPageSize, 0xFF);
    return true;
  }
  return from_hex(*text, out) && out->size() == kPageSize;
}

Status MetaImageStore::write(std::size_t offset, std::span<const std::uint8_t> bytes) {
  if (offset > kCapacity || bytes.size() > kCapacity - offset)
    return Status::error(StatusCode::kOutOfRange, "image_store.write", "beyond the image area");
  try {
    std::vector<std::uint8_t> p;
    for (std::size_t at = offset; at < offset + bytes.size();) {
      const std::size_t n = at / kPageSize, in_page = at % kPageSize;
      const std::size_t len = std::min(kPageSize - in_page, offset + bytes.size() - at);
      if (!page(n, &p)) return Status::error(StatusCode::kCorruption, "image_store.page", "a stored page does not read");
      std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(at - offset), len, p.begin() + static_cast<std::ptrdiff_t>(in_page));
      if (store_.set) store_.set(page_key(n), to_hex(p));
      at += len;
    }
  } catch (const std::exception& e) {
    return failed("image_store.write", e);
  }
  return Status::ok();
}

Status MetaImageStore::read(std::size_t offset, std::span<std::uint8_t> out) {
  if (offset > kCapacity || out.size() > kCapacity - offset)
    return Status::error(StatusCode::kOutOfRange, "image_store.read", "beyond the image area");
  try {
    std::vector<std::uint8_t> p;
    for (std::size_t at = offset; at < offset + out.size();) {
      const std::size_t n = at / kPageSize, in_page = at % kPageSize;
      const std::size_t len = std::min(kPageSize - in_page, offset + out.size() - at);
      if (!page(n, &p)) return Status::error(StatusCode::kCorruption, "image_store.page", "a stored page does not read");
      std::copy_n(p.begin() + static_cast<std::ptrdiff_t>(in_page), len, out.begin() + static_cast<std::ptrdiff_t>(at - offset));
      at += len;
    }
  } catch (const std::exception& e) {
    return failed("image_store.read", e);
  }
  return Status::ok();
}

Status MetaImageStore::erase() {
  try {
    for (std::size_t n = 0; n < kCapacity / kPageSize; ++n) {
      const std::optional<std::string> text = store_.get ? store_.get(page_key(n)) : std::nullopt;
      if (text && !text->empty() && store_.set) store_.set(page_key(n), "");
    }
  } catch (const std::exception& e) {
    return failed("image_store.erase", e);
  }
  return Status::ok();
}

Status MetaImageStore::put_record(std::span<const std::uint8_t> record) {
  if (record.size() > kMaxRecord) return Status::error(StatusCode::kCapacity, "image_store.record", "too long");
  try {
    if (store_.set) store_.set(kRecordKey, to_hex(record));
  } catch (const std::exception& e) {
    return failed("image_store.record", e);
  }
  return Status::ok();
}

Status MetaImageStore::get_record(std::span<std::uint8_t, kMaxRecord> out, std::size_t* size) {
  *size = 0;
  try {
    const std::optional<std::string> text = store_.get ? store_.get(kRecordKey) : std::nullopt;
    if (!text) return Status::ok();
    std::vector<std::uint8_t> bytes;
    if (!from_hex(*text, &bytes) || bytes.size() > kMaxRecord)
      return Status::error(StatusCode::kCorruption, "image_store.record", "the stored record does not read");
    std::copy(bytes.begin(), bytes.end(), out.begin());
    *size = bytes.size();
  } catch (const std::exception& e) {
    return failed("image_store.record", e);
  }
  return Status::ok();
}

}  // namespace quadra::host
