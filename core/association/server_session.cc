#include "core/association/server_session.h"

#include <algorithm>
#include <cstring>

#include "core/dlms/acse.h"
#include "core/dlms/action.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/errors.h"
#include "core/dlms/get.h"
#include "core/dlms/initiate.h"
#include "core/dlms/set.h"
#include "core/recording/event_codes.h"
#include "core/security/hls_gmac.h"

namespace quadra::association {
namespace {

using cosem::DataAccessResult;
using dlms::AxdrWriter;
namespace conf = dlms::conformance;

constexpr std::uint32_t kDefaultConformance = conf::kGet | conf::kSet | conf::kAction | conf::kSelectiveAccess |
                                              conf::kBlockTransferWithGetOrRead | conf::kBlockTransferWithSetOrWrite |
                                              conf::kBlockTransferWithAction | conf::kMultipleReferences |
                                              conf::kGeneralBlockTransfer;
// The most a SET or ACTION may bring in blocks (the largest writable attribute or method
// parameter is far smaller); taken from the end of the big buffer.
constexpr std::size_t kMaxInbound = 64 * 1024;
// GET-Response-With-Datablock header: C4 02 invoke, last, block number (4), raw-data choice and a
// length of up to 3 octets.
constexpr std::size_t kBlockOverhead = 3 + 1 + 4 + 1 + 4;

meter::Obis obis_of(const dlms::LogicalName& ln) { return meter::Obis(ln[0], ln[1], ln[2], ln[3], ln[4], ln[5]); }

}  // namespace

bool AuthGuard::locked(std::uint16_t sap, double now_s) const {
  const Entry* e = find(sap);
  return e != nullptr && now_s < e->locked_until_s;
}

void AuthGuard::failed(std::uint16_t sap, double now_s) {
  Entry& e = entry(sap);
  if (++e.failures >= kMaxFailures) {
    e.locked_until_s = now_s + kLockoutS;
    e.failures = 0;
  }
}

void AuthGuard::succeeded(std::uint16_t sap) { entry(sap).failures = 0; }

AuthGuard::Entry& AuthGuard::entry(std::uint16_t sap) {
  for (Entry& e : entries_) {
    if (e.sap == sap) return e;
  }
  // A new client: take the slot of the one with the fewest failures (never a locked one first).
  Entry* slot = &entries_[0];
  for (Entry& e : entries_) {
    if (e.failures == 0 && e.locked_until_s < 0) {
      slot = &e;
      break;
    }
  }
  *slot = Entry{sap, 0, -1.0};
  return *slot;
}

const AuthGuard::Entry* AuthGuard::find(std::uint16_t sap) const {
  for (const Entry& e : entries_) {
    if (e.sap == sap) return &e;
  }
  return nullptr;
}

ServerSession::ServerSession(cosem::Directory& directory, meter::Meter& meter, AuthGuard& guard,
                             const ServerConfig& config, std::span<std::uint8_t> big_buffer)
    : directory_(directory), meter_(meter), guard_(guard), config_(config), big_(big_buffer) {
  if (config_.conformance == 0) config_.conformance = kDefaultConformance;
  inbound_area_ = std::min(kMaxInbound, big_.size() / 2);
  inbound_.bind(big_.last(inbound_area_));
}

void ServerSession::on_disconnect() {
  info_ = cosem::AssociationInfo{};
  pending_ = false;
  inbound_.abort();
  inbound_for_ = Inbound::kNone;
  ciphered_ = false;
  hls_pending_ = false;
  has_dedicated_key_ = false;
  dedicated_key_ = {};
  dedicated_guard_.reset();
  reset_gbt();
}

std::size_t ServerSession::response_limit() const {
  // The client's receive size bounds every response (the meter's own bounds the requests); a
  // ciphered response grows by its security header and tag.
  // With general block transfer a response may fill the largest APDU; GBT cuts it to the client's size.
  const std::size_t limit = info_.client_max_pdu == 0 || gbt_negotiated() ? 0xFFFF : info_.client_max_pdu;
  if (!ciphered_) return limit;
  return limit > security::kMaxProtectOverhead ? limit - security::kMaxProtectOverhead : 0;
}

std::size_t ServerSession::exception(AxdrWriter& w, dlms::StateError state, dlms::ServiceError service) {
  dlms::ExceptionResponse e;
  e.state_error = state;
  e.service_error = service;
  dlms::encode_exception_response(w, e);
  return w.ok() ? w.size() : 0;
}

std::size_t ServerSession::on_apdu(std::uint16_t client_sap, std::span<const std::uint8_t> apdu,
                                   std::span<std::uint8_t> out, double now_s) {
  if (apdu.empty()) return 0;
  std::size_t n = 0;
  if (apdu[0] == dlms::apdu_tag::kGeneralBlockTransfer) {
    n = on_gbt(client_sap, apdu, out, now_s);
  } else {
    reset_gbt();  // a new request: any GBT exchange is over
    n = process(client_sap, apdu, out, now_s);
    // An xDLMS response too long for the client goes in GBT blocks (never an AARE or RLRE).
    const bool acse = apdu[0] == dlms::apdu_tag::kAarq || apdu[0] == dlms::apdu_tag::kRlrq;
    if (n > 0 && !acse && gbt_negotiated() && n > info_.client_max_pdu) n = start_gbt_response(out, n);
  }
  // A change made through the Security setup takes effect now that its response is ready (the
  // response itself went out under the old keys and policy).
  if (config_.security != nullptr && config_.security->pending.any()) {
    const SecurityMaterial::Pending done = config_.security->apply_pending();
    for (unsigned id = 0; id < 4; ++id) {
      if ((done.keys & (1u << id)) != 0)
        meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kKeysChanged, now_s, id,
                            client_sap);
    }
  }
  return n;
}

