// The xDLMS GET service (IEC 62056-5-3, GET-Request 0xC0 / GET-Response 0xC4).
//
// Server side: decode_get_request() and the encode_get_response_*() functions.
// Client side: the encode_get_request_*() functions and decode_get_response().
//
//   GET-Request-Normal         C0 01 iid  class(2) ln(6) attr(1)  access-selection
//   GET-Request-Next           C0 02 iid  block-number(4)
//   GET-Request-With-List      C0 03 iid  count  { descriptor access-selection }*
//   GET-Response-Normal        C4 01 iid  00 Data | 01 data-access-result
//   GET-Response-With-Datablock C4 02 iid last(1) block-number(4) 00 length raw | 01 result
//   GET-Response-With-List     C4 03 iid  count  { 00 Data | 01 result }*
//
// Encoders write into an AxdrWriter and report through its sticky status(). Decoders take one
// whole APDU and refuse trailing bytes.
#pragma once

#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"
#include "core/dlms/data_type.h"

namespace quadra::dlms {

enum class GetRequestType : std::uint8_t { kNormal = 1, kNext = 2, kWithList = 3 };

struct GetRequest {
  GetRequestType type = GetRequestType::kNormal;
  InvokeIdAndPriority invoke;
  AttributeReference attribute;            // kNormal
  std::uint32_t block_number = 0;          // kNext: the last block the client received
  ItemList<AttributeReference> list;       // kWithList
};

Status decode_get_request(std::span<const std::uint8_t> apdu, GetRequest* out);

void encode_get_request_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const AttributeReference& attribute);
void encode_get_request_next(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t block_number);
void encode_get_request_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                  std::span<const AttributeReference> attributes);

// Get-Data-Result: a Data value (raw A-XDR, one complete value) or a data-access-result.
struct GetDataResult {
  bool is_data = true;
  std::span<const std::uint8_t> data;
  DataAccessResult result = DataAccessResult::kSuccess;

  static GetDataResult of_data(std::span<const std::uint8_t> data) { return {true, data, DataAccessResult::kSuccess}; }
  static GetDataResult of_error(DataAccessResult result) { return {false, {}, result}; }
};

enum class GetResponseType : std::uint8_t { kNormal = 1, kWithDatablock = 2, kWithList = 3 };

struct GetResponse {
  GetResponseType type = GetResponseType::kNormal;
  InvokeIdAndPriority invoke;
  GetDataResult result;          // kNormal
  DataBlockG block;              // kWithDatablock
  ItemList<GetDataResult> list;  // kWithList
};

Status decode_get_response(std::span<const std::uint8_t> apdu, GetResponse* out);

void encode_get_response_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const GetDataResult& result);
// Writes "C4 01 iid 00": the caller then writes the Data value straight into w (no copy).
void begin_get_response_normal_data(AxdrWriter& w, InvokeIdAndPriority invoke);
void encode_get_response_with_datablock(AxdrWriter& w, InvokeIdAndPriority invoke, const DataBlockG& block);
void encode_get_response_with_list(AxdrWriter& w, InvokeIdAndPriority invoke, std::span<const GetDataResult> results);
// Writes "C4 03 iid count": the caller then writes `count` results with write_get_data_result()
// (or "00" followed by a Data value written directly).
void begin_get_response_with_list(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t count);
void write_get_data_result(AxdrWriter& w, const GetDataResult& result);

}  // namespace quadra::dlms
