// The value objects of the meter, each reading the Meter by its OBIS code at request time:
//   Data (class 1)                 counters, codes, the error and alarm registers; or fixed text
//   Register (class 3)             energies, instantaneous values, losses, excess power
//   Extended register (class 4)    maximum demand, with its capture time
//   Demand register (class 5)      current and last average demand of one quantity
// Types and scalers: value_format.h. None of them is writable here (the alarm filter and the
// thresholds are writable with their own objects, the error and alarm registers' reset is
// status_register_object.h).
#pragma once

#include <array>
#include <cstddef>

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class MeterDataObject final : public CosemObject {
 public:
  MeterDataObject(const meter::Meter& m, const meter::Obis& obis) : CosemObject(1, 0, obis), meter_(m) {}
  std::uint8_t attribute_count() const override { return 2; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const meter::Meter& meter_;
};

// A Data object with a fixed octet-string or visible-string value (identification, names).
class TextDataObject final : public CosemObject {
 public:
  static constexpr std::size_t kMaxText = 48;
  // Precondition: text.size() <= kMaxText.
  TextDataObject(const meter::Obis& obis, std::string_view text, bool visible_string);
  std::uint8_t attribute_count() const override { return 2; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  std::array<char, kMaxText> text_{};
  std::size_t size_ = 0;
  bool visible_;
};

// A Data object whose double-long-unsigned value comes from a function (values the DLMS layer
// keeps: the invocation counter a client is expected to use next).
class FunctionDataObject final : public CosemObject {
 public:
  using Read = std::uint32_t (*)(const void* context);
  FunctionDataObject(const meter::Obis& obis, Read read, const void* context)
      : CosemObject(1, 0, obis), read_(read), context_(context) {}
  std::uint8_t attribute_count() const override { return 2; }

 protected:
  DataAccessResult get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                 const RequestContext&) override {
    out.double_long_unsigned(read_(context_));
    return DataAccessResult::kSuccess;
  }

 private:
  Read read_;
  const void* context_;
};

class RegisterObject final : public CosemObject {
 public:
  RegisterObject(const meter::Meter& m, const meter::Obis& obis) : CosemObject(3, 0, obis), meter_(m) {}
  std::uint8_t attribute_count() const override { return 3; }
  std::uint8_t method_count() const override { return 1; }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const meter::Meter& meter_;
};

class ExtendedRegisterObject final : public CosemObject {
 public:
  ExtendedRegisterObject(const meter::Meter& m, const meter::Obis& obis) : CosemObject(4, 0, obis), meter_(m) {}
  std::uint8_t attribute_count() const override { return 5; }
  std::uint8_t method_count() const override { return 1; }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const meter::Meter& meter_;
};

// For 1.0.C.4.0 and 1.0.C.5.0 (the same demand register seen from either code).
class DemandRegisterObject final : public CosemObject {
 public:
  DemandRegisterObject(const meter::Meter& m, const meter::Obis& obis) : CosemObject(5, 0, obis), meter_(m) {}
  std::uint8_t attribute_count() const override { return 9; }
  std::uint8_t method_count() const override { return 2; }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const meter::Meter& meter_;
};

}  // namespace quadra::cosem
