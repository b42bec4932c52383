#include "core/link/hdlc/hdlc_station.h"

#include <algorithm>

namespace quadra::hdlc {
namespace {

// FRMR reason bits (ISO/IEC 13239, third octet of the FRMR information field).
constexpr std::uint8_t kFrmrW = 0x01;  // control field undefined or not implemented
constexpr std::uint8_t kFrmrX = 0x02;  // information field not permitted with this frame
constexpr std::uint8_t kFrmrY = 0x04;  // information field too long
constexpr std::uint8_t kFrmrZ = 0x08;  // invalid N(R)

bool starts_with(std::span<const std::uint8_t> info, const std::array<std::uint8_t, 3>& prefix) {
  return info.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), info.begin());
}

bool may_carry_info(FrameType t) {
  return t == FrameType::kI || t == FrameType::kUI || t == FrameType::kSNRM || t == FrameType::kUA ||
         t == FrameType::kFRMR;
}

}  // namespace

Status validate(const StationConfig& c) {
  if (c.logical_address == kNoStation || c.logical_address == kAllStation7 || c.logical_address >= kAllStation14) {
    return Status::invalid("hdlc.logical_address", "must be 1..16382 but not 127 (0 is no-station, 127 and 16383 all-station)");
  }
  if (c.physical_address == kAllStation7 || c.physical_address >= kAllStation14) {
    return Status::invalid("hdlc.physical_address", "must be 0..16382 but not 127 (127 and 16383 are all-station)");
  }
  if (Status s = validate(c.max_params); !s) return s;
  return Status::ok();
}

HdlcStation::HdlcStation(const StationConfig& config, std::span<std::uint8_t> rx_storage,
                         std::span<std::uint8_t> tx_storage)
    : config_(config), rx_(rx_storage), tx_(tx_storage) {}

bool HdlcStation::addressed_to_me(const Address& a) const {
  if (a.upper != config_.logical_address) return false;
  if (a.size == 1) return true;
  return a.lower == config_.physical_address;
}

bool HdlcStation::broadcast_to_me(const Address& a) const {
  const std::uint16_t all = a.size == 4 ? kAllStation14 : kAllStation7;
  if (a.size == 1) return a.upper == all;
  if (a.upper != all && a.lower != all) return false;
  return (a.upper == all || a.upper == config_.logical_address) &&
         (a.lower == all || a.lower == config_.physical_address);
}

bool HdlcStation::client_accepted(const Address& a) const {
  if (a.size != 1 || a.upper > 0x7F) return false;
  return config_.client_accepted(static_cast<std::uint8_t>(a.upper));
}

void HdlcStation::feed(std::span<const std::uint8_t> bytes, std::uint64_t now_ms) {
  if (bytes.empty()) return;
  if (reader_.in_frame() && config_.inter_octet_timeout_ms != 0 &&
      now_ms - last_byte_ms_ > config_.inter_octet_timeout_ms) {
    reader_.abandon();
    ++stats_.timeouts;
  }
  last_byte_ms_ = now_ms;
  for (const std::uint8_t b : bytes) {
    switch (reader_.push(b)) {
      case FrameReader::Event::kFrame: handle_frame(reader_.frame(), now_ms); break;
      case FrameReader::Event::kDiscarded: ++stats_.format_errors; break;
      case FrameReader::Event::kNone: break;
    }
  }
}

