// The xDLMS SET service (IEC 62056-5-3, SET-Request 0xC1 / SET-Response 0xC5).
//
// Server side: decode_set_request() and the encode_set_response_*() functions.
// Client side: the encode_set_request_*() functions and decode_set_response().
//
//   SET-Request-Normal                      C1 01 iid descriptor access-selection Data
//   SET-Request-With-First-Datablock        C1 02 iid descriptor access-selection DataBlock-SA
//   SET-Request-With-Datablock              C1 03 iid DataBlock-SA
//   SET-Request-With-List                   C1 04 iid n {descriptor access}* n {Data}*
//   SET-Request-With-List-And-First-Datablock C1 05 iid n {descriptor access}* DataBlock-SA
//   SET-Response-Normal                     C5 01 iid result
//   SET-Response-Datablock                  C5 02 iid block-number
//   SET-Response-Last-Datablock             C5 03 iid result block-number
//   SET-Response-Last-Datablock-With-List   C5 04 iid n {result}* block-number
//   SET-Response-With-List                  C5 05 iid n {result}*
// (DataBlock-SA = last-block(1) block-number(4) length raw-data.)
#pragma once

#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"
#include "core/dlms/data_type.h"

namespace quadra::dlms {

enum class SetRequestType : std::uint8_t {
  kNormal = 1,
  kWithFirstDatablock = 2,
  kWithDatablock = 3,
  kWithList = 4,
  kWithListAndFirstDatablock = 5,
};

struct SetRequest {
  SetRequestType type = SetRequestType::kNormal;
  InvokeIdAndPriority invoke;
  AttributeReference attribute;                 // kNormal, kWithFirstDatablock
  std::span<const std::uint8_t> value;          // kNormal: one complete Data value, raw
  DataBlockSa block;                            // kWithFirstDatablock, kWithDatablock, kWithListAndFirstDatablock
  ItemList<AttributeReference> list;            // kWithList, kWithListAndFirstDatablock
  ItemList<std::span<const std::uint8_t>> values;  // kWithList: one Data value per attribute
};

// For with-list, the number of values must equal the number of attributes (else kReasonBadValue).
Status decode_set_request(std::span<const std::uint8_t> apdu, SetRequest* out);

void encode_set_request_normal(AxdrWriter& w, InvokeIdAndPriority invoke, const AttributeReference& attribute,
                               std::span<const std::uint8_t> value);
void encode_set_request_with_first_datablock(AxdrWriter& w, InvokeIdAndPriority invoke,
                                             const AttributeReference& attribute, const DataBlockSa& block);
void encode_set_request_with_datablock(AxdrWriter& w, InvokeIdAndPriority invoke, const DataBlockSa& block);
// Precondition: attributes.size() == values.size().
void encode_set_request_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                  std::span<const AttributeReference> attributes,
                                  std::span<const std::span<const std::uint8_t>> values);

enum class SetResponseType : std::uint8_t {
  kNormal = 1,
  kDatablock = 2,
  kLastDatablock = 3,
  kLastDatablockWithList = 4,
  kWithList = 5,
};

struct SetResponse {
  SetResponseType type = SetResponseType::kNormal;
  InvokeIdAndPriority invoke;
  DataAccessResult result = DataAccessResult::kSuccess;  // kNormal, kLastDatablock
  std::uint32_t block_number = 0;                        // kDatablock, kLastDatablock, kLastDatablockWithList
  ItemList<DataAccessResult> results;                    // kLastDatablockWithList, kWithList
};

Status decode_set_response(std::span<const std::uint8_t> apdu, SetResponse* out);

void encode_set_response_normal(AxdrWriter& w, InvokeIdAndPriority invoke, DataAccessResult result);
void encode_set_response_datablock(AxdrWriter& w, InvokeIdAndPriority invoke, std::uint32_t block_number);
void encode_set_response_last_datablock(AxdrWriter& w, InvokeIdAndPriority invoke, DataAccessResult result,
                                        std::uint32_t block_number);
void encode_set_response_last_datablock_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                                  std::span<const DataAccessResult> results,
                                                  std::uint32_t block_number);
void encode_set_response_with_list(AxdrWriter& w, InvokeIdAndPriority invoke,
                                   std::span<const DataAccessResult> results);

}  // namespace quadra::dlms
