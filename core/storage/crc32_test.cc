#include "core/storage/crc32.h"

#include <gtest/gtest.h>

#include <string_view>

namespace quadra::storage {
namespace {

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// The catalogue check value of CRC-32/ISO-HDLC (Greg Cook, "Catalogue of parametrised CRC
// algorithms"): 0xCBF43926 over the ASCII digits "123456789".
TEST(Crc32, CatalogueCheckValue) { EXPECT_EQ(crc32(bytes("123456789")), 0xCBF43926u); }

TEST(Crc32, EmptyInputIsZero) { EXPECT_EQ(crc32({}), 0u); }

TEST(Crc32, ContinuesAcrossPieces) {
  EXPECT_EQ(crc32(bytes("56789"), crc32(bytes("1234"))), 0xCBF43926u);
}

}  // namespace
}  // namespace quadra::storage
