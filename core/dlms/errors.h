// The two error APDUs of xDLMS (IEC 62056-5-3):
//
//   EXCEPTION-Response       D8 state-error service-error [invocation-counter(4)]
//     sent by a server for an APDU it cannot take at all (unknown service, not allowed in this
//     state, too long, deciphering failed). The invocation counter follows only for
//     service-error 6 (invocation-counter-error).
//   ConfirmedServiceError    0E service error-class code
//     the answer to a confirmed service that failed before execution; in DLMS/COSEM LN it is
//     what an AARE carries in its user-information when the InitiateRequest is refused
//     (e.g. 0E 01 06 01: initiateError, initiate, dlms-version-too-low).
#pragma once

#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"
#include "core/dlms/data_type.h"

namespace quadra::dlms {

struct ExceptionResponse {
  StateError state_error = StateError::kServiceNotAllowed;
  ServiceError service_error = ServiceError::kOperationNotPossible;
  std::uint32_t invocation_counter = 0;  // only with ServiceError::kInvocationCounterError
  friend constexpr bool operator==(const ExceptionResponse&, const ExceptionResponse&) = default;
};

// state-error must be 1 or 2 and service-error 1..6 (else kReasonUnknownTag).
Status decode_exception_response(std::span<const std::uint8_t> apdu, ExceptionResponse* out);
void encode_exception_response(AxdrWriter& w, const ExceptionResponse& e);

// ConfirmedServiceError CHOICE: which service failed.
enum class ConfirmedService : std::uint8_t {
  kInitiateError = 1,
  kGetStatus = 2,
  kGetNameList = 3,
  kGetVariableAttribute = 4,
  kRead = 5,
  kWrite = 6,
  kGetDataSetAttribute = 7,
  kGetTiAttribute = 8,
  kChangeScope = 9,
  kStart = 10,
  kStop = 11,
  kResume = 12,
  kMakeUsable = 13,
  kInitiateLoad = 14,
  kLoadSegment = 15,
  kTerminateLoad = 16,
  kInitiateUploadSegment = 17,
  kUploadSegment = 18,
  kTerminateUpload = 19,
};

// ServiceError CHOICE (the class of the error); each class has its own ENUMERATED codes.
enum class ErrorClass : std::uint8_t {
  kApplicationReference = 0,
  kHardwareResource = 1,
  kVdeStateError = 2,
  kService = 3,
  kDefinition = 4,
  kAccess = 5,
  kInitiate = 6,
  kLoadDataSet = 7,
  kTask = 9,
};

// Codes of ErrorClass::kInitiate.
enum class InitiateError : std::uint8_t {
  kOther = 0,
  kDlmsVersionTooLow = 1,
  kIncompatibleConformance = 2,
  kPduSizeTooShort = 3,
  kRefusedByTheVdeHandler = 4,
};

struct ConfirmedServiceError {
  ConfirmedService service = ConfirmedService::kInitiateError;
  ErrorClass error_class = ErrorClass::kInitiate;
  std::uint8_t code = 0;

  static constexpr ConfirmedServiceError initiate(InitiateError e) {
    return {ConfirmedService::kInitiateError, ErrorClass::kInitiate, static_cast<std::uint8_t>(e)};
  }
  friend constexpr bool operator==(const ConfirmedServiceError&, const ConfirmedServiceError&) = default;
};

// service must be 1..19 and the error class 0..10 (else kReasonUnknownTag); the code is kept raw.
Status decode_confirmed_service_error(std::span<const std::uint8_t> apdu, ConfirmedServiceError* out);
void encode_confirmed_service_error(AxdrWriter& w, const ConfirmedServiceError& e);

}  // namespace quadra::dlms
