// Register activation (class 6, version 0): which registers count in which tariff.
//   0.0.14.0.0.255  energy: the meter's tariff energy registers 1.0.C.8.1..6 (every quantity and
//                   element), masks "T1".."T6" = the registers of tariff n;
//   0.0.14.0.1.255  demand: maximum and cumulative maximum demand 1.0.C.6.1..6 / 1.0.C.2.1..6 and
//                   the excess-power registers 1.0.1.36..38.1..6, the same masks.
//
//   2 register_assignment  array of structure { class_id: long-unsigned, logical_name: octet-string(6) } read
//   3 mask_list            array of structure { mask_name: octet-string, index_list: array of unsigned } read
//   4 active_mask          octet-string: "Tn", n the tariff in force                            read
//   methods 1 add_register, 2 add_mask, 3 delete_mask: refused (read-write-denied, and no client
//   has the right to call them): the meter's registers and their tariffs are fixed by its design,
//   one register per quantity, element and tariff. The active mask changes with the calendar and
//   the tariffication scripts (0.0.10.0.100.255), whose actions write it; a client does not.
//
// Also the Data object 0.0.96.14.0.255, the currently active energy tariff (unsigned 1..6).
#pragma once

#include <cstdint>
#include <vector>

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class RegisterActivationObject final : public CosemObject {
 public:
  enum class Kind : std::uint8_t { kEnergy, kDemand };
  // Lists the meter's registers of that kind once (at most 255: index_list entries are unsigned).
  RegisterActivationObject(const meter::Meter& m, Kind kind);
  std::uint8_t attribute_count() const override { return 4; }
  std::uint8_t method_count() const override { return 3; }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  struct Assigned {
    std::uint16_t class_id;
    meter::Obis ln;
  };
  const meter::Meter& meter_;
  std::vector<Assigned> registers_;
};

class CurrentTariffObject final : public CosemObject {
 public:
  explicit CurrentTariffObject(const meter::Meter& m) : CosemObject(1, 0, meter::Obis(0, 0, 96, 14, 0)), meter_(m) {}
  std::uint8_t attribute_count() const override { return 2; }

 protected:
  DataAccessResult get_attribute(std::uint8_t, const dlms::SelectiveAccess&, AxdrWriter& out,
                                 const RequestContext&) override {
    out.unsigned8(static_cast<std::uint8_t>(meter_.tariff()));
    return DataAccessResult::kSuccess;
  }

 private:
  const meter::Meter& meter_;
};

// "T1".."T6", the mask of tariff n (1..6), as its two octets.
std::array<std::uint8_t, 2> tariff_mask_name(unsigned tariff);

}  // namespace quadra::cosem
