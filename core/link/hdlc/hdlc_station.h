// The meter's side of an IEC 62056-46 HDLC link: a secondary station (the server) in normal
// response mode, sans-I/O. The host feeds the bytes it reads from the port with the time,
// writes what next_output() returns, and calls poll() now and then; the DLMS layer takes request
// APDUs and hands back response APDUs. No socket, timer or heap inside.
//
//   feed(bytes, now_ms)         bytes from the port, in any chunking (frames split, concatenated,
//                               sharing flags, with fill flags between them)
//   take_apdu()                 a complete request (LLC header E6 E6 00 stripped), with the client
//                               SAP that sent it, so that the DLMS layer picks the association
//   send_apdu(client_sap, apdu) the response (sent with LLC header E6 E7 00, segmented by the
//                               negotiated maximum information field length)
//   finish_without_response()   the request needs no response (unconfirmed service): the poll
//                               is answered with RR instead
//   next_output()               the next frame to write, empty when there is nothing to send
//   poll(now_ms)                timers: true when the link dropped for inactivity
//   take_event()                connected / disconnected, for the DLMS layer's associations
//
// Behaviour (62056-46 and ISO/IEC 13239, normal response mode, modulo 8):
// - addressing: frames whose destination is not this server (upper = logical address; with a
//   2- or 4-byte address also lower = physical address) are ignored, as are frames whose source
//   is not a 1-byte client address accepted by the configuration. Answers use the very address
//   forms the client used. One client is connected at a time: another client's SNRM (and any
//   command it polls with) gets DM while a connection stands.
// - NDM (disconnected): SNRM -> UA with the negotiated parameters (each the smaller of the
//   client's proposal, or the default when absent, and this server's maximum); a malformed SNRM
//   information field -> DM; DISC -> DM; I, RR, RNR with P=1 -> DM.
// - NRM (connected): SNRM from the connected client resets the link (new UA); DISC -> UA, back
//   to NDM (the UA carries the parameters of the link it closes, as the Gurux server's does:
//   the dlms-cosem client of 2021 cannot parse a UA without information field); I-frames are
//   accepted when N(S) = V(R), otherwise dropped and the poll answered with RR carrying V(R); every N(R) acknowledges the server's I-frames; a segmented request (format
//   S bit) is reassembled, each poll answered with RR until the last segment; a response is sent
//   one window at a time (up to the negotiated window, F on the last frame) and the client's RR
//   polls for the next; lost frames are sent again from the client's N(R) (go-back-N). While a
//   received request waits for take_apdu/send_apdu, new I-frames are refused with RNR.
// - FRMR (then only SNRM or DISC are accepted, every other poll gets the FRMR again): a control
//   field 62056-46 does not use, an information field on a frame that may not carry one, an
//   information field longer than the negotiated maximum, an N(R) that acknowledges frames never
//   sent, a request longer than the receive buffer.
// - damaged frames (FCS or HCS wrong) and broken framing are dropped silently (62056-46: a frame failing its check is discarded),
//   only counted in stats(). A partial frame older than the inter-octet timeout is dropped.
// - inactivity: with no valid frame from the connected client for the inactivity timeout, the
//   link returns to NDM (poll() returns true and a disconnected event is queued).
// - UI frames with the LLC header are delivered as unconfirmed requests (no response owed).
// - broadcast: a destination with the all-station value (0x7F, or 0x3FFF in the 4-byte form) in
//   its upper or lower part, the other part being this server's or all-station too, is accepted
//   for UI frames only (unconfirmed requests, in NDM as in NRM); it is never answered. Other
//   frames to all-station are ignored.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "core/common/status.h"
#include "core/link/hdlc/frame_reader.h"
#include "core/link/hdlc/hdlc_frame.h"
#include "core/link/hdlc/hdlc_params.h"

