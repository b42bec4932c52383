// Security setup (class_id 64, version 1; Blue Book, IEC 62056-6-2) 0.0.43.0.0.255: the security
// policy and suite of the ciphered associations, the system titles, and the methods that raise the
// policy and replace keys. The object checks what the Blue Book asks of a request; the meter's
// security material (keys, KEK, the policy in force) is behind SecuritySetupPort, kept by the
// association layer, which applies a change after the response that carried it was sent.
//
//   2 security_policy      enum, version 1 bits: 2 authenticated request, 3 encrypted request,
//                          4 digitally signed request, 5 authenticated response, 6 encrypted
//                          response, 7 digitally signed response (bits 0, 1 unused)
//   3 security_suite       enum: 0 (AES-GCM-128, AES-128 key wrap)
//   4 client_system_title  octet-string[8] of the client in the current association (empty if none)
//   5 server_system_title  octet-string[8]
//   6 certificates         array of certificate_info: empty (suite 0 uses none)
//   method 1 security_activate(enum policy): only ever raises the policy (every bit in force stays
//            set); the signing bits need suite 1 or 2 and are refused.
//   method 2 key_transfer(array of structure {key_id enum, key_wrapped octet-string}): each key
//            wrapped with the master key (KEK) by AES key wrap (RFC 3394), 24 octets; key_id 0
//            global unicast encryption key, 1 global broadcast encryption key, 2 authentication
//            key, 3 master key. All keys of the call or none are taken.
//   method 3 key_agreement: refused (suite 0 has no key agreement); methods 4..8 (certificates):
//            refused likewise.
// Keys are never readable: no attribute carries one.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "core/cosem/cosem_object.h"

namespace quadra::cosem {

namespace security_policy {
inline constexpr std::uint8_t kAuthenticatedRequest = 1u << 2;
inline constexpr std::uint8_t kEncryptedRequest = 1u << 3;
inline constexpr std::uint8_t kSignedRequest = 1u << 4;
inline constexpr std::uint8_t kAuthenticatedResponse = 1u << 5;
inline constexpr std::uint8_t kEncryptedResponse = 1u << 6;
inline constexpr std::uint8_t kSignedResponse = 1u << 7;
// What suite 0 can do (no digital signatures).
inline constexpr std::uint8_t kSuite0Bits =
    kAuthenticatedRequest | kEncryptedRequest | kAuthenticatedResponse | kEncryptedResponse;
}  // namespace security_policy

// One key of a key_transfer call, still wrapped.
struct WrappedKey {
  std::uint8_t key_id = 0;
  std::span<const std::uint8_t> wrapped;
};

// The meter's security material as the Security setup object sees it.
class SecuritySetupPort {
 public:
  virtual std::uint8_t policy() const = 0;
  virtual std::array<std::uint8_t, 8> server_system_title() const = 0;
  // A valid, stronger policy: to take effect after the response.
  virtual void raise_policy(std::uint8_t policy) = 0;
  // Unwraps every key with the KEK and stages them all for after the response; on any failure
  // (wrong size, integrity check failed: wrong KEK or altered key) stages nothing and returns false.
  virtual bool transfer_keys(std::span<const WrappedKey> keys) = 0;

 protected:
  ~SecuritySetupPort() = default;
};

class SecuritySetupObject final : public CosemObject {
 public:
  static constexpr std::uint8_t kMaxKeysPerTransfer = 4;
  SecuritySetupObject(const meter::Obis& ln, SecuritySetupPort& port) : CosemObject(64, 1, ln), port_(port) {}
  std::uint8_t attribute_count() const override { return 6; }
  std::uint8_t method_count() const override { return 8; }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  ActionResult activate(std::span<const std::uint8_t> parameters);
  ActionResult key_transfer(std::span<const std::uint8_t> parameters);

  SecuritySetupPort& port_;
};

}  // namespace quadra::cosem
