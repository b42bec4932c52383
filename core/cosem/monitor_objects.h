// The meter's monitoring and setting objects, each a view over the Meter:
//   Register monitor (class 21, v0)  0.0.16.0.0.255, 0.0.16.1.0.255: thresholds (2),
//                                    monitored_value (3), actions (4); all writable.
//   Limiter (class 71, v0)           0.0.17.0.0.255: attributes 2..11 (Blue Book 4.5.9), all
//                                    writable but threshold_active (3) and
//                                    emergency_profile_active (10), which the meter computes.
//   Parameter (class 3 or 1)         the writable thresholds and limits of meter_parameters.h.
// A write goes through the Meter, which checks it (a value it refuses is kOtherReason, a value
// of the wrong shape kTypeUnmatched), applies it from the next interval on and logs a
// configuration change. Thresholds travel in the type and scaler of the watched register
// (value_format.h): a threshold of the power 1.0.1.7.0 is a double-long-unsigned in W at the
// configured power scaler.
#pragma once

#include <cstddef>

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class RegisterMonitorObject final : public CosemObject {
 public:
  // Precondition: k < meter::kRegisterMonitorCount.
  RegisterMonitorObject(meter::Meter& m, std::size_t k)
      : CosemObject(21, 0, meter::kRegisterMonitorObis[k]), meter_(m), k_(k) {}
  std::uint8_t attribute_count() const override { return 4; }
  bool writable(std::uint8_t attribute) const override { return attribute >= 2 && attribute <= 4; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  meter::Meter& meter_;
  std::size_t k_;
};

class LimiterObject final : public CosemObject {
 public:
  explicit LimiterObject(meter::Meter& m) : CosemObject(71, 0, meter::kLimiterObis), meter_(m) {}
  std::uint8_t attribute_count() const override { return 11; }
  bool writable(std::uint8_t attribute) const override {
    return attribute >= 2 && attribute <= 11 && attribute != 3 && attribute != 10;
  }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  meter::Meter& meter_;
};

// A writable parameter: class 3 (value, scaler_unit; reset refused) or class 1 (the alarm filter).
class ParameterObject final : public CosemObject {
 public:
  ParameterObject(meter::Meter& m, const meter::Obis& obis, std::uint16_t class_id)
      : CosemObject(class_id, 0, obis), meter_(m) {}
  std::uint8_t attribute_count() const override { return class_id() == 1 ? 2 : 3; }
  std::uint8_t method_count() const override { return class_id() == 1 ? 0 : 1; }
  bool writable(std::uint8_t attribute) const override { return attribute == 2; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;
  ActionResult action(std::uint8_t, std::span<const std::uint8_t>, AxdrWriter&, bool& has_data,
                      const RequestContext&) override {
    has_data = false;
    return ActionResult::kReadWriteDenied;
  }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  meter::Meter& meter_;
};

// A Data object whose value is a COSEM date, time or date-time of the meter:
//   1.0.0.9.1.255 local time (time, 4 octets), 1.0.0.9.2.255 local date (date, 5 octets),
//   0.0.96.2.1.255 date of the last configuration change, 1.0.0.1.2.255 time stamp of the most
//   recent billing period (date-time, 12 octets; all "not specified" before the first).
// All as octet-strings, as the Blue Book's Data objects carry them.
class TimeDataObject final : public CosemObject {
 public:
  TimeDataObject(const meter::Meter& m, const meter::Obis& obis) : CosemObject(1, 0, obis), meter_(m) {}
  std::uint8_t attribute_count() const override { return 2; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const meter::Meter& meter_;
};

}  // namespace quadra::cosem
