#include "core/cosem/security_setup_object.h"

#include "core/cosem/association.h"
#include "core/dlms/axdr_reader.h"

namespace quadra::cosem {

DataAccessResult SecuritySetupObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                    AxdrWriter& out, const RequestContext& ctx) {
  switch (attribute) {
    case 2: out.enum_value(port_.policy()); break;
    case 3: out.enum_value(0); break;  // security suite 0
    case 4: {
      const AssociationInfo* a = ctx.association;
      if (a != nullptr && a->has_client_system_title) {
        out.octet_string(a->client_system_title);
      } else {
        out.octet_string({});
      }
      break;
    }
    case 5: out.octet_string(port_.server_system_title()); break;
    default: out.array(0); break;  // 6 certificates: none with suite 0
  }
  return DataAccessResult::kSuccess;
}

ActionResult SecuritySetupObject::action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter&,
                                         bool& has_data, const RequestContext&) {
  has_data = false;
  switch (method) {
    case 1: return activate(parameters);
    case 2: return key_transfer(parameters);
    // key_agreement and the certificate methods belong to suites 1 and 2 (ECDH, ECDSA).
    default: return ActionResult::kOtherReason;
  }
}

ActionResult SecuritySetupObject::activate(std::span<const std::uint8_t> parameters) {
  dlms::AxdrReader r(parameters);
  dlms::AxdrItem item;
  if (!r.expect(dlms::DataType::kEnum, &item, "security_policy").is_ok() || !r.at_end())
    return ActionResult::kTypeUnmatched;
  const auto policy = static_cast<std::uint8_t>(item.unsigned_value);
  const std::uint8_t now = port_.policy();
  // Unused bits, signatures (not with suite 0), or a bit in force dropped: the policy may only rise.
  if ((policy & ~security_policy::kSuite0Bits) != 0 || (policy & now) != now) return ActionResult::kOtherReason;
  if (policy != now) port_.raise_policy(policy);
  return ActionResult::kSuccess;
}

ActionResult SecuritySetupObject::key_transfer(std::span<const std::uint8_t> parameters) {
  dlms::AxdrReader r(parameters);
  dlms::AxdrItem item;
  if (!r.expect(dlms::DataType::kArray, &item, "key_transfer").is_ok() || item.count == 0 ||
      item.count > kMaxKeysPerTransfer)
    return ActionResult::kTypeUnmatched;
  std::array<WrappedKey, kMaxKeysPerTransfer> keys{};
  const std::uint32_t n = item.count;
  for (std::uint32_t k = 0; k < n; ++k) {
    dlms::AxdrItem s, id, wrapped;
    if (!r.expect(dlms::DataType::kStructure, &s, "key_data").is_ok() || s.count != 2 ||
        !r.expect(dlms::DataType::kEnum, &id, "key_id").is_ok() ||
        !r.expect(dlms::DataType::kOctetString, &wrapped, "key_wrapped").is_ok())
      return ActionResult::kTypeUnmatched;
    if (id.unsigned_value > 3) return ActionResult::kOtherReason;
    for (std::uint32_t j = 0; j < k; ++j) {
      if (keys[j].key_id == id.unsigned_value) return ActionResult::kOtherReason;  // the same key twice
    }
    keys[k] = WrappedKey{static_cast<std::uint8_t>(id.unsigned_value), wrapped.bytes};
  }
  if (!r.at_end()) return ActionResult::kTypeUnmatched;
  return port_.transfer_keys(std::span(keys.data(), n)) ? ActionResult::kSuccess : ActionResult::kOtherReason;
}

}  // namespace quadra::cosem