std::size_t ServerSession::process(std::uint16_t client_sap, std::span<const std::uint8_t> apdu,
                                   std::span<std::uint8_t> out, double now_s) {
  AxdrWriter w(out);
  std::uint8_t plain_tag = 0;
  security::KeyKind kind;
  const bool general = apdu[0] == dlms::apdu_tag::kGeneralGloCiphering || apdu[0] == dlms::apdu_tag::kGeneralDedCiphering;
  if (ciphered_ && (general || security::plain_tag_for(apdu[0], &plain_tag, &kind))) {
    return on_ciphered(client_sap, apdu, out, now_s);
  }
  if (ciphered_ && (apdu[0] == dlms::apdu_tag::kGetRequest || apdu[0] == dlms::apdu_tag::kSetRequest ||
                    apdu[0] == dlms::apdu_tag::kActionRequest)) {
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);  // must be ciphered
  }
  return dispatch(client_sap, apdu, w, now_s);
}

std::size_t ServerSession::on_ciphered(std::uint16_t client_sap, std::span<const std::uint8_t> apdu,
                                       std::span<std::uint8_t> out, double now_s) {
  AxdrWriter w(out);
  SecurityMaterial& sec = *config_.security;
  security::ReceiveKeys keys;
  keys.global_unicast = &sec.encryption_key;
  keys.global_broadcast = &sec.broadcast_key;
  keys.dedicated = has_dedicated_key_ ? &dedicated_key_ : nullptr;
  keys.authentication = sec.authentication_key;
  // A dedicated-key APDU counts on the association's own guard, a global one on the client's.
  security::CipheredApdu framing;
  const bool dedicated = security::parse_ciphered_apdu(apdu, &framing).is_ok() &&
                         framing.key_kind == security::KeyKind::kDedicated;
  security::InvocationCounterGuard guard = dedicated ? dedicated_guard_ : sec.guard_of(client_title_);
  security::Unprotected u;
  const Status s = security::unprotect(apdu, keys, client_title_, &guard, plain_in_, &u);
  if (!s.is_ok()) {
    const bool replay = u.rejection == security::Rejection::kReplay;
    meter_.record_event(recording::LogGroup::kFraud,
                        replay ? recording::event_code::kReplayAttack : recording::event_code::kDecryptionFailure, now_s,
                        client_sap);
    if (replay) {
      // The counter the meter expects at least, as the exception tells a client that lost count.
      dlms::ExceptionResponse e;
      e.state_error = dlms::StateError::kServiceNotAllowed;
      e.service_error = dlms::ServiceError::kInvocationCounterError;
      e.invocation_counter = guard.last() + 1;
      dlms::encode_exception_response(w, e);
      return w.ok() ? w.size() : 0;
    }
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kDecipheringError);
  }
  if (dedicated) {
    dedicated_guard_ = guard;
  } else {
    sec.remember(client_title_, guard);
  }
  // The security policy in force: a request must be protected at least as it asks.
  namespace policy = cosem::security_policy;
  const security::SecurityControl sc_in = u.apdu.security_control;
  if (((sec.security_policy & policy::kAuthenticatedRequest) != 0 && !sc_in.authenticated) ||
      ((sec.security_policy & policy::kEncryptedRequest) != 0 && !sc_in.encrypted))
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
  AxdrWriter pw(plain_out_);
  const std::size_t n = dispatch(client_sap, std::span<const std::uint8_t>(plain_in_.data(), u.plain_size), pw, now_s);
  if (n == 0) return 0;
  if (plain_out_[0] == dlms::apdu_tag::kExceptionResponse) {  // not ciphered: it has no glo- form
    w.raw(std::span<const std::uint8_t>(plain_out_.data(), n));
    return w.ok() ? w.size() : 0;
  }
  security::ProtectParams p;
  // Answered in the form asked (dlms-cosem reads only general), and at least as the policy asks.
  p.security_control = sc_in;
  p.security_control.broadcast_key = false;
  if ((sec.security_policy & policy::kAuthenticatedResponse) != 0) p.security_control.authenticated = true;
  if ((sec.security_policy & policy::kEncryptedResponse) != 0) p.security_control.encrypted = true;
  p.general_ciphering = u.apdu.general_ciphering;
  p.key_kind = dedicated ? security::KeyKind::kDedicated : security::KeyKind::kGlobal;
  p.invocation_counter = sec.next_invocation_counter++;
  p.system_title = sec.server_title;
  p.encryption_key = dedicated ? dedicated_key_ : sec.encryption_key;
  p.authentication_key = sec.authentication_key;
  std::size_t written = 0;
  if (!security::protect(p, std::span<const std::uint8_t>(plain_out_.data(), n), out, &written).is_ok()) return 0;
  return written;
}

