#include "core/dlms/action.h"

namespace quadra::dlms {
namespace {

Status read_methods(AxdrReader& r, ItemList<MethodDescriptor>* list, const char* field) {
  if (Status s = read_list_count(r, &list->count, field); !s) return s;
  for (std::size_t i = 0; i < list->count; ++i) {
    if (Status s = read_method_descriptor(r, &list->items[i], field); !s) return s;
  }
  return Status::ok();
}

Status read_result_with_data(AxdrReader& r, ActionResultWithData* out, const char* field) {
  ActionResultWithData a;
  std::uint8_t code = 0;
  if (Status s = r.u8(&code, field); !s) return s;
  a.result = static_cast<ActionResult>(code);
  if (Status s = read_presence(r, &a.has_return, field); !s) return s;
  if (a.has_return) {
    std::uint8_t choice = 0;
    if (Status s = r.u8(&choice, field); !s) return s;
    if (choice == 0) {
      a.return_parameters.is_data = true;
      if (Status s = r.value(&a.return_parameters.data); !s) return s;
    } else if (choice == 1) {
      std::uint8_t result = 0;
      if (Status s = r.u8(&result, field); !s) return s;
      a.return_parameters = GetDataResult::of_error(static_cast<DataAccessResult>(result));
    } else {
      return unknown_tag(field);
    }
  }
  *out = a;
  return Status::ok();
}

void write_header(AxdrWriter& w, std::uint8_t tag, std::uint8_t type, InvokeIdAndPriority invoke) {
  w.u8(tag);
  w.u8(type);
  w.u8(invoke.raw);
}

void write_result_with_data(AxdrWriter& w, const ActionResultWithData& a) {
  w.u8(static_cast<std::uint8_t>(a.result));
  if (!a.has_return) {
    w.u8(0);
    return;
  }
  w.u8(1);
  write_get_data_result(w, a.return_parameters);
}

}  // namespace

Status decode_action_request(std::span<const std::uint8_t> apdu, ActionRequest* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0, type = 0;
  *out = ActionRequest{};
  ActionRequest& q = *out;
  if (Status s = r.u8(&tag, "action_request"); !s) return s;
  if (tag != apdu_tag::kActionRequest) return unknown_tag("action_request");
  if (Status s = r.u8(&type, "action_request.type"); !s) return s;
  if (Status s = r.u8(&q.invoke.raw, "action_request.invoke_id"); !s) return s;
  switch (type) {
    case 1:
      if (Status s = read_method_descriptor(r, &q.method, "action_request.method"); !s) return s;
      if (Status s = read_presence(r, &q.has_parameters, "action_request.parameters"); !s) return s;
      if (q.has_parameters) {
        if (Status s = r.value(&q.parameters); !s) return s;
      }
      break;
    case 2:
      if (Status s = r.u32(&q.block_number, "action_request.block_number"); !s) return s;
      break;
    case 3:
      if (Status s = read_methods(r, &q.methods, "action_request.list"); !s) return s;
      if (Status s = read_list_count(r, &q.parameter_list.count, "action_request.parameters"); !s) return s;
      if (q.parameter_list.count != q.methods.count) return bad_value("action_request.parameters");
      for (std::size_t i = 0; i < q.parameter_list.count; ++i) {
        if (Status s = r.value(&q.parameter_list.items[i]); !s) return s;
      }
      break;
    case 4:
      if (Status s = read_method_descriptor(r, &q.method, "action_request.method"); !s) return s;
      if (Status s = read_data_block_sa(r, &q.block, "action_request.pblock"); !s) return s;
      break;
    case 5:
      if (Status s = read_methods(r, &q.methods, "action_request.list"); !s) return s;
      if (Status s = read_data_block_sa(r, &q.block, "action_request.pblock"); !s) return s;
      break;
    case 6:
      if (Status s = read_data_block_sa(r, &q.block, "action_request.pblock"); !s) return s;
      break;
    default:
      return unknown_tag("action_request.type");
  }
  q.type = static_cast<ActionRequestType>(type);
  if (Status s = r.expect_end("action_request"); !s) return s;
  return Status::ok();
}

void encode_action_request_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const MethodDescriptor& method,
                                  std::span<const std::uint8_t> parameters) {
  write_header(w, apdu_tag::kActionRequest, 1, invoke);
  write_method_descriptor(w, method);
  if (parameters.empty()) {
    w.u8(0);
  } else {
    w.u8(1);
    w.raw(parameters);
  }
}

