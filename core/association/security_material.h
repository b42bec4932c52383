// The meter's security suite 0 material (one set per meter, shared by its sessions and by whatever
// else ciphers for the meter, e.g. push): its system title, the global keys, the master key (KEK)
// that key_transfer unwraps with, the security policy in force, the invocation counter it sends
// with, the last invocation counter accepted from each client system title (replays are refused),
// and a source of unpredictable bytes for the HLS challenges (the host's; the core has none).
//
// Changes made through the Security setup object (SecuritySetupBinding) are staged and applied by
// the session after it sent the response that carried them (apply_pending()): that response is
// still protected with the old keys and policy (Blue Book, Security setup, key_transfer).
// Hooks tell the owner (the host's store) what to persist: keys and policy when they changed, a
// client's counter each time one was accepted.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/cosem/security_setup_object.h"
#include "core/security/ciphered_apdu.h"
#include "core/security/invocation_counter.h"
#include "core/security/key_wrap.h"

namespace quadra::association {

struct SecurityMaterial {
  security::SystemTitle server_title{};
  security::Key128 encryption_key{};      // global unicast encryption key
  security::Key128 authentication_key{};
  security::Key128 broadcast_key{};       // global broadcast encryption key (accepted on receive)
  security::Key128 master_key{};          // KEK: unwraps the keys of key_transfer (RFC 3394)
  std::uint8_t security_policy = 0;       // cosem::security_policy bits in force
  std::uint32_t next_invocation_counter = 1;
  void (*random)(std::span<std::uint8_t> out, void* context) = nullptr;
  void* random_context = nullptr;

  // The last counter accepted from a client system title, for the kMaxClients most recent ones.
  static constexpr std::size_t kMaxClients = 8;
  struct ClientGuard {
    bool used = false;
    security::SystemTitle title{};
    security::InvocationCounterGuard guard;
    std::uint32_t stamp = 0;  // recency, for replacing the least recent one
  };
  std::array<ClientGuard, kMaxClients> guards{};
  std::uint32_t stamps = 0;
  // A copy of the client's guard (a fresh one if the title is new): check and accept on the copy,
  // then remember() it once the APDU authenticated, so that forged APDUs never take a slot.
  security::InvocationCounterGuard guard_of(const security::SystemTitle& title) const;
  // Records the counter accepted from `title` (and tells counter_accepted).
  void remember(const security::SystemTitle& title, const security::InvocationCounterGuard& guard);
  // The most recently accepted client, or null.
  const ClientGuard* latest() const;
  void (*counter_accepted)(const security::SystemTitle& title, std::uint32_t counter, void* context) = nullptr;
  void* counter_accepted_context = nullptr;

  // Staged by the Security setup object, applied by apply_pending().
  struct Pending {
    std::uint8_t keys = 0;  // bit (1 << key_id) per key_id staged (security::KeyId)
    std::array<security::Key128, 4> key{};
    bool policy = false;
    std::uint8_t security_policy = 0;
    bool any() const { return keys != 0 || policy; }
  };
  Pending pending;
  // Applies the staged change: new keys restart the clients' counters (a counter is per key).
  // Returns what was applied and tells changed().
  Pending apply_pending();
  void (*changed)(const SecurityMaterial& material, const Pending& what, void* context) = nullptr;
  void* changed_context = nullptr;
};

// The Security setup object's view of a SecurityMaterial.
class SecuritySetupBinding final : public cosem::SecuritySetupPort {
 public:
  explicit SecuritySetupBinding(SecurityMaterial& material) : material_(material) {}
  std::uint8_t policy() const override { return material_.security_policy; }
  std::array<std::uint8_t, 8> server_system_title() const override { return material_.server_title; }
  void raise_policy(std::uint8_t policy) override;
  bool transfer_keys(std::span<const cosem::WrappedKey> keys) override;

 private:
  SecurityMaterial& material_;
};

}  // namespace quadra::association
