#include "core/security/ciphered_apdu.h"

#include <cstring>

namespace quadra::security {
namespace {

constexpr const char* kField = "security.apdu";

std::size_t length_size(std::size_t n) { return n < 0x80 ? 1 : (n <= 0xFF ? 2 : 3); }

std::size_t write_length(std::size_t n, std::uint8_t* p) {
  if (n < 0x80) {
    p[0] = static_cast<std::uint8_t>(n);
    return 1;
  }
  if (n <= 0xFF) {
    p[0] = 0x81;
    p[1] = static_cast<std::uint8_t>(n);
    return 2;
  }
  p[0] = 0x82;
  p[1] = static_cast<std::uint8_t>(n >> 8);
  p[2] = static_cast<std::uint8_t>(n);
  return 3;
}

// Reads an A-XDR length at bytes[*pos]; only the forms 0..0x7F, 0x81 n and 0x82 hi lo.
Status read_length(std::span<const std::uint8_t> bytes, std::size_t* pos, std::size_t* n) {
  if (*pos >= bytes.size()) return Status::error(StatusCode::kCorruption, kField, "truncated before a length");
  const std::uint8_t first = bytes[(*pos)++];
  if (first < 0x80) {
    *n = first;
    return Status::ok();
  }
  const std::size_t count = first & 0x7F;
  if (count < 1 || count > 2) return Status::error(StatusCode::kCorruption, kField, "length encoding not 0..127, 81 n or 82 n n");
  if (bytes.size() - *pos < count) return Status::error(StatusCode::kCorruption, kField, "truncated inside a length");
  std::size_t v = 0;
  for (std::size_t i = 0; i < count; ++i) v = (v << 8) | bytes[(*pos)++];
  *n = v;
  return Status::ok();
}

const Key128* select_key(const ReceiveKeys& keys, KeyKind kind, bool broadcast) {
  if (kind == KeyKind::kDedicated) return keys.dedicated;
  return broadcast ? keys.global_broadcast : keys.global_unicast;
}

Status refuse(Unprotected* out, Rejection why, Status s) {
  out->rejection = why;
  out->plain_size = 0;
  return s;
}

}  // namespace

std::uint8_t ciphered_tag_for(std::uint8_t plain_tag, KeyKind kind) {
  const bool ded = kind == KeyKind::kDedicated;
  switch (plain_tag) {
    case tag::kInitiateRequest: return ded ? 0 : tag::kGloInitiateRequest;
    case tag::kInitiateResponse: return ded ? 0 : tag::kGloInitiateResponse;
    case tag::kConfirmedServiceError: return ded ? 0 : tag::kGloConfirmedServiceError;
    case tag::kGetRequest:
    case tag::kSetRequest:
    case tag::kEventNotificationRequest:
    case tag::kActionRequest:
    case tag::kGetResponse:
    case tag::kSetResponse:
    case tag::kActionResponse:
      return static_cast<std::uint8_t>(plain_tag + (ded ? 0x10 : 0x08));
    default: return 0;
  }
}

bool plain_tag_for(std::uint8_t ciphered_tag, std::uint8_t* plain_tag, KeyKind* kind) {
  std::uint8_t p = 0;
  KeyKind k = KeyKind::kGlobal;
  switch (ciphered_tag) {
    case tag::kGloInitiateRequest: p = tag::kInitiateRequest; break;
    case tag::kGloInitiateResponse: p = tag::kInitiateResponse; break;
    case tag::kGloConfirmedServiceError: p = tag::kConfirmedServiceError; break;
    case tag::kGloGetRequest:
    case tag::kGloSetRequest:
    case tag::kGloEventNotificationRequest:
    case tag::kGloActionRequest:
    case tag::kGloGetResponse:
    case tag::kGloSetResponse:
    case tag::kGloActionResponse:
      p = static_cast<std::uint8_t>(ciphered_tag - 0x08);
      break;
    case tag::kDedGetRequest:
    case tag::kDedSetRequest:
    case tag::kDedEventNotificationRequest:
    case tag::kDedActionRequest:
    case tag::kDedGetResponse:
    case tag::kDedSetResponse:
    case tag::kDedActionResponse:
      p = static_cast<std::uint8_t>(ciphered_tag - 0x10);
      k = KeyKind::kDedicated;
      break;
    default: return false;
  }
  *plain_tag = p;
  *kind = k;
  return true;
}

Status protect(const ProtectParams& params, std::span<const std::uint8_t> plain, std::span<std::uint8_t> out,
               std::size_t* written) {
  *written = 0;
  if (plain.empty()) return Status::invalid(kField, "empty plain APDU");
  const SecurityControl& sc = params.security_control;
  if (!sc.supported()) return Status::invalid(kField, "security control: only suite 0, A and/or E, no compression");
  if (params.key_kind == KeyKind::kDedicated && sc.broadcast_key)
    return Status::invalid(kField, "a dedicated key is never a broadcast key");
  std::uint8_t apdu_tag = 0;
  if (params.general_ciphering) {
    apdu_tag = params.key_kind == KeyKind::kDedicated ? tag::kGeneralDedCiphering : tag::kGeneralGloCiphering;
  } else {
    apdu_tag = ciphered_tag_for(plain[0], params.key_kind);
    if (apdu_tag == 0) return Status::invalid(kField, "this APDU has no glo-/ded- ciphered form");
  }
  const std::size_t tag_size = sc.authenticated ? kSuite0TagSize : 0;
  const std::size_t content = kSecurityHeaderSize + plain.size() + tag_size;
  if (content > 0xFFFF) return Status::invalid(kField, "plain APDU too long for a ciphered APDU");
  const std::size_t head = 1 + (params.general_ciphering ? 1 + kSystemTitleSize : 0) + length_size(content);
  if (out.size() < head + content) return Status::error(StatusCode::kCapacity, kField, "output buffer too small");

  std::uint8_t* p = out.data();
  std::size_t pos = 0;
  p[pos++] = apdu_tag;
  if (params.general_ciphering) {
    p[pos++] = static_cast<std::uint8_t>(kSystemTitleSize);
    std::memcpy(p + pos, params.system_title.data(), kSystemTitleSize);
    pos += kSystemTitleSize;
  }
  pos += write_length(content, p + pos);
  const std::uint8_t sc_byte = sc.to_byte();
  p[pos++] = sc_byte;
  p[pos++] = static_cast<std::uint8_t>(params.invocation_counter >> 24);
  p[pos++] = static_cast<std::uint8_t>(params.invocation_counter >> 16);
  p[pos++] = static_cast<std::uint8_t>(params.invocation_counter >> 8);
  p[pos++] = static_cast<std::uint8_t>(params.invocation_counter);

  const Iv96 iv = make_iv(params.system_title, params.invocation_counter);
  std::array<std::uint8_t, 1 + kKeySize> sc_ak{};
  sc_ak[0] = sc_byte;
  std::memcpy(sc_ak.data() + 1, params.authentication_key.data(), kKeySize);
  const std::span<std::uint8_t> body = out.subspan(pos, plain.size());
  const std::span<std::uint8_t> tag_out = out.subspan(pos + plain.size(), tag_size);
  Status s;
  if (sc.encrypted && sc.authenticated) {
    s = gcm_encrypt(params.encryption_key, iv, Aad(sc_ak), plain, body, tag_out);
  } else if (sc.encrypted) {
    s = gcm_crypt_unauthenticated(params.encryption_key, iv, plain, body);
  } else {
    std::memcpy(body.data(), plain.data(), plain.size());
    s = gmac(params.encryption_key, iv, Aad(sc_ak, plain), tag_out);
  }
  if (!s.is_ok()) return s;
  *written = pos + plain.size() + tag_size;
  return Status::ok();
}

Status parse_ciphered_apdu(std::span<const std::uint8_t> apdu, CipheredApdu* out) {
  *out = CipheredApdu{};
  if (apdu.empty()) return Status::error(StatusCode::kCorruption, kField, "empty APDU");
  out->tag = apdu[0];
  std::size_t pos = 1;
  if (apdu[0] == tag::kGeneralGloCiphering || apdu[0] == tag::kGeneralDedCiphering) {
    out->general_ciphering = true;
    out->key_kind = apdu[0] == tag::kGeneralDedCiphering ? KeyKind::kDedicated : KeyKind::kGlobal;
    std::size_t title_size = 0;
    Status s = read_length(apdu, &pos, &title_size);
    if (!s.is_ok()) return s;
    if (title_size != 0 && title_size != kSystemTitleSize)
      return Status::error(StatusCode::kCorruption, kField, "system title must be empty or 8 bytes");
    if (apdu.size() - pos < title_size) return Status::error(StatusCode::kCorruption, kField, "truncated inside the system title");
    if (title_size == kSystemTitleSize) {
      std::memcpy(out->system_title.data(), apdu.data() + pos, kSystemTitleSize);
      out->has_system_title = true;
      pos += kSystemTitleSize;
    }
  } else if (!plain_tag_for(apdu[0], &out->expected_plain_tag, &out->key_kind)) {
    return Status::error(StatusCode::kNotSupported, kField, "not a ciphered APDU tag");
  }
  std::size_t content = 0;
  Status s = read_length(apdu, &pos, &content);
  if (!s.is_ok()) return s;
  if (apdu.size() - pos < content) return Status::error(StatusCode::kCorruption, kField, "truncated: fewer bytes than the length says");
  if (apdu.size() - pos > content) return Status::error(StatusCode::kCorruption, kField, "bytes after the ciphered content");
  if (content < kSecurityHeaderSize) return Status::error(StatusCode::kCorruption, kField, "too short for the security header");
  out->security_control_byte = apdu[pos];
  out->security_control = SecurityControl::from_byte(apdu[pos]);
  out->invocation_counter = (static_cast<std::uint32_t>(apdu[pos + 1]) << 24) |
                            (static_cast<std::uint32_t>(apdu[pos + 2]) << 16) |
                            (static_cast<std::uint32_t>(apdu[pos + 3]) << 8) | apdu[pos + 4];
  out->information = apdu.subspan(pos + kSecurityHeaderSize, content - kSecurityHeaderSize);
  return Status::ok();
}

Status unprotect(std::span<const std::uint8_t> apdu, const ReceiveKeys& keys, const SystemTitle& peer_system_title,
                 InvocationCounterGuard* guard, std::span<std::uint8_t> plain_out, Unprotected* out) {
  *out = Unprotected{};
  Status s = parse_ciphered_apdu(apdu, &out->apdu);
  if (!s.is_ok()) {
    return refuse(out, s.code() == StatusCode::kNotSupported ? Rejection::kNotCiphered : Rejection::kMalformed, s);
  }
  const CipheredApdu& c = out->apdu;
  const SecurityControl& sc = c.security_control;
  if (!sc.supported())
    return refuse(out, Rejection::kUnsupported,
                  Status::error(StatusCode::kNotSupported, kField, "security control: only suite 0, A and/or E, no compression"));
  if (c.key_kind == KeyKind::kDedicated && sc.broadcast_key)
    return refuse(out, Rejection::kUnsupported,
                  Status::error(StatusCode::kNotSupported, kField, "broadcast key bit on a dedicated-key APDU"));
  const Key128* key = select_key(keys, c.key_kind, sc.broadcast_key);
  if (key == nullptr)
    return refuse(out, Rejection::kNoKey, Status::error(StatusCode::kNotSupported, kField, "no key for this APDU"));
  const std::size_t tag_size = sc.authenticated ? kSuite0TagSize : 0;
  if (c.information.size() < tag_size)
    return refuse(out, Rejection::kMalformed, Status::error(StatusCode::kCorruption, kField, "too short for the authentication tag"));
  const std::size_t n = c.information.size() - tag_size;
  if (n == 0) return refuse(out, Rejection::kMalformed, Status::error(StatusCode::kCorruption, kField, "no APDU inside"));
  if (plain_out.size() < n)
    return refuse(out, Rejection::kOutputTooSmall, Status::error(StatusCode::kCapacity, kField, "plaintext buffer too small"));
  if (guard != nullptr) {
    s = guard->check(c.invocation_counter);
    if (!s.is_ok()) return refuse(out, Rejection::kReplay, s);
  }

  const Iv96 iv = make_iv(c.has_system_title ? c.system_title : peer_system_title, c.invocation_counter);
  std::array<std::uint8_t, 1 + kKeySize> sc_ak{};
  sc_ak[0] = c.security_control_byte;
  std::memcpy(sc_ak.data() + 1, keys.authentication.data(), kKeySize);
  const auto body = c.information.first(n);
  const auto tag_in = c.information.subspan(n, tag_size);
  const std::span<std::uint8_t> plain = plain_out.first(n);
  if (sc.encrypted && sc.authenticated) {
    s = gcm_decrypt(*key, iv, Aad(sc_ak), body, tag_in, plain);
  } else if (sc.encrypted) {
    s = gcm_crypt_unauthenticated(*key, iv, body, plain);
  } else {
    std::array<std::uint8_t, kSuite0TagSize> expected{};
    s = gmac(*key, iv, Aad(sc_ak, body), expected);
    if (s.is_ok() && !constant_time_equal(expected, tag_in))
      s = Status::error(StatusCode::kCorruption, "security.gcm", "authentication tag mismatch");
    if (s.is_ok()) std::memcpy(plain.data(), body.data(), n);
  }
  if (!s.is_ok()) {
    std::memset(plain.data(), 0, n);
    return refuse(out, Rejection::kAuthentication, s);
  }
  if (!c.general_ciphering && plain[0] != c.expected_plain_tag) {
    std::memset(plain.data(), 0, n);
    return refuse(out, Rejection::kWrongContent,
                  Status::error(StatusCode::kCorruption, kField, "the deciphered APDU is not the service its tag names"));
  }
  if (guard != nullptr) (void)guard->accept(c.invocation_counter);
  out->plain_size = n;
  return Status::ok();
}

}  // namespace quadra::security