std::size_t ServerSession::dispatch(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, AxdrWriter& w,
                                    double now_s) {
  switch (apdu[0]) {
    case dlms::apdu_tag::kAarq: return on_aarq(client_sap, apdu, w, now_s);
    case dlms::apdu_tag::kRlrq: {
      dlms::Release rq;
      if (!dlms::decode_rlrq(apdu, &rq).is_ok())
        return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kOtherReason);
      if (info_.associated()) {
        meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kAssociationReleased, now_s,
                            info_.config->client_sap);
      }
      on_disconnect();
      dlms::Release re;
      re.has_reason = true;
      re.reason = 0;
      dlms::encode_rlre(w, re);
      return w.ok() ? w.size() : 0;
    }
    default: break;
  }
  if (!info_.associated()) return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
  // Until HLS is complete only reply_to_HLS_authentication is served.
  if (hls_pending_ && apdu[0] != dlms::apdu_tag::kActionRequest && apdu[0] != dlms::apdu_tag::kRlrq)
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
  // A block transfer goes on only with its own continuation; any other request abandons it.
  const std::uint8_t choice = apdu.size() > 1 ? apdu[1] : 0;
  const bool outbound_next = (apdu[0] == dlms::apdu_tag::kGetRequest && choice == 2) ||
                             (apdu[0] == dlms::apdu_tag::kActionRequest && choice == 2);
  const bool inbound_next = (apdu[0] == dlms::apdu_tag::kSetRequest && choice == 3) ||
                            (apdu[0] == dlms::apdu_tag::kActionRequest && choice == 6);
  if (!outbound_next) pending_ = false;
  if (!inbound_next) {
    inbound_.abort();
    inbound_for_ = Inbound::kNone;
  }
  switch (apdu[0]) {
    case dlms::apdu_tag::kGetRequest: return on_get(apdu, w, now_s);
    case dlms::apdu_tag::kSetRequest: return on_set(apdu, w, now_s);
    case dlms::apdu_tag::kActionRequest: return on_action(apdu, w, now_s);
    default: return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kServiceNotSupported);
  }
}

