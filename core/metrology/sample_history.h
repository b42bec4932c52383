// The recent past of the conditioned samples, addressed by absolute sample number, so that windows
// whose boundaries are found a few milliseconds late (zero crossings of a filtered signal) can still
// be summed and resampled exactly. Capacity is fixed at construction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/metrology/sample_frame.h"

namespace quadra::metrology {

// Eight lanes (seven channels and a zero pad) so that loops over a frame vectorise.
struct alignas(32) HistoryFrame {
  std::array<float, 8> lane{};
};

class SampleHistory {
 public:
  // min_capacity: frames that must stay addressable; rounded up to a power of two.
  explicit SampleHistory(std::size_t min_capacity) {
    std::size_t cap = 1;
    while (cap < min_capacity) cap <<= 1;
    frames_.resize(cap);
    mask_ = cap - 1;
  }

  void push(const SampleFrame& f) {
    HistoryFrame& h = frames_[static_cast<std::size_t>(next_) & mask_];
    for (std::size_t c = 0; c < kChannelCount; ++c) h.lane[c] = f.value[c];
    ++next_;
  }

  // Number of the next frame to arrive; frames [next() - capacity(), next()) are held.
  std::int64_t next() const { return next_; }
  std::size_t capacity() const { return frames_.size(); }
  // Precondition: next() - capacity() <= n < next().
  const HistoryFrame& at(std::int64_t n) const { return frames_[static_cast<std::size_t>(n) & mask_]; }
  // The frames n .. n + count - 1 as one array, or nullptr where they wrap around the ring's end.
  // Precondition: as for at(), for all of them.
  const HistoryFrame* contiguous(std::int64_t n, std::size_t count) const {
    const std::size_t first = static_cast<std::size_t>(n) & mask_;
    return first + count <= frames_.size() ? &frames_[first] : nullptr;
  }
  bool holds(std::int64_t first, std::int64_t last_exclusive) const {
    return first >= 0 && last_exclusive <= next_ &&
           next_ - first <= static_cast<std::int64_t>(frames_.size());
  }

 private:
  std::vector<HistoryFrame> frames_;
  std::size_t mask_ = 0;
  std::int64_t next_ = 0;
};

}  // namespace quadra::metrology
