// ServerSession: the SET and ACTION services, with their block transfers (server_session.h).
//
// Block transfer towards the meter (Green Book, xDLMS services, "SET with block transfer" and
// "ACTION with block transfer"):
//   C1 02 iid descriptor access DataBlock-SA(last 0, block 1)  ->  C5 02 iid 00000001
//   C1 03 iid DataBlock-SA(last 0, block 2)                    ->  C5 02 iid 00000002
//   C1 03 iid DataBlock-SA(last 1, block 3)                    ->  C5 03 iid result 00000003
// and for ACTION the same with C3 04 / C3 06, acknowledged by C7 04 iid block-number, the last one
// answered with the method's response. A return value too large for the client's PDU goes back in
// C7 02 iid DataBlock-SA (raw-data = the slices of the returned Data value, as GET's blocks carry
// the attribute's Data value), each acknowledged by C3 02 iid block-number.
#include <algorithm>

#include "core/association/server_session.h"
#include "core/dlms/action.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/errors.h"
#include "core/dlms/set.h"
#include "core/recording/event_codes.h"
#include "core/security/hls_gmac.h"

namespace quadra::association {
namespace {

using cosem::ActionResult;
using cosem::DataAccessResult;
using dlms::AxdrWriter;
namespace conf = dlms::conformance;

meter::Obis obis_of(const dlms::LogicalName& ln) { return meter::Obis(ln[0], ln[1], ln[2], ln[3], ln[4], ln[5]); }

// ACTION-Response-With-Pblock header: C7 02 invoke, last, block number (4), a length of up to 3.
constexpr std::size_t kPblockOverhead = 3 + 1 + 4 + 4;
// ACTION-Response-Normal with data: C7 01 invoke result 01 00, then the Data value.
constexpr std::size_t kActionDataOverhead = 6;

// One complete Data value and nothing after it.
bool one_data_value(std::span<const std::uint8_t> bytes) {
  dlms::AxdrReader r(bytes);
  return r.skip_value().is_ok() && r.at_end();
}

}  // namespace

DataAccessResult ServerSession::write(const dlms::AttributeDescriptor& a, std::span<const std::uint8_t> value,
                                      double now_s) {
  cosem::CosemObject* o = directory_.find(a.class_id, obis_of(a.instance_id));
  if (o == nullptr) return DataAccessResult::kObjectUndefined;
  if ((cosem::attribute_access(info_.config->level, *o, a.attribute_id) & 2) == 0 ||
      (info_.conformance & conf::kSet) == 0)
    return DataAccessResult::kReadWriteDenied;
  return o->set(a.attribute_id, value, cosem::RequestContext{now_s, &info_});
}

ActionResult ServerSession::invoke(const dlms::MethodDescriptor& m, std::span<const std::uint8_t> parameters,
                                   AxdrWriter& ret, bool& has_data, double now_s) {
  has_data = false;
  cosem::CosemObject* o = directory_.find(m.class_id, obis_of(m.instance_id));
  if (o == nullptr) return ActionResult::kObjectUndefined;
  if (!cosem::method_access(info_.config->level, *o, m.method_id) || (info_.conformance & conf::kAction) == 0)
    return ActionResult::kReadWriteDenied;
  const ActionResult r = o->action(m.method_id, parameters, ret, has_data, cosem::RequestContext{now_s, &info_});
  if (has_data && !ret.ok()) {
    has_data = false;  // the return value did not fit the buffer: the call ran, its data is lost
    return r == ActionResult::kSuccess ? ActionResult::kOtherReason : r;
  }
  return r;
}

std::size_t ServerSession::on_set(std::span<const std::uint8_t> apdu, AxdrWriter& w, double now_s) {
  dlms::SetRequest rq;
  if (!dlms::decode_set_request(apdu, &rq).is_ok())
    return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kOtherReason);
  const bool blocks = rq.type == dlms::SetRequestType::kWithFirstDatablock ||
                      rq.type == dlms::SetRequestType::kWithDatablock ||
                      rq.type == dlms::SetRequestType::kWithListAndFirstDatablock;
  if (blocks && (info_.conformance & conf::kBlockTransferWithSetOrWrite) == 0)
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kServiceNotSupported);
  if ((rq.type == dlms::SetRequestType::kWithList || rq.type == dlms::SetRequestType::kWithListAndFirstDatablock) &&
      (info_.conformance & conf::kMultipleReferences) == 0)
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kServiceNotSupported);

  switch (rq.type) {
    case dlms::SetRequestType::kNormal:
      dlms::encode_set_response_normal(w, rq.invoke, write(rq.attribute.attribute, rq.value, now_s));
      break;
    case dlms::SetRequestType::kWithList: {
      std::array<DataAccessResult, dlms::kMaxListItems> results{};
      for (std::size_t k = 0; k < rq.list.count; ++k) results[k] = write(rq.list[k].attribute, rq.values[k], now_s);
      dlms::encode_set_response_with_list(w, rq.invoke, std::span(results.data(), rq.list.count));
      break;
    }
    case dlms::SetRequestType::kWithFirstDatablock:
    case dlms::SetRequestType::kWithListAndFirstDatablock: {
      if (rq.type == dlms::SetRequestType::kWithFirstDatablock) {
        inbound_for_ = Inbound::kSet;
        set_target_ = rq.attribute.attribute;
      } else {
        inbound_for_ = Inbound::kSetList;
        set_list_count_ = rq.list.count;
        for (std::size_t k = 0; k < rq.list.count; ++k) set_list_[k] = rq.list[k].attribute;
      }
      const InboundBlocks::Verdict v = inbound_.first(rq.block);
      if (v == InboundBlocks::Verdict::kMore) {
        dlms::encode_set_response_datablock(w, rq.invoke, rq.block.block_number);
      } else if (v == InboundBlocks::Verdict::kComplete) {
        return finish_set_blocks(w, rq.invoke, now_s);
      } else {
        inbound_for_ = Inbound::kNone;
        dlms::encode_set_response_last_datablock(w, rq.invoke,
                                                 v == InboundBlocks::Verdict::kWrongNumber
                                                     ? DataAccessResult::kDataBlockNumberInvalid
                                                     : DataAccessResult::kLongSetAborted,
                                                 rq.block.block_number);
      }
      break;
    }
    case dlms::SetRequestType::kWithDatablock: {
      const bool setting = inbound_for_ == Inbound::kSet || inbound_for_ == Inbound::kSetList;
      const InboundBlocks::Verdict v = setting ? inbound_.next(rq.block) : InboundBlocks::Verdict::kNotStarted;
      if (v == InboundBlocks::Verdict::kMore) {
        dlms::encode_set_response_datablock(w, rq.invoke, rq.block.block_number);
      } else if (v == InboundBlocks::Verdict::kComplete) {
        return finish_set_blocks(w, rq.invoke, now_s);
      } else {
        inbound_for_ = Inbound::kNone;
        const DataAccessResult r = v == InboundBlocks::Verdict::kNotStarted ? DataAccessResult::kNoLongSetInProgress
                                   : v == InboundBlocks::Verdict::kWrongNumber ? DataAccessResult::kDataBlockNumberInvalid
                                                                               : DataAccessResult::kLongSetAborted;
        dlms::encode_set_response_last_datablock(w, rq.invoke, r, rq.block.block_number);
      }
      break;
    }
  }
  return w.ok() ? w.size() : 0;
}

