// The exchangeable communication module on the host: a second DLMS/COSEM TCP wrapper port (the
// modem's side of the meter, served by the same DLMS server as the wrapper port) and the module's
// setup objects TCP-UDP setup, IPv4 setup and GPRS modem setup (core/cosem/modem_objects.h) in the
// server's directory. remove() closes the port (its TCP port stops accepting, open connections are
// closed) and insert() opens it again; both are logged in the communication log (247 / 248).
// Polled from the meter's loop like the wrapper port.
#pragma once

#include <memory>
#include <string>

#include "core/cosem/modem_objects.h"
#include "host/cli/dlms_service.h"
#include "host/ports/wrapper_port.h"

namespace quadra::host {

class Modem {
 public:
  // Adds the setup objects and opens the port (inserted). A port that cannot be opened (address in
  // use, say) is logged and leaves the module removed: the meter runs on without it.
  Modem(meter::Meter& meter, DlmsService& dlms, const cosem::ModemSettings& settings,
        const ports::WrapperPortOptions& port);
  void remove(double now_s);
  void insert(double now_s);
  bool present() const { return port_ != nullptr; }
  void poll() {
    if (port_) port_->poll();
  }
  // "address:port" while present.
  std::string local_endpoint() const { return port_ ? port_->local_endpoint() : std::string(); }

 private:
  bool open();
  meter::Meter& meter_;
  DlmsService& dlms_;
  cosem::ModemSettings settings_;
  ports::WrapperPortOptions options_;
  std::unique_ptr<ports::WrapperPort> port_;
};

}  // namespace quadra::host
