#include "host/cli/dlms_service.h"

#include <spdlog/spdlog.h>

#include <cstring>
#include <random>

namespace quadra::host {

class DlmsService::Session final : public ports::ApduSession {
 public:
  Session(DlmsService& service, std::string peer)
      : service_(service),
        peer_(std::move(peer)),
        big_(8u << 20),  // a year of load profile 1 with every column is about 3.5 MB
        session_(*service.directory_, service.meter_, service.guard_, config(service), big_) {}
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
  std::vector<std::uint8_t> big_;
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
                         std::uint32_t first_counter, io::PortSettings* ports)
    : meter_(meter), now_s_(now_s), serial_(serial_number) {
  security_.encryption_key = kDefaultEncryptionKey;
  security_.authentication_key = kDefaultAuthenticationKey;
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
    auto* sec = static_cast<const association::SecurityMaterial*>(context);
    for (const auto& g : sec->guards) {
      if (g.sap == 1) return g.guard.has_last() ? g.guard.last() + 1 : 1;
    }
    return 1;
  };
  dc.invocation_counter_context = &security_;
  dc.ports = ports;
  directory_ = std::make_unique<cosem::Directory>(meter, dc);
}

std::unique_ptr<ports::ApduSession> DlmsService::open(const std::string& peer) {
  return std::make_unique<Session>(*this, peer);
}

}  // namespace quadra::host
