// The meter's DLMS/COSEM server on the host: the COSEM directory over the running Meter, the
// configured associations, and one association context (association::ServerSession) per
// connection of a port. Sessions run on the meter's loop (the ports are polled there), at the
// meter time the loop has reached.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "core/association/server_session.h"
#include "core/cosem/directory.h"
#include "core/io/readout_list.h"
#include "core/io/port_settings.h"
#include "host/cli/meta_store.h"
#include "host/ports/apdu_session.h"

namespace quadra::host {

// The built-in associations: public client SAP 16 (no security), the reading client SAP 17 with
// the LLS password below, and the management client SAP 1 with HLS-GMAC and authenticated
// encryption (security suite 0) under the keys below. All are test values (the DLMS UA Green
// Book's example keys; the master key is RFC 3394's example KEK), documented in the README;
// `quadra run` warns while they are in use. The management client replaces the keys with the
// Security setup's key_transfer (0.0.43.0.0.255, method 2); with a store they persist.
inline constexpr const char* kDefaultLlsPassword = "12345678";
inline constexpr std::array<std::uint8_t, 16> kDefaultEncryptionKey{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                                                    0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F};
inline constexpr std::array<std::uint8_t, 16> kDefaultAuthenticationKey{0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7,
                                                                        0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF};

inline constexpr std::array<std::uint8_t, 16> kDefaultMasterKey{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                                                0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F};

// Where the security material persists (the store's meta table): read once by
// attach_security_store(), written on every change.
using SecurityStore = MetaStore;

class DlmsService final : public ports::ApduSessionFactory {
 public:
  // now_s: the meter time the run loop has reached (read at every request). first_counter: the
  // invocation counter the meter starts sending with (never one it used before: the caller
  // reserves counters in non-volatile memory, see counters_used()).
  // ports: the ports' settings, shown and changed by the port setup objects (absent when null);
  // it outlives the service. Its readout list is served (writable) as 0.0.21.0.0.255, filled with
  // the built-in list (io::default_readout_config) when empty; without ports the built-in list is
  // served read-only.
  // image_store: the firmware image area, for the Image transfer 0.0.44.0.0.255 and its
  // activation (absent when null); it outlives the service.
  DlmsService(meter::Meter& meter, const std::string& serial_number, const double& now_s,
              std::uint32_t first_counter = 1, io::PortSettings* ports = nullptr,
              cosem::ImageStore* image_store = nullptr);
  // The next invocation counter the meter will send with.
  std::uint32_t next_invocation_counter() const { return security_.next_invocation_counter; }
  const security::SystemTitle& system_title() const { return security_.server_title; }
  // The meter's keys, policy and counters (for whatever else ciphers for the meter).
  association::SecurityMaterial& security_material() { return security_; }
  // Restores the keys, the security policy and the clients' last invocation counters from the
  // store, and keeps them there from now on. Throws std::runtime_error for a stored value that
  // does not read (naming its key).
  void attach_security_store(SecurityStore store);
  // Which of the keys still have their built-in test value ("global unicast encryption key",
  // "authentication key", "master key"); empty when none.
  std::vector<std::string> default_keys() const;
  std::unique_ptr<ports::ApduSession> open(const std::string& peer) override;
  const cosem::Directory& directory() const { return *directory_; }
  // For the modules beside the server (push setups, the communication module): objects added to
  // the directory at start-up, pushes protected with the meter's keys and invocation counter.
  cosem::Directory& directory() { return *directory_; }
  association::SecurityMaterial& security() { return security_; }

 private:
  class Session;
  // Logs every change of the security material and writes it to the store, if one is attached.
  void install_security_hooks();
  meter::Meter& meter_;
  const double& now_s_;
  std::string serial_;
  std::array<cosem::AssociationConfig, 3> associations_;
  association::SecurityMaterial security_;
  io::ReadoutConfig readout_ = io::default_readout_config();  // the built-in readout list
  association::SecuritySetupBinding security_setup_{security_};
  SecurityStore store_;
  std::array<std::uint8_t, 32> firmware_signature_{};  // 1.0.0.2.8.255: SHA-256 of the executable
  std::unique_ptr<cosem::Directory> directory_;
  association::AuthGuard guard_;
};

}  // namespace quadra::host
