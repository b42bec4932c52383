#include "core/dlms/axdr_reader.h"

#include <bit>

#include "core/dlms/codec_status.h"

namespace quadra::dlms {
namespace {

std::uint64_t be(std::span<const std::uint8_t> in, std::size_t at, int octets) {
  std::uint64_t v = 0;
  for (int i = 0; i < octets; ++i) v = (v << 8) | in[at + static_cast<std::size_t>(i)];
  return v;
}

// The content size of the fixed-size types, or -1 for the others.
int fixed_size(DataType t) {
  switch (t) {
    case DataType::kNull: case DataType::kDontCare: return 0;
    case DataType::kBoolean: case DataType::kInteger: case DataType::kUnsigned: case DataType::kEnum:
    case DataType::kBcd: return 1;
    case DataType::kLong: case DataType::kLongUnsigned: return 2;
    case DataType::kDoubleLong: case DataType::kDoubleLongUnsigned: case DataType::kFloat32: return 4;
    case DataType::kLong64: case DataType::kLong64Unsigned: case DataType::kFloat64: return 8;
    case DataType::kDateTime: return 12;
    case DataType::kDate: return 5;
    case DataType::kTime: return 4;
    default: return -1;
  }
}

const char* field_of(DataType t) {
  switch (t) {
    case DataType::kArray: return "axdr.array";
    case DataType::kStructure: return "axdr.structure";
    case DataType::kBitString: return "axdr.bit_string";
    case DataType::kOctetString: return "axdr.octet_string";
    case DataType::kVisibleString: return "axdr.visible_string";
    case DataType::kUtf8String: return "axdr.utf8_string";
    case DataType::kCompactArray: return "axdr.compact_array";
    default: return "axdr.value";
  }
}

}  // namespace

Status AxdrReader::read_length_at(std::size_t* pos, std::uint32_t* n, const char* field) const {
  std::size_t p = *pos;
  if (p >= in_.size()) return truncated(field);
  const std::uint8_t first = in_[p++];
  if (first < 0x80) {
    *n = first;
  } else {
    const int octets = first & 0x7F;
    if (octets == 0 || octets > 4) return bad_length(field);
    if (in_.size() - p < static_cast<std::size_t>(octets)) return truncated(field);
    *n = static_cast<std::uint32_t>(be(in_, p, octets));
    p += static_cast<std::size_t>(octets);
  }
  *pos = p;
  return Status::ok();
}

Status AxdrReader::skip_type_description(std::size_t* pos, int depth) const {
  const char* field = "axdr.compact_array.type_description";
  if (depth > kMaxDepth) return too_deep(field);
  std::size_t p = *pos;
  if (p >= in_.size()) return truncated(field);
  const std::uint8_t t = in_[p++];
  if (!is_known_data_type(t) || t == static_cast<std::uint8_t>(DataType::kCompactArray)) return unknown_tag(field);
  if (t == static_cast<std::uint8_t>(DataType::kArray)) {
    if (in_.size() - p < 2) return truncated(field);
    p += 2;  // number of elements, long-unsigned
    if (Status s = skip_type_description(&p, depth + 1); !s) return s;
  } else if (t == static_cast<std::uint8_t>(DataType::kStructure)) {
    std::uint32_t n = 0;
    if (Status s = read_length_at(&p, &n, field); !s) return s;
    if (n > in_.size() - p) return truncated(field);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (Status s = skip_type_description(&p, depth + 1); !s) return s;
    }
  }
  *pos = p;
  return Status::ok();
}

