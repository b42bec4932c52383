// A vector whose capacity is fixed at compile time: std::array storage plus a size. Adding beyond
// the capacity is refused with a kCapacity Status instead of allocating, so the calendar tables
// never touch the heap. (A candidate for core/common once a second module needs it.)
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "core/common/status.h"

namespace quadra::clock {

template <typename T, std::size_t N>
class FixedVector {
 public:
  constexpr FixedVector() = default;

  static constexpr std::size_t capacity() { return N; }
  constexpr std::size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr bool full() const { return size_ == N; }

  // Precondition: i < size().
  constexpr const T& operator[](std::size_t i) const { return items_[i]; }
  constexpr T& operator[](std::size_t i) { return items_[i]; }

  constexpr const T* begin() const { return items_.data(); }
  constexpr const T* end() const { return items_.data() + size_; }
  constexpr T* begin() { return items_.data(); }
  constexpr T* end() { return items_.data() + size_; }
  constexpr std::span<const T> span() const { return {items_.data(), size_}; }

  // `field` names the table in the error when it is full.
  constexpr Status push_back(const T& v, const char* field) {
    if (size_ == N) return Status::error(StatusCode::kCapacity, field, "table is full");
    items_[size_++] = v;
    return Status::ok();
  }
  // Replaces the content; refused (and the content left as it was) when items do not fit.
  constexpr Status assign(std::span<const T> items, const char* field) {
    if (items.size() > N) return Status::error(StatusCode::kCapacity, field, "more entries than the table holds");
    for (std::size_t i = 0; i < items.size(); ++i) items_[i] = items[i];
    for (std::size_t i = items.size(); i < size_; ++i) items_[i] = T{};
    size_ = items.size();
    return Status::ok();
  }
  // Precondition: i < size(). Keeps the order of the others.
  constexpr void erase(std::size_t i) {
    for (std::size_t k = i + 1; k < size_; ++k) items_[k - 1] = items_[k];
    items_[--size_] = T{};
  }
  // Precondition: i <= size() < capacity().
  constexpr void insert(std::size_t i, const T& v) {
    for (std::size_t k = size_; k > i; --k) items_[k] = items_[k - 1];
    items_[i] = v;
    ++size_;
  }
  constexpr void clear() {
    for (std::size_t i = 0; i < size_; ++i) items_[i] = T{};
    size_ = 0;
  }

  // The state archive (storage/state_archive.h): every slot (a fixed length whatever the size),
  // then the size; a stored size beyond the capacity is refused as corrupt.
  template <class Archive>
  constexpr void persist(Archive& a) {
    a(items_)(size_);
    a.check(size_ <= N, "a table holds more entries than its capacity");
    if (size_ > N) size_ = 0;
  }

  // Unused slots are kept value-initialised, so the defaulted comparison compares contents.
  friend constexpr bool operator==(const FixedVector&, const FixedVector&) = default;

 private:
  std::array<T, N> items_{};
  std::size_t size_ = 0;
};

}  // namespace quadra::clock
