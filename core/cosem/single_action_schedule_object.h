// Single action schedules (class 22, version 0).
//
// 0.0.15.0.0.255: the end of billing period, over
// the meter's monthly billing schedule (BillingSettings: day 1..28 at hour:minute local time).
//
//   2 executed_script  structure { script_logical_name: octet-string(6) = 0.0.10.0.1.255,
//                      script_selector: long-unsigned = 1 }                        read
//   3 type             enum: 1 (one execution time, wildcards in the date allowed)  read
//   4 execution_time   array of structure { time: octet-string(4), date: octet-string(5) } read, write
//                      the schedule as one entry: time hh:mm:00, date FFFF FF dd FF (every month
//                      on day dd); an empty array = no schedule.
// A write takes an empty array, or one entry whose date is every month on day 1..28 (year, month
// and weekday not specified) and whose time is a whole minute (second 0 or not specified,
// hundredths 0 or not specified); anything else is other-reason (a wrong shape type-unmatched),
// and the schedule stays. The change goes through Meter::set_billing_schedule (event 47, stored).
//
// 0.0.15.0.3.255: output control, over the meter's daily output schedule (MeterSettings::
// OutputSchedule; Meter::set_output_schedule, event 47, stored):
//   2 executed_script  structure { script_logical_name = 0.0.10.0.103.255, script_selector 1..4 }
//                      read, write (another script table or selector: other-reason)
//   3 type             enum: 1                                                      read
//   4 execution_time   as above, the date every day (FFFF FF FF FF); an empty array = no
//                      schedule. A date that is not every day is other-reason.
//
// 0.0.15.0.2.255: image activation, over the Image transfer object's activation time
// (image_transfer_object.h; kept in the image store's record):
//   2 executed_script  structure { script_logical_name = 0.0.10.0.107.255, script_selector 1 } read
//   3 type             enum: 1                                                      read
//   4 execution_time   one entry, a date and time of local time (year, month and day given; the
//                      weekday any; second not specified read as 0; hundredths 0 or not specified),
//                      or an empty array (no activation scheduled)                 read, write
//                      Anything else is other-reason (a wrong shape type-unmatched). At that time
//                      the meter activates the verified image (ImageTransferObject::poll); the time
//                      is then cleared. A write is logged as event 47.
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class ImageTransferObject;

class SingleActionScheduleObject final : public CosemObject {
 public:
  enum class Kind : std::uint8_t { kEndOfBilling, kOutputControl, kImageActivation };
  // The image activation schedule, over the Image transfer object (which outlives it).
  SingleActionScheduleObject(meter::Meter& m, ImageTransferObject& image)
      : CosemObject(22, 0, meter::Obis(0, 0, 15, 0, 2)), meter_(m), kind_(Kind::kImageActivation), image_(&image) {}
  explicit SingleActionScheduleObject(meter::Meter& m, Kind kind = Kind::kEndOfBilling)
      : CosemObject(22, 0, meter::Obis(0, 0, 15, 0, kind == Kind::kEndOfBilling ? 0 : 3)), meter_(m), kind_(kind) {}
  std::uint8_t attribute_count() const override { return 4; }
  bool writable(std::uint8_t attribute) const override {
    return attribute == 4 || (attribute == 2 && kind_ == Kind::kOutputControl);
  }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  DataAccessResult get_image_activation(std::uint8_t attribute, AxdrWriter& out);
  DataAccessResult set_image_activation(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx);
  DataAccessResult set_output_control(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx);
  meter::Meter& meter_;
  Kind kind_;
  ImageTransferObject* image_ = nullptr;
};

}  // namespace quadra::cosem
