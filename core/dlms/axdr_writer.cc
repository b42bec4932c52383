#include "core/dlms/axdr_writer.h"

#include <bit>
#include <cstring>

#include "core/dlms/codec_status.h"

namespace quadra::dlms {
namespace {
constexpr std::uint8_t tag(DataType t) { return static_cast<std::uint8_t>(t); }
}  // namespace

bool AxdrWriter::room(std::size_t n) {
  if (!status_.is_ok()) return false;
  if (n > out_.size() - size_) {
    status_ = overflow("axdr_writer");
    return false;
  }
  return true;
}

void AxdrWriter::fail(Status s) {
  if (status_.is_ok() && !s.is_ok()) status_ = s;
}

void AxdrWriter::put_be(std::uint64_t v, int octets) {
  for (int i = octets - 1; i >= 0; --i) out_[size_++] = static_cast<std::uint8_t>(v >> (8 * i));
}

void AxdrWriter::u8(std::uint8_t v) {
  if (room(1)) put_be(v, 1);
}
void AxdrWriter::u16(std::uint16_t v) {
  if (room(2)) put_be(v, 2);
}
void AxdrWriter::u32(std::uint32_t v) {
  if (room(4)) put_be(v, 4);
}

void AxdrWriter::length(std::uint32_t n) {
  const std::size_t size = length_size(n);
  if (!room(size)) return;
  if (size == 1) {
    put_be(n, 1);
  } else {
    out_[size_++] = static_cast<std::uint8_t>(0x80 | (size - 1));
    put_be(n, static_cast<int>(size - 1));
  }
}

void AxdrWriter::raw(std::span<const std::uint8_t> bytes) {
  if (!room(bytes.size())) return;
  if (!bytes.empty()) std::memcpy(out_.data() + size_, bytes.data(), bytes.size());
  size_ += bytes.size();
}

void AxdrWriter::null() { u8(tag(DataType::kNull)); }
void AxdrWriter::dont_care() { u8(tag(DataType::kDontCare)); }

void AxdrWriter::boolean(bool v) {
  if (room(2)) {
    put_be(tag(DataType::kBoolean), 1);
    put_be(v ? 1 : 0, 1);
  }
}

void AxdrWriter::bit_string(std::span<const std::uint8_t> bytes, std::uint32_t bit_count) {
  if (bytes.size() != (static_cast<std::size_t>(bit_count) + 7) / 8) {
    fail(Status::invalid("axdr_writer.bit_string", "byte count does not match the bit count"));
    return;
  }
  if (!room(1 + length_size(bit_count) + bytes.size())) return;
  u8(tag(DataType::kBitString));
  length(bit_count);
  raw(bytes);
}

#define QUADRA_AXDR_FIXED(name, type, data_type, octets)             \
  void AxdrWriter::name(type v) {                                    \
    if (room(1 + (octets))) {                                        \
      put_be(tag(data_type), 1);                                     \
      put_be(static_cast<std::uint64_t>(v), octets);                 \
    }                                                                \
  }
QUADRA_AXDR_FIXED(integer, std::int8_t, DataType::kInteger, 1)
QUADRA_AXDR_FIXED(long16, std::int16_t, DataType::kLong, 2)
QUADRA_AXDR_FIXED(unsigned8, std::uint8_t, DataType::kUnsigned, 1)
QUADRA_AXDR_FIXED(long_unsigned, std::uint16_t, DataType::kLongUnsigned, 2)
QUADRA_AXDR_FIXED(double_long, std::int32_t, DataType::kDoubleLong, 4)
QUADRA_AXDR_FIXED(double_long_unsigned, std::uint32_t, DataType::kDoubleLongUnsigned, 4)
QUADRA_AXDR_FIXED(long64, std::int64_t, DataType::kLong64, 8)
QUADRA_AXDR_FIXED(long64_unsigned, std::uint64_t, DataType::kLong64Unsigned, 8)
QUADRA_AXDR_FIXED(enum_value, std::uint8_t, DataType::kEnum, 1)
QUADRA_AXDR_FIXED(bcd, std::uint8_t, DataType::kBcd, 1)
#undef QUADRA_AXDR_FIXED

void AxdrWriter::float32(float v) {
  if (room(5)) {
    put_be(tag(DataType::kFloat32), 1);
    put_be(std::bit_cast<std::uint32_t>(v), 4);
  }
}

void AxdrWriter::float64(double v) {
  if (room(9)) {
    put_be(tag(DataType::kFloat64), 1);
    put_be(std::bit_cast<std::uint64_t>(v), 8);
  }
}

void AxdrWriter::octet_string(std::span<const std::uint8_t> v) {
  if (v.size() > UINT32_MAX) {
    fail(overflow("axdr_writer"));
    return;
  }
  const auto n = static_cast<std::uint32_t>(v.size());
  if (!room(1 + length_size(n) + v.size())) return;
  u8(tag(DataType::kOctetString));
  length(n);
  raw(v);
}

namespace {
std::span<const std::uint8_t> as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
}  // namespace

void AxdrWriter::visible_string(std::string_view v) {
  const auto n = static_cast<std::uint32_t>(v.size());
  if (!room(1 + length_size(n) + v.size())) return;
  u8(tag(DataType::kVisibleString));
  length(n);
  raw(as_bytes(v));
}

void AxdrWriter::utf8_string(std::string_view v) {
  const auto n = static_cast<std::uint32_t>(v.size());
  if (!room(1 + length_size(n) + v.size())) return;
  u8(tag(DataType::kUtf8String));
  length(n);
  raw(as_bytes(v));
}

void AxdrWriter::date_time(std::span<const std::uint8_t, 12> v) {
  if (!room(13)) return;
  u8(tag(DataType::kDateTime));
  raw(v);
}
void AxdrWriter::date(std::span<const std::uint8_t, 5> v) {
  if (!room(6)) return;
  u8(tag(DataType::kDate));
  raw(v);
}
void AxdrWriter::time(std::span<const std::uint8_t, 4> v) {
  if (!room(5)) return;
  u8(tag(DataType::kTime));
  raw(v);
}

void AxdrWriter::array(std::uint32_t count) {
  if (!room(1 + length_size(count))) return;
  u8(tag(DataType::kArray));
  length(count);
}

void AxdrWriter::structure(std::uint32_t count) {
  if (!room(1 + length_size(count))) return;
  u8(tag(DataType::kStructure));
  length(count);
}

AxdrWriter::Mark AxdrWriter::open_length() {
  if (!room(1)) return Mark{};
  Mark m{size_};
  out_[size_++] = 0;
  return m;
}

AxdrWriter::Mark AxdrWriter::begin_array() {
  if (!room(2)) return Mark{};
  u8(tag(DataType::kArray));
  return open_length();
}

AxdrWriter::Mark AxdrWriter::begin_structure() {
  if (!room(2)) return Mark{};
  u8(tag(DataType::kStructure));
  return open_length();
}

void AxdrWriter::end_count(Mark mark, std::uint32_t count) { patch_length(mark, count); }

void AxdrWriter::close_length(Mark mark) {
  if (!status_.is_ok() || mark.at >= size_) return;
  const std::size_t content = size_ - mark.at - 1;
  if (content > UINT32_MAX) {
    fail(overflow("axdr_writer"));
    return;
  }
  patch_length(mark, static_cast<std::uint32_t>(content));
}

void AxdrWriter::patch_length(Mark mark, std::uint32_t value) {
  if (!status_.is_ok() || mark.at >= size_) return;
  const std::size_t n = length_size(value);
  const std::size_t extra = n - 1;
  if (extra > 0) {
    if (!room(extra)) return;
    std::uint8_t* base = out_.data() + mark.at + 1;
    std::memmove(base + extra, base, size_ - mark.at - 1);
    size_ += extra;
  }
  std::uint8_t* p = out_.data() + mark.at;
  if (n == 1) {
    p[0] = static_cast<std::uint8_t>(value);
  } else {
    p[0] = static_cast<std::uint8_t>(0x80 | extra);
    for (std::size_t i = 0; i < extra; ++i) p[1 + i] = static_cast<std::uint8_t>(value >> (8 * (extra - 1 - i)));
  }
}

}  // namespace quadra::dlms