namespace quadra::hdlc {

// The LLC header before every APDU (62056-46, after ISO/IEC 8802-2): destination LSAP E6, source LSAP
// E6 (command) or E7 (response), quality 00. Only the first segment of an APDU carries it.
inline constexpr std::array<std::uint8_t, 3> kLlcRequest = {0xE6, 0xE6, 0x00};
inline constexpr std::array<std::uint8_t, 3> kLlcResponse = {0xE6, 0xE7, 0x00};

struct StationConfig {
  std::uint16_t logical_address = 1;    // upper HDLC address, 1..0x3FFE but not 0x7F (all-station)
  std::uint16_t physical_address = 0;   // lower HDLC address, 0..0x3FFE but not 0x7F; checked when
                                        // the client sends a 2- or 4-byte address
  LinkParams max_params;                // this server's maxima, its own point of view
  std::uint32_t inactivity_timeout_s = 120;  // 0: never (HDLC setup IC 23 default 120 s)
  std::uint32_t inter_octet_timeout_ms = 25;  // 0: never (IC 23 default 25 ms)
  // Accepted client SAPs (bit n % 64 of word n / 64 for SAP n). Default: 1..126 (not 0, no
  // station, nor 127, all-station).
  std::array<std::uint64_t, 2> accepted_clients = {~std::uint64_t{1}, ~(std::uint64_t{1} << 63)};

  // Precondition: sap <= 127.
  constexpr bool client_accepted(std::uint8_t sap) const {
    return ((accepted_clients[sap / 64U] >> (sap % 64U)) & 1U) != 0;
  }
  constexpr void set_client_accepted(std::uint8_t sap, bool accepted) {
    const std::uint64_t bit = std::uint64_t{1} << (sap % 64U);
    accepted_clients[sap / 64U] = accepted ? (accepted_clients[sap / 64U] | bit) : (accepted_clients[sap / 64U] & ~bit);
  }
};

// kInvalidArgument with the field at fault.
Status validate(const StationConfig& config);

struct ReceivedApdu {
  std::uint8_t client_sap = 0;
  std::span<const std::uint8_t> apdu;  // valid until send_apdu or finish_without_response
  bool unconfirmed = false;            // came in a UI frame: no response is expected
};

struct LinkEvent {
  enum class Kind : std::uint8_t { kConnected, kDisconnected };
  Kind kind = Kind::kConnected;
  std::uint8_t client_sap = 0;
};

struct StationStats {
  std::uint32_t frames_received = 0;  // valid frames addressed to this server
  std::uint32_t fcs_errors = 0;       // FCS or HCS wrong: dropped
  std::uint32_t format_errors = 0;    // broken framing or frame structure: dropped
  std::uint32_t ignored = 0;          // for another address or from an unaccepted client
  std::uint32_t sequence_errors = 0;  // I-frames with N(S) != V(R)
  std::uint32_t frames_rejected = 0;  // FRMR sent
  std::uint32_t timeouts = 0;         // partial frames dropped by the inter-octet timeout
};

class HdlcStation {
 public:
  enum class Mode : std::uint8_t { kNdm, kNrm, kFrmr };

  // Preconditions: validate(config) is ok; rx_storage (the largest request APDU) and tx_storage
  // (the largest response APDU + 3 bytes of LLC header) outlive the station.
  HdlcStation(const StationConfig& config, std::span<std::uint8_t> rx_storage, std::span<std::uint8_t> tx_storage);

  void feed(std::span<const std::uint8_t> bytes, std::uint64_t now_ms);
  std::optional<ReceivedApdu> take_apdu();
  // kOutOfRange when that client is not connected (or the request was unconfirmed), kCapacity when
  // the APDU does not fit the tx storage, kInvalidArgument when no request is pending or the
  // previous response is still being sent.
  Status send_apdu(std::uint8_t client_sap, std::span<const std::uint8_t> apdu);
  void finish_without_response();
  // The next frame to write; the span stays valid until the next call on the station.
  std::span<const std::uint8_t> next_output();
  bool poll(std::uint64_t now_ms);
  std::optional<LinkEvent> take_event();
  // Back to NDM at once (e.g. the port closed); queues a disconnected event when connected.
  void reset();

