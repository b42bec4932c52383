#include "core/dlms/initiate.h"

namespace quadra::dlms {
namespace {

Status read_optional_u8(AxdrReader& r, bool* present, std::uint8_t* v, const char* field) {
  if (Status s = read_presence(r, present, field); !s) return s;
  if (*present) return r.u8(v, field);
  return Status::ok();
}

void write_optional_u8(AxdrWriter& w, bool present, std::uint8_t v) {
  w.u8(present ? 1 : 0);
  if (present) w.u8(v);
}

}  // namespace

Status read_conformance(AxdrReader& r, std::uint32_t* conformance, const char* field) {
  std::span<const std::uint8_t> head;
  if (Status s = r.bytes(2, &head, field); !s) return s;
  if (head[0] != 0x5F || head[1] != 0x1F) return unknown_tag(field);
  std::uint8_t length = 0;
  if (Status s = r.u8(&length, field); !s) return s;
  if (length != 4) return bad_length(field);
  std::span<const std::uint8_t> bits;
  if (Status s = r.bytes(4, &bits, field); !s) return s;
  *conformance = (std::uint32_t{bits[1]} << 16) | (std::uint32_t{bits[2]} << 8) | bits[3];
  return Status::ok();
}

void write_conformance(AxdrWriter& w, std::uint32_t conformance) {
  w.u8(0x5F);
  w.u8(0x1F);
  w.u8(4);
  w.u8(0);  // no unused bits
  w.u8(static_cast<std::uint8_t>(conformance >> 16));
  w.u8(static_cast<std::uint8_t>(conformance >> 8));
  w.u8(static_cast<std::uint8_t>(conformance));
}

Status decode_initiate_request(std::span<const std::uint8_t> apdu, InitiateRequest* out) {
  AxdrReader r(apdu);
  InitiateRequest q;
  std::uint8_t tag = 0;
  bool present = false;
  if (Status s = r.u8(&tag, "initiate_request"); !s) return s;
  if (tag != apdu_tag::kInitiateRequest) return unknown_tag("initiate_request");
  if (Status s = read_presence(r, &present, "initiate_request.dedicated_key"); !s) return s;
  if (present) {
    if (Status s = r.counted_bytes(&q.dedicated_key, "initiate_request.dedicated_key"); !s) return s;
  }
  if (Status s = read_presence(r, &present, "initiate_request.response_allowed"); !s) return s;
  if (present) {
    if (Status s = r.boolean(&q.response_allowed, "initiate_request.response_allowed"); !s) return s;
  }
  if (Status s = read_optional_u8(r, &q.has_quality_of_service, &q.quality_of_service,
                                  "initiate_request.quality_of_service");
      !s)
    return s;
  if (Status s = r.u8(&q.dlms_version, "initiate_request.dlms_version"); !s) return s;
  if (Status s = read_conformance(r, &q.conformance, "initiate_request.conformance"); !s) return s;
  if (Status s = r.u16(&q.client_max_receive_pdu_size, "initiate_request.max_receive_pdu_size"); !s) return s;
  if (Status s = r.expect_end("initiate_request"); !s) return s;
  *out = q;
  return Status::ok();
}

void encode_initiate_request(AxdrWriter& w, const InitiateRequest& q) {
  w.u8(apdu_tag::kInitiateRequest);
  if (q.dedicated_key.empty()) {
    w.u8(0);
  } else {
    w.u8(1);
    w.length(static_cast<std::uint32_t>(q.dedicated_key.size()));
    w.raw(q.dedicated_key);
  }
  if (q.response_allowed) {
    w.u8(0);  // DEFAULT TRUE: not written
  } else {
    w.u8(1);
    w.u8(0);
  }
  write_optional_u8(w, q.has_quality_of_service, q.quality_of_service);
  w.u8(q.dlms_version);
  write_conformance(w, q.conformance);
  w.u16(q.client_max_receive_pdu_size);
}

Status decode_initiate_response(std::span<const std::uint8_t> apdu, InitiateResponse* out) {
  AxdrReader r(apdu);
  InitiateResponse p;
  std::uint8_t tag = 0;
  if (Status s = r.u8(&tag, "initiate_response"); !s) return s;
  if (tag != apdu_tag::kInitiateResponse) return unknown_tag("initiate_response");
  if (Status s = read_optional_u8(r, &p.has_quality_of_service, &p.quality_of_service,
                                  "initiate_response.quality_of_service");
      !s)
    return s;
  if (Status s = r.u8(&p.dlms_version, "initiate_response.dlms_version"); !s) return s;
  if (Status s = read_conformance(r, &p.conformance, "initiate_response.conformance"); !s) return s;
  if (Status s = r.u16(&p.server_max_receive_pdu_size, "initiate_response.max_receive_pdu_size"); !s) return s;
  if (Status s = r.u16(&p.vaa_name, "initiate_response.vaa_name"); !s) return s;
  if (Status s = r.expect_end("initiate_response"); !s) return s;
  *out = p;
  return Status::ok();
}

void encode_initiate_response(AxdrWriter& w, const InitiateResponse& p) {
  w.u8(apdu_tag::kInitiateResponse);
  write_optional_u8(w, p.has_quality_of_service, p.quality_of_service);
  w.u8(p.dlms_version);
  write_conformance(w, p.conformance);
  w.u16(p.server_max_receive_pdu_size);
  w.u16(p.vaa_name);
}

}  // namespace quadra::dlms