void HdlcStation::handle_frame(std::span<const std::uint8_t> bytes, std::uint64_t now_ms) {
  Frame f;
  const FrameError err = decode_frame(bytes, &f);
  if (err == FrameError::kFcs || err == FrameError::kHcs) {
    ++stats_.fcs_errors;
    return;
  }
  if (err != FrameError::kNone && err != FrameError::kControl) {
    ++stats_.format_errors;
    return;
  }
  if (broadcast_to_me(f.destination)) {
    // Broadcast: unconfirmed requests in UI frames are taken; nothing is ever answered.
    if (err == FrameError::kNone && f.control.type == FrameType::kUI && client_accepted(f.source)) {
      ++stats_.frames_received;
      deliver_unconfirmed(f);
    } else {
      ++stats_.ignored;
    }
    return;
  }
  if (!addressed_to_me(f.destination) || !client_accepted(f.source)) {
    ++stats_.ignored;
    return;
  }
  ++stats_.frames_received;
  const bool from_connected = mode_ != Mode::kNdm && f.source.upper == client_sap_;
  if (err == FrameError::kControl) {
    if (from_connected && mode_ == Mode::kNrm) {
      reply_dest_ = f.source;
      reply_source_ = f.destination;
      reject(f.control_byte, kFrmrW);
    }
    if (from_connected) last_rx_ms_ = now_ms;
    return;
  }
  if (mode_ == Mode::kNdm || !from_connected) {
    if (mode_ != Mode::kNdm) {
      // Another client while a connection stands: its SNRM, DISC or poll is told DM.
      const FrameType t = f.control.type;
      const bool command = t == FrameType::kSNRM || t == FrameType::kDISC || t == FrameType::kI ||
                           t == FrameType::kRR || t == FrameType::kRNR;
      if (command && (f.control.poll_final || t == FrameType::kSNRM || t == FrameType::kDISC)) {
        other_pending_ = true;
        other_dest_ = f.source;
        other_source_ = f.destination;
      }
      return;
    }
    last_rx_ms_ = now_ms;
    handle_ndm(f);
    return;
  }
  last_rx_ms_ = now_ms;
  if (mode_ == Mode::kFrmr) {
    handle_frmr_mode(f);
  } else {
    handle_nrm(f);
  }
}

void HdlcStation::handle_ndm(const Frame& f) {
  reply_dest_ = f.source;
  switch (f.control.type) {
    case FrameType::kSNRM:
      reply_source_ = f.destination;
      handle_snrm(f);
      return;
    case FrameType::kUI:
      reply_source_ = f.destination;
      handle_ui(f);
      return;
    case FrameType::kDISC:
    case FrameType::kI:
    case FrameType::kRR:
    case FrameType::kRNR:
      if (f.control.poll_final || f.control.type == FrameType::kDISC) {
        reply_source_ = f.destination;
        pending_ = Pending::kDm;
      }
      return;
    default:
      return;  // responses sent to a secondary: nothing to answer
  }
}

void HdlcStation::handle_snrm(const Frame& f) {
  LinkParams proposal;
  if (!decode_params(f.info, &proposal).is_ok()) {
    pending_ = Pending::kDm;
    return;
  }
  const bool was_connected = mode_ != Mode::kNdm;
  if (was_connected) push_event(LinkEvent::Kind::kDisconnected, client_sap_);
  clear_link_state();
  negotiated_ = negotiate(proposal, config_.max_params);
  client_sap_ = static_cast<std::uint8_t>(f.source.upper);
  reply_dest_ = f.source;
  reply_source_ = f.destination;
  mode_ = Mode::kNrm;
  ua_params_ = negotiated_;
  pending_ = Pending::kUaParams;
  push_event(LinkEvent::Kind::kConnected, client_sap_);
}

void HdlcStation::handle_nrm(const Frame& f) {
  reply_dest_ = f.source;
  reply_source_ = f.destination;  // answered in the address form of the latest command
  if (!f.info.empty() && !may_carry_info(f.control.type)) {
    reject(f.control_byte, kFrmrW | kFrmrX);
    return;
  }
  switch (f.control.type) {
    case FrameType::kSNRM: handle_snrm(f); return;
    case FrameType::kDISC:
      disconnect_with_ua();
      return;
    case FrameType::kI: handle_i(f); return;
    case FrameType::kRR:
    case FrameType::kRNR: handle_supervisory(f); return;
    case FrameType::kUI: handle_ui(f); return;
    case FrameType::kUA:
    case FrameType::kDM:
    case FrameType::kFRMR: reject(f.control_byte, kFrmrW); return;
  }
}

