#include "host/cli/dlms_service.h"

#include <spdlog/spdlog.h>

#include <cstring>

namespace quadra::host {

class DlmsService::Session final : public ports::ApduSession {
 public:
  Session(DlmsService& service, std::string peer)
      : service_(service),
        peer_(std::move(peer)),
        big_(8u << 20),  // a year of load profile 1 with every column is about 3.5 MB
        session_(*service.directory_, service.meter_, service.guard_, association::ServerConfig{}, big_) {}

  void on_apdu(std::uint16_t client, std::uint16_t server, std::span<const std::uint8_t> apdu,
               std::vector<std::uint8_t>& response) override {
    if (server != 1) return;  // one logical device: the management logical device, SAP 1
    const bool was = session_.associated();
    response.resize(0xFFFF);
    response.resize(session_.on_apdu(client, apdu, response, service_.now_s_));
    if (!was && session_.associated()) spdlog::info("dlms: {} associated as client {}", peer_, client);
  }
  void on_close() override { session_.on_disconnect(); }

 private:
  DlmsService& service_;
  std::string peer_;
  std::vector<std::uint8_t> big_;
  association::ServerSession session_;
};

DlmsService::DlmsService(meter::Meter& meter, const std::string& serial_number, const double& now_s)
    : meter_(meter), now_s_(now_s), serial_(serial_number) {
  associations_[0] = cosem::AssociationConfig{};  // public client, SAP 16, 0.0.40.0.1.255
  cosem::AssociationConfig& reader = associations_[1];
  reader.client_sap = 17;
  reader.level = cosem::ClientLevel::kReader;
  reader.mechanism = dlms::Mechanism::kLow;
  reader.secret_size = std::strlen(kDefaultLlsPassword);
  std::memcpy(reader.secret.data(), kDefaultLlsPassword, reader.secret_size);
  reader.ln = meter::Obis(0, 0, 40, 0, 2);
  directory_ = std::make_unique<cosem::Directory>(
      meter, cosem::DirectoryConfig{serial_, "quadra-0.1.0", associations_});
}

std::unique_ptr<ports::ApduSession> DlmsService::open(const std::string& peer) {
  return std::make_unique<Session>(*this, peer);
}

}  // namespace quadra::host
