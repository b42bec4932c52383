// What the exchangeable communication module reports of its radio network, as two COSEM objects.
// On the virtual meter the network is simulated: the host (host/cli/radio_network.h) fills
// RadioNetwork from the configuration's [modem] keys and the module's state (removed: not
// registered, packet switching inactive; inserted: as configured, registered at insertion).
//
//   GSM diagnostic (class 47, version 1, 0.0.25.6.0.255), read-only:
//     2 operator        visible-string
//     3 status          enum: 0 not registered, 1 registered (home network), 2 not registered,
//                       searching, 3 registration denied, 4 unknown, 5 registered, roaming
//     4 cs_attachment   enum: 0 inactive, 1 incoming call, 2 active
//     5 ps_status       enum: 0 inactive, 1 GPRS, 2 EDGE, 3 UMTS, 4 HSDPA, 5 LTE, 6 CDMA,
//                       7 LTE Cat M1, 8 NB-IoT (LTE Cat NB1), 9 LTE Cat NB2
//     6 cell_info       structure {cell_ID double-long-unsigned, location_ID long-unsigned,
//                       signal_quality unsigned (0..31, 99 not known), ber unsigned (0..7,
//                       99 not known), mcc long-unsigned, mnc long-unsigned, channel_number
//                       double-long-unsigned}
//     7 adjacent_cells  array of {cell_ID double-long-unsigned, signal_quality unsigned}
//     8 capture_time    date-time: when the module last registered (all "not specified" before)
//   LTE monitoring (class 151, version 1, 0.0.25.11.0.255), read-only:
//     2 lte_network_parameters {T3402 long-unsigned s, T3412 long-unsigned s, T3412ext2
//                       double-long-unsigned s, T3324 long-unsigned (0.01 s), TeDRX
//                       double-long-unsigned (0.01 s), TPTW long-unsigned s, q-RxlevMin
//                       integer dBm, q-RxlevMinCE integer dBm, q-RxlevMinCE1 integer dBm}
//     3 lte_quality_of_service {signal_quality integer, signal_level integer, signal_to_noise_ratio
//                       integer, coverage_enhancement enum (0 level 0, 1 level 1, 2 level 2)}
// The structures and types are those of the Blue Book's version 1 classes (as Gurux's
// GXDLMSGSMDiagnostic and GXDLMSLteMonitoring serve them).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/cosem/cosem_object.h"

namespace quadra::cosem {

inline constexpr std::size_t kMaxOperatorName = 32;
inline constexpr std::size_t kMaxAdjacentCells = 4;

enum class RegistrationStatus : std::uint8_t {
  kNotRegistered = 0, kHomeNetwork = 1, kSearching = 2, kDenied = 3, kUnknown = 4, kRoaming = 5,
};
enum class PacketSwitchStatus : std::uint8_t {
  kInactive = 0, kGprs = 1, kEdge = 2, kUmts = 3, kHsdpa = 4, kLte = 5, kCdma = 6, kLteCatM1 = 7, kNbIot = 8,
  kLteCatNb2 = 9,
};

struct CellInfo {
  std::uint32_t cell_id = 0;
  std::uint16_t location_id = 0;
  std::uint8_t signal_quality = 99;  // 0..31, 99 not known
  std::uint8_t ber = 99;             // 0..7, 99 not known
  std::uint16_t mcc = 0;
  std::uint16_t mnc = 0;
  std::uint32_t channel_number = 0;
};

struct AdjacentCell {
  std::uint32_t cell_id = 0;
  std::uint8_t signal_quality = 99;
};

struct LteNetworkParameters {
  std::uint16_t t3402_s = 0;
  std::uint16_t t3412_s = 0;
  std::uint32_t t3412ext2_s = 0;
  std::uint16_t t3324_cs = 0;   // hundredths of a second
  std::uint32_t tedrx_cs = 0;   // hundredths of a second
  std::uint16_t tptw_s = 0;
  std::int8_t q_rxlev_min_dbm = 0;
  std::int8_t q_rxlev_min_ce_dbm = 0;
  std::int8_t q_rxlev_min_ce1_dbm = 0;
};

struct LteQualityOfService {
  std::int8_t signal_quality = 0;
  std::int8_t signal_level = 0;
  std::int8_t signal_to_noise_ratio = 0;
  std::uint8_t coverage_enhancement = 0;  // 0..2
};

struct RadioNetwork {
  std::array<char, kMaxOperatorName> operator_name{};
  std::size_t operator_size = 0;
  RegistrationStatus status = RegistrationStatus::kNotRegistered;
  std::uint8_t cs_attachment = 0;
  PacketSwitchStatus ps_status = PacketSwitchStatus::kInactive;
  CellInfo cell;
  std::array<AdjacentCell, kMaxAdjacentCells> adjacent{};
  std::size_t adjacent_count = 0;
  std::array<std::uint8_t, 12> capture_time{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x80, 0x00, 0xFF};
  LteNetworkParameters lte;
  LteQualityOfService lte_qos;

  std::string_view operator_view() const { return {operator_name.data(), operator_size}; }
  // False (nothing changed) above kMaxOperatorName characters.
  bool set_operator(std::string_view name);
};

inline constexpr meter::Obis kGsmDiagnosticLn{0, 0, 25, 6, 0};
inline constexpr meter::Obis kLteMonitoringLn{0, 0, 25, 11, 0};

class GsmDiagnosticObject final : public CosemObject {
 public:
  // `network` outlives the object.
  explicit GsmDiagnosticObject(const RadioNetwork& network) : CosemObject(47, 1, kGsmDiagnosticLn), n_(network) {}
  std::uint8_t attribute_count() const override { return 8; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const RadioNetwork& n_;
};

class LteMonitoringObject final : public CosemObject {
 public:
  // `network` outlives the object.
  explicit LteMonitoringObject(const RadioNetwork& network) : CosemObject(151, 1, kLteMonitoringLn), n_(network) {}
  std::uint8_t attribute_count() const override { return 3; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const RadioNetwork& n_;
};

}  // namespace quadra::cosem
