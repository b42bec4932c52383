#include "core/dlms/errors.h"

namespace quadra::dlms {

Status decode_exception_response(std::span<const std::uint8_t> apdu, ExceptionResponse* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0, state = 0, service = 0;
  ExceptionResponse e;
  if (Status s = r.u8(&tag, "exception_response"); !s) return s;
  if (tag != apdu_tag::kExceptionResponse) return unknown_tag("exception_response");
  if (Status s = r.u8(&state, "exception_response.state_error"); !s) return s;
  if (state < 1 || state > 2) return unknown_tag("exception_response.state_error");
  if (Status s = r.u8(&service, "exception_response.service_error"); !s) return s;
  if (service < 1 || service > 6) return unknown_tag("exception_response.service_error");
  e.state_error = static_cast<StateError>(state);
  e.service_error = static_cast<ServiceError>(service);
  if (e.service_error == ServiceError::kInvocationCounterError) {
    if (Status s = r.u32(&e.invocation_counter, "exception_response.invocation_counter"); !s) return s;
  }
  if (Status s = r.expect_end("exception_response"); !s) return s;
  *out = e;
  return Status::ok();
}

void encode_exception_response(AxdrWriter& w, const ExceptionResponse& e) {
  w.u8(apdu_tag::kExceptionResponse);
  w.u8(static_cast<std::uint8_t>(e.state_error));
  w.u8(static_cast<std::uint8_t>(e.service_error));
  if (e.service_error == ServiceError::kInvocationCounterError) w.u32(e.invocation_counter);
}

Status decode_confirmed_service_error(std::span<const std::uint8_t> apdu, ConfirmedServiceError* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0, service = 0, error_class = 0, code = 0;
  if (Status s = r.u8(&tag, "confirmed_service_error"); !s) return s;
  if (tag != apdu_tag::kConfirmedServiceError) return unknown_tag("confirmed_service_error");
  if (Status s = r.u8(&service, "confirmed_service_error.service"); !s) return s;
  if (service < 1 || service > 19) return unknown_tag("confirmed_service_error.service");
  if (Status s = r.u8(&error_class, "confirmed_service_error.error_class"); !s) return s;
  if (error_class > 10) return unknown_tag("confirmed_service_error.error_class");
  if (Status s = r.u8(&code, "confirmed_service_error.code"); !s) return s;
  if (Status s = r.expect_end("confirmed_service_error"); !s) return s;
  *out = ConfirmedServiceError{static_cast<ConfirmedService>(service), static_cast<ErrorClass>(error_class), code};
  return Status::ok();
}

void encode_confirmed_service_error(AxdrWriter& w, const ConfirmedServiceError& e) {
  w.u8(apdu_tag::kConfirmedServiceError);
  w.u8(static_cast<std::uint8_t>(e.service));
  w.u8(static_cast<std::uint8_t>(e.error_class));
  w.u8(e.code);
}

}  // namespace quadra::dlms
