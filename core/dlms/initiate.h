// The xDLMS InitiateRequest (tag 0x01) and InitiateResponse (tag 0x08) carried in the
// user-information of AARQ and AARE (IEC 62056-5-3; A-XDR):
//
//   InitiateRequest   01  dedicated-key      00 | 01 length key        (OCTET STRING OPTIONAL)
//                         response-allowed   00 | 01 bool              (BOOLEAN DEFAULT TRUE)
//                         proposed-quality-of-service 00 | 01 value    ([0] Integer8 OPTIONAL)
//                         proposed-dlms-version-number (Unsigned8, 6)
//                         proposed-conformance   5F 1F 04 00 xx xx xx
//                         client-max-receive-pdu-size (Unsigned16)
//   InitiateResponse  08  negotiated-quality-of-service 00 | 01 value
//                         negotiated-dlms-version-number
//                         negotiated-conformance 5F 1F 04 00 xx xx xx
//                         server-max-receive-pdu-size (Unsigned16)
//                         vaa-name (Integer16, 0x0007 for LN referencing)
//
// Green Book example: 01 00 00 00 06 5F 1F 04 00 00 7E 1F 04 B0 = no dedicated key, response
// allowed, no quality of service, DLMS version 6, conformance 00 7E 1F, PDU size 1200.
// A refused InitiateRequest is answered with a ConfirmedServiceError (errors.h), e.g.
// ConfirmedServiceError::initiate(InitiateError::kDlmsVersionTooLow).
#pragma once

#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"

namespace quadra::dlms {

inline constexpr std::uint8_t kDlmsVersion = 6;
inline constexpr std::uint16_t kVaaNameLn = 0x0007;

struct InitiateRequest {
  std::span<const std::uint8_t> dedicated_key;  // empty when absent
  bool response_allowed = true;
  bool has_quality_of_service = false;
  std::uint8_t quality_of_service = 0;
  std::uint8_t dlms_version = kDlmsVersion;
  std::uint32_t conformance = 0;  // 24 bits, see data_type.h conformance::
  std::uint16_t client_max_receive_pdu_size = 0;
};

struct InitiateResponse {
  bool has_quality_of_service = false;
  std::uint8_t quality_of_service = 0;
  std::uint8_t dlms_version = kDlmsVersion;
  std::uint32_t conformance = 0;
  std::uint16_t server_max_receive_pdu_size = 0;
  std::uint16_t vaa_name = kVaaNameLn;
};

// Decoding checks the form only (tags, lengths, presence octets, no trailing bytes); whether the
// version, conformance and PDU size are acceptable is the association's decision.
Status decode_initiate_request(std::span<const std::uint8_t> apdu, InitiateRequest* out);
void encode_initiate_request(AxdrWriter& w, const InitiateRequest& r);
Status decode_initiate_response(std::span<const std::uint8_t> apdu, InitiateResponse* out);
void encode_initiate_response(AxdrWriter& w, const InitiateResponse& r);

// The conformance block alone ("5F 1F 04 00 xx xx xx"): [APPLICATION 31] IMPLICIT BIT STRING of
// 24 bits. Decoding requires the tag and the length 4; the unused-bits octet is not checked.
Status read_conformance(AxdrReader& r, std::uint32_t* conformance, const char* field);
void write_conformance(AxdrWriter& w, std::uint32_t conformance);

}  // namespace quadra::dlms
