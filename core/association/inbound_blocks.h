// Reassembly of a service-specific block transfer towards the server (Green Book, "Transferring
// long application elements": SET-Request-With-First-Datablock / -With-Datablock and
// ACTION-Request-With-First-Pblock / -With-Pblock): the raw-data of blocks 1, 2, 3 ... appended
// in order into a buffer fixed at start-up. The blocks' concatenation is, once the last block
// arrived, the A-XDR encoding the service would have carried in one APDU (the SET Data value, the
// ACTION method-invocation-parameters Data value, or for the with-list forms the SEQUENCE OF Data).
//
// A block out of order or more data than the buffer holds aborts the transfer (nothing is kept);
// the caller answers with the service's error (data-block-number-invalid, long-set-aborted,
// long-action-aborted) and the client has to start again with block 1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"

namespace quadra::association {

class InboundBlocks {
 public:
  enum class Verdict : std::uint8_t {
    kMore,         // accepted, not the last block: acknowledge its number and wait for the next
    kComplete,     // accepted, the last block: data() is the whole encoding
    kWrongNumber,  // not the block expected (the first must be 1, then each one more): aborted
    kOverflow,     // more data than the buffer holds: aborted
    kNotStarted,   // a continuation with no transfer in progress
  };

  // The buffer the blocks are collected in (a part of the session's buffers).
  void bind(std::span<std::uint8_t> buffer) {
    buffer_ = buffer;
    abort();
  }
  // The first block of a new transfer (any transfer in progress is dropped).
  Verdict first(const dlms::DataBlockSa& block);
  // A further block of the transfer in progress.
  Verdict next(const dlms::DataBlockSa& block);
  void abort() {
    active_ = false;
    size_ = 0;
    last_number_ = 0;
  }

  bool active() const { return active_; }
  // The number of the last block accepted (what the server acknowledges).
  std::uint32_t last_number() const { return last_number_; }
  // Valid after kComplete, until the next first().
  std::span<const std::uint8_t> data() const { return buffer_.first(size_); }
  std::size_t capacity() const { return buffer_.size(); }

 private:
  Verdict append(const dlms::DataBlockSa& block);

  std::span<std::uint8_t> buffer_;
  std::size_t size_ = 0;
  std::uint32_t last_number_ = 0;
  bool active_ = false;
};

}  // namespace quadra::association
