// Disconnect control (class 70, version 1, 0.0.96.3.10.255): the disconnector, relay 1 of the
// meter's two relay outputs (meter/relays.h holds the state machine).
//
//   2 output_state   boolean: TRUE when the relay is closed (control_state Connected)   read
//   3 control_state  enum: 0 disconnected, 1 connected, 2 ready_for_reconnection        read
//   4 control_mode   enum 0..6 (Blue Book table)                                         read, write
//   method 1 remote_disconnect (data: integer 0)
//   method 2 remote_reconnect  (data: integer 0)
// A method the control mode refuses is temporary-failure, as the Blue Book asks for a transition
// not allowed now (nothing changes); one with no transition from the present state (disconnect
// when already disconnected) is success and changes nothing. A control_mode above 6 is
// other-reason. Each change is logged (meter.h Meter::disconnector).
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class DisconnectControlObject final : public CosemObject {
 public:
  explicit DisconnectControlObject(meter::Meter& m) : CosemObject(70, 1, meter::Obis(0, 0, 96, 3, 10)), meter_(m) {}
  std::uint8_t attribute_count() const override { return 4; }
  std::uint8_t method_count() const override { return 2; }
  bool writable(std::uint8_t attribute) const override { return attribute == 4; }
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
