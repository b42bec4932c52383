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
                                              conf::kBlockTransferWithGetOrRead | conf::kMultipleReferences;
// GET-Response-With-Datablock header: C4 02 invoke, last, block number (4), raw-data choice and a
// length of up to 3 octets.
constexpr std::size_t kBlockOverhead = 3 + 1 + 4 + 1 + 4;

meter::Obis obis_of(const dlms::LogicalName& ln) { return meter::Obis(ln[0], ln[1], ln[2], ln[3], ln[4], ln[5]); }

}  // namespace

security::InvocationCounterGuard& SecurityMaterial::guard_for(std::uint16_t sap) {
  for (ClientGuard& g : guards) {
    if (g.sap == sap) return g.guard;
  }
  for (ClientGuard& g : guards) {
    if (g.sap == 0) {
      g.sap = sap;
      return g.guard;
    }
  }
  guards[0] = ClientGuard{sap, {}};
  return guards[0].guard;
}

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
}

void ServerSession::on_disconnect() {
  info_ = cosem::AssociationInfo{};
  pending_ = false;
  ciphered_ = false;
  hls_pending_ = false;
}

std::size_t ServerSession::response_limit() const {
  // The client's receive size bounds every response (the meter's own bounds the requests).
  return info_.client_max_pdu == 0 ? 0xFFFF : info_.client_max_pdu;
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
  AxdrWriter w(out);
  if (apdu.empty()) return 0;
  std::uint8_t plain_tag = 0;
  security::KeyKind kind;
  const bool general = apdu[0] == dlms::apdu_tag::kGeneralGloCiphering || apdu[0] == dlms::apdu_tag::kGeneralDedCiphering;
  if (ciphered_ && (general || security::plain_tag_for(apdu[0], &plain_tag, &kind)))
    return on_ciphered(client_sap, apdu, out, now_s);
  if (ciphered_ && (apdu[0] == dlms::apdu_tag::kGetRequest || apdu[0] == dlms::apdu_tag::kSetRequest ||
                    apdu[0] == dlms::apdu_tag::kActionRequest))
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);  // must be ciphered
  return dispatch(client_sap, apdu, w, now_s);
}

std::size_t ServerSession::on_ciphered(std::uint16_t client_sap, std::span<const std::uint8_t> apdu,
                                       std::span<std::uint8_t> out, double now_s) {
  AxdrWriter w(out);
  SecurityMaterial& sec = *config_.security;
  security::ReceiveKeys keys;
  keys.global_unicast = &sec.encryption_key;
  keys.authentication = sec.authentication_key;
  security::Unprotected u;
  const Status s = security::unprotect(apdu, keys, client_title_, &sec.guard_for(client_sap), plain_in_, &u);
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
      e.invocation_counter = sec.guard_for(client_sap).last() + 1;
      dlms::encode_exception_response(w, e);
      return w.ok() ? w.size() : 0;
    }
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kDecipheringError);
  }
  AxdrWriter pw(plain_out_);
  const std::size_t n = dispatch(client_sap, std::span<const std::uint8_t>(plain_in_.data(), u.plain_size), pw, now_s);
  if (n == 0) return 0;
  if (plain_out_[0] == dlms::apdu_tag::kExceptionResponse) {  // not ciphered: it has no glo- form
    w.raw(std::span<const std::uint8_t>(plain_out_.data(), n));
    return w.ok() ? w.size() : 0;
  }
  security::ProtectParams p;
  p.security_control = u.apdu.security_control;
  p.general_ciphering = u.apdu.general_ciphering;  // answer in the form asked (dlms-cosem reads only general)
  p.invocation_counter = sec.next_invocation_counter++;
  p.system_title = sec.server_title;
  p.encryption_key = sec.encryption_key;
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
    if (!security::unprotect(initiate, keys, client_title_, &config_.security->guard_for(client_sap), plain_in_, &u)
             .is_ok()) {
      meter_.record_event(recording::LogGroup::kFraud,
                          u.rejection == security::Rejection::kReplay ? recording::event_code::kReplayAttack
                                                                      : recording::event_code::kDecryptionFailure,
                          now_s, client_sap);
      return refuse(dlms::user_diagnostic::kNoReasonGiven, false, {});
    }
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

  info_.config = cfg;
  info_.conformance = common;
  info_.client_max_pdu = init.client_max_receive_pdu_size == 0 ? 0xFFFF : init.client_max_receive_pdu_size;
  info_.server_max_pdu = config_.max_receive_pdu;
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
  pending_size_ = data_size;
  block_size_ = limit - kBlockOverhead;
  blocks_sent_ = 0;
  return send_block(w, rq.invoke, 1);
}

std::size_t ServerSession::send_block(AxdrWriter& w, dlms::InvokeIdAndPriority invoke, std::uint32_t number) {
  const std::size_t from = static_cast<std::size_t>(number - 1) * block_size_;
  const std::size_t n = std::min(block_size_, pending_size_ - from);
  dlms::DataBlockG b;
  b.block_number = number;
  b.last_block = from + n >= pending_size_;
  b.is_raw_data = true;
  b.raw_data = std::span<const std::uint8_t>(big_.data() + from, n);
  dlms::encode_get_response_with_datablock(w, invoke, b);
  blocks_sent_ = number;
  if (b.last_block) pending_ = false;
  return w.ok() ? w.size() : 0;
}

