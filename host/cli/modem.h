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
// addresses describe the module's network: kept and read back, never applied to the host. The
// Auto connect's settings persist the same way as "auto_connect" (JSON: mode, repetitions,
// repetition_delay, calling_window as [[start hex, end hex], ...] of 12-octet date-times,
// destination_list).
//
// The module's radio side is a simulated network, its values the configuration's [modem] keys
// (host/config/meter_config.h): while the module is in, GSM diagnostic 0.0.25.6.0.255 and LTE
// monitoring 0.0.25.11.0.255 show them, with capture_time the meter's clock when the module last
// registered (its insertion, or the start); while it is out they show no registration (status 0
// not registered, no operator, packet switching inactive, cell and signal not known, no adjacent
// cells, LTE parameters 0), capture_time still the last registration's.
// The Auto connect 0.0.2.1.0.255 dials out from the module's port (host/cli/auto_connect.h).
#pragma once

#include <memory>
#include <string>

#include "core/cosem/modem_objects.h"
#include "core/cosem/radio_objects.h"
#include "core/push/auto_connect.h"
#include "host/cli/auto_connect.h"
#include "host/cli/dlms_service.h"
#include "host/cli/meta_store.h"
#include "host/config/meter_config.h"
#include "host/ports/wrapper_port.h"

namespace quadra::host {

class Modem {
 public:
  // Adds the setup objects and opens the port (inserted). A port that cannot be opened (address in
  // use, say) is logged and leaves the module removed: the meter runs on without it.
  // `radio`: the simulated network as the module sees it once registered; `auto_connect`: the
  // Auto connect's settings at the first start (a store's override them).
  Modem(meter::Meter& meter, DlmsService& dlms, const cosem::ModemSettings& settings,
        const ports::WrapperPortOptions& port, MetaStore store = {},
        const cosem::RadioNetwork& radio = MeterConfig::default_radio_network(),
        const push::AutoConnectSettings& auto_connect = MeterConfig::default_auto_connect());
  void remove(double now_s);
  void insert(double now_s);
  bool present() const { return port_ != nullptr; }
  // Serves the port, carries out the Auto connect at meter time `now_s` and stores settings
  // written since the last call.
  void poll(double now_s);
  const cosem::ModemSettings& settings() const { return settings_; }
  const cosem::RadioNetwork& radio() const { return radio_; }
  const push::AutoConnectSettings& auto_connect() const { return auto_connect_; }
  bool auto_connected() const { return connector_.connected(); }
  // "address:port" while present.
  std::string local_endpoint() const { return port_ ? port_->local_endpoint() : std::string(); }

 private:
  bool open();
  void restore();
  void restore_auto_connect();
  void store_auto_connect();
  // The network the objects show: registered (as configured, capture_time now) or not.
  void register_at(double now_s);
  void deregister();
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
  cosem::RadioNetwork configured_radio_;
  cosem::RadioNetwork radio_;
  bool registration_due_ = false;  // inserted at start: registered at the first poll
  bool present_ = false;           // what the Auto connect's connect method sees
  push::AutoConnectSettings auto_connect_;
  std::uint32_t auto_connect_stored_ = 0;
  AutoConnector connector_;
};

}  // namespace quadra::host
