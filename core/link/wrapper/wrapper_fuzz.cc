// libFuzzer target for the IEC 62056-47 wrapper reassembler (build with -DQUADRA_FUZZ=ON).
//
// The input is fed as a TCP stream in chunks whose sizes come from the input itself. Every frame
// that comes out must re-encode to exactly the bytes it was cut from, and a fatal header must stop
// the stream for good. A crash, a sanitizer report or a broken round trip is a bug.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/link/wrapper/wrapper.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace quadra::wrapper;
  const std::span<const std::uint8_t> bytes(data, size);
  static std::array<std::uint8_t, 512> storage;
  static std::array<std::uint8_t, 512 + kHeaderSize> out;
  Reassembler r(storage);
  std::size_t pos = 0;        // next byte to feed
  std::size_t frame_at = 0;   // where the current frame began
  std::size_t step = 0;
  while (pos < size) {
    const std::size_t chunk = std::min<std::size_t>(1 + data[step++ % size] % 97, size - pos);
    std::span<const std::uint8_t> rest = bytes.subspan(pos, chunk);
    while (!rest.empty()) {
      const auto res = r.feed(rest);
      check(res.consumed <= rest.size());
      pos += res.consumed;
      rest = rest.subspan(res.consumed);
      if (!res.status.is_ok()) {
        check(r.feed(bytes.subspan(pos)).consumed == 0);
        return 0;
      }
      if (auto f = r.take_frame()) {
        std::size_t n = 0;
        check(encode(f->source, f->destination, f->apdu, out, &n).is_ok());
        check(n == pos - frame_at);
        check(std::equal(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), data + frame_at));
        frame_at = pos;
      } else {
        check(res.consumed > 0 || rest.empty());
      }
    }
  }
  return 0;
}
