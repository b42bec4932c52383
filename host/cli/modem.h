// The exchangeable communication module on the host: a second DLMS/COSEM TCP wrapper port (the
// modem's side of the meter, served by the same DLMS server as the wrapper port) and the module's
// setup objects TCP-UDP setup, IPv4 setup and GPRS modem setup (core/cosem/modem_objects.h) in the
// server's directory. remove() closes the port (its TCP port stops accepting, open connections are
// closed) and insert() opens it again; both are logged in the communication log (247 / 248).
// Polled from the meter's loop like the wrapper port.
//
// The management client writes the module's settings (modem_objects.h); they apply at the next
// insertion: the port then listens on the TCP-UDP setup's port at the IPv4 setup's IP_address,
// with its nb_of_sim_conn and inactivity_time_out. With a store, what was written persists in its
// meta as "modem_setup" (JSON: tcp_port, max_connections, inactivity_time_out, ip_address,
// subnet_mask, gateway, use_dhcp, primary_dns, secondary_dns, apn, pin_code, default_qos,
// requested_qos), written after each write and restored at start over the configuration's values
// and the --modem port; a stored value that does not pass the objects' checks stops the start
// (std::runtime_error naming the key). The IPv4 setup's subnet_mask, gateway, DHCP flag and DNS
// addresses describe the module's network: kept and read back, never applied to the host.
#pragma once

#include <memory>
#include <string>

#include "core/cosem/modem_objects.h"
#include "host/cli/dlms_service.h"
#include "host/cli/meta_store.h"
#include "host/ports/wrapper_port.h"

namespace quadra::host {

class Modem {
 public:
  // Adds the setup objects and opens the port (inserted). A port that cannot be opened (address in
  // use, say) is logged and leaves the module removed: the meter runs on without it.
  Modem(meter::Meter& meter, DlmsService& dlms, const cosem::ModemSettings& settings,
        const ports::WrapperPortOptions& port, MetaStore store = {});
  void remove(double now_s);
  void insert(double now_s);
  bool present() const { return port_ != nullptr; }
  // Serves the port and stores settings written since the last call.
  void poll();
  const cosem::ModemSettings& settings() const { return settings_; }
  // "address:port" while present.
  std::string local_endpoint() const { return port_ ? port_->local_endpoint() : std::string(); }

 private:
  bool open();
  void restore();
  // The listener's options from the settings in force.
  void apply();
  meter::Meter& meter_;
  DlmsService& dlms_;
  cosem::ModemSettings settings_;
  ports::WrapperPortOptions options_;
  std::unique_ptr<ports::WrapperPort> port_;
  MetaStore store_;
  std::uint32_t stored_ = 0;  // the settings' generation last stored
  std::uint32_t configured_ip_ = 0;  // IP_address before any write: not where the host listens
};

}  // namespace quadra::host