std::size_t ServerSession::on_set(std::span<const std::uint8_t> apdu, AxdrWriter& w, double now_s) {
  dlms::SetRequest rq;
  if (!dlms::decode_set_request(apdu, &rq).is_ok())
    return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kOtherReason);
  if (rq.type != dlms::SetRequestType::kNormal) {
    dlms::encode_set_response_normal(w, rq.invoke, DataAccessResult::kOtherReason);
    return w.ok() ? w.size() : 0;
  }
  const meter::Obis ln = obis_of(rq.attribute.attribute.instance_id);
  cosem::CosemObject* o = directory_.find(rq.attribute.attribute.class_id, ln);
  DataAccessResult r = DataAccessResult::kObjectUndefined;
  if (o != nullptr) {
    const std::uint8_t attr = rq.attribute.attribute.attribute_id;
    if ((cosem::attribute_access(info_.config->level, *o, attr) & 2) == 0 || (info_.conformance & conf::kSet) == 0) {
      r = DataAccessResult::kReadWriteDenied;
    } else {
      r = o->set(attr, rq.value, cosem::RequestContext{now_s, &info_});
    }
  }
  dlms::encode_set_response_normal(w, rq.invoke, r);
  return w.ok() ? w.size() : 0;
}

std::size_t ServerSession::on_action(std::span<const std::uint8_t> apdu, AxdrWriter& w, double now_s) {
  dlms::ActionRequest rq;
  if (!dlms::decode_action_request(apdu, &rq).is_ok())
    return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kOtherReason);
  dlms::ActionResultWithData result;
  result.result = cosem::ActionResult::kObjectUndefined;
  if (rq.type != dlms::ActionRequestType::kNormal) {
    result.result = cosem::ActionResult::kOtherReason;
    dlms::encode_action_response_normal(w, rq.invoke, result);
    return w.ok() ? w.size() : 0;
  }
  const meter::Obis ln = obis_of(rq.method.instance_id);
  if (hls_pending_) {
    // Pass 3 / 4: reply_to_HLS_authentication on the current association.
    if (rq.method.class_id != 15 || ln != meter::Obis(0, 0, 40, 0, 0) || rq.method.method_id != 1)
      return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
    dlms::AxdrReader r(rq.parameters);
    dlms::AxdrItem item;
    SecurityMaterial& sec = *config_.security;
    std::uint32_t peer_ic = 0;
    const bool ok = rq.has_parameters && r.expect(dlms::DataType::kOctetString, &item, "f(StoC)").is_ok() &&
                    security::hls_gmac_verify(sec.encryption_key, sec.authentication_key, client_title_, stoc_,
                                              item.bytes, &peer_ic)
                        .is_ok();
    if (!ok) {
      meter_.record_event(recording::LogGroup::kFraud, recording::event_code::kAuthenticationFailure, now_s,
                          info_.config->client_sap);
      guard_.failed(info_.config->client_sap, now_s);
      on_disconnect();
      result.result = cosem::ActionResult::kOtherReason;
      dlms::encode_action_response_normal(w, rq.invoke, result);
      return w.ok() ? w.size() : 0;
    }
    std::array<std::uint8_t, security::kHlsGmacResponseSize> f{};
    (void)security::hls_gmac_response(sec.encryption_key, sec.authentication_key, sec.server_title,
                                      sec.next_invocation_counter++, std::span(ctos_.data(), ctos_size_), f);
    hls_pending_ = false;
    guard_.succeeded(info_.config->client_sap);
    AxdrWriter fw(big_);
    fw.octet_string(f);
    result.result = cosem::ActionResult::kSuccess;
    result.has_return = true;
    result.return_parameters = dlms::GetDataResult::of_data(fw.bytes());
    dlms::encode_action_response_normal(w, rq.invoke, result);
    return w.ok() ? w.size() : 0;
  }
  cosem::CosemObject* o = directory_.find(rq.method.class_id, ln);
  AxdrWriter ret(big_);
  bool has_data = false;
  if (o != nullptr) {
    if (!cosem::method_access(info_.config->level, *o, rq.method.method_id) || (info_.conformance & conf::kAction) == 0) {
      result.result = cosem::ActionResult::kReadWriteDenied;
    } else {
      result.result = o->action(rq.method.method_id, rq.has_parameters ? rq.parameters : std::span<const std::uint8_t>(),
                                ret, has_data, cosem::RequestContext{now_s, &info_});
    }
  }
  if (has_data && ret.ok()) {
    result.has_return = true;
    result.return_parameters = dlms::GetDataResult::of_data(ret.bytes());
  }
  dlms::encode_action_response_normal(w, rq.invoke, result);
  return w.ok() ? w.size() : 0;
}

}  // namespace quadra::association
