// The meter's optical port on Linux: a pseudo-terminal (pty.h) served by the IEC 62056-21 engine
// (core/link/iec62056_21) with the meter's readout list (core/io/readout_list.h).
//
// Single-threaded by design: the run loop calls service(now_ms) on every iteration, in the same
// thread that feeds the meter, so the readout reads the meter's registers between intervals and
// nothing else touches the meter. service() never blocks: it reads what the client wrote from the
// non-blocking master, feeds the engine, polls it, and writes every output that is due.
//
// Line settings: a baud-rate or format switch (kSetLine) has no effect on a pty; it is logged at
// debug level. Mode E: the DLMS/HDLC server does not exist yet, so after the engine has
// acknowledged "ACK 2 Z 2" the port logs that HDLC is not served and returns the engine to
// mode C at 300 Bd (return_from_hdlc), as after an HDLC link that ended at once.
//
// now_ms is a monotonic wall-clock time in milliseconds: the protocol's reaction time and
// time-outs concern the client on the other end, not the meter's simulated time.
#pragma once

#include <cstdint>
#include <string>

#include "core/io/readout_list.h"
#include "core/link/iec62056_21/engine.h"
#include "core/meter/meter.h"
#include "host/ports/pty.h"

namespace quadra::host::ports {

struct OpticalPortOptions {
  std::string link_path;  // a symbolic link to the pty's slave; empty: none
  iec62056_21::Config engine;     // its strings are copied by the engine
  io::ReadoutConfig readout = io::default_readout_config();  // strings copied by the readout
};

class OpticalPort {
 public:
  // Opens the pty and configures the engine; throws std::runtime_error (pty errors, a refused
  // engine or readout configuration, with the field and reason). `meter` must outlive the port.
  OpticalPort(const meter::Meter& meter, const OpticalPortOptions& options);

  void service(std::uint64_t now_ms);

  const std::string& slave_path() const { return pty_.slave_path(); }
  const std::string& link_path() const { return pty_.link_path(); }
  const iec62056_21::EngineStats& stats() const { return engine_.stats(); }

 private:
  void drain(std::uint64_t now_ms);

  Pty pty_;
  io::MeterReadout readout_;
  iec62056_21::Engine engine_;
  std::uint32_t readouts_logged_ = 0;
};

}  // namespace quadra::host::ports
