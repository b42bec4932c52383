// The meter's DLMS/COSEM server on the host: the COSEM directory over the running Meter, the
// configured associations, and one association context (association::ServerSession) per
// connection of a port. Sessions run on the meter's loop (the ports are polled there), at the
// meter time the loop has reached.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/association/server_session.h"
#include "core/cosem/directory.h"
#include "host/ports/apdu_session.h"

namespace quadra::host {

// The built-in associations: public client SAP 16 (no security) and the reading client SAP 17
// with the LLS password below. The password is a test value, documented in the README; `quadra
// run` warns while it is in use.
inline constexpr const char* kDefaultLlsPassword = "12345678";

class DlmsService final : public ports::ApduSessionFactory {
 public:
  // now_s: the meter time the run loop has reached (read at every request).
  DlmsService(meter::Meter& meter, const std::string& serial_number, const double& now_s);
  std::unique_ptr<ports::ApduSession> open(const std::string& peer) override;
  const cosem::Directory& directory() const { return *directory_; }

 private:
  class Session;
  meter::Meter& meter_;
  const double& now_s_;
  std::string serial_;
  std::array<cosem::AssociationConfig, 2> associations_;
  std::unique_ptr<cosem::Directory> directory_;
  association::AuthGuard guard_;
};

}  // namespace quadra::host
