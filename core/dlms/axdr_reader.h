// AxdrReader: a pull parser of A-XDR (IEC 61334-6 as used by DLMS/COSEM) over a span it does not
// own. It never reads outside the span, never allocates, and fails with a precise Status
// (codec_status.h): kReasonTruncated when the input ends inside a value, kReasonBadLength for a
// malformed length (0x80, more than four length octets) or a wrong fixed size, kReasonUnknownTag
// for a Data tag not in data_type.h, kReasonTooDeep beyond kMaxDepth nested containers.
// A failed call leaves the position where it was.
//
// Two levels of reading, mirroring AxdrWriter:
//   - Data values: next() reads one tag and its content; for array and structure only the count
//     (the elements follow, read them with further next() calls). skip_value() passes over one
//     complete value, nested containers included, checking every part of it; value() does the
//     same and hands back the span the value covered (used to keep SET data or ACTION parameters
//     as raw, already-validated bytes).
//   - Bare APDU fields: u8/u16/u32 (big-endian), length(), bytes(n), each naming the field for
//     the error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"
#include "core/dlms/data_type.h"

namespace quadra::dlms {

// One value as next() reads it. Which members are set depends on `type`:
//   boolean, unsigned, long-unsigned, double-long-unsigned, long64-unsigned, enum, bcd:
//       unsigned_value (boolean: 0 or 1; any non-zero octet reads as 1)
//   integer, long, double-long, long64: signed_value
//   float32, float64: float_value
//   octet-string, visible-string, utf8-string, date-time, date, time: bytes (the content)
//   bit-string: count = number of bits, bytes = the (count + 7) / 8 content octets
//   array, structure: count = number of elements that follow
//   compact-array: type_description = its type description, bytes = the contents octets,
//       count = their number
//   null, dont-care: nothing
struct AxdrItem {
  DataType type = DataType::kNull;
  std::uint64_t unsigned_value = 0;
  std::int64_t signed_value = 0;
  double float_value = 0.0;
  std::uint32_t count = 0;
  std::span<const std::uint8_t> bytes;
  std::span<const std::uint8_t> type_description;
};

class AxdrReader {
 public:
  // Deepest nesting of arrays/structures skip_value() accepts (the outermost container is
  // level 1), and of compact-array type descriptions.
  static constexpr int kMaxDepth = 16;

  explicit AxdrReader(std::span<const std::uint8_t> in) : in_(in) {}

  // ---- Data values ----
  Status next(AxdrItem* item);
  Status skip_value();
  // skip_value(), and *value = the bytes of the whole value (tag included).
  Status value(std::span<const std::uint8_t>* value);
  // next(), requiring the given type: another type is kReasonWrongType naming `field`, and the
  // reader does not move (so a COSEM attribute setter reads "structure of 2, then long-unsigned,
  // then octet-string" and answers type-unmatched on the first surprise).
  Status expect(DataType type, AxdrItem* item, const char* field);

  // ---- Bare fields ----
  Status u8(std::uint8_t* v, const char* field);
  Status u16(std::uint16_t* v, const char* field);
  Status u32(std::uint32_t* v, const char* field);
  // The BER/A-XDR length form (short, or 0x81..0x84 followed by 1..4 octets).
  Status length(std::uint32_t* n, const char* field);
  // The next n octets.
  Status bytes(std::size_t n, std::span<const std::uint8_t>* out, const char* field);
  // A length followed by that many octets (an octet string without its Data tag).
  Status counted_bytes(std::span<const std::uint8_t>* out, const char* field);
  // A BOOLEAN field: 0 or 1 (anything else: kReasonBadValue).
  Status boolean(bool* v, const char* field);

  // ---- Position ----
  std::size_t position() const { return pos_; }
  std::size_t remaining() const { return in_.size() - pos_; }
  bool at_end() const { return pos_ == in_.size(); }
  std::span<const std::uint8_t> rest() const { return in_.subspan(pos_); }
  // Ok when everything was read, else kReasonTrailing naming `field`.
  Status expect_end(const char* field) const;

 private:
  Status read_item(std::size_t* pos, AxdrItem* item) const;
  Status read_length_at(std::size_t* pos, std::uint32_t* n, const char* field) const;
  Status skip_type_description(std::size_t* pos, int depth) const;

  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
};

}  // namespace quadra::dlms
