#include "core/association/inbound_blocks.h"

#include <algorithm>

namespace quadra::association {

InboundBlocks::Verdict InboundBlocks::first(const dlms::DataBlockSa& block) {
  abort();
  if (block.block_number != 1) return Verdict::kWrongNumber;
  active_ = true;
  return append(block);
}

InboundBlocks::Verdict InboundBlocks::next(const dlms::DataBlockSa& block) {
  if (!active_) return Verdict::kNotStarted;
  if (block.block_number != last_number_ + 1) {
    abort();
    return Verdict::kWrongNumber;
  }
  return append(block);
}

InboundBlocks::Verdict InboundBlocks::append(const dlms::DataBlockSa& block) {
  if (block.raw_data.size() > buffer_.size() - size_) {
    abort();
    return Verdict::kOverflow;
  }
  std::copy(block.raw_data.begin(), block.raw_data.end(), buffer_.begin() + static_cast<std::ptrdiff_t>(size_));
  size_ += block.raw_data.size();
  last_number_ = block.block_number;
  if (!block.last_block) return Verdict::kMore;
  active_ = false;  // complete: data() stays readable until the next first()
  return Verdict::kComplete;
}

}  // namespace quadra::association
