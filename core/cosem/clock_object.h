// The Clock (class 8, version 0, 0.0.1.0.0.255) over the meter's RTC. Attribute 2 (time) is
// writable and every method runs: 1 adjust_to_quarter, 2 adjust_to_measuring_period (the demand
// period), 3 adjust_to_minute, 4 adjust_to_preset_time, 5 preset_adjusting_time, 6 shift_time
// (-900..900 s). Each goes through the Meter, so the demand registers, billing schedule, logs (4/5)
// and profiles follow. A refused adjustment (no preset, clock outside the validity interval, shift
// out of range) answers other-reason and changes nothing. The time zone and DST attributes are
// read-only here (they come from the configuration).
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class ClockObject final : public CosemObject {
 public:
  explicit ClockObject(meter::Meter& m) : CosemObject(8, 0, meter::Obis(0, 0, 1, 0, 0)), meter_(m) {}
  std::uint8_t attribute_count() const override { return 9; }
  std::uint8_t method_count() const override { return 6; }
  bool writable(std::uint8_t attribute) const override { return attribute == 2; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  meter::Meter& meter_;
};

}  // namespace quadra::cosem
