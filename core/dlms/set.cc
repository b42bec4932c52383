#include "core/dlms/set.h"

namespace quadra::dlms {
namespace {

Status read_references(AxdrReader& r, ItemList<AttributeReference>* list, const char* field) {
  if (Status s = read_list_count(r, &list->count, field); !s) return s;
  for (std::size_t i = 0; i < list->count; ++i) {
    if (Status s = read_attribute_descriptor(r, &list->items[i].attribute, field); !s) return s;
    if (Status s = read_selective_access(r, &list->items[i].access, field); !s) return s;
  }
  return Status::ok();
}

Status read_results(AxdrReader& r, ItemList<DataAccessResult>* list, const char* field) {
  if (Status s = read_list_count(r, &list->count, field); !s) return s;
  for (std::size_t i = 0; i < list->count; ++i) {
    std::uint8_t code = 0;
    if (Status s = r.u8(&code, field); !s) return s;
    list->items[i] = static_cast<DataAccessResult>(code);
  }
  return Status::ok();
}

void write_header(AxdrWriter& w, std::uint8_t tag, std::uint8_t type, InvokeIdAndPriority invoke) {
  w.u8(tag);
  w.u8(type);
  w.u8(invoke.raw);
}

void write_results(AxdrWriter& w, std::span<const DataAccessResult> results, const char* field) {
  if (results.size() > kMaxListItems) return w.fail(too_many(field));
  w.length(static_cast<std::uint32_t>(results.size()));
  for (DataAccessResult d : results) w.u8(static_cast<std::uint8_t>(d));
}

}  // namespace

Status decode_set_request(std::span<const std::uint8_t> apdu, SetRequest* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0, type = 0;
  *out = SetRequest{};
  SetRequest& q = *out;
  if (Status s = r.u8(&tag, "set_request"); !s) return s;
  if (tag != apdu_tag::kSetRequest) return unknown_tag("set_request");
  if (Status s = r.u8(&type, "set_request.type"); !s) return s;
  if (Status s = r.u8(&q.invoke.raw, "set_request.invoke_id"); !s) return s;
  switch (type) {
    case 1:
    case 2:
      q.type = static_cast<SetRequestType>(type);
      if (Status s = read_attribute_descriptor(r, &q.attribute.attribute, "set_request.attribute"); !s) return s;
      if (Status s = read_selective_access(r, &q.attribute.access, "set_request.access_selection"); !s) return s;
      if (type == 1) {
        if (Status s = r.value(&q.value); !s) return s;
      } else {
        if (Status s = read_data_block_sa(r, &q.block, "set_request.datablock"); !s) return s;
      }
      break;
    case 3:
      q.type = SetRequestType::kWithDatablock;
      if (Status s = read_data_block_sa(r, &q.block, "set_request.datablock"); !s) return s;
      break;
    case 4: {
      q.type = SetRequestType::kWithList;
      if (Status s = read_references(r, &q.list, "set_request.list"); !s) return s;
      if (Status s = read_list_count(r, &q.values.count, "set_request.values"); !s) return s;
      if (q.values.count != q.list.count) return bad_value("set_request.values");
      for (std::size_t i = 0; i < q.values.count; ++i) {
        if (Status s = r.value(&q.values.items[i]); !s) return s;
      }
      break;
    }
    case 5:
      q.type = SetRequestType::kWithListAndFirstDatablock;
      if (Status s = read_references(r, &q.list, "set_request.list"); !s) return s;
      if (Status s = read_data_block_sa(r, &q.block, "set_request.datablock"); !s) return s;
      break;
    default:
      return unknown_tag("set_request.type");
  }
  if (Status s = r.expect_end("set_request"); !s) return s;
  return Status::ok();
}

void encode_set_request_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const AttributeReference& attribute,
                               std::span<const std::uint8_t> value) {
  write_header(w, apdu_tag::kSetRequest, 1, invoke);
  write_attribute_descriptor(w, attribute.attribute);
  write_selective_access(w, attribute.access);
  w.raw(value);
}

