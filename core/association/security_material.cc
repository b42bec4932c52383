#include "core/association/security_material.h"

namespace quadra::association {

security::InvocationCounterGuard SecurityMaterial::guard_of(const security::SystemTitle& title) const {
  for (const ClientGuard& g : guards) {
    if (g.used && g.title == title) return g.guard;
  }
  return {};
}

void SecurityMaterial::remember(const security::SystemTitle& title, const security::InvocationCounterGuard& guard) {
  ClientGuard* slot = nullptr;
  for (ClientGuard& g : guards) {
    if (g.used && g.title == title) slot = &g;
  }
  if (slot == nullptr) {
    slot = &guards[0];
    for (ClientGuard& g : guards) {
      if (!g.used) {
        slot = &g;
        break;
      }
      if (g.stamp < slot->stamp) slot = &g;
    }
  }
  *slot = ClientGuard{true, title, guard, ++stamps};
  if (counter_accepted != nullptr && guard.has_last()) counter_accepted(title, guard.last(), counter_accepted_context);
}

const SecurityMaterial::ClientGuard* SecurityMaterial::latest() const {
  const ClientGuard* best = nullptr;
  for (const ClientGuard& g : guards) {
    if (g.used && (best == nullptr || g.stamp > best->stamp)) best = &g;
  }
  return best;
}

SecurityMaterial::Pending SecurityMaterial::apply_pending() {
  const Pending done = pending;
  pending = Pending{};
  using security::KeyId;
  auto has = [&](KeyId id) { return (done.keys & (1u << static_cast<unsigned>(id))) != 0; };
  auto key = [&](KeyId id) -> const security::Key128& { return done.key[static_cast<std::size_t>(id)]; };
  if (has(KeyId::kGlobalUnicastEncryption)) encryption_key = key(KeyId::kGlobalUnicastEncryption);
  if (has(KeyId::kGlobalBroadcastEncryption)) broadcast_key = key(KeyId::kGlobalBroadcastEncryption);
  if (has(KeyId::kAuthentication)) authentication_key = key(KeyId::kAuthentication);
  if (has(KeyId::kMasterKek)) master_key = key(KeyId::kMasterKek);
  if (has(KeyId::kGlobalUnicastEncryption) || has(KeyId::kAuthentication)) {
    for (ClientGuard& g : guards) g.guard.reset();
  }
  if (done.policy) security_policy = done.security_policy;
  if (done.any() && changed != nullptr) changed(*this, done, changed_context);
  return done;
}

void SecuritySetupBinding::raise_policy(std::uint8_t policy) {
  material_.pending.policy = true;
  material_.pending.security_policy = policy;
}

bool SecuritySetupBinding::transfer_keys(std::span<const cosem::WrappedKey> keys) {
  // Every key unwrapped before any is staged: all or nothing.
  std::array<security::Key128, 4> unwrapped{};
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (keys[k].key_id > 3 || keys[k].wrapped.size() != security::kWrappedKey128Size) return false;
    if (!security::unwrap_key128(material_.master_key, keys[k].wrapped, &unwrapped[k]).is_ok()) return false;
  }
  for (std::size_t k = 0; k < keys.size(); ++k) {
    material_.pending.keys = static_cast<std::uint8_t>(material_.pending.keys | (1u << keys[k].key_id));
    material_.pending.key[keys[k].key_id] = unwrapped[k];
  }
  return true;
}

}  // namespace quadra::association
