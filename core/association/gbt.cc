// General block transfer on the server: see server_session.h.
#include <algorithm>
#include <cstring>

#include "core/association/server_session.h"
#include "core/dlms/errors.h"
#include "core/dlms/general_block_transfer.h"

namespace quadra::association {
namespace {

// The meter receives one block per window: it acknowledges each before the next comes.
constexpr std::uint8_t kWindow = 1;

}  // namespace

bool ServerSession::gbt_negotiated() const {
  return info_.associated() && (info_.conformance & dlms::conformance::kGeneralBlockTransfer) != 0;
}

void ServerSession::reset_gbt() {
  gbt_in_active_ = false;
  gbt_in_size_ = 0;
  gbt_out_pending_ = false;
  gbt_tx_number_ = 0;
  gbt_rx_number_ = 0;
}

std::size_t ServerSession::on_gbt(std::uint16_t client_sap, std::span<const std::uint8_t> apdu,
                                  std::span<std::uint8_t> out, double now_s) {
  dlms::AxdrWriter w(out);
  dlms::GeneralBlockTransfer g;
  if (!dlms::decode_general_block_transfer(apdu, &g).is_ok()) {
    reset_gbt();
    return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kOtherReason);
  }
  if (!gbt_negotiated()) return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
  if (g.block_data.empty()) {
    // An acknowledgement: the client has our blocks up to block-number-ack and wants the next.
    if (!gbt_out_pending_) {
      reset_gbt();
      return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
    }
    gbt_rx_number_ = g.block_number;
    const std::size_t index =
        g.block_number_ack >= gbt_first_number_ ? static_cast<std::size_t>(g.block_number_ack - gbt_first_number_) + 1 : 0;
    if (index >= gbt_blocks_) return 0;  // it has them all: nothing more to say
    return send_gbt_block(out, index);
  }
  // A block of a request: the first starts a new exchange, the others follow in order.
  if (!gbt_in_active_) {
    reset_gbt();
    if (g.block_number != 1)
      return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
    gbt_in_active_ = true;
  } else if (g.block_number != static_cast<std::uint16_t>(gbt_rx_number_ + 1)) {
    reset_gbt();
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
  }
  if (g.block_data.size() > gbt_in_.size() - gbt_in_size_) {
    reset_gbt();
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kPduTooLong);
  }
  std::memcpy(gbt_in_.data() + gbt_in_size_, g.block_data.data(), g.block_data.size());
  gbt_in_size_ += g.block_data.size();
  gbt_rx_number_ = g.block_number;
  if (!g.last_block) {
    // Received; the next block, please. The acknowledgement is a complete (empty) message of
    // the meter's, hence last-block.
    dlms::GeneralBlockTransfer ack;
    ack.last_block = true;
    ack.window = kWindow;
    ack.block_number = ++gbt_tx_number_;
    ack.block_number_ack = gbt_rx_number_;
    dlms::encode_general_block_transfer(w, ack);
    return w.ok() ? w.size() : 0;
  }
  gbt_in_active_ = false;
  const std::size_t n = process(client_sap, std::span<const std::uint8_t>(gbt_in_.data(), gbt_in_size_), out, now_s);
  gbt_in_size_ = 0;
  if (n == 0) return 0;
  return start_gbt_response(out, n);  // a request in GBT is answered in GBT
}

std::size_t ServerSession::start_gbt_response(std::span<std::uint8_t> out, std::size_t n) {
  // The whole response waits in plain_out_ (free again once a ciphered response is protected).
  if (n > plain_out_.size()) return 0;
  std::memcpy(plain_out_.data(), out.data(), n);
  gbt_out_size_ = n;
  // Each GBT APDU fits the client's receive size (and the caller's buffer).
  const std::size_t limit = std::min<std::size_t>(info_.client_max_pdu == 0 ? 0xFFFF : info_.client_max_pdu, out.size());
  const std::size_t overhead = dlms::gbt_overhead(limit);
  if (limit <= overhead) return 0;
  gbt_block_size_ = limit - overhead;
  gbt_blocks_ = (n + gbt_block_size_ - 1) / gbt_block_size_;
  if (gbt_blocks_ > 0xFFFFu - gbt_tx_number_) return 0;
  gbt_first_number_ = static_cast<std::uint16_t>(gbt_tx_number_ + 1);
  gbt_out_pending_ = true;
  return send_gbt_block(out, 0);
}

std::size_t ServerSession::send_gbt_block(std::span<std::uint8_t> out, std::size_t index) {
  const std::size_t from = index * gbt_block_size_;
  const std::size_t size = std::min(gbt_block_size_, gbt_out_size_ - from);
  dlms::GeneralBlockTransfer g;
  g.last_block = from + size >= gbt_out_size_;
  g.window = kWindow;
  g.block_number = static_cast<std::uint16_t>(gbt_first_number_ + index);
  g.block_number_ack = gbt_rx_number_;
  g.block_data = std::span<const std::uint8_t>(plain_out_.data() + from, size);
  gbt_tx_number_ = std::max(gbt_tx_number_, g.block_number);
  dlms::AxdrWriter w(out);
  dlms::encode_general_block_transfer(w, g);
  return w.ok() ? w.size() : 0;
}

}  // namespace quadra::association