  Mode mode() const { return mode_; }
  std::uint8_t connected_client() const { return client_sap_; }
  // What this server uses on the current link, its own point of view.
  const LinkParams& negotiated() const { return negotiated_; }
  const StationStats& stats() const { return stats_; }

 private:
  enum class RxState : std::uint8_t { kIdle, kReady, kTaken, kUnconfirmedReady, kUnconfirmedTaken };
  enum class Pending : std::uint8_t { kNone, kRr, kRnr, kUaParams, kDm, kFrmr };

  void disconnect_with_ua();

  void handle_frame(std::span<const std::uint8_t> bytes, std::uint64_t now_ms);
  void handle_ndm(const Frame& f);
  void handle_nrm(const Frame& f);
  void handle_frmr_mode(const Frame& f);
  void handle_snrm(const Frame& f);
  void handle_i(const Frame& f);
  void handle_supervisory(const Frame& f);
  void handle_ui(const Frame& f);
  void reject(std::uint8_t control_byte, std::uint8_t reasons);
  void answer_poll();
  bool nr_valid(std::uint8_t nr) const;
  void acknowledge(std::uint8_t nr);
  void go_back();
  void drop_link();
  void clear_link_state();
  void push_event(LinkEvent::Kind kind, std::uint8_t sap);
  bool addressed_to_me(const Address& a) const;
  bool broadcast_to_me(const Address& a) const;
  void deliver_unconfirmed(const Frame& f);
  bool client_accepted(const Address& a) const;
  bool rx_busy() const { return rx_state_ != RxState::kIdle; }
  std::size_t segment_count() const;
  bool can_send_i() const;
  std::span<const std::uint8_t> emit(const Frame& f);

  StationConfig config_;
  std::span<std::uint8_t> rx_;
  std::span<std::uint8_t> tx_;
  FrameReader reader_;
  Mode mode_ = Mode::kNdm;
  LinkParams negotiated_;
  std::uint8_t client_sap_ = 0;
  Address reply_source_;  // this server as the client addressed it
  Address reply_dest_;    // whoever the current answer goes to
  // A DM owed to another client that spoke while a connection stands.
  bool other_pending_ = false;
  Address other_dest_;
  Address other_source_;
  std::uint8_t vs_ = 0;   // V(S): N(S) of the next new I-frame
  std::uint8_t vr_ = 0;   // V(R): N(S) expected next
  bool owes_poll_ = false;  // a P=1 command is waiting for the I-frames of a response
  bool peer_busy_ = false;  // the client said RNR
  Pending pending_ = Pending::kNone;
  std::array<std::uint8_t, 3> frmr_info_{};
  LinkParams ua_params_;  // the parameter field of the next UA
  // Receive side.
  RxState rx_state_ = RxState::kIdle;
  std::size_t rx_len_ = 0;
  bool rx_started_ = false;  // the first segment (with the LLC header) arrived
  std::uint8_t rx_sap_ = 0;
  // Transmit side: tx_ holds LLC header + APDU, cut into segments of negotiated_.max_info_tx.
  bool tx_active_ = false;
  std::size_t tx_len_ = 0;
  std::size_t tx_base_seg_ = 0;  // first segment not acknowledged
  std::uint8_t tx_base_seq_ = 0;  // its N(S)
  std::size_t tx_next_seg_ = 0;  // next segment to send
  // Timers.
  std::uint64_t last_rx_ms_ = 0;
  std::uint64_t last_byte_ms_ = 0;
  // Events (a small ring; the oldest is dropped when full).
  std::array<LinkEvent, 4> events_{};
  std::size_t event_head_ = 0;
  std::size_t event_count_ = 0;
  StationStats stats_;
  std::array<std::uint8_t, kMaxFrameBytes> out_{};
  std::array<std::uint8_t, kMaxParamsBytes> params_buf_{};
};

}  // namespace quadra::hdlc