std::size_t ServerSession::finish_set_blocks(AxdrWriter& w, dlms::InvokeIdAndPriority invoke, double now_s) {
  const Inbound what = inbound_for_;
  inbound_for_ = Inbound::kNone;
  const std::uint32_t number = inbound_.last_number();
  const std::span<const std::uint8_t> data = inbound_.data();
  if (what == Inbound::kSet) {
    // The blocks must make exactly one Data value (the SET-Request-Normal's value).
    const DataAccessResult r = one_data_value(data) ? write(set_target_, data, now_s) : DataAccessResult::kTypeUnmatched;
    dlms::encode_set_response_last_datablock(w, invoke, r, number);
    return w.ok() ? w.size() : 0;
  }
  // With a list: SEQUENCE OF Data, one value per attribute.
  std::array<DataAccessResult, dlms::kMaxListItems> results{};
  dlms::AxdrReader r(data);
  std::uint32_t count = 0;
  std::array<std::span<const std::uint8_t>, dlms::kMaxListItems> values{};
  bool ok = r.length(&count, "set_request.values").is_ok() && count == set_list_count_;
  for (std::size_t k = 0; ok && k < set_list_count_; ++k) ok = r.value(&values[k]).is_ok();
  ok = ok && r.at_end();
  for (std::size_t k = 0; k < set_list_count_; ++k)
    results[k] = ok ? write(set_list_[k], values[k], now_s) : DataAccessResult::kTypeUnmatched;
  dlms::encode_set_response_last_datablock_with_list(w, invoke, std::span(results.data(), set_list_count_), number);
  return w.ok() ? w.size() : 0;
}

