// A snapshot record: the meter's state (everything but the rows of its logs and profiles) as one
// checked blob.
//
//   offset 0   "QDRS"                 magic
//          4   format version (u16)   kSnapshotFormat of the build that wrote it
//          6   0 (u16)                reserved
//          8   payload length (u32)
//         12   payload                StateWriter output
//   12 + n     CRC-32 (u32)           over bytes 0 .. 12 + n (crc32.h)
//
// Numbers are in the writing machine's byte order: a snapshot is read back by the meter that wrote
// it. A build that changes any persist() must raise kSnapshotFormat; an older snapshot is then
// refused (kNotSupported), never misread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"

namespace quadra::storage {

inline constexpr std::size_t kSnapshotHeader = 12;
inline constexpr std::size_t kSnapshotOverhead = kSnapshotHeader + 4;

// The payload area of a snapshot buffer: write the state there, then seal.
inline std::span<std::uint8_t> snapshot_payload(std::span<std::uint8_t> buffer) {
  return buffer.size() > kSnapshotOverhead ? buffer.subspan(kSnapshotHeader, buffer.size() - kSnapshotOverhead)
                                           : std::span<std::uint8_t>();
}

// Writes the header and the CRC around payload_size bytes already in snapshot_payload(buffer);
// the record is buffer.first(record_size). Precondition: payload_size <= snapshot_payload(buffer).size().
void seal_snapshot(std::span<std::uint8_t> buffer, std::size_t payload_size, std::uint16_t format,
                   std::size_t& record_size);

// Checks a record (magic, length, CRC, then format) and gives its payload. kCorruption names what
// failed; kNotSupported means a sound record of another format version.
Status open_snapshot(std::span<const std::uint8_t> record, std::uint16_t format,
                     std::span<const std::uint8_t>& payload);

}  // namespace quadra::storage