std::size_t ServerSession::on_aarq(std::uint16_t client_sap, std::span<const std::uint8_t> apdu, AxdrWriter& w,
                                   double now_s) {
  on_disconnect();
  dlms::Aarq rq;
  dlms::Aare re;
  re.application_context = dlms::ApplicationContext::kLogicalName;
  std::array<std::uint8_t, 64> user{};
  AxdrWriter uw(user);
  auto refuse = [&](std::uint8_t diagnostic, bool initiate_error, dlms::InitiateError why) {
    re.result = dlms::AssociationResult::kRejectedPermanent;
    re.diagnostic_source = dlms::DiagnosticSource::kAcseServiceUser;
    re.diagnostic = diagnostic;
    if (initiate_error) {
      dlms::encode_confirmed_service_error(uw, dlms::ConfirmedServiceError::initiate(why));
      re.has_user_information = true;
      re.user_information = uw.bytes();
    }
    meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kAssociationRefused, now_s,
                        client_sap, diagnostic);
    dlms::encode_aare(w, re);
    return w.ok() ? w.size() : std::size_t{0};
  };
  if (!dlms::decode_aarq(apdu, &rq).is_ok()) return refuse(dlms::user_diagnostic::kNoReasonGiven, false, {});
  const bool ciphered = rq.application_context == dlms::ApplicationContext::kLogicalNameCiphered;
  if (rq.application_context != dlms::ApplicationContext::kLogicalName && !(ciphered && config_.security != nullptr)) {
    re.application_context = dlms::ApplicationContext::kLogicalName;
    return refuse(dlms::user_diagnostic::kApplicationContextNameNotSupported, false, {});
  }
  re.application_context = rq.application_context;
  const cosem::AssociationConfig* cfg = nullptr;
  for (const cosem::AssociationConfig& a : directory_.associations()) {
    if (a.client_sap == client_sap) cfg = &a;
  }
  if (cfg == nullptr) return refuse(dlms::user_diagnostic::kCallingAeQualifierNotRecognized, false, {});
  const dlms::Mechanism asked = rq.has_mechanism ? rq.mechanism : dlms::Mechanism::kLowest;
  if (asked != cfg->mechanism) {
    return refuse(cfg->mechanism == dlms::Mechanism::kLowest ? dlms::user_diagnostic::kAuthenticationMechanismNameNotRecognised
                                                             : dlms::user_diagnostic::kAuthenticationMechanismNameRequired,
                  false, {});
  }
  const bool hls = cfg->mechanism == dlms::Mechanism::kHighGmac;
  if (cfg->mechanism == dlms::Mechanism::kHigh || (hls && (config_.security == nullptr || !ciphered)))
    return refuse(dlms::user_diagnostic::kApplicationContextNameNotSupported, false, {});
  if (hls && (rq.calling_ap_title.size() != 8 || !rq.has_authentication_value ||
              rq.authentication_value.size() < security::kMinChallengeSize ||
              rq.authentication_value.size() > security::kMaxChallengeSize))
    return refuse(dlms::user_diagnostic::kCallingApTitleNotRecognized, false, {});
  if (cfg->mechanism == dlms::Mechanism::kLow) {
    if (guard_.locked(client_sap, now_s)) {
      meter_.record_event(recording::LogGroup::kFraud, recording::event_code::kAuthenticationFailure, now_s, client_sap);
      return refuse(dlms::user_diagnostic::kAuthenticationFailure, false, {});
    }
    const bool ok = rq.has_authentication_value && rq.authentication_value.size() == cfg->secret_size &&
                    std::memcmp(rq.authentication_value.data(), cfg->secret.data(), cfg->secret_size) == 0;
    if (!ok) {
      guard_.failed(client_sap, now_s);
      meter_.record_event(recording::LogGroup::kFraud, recording::event_code::kAuthenticationFailure, now_s, client_sap);
      return refuse(dlms::user_diagnostic::kAuthenticationFailure, false, {});
    }
    guard_.succeeded(client_sap);
  }
  std::span<const std::uint8_t> initiate = rq.has_user_information ? rq.user_information : std::span<const std::uint8_t>();
  security::SecurityControl sc{0, true, true, false, false};
  if (ciphered) {
    std::copy(rq.calling_ap_title.begin(), rq.calling_ap_title.end(), client_title_.begin());
    security::ReceiveKeys keys;
    keys.global_unicast = &config_.security->encryption_key;
    keys.authentication = config_.security->authentication_key;
    security::Unprotected u;
    security::InvocationCounterGuard guard = config_.security->guard_of(client_title_);
    if (!security::unprotect(initiate, keys, client_title_, &guard, plain_in_, &u).is_ok()) {
      meter_.record_event(recording::LogGroup::kFraud,
                          u.rejection == security::Rejection::kReplay ? recording::event_code::kReplayAttack
                                                                      : recording::event_code::kDecryptionFailure,
                          now_s, client_sap);
      return refuse(dlms::user_diagnostic::kNoReasonGiven, false, {});
    }
    config_.security->remember(client_title_, guard);
    sc = u.apdu.security_control;
    initiate = std::span<const std::uint8_t>(plain_in_.data(), u.plain_size);
  }
  dlms::InitiateRequest init;
  if (initiate.empty() || !dlms::decode_initiate_request(initiate, &init).is_ok())
    return refuse(dlms::user_diagnostic::kNoReasonGiven, true, dlms::InitiateError::kOther);
  if (init.dlms_version < 6) return refuse(dlms::user_diagnostic::kNoReasonGiven, true, dlms::InitiateError::kDlmsVersionTooLow);
  const std::uint32_t common = init.conformance & config_.conformance;
  if ((common & conf::kGet) == 0)
    return refuse(dlms::user_diagnostic::kNoReasonGiven, true, dlms::InitiateError::kIncompatibleConformance);
  if (init.client_max_receive_pdu_size != 0 && init.client_max_receive_pdu_size < 12)
    return refuse(dlms::user_diagnostic::kNoReasonGiven, true, dlms::InitiateError::kPduSizeTooShort);
  // A dedicated key travels only inside a ciphered InitiateRequest, and is an AES-128 key.
  if (!init.dedicated_key.empty()) {
    if (!ciphered || init.dedicated_key.size() != dedicated_key_.size())
      return refuse(dlms::user_diagnostic::kNoReasonGiven, true, dlms::InitiateError::kOther);
    std::copy(init.dedicated_key.begin(), init.dedicated_key.end(), dedicated_key_.begin());
    has_dedicated_key_ = true;
  }

  info_.config = cfg;
  info_.conformance = common;
  info_.client_max_pdu = init.client_max_receive_pdu_size == 0 ? 0xFFFF : init.client_max_receive_pdu_size;
  info_.server_max_pdu = config_.max_receive_pdu;
  info_.has_user = rq.has_calling_ae_invocation_id;
  info_.user_id = rq.calling_ae_invocation_id;
  if (ciphered) {
    info_.has_client_system_title = true;
    info_.client_system_title = client_title_;
  }
  dlms::InitiateResponse ir;
  ir.conformance = common;
  ir.server_max_receive_pdu_size = config_.max_receive_pdu;
  dlms::encode_initiate_response(uw, ir);
  re.result = dlms::AssociationResult::kAccepted;
  re.diagnostic = dlms::user_diagnostic::kNull;
  if (cfg->mechanism != dlms::Mechanism::kLowest) {
    re.authentication_functional_unit = true;
    re.has_mechanism = true;
    re.mechanism = cfg->mechanism;
  }
  re.has_user_information = true;
  re.user_information = uw.bytes();
  std::array<std::uint8_t, 128> ciphered_user{};
  if (ciphered) {
    SecurityMaterial& sec = *config_.security;
    security::ProtectParams p;
    p.security_control = sc;
    p.invocation_counter = sec.next_invocation_counter++;
    p.system_title = sec.server_title;
    p.encryption_key = sec.encryption_key;
    p.authentication_key = sec.authentication_key;
    std::size_t written = 0;
    if (!security::protect(p, uw.bytes(), ciphered_user, &written).is_ok()) {
      on_disconnect();
      return refuse(dlms::user_diagnostic::kNoReasonGiven, false, {});
    }
    re.user_information = std::span<const std::uint8_t>(ciphered_user.data(), written);
    re.responding_ap_title = sec.server_title;
    ciphered_ = true;
  }
  if (hls) {
    // Pass 2: the server's challenge; the client proves its key with f(StoC) in pass 3.
    ctos_size_ = rq.authentication_value.size();
    std::copy(rq.authentication_value.begin(), rq.authentication_value.end(), ctos_.begin());
    if (config_.security->random != nullptr) config_.security->random(stoc_, config_.security->random_context);
    re.diagnostic = dlms::user_diagnostic::kAuthenticationRequired;
    re.has_authentication_value = true;
    re.authentication_value = stoc_;
    hls_pending_ = true;
  }
  meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kAssociationOpened, now_s, client_sap);
  dlms::encode_aare(w, re);
  return w.ok() ? w.size() : 0;
}

