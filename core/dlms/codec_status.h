// How the DLMS codecs fail. Every decoder and encoder of core/dlms returns a quadra::Status whose
// field names the part of the APDU concerned ("get_request.attribute", "aarq.user_information",
// "axdr.octet_string") and whose reason is one of the static strings below, so that a caller (or
// a test) can tell the failures apart by comparing reasons, and a log line reads
// "aarq.mechanism_name: truncated".
#pragma once

#include "core/common/status.h"

namespace quadra::dlms {

// The input ends inside a value (a length or count promises more bytes than there are).
inline constexpr char kReasonTruncated[] = "truncated";
// A length that is malformed (indefinite form 0x80, more than 4 length octets) or wrong for
// its type (a date-time that is not 12 octets, a BER length that disagrees with its content).
inline constexpr char kReasonBadLength[] = "bad length";
// A Data type tag, APDU tag or CHOICE index this codec does not know.
inline constexpr char kReasonUnknownTag[] = "unknown tag";
// Arrays and structures nested deeper than the reader's limit.
inline constexpr char kReasonTooDeep[] = "nested too deep";
// A list (with-list services) longer than the fixed maximum.
inline constexpr char kReasonTooMany[] = "too many items";
// Bytes left after a complete APDU.
inline constexpr char kReasonTrailing[] = "trailing bytes";
// A field whose value is outside its range (a BOOLEAN that is not 0 or 1, an OPTIONAL flag
// that is neither 0 nor 1, an object identifier that is not the expected one).
inline constexpr char kReasonBadValue[] = "bad value";
// A known APDU or CHOICE this codec deliberately does not handle.
inline constexpr char kReasonUnsupported[] = "not supported";
// A Data value of another type than the one required (AxdrReader::expect); a server maps it to
// DataAccessResult::kTypeUnmatched.
inline constexpr char kReasonWrongType[] = "unexpected data type";
// The caller's output span is too small.
inline constexpr char kReasonOverflow[] = "output buffer too small";

inline constexpr Status truncated(const char* field) {
  return Status::error(StatusCode::kCorruption, field, kReasonTruncated);
}
inline constexpr Status bad_length(const char* field) {
  return Status::error(StatusCode::kCorruption, field, kReasonBadLength);
}
inline constexpr Status unknown_tag(const char* field) {
  return Status::error(StatusCode::kNotSupported, field, kReasonUnknownTag);
}
inline constexpr Status too_deep(const char* field) {
  return Status::error(StatusCode::kCapacity, field, kReasonTooDeep);
}
inline constexpr Status too_many(const char* field) {
  return Status::error(StatusCode::kCapacity, field, kReasonTooMany);
}
inline constexpr Status trailing(const char* field) {
  return Status::error(StatusCode::kCorruption, field, kReasonTrailing);
}
inline constexpr Status bad_value(const char* field) {
  return Status::error(StatusCode::kCorruption, field, kReasonBadValue);
}
inline constexpr Status unsupported(const char* field) {
  return Status::error(StatusCode::kNotSupported, field, kReasonUnsupported);
}
inline constexpr Status wrong_type(const char* field) {
  return Status::error(StatusCode::kInvalidArgument, field, kReasonWrongType);
}
inline constexpr Status overflow(const char* field) {
  return Status::error(StatusCode::kCapacity, field, kReasonOverflow);
}

}  // namespace quadra::dlms