void HdlcStation::handle_frmr_mode(const Frame& f) {
  reply_dest_ = f.source;
  reply_source_ = f.destination;
  switch (f.control.type) {
    case FrameType::kSNRM: handle_snrm(f); return;
    case FrameType::kDISC:
      disconnect_with_ua();
      return;
    default:
      if (f.control.poll_final) pending_ = Pending::kFrmr;  // the same FRMR again
      return;
  }
}

void HdlcStation::disconnect_with_ua() {
  // The UA carries the parameters of the link it closes, as the Gurux server does; the
  // dlms-cosem client of 2021 cannot parse a UA without an information field.
  ua_params_ = negotiated_;
  push_event(LinkEvent::Kind::kDisconnected, client_sap_);
  clear_link_state();
  mode_ = Mode::kNdm;
  pending_ = Pending::kUaParams;
}

void HdlcStation::reject(std::uint8_t control_byte, std::uint8_t reasons) {
  frmr_info_[0] = control_byte;
  // V(S), C/R = 0 (the rejected frame was a command), V(R).
  frmr_info_[1] = static_cast<std::uint8_t>((vs_ << 1) | (vr_ << 5));
  frmr_info_[2] = reasons;
  ++stats_.frames_rejected;
  mode_ = Mode::kFrmr;
  owes_poll_ = false;
  tx_active_ = false;
  pending_ = Pending::kFrmr;
}

bool HdlcStation::nr_valid(std::uint8_t nr) const {
  // N(R) may acknowledge any frame sent and not yet acknowledged, or none of them.
  const std::size_t outstanding = tx_active_ ? tx_next_seg_ - tx_base_seg_ : 0;
  const std::uint8_t base = tx_active_ ? tx_base_seq_ : vs_;
  return static_cast<std::size_t>((nr - base) & 0x07U) <= outstanding;
}

void HdlcStation::acknowledge(std::uint8_t nr) {
  if (!tx_active_) return;
  const std::size_t acked = (nr - tx_base_seq_) & 0x07U;
  tx_base_seg_ += acked;
  tx_base_seq_ = nr;
  if (tx_base_seg_ >= segment_count()) tx_active_ = false;  // the whole response arrived
}

void HdlcStation::go_back() {
  // A poll: whatever the client has not acknowledged is sent again from its N(R) on.
  if (!tx_active_) return;
  tx_next_seg_ = tx_base_seg_;
  vs_ = tx_base_seq_;
}

void HdlcStation::handle_i(const Frame& f) {
  const Control& c = f.control;
  if (f.info.size() > negotiated_.max_info_rx) {
    reject(f.control_byte, kFrmrY);
    return;
  }
  if (!nr_valid(c.receive_seq)) {
    reject(f.control_byte, kFrmrZ);
    return;
  }
  acknowledge(c.receive_seq);
  if (c.poll_final) go_back();
  if (c.send_seq != vr_) {
    ++stats_.sequence_errors;
    if (c.poll_final) answer_poll();
    return;
  }
  if (rx_busy()) {  // the previous request is still with the DLMS layer
    if (c.poll_final) {
      owes_poll_ = false;
      pending_ = Pending::kRnr;
    }
    return;
  }
  std::span<const std::uint8_t> data = f.info;
  if (!rx_started_) {
    if (!starts_with(data, kLlcRequest)) {
      // Not an xDLMS request: taken by the link (sequence advances) and dropped.
      vr_ = static_cast<std::uint8_t>((vr_ + 1) & 0x07U);
      ++stats_.format_errors;
      if (c.poll_final) answer_poll();
      return;
    }
    data = data.subspan(kLlcRequest.size());
    rx_started_ = true;
    rx_len_ = 0;
  }
  if (data.size() > rx_.size() - rx_len_) {
    reject(f.control_byte, kFrmrY);
    return;
  }
  std::copy(data.begin(), data.end(), rx_.begin() + static_cast<std::ptrdiff_t>(rx_len_));
  rx_len_ += data.size();
  vr_ = static_cast<std::uint8_t>((vr_ + 1) & 0x07U);
  if (f.segmented) {
    if (c.poll_final) answer_poll();  // RR: send the next segments
    return;
  }
  rx_state_ = RxState::kReady;
  rx_sap_ = client_sap_;
  rx_started_ = false;
  if (c.poll_final) owes_poll_ = true;  // the response's I-frames will carry F
}