void encode_action_request_next_pblock(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t block_number) {
  write_header(w, apdu_tag::kActionRequest, 2, invoke);
  w.u32(block_number);
}

void encode_action_request_with_first_pblock(AxdrWriter& w, InvokeIdAndPriority invoke,
                                             const MethodDescriptor& method, const DataBlockSa& block) {
  write_header(w, apdu_tag::kActionRequest, 4, invoke);
  write_method_descriptor(w, method);
  write_data_block_sa(w, block);
}

void encode_action_request_with_pblock(AxdrWriter& w, InvokeIdAndPriority invoke, const DataBlockSa& block) {
  write_header(w, apdu_tag::kActionRequest, 6, invoke);
  write_data_block_sa(w, block);
}

Status decode_action_response(std::span<const std::uint8_t> apdu, ActionResponse* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0, type = 0;
  *out = ActionResponse{};
  ActionResponse& p = *out;
  if (Status s = r.u8(&tag, "action_response"); !s) return s;
  if (tag != apdu_tag::kActionResponse) return unknown_tag("action_response");
  if (Status s = r.u8(&type, "action_response.type"); !s) return s;
  if (Status s = r.u8(&p.invoke.raw, "action_response.invoke_id"); !s) return s;
  switch (type) {
    case 1:
      if (Status s = read_result_with_data(r, &p.single, "action_response.result"); !s) return s;
      break;
    case 2:
      if (Status s = read_data_block_sa(r, &p.block, "action_response.pblock"); !s) return s;
      break;
    case 3:
      if (Status s = read_list_count(r, &p.list.count, "action_response.list"); !s) return s;
      for (std::size_t i = 0; i < p.list.count; ++i) {
        if (Status s = read_result_with_data(r, &p.list.items[i], "action_response.list"); !s) return s;
      }
      break;
    case 4:
      if (Status s = r.u32(&p.block_number, "action_response.block_number"); !s) return s;
      break;
    default:
      return unknown_tag("action_response.type");
  }
  p.type = static_cast<ActionResponseType>(type);
  if (Status s = r.expect_end("action_response"); !s) return s;
  return Status::ok();
}

void encode_action_response_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const ActionResultWithData& a) {
  write_header(w, apdu_tag::kActionResponse, 1, invoke);
  write_result_with_data(w, a);
}

void begin_action_response_normal_data(AxdrWriter& w, InvokeIdAndPriority invoke, ActionResult result) {
  write_header(w, apdu_tag::kActionResponse, 1, invoke);
  w.u8(static_cast<std::uint8_t>(result));
  w.u8(1);
  w.u8(0);
}

void encode_action_response_with_pblock(AxdrWriter& w, InvokeIdAndPriority invoke, const DataBlockSa& block) {
  write_header(w, apdu_tag::kActionResponse, 2, invoke);
  write_data_block_sa(w, block);
}

void encode_action_response_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                      std::span<const ActionResultWithData> results) {
  if (results.size() > kMaxListItems) return w.fail(too_many("action_response.list"));
  write_header(w, apdu_tag::kActionResponse, 3, invoke);
  w.length(static_cast<std::uint32_t>(results.size()));
  for (const ActionResultWithData& a : results) write_result_with_data(w, a);
}

void encode_action_response_next_pblock(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t block_number) {
  write_header(w, apdu_tag::kActionResponse, 4, invoke);
  w.u32(block_number);
}

}  // namespace quadra::dlms
