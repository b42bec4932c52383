// The Special days table (class 11, version 0, 0.0.11.0.0.255) over the meter's special days
// (core/clock/special_days.h): the dates on which the calendar takes another day profile.
//
//   2 entries   array of structure { index: long-unsigned, specialday_date: octet-string(5),
//               day_id: unsigned }                                           read
//   method 1 insert (entry: that structure)   replaces the entry with its index or its date
//   method 2 delete (index: long-unsigned)
//
// Both go through the Meter (checked, logged as event 47, kept in the store). Refusals: a wrong
// shape is type-unmatched; a date that is no supported pattern, a day_id that names no day profile
// of the active or passive calendar, a full table (64 entries) or an index not in the table is
// other-reason; nothing changes then.
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class SpecialDaysObject final : public CosemObject {
 public:
  explicit SpecialDaysObject(meter::Meter& m) : CosemObject(11, 0, meter::Obis(0, 0, 11, 0, 0)), meter_(m) {}
  std::uint8_t attribute_count() const override { return 2; }
  std::uint8_t method_count() const override { return 2; }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  meter::Meter& meter_;
};

}  // namespace quadra::cosem
