// The associations the meter offers, IDIS style, and the rights each one has:
//   public client     SAP 16, no security: reads the clock, the identification, the association
//                     and SAP assignment objects and the energy totals; writes and calls nothing;
//   reading client    SAP 17, low-level security (password): reads every attribute (never a
//                     secret); sets the clock and calls every Clock method (time
//                     synchronisation by the reading system); resets event logs;
//   management client SAP 1, high-level security (HLS-GMAC, mechanism 5): everything the reading
//                     client may, and writes the configuration: the tariff program (the
//                     passive calendar, its activation time, the billing schedule; calls the
//                     calendar's activation, special days insert/delete and the tariffication and
//                     billing reset scripts; the reading client reads them), the thresholds and
//                     limits (meter_parameters.h), the register monitors, the limiter, the alarm
//                     filter, and resets the error and alarm registers (status_register_object.h).
// AssociationInfo is what a live association tells the objects (the current association 0.0.40.0.0
// answers from it).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/cosem/cosem_object.h"
#include "core/dlms/acse.h"

namespace quadra::cosem {

enum class ClientLevel : std::uint8_t { kPublic, kReader, kManager };

struct AssociationConfig {
  std::uint16_t client_sap = 16;
  ClientLevel level = ClientLevel::kPublic;
  dlms::Mechanism mechanism = dlms::Mechanism::kLowest;
  std::array<char, 32> secret{};  // the LLS password (its first secret_size characters)
  std::size_t secret_size = 0;
  meter::Obis ln{0, 0, 40, 0, 1};  // its Association LN object
};

struct AssociationInfo {
  const AssociationConfig* config = nullptr;  // null: not associated
  std::uint32_t conformance = 0;             // negotiated
  std::uint16_t client_max_pdu = 0;
  std::uint16_t server_max_pdu = 0;
  // The client's system title (calling-AP-title) of a ciphered association.
  bool has_client_system_title = false;
  std::array<std::uint8_t, 8> client_system_title{};
  // The user the client named in its AARQ's calling-AE-invocation-id (Green Book user
  // identification); the Association LN's current_user shows it.
  bool has_user = false;
  std::uint8_t user_id = 0;
  bool associated() const { return config != nullptr; }
};

// The access mode of an attribute for a client level (COSEM attribute_access: 0 no access,
// 1 read, 2 write, 3 read and write) and whether a method may be called.
std::uint8_t attribute_access(ClientLevel level, const CosemObject& object, std::uint8_t attribute);
bool method_access(ClientLevel level, const CosemObject& object, std::uint8_t method);

}  // namespace quadra::cosem
