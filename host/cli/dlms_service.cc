#include "host/cli/dlms_service.h"

#include "host/cli/firmware_signature.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <random>

namespace quadra::host {

class DlmsService::Session final : public ports::ApduSession {
 public:
  Session(DlmsService& service, std::string peer)
      : service_(service),
        peer_(std::move(peer)),
        // Not zero-filled: the kernel commits the pages a response touches, so a connection that
        // never reads a long profile costs no memory for it.
        big_(std::make_unique_for_overwrite<std::uint8_t[]>(kBigBuffer)),
        session_(*service.directory_, service.meter_, service.guard_, config(service), {big_.get(), kBigBuffer}) {}
  static association::ServerConfig config(DlmsService& s) {
    association::ServerConfig c;
    c.security = &s.security_;
    return c;
  }

  void on_apdu(std::uint16_t client, std::uint16_t server, std::span<const std::uint8_t> apdu,
               std::vector<std::uint8_t>& response) override {
    if (server != 1) return;  // one logical device: the management logical device, SAP 1
    const bool was = session_.associated();
    const std::size_t n = session_.on_apdu(client, apdu, out_, service_.now_s_);
    response.assign(out_.begin(), out_.begin() + static_cast<std::ptrdiff_t>(n));
    if (!was && session_.associated()) spdlog::info("dlms: {} associated as client {}", peer_, client);
  }
  void on_close() override { session_.on_disconnect(); }

