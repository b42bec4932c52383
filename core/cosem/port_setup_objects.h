// The communication port setup objects over the ports' live settings (core/io/port_settings.h):
//
//   IEC local port setup, interface class 19 version 1 (Blue Book 4.7.1)
//     0.0.20.0.0.255  the optical port       0.0.20.0.1.255  the electrical (serial) ports
//     2 default_mode enum, 3 default_baud enum, 4 prop_baud enum, 5 response_time enum,
//     6 device_addr octet-string, 7 pass_p1, 8 pass_p2, 9 pass_w5 octet-string
//   IEC HDLC setup, interface class 23 version 1 (Blue Book 4.7.2)
//     0.B.22.0.0.255, B = the channel: 0 optical (mode E), 1 serial 1, 2 serial 2, 3 HDLC on TCP
//     2 comm_speed enum, 3 window_size_transmit unsigned, 4 window_size_receive unsigned,
//     5 max_info_field_length_transmit long-unsigned, 6 max_info_field_length_receive
//     long-unsigned, 7 inter_octet_time_out long-unsigned (ms), 8 inactivity_time_out
//     long-unsigned (s), 9 device_address long-unsigned
//
// Writable (by the management client, association.cc): IC 23 attributes 2..9, each checked
// against the Blue Book's range; IC 19 of the optical port: prop_baud (300..19200 Bd, the mode C
// rates the engine offers) and device_addr. response_time stays 200 ms (the engine's reaction
// time is 200..1500 ms; 20 ms would need another manufacturer id). A write that is accepted bumps the
// settings' generation (the port applies it at its next connection, or when idle) and is logged
// as "parameters changed" (event 47) naming the object. The passwords are never read out (read
// denied); the programming password is set in the configuration only, P2 and W5 are not used.
// The electrical ports' local port setup says default_mode 1 (HDLC at once): its other
// attributes do not apply and are read-only (the serial ports' settings are their HDLC setups).
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/io/port_settings.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

class LocalPortSetupObject final : public CosemObject {
 public:
  // `settings` and `meter` outlive the object.
  LocalPortSetupObject(const meter::Obis& ln, io::LocalPortSetup& settings, meter::Meter& meter)
      : CosemObject(19, 1, ln), settings_(settings), meter_(meter) {}
  std::uint8_t attribute_count() const override { return 9; }
  bool writable(std::uint8_t attribute) const override;
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  io::LocalPortSetup& settings_;
  meter::Meter& meter_;
};

class HdlcSetupObject final : public CosemObject {
 public:
  HdlcSetupObject(const meter::Obis& ln, io::HdlcSetup& settings, meter::Meter& meter)
      : CosemObject(23, 1, ln), settings_(settings), meter_(meter) {}
  std::uint8_t attribute_count() const override { return 9; }
  bool writable(std::uint8_t attribute) const override { return attribute >= 2 && attribute <= 9; }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  io::HdlcSetup& settings_;
  meter::Meter& meter_;
};

// The Blue Book's ranges of the IC 23 attributes (windows: 1..7, this implementation's modulo 8).
bool hdlc_setup_in_range(const io::HdlcSetup& s);
// What a write may leave in the IC 19 attributes that are writable: prop_baud 300..19200 Bd,
// device_addr of IEC 62056-21 characters (0-9 A-Z a-z space), at most kMaxDeviceAddress.
bool local_port_setup_in_range(const io::LocalPortSetup& s);

}  // namespace quadra::cosem
