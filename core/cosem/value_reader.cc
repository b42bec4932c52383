#include "core/cosem/value_reader.h"

namespace quadra::cosem {

using dlms::DataAccessResult;
using dlms::DataType;

bool ValueReader::expect(DataType type, dlms::AxdrItem* item) {
  if (!ok()) return false;
  if (!r_.expect(type, item, "value").is_ok()) return fail(DataAccessResult::kTypeUnmatched);
  return true;
}

bool ValueReader::structure(std::uint32_t count) {
  dlms::AxdrItem item;
  if (!expect(DataType::kStructure, &item)) return false;
  return item.count == count || fail(DataAccessResult::kTypeUnmatched);
}

bool ValueReader::array(std::uint32_t max, std::uint32_t* count) {
  dlms::AxdrItem item;
  if (!expect(DataType::kArray, &item)) return false;
  if (item.count > max) return refuse();
  *count = item.count;
  return true;
}

bool ValueReader::unsigned8(std::uint8_t* v) {
  dlms::AxdrItem item;
  if (!expect(DataType::kUnsigned, &item)) return false;
  *v = static_cast<std::uint8_t>(item.unsigned_value);
  return true;
}

bool ValueReader::enumeration(std::uint8_t* v) {
  dlms::AxdrItem item;
  if (!expect(DataType::kEnum, &item)) return false;
  *v = static_cast<std::uint8_t>(item.unsigned_value);
  return true;
}

bool ValueReader::long_unsigned(std::uint16_t* v) {
  dlms::AxdrItem item;
  if (!expect(DataType::kLongUnsigned, &item)) return false;
  *v = static_cast<std::uint16_t>(item.unsigned_value);
  return true;
}

bool ValueReader::double_long_unsigned(std::uint32_t* v) {
  dlms::AxdrItem item;
  if (!expect(DataType::kDoubleLongUnsigned, &item)) return false;
  *v = static_cast<std::uint32_t>(item.unsigned_value);
  return true;
}

bool ValueReader::boolean(bool* v) {
  dlms::AxdrItem item;
  if (!expect(DataType::kBoolean, &item)) return false;
  *v = item.unsigned_value != 0;
  return true;
}

bool ValueReader::integer(std::int8_t* v) {
  dlms::AxdrItem item;
  if (!expect(DataType::kInteger, &item)) return false;
  *v = static_cast<std::int8_t>(item.signed_value);
  return true;
}

bool ValueReader::octets(std::size_t min, std::size_t max, std::span<const std::uint8_t>* v) {
  dlms::AxdrItem item;
  if (!expect(DataType::kOctetString, &item)) return false;
  if (min == max && item.bytes.size() != min) return fail(DataAccessResult::kTypeUnmatched);
  if (item.bytes.size() < min || item.bytes.size() > max) return refuse();
  *v = item.bytes;
  return true;
}

bool ValueReader::date(clock::CosemDate* v) {
  std::span<const std::uint8_t> b;
  if (!octets(5, 5, &b)) return false;
  return clock::decode(b, v).is_ok() || refuse();
}

bool ValueReader::time(clock::CosemTime* v) {
  std::span<const std::uint8_t> b;
  if (!octets(4, 4, &b)) return false;
  return clock::decode(b, v).is_ok() || refuse();
}

bool ValueReader::date_time(clock::CosemDateTime* v) {
  std::span<const std::uint8_t> b;
  if (!octets(12, 12, &b)) return false;
  return clock::decode(b, v).is_ok() || refuse();
}

bool ValueReader::end() {
  if (!ok()) return false;
  return r_.at_end() || fail(DataAccessResult::kTypeUnmatched);
}

}  // namespace quadra::cosem
