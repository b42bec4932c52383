#include "core/storage/snapshot.h"

#include <cstring>

#include "core/storage/crc32.h"

namespace quadra::storage {
namespace {

constexpr std::uint8_t kMagic[4] = {'Q', 'D', 'R', 'S'};

void put_u16(std::uint8_t* p, std::uint16_t v) { std::memcpy(p, &v, sizeof v); }
void put_u32(std::uint8_t* p, std::uint32_t v) { std::memcpy(p, &v, sizeof v); }
std::uint16_t get_u16(const std::uint8_t* p) {
  std::uint16_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
std::uint32_t get_u32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

void seal_snapshot(std::span<std::uint8_t> buffer, std::size_t payload_size, std::uint16_t format,
                   std::size_t& record_size) {
  std::memcpy(buffer.data(), kMagic, sizeof kMagic);
  put_u16(buffer.data() + 4, format);
  put_u16(buffer.data() + 6, 0);
  put_u32(buffer.data() + 8, static_cast<std::uint32_t>(payload_size));
  const std::size_t body = kSnapshotHeader + payload_size;
  put_u32(buffer.data() + body, crc32(buffer.first(body)));
  record_size = body + 4;
}

Status open_snapshot(std::span<const std::uint8_t> record, std::uint16_t format,
                     std::span<const std::uint8_t>& payload) {
  if (record.size() < kSnapshotOverhead)
    return Status::error(StatusCode::kCorruption, "store.snapshot", "shorter than a snapshot header");
  if (std::memcmp(record.data(), kMagic, sizeof kMagic) != 0)
    return Status::error(StatusCode::kCorruption, "store.snapshot", "does not start with the snapshot magic");
  const std::uint32_t length = get_u32(record.data() + 8);
  if (length != record.size() - kSnapshotOverhead)
    return Status::error(StatusCode::kCorruption, "store.snapshot", "its length field disagrees with its size");
  const std::size_t body = kSnapshotHeader + length;
  if (crc32(record.first(body)) != get_u32(record.data() + body))
    return Status::error(StatusCode::kCorruption, "store.snapshot", "fails its CRC-32 check");
  if (get_u16(record.data() + 4) != format || get_u16(record.data() + 6) != 0)
    return Status::error(StatusCode::kNotSupported, "store.snapshot",
                         "was written in another format version by another build of the meter");
  payload = record.subspan(kSnapshotHeader, length);
  return Status::ok();
}

}  // namespace quadra::storage
