// AxdrWriter: A-XDR encoding (IEC 61334-6, as used by DLMS/COSEM) into a span the caller owns.
//
// Two levels of writing:
//   - Data values: one method per COSEM data type writes the tag and the content
//     (long_unsigned(0x1234) -> 12 12 34; octet_string({1,2}) -> 09 02 01 02).
//   - Bare fields of APDUs: u8/u16/u32 (big-endian), length() (the BER/A-XDR length form:
//     0..127 in one octet, else 0x81 xx, 0x82 xx xx, 0x83 xx xx xx, 0x84 xx xx xx xx) and raw().
//
// Errors are sticky: the first write that does not fit sets status() to a kCapacity Status with
// reason kReasonOverflow, writes nothing, and every later write is ignored. So a caller writes a
// whole APDU and checks status() once.
//
// Counts and lengths not known in advance (profile rows streamed into an array, BER containers)
// are written with begin_*()/open_length() and patched with end_count()/close_length(): the writer
// reserves one octet and, when the final value needs the long form, moves what was written after
// it to make room (so the encoding is always the shortest form, as strict peers expect).
//
// No heap, no exceptions. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/common/status.h"
#include "core/dlms/data_type.h"

namespace quadra::dlms {

class AxdrWriter {
 public:
  // A reserved length or count octet (see begin_array / open_length).
  struct Mark {
    std::size_t at = SIZE_MAX;  // offset of the reserved octet; SIZE_MAX when the writer had failed
  };

  explicit AxdrWriter(std::span<std::uint8_t> out) : out_(out) {}

  // ---- Data values (tag + content) ----
  void null();
  void dont_care();
  void boolean(bool v);
  // bytes.size() must be (bit_count + 7) / 8; the first bit is the most significant bit of bytes[0].
  void bit_string(std::span<const std::uint8_t> bytes, std::uint32_t bit_count);
  void integer(std::int8_t v);
  void long16(std::int16_t v);
  void unsigned8(std::uint8_t v);
  void long_unsigned(std::uint16_t v);
  void double_long(std::int32_t v);
  void double_long_unsigned(std::uint32_t v);
  void long64(std::int64_t v);
  void long64_unsigned(std::uint64_t v);
  void enum_value(std::uint8_t v);
  void bcd(std::uint8_t v);
  void float32(float v);
  void float64(double v);
  void octet_string(std::span<const std::uint8_t> v);
  void visible_string(std::string_view v);
  void utf8_string(std::string_view v);
  // The COSEM date-time (12 octets), date (5) and time (4) as octet patterns: written with their
  // own tags 25, 26, 27 (a COSEM attribute declared as octet-string takes octet_string() instead).
  void date_time(std::span<const std::uint8_t, 12> v);
  void date(std::span<const std::uint8_t, 5> v);
  void time(std::span<const std::uint8_t, 4> v);
  // Containers: the tag and the element count; the elements are written next.
  void array(std::uint32_t count);
  void structure(std::uint32_t count);
  // Containers whose count is known only at the end.
  Mark begin_array();
  Mark begin_structure();
  void end_count(Mark mark, std::uint32_t count);

  // ---- Bare fields ----
  void u8(std::uint8_t v);
  void u16(std::uint16_t v);
  void u32(std::uint32_t v);
  void length(std::uint32_t n);
  void raw(std::span<const std::uint8_t> bytes);
  // A length octet reserved now; close_length() writes the number of octets written since.
  Mark open_length();
  void close_length(Mark mark);
  // Records an error found by the caller (first one wins) so that status() reports it.
  void fail(Status s);

  // ---- State ----
  Status status() const { return status_; }
  bool ok() const { return status_.is_ok(); }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return out_.size(); }
  std::span<const std::uint8_t> bytes() const { return {out_.data(), size_}; }

  // Octets length() uses for n: 1, 2, 3, 4 or 5.
  static constexpr std::size_t length_size(std::uint32_t n) {
    return n < 0x80 ? 1 : n <= 0xFF ? 2 : n <= 0xFFFF ? 3 : n <= 0xFFFFFF ? 4 : 5;
  }

 private:
  bool room(std::size_t n);
  void put_be(std::uint64_t v, int octets);
  void patch_length(Mark mark, std::uint32_t value);

  std::span<std::uint8_t> out_;
  std::size_t size_ = 0;
  Status status_;
};

}  // namespace quadra::dlms
