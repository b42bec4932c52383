// The ports' settings (core/io/port_settings.h) as the management client writes them through the
// port setup objects, carried over a restart in the store's meta. Each object written over DLMS
// (its generation moved) is stored under its own key, as JSON of its writable attributes:
//   "port_setup 0.B.22.0.0.255"  IEC HDLC setup of channel B: {"comm_speed", "window_size_transmit",
//                                "window_size_receive", "max_info_field_length_transmit",
//                                "max_info_field_length_receive", "inter_octet_time_out",
//                                "inactivity_time_out", "device_address"} (enum / numbers, ms, s)
//   "port_setup 0.0.20.0.0.255"  IEC local port setup of the optical port: {"prop_baud",
//                                "device_addr"}
//   "readout_list 0.0.21.0.0.255" the optical port's readout list (its capture_objects): a JSON
//                                array of OBIS codes "A.B.C.D.E.F", 1..64 of them
// An object never written keeps the configuration's values. Restored values pass the same range
// checks as a SET (the readout list's items against `meter` when given: each one the optical port
// can show); one that does not stops the start (std::runtime_error naming its key).
#pragma once

#include <array>
#include <cstdint>

#include "core/io/port_settings.h"
#include "core/meter/meter.h"
#include "host/cli/meta_store.h"

namespace quadra::host {

class PortSettingsStore {
 public:
  // Restores what the store holds into `settings` (which outlives this); throws as said above.
  PortSettingsStore(io::PortSettings& settings, MetaStore store, const meter::Meter* meter = nullptr);
  // Writes each object whose settings changed since the last call (from the meter's loop).
  void poll();

 private:
  io::PortSettings& settings_;
  MetaStore store_;
  std::array<std::uint32_t, 4> hdlc_stored_{};
  std::uint32_t optical_stored_ = 0;
  std::uint32_t readout_stored_ = 0;
};

}  // namespace quadra::host