std::size_t ServerSession::on_action(std::span<const std::uint8_t> apdu, AxdrWriter& w, double now_s) {
  dlms::ActionRequest rq;
  if (!dlms::decode_action_request(apdu, &rq).is_ok())
    return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kOtherReason);
  if (hls_pending_) {
    if (rq.type != dlms::ActionRequestType::kNormal)
      return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
    return on_reply_to_hls(rq, w, now_s);
  }
  const bool blocks = rq.type == dlms::ActionRequestType::kWithFirstPblock ||
                      rq.type == dlms::ActionRequestType::kWithPblock || rq.type == dlms::ActionRequestType::kNextPblock ||
                      rq.type == dlms::ActionRequestType::kWithListAndFirstPblock;
  if (blocks && (info_.conformance & conf::kBlockTransferWithAction) == 0)
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kServiceNotSupported);
  const bool list = rq.type == dlms::ActionRequestType::kWithList || rq.type == dlms::ActionRequestType::kWithListAndFirstPblock;
  if (list && (info_.conformance & conf::kMultipleReferences) == 0)
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kServiceNotSupported);

  dlms::ActionResultWithData aborted;
  switch (rq.type) {
    case dlms::ActionRequestType::kNormal: {
      AxdrWriter ret(return_area());
      bool has_data = false;
      const ActionResult r = invoke(rq.method, rq.has_parameters ? rq.parameters : std::span<const std::uint8_t>(), ret,
                                    has_data, now_s);
      return action_response(w, rq.invoke, r, has_data, ret.size());
    }
    case dlms::ActionRequestType::kWithList: {
      // Each method's return value is kept in the return area, one after the other.
      std::array<dlms::ActionResultWithData, dlms::kMaxListItems> results{};
      std::span<std::uint8_t> area = return_area();
      std::size_t used = 0;
      for (std::size_t k = 0; k < rq.methods.count; ++k) {
        AxdrWriter ret(area.subspan(used));
        bool has_data = false;
        results[k].result = invoke(rq.methods[k], rq.parameter_list[k], ret, has_data, now_s);
        if (has_data) {
          results[k].has_return = true;
          results[k].return_parameters = dlms::GetDataResult::of_data(area.subspan(used, ret.size()));
          used += ret.size();
        }
      }
      // Built after the values; if it does not fit the client's PDU, the calls ran but their
      // values are dropped (a with-list response has no block form here).
      AxdrWriter response(area.subspan(used));
      dlms::encode_action_response_with_list(response, rq.invoke, std::span(results.data(), rq.methods.count));
      if (!response.ok() || response.size() > response_limit()) {
        for (std::size_t k = 0; k < rq.methods.count; ++k) {
          results[k].has_return = false;
          if (results[k].result == ActionResult::kSuccess) results[k].result = ActionResult::kOtherReason;
        }
        dlms::encode_action_response_with_list(w, rq.invoke, std::span(results.data(), rq.methods.count));
      } else {
        w.raw(response.bytes());
      }
      return w.ok() ? w.size() : 0;
    }
    case dlms::ActionRequestType::kWithListAndFirstPblock:
      // Not offered: a list of methods whose parameters need blocks (the meter has no such method).
      aborted.result = ActionResult::kOtherReason;
      dlms::encode_action_response_normal(w, rq.invoke, aborted);
      return w.ok() ? w.size() : 0;
    case dlms::ActionRequestType::kWithFirstPblock:
    case dlms::ActionRequestType::kWithPblock: {
      InboundBlocks::Verdict v;
      if (rq.type == dlms::ActionRequestType::kWithFirstPblock) {
        inbound_for_ = Inbound::kAction;
        action_target_ = rq.method;
        v = inbound_.first(rq.block);
      } else {
        v = inbound_for_ == Inbound::kAction ? inbound_.next(rq.block) : InboundBlocks::Verdict::kNotStarted;
      }
      if (v == InboundBlocks::Verdict::kMore) {
        dlms::encode_action_response_next_pblock(w, rq.invoke, rq.block.block_number);
        return w.ok() ? w.size() : 0;
      }
      inbound_for_ = Inbound::kNone;
      if (v != InboundBlocks::Verdict::kComplete) {
        aborted.result = v == InboundBlocks::Verdict::kNotStarted ? ActionResult::kNoLongActionInProgress
                                                                   : ActionResult::kLongActionAborted;
        dlms::encode_action_response_normal(w, rq.invoke, aborted);
        return w.ok() ? w.size() : 0;
      }
      // The blocks make the method-invocation-parameters: one Data value.
      if (!one_data_value(inbound_.data())) {
        aborted.result = ActionResult::kTypeUnmatched;
        dlms::encode_action_response_normal(w, rq.invoke, aborted);
        return w.ok() ? w.size() : 0;
      }
      AxdrWriter ret(return_area());
      bool has_data = false;
      const ActionResult r = invoke(action_target_, inbound_.data(), ret, has_data, now_s);
      return action_response(w, rq.invoke, r, has_data, ret.size());
    }
    case dlms::ActionRequestType::kNextPblock: {
      // The client acknowledges the response block it received; the next one follows.
      if (!pending_ || outbound_ != Outbound::kAction || rq.block_number != blocks_sent_) {
        aborted.result = pending_ && outbound_ == Outbound::kAction ? ActionResult::kLongActionAborted
                                                                    : ActionResult::kNoLongActionInProgress;
        pending_ = false;
        dlms::encode_action_response_normal(w, rq.invoke, aborted);
        return w.ok() ? w.size() : 0;
      }
      return send_block(w, rq.invoke, blocks_sent_ + 1);
    }
  }
  return exception(w, dlms::StateError::kServiceUnknown, dlms::ServiceError::kOtherReason);
}

