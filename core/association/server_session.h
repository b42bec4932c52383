// One DLMS/COSEM association context on the server (the meter): APDU in, APDU out, no I/O. The
// host makes one per connection (TCP wrapper) or per HDLC link, and gives it the request APDUs
// with the client's SAP.
//
//   AARQ   -> AARE: the client SAP picks the association (cosem/association.h); the application
//             context must be LN without ciphering; the mechanism must be the association's; LLS
//             compares the password; the InitiateRequest must propose DLMS version 6 and GET;
//             conformance = proposed & offered; PDU size = the smaller of both.
//   RLRQ   -> RLRE, association released.
//   GET    normal, with-list, next (block transfer of anything larger than the client's PDU
//          size), with selective access on profile buffers;
//   SET    normal; ACTION normal.
// A request before the association, or an APDU that does not decode, gets an EXCEPTION-Response;
// a wrong password gets an AARE "authentication failure" and is logged (fraud log, 46), and a
// client SAP that fails kMaxFailures times in a row is refused for kLockout of meter time
// (AuthGuard, shared by the sessions), so passwords cannot be tried at wire speed.
//
// Memory: the response and the pending block transfer live in the caller's buffers, sized at
// start-up; nothing is allocated per request.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/cosem/association.h"
#include "core/cosem/directory.h"
#include "core/dlms/apdu.h"
#include "core/security/ciphered_apdu.h"
#include "core/security/invocation_counter.h"

namespace quadra::association {

// Failed authentications per client SAP (shared by all sessions of a meter).
class AuthGuard {
 public:
  static constexpr int kMaxFailures = 3;
  static constexpr double kLockoutS = 60.0;
  bool locked(std::uint16_t sap, double now_s) const;
  void failed(std::uint16_t sap, double now_s);
  void succeeded(std::uint16_t sap);

 private:
  struct Entry {
    std::uint16_t sap = 0;
    int failures = 0;
    double locked_until_s = -1.0;
  };
  Entry& entry(std::uint16_t sap);
  const Entry* find(std::uint16_t sap) const;
  std::array<Entry, 8> entries_{};
};

// The meter's security suite 0 material (one set per meter, shared by its sessions): its system
// title, the global unicast encryption key and the authentication key, the invocation counter it
// sends with, one receive guard per client SAP (replays are refused), and a source of
// unpredictable bytes for the HLS challenges (the host's; the core has none).
struct SecurityMaterial {
  security::SystemTitle server_title{};
  security::Key128 encryption_key{};
  security::Key128 authentication_key{};
  std::uint32_t next_invocation_counter = 1;
  void (*random)(std::span<std::uint8_t> out, void* context) = nullptr;
  void* random_context = nullptr;
  struct ClientGuard {
    std::uint16_t sap = 0;
    security::InvocationCounterGuard guard;
  };
  std::array<ClientGuard, 4> guards{};
  security::InvocationCounterGuard& guard_for(std::uint16_t sap);
};

struct ServerConfig {
  std::uint16_t max_receive_pdu = 4096;    // the largest request APDU the meter accepts (told in the AARE)
  std::uint32_t conformance = 0;           // offered; 0 = the default set (get, set, action, selective
                                           // access, block transfer with get, multiple references)
  SecurityMaterial* security = nullptr;    // null: no ciphered association (HLS-GMAC refused)
};

class ServerSession {
 public:
  // big_buffer: where a GET response's data is built before it is cut into blocks (its size bounds
  // the largest attribute the session can serve, e.g. a year of load profile: about 4 MB).
  ServerSession(cosem::Directory& directory, meter::Meter& meter, AuthGuard& guard, const ServerConfig& config,
                std::span<std::uint8_t> big_buffer);

  // One request APDU from client SAP `client_sap`; writes the response APDU into `out` and
  // returns its size (0: no response). `out` must hold 65535 octets (the largest response).
  std::size_t on_apdu(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, std::span<std::uint8_t> out,
                      double now_s);
  // The connection is gone: the association ends.
  void on_disconnect();

  bool associated() const { return info_.associated(); }
  const cosem::AssociationInfo& info() const { return info_; }

 private:
  // The plain request dispatched (after deciphering, for a ciphered association).
  std::size_t dispatch(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  // Ciphered association: the request deciphered, dispatched, and the answer ciphered.
  std::size_t on_ciphered(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, std::span<std::uint8_t> out,
                          double now_s);
  std::size_t on_aarq(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  std::size_t on_get(std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  std::size_t on_set(std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  std::size_t on_action(std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  std::size_t exception(dlms::AxdrWriter& w, dlms::StateError state, dlms::ServiceError service);
  // The next block of the pending GET (block numbers from 1).
  std::size_t send_block(dlms::AxdrWriter& w, dlms::InvokeIdAndPriority invoke, std::uint32_t number);
  cosem::DataAccessResult read(const dlms::AttributeReference& ref, dlms::AxdrWriter& w, double now_s);
  std::size_t response_limit() const;

  cosem::Directory& directory_;
  meter::Meter& meter_;
  AuthGuard& guard_;
  ServerConfig config_;
  std::span<std::uint8_t> big_;
  cosem::AssociationInfo info_;
  // Pending block transfer: big_[0, pending_size_) cut into blocks of block_size_.
  std::size_t pending_size_ = 0;
  std::size_t block_size_ = 0;
  std::uint32_t blocks_sent_ = 0;
  bool pending_ = false;
  // HLS-GMAC: the association waits for reply_to_HLS_authentication until hls_pending_ is false.
  bool ciphered_ = false;
  bool hls_pending_ = false;
  security::SystemTitle client_title_{};
  std::array<std::uint8_t, 16> stoc_{};
  std::array<std::uint8_t, 64> ctos_{};
  std::size_t ctos_size_ = 0;
  std::array<std::uint8_t, 4200> plain_in_{};
  std::array<std::uint8_t, 0xFFFF> plain_out_{};
};

}  // namespace quadra::association
