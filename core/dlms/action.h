// The xDLMS ACTION service (IEC 62056-5-3, ACTION-Request 0xC3 / ACTION-Response 0xC7).
//
// Server side: decode_action_request() and the encode_action_response_*() functions.
// Client side: the encode_action_request_*() functions and decode_action_response().
//
//   ACTION-Request-Normal                   C3 01 iid method-descriptor 00 | 01 Data
//   ACTION-Request-Next-Pblock              C3 02 iid block-number
//   ACTION-Request-With-List                C3 03 iid n {method-descriptor}* n {Data}*
//   ACTION-Request-With-First-Pblock        C3 04 iid method-descriptor DataBlock-SA
//   ACTION-Request-With-List-And-First-Pblock C3 05 iid n {method-descriptor}* DataBlock-SA
//   ACTION-Request-With-Pblock              C3 06 iid DataBlock-SA
//   ACTION-Response-Normal                  C7 01 iid result  00 | 01 Get-Data-Result
//   ACTION-Response-With-Pblock             C7 02 iid DataBlock-SA
//   ACTION-Response-With-List               C7 03 iid n {result 00 | 01 Get-Data-Result}*
//   ACTION-Response-Next-Pblock             C7 04 iid block-number
// (method-descriptor = class(2) ln(6) method(1); Get-Data-Result = 00 Data | 01 data-access-result.)
#pragma once

#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"
#include "core/dlms/data_type.h"
#include "core/dlms/get.h"

namespace quadra::dlms {

enum class ActionRequestType : std::uint8_t {
  kNormal = 1,
  kNextPblock = 2,
  kWithList = 3,
  kWithFirstPblock = 4,
  kWithListAndFirstPblock = 5,
  kWithPblock = 6,
};

struct ActionRequest {
  ActionRequestType type = ActionRequestType::kNormal;
  InvokeIdAndPriority invoke;
  MethodDescriptor method;                        // kNormal, kWithFirstPblock
  bool has_parameters = false;                    // kNormal
  std::span<const std::uint8_t> parameters;       // kNormal: one complete Data value, raw
  std::uint32_t block_number = 0;                 // kNextPblock
  DataBlockSa block;                              // kWithFirstPblock, kWithPblock, kWithListAndFirstPblock
  ItemList<MethodDescriptor> methods;             // kWithList, kWithListAndFirstPblock
  ItemList<std::span<const std::uint8_t>> parameter_list;  // kWithList: one Data value per method
};

Status decode_action_request(std::span<const std::uint8_t> apdu, ActionRequest* out);

// parameters empty = no method-invocation-parameters.
void encode_action_request_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const MethodDescriptor& method,
                                  std::span<const std::uint8_t> parameters);
void encode_action_request_next_pblock(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t block_number);
void encode_action_request_with_first_pblock(AxdrWriter& w, InvokeIdAndPriority invoke,
                                             const MethodDescriptor& method, const DataBlockSa& block);
void encode_action_request_with_pblock(AxdrWriter& w, InvokeIdAndPriority invoke, const DataBlockSa& block);

// Action-Response-With-Optional-Data.
struct ActionResultWithData {
  ActionResult result = ActionResult::kSuccess;
  bool has_return = false;
  GetDataResult return_parameters;  // when has_return
};

enum class ActionResponseType : std::uint8_t {
  kNormal = 1,
  kWithPblock = 2,
  kWithList = 3,
  kNextPblock = 4,
};

struct ActionResponse {
  ActionResponseType type = ActionResponseType::kNormal;
  InvokeIdAndPriority invoke;
  ActionResultWithData single;           // kNormal
  DataBlockSa block;                     // kWithPblock
  ItemList<ActionResultWithData> list;   // kWithList
  std::uint32_t block_number = 0;        // kNextPblock
};

Status decode_action_response(std::span<const std::uint8_t> apdu, ActionResponse* out);

void encode_action_response_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const ActionResultWithData& r);
// Writes "C7 01 iid result 01 00": the caller then writes the returned Data value into w.
void begin_action_response_normal_data(AxdrWriter& w, InvokeIdAndPriority invoke, ActionResult result);
void encode_action_response_with_pblock(AxdrWriter& w, InvokeIdAndPriority invoke, const DataBlockSa& block);
void encode_action_response_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                      std::span<const ActionResultWithData> results);
void encode_action_response_next_pblock(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t block_number);

}  // namespace quadra::dlms
