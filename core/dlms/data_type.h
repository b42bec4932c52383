// The vocabulary of the DLMS/COSEM application layer (IEC 62056-6-2 "Blue Book" data types,
// IEC 62056-5-3 / Green Book xDLMS result codes): the tags of A-XDR Data values, the result codes
// the GET, SET and ACTION services answer with, the codes of exception-response and the bits of the
// conformance block. Numbers only; what they mean to a meter is decided above this layer.
#pragma once

#include <cstdint>

namespace quadra::dlms {

// The tag byte in front of every A-XDR encoded Data value (Blue Book, "Data" CHOICE).
enum class DataType : std::uint8_t {
  kNull = 0,
  kArray = 1,
  kStructure = 2,
  kBoolean = 3,
  kBitString = 4,
  kDoubleLong = 5,          // int32
  kDoubleLongUnsigned = 6,  // uint32
  kOctetString = 9,
  kVisibleString = 10,
  kUtf8String = 12,
  kBcd = 13,
  kInteger = 15,       // int8
  kLong = 16,          // int16
  kUnsigned = 17,      // uint8
  kLongUnsigned = 18,  // uint16
  kCompactArray = 19,
  kLong64 = 20,
  kLong64Unsigned = 21,
  kEnum = 22,
  kFloat32 = 23,
  kFloat64 = 24,
  kDateTime = 25,  // 12 octets
  kDate = 26,      // 5 octets
  kTime = 27,      // 4 octets
  kDontCare = 255,
};

// True for the tags listed above (the reader refuses any other).
constexpr bool is_known_data_type(std::uint8_t tag) {
  switch (tag) {
    case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 9: case 10: case 12: case 13:
    case 15: case 16: case 17: case 18: case 19: case 20: case 21: case 22: case 23: case 24:
    case 25: case 26: case 27: case 255:
      return true;
    default:
      return false;
  }
}

// Data-Access-Result (GET and SET results).
enum class DataAccessResult : std::uint8_t {
  kSuccess = 0,
  kHardwareFault = 1,
  kTemporaryFailure = 2,
  kReadWriteDenied = 3,
  kObjectUndefined = 4,
  kObjectClassInconsistent = 9,
  kObjectUnavailable = 11,
  kTypeUnmatched = 12,
  kScopeOfAccessViolated = 13,
  kDataBlockUnavailable = 14,
  kLongGetAborted = 15,
  kNoLongGetInProgress = 16,
  kLongSetAborted = 17,
  kNoLongSetInProgress = 18,
  kDataBlockNumberInvalid = 19,
  kOtherReason = 250,
};

// Action-Result (ACTION results).
enum class ActionResult : std::uint8_t {
  kSuccess = 0,
  kHardwareFault = 1,
  kTemporaryFailure = 2,
  kReadWriteDenied = 3,
  kObjectUndefined = 4,
  kObjectClassInconsistent = 9,
  kObjectUnavailable = 11,
  kTypeUnmatched = 12,
  kScopeOfAccessViolated = 13,
  kDataBlockUnavailable = 14,
  kLongActionAborted = 15,
  kNoLongActionInProgress = 16,
  kOtherReason = 250,
};

// EXCEPTION-Response state-error.
enum class StateError : std::uint8_t {
  kServiceNotAllowed = 1,
  kServiceUnknown = 2,
};

// EXCEPTION-Response service-error (the CHOICE index; kInvocationCounterError carries a
// 32-bit counter on the wire).
enum class ServiceError : std::uint8_t {
  kOperationNotPossible = 1,
  kServiceNotSupported = 2,
  kOtherReason = 3,
  kPduTooLong = 4,
  kDecipheringError = 5,
  kInvocationCounterError = 6,
};

// The xDLMS conformance block: a 24-bit BIT STRING. Bit n of the standard (n = 0 first on the
// wire) is (1 << (23 - n)) here, so that the value written big-endian in three octets is the wire
// form: 0x007E1F is the Green Book's proposed conformance "00 7E 1F".
namespace conformance {
inline constexpr std::uint32_t bit(int n) { return std::uint32_t{1} << (23 - n); }
inline constexpr std::uint32_t kGeneralProtection = bit(1);
inline constexpr std::uint32_t kGeneralBlockTransfer = bit(2);
inline constexpr std::uint32_t kRead = bit(3);
inline constexpr std::uint32_t kWrite = bit(4);
inline constexpr std::uint32_t kUnconfirmedWrite = bit(5);
inline constexpr std::uint32_t kDeltaValueEncoding = bit(6);
inline constexpr std::uint32_t kAttribute0SupportedWithSet = bit(8);
inline constexpr std::uint32_t kPriorityMgmtSupported = bit(9);
inline constexpr std::uint32_t kAttribute0SupportedWithGet = bit(10);
inline constexpr std::uint32_t kBlockTransferWithGetOrRead = bit(11);
inline constexpr std::uint32_t kBlockTransferWithSetOrWrite = bit(12);
inline constexpr std::uint32_t kBlockTransferWithAction = bit(13);
inline constexpr std::uint32_t kMultipleReferences = bit(14);
inline constexpr std::uint32_t kInformationReport = bit(15);
inline constexpr std::uint32_t kDataNotification = bit(16);
inline constexpr std::uint32_t kAccess = bit(17);
inline constexpr std::uint32_t kParameterizedAccess = bit(18);
inline constexpr std::uint32_t kGet = bit(19);
inline constexpr std::uint32_t kSet = bit(20);
inline constexpr std::uint32_t kSelectiveAccess = bit(21);
inline constexpr std::uint32_t kEventNotification = bit(22);
inline constexpr std::uint32_t kAction = bit(23);
inline constexpr std::uint32_t kAll = 0xFFFFFF;
}  // namespace conformance

}  // namespace quadra::dlms
