#include "core/link/hdlc/hdlc_params.h"

#include <algorithm>

namespace quadra::hdlc {
namespace {

constexpr std::uint8_t kFormatId = 0x81;
constexpr std::uint8_t kGroupId = 0x80;
constexpr std::uint8_t kMaxInfoTxId = 0x05;
constexpr std::uint8_t kMaxInfoRxId = 0x06;
constexpr std::uint8_t kWindowTxId = 0x07;
constexpr std::uint8_t kWindowRxId = 0x08;

Status params_error(const char* reason) { return Status::invalid("hdlc.params", reason); }

}  // namespace

Status decode_params(std::span<const std::uint8_t> info, LinkParams* out) {
  LinkParams p;
  if (info.empty()) {
    *out = p;
    return Status::ok();
  }
  if (info.size() < 3) return params_error("shorter than format identifier, group identifier and group length");
  if (info[0] != kFormatId) return params_error("format identifier is not 0x81");
  if (info[1] != kGroupId) return params_error("group identifier is not 0x80");
  if (info[2] != info.size() - 3) return params_error("group length disagrees with the information field");
  std::size_t pos = 3;
  while (pos < info.size()) {
    if (pos + 2 > info.size()) return params_error("parameter cut short");
    const std::uint8_t id = info[pos];
    const std::uint8_t len = info[pos + 1];
    pos += 2;
    if (pos + len > info.size()) return params_error("parameter value cut short");
    if (id < kMaxInfoTxId || id > kWindowRxId) {  // unknown parameter: skipped
      pos += len;
      continue;
    }
    if (len == 0 || len > 4) return params_error("a parameter value is 1 to 4 bytes");
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < len; ++i) v = (v << 8) | info[pos + i];
    pos += len;
    if (v == 0) return params_error("an information field length or window size of 0");
    switch (id) {
      case kMaxInfoTxId: p.max_info_tx = v; break;
      case kMaxInfoRxId: p.max_info_rx = v; break;
      case kWindowTxId: p.window_tx = v; break;
      default: p.window_rx = v; break;
    }
  }
  *out = p;
  return Status::ok();
}

Status encode_params(const LinkParams& params, bool omit_defaults, std::span<std::uint8_t> out,
                     std::size_t* written) {
  *written = 0;
  if (params.max_info_tx == 0 || params.max_info_rx == 0 || params.window_tx == 0 || params.window_rx == 0) {
    return params_error("an information field length or window size of 0");
  }
  if (params.max_info_tx > 0xFFFF || params.max_info_rx > 0xFFFF) {
    return params_error("an information field length above 65535");
  }
  std::uint8_t buf[kMaxParamsBytes];
  std::size_t n = 3;
  auto put_info = [&](std::uint8_t id, std::uint32_t v) {
    if (omit_defaults && v == kDefaultMaxInfo) return;
    buf[n++] = id;
    if (v < 0x100) {
      buf[n++] = 1;
      buf[n++] = static_cast<std::uint8_t>(v);
    } else {
      buf[n++] = 2;
      buf[n++] = static_cast<std::uint8_t>(v >> 8);
      buf[n++] = static_cast<std::uint8_t>(v & 0xFFU);
    }
  };
  auto put_window = [&](std::uint8_t id, std::uint32_t v) {
    if (omit_defaults && v == kDefaultWindow) return;
    buf[n++] = id;
    buf[n++] = 4;
    buf[n++] = static_cast<std::uint8_t>(v >> 24);
    buf[n++] = static_cast<std::uint8_t>((v >> 16) & 0xFFU);
    buf[n++] = static_cast<std::uint8_t>((v >> 8) & 0xFFU);
    buf[n++] = static_cast<std::uint8_t>(v & 0xFFU);
  };
  put_info(kMaxInfoTxId, params.max_info_tx);
  put_info(kMaxInfoRxId, params.max_info_rx);
  put_window(kWindowTxId, params.window_tx);
  put_window(kWindowRxId, params.window_rx);
  if (n == 3) return Status::ok();  // all defaults omitted: no information field
  buf[0] = kFormatId;
  buf[1] = kGroupId;
  buf[2] = static_cast<std::uint8_t>(n - 3);
  if (out.size() < n) return Status::error(StatusCode::kCapacity, "hdlc.params", "output buffer too small");
  std::copy(buf, buf + n, out.begin());
  *written = n;
  return Status::ok();
}

LinkParams negotiate(const LinkParams& client, const LinkParams& server_max) {
  LinkParams r;
  r.max_info_tx = std::min(client.max_info_rx, server_max.max_info_tx);
  r.max_info_rx = std::min(client.max_info_tx, server_max.max_info_rx);
  r.window_tx = std::min(client.window_rx, server_max.window_tx);
  r.window_rx = std::min(client.window_tx, server_max.window_rx);
  return r;
}

Status validate(const LinkParams& p) {
  if (p.max_info_tx == 0 || p.max_info_rx == 0 || p.max_info_tx > kMaxInfoLimit || p.max_info_rx > kMaxInfoLimit) {
    return params_error("maximum information field lengths are 1..2030 bytes");
  }
  if (p.window_tx == 0 || p.window_rx == 0 || p.window_tx > kMaxWindow || p.window_rx > kMaxWindow) {
    return params_error("window sizes are 1..7 frames");
  }
  return Status::ok();
}

}  // namespace quadra::hdlc
