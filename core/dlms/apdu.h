// Pieces shared by the xDLMS APDUs (IEC 62056-5-3, Green Book "xDLMS APDUs" in A-XDR): the APDU
// tags, invoke-id-and-priority, the COSEM attribute and method descriptors, the optional
// selective access, the data blocks of block transfer, and the fixed-capacity lists of the
// with-list services. The service codecs are in get.h, set.h, action.h, errors.h and
// notification.h; the association APDUs (BER) in acse.h and initiate.h.
//
// Decoded structures hold spans into the input (Data values are kept as raw, validated A-XDR
// bytes, to be read with AxdrReader): the input must outlive them. The service decoders fill
// their (large, up to about 1 KB with the lists) result in place rather than through a copy on
// the stack; after a failure the result is partial and must not be used. No heap, no exceptions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/axdr_writer.h"
#include "core/dlms/codec_status.h"

namespace quadra::dlms {

// The first octet of every APDU.
namespace apdu_tag {
inline constexpr std::uint8_t kInitiateRequest = 0x01;
inline constexpr std::uint8_t kInitiateResponse = 0x08;
inline constexpr std::uint8_t kConfirmedServiceError = 0x0E;
inline constexpr std::uint8_t kDataNotification = 0x0F;
inline constexpr std::uint8_t kGloInitiateRequest = 0x21;
inline constexpr std::uint8_t kGloInitiateResponse = 0x28;
inline constexpr std::uint8_t kGloConfirmedServiceError = 0x2E;
inline constexpr std::uint8_t kDedInitiateRequest = 0x41;
inline constexpr std::uint8_t kDedInitiateResponse = 0x48;
inline constexpr std::uint8_t kAarq = 0x60;
inline constexpr std::uint8_t kAare = 0x61;
inline constexpr std::uint8_t kRlrq = 0x62;
inline constexpr std::uint8_t kRlre = 0x63;
inline constexpr std::uint8_t kGetRequest = 0xC0;
inline constexpr std::uint8_t kSetRequest = 0xC1;
inline constexpr std::uint8_t kEventNotificationRequest = 0xC2;
inline constexpr std::uint8_t kActionRequest = 0xC3;
inline constexpr std::uint8_t kGetResponse = 0xC4;
inline constexpr std::uint8_t kSetResponse = 0xC5;
inline constexpr std::uint8_t kActionResponse = 0xC7;
inline constexpr std::uint8_t kGloGetRequest = 0xC8;
inline constexpr std::uint8_t kGloSetRequest = 0xC9;
inline constexpr std::uint8_t kGloEventNotificationRequest = 0xCA;
inline constexpr std::uint8_t kGloActionRequest = 0xCB;
inline constexpr std::uint8_t kGloGetResponse = 0xCC;
inline constexpr std::uint8_t kGloSetResponse = 0xCD;
inline constexpr std::uint8_t kGloActionResponse = 0xCF;
inline constexpr std::uint8_t kDedGetRequest = 0xD0;
inline constexpr std::uint8_t kDedSetRequest = 0xD1;
inline constexpr std::uint8_t kDedEventNotificationRequest = 0xD2;
inline constexpr std::uint8_t kDedActionRequest = 0xD3;
inline constexpr std::uint8_t kDedGetResponse = 0xD4;
inline constexpr std::uint8_t kDedSetResponse = 0xD5;
inline constexpr std::uint8_t kDedActionResponse = 0xD7;
inline constexpr std::uint8_t kExceptionResponse = 0xD8;
inline constexpr std::uint8_t kGeneralGloCiphering = 0xDB;
inline constexpr std::uint8_t kGeneralDedCiphering = 0xDC;
inline constexpr std::uint8_t kGeneralCiphering = 0xDD;
inline constexpr std::uint8_t kGeneralSigning = 0xDF;
inline constexpr std::uint8_t kGeneralBlockTransfer = 0xE0;
}  // namespace apdu_tag

// Invoke-Id-And-Priority (one octet): bits 0-3 invoke id, bit 6 service class (1 = confirmed),
// bit 7 priority (1 = high). Bits 4-5 are reserved and kept as received.
struct InvokeIdAndPriority {
  std::uint8_t raw = 0;

  static constexpr InvokeIdAndPriority make(std::uint8_t invoke_id, bool confirmed, bool high_priority) {
    return {static_cast<std::uint8_t>((invoke_id & 0x0F) | (confirmed ? 0x40 : 0) | (high_priority ? 0x80 : 0))};
  }
  constexpr std::uint8_t invoke_id() const { return raw & 0x0F; }
  constexpr bool confirmed() const { return (raw & 0x40) != 0; }
  constexpr bool high_priority() const { return (raw & 0x80) != 0; }
  friend constexpr bool operator==(InvokeIdAndPriority, InvokeIdAndPriority) = default;
};

// Long-Invoke-Id-And-Priority (four octets, DataNotification): bits 0-23 invoke id,
// bit 28 self-descriptive, bit 29 processing option (1 = break on error), bit 30 service class
// (1 = confirmed), bit 31 priority (1 = high).
struct LongInvokeIdAndPriority {
  std::uint32_t raw = 0;

