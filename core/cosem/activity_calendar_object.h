// The Activity calendar (class 20, version 0, 0.0.13.0.0.255) over the meter's ActivityCalendar
// (core/clock/activity_calendar.h): the tariff program the meter applies.
//
//   2 calendar_name_active            octet-string (at most 8 octets)                 read
//   3 season_profile_active           array of season                                 read
//   4 week_profile_table_active       array of week_profile                           read
//   5 day_profile_table_active        array of day_profile                            read
//   6..9 the same, passive                                                             read, write
//   10 activate_passive_calendar_time octet-string (12, a date-time; all FF = never)   read, write
//   method 1 activate_passive_calendar (integer 0)
//
//   season       structure { season_profile_name: octet-string, season_start: octet-string(12),
//                            week_name: octet-string }
//   week_profile structure { week_profile_name: octet-string, monday .. sunday: unsigned (day_id) }
//   day_profile  structure { day_id: unsigned, day_schedule: array of structure {
//                            start_time: octet-string(4), script_logical_name: octet-string(6),
//                            script_selector: long-unsigned } }
//
// A write of 6..9 replaces that table of the passive set through Meter::set_passive_calendar
// (checked on its own: 12 seasons, 12 weeks, 16 day profiles of 16 switches, names of 8 octets,
// selectors 1..6 of the tariffication script table 0.0.10.0.100.255); the references between the
// tables are checked on activation, which refuses (other-reason) a passive set that does not hold
// together and leaves the active one in force. A wrong shape is type-unmatched, a refused value
// other-reason; either way nothing changes.
#pragma once

#include "core/clock/activity_calendar.h"
#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class ActivityCalendarObject final : public CosemObject {
 public:
  explicit ActivityCalendarObject(meter::Meter& m) : CosemObject(20, 0, meter::Obis(0, 0, 13, 0, 0)), meter_(m) {}
  std::uint8_t attribute_count() const override { return 10; }
  std::uint8_t method_count() const override { return 1; }
  bool writable(std::uint8_t attribute) const override { return attribute >= 6 && attribute <= 10; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  meter::Meter& meter_;
  clock::CalendarSet scratch_;  // the passive set being written (here, not on a small stack)
};

}  // namespace quadra::cosem