void encode_set_request_with_first_datablock(AxdrWriter& w, InvokeIdAndPriority invoke,
                                             const AttributeReference& attribute, const DataBlockSa& block) {
  write_header(w, apdu_tag::kSetRequest, 2, invoke);
  write_attribute_descriptor(w, attribute.attribute);
  write_selective_access(w, attribute.access);
  write_data_block_sa(w, block);
}

void encode_set_request_with_datablock(AxdrWriter& w, InvokeIdAndPriority invoke, const DataBlockSa& block) {
  write_header(w, apdu_tag::kSetRequest, 3, invoke);
  write_data_block_sa(w, block);
}

void encode_set_request_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                  std::span<const AttributeReference> attributes,
                                  std::span<const std::span<const std::uint8_t>> values) {
  if (attributes.size() > kMaxListItems) return w.fail(too_many("set_request.list"));
  if (values.size() != attributes.size()) return w.fail(bad_value("set_request.values"));
  write_header(w, apdu_tag::kSetRequest, 4, invoke);
  w.length(static_cast<std::uint32_t>(attributes.size()));
  for (const AttributeReference& a : attributes) {
    write_attribute_descriptor(w, a.attribute);
    write_selective_access(w, a.access);
  }
  w.length(static_cast<std::uint32_t>(values.size()));
  for (std::span<const std::uint8_t> v : values) w.raw(v);
}

Status decode_set_response(std::span<const std::uint8_t> apdu, SetResponse* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0, type = 0, code = 0;
  *out = SetResponse{};
  SetResponse& p = *out;
  if (Status s = r.u8(&tag, "set_response"); !s) return s;
  if (tag != apdu_tag::kSetResponse) return unknown_tag("set_response");
  if (Status s = r.u8(&type, "set_response.type"); !s) return s;
  if (Status s = r.u8(&p.invoke.raw, "set_response.invoke_id"); !s) return s;
  switch (type) {
    case 1:
      if (Status s = r.u8(&code, "set_response.result"); !s) return s;
      p.result = static_cast<DataAccessResult>(code);
      break;
    case 2:
      if (Status s = r.u32(&p.block_number, "set_response.block_number"); !s) return s;
      break;
    case 3:
      if (Status s = r.u8(&code, "set_response.result"); !s) return s;
      p.result = static_cast<DataAccessResult>(code);
      if (Status s = r.u32(&p.block_number, "set_response.block_number"); !s) return s;
      break;
    case 4:
      if (Status s = read_results(r, &p.results, "set_response.results"); !s) return s;
      if (Status s = r.u32(&p.block_number, "set_response.block_number"); !s) return s;
      break;
    case 5:
      if (Status s = read_results(r, &p.results, "set_response.results"); !s) return s;
      break;
    default:
      return unknown_tag("set_response.type");
  }
  p.type = static_cast<SetResponseType>(type);
  if (Status s = r.expect_end("set_response"); !s) return s;
  return Status::ok();
}

void encode_set_response_normal(AxdrWriter& w, InvokeIdAndPriority invoke, DataAccessResult result) {
  write_header(w, apdu_tag::kSetResponse, 1, invoke);
  w.u8(static_cast<std::uint8_t>(result));
}

void encode_set_response_datablock(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t block_number) {
  write_header(w, apdu_tag::kSetResponse, 2, invoke);
  w.u32(block_number);
}

void encode_set_response_last_datablock(AxdrWriter& w, InvokeIdAndPriority invoke, DataAccessResult result,
                                        std::uint32_t block_number) {
  write_header(w, apdu_tag::kSetResponse, 3, invoke);
  w.u8(static_cast<std::uint8_t>(result));
  w.u32(block_number);
}

void encode_set_response_last_datablock_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                                  std::span<const DataAccessResult> results,
                                                  std::uint32_t block_number) {
  write_header(w, apdu_tag::kSetResponse, 4, invoke);
  write_results(w, results, "set_response.results");
  w.u32(block_number);
}

void encode_set_response_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                   std::span<const DataAccessResult> results) {
  write_header(w, apdu_tag::kSetResponse, 5, invoke);
  write_results(w, results, "set_response.results");
}

}  // namespace quadra::dlms
