// The rule "no heap in the codec", checked: this binary replaces the global operator new to count
// allocations, and decoding and encoding every kind of APDU must leave the count unchanged.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "core/dlms/acse.h"
#include "core/dlms/action.h"
#include "core/dlms/errors.h"
#include "core/dlms/get.h"
#include "core/dlms/initiate.h"
#include "core/dlms/set.h"
#include "core/dlms/test_hex.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  std::abort();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace quadra::dlms {
namespace {

TEST(NoHeap, CodecNeverAllocates) {
  const std::vector<std::uint8_t> aarq = testing::hex(
      "60 36 A1 09 06 07 60 85 74 05 08 01 01 8A 02 07 80 8B 07 60 85 74 05 08 02 01 AC 0A 80 08 31 32 33 34 35 36 "
      "37 38 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0");
  const std::vector<std::uint8_t> get = testing::hex(
      "C0 01 C1 00 07 01 00 63 01 00 FF 02 01 01 02 04 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 00 00 "
      "09 0C 07 E2 06 01 FF 00 03 00 FF FF 88 80 09 0C 07 E5 01 06 FF 00 03 00 FF FF C4 00 01 00");
  const std::vector<std::uint8_t> set =
      testing::hex("C1 01 C1 00 08 00 00 01 00 00 FF 02 00 09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00");
  std::array<std::uint8_t, 1024> out{};

  const long before = g_allocations.load();
  Aarq a;
  ASSERT_TRUE(decode_aarq(aarq, &a).is_ok());
  InitiateRequest ir;
  ASSERT_TRUE(decode_initiate_request(a.user_information, &ir).is_ok());
  GetRequest g;
  ASSERT_TRUE(decode_get_request(get, &g).is_ok());
  SetRequest s;
  ASSERT_TRUE(decode_set_request(set, &s).is_ok());
  AxdrWriter w(out);
  std::array<std::uint8_t, 32> ui{};
  AxdrWriter uw(ui);
  encode_initiate_response(uw, InitiateResponse{false, 0, 6, ir.conformance, 1024, kVaaNameLn});
  Aare r;
  r.has_user_information = true;
  r.user_information = uw.bytes();
  encode_aare(w, r);
  begin_get_response_normal_data(w, g.invoke);
  const AxdrWriter::Mark rows = w.begin_array();
  for (int i = 0; i < 100; ++i) w.double_long_unsigned(static_cast<std::uint32_t>(i));
  w.end_count(rows, 100);
  encode_set_response_normal(w, s.invoke, DataAccessResult::kSuccess);
  encode_exception_response(w, ExceptionResponse{});
  EXPECT_TRUE(w.ok());
  EXPECT_EQ(g_allocations.load(), before);
}

}  // namespace
}  // namespace quadra::dlms
