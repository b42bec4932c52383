// libFuzzer target for the HDLC engines (build with -DQUADRA_FUZZ=ON and clang++).
//
// The input is used three ways: as the bytes between two flags for decode_frame (a frame that
// decodes must re-encode to the very same bytes) and as an SNRM/UA parameter field; then as a byte
// stream into a server station, in chunks whose sizes and arrival times come from the input, with
// an application that answers every request; then as a stream into a connected client. A crash,
// a sanitizer report or a broken round trip is a bug; refusals are correct answers to garbage.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/link/hdlc/hdlc_client.h"
#include "core/link/hdlc/hdlc_frame.h"
#include "core/link/hdlc/hdlc_params.h"
#include "core/link/hdlc/hdlc_station.h"

namespace {

using namespace quadra::hdlc;

void check(bool ok) {
  if (!ok) std::abort();
}

void round_trip(std::span<const std::uint8_t> bytes) {
  Frame f;
  if (decode_frame(bytes, &f) != FrameError::kNone) return;
  static std::array<std::uint8_t, kMaxFrameBytes> out;
  std::size_t n = 0;
  check(encode_frame(f, out, &n).is_ok());
  check(n == bytes.size() + 2);
  check(std::equal(bytes.begin(), bytes.end(), out.begin() + 1));
}

void station(std::span<const std::uint8_t> bytes) {
  static std::array<std::uint8_t, 600> rx;
  static std::array<std::uint8_t, 700> tx;
  StationConfig config;
  config.max_params = LinkParams{64, 128, 3, 7};
  config.physical_address = 17;
  HdlcStation s(config, rx, tx);
  std::uint64_t now = 0;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t chunk = std::min<std::size_t>(1 + bytes[pos] % 64, bytes.size() - pos);
    now += bytes[pos] % 32;
    s.feed(bytes.subspan(pos, chunk), now);
    pos += chunk;
    if (auto req = s.take_apdu()) {
      if (req->unconfirmed || req->apdu.empty()) {
        s.finish_without_response();
      } else {
        // Echo the request twice over (segmentation on the way out).
        static std::array<std::uint8_t, 697> resp;
        const std::size_t n = std::min(resp.size(), req->apdu.size() * 2);
        for (std::size_t i = 0; i < n; ++i) resp[i] = req->apdu[i % req->apdu.size()];
        (void)s.send_apdu(req->client_sap, std::span<const std::uint8_t>(resp.data(), n));
      }
    }
    for (int i = 0; i < 16; ++i) {
      const auto o = s.next_output();
      if (o.empty()) break;
      Frame f;
      check(o.size() >= 9 && o.front() == kFlag && o.back() == kFlag);
      check(decode_frame(o.subspan(1, o.size() - 2), &f) == FrameError::kNone);
      check(f.info.size() <= std::max<std::size_t>(s.negotiated().max_info_tx, 23));
    }
    while (s.take_event()) {
    }
    (void)s.poll(now);
  }
}

void client(std::span<const std::uint8_t> bytes) {
  static std::array<std::uint8_t, 600> rx;
  static std::array<std::uint8_t, 600> tx;
  ClientConfig config;
  config.proposal = LinkParams{128, 128, 7, 7};
  HdlcClient c(config, rx, tx);
  c.connect();
  (void)c.next_output(0);
  // The input as the server's answers: a UA in it connects, then a request goes out and the
  // input is fed again as its response.
  static std::array<std::uint8_t, 300> request;
  c.feed(bytes, 1);
  if (c.state() == HdlcClient::State::kConnected) (void)c.send_apdu(request);
  for (int i = 0; i < 64; ++i) {
    if (c.next_output(2).empty()) break;
  }
  c.feed(bytes, 3);
  (void)c.take_apdu();
  (void)c.poll(10'000);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  round_trip(bytes);
  LinkParams p;
  if (decode_params(bytes, &p).is_ok()) {
    const LinkParams n = negotiate(p, LinkParams{128, 128, 7, 7});
    check(validate(n).is_ok());
  }
  station(bytes);
  client(bytes);
  return 0;
}
