// Script tables (class 9, version 0) whose scripts the meter runs:
//   0.0.10.0.100.255  tariffication: script n (1..6) activates tariff Tn. Its actions write "Tn"
//                     into active_mask (attribute 4) of both register activation objects
//                     0.0.14.0.0.255 and 0.0.14.0.1.255; the calendar's day profiles name these
//                     scripts by script_selector. Executed by a client, tariff n holds until the
//                     calendar's next boundary (Meter::execute_tariff_script), then the calendar rules.
//   0.0.10.0.1.255    MDI reset / end of billing period: script 1 captures the billing profile
//                     0.0.98.1.0.255 (its method 2), which is the meter's billing reset: the
//                     snapshot of the billing registers, then the maximum demand reset into the
//                     cumulative (Meter::billing_reset, trigger "command"; the schedule 0.0.15.0.0.255
//                     runs the same).
//   0.0.10.0.103.255  set output signals (the relays, Meter::run_output_script): script 1
//                     disconnects relay 1 and script 2 reconnects it (actions: methods 1 / 2 of
//                     the disconnect control 0.0.96.3.10.255); script 3 closes relay 2 and script
//                     4 opens it (actions: write attribute 2 of the output control signals
//                     0.0.96.3.2.255, parameter its relay 2 bit: 2 or 0; relay 1's bit is left
//                     as it is). Executed by a client, relay 1 takes the remote transitions;
//                     named by a monitor's or the limiter's action, the meter runs the script
//                     itself and relay 1 takes the local ones. A transition the disconnector's
//                     control mode refuses is temporary-failure.
//   0.0.10.0.107.255  image activation: script 1 activates the verified firmware image (action:
//                     method 4 image_activate of the Image transfer 0.0.44.0.0.255, parameter
//                     integer 0); refused (other-reason) as method 4 is (image_transfer_object.h).
//
//   2 scripts   array of structure { script_identifier: long-unsigned, actions: array of
//               structure { service_id: enum (1 write attribute, 2 execute method), class_id:
//               long-unsigned, logical_name: octet-string(6), index: integer, parameter: data } }  read
//   method 1 execute (script_identifier: long-unsigned)
// The scripts are the meter's own and fixed (attribute 2 is not writable). An identifier not in
// the table is other-reason, a parameter of another type type-unmatched.
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class ImageTransferObject;

class ScriptTableObject final : public CosemObject {
 public:
  enum class Kind : std::uint8_t { kTariffication, kBillingReset, kOutputSignals, kImageActivation };
  // Any kind but kImageActivation.
  ScriptTableObject(meter::Meter& m, Kind kind) : CosemObject(9, 0, obis_of(kind)), meter_(m), kind_(kind) {}
  // The image activation scripts, over the Image transfer object (which outlives the table).
  ScriptTableObject(meter::Meter& m, ImageTransferObject& image)
      : CosemObject(9, 0, obis_of(Kind::kImageActivation)), meter_(m), kind_(Kind::kImageActivation), image_(&image) {}
  std::uint8_t attribute_count() const override { return 2; }
  std::uint8_t method_count() const override { return 1; }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  static meter::Obis obis_of(Kind kind) {
    switch (kind) {
      case Kind::kTariffication: return meter::Obis(0, 0, 10, 0, 100);
      case Kind::kBillingReset: return meter::Obis(0, 0, 10, 0, 1);
      case Kind::kImageActivation: return meter::Obis(0, 0, 10, 0, 107);
      default: return meter::Obis(0, 0, 10, 0, 103);
    }
  }
  meter::Meter& meter_;
  Kind kind_;
  ImageTransferObject* image_ = nullptr;
};

}  // namespace quadra::cosem
