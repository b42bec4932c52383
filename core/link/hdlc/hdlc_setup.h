// An HDLC channel's settings (io::HdlcSetup, IEC HDLC setup, interface class 23) as a server
// station configuration: how a port builds its station from what the COSEM object shows.
#pragma once

#include "core/common/status.h"
#include "core/io/port_settings.h"
#include "core/link/hdlc/hdlc_station.h"

namespace quadra::hdlc {

// kInvalidArgument with the attribute at fault ("hdlc_setup.window_size_transmit", ...) when a
// value is outside the Blue Book's range (windows: this implementation's 1..7).
Status validate(const io::HdlcSetup& setup);

// Maxima from attributes 3..6, time-outs from 7 and 8, the physical address from 9.
// Precondition: validate(setup) is ok.
StationConfig station_config(const io::HdlcSetup& setup);

}  // namespace quadra::hdlc