  static constexpr LongInvokeIdAndPriority make(std::uint32_t invoke_id, bool confirmed, bool high_priority) {
    return {(invoke_id & 0xFFFFFF) | (confirmed ? 0x40000000u : 0u) | (high_priority ? 0x80000000u : 0u)};
  }
  constexpr std::uint32_t invoke_id() const { return raw & 0xFFFFFF; }
  constexpr bool self_descriptive() const { return (raw & 0x10000000u) != 0; }
  constexpr bool break_on_error() const { return (raw & 0x20000000u) != 0; }
  constexpr bool confirmed() const { return (raw & 0x40000000u) != 0; }
  constexpr bool high_priority() const { return (raw & 0x80000000u) != 0; }
  friend constexpr bool operator==(LongInvokeIdAndPriority, LongInvokeIdAndPriority) = default;
};

using LogicalName = std::array<std::uint8_t, 6>;

// Cosem-Attribute-Descriptor: class id, instance id (the logical name, six octets), attribute id.
// Cosem-Method-Descriptor has the same shape with a method id. The ids are Integer8 on the wire;
// they are kept as the raw octet (manufacturer-specific ones are negative, i.e. >= 0x80 here).
struct AttributeDescriptor {
  std::uint16_t class_id = 0;
  LogicalName instance_id{};
  std::uint8_t attribute_id = 0;
  friend constexpr bool operator==(const AttributeDescriptor&, const AttributeDescriptor&) = default;
};

struct MethodDescriptor {
  std::uint16_t class_id = 0;
  LogicalName instance_id{};
  std::uint8_t method_id = 0;
  friend constexpr bool operator==(const MethodDescriptor&, const MethodDescriptor&) = default;
};

// Selective-Access-Descriptor, OPTIONAL: an access selector and its parameters (one complete,
// validated A-XDR Data value, kept raw).
struct SelectiveAccess {
  bool present = false;
  std::uint8_t selector = 0;
  std::span<const std::uint8_t> parameters;
};

// Cosem-Attribute-Descriptor-With-Selection (and, for GET/SET-normal, the descriptor and the
// access selection that follow the invoke id).
struct AttributeReference {
  AttributeDescriptor attribute;
  SelectiveAccess access;
};

// DataBlock-SA (SET-Request and ACTION-Request block transfer, and ACTION-Response-With-Pblock):
// last-block, block-number, raw-data (an octet string holding a slice of the encoded data).
struct DataBlockSa {
  bool last_block = false;
  std::uint32_t block_number = 0;
  std::span<const std::uint8_t> raw_data;
};

// DataBlock-G (GET-Response-With-Datablock): last-block, block-number, and either raw-data or a
// data-access-result.
struct DataBlockG {
  bool last_block = false;
  std::uint32_t block_number = 0;
  bool is_raw_data = true;
  std::span<const std::uint8_t> raw_data;  // when is_raw_data
  std::uint8_t data_access_result = 0;     // DataAccessResult, when !is_raw_data
};

// The most items a with-list request or response may carry here. A longer list is refused with
// kReasonTooMany (the server then answers with an error rather than a partial result).
inline constexpr std::size_t kMaxListItems = 16;

template <typename T>
struct ItemList {
  std::array<T, kMaxListItems> items{};
  std::size_t count = 0;

  std::span<const T> span() const { return {items.data(), count}; }
  const T& operator[](std::size_t i) const { return items[i]; }
};

// ---- Helpers shared by the service codecs (also usable by the layers above) ----

Status read_attribute_descriptor(AxdrReader& r, AttributeDescriptor* out, const char* field);
Status read_method_descriptor(AxdrReader& r, MethodDescriptor* out, const char* field);
Status read_selective_access(AxdrReader& r, SelectiveAccess* out, const char* field);
Status read_data_block_sa(AxdrReader& r, DataBlockSa* out, const char* field);
// Reads an A-XDR SEQUENCE OF count and checks it against kMaxListItems.
Status read_list_count(AxdrReader& r, std::size_t* count, const char* field);
// An OPTIONAL / DEFAULT presence octet: 0 or 1.
Status read_presence(AxdrReader& r, bool* present, const char* field);

void write_attribute_descriptor(AxdrWriter& w, const AttributeDescriptor& a);
void write_method_descriptor(AxdrWriter& w, const MethodDescriptor& m);
void write_selective_access(AxdrWriter& w, const SelectiveAccess& s);
void write_data_block_sa(AxdrWriter& w, const DataBlockSa& b);

}  // namespace quadra::dlms
