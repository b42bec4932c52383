// One HDLC link of a port (IEC 62056-46) joined to the DLMS server: the adaptor between the
// sans-I/O server station (core/link/hdlc/hdlc_station.h) and an ApduSession (apdu_session.h).
//
//   feed(bytes, now_ms, out)  bytes read from the port; frames to write are appended to `out`
//   poll(now_ms, out)         timers (inter-octet, inactivity); true when the link dropped
//
// Each link owns its station, its buffers, its timers and at most one session:
// - the station's "connected" event (an SNRM answered with UA) opens a session through the
//   factory, named "<port name> client <SAP>"; a factory that gives none leaves the link up but
//   every request unanswered (the client's poll gets RR), and is logged;
// - every complete request goes to the session as on_apdu(client SAP, server logical address),
//   its answer back through the station (segmented, windowed); no answer: RR to the poll;
// - "disconnected" (DISC, inactivity, a new SNRM, reset()) calls the session's on_close() and
//   drops it, so the next SNRM starts a new association context.
//
// The station's settings come from an HdlcSetup (core/link/hdlc/hdlc_setup.h) that may change
// while the port runs (a client writes the HDLC setup object): they are taken again whenever the
// link is disconnected and the setup's generation has moved, i.e. at the next connection.
//
// now_ms is a monotonic wall-clock time in milliseconds (the peer is real). Host code: the
// session may throw; that closes the association (on_close) and drops the link (DM to the next
// poll), with a log line.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/link/hdlc/hdlc_setup.h"
#include "core/link/hdlc/hdlc_station.h"
#include "host/ports/apdu_session.h"

namespace quadra::host::ports {

struct HdlcLinkStats {
  std::uint64_t connections = 0;  // SNRMs that opened a session
  std::uint64_t requests = 0;     // APDUs handed to sessions
  std::uint64_t responses = 0;    // answers sent back
  std::uint64_t inactivity_drops = 0;
};

class HdlcLink {
 public:
  // The largest request APDU a link takes (the server's max-receive-pdu-size and the ciphering
  // overhead), and the largest answer it can send (the session's limit).
  static constexpr std::size_t kMaxRequest = 4096 + 64;
  static constexpr std::size_t kMaxResponse = 0xFFFF;

  // `factory` and `setup` outlive the link; `name` names the port in logs and in session peers
  // (e.g. "hdlc 127.0.0.1:40312", "serial 1"). Throws std::invalid_argument when the setup does
  // not make a valid station configuration.
  HdlcLink(ApduSessionFactory& factory, const io::HdlcSetup& setup, std::string name);
  // Closes the session if one is open.
  ~HdlcLink();
  HdlcLink(const HdlcLink&) = delete;
  HdlcLink& operator=(const HdlcLink&) = delete;

  void feed(std::span<const std::uint8_t> bytes, std::uint64_t now_ms, std::vector<std::uint8_t>& out);
  bool poll(std::uint64_t now_ms, std::vector<std::uint8_t>& out);
  // Back to disconnected at once (the port closed): the session is closed; nothing is sent.
  void reset();

  bool connected() const { return station_->mode() != hdlc::HdlcStation::Mode::kNdm; }
  const hdlc::HdlcStation& station() const { return *station_; }
  const HdlcLinkStats& stats() const { return stats_; }
  const std::string& name() const { return name_; }

 private:
  void rebuild_station_if_changed();
  void service(std::vector<std::uint8_t>& out);
  void handle_event(const hdlc::LinkEvent& e);
  void handle_request(const hdlc::ReceivedApdu& rq);
  void close_session(const char* why);
  void drain(std::vector<std::uint8_t>& out);

  ApduSessionFactory& factory_;
  const io::HdlcSetup& setup_;
  std::uint32_t generation_ = 0;
  std::uint16_t logical_address_ = 1;  // the station's, as built
  std::string name_;
  std::vector<std::uint8_t> rx_;
  std::vector<std::uint8_t> tx_;
  std::vector<std::uint8_t> response_;
  std::optional<hdlc::HdlcStation> station_;
  std::unique_ptr<ApduSession> session_;
  std::uint8_t session_client_ = 0;
  const char* drop_reason_ = "disconnected (DISC)";
  HdlcLinkStats stats_;
};

}  // namespace quadra::host::ports