std::size_t ServerSession::action_response(AxdrWriter& w, dlms::InvokeIdAndPriority invoke, ActionResult result,
                                           bool has_data, std::size_t data_size) {
  dlms::ActionResultWithData response;
  response.result = result;
  const std::size_t limit = response_limit();
  if (has_data && data_size + kActionDataOverhead > limit) {
    if ((info_.conformance & conf::kBlockTransferWithAction) != 0 && limit > kPblockOverhead + 1) {
      // In pblocks: the Data value's slices, the first one now.
      pending_ = true;
      outbound_ = Outbound::kAction;
      pending_size_ = data_size;
      block_size_ = limit - kPblockOverhead;
      blocks_sent_ = 0;
      return send_block(w, invoke, 1);
    }
    // The method ran but its return value cannot reach the client.
    response.result = result == ActionResult::kSuccess ? ActionResult::kOtherReason : result;
    has_data = false;
  }
  if (has_data) {
    response.has_return = true;
    response.return_parameters = dlms::GetDataResult::of_data(std::span<const std::uint8_t>(big_.data(), data_size));
  }
  dlms::encode_action_response_normal(w, invoke, response);
  return w.ok() ? w.size() : 0;
}

std::size_t ServerSession::on_reply_to_hls(const dlms::ActionRequest& rq, AxdrWriter& w, double now_s) {
  // Pass 3 / 4: reply_to_HLS_authentication on the current association.
  dlms::ActionResultWithData result;
  if (rq.method.class_id != 15 || obis_of(rq.method.instance_id) != meter::Obis(0, 0, 40, 0, 0) ||
      rq.method.method_id != 1)
    return exception(w, dlms::StateError::kServiceNotAllowed, dlms::ServiceError::kOperationNotPossible);
  dlms::AxdrReader r(rq.parameters);
  dlms::AxdrItem item;
  SecurityMaterial& sec = *config_.security;
  std::uint32_t peer_ic = 0;
  const bool ok = rq.has_parameters && r.expect(dlms::DataType::kOctetString, &item, "f(StoC)").is_ok() &&
                  security::hls_gmac_verify(sec.encryption_key, sec.authentication_key, client_title_, stoc_, item.bytes,
                                            &peer_ic)
                      .is_ok();
  if (!ok) {
    meter_.record_event(recording::LogGroup::kFraud, recording::event_code::kAuthenticationFailure, now_s,
                        info_.config->client_sap);
    guard_.failed(info_.config->client_sap, now_s);
    on_disconnect();
    result.result = ActionResult::kOtherReason;
    dlms::encode_action_response_normal(w, rq.invoke, result);
    return w.ok() ? w.size() : 0;
  }
  std::array<std::uint8_t, security::kHlsGmacResponseSize> f{};
  (void)security::hls_gmac_response(sec.encryption_key, sec.authentication_key, sec.server_title,
                                    sec.next_invocation_counter++, std::span(ctos_.data(), ctos_size_), f);
  hls_pending_ = false;
  guard_.succeeded(info_.config->client_sap);
  AxdrWriter fw(return_area());
  fw.octet_string(f);
  // f(CtoS) goes back like any returned value (in pblocks if the client's PDU is that small).
  return action_response(w, rq.invoke, ActionResult::kSuccess, true, fw.size());
}

}  // namespace quadra::association