 private:
  DlmsService& service_;
  std::string peer_;
  static constexpr std::size_t kBigBuffer = 8u << 20;  // a year of load profile 1, every column: ~3.5 MB
  std::unique_ptr<std::uint8_t[]> big_;
  std::vector<std::uint8_t> out_ = std::vector<std::uint8_t>(0xFFFF);  // the largest response APDU
  association::ServerSession session_;
};

namespace {
void random_bytes(std::span<std::uint8_t> out, void*) {
  static std::random_device device;
  for (std::uint8_t& b : out) b = static_cast<std::uint8_t>(device());
}
}  // namespace

DlmsService::DlmsService(meter::Meter& meter, const std::string& serial_number, const double& now_s,
                         std::uint32_t first_counter, io::PortSettings* ports, cosem::ImageStore* image_store)
    : meter_(meter), now_s_(now_s), serial_(serial_number) {
  security_.encryption_key = kDefaultEncryptionKey;
  security_.authentication_key = kDefaultAuthenticationKey;
  security_.master_key = kDefaultMasterKey;
  // The system title: the manufacturer's three letters and five octets from the serial number.
  security_.server_title = {'Q', 'D', 'R', 0, 0, 0, 0, 0};
  for (std::size_t k = 0; k < 5 && k < serial_.size(); ++k)
    security_.server_title[7 - k] = static_cast<std::uint8_t>(serial_[serial_.size() - 1 - k]);
  security_.next_invocation_counter = first_counter;
  security_.random = &random_bytes;
  cosem::AssociationConfig& manager = associations_[2];
  manager.client_sap = 1;
  manager.level = cosem::ClientLevel::kManager;
  manager.mechanism = dlms::Mechanism::kHighGmac;
  manager.ln = meter::Obis(0, 0, 40, 0, 3);
  associations_[0] = cosem::AssociationConfig{};  // public client, SAP 16, 0.0.40.0.1.255
  cosem::AssociationConfig& reader = associations_[1];
  reader.client_sap = 17;
  reader.level = cosem::ClientLevel::kReader;
  reader.mechanism = dlms::Mechanism::kLow;
  reader.secret_size = std::strlen(kDefaultLlsPassword);
  std::memcpy(reader.secret.data(), kDefaultLlsPassword, reader.secret_size);
  reader.ln = meter::Obis(0, 0, 40, 0, 2);
  cosem::DirectoryConfig dc{serial_, "quadra-0.1.0", associations_};
  dc.invocation_counter = [](const void* context) -> std::uint32_t {
    // The counter the most recent ciphered client must use next.
    const auto* g = static_cast<const association::SecurityMaterial*>(context)->latest();
    return g != nullptr && g->guard.has_last() ? g->guard.last() + 1 : 1;
  };
  dc.invocation_counter_context = &security_;
  if (ports != nullptr) {
    // The ports' readout list, writable by the management client; the built-in list when the
    // caller has not filled it.
    if (ports->readout.count == 0) {
      for (std::size_t k = 0; k < readout_.count; ++k) ports->readout.items[k] = readout_.items[k];
      ports->readout.count = readout_.count;
    }
    dc.local_readout_list = &ports->readout;
  } else {
    dc.local_readout = {readout_.items.data(), readout_.count};
  }
  dc.security_setup = &security_setup_;
  dc.ports = ports;
  dc.image_store = image_store;
  std::string error;
  if (const auto digest = executable_sha256(&error)) {
    firmware_signature_ = *digest;
    dc.firmware_signature = firmware_signature_;
  } else {
    spdlog::warn("1.0.0.2.8.255: no active firmware signature: {}", error);
  }
  directory_ = std::make_unique<cosem::Directory>(meter, dc);
  install_security_hooks();
}

namespace {

bool from_hex(const std::string& text, std::span<std::uint8_t> out) {
  if (text.size() != out.size() * 2) return false;
  for (std::size_t k = 0; k < out.size(); ++k) {
    unsigned v = 0;
    for (char c : text.substr(2 * k, 2)) {
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<unsigned>(d);
    }
    out[k] = static_cast<std::uint8_t>(v);
  }
  return true;
}

// The meta keys of the security material.
constexpr std::array<const char*, 4> kKeyMeta{"dlms_key_global_unicast", "dlms_key_global_broadcast",
                                              "dlms_key_authentication", "dlms_key_master"};
constexpr std::array<const char*, 4> kKeyNames{"global unicast encryption key", "global broadcast encryption key",
                                               "authentication key", "master key"};
constexpr const char* kPolicyMeta = "dlms_security_policy";
// "TITLE:COUNTER;..." with the system title in hex and the last counter accepted from it.
constexpr const char* kCountersMeta = "dlms_client_invocation_counters";

security::Key128* key_slot(association::SecurityMaterial& m, std::size_t id) {
  switch (id) {
    case 0: return &m.encryption_key;
    case 1: return &m.broadcast_key;
    case 2: return &m.authentication_key;
    default: return &m.master_key;
  }
}

std::string counters_text(const association::SecurityMaterial& m) {
  std::string out;
  for (const auto& g : m.guards) {
    if (!g.used || !g.guard.has_last()) continue;
    if (!out.empty()) out += ';';
    out += to_hex(g.title) + ':' + std::to_string(g.guard.last());
  }
  return out;
}

void store_set(const SecurityStore& store, const std::string& key, const std::string& value) {
  store_meta(store, "0.0.43.0.0.255", key, value);
}

}  // namespace

void DlmsService::install_security_hooks() {
  security_.counter_accepted = [](const security::SystemTitle&, std::uint32_t, void* context) {
    auto* self = static_cast<DlmsService*>(context);
    store_set(self->store_, kCountersMeta, counters_text(self->security_));
  };
  security_.counter_accepted_context = this;
  security_.changed = [](const association::SecurityMaterial& m, const association::SecurityMaterial::Pending& what,
                         void* context) {
    auto* self = static_cast<DlmsService*>(context);
    for (std::size_t id = 0; id < kKeyMeta.size(); ++id) {
      if ((what.keys & (1u << id)) == 0) continue;
      store_set(self->store_, kKeyMeta[id], to_hex(*key_slot(self->security_, id)));
      spdlog::info("0.0.43.0.0.255: {} changed (key_transfer)", kKeyNames[id]);
    }
    if (what.policy) {
      store_set(self->store_, kPolicyMeta, std::to_string(m.security_policy));
      spdlog::info("0.0.43.0.0.255: security policy raised to {:#04x}", m.security_policy);
    }
    if (what.keys != 0) store_set(self->store_, kCountersMeta, counters_text(m));  // new keys restart the counters
  };
  security_.changed_context = this;
}

void DlmsService::attach_security_store(SecurityStore store) {
  store_ = std::move(store);
  for (std::size_t id = 0; id < kKeyMeta.size(); ++id) {
    if (const auto text = store_.get(kKeyMeta[id])) {
      if (!from_hex(*text, *key_slot(security_, id)))
        throw std::runtime_error(fmt::format("store meta {}: not a 128-bit key in hex", kKeyMeta[id]));
    }
  }
  if (const auto text = store_.get(kPolicyMeta)) {
    std::size_t used = 0;
    unsigned long v = 0;
    try {
      v = std::stoul(*text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != text->size() || v > 255)
      throw std::runtime_error(fmt::format("store meta {}: not a security policy (0..255)", kPolicyMeta));
    security_.security_policy = static_cast<std::uint8_t>(v);
  }
  if (const auto text = store_.get(kCountersMeta)) {
    std::size_t at = 0;
    while (at < text->size()) {
      const std::size_t end = std::min(text->find(';', at), text->size());
      const std::string item = text->substr(at, end - at);
      const std::size_t colon = item.find(':');
      security::SystemTitle title{};
      std::size_t used = 0;
      unsigned long long ic = 0;
      bool ok = colon == 16 && from_hex(item.substr(0, 16), title);
      if (ok) {
        try {
          ic = std::stoull(item.substr(17), &used);
        } catch (const std::exception&) {
          ok = false;
        }
      }
      if (!ok || used == 0 || used != item.size() - 17 || ic > 0xFFFFFFFFull)
        throw std::runtime_error(fmt::format("store meta {}: \"{}\" is not TITLE:COUNTER", kCountersMeta, item));
      security_.remember(title, security::InvocationCounterGuard::after(static_cast<std::uint32_t>(ic)));
      at = end + 1;
    }
  }
}

std::vector<std::string> DlmsService::default_keys() const {
  std::vector<std::string> out;
  if (security_.encryption_key == kDefaultEncryptionKey) out.emplace_back(kKeyNames[0]);
  if (security_.authentication_key == kDefaultAuthenticationKey) out.emplace_back(kKeyNames[2]);
  if (security_.master_key == kDefaultMasterKey) out.emplace_back(kKeyNames[3]);
  return out;
}

std::unique_ptr<ports::ApduSession> DlmsService::open(const std::string& peer) {
  return std::make_unique<Session>(*this, peer);
}

}  // namespace quadra::host
