#include "core/link/hdlc/hdlc_client.h"

#include <algorithm>

#include "core/link/hdlc/hdlc_station.h"  // the LLC headers

namespace quadra::hdlc {

HdlcClient::HdlcClient(const ClientConfig& config, std::span<std::uint8_t> rx_storage,
                       std::span<std::uint8_t> tx_storage)
    : config_(config), rx_(rx_storage), tx_(tx_storage) {}

void HdlcClient::connect() {
  state_ = State::kConnecting;
  error_ = Status::ok();
  failure_ = Failure::kNone;
  pending_ = Pending::kSnrm;
  awaiting_final_ = false;
  request_active_ = false;
  may_send_ = false;
  rx_started_ = false;
  rx_ready_ = false;
  vs_ = 0;
  vr_ = 0;
}

void HdlcClient::disconnect() {
  state_ = State::kDisconnecting;
  pending_ = Pending::kDisc;
  awaiting_final_ = false;
  request_active_ = false;
  may_send_ = false;
}

Status HdlcClient::send_apdu(std::span<const std::uint8_t> apdu) {
  if (state_ != State::kConnected) return Status::invalid("hdlc.client", "not connected");
  if (request_active_) return Status::invalid("hdlc.client", "a request is under way");
  if (apdu.size() + kLlcRequest.size() > tx_.size()) {
    return Status::error(StatusCode::kCapacity, "hdlc.client", "request longer than the transmit buffer");
  }
  std::copy(kLlcRequest.begin(), kLlcRequest.end(), tx_.begin());
  std::copy(apdu.begin(), apdu.end(), tx_.begin() + static_cast<std::ptrdiff_t>(kLlcRequest.size()));
  tx_len_ = apdu.size() + kLlcRequest.size();
  tx_base_seg_ = 0;
  tx_next_seg_ = 0;
  tx_base_seq_ = vs_;
  request_active_ = true;
  may_send_ = true;
  rx_ready_ = false;
  return Status::ok();
}

std::optional<std::span<const std::uint8_t>> HdlcClient::take_apdu() {
  if (!rx_ready_) return std::nullopt;
  rx_ready_ = false;
  return std::span<const std::uint8_t>(rx_.data(), rx_len_);
}

void HdlcClient::feed(std::span<const std::uint8_t> bytes, std::uint64_t /*now_ms*/) {
  for (const std::uint8_t b : bytes) {
    if (reader_.push(b) == FrameReader::Event::kFrame) handle_frame(reader_.frame());
  }
}

void HdlcClient::fail(Failure kind, Status why) {
  state_ = State::kFailed;
  failure_ = kind;
  error_ = why;
  awaiting_final_ = false;
  request_active_ = false;
  may_send_ = false;
  pending_ = Pending::kNone;
}

void HdlcClient::acknowledge(std::uint8_t nr) {
  if (!request_active_) return;
  const std::size_t outstanding = tx_next_seg_ - tx_base_seg_;
  const std::size_t acked = std::min<std::size_t>((nr - tx_base_seq_) & 0x07U, outstanding);
  tx_base_seg_ += acked;
  tx_base_seq_ = static_cast<std::uint8_t>((tx_base_seq_ + acked) & 0x07U);
}

void HdlcClient::handle_frame(std::span<const std::uint8_t> bytes) {
  Frame f;
  if (decode_frame(bytes, &f) != FrameError::kNone) return;
  const Address& s = f.source;
  const bool from_server = s.upper == config_.server.upper && (s.size == 1 || s.lower == config_.server.lower);
  if (!from_server || f.destination != client_address(config_.client_sap)) return;
  if (f.control.poll_final) awaiting_final_ = false;
  switch (f.control.type) {
    case FrameType::kUA:
      if (state_ == State::kConnecting) {
        LinkParams ua;
        if (Status st = decode_params(f.info, &ua); !st) {
          fail(Failure::kBadResponse, st);
          return;
        }
        const LinkParams mine = peer_view(ua);  // the server's transmit is the client's receive
        negotiated_.max_info_tx = std::min(mine.max_info_tx, config_.proposal.max_info_tx);
        negotiated_.max_info_rx = std::min(mine.max_info_rx, config_.proposal.max_info_rx);
        negotiated_.window_tx = std::clamp<std::uint32_t>(std::min(mine.window_tx, config_.proposal.window_tx), 1, kMaxWindow);
        negotiated_.window_rx = std::min(mine.window_rx, config_.proposal.window_rx);
        state_ = State::kConnected;
        vs_ = 0;
        vr_ = 0;
      } else if (state_ == State::kDisconnecting) {
        state_ = State::kDisconnected;
      }
      return;
    case FrameType::kDM:
      if (state_ == State::kDisconnecting) {
        state_ = State::kDisconnected;
      } else {
        fail(Failure::kDisconnectedMode, Status::error(StatusCode::kOutOfRange, "hdlc.client", "the server answered DM (disconnected mode)"));
      }
      return;
    case FrameType::kFRMR:
      fail(Failure::kFrameReject, Status::error(StatusCode::kCorruption, "hdlc.client", "the server rejected a frame (FRMR)"));
      return;
    case FrameType::kI: handle_i(f); return;
    case FrameType::kRR:
    case FrameType::kRNR:
      if (state_ != State::kConnected) return;
      acknowledge(f.control.receive_seq);
      if (!f.control.poll_final || !request_active_) return;
      if (f.control.type == FrameType::kRR && tx_base_seg_ < segment_count()) {
        tx_next_seg_ = tx_base_seg_;  // the next window (or again what was lost)
        vs_ = tx_base_seq_;
        may_send_ = true;
      } else {
        pending_ = Pending::kRr;  // the server is busy or has not answered yet: poll again
      }
      return;
    default:
      return;
  }
}

void HdlcClient::handle_i(const Frame& f) {
  if (state_ != State::kConnected) return;
  acknowledge(f.control.receive_seq);
  if (f.control.send_seq != vr_) {
    if (f.control.poll_final) pending_ = Pending::kRr;  // tells the server where to resume
    return;
  }
  vr_ = static_cast<std::uint8_t>((vr_ + 1) & 0x07U);
  std::span<const std::uint8_t> data = f.info;
  if (!rx_started_) {
    if (data.size() < kLlcResponse.size() || !std::equal(kLlcResponse.begin(), kLlcResponse.end(), data.begin())) {
      fail(Failure::kBadResponse, Status::invalid("hdlc.client", "a response without the LLC header E6 E7 00"));
      return;
    }
    data = data.subspan(kLlcResponse.size());
    rx_started_ = true;
    rx_len_ = 0;
  }
  if (data.size() > rx_.size() - rx_len_) {
    fail(Failure::kBadResponse, Status::error(StatusCode::kCapacity, "hdlc.client", "response longer than the receive buffer"));
    return;
  }
  std::copy(data.begin(), data.end(), rx_.begin() + static_cast<std::ptrdiff_t>(rx_len_));
  rx_len_ += data.size();
  if (f.segmented) {
    if (f.control.poll_final) pending_ = Pending::kRr;  // acknowledge, ask for the next window
    return;
  }
  rx_started_ = false;
  rx_ready_ = true;
  request_active_ = false;
  may_send_ = false;
}

std::size_t HdlcClient::segment_count() const {
  const std::size_t seg = negotiated_.max_info_tx;
  return (tx_len_ + seg - 1) / seg;
}

bool HdlcClient::can_send_i() const {
  return request_active_ && may_send_ && tx_next_seg_ < segment_count() &&
         tx_next_seg_ - tx_base_seg_ < negotiated_.window_tx;
}

std::span<const std::uint8_t> HdlcClient::emit(const Frame& f, std::uint64_t now_ms) {
  std::size_t n = 0;
  if (!encode_frame(f, out_, &n).is_ok()) return {};
  if (f.control.poll_final) {
    awaiting_final_ = true;
    poll_sent_ms_ = now_ms;
  }
  return {out_.data(), n};
}

std::span<const std::uint8_t> HdlcClient::next_output(std::uint64_t now_ms) {
  Frame f;
  f.destination = config_.server;
  f.source = client_address(config_.client_sap);
  f.control.poll_final = true;
  if (pending_ == Pending::kSnrm || pending_ == Pending::kDisc) {
    f.control.type = pending_ == Pending::kSnrm ? FrameType::kSNRM : FrameType::kDISC;
    if (pending_ == Pending::kSnrm) {
      std::size_t n = 0;
      if (encode_params(config_.proposal, config_.omit_default_params, params_buf_, &n).is_ok()) {
        f.info = {params_buf_.data(), n};
      }
    }
    pending_ = Pending::kNone;
    return emit(f, now_ms);
  }
  if (awaiting_final_ || state_ != State::kConnected) return {};
  if (pending_ == Pending::kRr) {
    pending_ = Pending::kNone;
    f.control.type = FrameType::kRR;
    f.control.receive_seq = vr_;
    return emit(f, now_ms);
  }
  if (!can_send_i()) return {};
  const std::size_t seg = negotiated_.max_info_tx;
  const std::size_t count = segment_count();
  const std::size_t begin = tx_next_seg_ * seg;
  const std::size_t end = std::min(begin + seg, tx_len_);
  f.control.type = FrameType::kI;
  f.control.send_seq = vs_;
  f.control.receive_seq = vr_;
  f.segmented = tx_next_seg_ + 1 < count;
  f.info = std::span<const std::uint8_t>(tx_.data() + begin, end - begin);
  ++tx_next_seg_;
  vs_ = static_cast<std::uint8_t>((vs_ + 1) & 0x07U);
  f.control.poll_final = !f.segmented || tx_next_seg_ - tx_base_seg_ >= negotiated_.window_tx;
  if (f.control.poll_final) may_send_ = false;
  return emit(f, now_ms);
}

bool HdlcClient::poll(std::uint64_t now_ms) {
  if (!awaiting_final_ || config_.response_timeout_ms == 0) return false;
  if (now_ms - poll_sent_ms_ <= config_.response_timeout_ms) return false;
  fail(Failure::kTimeout, Status::error(StatusCode::kOutOfRange, "hdlc.client", "no answer within the response timeout"));
  return true;
}

}  // namespace quadra::hdlc