void HdlcStation::handle_supervisory(const Frame& f) {
  const Control& c = f.control;
  if (!nr_valid(c.receive_seq)) {
    reject(f.control_byte, kFrmrZ);
    return;
  }
  acknowledge(c.receive_seq);
  peer_busy_ = c.type == FrameType::kRNR;
  if (!c.poll_final) return;
  go_back();
  answer_poll();
}

void HdlcStation::answer_poll() {
  if (can_send_i()) {
    owes_poll_ = true;
    pending_ = Pending::kNone;
    return;
  }
  owes_poll_ = false;
  pending_ = rx_busy() ? Pending::kRnr : Pending::kRr;
}

void HdlcStation::handle_ui(const Frame& f) {
  deliver_unconfirmed(f);
  if (mode_ == Mode::kNrm && f.control.poll_final) answer_poll();
}

void HdlcStation::deliver_unconfirmed(const Frame& f) {
  if (f.segmented || !starts_with(f.info, kLlcRequest) || rx_busy() || rx_started_ ||
      f.info.size() - kLlcRequest.size() > rx_.size()) {
    ++stats_.format_errors;
    return;
  }
  const auto data = f.info.subspan(kLlcRequest.size());
  std::copy(data.begin(), data.end(), rx_.begin());
  rx_len_ = data.size();
  rx_sap_ = static_cast<std::uint8_t>(f.source.upper);
  rx_state_ = RxState::kUnconfirmedReady;
}

std::optional<ReceivedApdu> HdlcStation::take_apdu() {
  if (rx_state_ == RxState::kReady) {
    rx_state_ = RxState::kTaken;
    return ReceivedApdu{rx_sap_, std::span<const std::uint8_t>(rx_.data(), rx_len_), false};
  }
  if (rx_state_ == RxState::kUnconfirmedReady) {
    rx_state_ = RxState::kUnconfirmedTaken;
    return ReceivedApdu{rx_sap_, std::span<const std::uint8_t>(rx_.data(), rx_len_), true};
  }
  return std::nullopt;
}

Status HdlcStation::send_apdu(std::uint8_t client_sap, std::span<const std::uint8_t> apdu) {
  if (mode_ != Mode::kNrm || client_sap != client_sap_) {
    return Status::error(StatusCode::kOutOfRange, "hdlc.send_apdu", "that client is not connected");
  }
  if (rx_state_ != RxState::kTaken) {
    return Status::invalid("hdlc.send_apdu", "no request is waiting for a response");
  }
  if (tx_active_) return Status::invalid("hdlc.send_apdu", "the previous response is still being sent");
  if (apdu.size() + kLlcResponse.size() > tx_.size()) {
    return Status::error(StatusCode::kCapacity, "hdlc.send_apdu", "response longer than the transmit buffer");
  }
  std::copy(kLlcResponse.begin(), kLlcResponse.end(), tx_.begin());
  std::copy(apdu.begin(), apdu.end(), tx_.begin() + static_cast<std::ptrdiff_t>(kLlcResponse.size()));
  tx_len_ = apdu.size() + kLlcResponse.size();
  tx_active_ = true;
  tx_base_seg_ = 0;
  tx_next_seg_ = 0;
  tx_base_seq_ = vs_;
  rx_state_ = RxState::kIdle;
  rx_len_ = 0;
  return Status::ok();
}

void HdlcStation::finish_without_response() {
  if (rx_state_ == RxState::kUnconfirmedTaken) {
    rx_state_ = RxState::kIdle;
    rx_len_ = 0;
    return;
  }
  if (rx_state_ != RxState::kTaken) return;
  rx_state_ = RxState::kIdle;
  rx_len_ = 0;
  if (owes_poll_ && mode_ == Mode::kNrm) answer_poll();
}

std::size_t HdlcStation::segment_count() const {
  const std::size_t seg = negotiated_.max_info_tx;
  return (tx_len_ + seg - 1) / seg;
}

