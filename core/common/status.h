// Errors as values for the portable core: no exceptions, no heap. A Status names the field it
// concerns and why it was refused, both as static strings, so that the host can print a precise
// message ("metrology.sample_rate_hz: must be at least 100 samples per nominal cycle").
#pragma once

#include <cstdint>

namespace quadra {

enum class StatusCode : std::uint8_t {
  kOk = 0,
  kInvalidArgument,  // a configuration value or input out of its documented range
  kOutOfRange,       // a request beyond what exists (entry number, time range)
  kCorruption,       // stored or received data fails its checks
  kCapacity,         // a fixed capacity decided at start-up would be exceeded
  kNotSupported,
};

class [[nodiscard]] Status {
 public:
  constexpr Status() = default;
  static constexpr Status ok() { return Status(); }
  static constexpr Status invalid(const char* field, const char* reason) {
    return Status(StatusCode::kInvalidArgument, field, reason);
  }
  static constexpr Status error(StatusCode code, const char* field, const char* reason) {
    return Status(code, field, reason);
  }

  constexpr bool is_ok() const { return code_ == StatusCode::kOk; }
  constexpr explicit operator bool() const { return is_ok(); }
  constexpr StatusCode code() const { return code_; }
  // Both are static strings and never null.
  constexpr const char* field() const { return field_; }
  constexpr const char* reason() const { return reason_; }

 private:
  constexpr Status(StatusCode code, const char* field, const char* reason)
      : code_(code), field_(field), reason_(reason) {}
  StatusCode code_ = StatusCode::kOk;
  const char* field_ = "";
  const char* reason_ = "";
};

}  // namespace quadra
