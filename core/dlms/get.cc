#include "core/dlms/get.h"

namespace quadra::dlms {
namespace {

Status read_get_data_result(AxdrReader& r, GetDataResult* out, const char* field) {
  std::uint8_t choice = 0;
  if (Status s = r.u8(&choice, field); !s) return s;
  GetDataResult g;
  if (choice == 0) {
    g.is_data = true;
    if (Status s = r.value(&g.data); !s) return s;
  } else if (choice == 1) {
    std::uint8_t code = 0;
    if (Status s = r.u8(&code, field); !s) return s;
    g.is_data = false;
    g.result = static_cast<DataAccessResult>(code);
  } else {
    return unknown_tag(field);
  }
  *out = g;
  return Status::ok();
}

}  // namespace

Status decode_get_request(std::span<const std::uint8_t> apdu, GetRequest* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0, type = 0;
  *out = GetRequest{};
  GetRequest& q = *out;
  if (Status s = r.u8(&tag, "get_request"); !s) return s;
  if (tag != apdu_tag::kGetRequest) return unknown_tag("get_request");
  if (Status s = r.u8(&type, "get_request.type"); !s) return s;
  if (Status s = r.u8(&q.invoke.raw, "get_request.invoke_id"); !s) return s;
  switch (type) {
    case 1:
      q.type = GetRequestType::kNormal;
      if (Status s = read_attribute_descriptor(r, &q.attribute.attribute, "get_request.attribute"); !s) return s;
      if (Status s = read_selective_access(r, &q.attribute.access, "get_request.access_selection"); !s) return s;
      break;
    case 2:
      q.type = GetRequestType::kNext;
      if (Status s = r.u32(&q.block_number, "get_request.block_number"); !s) return s;
      break;
    case 3:
      q.type = GetRequestType::kWithList;
      if (Status s = read_list_count(r, &q.list.count, "get_request.list"); !s) return s;
      for (std::size_t i = 0; i < q.list.count; ++i) {
        if (Status s = read_attribute_descriptor(r, &q.list.items[i].attribute, "get_request.list"); !s) return s;
        if (Status s = read_selective_access(r, &q.list.items[i].access, "get_request.list"); !s) return s;
      }
      break;
    default:
      return unknown_tag("get_request.type");
  }
  if (Status s = r.expect_end("get_request"); !s) return s;
  return Status::ok();
}

void encode_get_request_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const AttributeReference& attribute) {
  w.u8(apdu_tag::kGetRequest);
  w.u8(1);
  w.u8(invoke.raw);
  write_attribute_descriptor(w, attribute.attribute);
  write_selective_access(w, attribute.access);
}

void encode_get_request_next(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t block_number) {
  w.u8(apdu_tag::kGetRequest);
  w.u8(2);
  w.u8(invoke.raw);
  w.u32(block_number);
}

void encode_get_request_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                  std::span<const AttributeReference> attributes) {
  if (attributes.size() > kMaxListItems) return w.fail(too_many("get_request.list"));
  w.u8(apdu_tag::kGetRequest);
  w.u8(3);
  w.u8(invoke.raw);
  w.length(static_cast<std::uint32_t>(attributes.size()));
  for (const AttributeReference& a : attributes) {
    write_attribute_descriptor(w, a.attribute);
    write_selective_access(w, a.access);
  }
}

Status decode_get_response(std::span<const std::uint8_t> apdu, GetResponse* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0, type = 0;
  *out = GetResponse{};
  GetResponse& g = *out;
  if (Status s = r.u8(&tag, "get_response"); !s) return s;
  if (tag != apdu_tag::kGetResponse) return unknown_tag("get_response");
  if (Status s = r.u8(&type, "get_response.type"); !s) return s;
  if (Status s = r.u8(&g.invoke.raw, "get_response.invoke_id"); !s) return s;
  switch (type) {
    case 1:
      g.type = GetResponseType::kNormal;
      if (Status s = read_get_data_result(r, &g.result, "get_response.result"); !s) return s;
      break;
    case 2: {
      g.type = GetResponseType::kWithDatablock;
      const char* field = "get_response.datablock";
      std::uint8_t choice = 0;
      if (Status s = r.boolean(&g.block.last_block, field); !s) return s;
      if (Status s = r.u32(&g.block.block_number, field); !s) return s;
      if (Status s = r.u8(&choice, field); !s) return s;
      if (choice == 0) {
        g.block.is_raw_data = true;
        if (Status s = r.counted_bytes(&g.block.raw_data, field); !s) return s;
      } else if (choice == 1) {
        g.block.is_raw_data = false;
        if (Status s = r.u8(&g.block.data_access_result, field); !s) return s;
      } else {
        return unknown_tag(field);
      }
      break;
    }
    case 3:
      g.type = GetResponseType::kWithList;
      if (Status s = read_list_count(r, &g.list.count, "get_response.list"); !s) return s;
      for (std::size_t i = 0; i < g.list.count; ++i) {
        if (Status s = read_get_data_result(r, &g.list.items[i], "get_response.list"); !s) return s;
      }
      break;
    default:
      return unknown_tag("get_response.type");
  }
  if (Status s = r.expect_end("get_response"); !s) return s;
  return Status::ok();
}

void write_get_data_result(AxdrWriter& w, const GetDataResult& result) {
  if (result.is_data) {
    w.u8(0);
    w.raw(result.data);
  } else {
    w.u8(1);
    w.u8(static_cast<std::uint8_t>(result.result));
  }
}

void encode_get_response_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const GetDataResult& result) {
  w.u8(apdu_tag::kGetResponse);
  w.u8(1);
  w.u8(invoke.raw);
  write_get_data_result(w, result);
}

void begin_get_response_normal_data(AxdrWriter& w, InvokeIdAndPriority invoke) {
  encode_get_response_normal(w, invoke, GetDataResult::of_data({}));
}

void encode_get_response_with_datablock(AxdrWriter& w, InvokeIdAndPriority invoke, const DataBlockG& block) {
  w.u8(apdu_tag::kGetResponse);
  w.u8(2);
  w.u8(invoke.raw);
  w.u8(block.last_block ? 1 : 0);
  w.u32(block.block_number);
  if (block.is_raw_data) {
    w.u8(0);
    w.length(static_cast<std::uint32_t>(block.raw_data.size()));
    w.raw(block.raw_data);
  } else {
    w.u8(1);
    w.u8(block.data_access_result);
  }
}

void begin_get_response_with_list(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t count) {
  w.u8(apdu_tag::kGetResponse);
  w.u8(3);
  w.u8(invoke.raw);
  w.length(count);
}

void encode_get_response_with_list(AxdrWriter& w, InvokeIdAndPriority invoke, std::span<const GetDataResult> results) {
  begin_get_response_with_list(w, invoke, static_cast<std::uint32_t>(results.size()));
  for (const GetDataResult& g : results) write_get_data_result(w, g);
}

}  // namespace quadra::dlms
