// The meter's two status words as Data objects (class 1) a head end can reset:
//   0.0.97.97.0.255 error register  (bit 0: non-volatile memory error; F.F on the readout)
//   0.0.97.98.0.255 alarm register  (a bit per alarm, recording/default_alarms.h)
//
//   2 value  double-long-unsigned  read; write: the management client (association.h)
//
// A write is a reset, as IDIS and DSMR head ends do it (they write 0 to clear every bit): the
// written value is the register as it should be afterwards, so it may only drop bits. Bits it
// keeps stay set, bits it clears are cleared, and a bit the register does not have is refused
// (other-reason; nothing changes: a write cannot raise an alarm or an error). Clearing at least
// one bit logs "error register cleared" (10) or "alarm register cleared" (11) in the standard
// log; writing the value the register already has changes nothing and logs nothing. A cleared
// alarm bit is raised and pushed again by the next event that maps to it.
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class StatusRegisterObject final : public CosemObject {
 public:
  // Precondition: obis is 0.0.97.97.0.255 or 0.0.97.98.0.255.
  StatusRegisterObject(meter::Meter& m, const meter::Obis& obis) : CosemObject(1, 0, obis), meter_(m) {}
  std::uint8_t attribute_count() const override { return 2; }
  bool writable(std::uint8_t attribute) const override { return attribute == 2; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  bool is_alarm_register() const { return logical_name() == meter::Obis(0, 0, 97, 98, 0); }
  std::uint32_t current() const;

  meter::Meter& meter_;
};

}  // namespace quadra::cosem
