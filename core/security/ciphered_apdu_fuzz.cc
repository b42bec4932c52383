// libFuzzer target for the ciphered APDU parser and unprotect() (build with -DQUADRA_FUZZ=ON and
// clang++). The input is taken as a received ciphered APDU under the Green Book example keys, all
// three key slots present and a replay guard in place. Whatever it is, unprotect() must not
// crash; a refusal must leave plain_size 0 and the guard unmoved; an accepted APDU must
// re-protect (same SC, IC, title, framing) to exactly the input bytes when the length was in its
// shortest form and the general-ciphering title was present. The input is also protected as a
// plain APDU and must come back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

#include "core/security/ciphered_apdu.h"
#include "core/security/hls_gmac.h"

namespace {

using namespace quadra::security;

void check(bool ok) {
  if (!ok) std::abort();
}

constexpr Key128 kEk = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F};
constexpr Key128 kAk = {0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF};
constexpr SystemTitle kTitle = {0x4D, 0x4D, 0x4D, 0x00, 0x00, 0xBC, 0x61, 0x4E};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  ReceiveKeys keys;
  keys.global_unicast = &kEk;
  keys.global_broadcast = &kEk;
  keys.dedicated = &kEk;
  keys.authentication = kAk;
  InvocationCounterGuard guard = InvocationCounterGuard::after(5);
  static std::uint8_t plain[70000];
  Unprotected info;
  const quadra::Status s = unprotect(bytes, keys, kTitle, &guard, std::span<std::uint8_t>(plain, sizeof plain), &info);
  if (!s.is_ok()) {
    check(info.plain_size == 0);
    check(info.rejection != Rejection::kNone);
    check(guard.last() == 5);
  } else {
    check(info.plain_size > 0 && info.plain_size < size);
    check(guard.last() == info.apdu.invocation_counter);
    ProtectParams p;
    p.key_kind = info.apdu.key_kind;
    p.general_ciphering = info.apdu.general_ciphering;
    p.security_control = info.apdu.security_control;
    p.invocation_counter = info.apdu.invocation_counter;
    p.system_title = info.apdu.has_system_title ? info.apdu.system_title : kTitle;
    p.encryption_key = kEk;
    p.authentication_key = kAk;
    static std::uint8_t again[70100];
    std::size_t n = 0;
    const quadra::Status ps = protect(p, std::span<const std::uint8_t>(plain, info.plain_size), again, &n);
    check(ps.is_ok() || (!info.apdu.general_ciphering && ciphered_tag_for(plain[0], p.key_kind) == 0));
    const bool canonical = (!info.apdu.general_ciphering || info.apdu.has_system_title);
    if (ps.is_ok() && canonical && n == size) check(std::memcmp(again, data, size) == 0);
  }
  // The same bytes as a plain APDU: protect() with the security control, key kind and framing
  // taken from the first byte must round-trip through unprotect() to the same plaintext.
  if (size >= 2) {
    ProtectParams p;
    p.security_control = SecurityControl::from_byte(static_cast<std::uint8_t>(0x10 + ((data[0] & 0x03) % 3) * 0x10));
    p.key_kind = (data[0] & 0x04) != 0 ? KeyKind::kDedicated : KeyKind::kGlobal;
    p.general_ciphering = (data[0] & 0x08) != 0;
    p.invocation_counter = 6 + data[0];
    p.system_title = kTitle;
    p.encryption_key = kEk;
    p.authentication_key = kAk;
    const std::span<const std::uint8_t> body = bytes.subspan(1);
    static std::uint8_t wire[70100];
    std::size_t n = 0;
    if (protect(p, body, wire, &n).is_ok()) {
      InvocationCounterGuard fresh = InvocationCounterGuard::after(5);
      Unprotected back;
      const quadra::Status us = unprotect(std::span<const std::uint8_t>(wire, n), keys, kTitle, &fresh,
                                          std::span<std::uint8_t>(plain, sizeof plain), &back);
      check(us.is_ok());
      check(back.plain_size == body.size() && std::memcmp(plain, body.data(), body.size()) == 0);
      check(fresh.last() == p.invocation_counter);
    }
  }
  // The same bytes as a peer's f(challenge) must never crash the verifier.
  std::uint32_t ic = 0;
  if (size >= kHlsGmacResponseSize + 8) {
    (void)hls_gmac_verify(kEk, kAk, kTitle, bytes.subspan(kHlsGmacResponseSize, 8), bytes.first(kHlsGmacResponseSize), &ic);
  }
  return 0;
}