DataAccessResult ServerSession::read(const dlms::AttributeReference& ref, AxdrWriter& w, double now_s) {
  const meter::Obis ln = obis_of(ref.attribute.instance_id);
  cosem::CosemObject* o = directory_.find(ref.attribute.class_id, ln);
  if (o == nullptr)
    return directory_.find_name(ln) != nullptr ? DataAccessResult::kObjectClassInconsistent : DataAccessResult::kObjectUndefined;
  const std::uint8_t attr = ref.attribute.attribute_id;
  if ((cosem::attribute_access(info_.config->level, *o, attr) & 1) == 0) {
    return attr == 0 || attr > o->attribute_count() ? DataAccessResult::kObjectUndefined : DataAccessResult::kReadWriteDenied;
  }
  if (ref.access.present && (info_.conformance & conf::kSelectiveAccess) == 0) return DataAccessResult::kReadWriteDenied;
  cosem::RequestContext ctx{now_s, &info_};
  const DataAccessResult r = o->get(attr, ref.access, w, ctx);
  if (r == DataAccessResult::kSuccess && !w.ok()) return DataAccessResult::kOtherReason;  // larger than the buffer
  return r;
}

std::size_t ServerSession::on_get(std::span<const std::uint8_t> apdu, AxdrWriter& w, double now_s) {
  dlms::GetRequest rq;
  if (!dlms::decode_get_request(apdu, &rq).is_ok())
    return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kOtherReason);
  const std::size_t limit = response_limit();
  if (rq.type == dlms::GetRequestType::kNext) {
    if (pending_ && outbound_ != Outbound::kGet) pending_ = false;
    if (!pending_ || rq.block_number != blocks_sent_) {
      dlms::DataBlockG b;
      b.last_block = true;
      b.block_number = rq.block_number;
      b.is_raw_data = false;
      b.data_access_result = static_cast<std::uint8_t>(pending_ ? DataAccessResult::kDataBlockNumberInvalid
                                                                : DataAccessResult::kNoLongGetInProgress);
      pending_ = false;
      dlms::encode_get_response_with_datablock(w, rq.invoke, b);
      return w.ok() ? w.size() : 0;
    }
    return send_block(w, rq.invoke, blocks_sent_ + 1);
  }
  pending_ = false;
  AxdrWriter big(big_);
  std::size_t data_size = 0;  // the Data value (normal) or the result list (with-list) in big_
  if (rq.type == dlms::GetRequestType::kNormal) {
    const DataAccessResult r = read(rq.attribute, big, now_s);
    if (r != DataAccessResult::kSuccess) {
      dlms::encode_get_response_normal(w, rq.invoke, dlms::GetDataResult::of_error(r));
      return w.ok() ? w.size() : 0;
    }
    data_size = big.size();
    // C4 01 invoke 00 + data.
    if (big.size() + 4 <= limit) {
      dlms::encode_get_response_normal(w, rq.invoke, dlms::GetDataResult::of_data(big.bytes()));
      return w.ok() ? w.size() : 0;
    }
  } else {  // with-list: the Get-Data-Result list, whole or in blocks
    big.length(static_cast<std::uint32_t>(rq.list.count));
    std::size_t pos = big.size();
    for (std::size_t k = 0; k < rq.list.count; ++k) {
      if (pos + 2 > big_.size()) return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kPduTooLong);
      AxdrWriter item(big_.subspan(pos + 1));
      const DataAccessResult r = read(rq.list[k], item, now_s);
      if (r == DataAccessResult::kSuccess) {
        big_[pos] = 0;  // data
        pos += 1 + item.size();
      } else {
        big_[pos] = 1;  // data-access-result
        big_[pos + 1] = static_cast<std::uint8_t>(r);
        pos += 2;
      }
    }
    data_size = pos;
    if (pos + 3 <= limit) {
      w.u8(dlms::apdu_tag::kGetResponse);
      w.u8(3);
      w.u8(rq.invoke.raw);
      w.raw(std::span<const std::uint8_t>(big_.data(), pos));
      return w.ok() ? w.size() : 0;
    }
  }
  // Too large for one APDU: block transfer, if the client agreed to it.
  if ((info_.conformance & conf::kBlockTransferWithGetOrRead) == 0 || limit <= kBlockOverhead + 1) {
    dlms::encode_get_response_normal(w, rq.invoke, dlms::GetDataResult::of_error(DataAccessResult::kOtherReason));
    return w.ok() ? w.size() : 0;
  }
  pending_ = true;
  outbound_ = Outbound::kGet;
  pending_size_ = data_size;
  block_size_ = limit - kBlockOverhead;
  blocks_sent_ = 0;
  return send_block(w, rq.invoke, 1);
}

std::size_t ServerSession::send_block(AxdrWriter& w, dlms::InvokeIdAndPriority invoke, std::uint32_t number) {
  const std::size_t from = static_cast<std::size_t>(number - 1) * block_size_;
  const std::size_t n = std::min(block_size_, pending_size_ - from);
  const bool last = from + n >= pending_size_;
  const std::span<const std::uint8_t> slice(big_.data() + from, n);
  if (outbound_ == Outbound::kGet) {
    dlms::DataBlockG b;
    b.block_number = number;
    b.last_block = last;
    b.is_raw_data = true;
    b.raw_data = slice;
    dlms::encode_get_response_with_datablock(w, invoke, b);
  } else {
    dlms::encode_action_response_with_pblock(w, invoke, dlms::DataBlockSa{last, number, slice});
  }
  blocks_sent_ = number;
  if (last) pending_ = false;
  return w.ok() ? w.size() : 0;
}

}  // namespace quadra::association
