// The persistent state of a module as a flat run of bytes, written and read by one function per
// class so that the two directions cannot disagree:
//
//   template <class Archive> void persist(Archive& a) { a(quanta_)(residue_); }
//
// StateWriter writes the fields in that order, StateReader reads them back in the same order.
// Supported fields: arithmetic types and enums (their bytes, native order: a store is read by the
// build that wrote it, see snapshot.h for the version that guards this), std::array and
// std::optional of supported types, and classes with such a persist() member. Configuration is not
// part of a module's state: it comes from the configuration on every start.
//
// No heap, no exceptions: both sides work on caller-provided spans and report a sticky Status
// (kCapacity when the writer's buffer is too small, kCorruption when the reader runs out of bytes or
// meets an impossible value). Archive::kLoading tells a persist() which way it runs, for the few
// classes that must check a value before using it (a ring's fill level, say).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <type_traits>

#include "core/common/status.h"

namespace quadra::storage {

namespace detail {
template <class T> struct is_std_array : std::false_type {};
template <class T, std::size_t N> struct is_std_array<std::array<T, N>> : std::true_type {};
template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
}  // namespace detail

class StateWriter {
 public:
  static constexpr bool kLoading = false;
  explicit StateWriter(std::span<std::uint8_t> out) : out_(out) {}

  template <class T>
  StateWriter& operator()(const T& v) {
    write(v);
    return *this;
  }
  // A reader-side check that has nothing to do when writing.
  StateWriter& check(bool, const char*) { return *this; }

  const Status& status() const { return status_; }
  std::size_t size() const { return used_; }
  // Bytes the state needs, written or not: a writer over an empty span measures.
  std::size_t needed() const { return needed_; }
  std::span<const std::uint8_t> bytes() const { return out_.first(used_); }

 private:
  template <class T>
  void write(const T& v) {
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
      put(&v, sizeof v);
    } else if constexpr (detail::is_std_array<T>::value) {
      for (const auto& e : v) write(e);
    } else if constexpr (detail::is_optional<T>::value) {
      write(v.has_value());
      if (v) write(*v);
      else write(typename T::value_type{});  // a fixed length whatever the value
    } else {
      // persist() is shared with the reader, hence not const; the writer only reads the fields.
      const_cast<T&>(v).persist(*this);
    }
  }
  void put(const void* p, std::size_t n) {
    needed_ += n;
    if (!status_.is_ok()) return;
    if (out_.size() - used_ < n) {
      status_ = Status::error(StatusCode::kCapacity, "store.snapshot", "the state does not fit the snapshot buffer");
      return;
    }
    std::memcpy(out_.data() + used_, p, n);
    used_ += n;
  }

  std::span<std::uint8_t> out_;
  std::size_t used_ = 0;
  std::size_t needed_ = 0;
  Status status_;
};

class StateReader {
 public:
  static constexpr bool kLoading = true;
  explicit StateReader(std::span<const std::uint8_t> in) : in_(in) {}

  template <class T>
  StateReader& operator()(T& v) {
    read(v);
    return *this;
  }
  // Marks the state corrupt (with `what` as the reason) unless `ok`.
  StateReader& check(bool ok, const char* what) {
    if (!ok && status_.is_ok()) status_ = Status::error(StatusCode::kCorruption, "store.snapshot", what);
    return *this;
  }

  const Status& status() const { return status_; }
  // True when every byte has been read and nothing failed.
  bool complete() const { return status_.is_ok() && used_ == in_.size(); }

 private:
  template <class T>
  void read(T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t b = 0;
      get(&b, 1);
      check(b <= 1, "a boolean field holds neither 0 nor 1");
      v = b == 1;
    } else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
      get(&v, sizeof v);
    } else if constexpr (detail::is_std_array<T>::value) {
      for (auto& e : v) read(e);
    } else if constexpr (detail::is_optional<T>::value) {
      bool has = false;
      read(has);
      typename T::value_type value{};
      read(value);
      if (has) v = value;
      else v.reset();
    } else {
      v.persist(*this);
    }
  }
  void get(void* p, std::size_t n) {
    if (!status_.is_ok()) return;
    if (in_.size() - used_ < n) {
      status_ = Status::error(StatusCode::kCorruption, "store.snapshot", "the snapshot ends inside a field");
      return;
    }
    std::memcpy(p, in_.data() + used_, n);
    used_ += n;
  }

  std::span<const std::uint8_t> in_;
  std::size_t used_ = 0;
  Status status_;
};

}  // namespace quadra::storage
