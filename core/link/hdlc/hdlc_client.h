// The client's side of an IEC 62056-46 HDLC link: a primary station, sans-I/O, small enough to
// drive the server in tests and to serve the project's own client tool (`quadra read` over HDLC).
//
//   connect()        queues SNRM with the proposed parameters; UA -> connected (negotiated() is
//                    then the client's own view of what the server accepted), DM -> refused
//   send_apdu(apdu)  one request: LLC header E6 E6 00, cut into I-frames of the negotiated
//                    maximum length, a window at a time (P on the last frame of each window);
//                    the server's RR polls the next window
//   take_apdu()      the response once complete (LLC header E6 E7 00 stripped); while a segmented
//                    response comes in, the client answers each window with RR
//   disconnect()     queues DISC; UA or DM -> disconnected
//   feed(bytes, now_ms), next_output(), poll(now_ms) as for the server station.
//
// One frame with P=1 is outstanding at a time; the client sends nothing else until the server's
// frame with F=1 arrives. Frames the server reports missing (its RR's N(R)) are sent again, and
// an out-of-sequence response frame is answered with RR carrying the N(S) still expected. With
// no answer within the response timeout the client gives up (state kFailed, error() says why):
// it does not repeat a poll, a tool reconnects instead.
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

struct ClientConfig {
  std::uint8_t client_sap = 16;  // 16: public client
  Address server = server_address(1, 0, 1);
  LinkParams proposal;  // the client's point of view
  bool omit_default_params = true;  // SNRM without the parameters that equal the defaults
  std::uint32_t response_timeout_ms = 5000;
};

class HdlcClient {
 public:
  enum class State : std::uint8_t { kDisconnected, kConnecting, kConnected, kDisconnecting, kFailed };
  // Why the client is in kFailed, for a tool's message: no frame with F=1 within the response
  // timeout, a DM (the server refused or dropped the link), an FRMR, or a response it could not
  // take (no LLC header, too long for the receive buffer, bad UA parameters).
  enum class Failure : std::uint8_t { kNone, kTimeout, kDisconnectedMode, kFrameReject, kBadResponse };

  // Precondition: the storage outlives the client. rx_storage holds the largest response APDU,
  // tx_storage the largest request APDU + 3 bytes of LLC header.
  HdlcClient(const ClientConfig& config, std::span<std::uint8_t> rx_storage, std::span<std::uint8_t> tx_storage);

  void connect();
  void disconnect();
  // kInvalidArgument when not connected or a request is under way, kCapacity when too long.
  Status send_apdu(std::span<const std::uint8_t> apdu);
  std::optional<std::span<const std::uint8_t>> take_apdu();

  void feed(std::span<const std::uint8_t> bytes, std::uint64_t now_ms);
  // The next frame to write (valid until the next call on the client); empty when none. now_ms
  // starts the response timer when the frame carries P.
  std::span<const std::uint8_t> next_output(std::uint64_t now_ms);
  // Timers: true when the response timeout ran out (then state() is kFailed).
  bool poll(std::uint64_t now_ms);

  State state() const { return state_; }
  const LinkParams& negotiated() const { return negotiated_; }
  // Why the client failed or the server refused (ok otherwise).
  Status error() const { return error_; }
  Failure failure() const { return failure_; }
  // True while a request is being sent or its response awaited.
  bool busy() const { return request_active_; }

 private:
  enum class Pending : std::uint8_t { kNone, kSnrm, kDisc, kRr };

  void handle_frame(std::span<const std::uint8_t> bytes);
  void handle_i(const Frame& f);
  void acknowledge(std::uint8_t nr);
  void fail(Failure kind, Status why);
  std::size_t segment_count() const;
  bool can_send_i() const;
  std::span<const std::uint8_t> emit(const Frame& f, std::uint64_t now_ms);

  ClientConfig config_;
  std::span<std::uint8_t> rx_;
  std::span<std::uint8_t> tx_;
  FrameReader reader_;
  State state_ = State::kDisconnected;
  LinkParams negotiated_;
  Status error_;
  Failure failure_ = Failure::kNone;
  Pending pending_ = Pending::kNone;
  bool awaiting_final_ = false;  // a frame with P=1 went out; waiting for F=1
  std::uint64_t poll_sent_ms_ = 0;
  std::uint8_t vs_ = 0;
  std::uint8_t vr_ = 0;
  // Request being sent.
  bool request_active_ = false;
  bool may_send_ = false;  // holding the right to send the next window of the request
  std::size_t tx_len_ = 0;
  std::size_t tx_base_seg_ = 0;
  std::uint8_t tx_base_seq_ = 0;
  std::size_t tx_next_seg_ = 0;
  // Response being received.
  std::size_t rx_len_ = 0;
  bool rx_started_ = false;
  bool rx_ready_ = false;
  std::array<std::uint8_t, kMaxFrameBytes> out_{};
  std::array<std::uint8_t, kMaxParamsBytes> params_buf_{};
};

}  // namespace quadra::hdlc