Status AxdrReader::read_item(std::size_t* pos, AxdrItem* item) const {
  std::size_t p = *pos;
  if (p >= in_.size()) return truncated("axdr.tag");
  const std::uint8_t t = in_[p++];
  if (!is_known_data_type(t)) return unknown_tag("axdr.tag");
  AxdrItem r;
  r.type = static_cast<DataType>(t);
  const char* field = field_of(r.type);
  const int fixed = fixed_size(r.type);
  if (fixed >= 0) {
    if (in_.size() - p < static_cast<std::size_t>(fixed)) return truncated(field);
    const std::uint64_t v = be(in_, p, fixed);
    switch (r.type) {
      case DataType::kBoolean: r.unsigned_value = v != 0 ? 1 : 0; break;
      case DataType::kInteger: r.signed_value = static_cast<std::int8_t>(v); break;
      case DataType::kLong: r.signed_value = static_cast<std::int16_t>(v); break;
      case DataType::kDoubleLong: r.signed_value = static_cast<std::int32_t>(v); break;
      case DataType::kLong64: r.signed_value = static_cast<std::int64_t>(v); break;
      case DataType::kFloat32: r.float_value = std::bit_cast<float>(static_cast<std::uint32_t>(v)); break;
      case DataType::kFloat64: r.float_value = std::bit_cast<double>(v); break;
      case DataType::kDateTime: case DataType::kDate: case DataType::kTime:
        r.bytes = in_.subspan(p, static_cast<std::size_t>(fixed));
        break;
      default: r.unsigned_value = v; break;
    }
    p += static_cast<std::size_t>(fixed);
  } else if (r.type == DataType::kArray || r.type == DataType::kStructure) {
    if (Status s = read_length_at(&p, &r.count, field); !s) return s;
    // Every element takes at least one octet: a count beyond the input is a lie we can see now.
    if (r.count > in_.size() - p) return truncated(field);
  } else if (r.type == DataType::kBitString) {
    if (Status s = read_length_at(&p, &r.count, field); !s) return s;
    const std::size_t octets = (static_cast<std::size_t>(r.count) + 7) / 8;
    if (octets > in_.size() - p) return truncated(field);
    r.bytes = in_.subspan(p, octets);
    p += octets;
  } else if (r.type == DataType::kCompactArray) {
    const std::size_t start = p;
    if (Status s = skip_type_description(&p, 1); !s) return s;
    r.type_description = in_.subspan(start, p - start);
    if (Status s = read_length_at(&p, &r.count, field); !s) return s;
    if (r.count > in_.size() - p) return truncated(field);
    r.bytes = in_.subspan(p, r.count);
    p += r.count;
  } else {  // octet-string, visible-string, utf8-string
    std::uint32_t n = 0;
    if (Status s = read_length_at(&p, &n, field); !s) return s;
    if (n > in_.size() - p) return truncated(field);
    r.bytes = in_.subspan(p, n);
    p += n;
  }
  *item = r;
  *pos = p;
  return Status::ok();
}

Status AxdrReader::next(AxdrItem* item) {
  std::size_t p = pos_;
  if (Status s = read_item(&p, item); !s) return s;
  pos_ = p;
  return Status::ok();
}

Status AxdrReader::expect(DataType type, AxdrItem* item, const char* field) {
  std::size_t p = pos_;
  AxdrItem r;
  if (Status s = read_item(&p, &r); !s) return s;
  if (r.type != type) return wrong_type(field);
  *item = r;
  pos_ = p;
  return Status::ok();
}

Status AxdrReader::skip_value() {
  std::span<const std::uint8_t> ignored;
  return value(&ignored);
}

Status AxdrReader::value(std::span<const std::uint8_t>* value) {
  std::size_t p = pos_;
  std::uint32_t pending[kMaxDepth];
  int depth = 0;
  do {
    AxdrItem item;
    if (Status s = read_item(&p, &item); !s) return s;
    if ((item.type == DataType::kArray || item.type == DataType::kStructure) && item.count > 0) {
      if (depth == kMaxDepth) return too_deep(field_of(item.type));
      pending[depth++] = item.count;
      continue;
    }
    while (depth > 0 && --pending[depth - 1] == 0) --depth;
  } while (depth > 0);
  *value = in_.subspan(pos_, p - pos_);
  pos_ = p;
  return Status::ok();
}

Status AxdrReader::u8(std::uint8_t* v, const char* field) {
  if (remaining() < 1) return truncated(field);
  *v = in_[pos_++];
  return Status::ok();
}

Status AxdrReader::u16(std::uint16_t* v, const char* field) {
  if (remaining() < 2) return truncated(field);
  *v = static_cast<std::uint16_t>(be(in_, pos_, 2));
  pos_ += 2;
  return Status::ok();
}

Status AxdrReader::u32(std::uint32_t* v, const char* field) {
  if (remaining() < 4) return truncated(field);
  *v = static_cast<std::uint32_t>(be(in_, pos_, 4));
  pos_ += 4;
  return Status::ok();
}

Status AxdrReader::length(std::uint32_t* n, const char* field) { return read_length_at(&pos_, n, field); }

Status AxdrReader::bytes(std::size_t n, std::span<const std::uint8_t>* out, const char* field) {
  if (remaining() < n) return truncated(field);
  *out = in_.subspan(pos_, n);
  pos_ += n;
  return Status::ok();
}

Status AxdrReader::counted_bytes(std::span<const std::uint8_t>* out, const char* field) {
  std::size_t p = pos_;
  std::uint32_t n = 0;
  if (Status s = read_length_at(&p, &n, field); !s) return s;
  if (n > in_.size() - p) return truncated(field);
  *out = in_.subspan(p, n);
  pos_ = p + n;
  return Status::ok();
}

Status AxdrReader::boolean(bool* v, const char* field) {
  if (remaining() < 1) return truncated(field);
  const std::uint8_t b = in_[pos_];
  if (b > 1) return bad_value(field);
  *v = b == 1;
  ++pos_;
  return Status::ok();
}

Status AxdrReader::expect_end(const char* field) const {
  return at_end() ? Status::ok() : trailing(field);
}

}  // namespace quadra::dlms