bool HdlcStation::can_send_i() const {
  return tx_active_ && !peer_busy_ && tx_next_seg_ < segment_count() &&
         tx_next_seg_ - tx_base_seg_ < negotiated_.window_tx;
}

std::span<const std::uint8_t> HdlcStation::emit(const Frame& f) {
  std::size_t n = 0;
  if (!encode_frame(f, out_, &n).is_ok()) return {};
  return {out_.data(), n};
}

std::span<const std::uint8_t> HdlcStation::next_output() {
  Frame f;
  f.control.poll_final = true;
  if (other_pending_) {
    other_pending_ = false;
    f.source = other_source_;
    f.destination = other_dest_;
    f.control.type = FrameType::kDM;
    return emit(f);
  }
  f.source = reply_source_;
  f.destination = reply_dest_;
  switch (pending_) {
    case Pending::kNone: break;
    case Pending::kRr:
    case Pending::kRnr:
      f.control.type = pending_ == Pending::kRr ? FrameType::kRR : FrameType::kRNR;
      f.control.receive_seq = vr_;
      pending_ = Pending::kNone;
      return emit(f);
    case Pending::kUaParams: {
      f.control.type = FrameType::kUA;
      std::size_t n = 0;
      if (encode_params(ua_params_, false, params_buf_, &n).is_ok()) f.info = {params_buf_.data(), n};
      pending_ = Pending::kNone;
      return emit(f);
    }
    case Pending::kDm:
      f.control.type = FrameType::kDM;
      pending_ = Pending::kNone;
          return emit(f);
    case Pending::kFrmr:
      f.control.type = FrameType::kFRMR;
      f.info = frmr_info_;
      pending_ = Pending::kNone;
      return emit(f);
  }
  if (!owes_poll_ || mode_ != Mode::kNrm || !can_send_i()) return {};
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
  const bool window_full = tx_next_seg_ - tx_base_seg_ >= negotiated_.window_tx;
  f.control.poll_final = !f.segmented || window_full;
  if (f.control.poll_final) owes_poll_ = false;
  return emit(f);
}

bool HdlcStation::poll(std::uint64_t now_ms) {
  if (reader_.in_frame() && config_.inter_octet_timeout_ms != 0 &&
      now_ms - last_byte_ms_ > config_.inter_octet_timeout_ms) {
    reader_.abandon();
    ++stats_.timeouts;
  }
  if (mode_ == Mode::kNdm || config_.inactivity_timeout_s == 0) return false;
  if (now_ms - last_rx_ms_ < std::uint64_t{config_.inactivity_timeout_s} * 1000U) return false;
  drop_link();
  return true;
}

void HdlcStation::reset() {
  if (mode_ != Mode::kNdm) drop_link();
  reader_.abandon();
}

void HdlcStation::drop_link() {
  push_event(LinkEvent::Kind::kDisconnected, client_sap_);
  clear_link_state();
  mode_ = Mode::kNdm;
}

void HdlcStation::clear_link_state() {
  vs_ = 0;
  vr_ = 0;
  owes_poll_ = false;
  peer_busy_ = false;
  pending_ = Pending::kNone;
  other_pending_ = false;
  rx_state_ = RxState::kIdle;
  rx_len_ = 0;
  rx_started_ = false;
  tx_active_ = false;
  tx_len_ = 0;
  tx_base_seg_ = 0;
  tx_next_seg_ = 0;
  tx_base_seq_ = 0;
  negotiated_ = LinkParams{};
}

void HdlcStation::push_event(LinkEvent::Kind kind, std::uint8_t sap) {
  if (event_count_ == events_.size()) {  // drop the oldest
    event_head_ = (event_head_ + 1) % events_.size();
    --event_count_;
  }
  events_[(event_head_ + event_count_) % events_.size()] = LinkEvent{kind, sap};
  ++event_count_;
}

std::optional<LinkEvent> HdlcStation::take_event() {
  if (event_count_ == 0) return std::nullopt;
  const LinkEvent e = events_[event_head_];
  event_head_ = (event_head_ + 1) % events_.size();
  --event_count_;
  return e;
}

}  // namespace quadra::hdlc
