// The meter's optical port on Linux: a pseudo-terminal (pty.h) served by the IEC 62056-21 engine
// (core/link/iec62056_21) with the meter's readout list (core/io/readout_list.h).
//
// Single-threaded by design: the run loop calls service(now_ms) on every iteration, in the same
// thread that feeds the meter, so the readout reads the meter's registers between intervals and
// nothing else touches the meter. service() never blocks: it reads what the client wrote from the
// non-blocking master, feeds the engine, polls it, and writes every output that is due.
//
// Line settings: a baud-rate or format switch (kSetLine) has no effect on a pty; it is logged at
// debug level. Mode E: once the engine has acknowledged "ACK 2 Z 2" (kEnterHdlc), the port's
// bytes go to an HDLC link (hdlc_link.h) with its own DLMS session, until that link ends: a DISC
// (after the UA is written), the link's inactivity time-out, or, when no SNRM ever comes, no byte
// for the HDLC setup's inactivity_time_out (120 s when that is 0). Then the engine returns to
// mode C at 300 Bd (return_from_hdlc). Without a DLMS server (options.dlms null) the port logs
// that HDLC is not served and returns at once.
//
// now_ms is a monotonic wall-clock time in milliseconds: the protocol's reaction time and
// time-outs concern the client on the other end, not the meter's simulated time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>
#include <string>

#include "core/io/readout_list.h"
#include "core/link/iec62056_21/engine.h"
#include "core/link/hdlc/hdlc_setup.h"
#include "core/meter/meter.h"
#include "host/ports/apdu_session.h"
#include "host/ports/hdlc_link.h"
#include "host/ports/pty.h"

namespace quadra::host::ports {

struct OpticalPortOptions {
  std::string link_path;  // a symbolic link to the pty's slave; empty: none
  iec62056_21::Config engine;     // its strings are copied by the engine
  io::ReadoutConfig readout = io::default_readout_config();  // strings copied by the readout
  // When set, the readout's items come from this list instead of readout.items, and follow its
  // changes (a write of 0.0.21.0.0.255): each readout uses the list as it is when the readout
  // starts. Outlives the port.
  const io::ReadoutList* readout_list = nullptr;
  // Mode E: the DLMS server and the optical HDLC channel's settings; both outlive the port.
  ApduSessionFactory* dlms = nullptr;
  const io::HdlcSetup* hdlc = nullptr;
  // The IEC local port setup (0.0.20.0.0.255): when set, its prop_baud and device_addr replace
  // engine.max_baud and engine.device_address, at start and after every change (applied while
  // no HDLC link runs). Outlives the port; engine's strings must then outlive it too.
  const io::LocalPortSetup* local = nullptr;
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
  // The mode E link, null before the first switch.
  const HdlcLink* hdlc_link() const { return link_.get(); }
  bool in_hdlc() const { return hdlc_active_; }

 private:
  void drain(std::uint64_t now_ms);
  void enter_hdlc(std::uint32_t baud, std::uint64_t now_ms);
  // Feeds the link; true when it has ended (the engine is then back in mode C).
  void service_hdlc(std::span<const std::uint8_t> bytes, std::uint64_t now_ms);
  void leave_hdlc(const char* why, std::uint64_t now_ms);
  void apply_local_setup();

  Pty pty_;
  io::MeterReadout readout_;
  const io::ReadoutList* readout_list_ = nullptr;
  iec62056_21::Engine engine_;
  std::uint32_t readouts_logged_ = 0;
  ApduSessionFactory* dlms_ = nullptr;
  const io::HdlcSetup* hdlc_setup_ = nullptr;
  std::unique_ptr<HdlcLink> link_;
  bool hdlc_active_ = false;  // the port's bytes go to link_
  bool link_was_connected_ = false;
  std::uint64_t hdlc_last_byte_ms_ = 0;
  std::vector<std::uint8_t> hdlc_out_;
  iec62056_21::Config engine_config_;
  const io::LocalPortSetup* local_ = nullptr;
  std::uint32_t local_generation_ = 0;
  bool applied_once_ = false;  // the start-up application is not logged
};

}  // namespace quadra::host::ports
