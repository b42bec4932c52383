// One DLMS/COSEM association context on the server (the meter): APDU in, APDU out, no I/O. The
// host makes one per connection (TCP wrapper) or per HDLC link, and gives it the request APDUs
// with the client's SAP.
//
//   AARQ   -> AARE: the client SAP picks the association (cosem/association.h); the application
//             context must be LN (with ciphering for HLS-GMAC); the mechanism must be the association's; LLS
//             compares the password; the InitiateRequest must propose DLMS version 6 and GET;
//             conformance = proposed & offered; PDU size = the smaller of both.
//             A ciphered InitiateRequest (HLS-GMAC association) may carry a dedicated key: the
//             association then also takes ded- APDUs, answered ded- under that key.
//   RLRQ   -> RLRE, association released.
//   GET    normal, with-list, next (block transfer of anything larger than the client's PDU
//          size), with selective access on profile buffers;
//   SET    normal, with-list, and with data blocks (with-first-datablock / with-datablock, also
//          for a list), when block-transfer-with-set was negotiated;
//   ACTION normal, with-list, and with parameter blocks both ways (with-first-pblock / with-pblock
//          towards the meter; return data larger than the client's PDU in with-pblock responses,
//          acknowledged by next-pblock requests) when block-transfer-with-action was negotiated.
// General block transfer (general-block-transfer, conformance bit 2; gbt.cc), offered and used
// when the client proposes it, with window 1 and no streaming: a request may come in GBT blocks
// (numbered from 1; each block but the last is acknowledged by an empty GBT APDU with
// last-block set), and is then answered in GBT too; a response longer than the client's receive
// PDU size goes in GBT blocks that fit it, one block for each acknowledgement of the client
// (block-number-ack = the last block it has; acknowledging an earlier one has that block's
// successor sent again). Every GBT APDU the meter sends takes the next block number, counted
// from 1 for each request. GBT carries whole APDUs: in a ciphered association it carries the
// glo-/ded-/general-ciphered request and response (protection is applied to the whole APDU). With
// GBT the responses may be as long as 65535 octets; longer data still goes in service-specific
// blocks (GET-Response-With-Datablock, ACTION pblocks), each carried in GBT.
// Block transfer (set_action.cc): one transfer at a time; any request other than its continuation
// abandons it. A block with a wrong number aborts the transfer with data-block-number-invalid
// (SET) or long-action-aborted (ACTION); a continuation with no transfer in progress gets
// no-long-set-in-progress / no-long-action-in-progress (Green Book, xDLMS services).
// A request before the association, or an APDU that does not decode, gets an EXCEPTION-Response;
// a wrong password gets an AARE "authentication failure" and is logged (fraud log, 46), and a
// client SAP that fails kMaxFailures times in a row is refused for kLockout of meter time
// (AuthGuard, shared by the sessions), so passwords cannot be tried at wire speed.
//
// Ciphered associations: the request must be protected at least as the security policy in force
// asks (Security setup 0.0.43.0.0.255), the response is protected as the request was and at least
// as the policy asks. A change of keys or policy made by a request takes effect after its response.
//
// Memory: the response and the pending block transfer live in the caller's buffers, sized at
// start-up; nothing is allocated per request.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/association/inbound_blocks.h"
#include "core/association/security_material.h"
#include "core/cosem/association.h"
#include "core/cosem/directory.h"
#include "core/dlms/action.h"
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
  // One request APDU (not GBT): plain or ciphered, answered in `out`.
  std::size_t process(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, std::span<std::uint8_t> out,
                      double now_s);
  // A general-block-transfer APDU: a block of a request, or the client's acknowledgement (gbt.cc).
  std::size_t on_gbt(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, std::span<std::uint8_t> out,
                     double now_s);
  // The response out[0, n) kept in plain_out_ and its first GBT block written to `out`.
  std::size_t start_gbt_response(std::span<std::uint8_t> out, std::size_t n);
  // Block `index` (from 0) of the kept response as a GBT APDU.
  std::size_t send_gbt_block(std::span<std::uint8_t> out, std::size_t index);
  bool gbt_negotiated() const;
  void reset_gbt();
  // The plain request dispatched (after deciphering, for a ciphered association).
  std::size_t dispatch(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  // Ciphered association: the request deciphered, dispatched, and the answer ciphered.
  std::size_t on_ciphered(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, std::span<std::uint8_t> out,
                          double now_s);
  std::size_t on_aarq(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  std::size_t on_get(std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  std::size_t on_set(std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  std::size_t on_action(std::span<const std::uint8_t> apdu, dlms::AxdrWriter& w, double now_s);
  std::size_t on_reply_to_hls(const dlms::ActionRequest& rq, dlms::AxdrWriter& w, double now_s);
  // One attribute written / one method called, access rights checked (set_action.cc).
  cosem::DataAccessResult write(const dlms::AttributeDescriptor& a, std::span<const std::uint8_t> value, double now_s);
  cosem::ActionResult invoke(const dlms::MethodDescriptor& m, std::span<const std::uint8_t> parameters,
                             dlms::AxdrWriter& ret, bool& has_data, double now_s);
  // The SET of a complete value (or list of values, when list) reassembled from blocks.
  std::size_t finish_set_blocks(dlms::AxdrWriter& w, dlms::InvokeIdAndPriority invoke, double now_s);
  // The ACTION response for a method that ran: normal, or in pblocks when its data is too large.
  std::size_t action_response(dlms::AxdrWriter& w, dlms::InvokeIdAndPriority invoke, cosem::ActionResult result,
                              bool has_data, std::size_t data_size);
  std::size_t exception(dlms::AxdrWriter& w, dlms::StateError state, dlms::ServiceError service);
  // The next block of the pending GET or ACTION response (block numbers from 1).
  std::size_t send_block(dlms::AxdrWriter& w, dlms::InvokeIdAndPriority invoke, std::uint32_t number);
  // Where an ACTION's return value is written: big_ below the inbound blocks.
  std::span<std::uint8_t> return_area() { return big_.first(big_.size() - inbound_area_); }
  cosem::DataAccessResult read(const dlms::AttributeReference& ref, dlms::AxdrWriter& w, double now_s);
  std::size_t response_limit() const;

  cosem::Directory& directory_;
  meter::Meter& meter_;
  AuthGuard& guard_;
  ServerConfig config_;
  std::span<std::uint8_t> big_;
  cosem::AssociationInfo info_;
  // Pending block transfer: big_[0, pending_size_) cut into blocks of block_size_, sent as
  // GET-Response-With-Datablock or ACTION-Response-With-Pblock.
  enum class Outbound : std::uint8_t { kGet, kAction };
  std::size_t pending_size_ = 0;
  std::size_t block_size_ = 0;
  std::uint32_t blocks_sent_ = 0;
  bool pending_ = false;
  Outbound outbound_ = Outbound::kGet;
  // Blocks towards the meter (SET / ACTION), collected at the end of big_ (inbound_area_ octets),
  // and what they are for.
  enum class Inbound : std::uint8_t { kNone, kSet, kSetList, kAction };
  std::size_t inbound_area_ = 0;
  InboundBlocks inbound_;
  Inbound inbound_for_ = Inbound::kNone;
  dlms::AttributeDescriptor set_target_;
  std::array<dlms::AttributeDescriptor, dlms::kMaxListItems> set_list_{};
  std::size_t set_list_count_ = 0;
  dlms::MethodDescriptor action_target_;
  // HLS-GMAC: the association waits for reply_to_HLS_authentication until hls_pending_ is false.
  bool ciphered_ = false;
  bool hls_pending_ = false;
  security::SystemTitle client_title_{};
  // The dedicated key the client sent in its ciphered InitiateRequest: ded- APDUs of this
  // association use it, with their own counter (the key lives as long as the association).
  bool has_dedicated_key_ = false;
  security::Key128 dedicated_key_{};
  security::InvocationCounterGuard dedicated_guard_;
  std::array<std::uint8_t, 16> stoc_{};
  std::array<std::uint8_t, 64> ctos_{};
  std::size_t ctos_size_ = 0;
  // General block transfer: a request being collected (gbt_in_), a response being sent (kept in
  // plain_out_, gbt_out_size_ octets in blocks of gbt_block_size_), the block numbers.
  std::array<std::uint8_t, 4200> gbt_in_{};
  std::size_t gbt_in_size_ = 0;
  bool gbt_in_active_ = false;
  bool gbt_out_pending_ = false;
  std::size_t gbt_out_size_ = 0;
  std::size_t gbt_block_size_ = 0;
  std::size_t gbt_blocks_ = 0;
  std::uint16_t gbt_first_number_ = 1;  // the block number of the response's first block
  std::uint16_t gbt_tx_number_ = 0;     // the last block number the meter sent
  std::uint16_t gbt_rx_number_ = 0;     // the last block number received from the client
  std::array<std::uint8_t, 4200> plain_in_{};
  std::array<std::uint8_t, 0xFFFF> plain_out_{};
};

}  // namespace quadra::association
