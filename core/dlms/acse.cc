#include "core/dlms/acse.h"

#include <array>

namespace quadra::dlms {
namespace {

constexpr std::array<std::uint8_t, 6> kContextPrefix = {0x60, 0x85, 0x74, 0x05, 0x08, 0x01};
constexpr std::array<std::uint8_t, 6> kMechanismPrefix = {0x60, 0x85, 0x74, 0x05, 0x08, 0x02};

struct Tlv {
  std::uint8_t tag = 0;
  std::span<const std::uint8_t> value;
};

// One BER TLV with a single-octet tag (all ACSE tags used by DLMS are below 31).
Status read_tlv(AxdrReader& r, Tlv* t, const char* field) {
  std::uint8_t tag = 0;
  std::uint32_t n = 0;
  if (Status s = r.u8(&tag, field); !s) return s;
  if ((tag & 0x1F) == 0x1F) return unknown_tag(field);
  if (Status s = r.length(&n, field); !s) return s;
  if (Status s = r.bytes(n, &t->value, field); !s) return s;
  t->tag = tag;
  return Status::ok();
}

// The whole APDU: one TLV with `tag`, nothing after it.
Status read_outer(std::span<const std::uint8_t> apdu, std::uint8_t tag, std::span<const std::uint8_t>* content,
                  const char* field) {
  AxdrReader r(apdu);
  Tlv t;
  if (r.at_end()) return truncated(field);
  if (apdu[0] != tag) return unknown_tag(field);
  if (Status s = read_tlv(r, &t, field); !s) return s;
  if (Status s = r.expect_end(field); !s) return s;
  *content = t.value;
  return Status::ok();
}

// A constructed or explicit field holding exactly one TLV with `inner_tag`.
Status unwrap(std::span<const std::uint8_t> value, std::uint8_t inner_tag, std::span<const std::uint8_t>* out,
              const char* field) {
  AxdrReader r(value);
  Tlv t;
  if (Status s = read_tlv(r, &t, field); !s) return s;
  if (t.tag != inner_tag) return unknown_tag(field);
  if (!r.at_end()) return bad_length(field);
  *out = t.value;
  return Status::ok();
}

// A small INTEGER (one content octet, 0..127).
Status read_small_integer(std::span<const std::uint8_t> value, std::uint8_t* out, const char* field) {
  if (value.size() != 1) return bad_length(field);
  if (value[0] > 0x7F) return bad_value(field);
  *out = value[0];
  return Status::ok();
}

// The user_id of calling-AE-invocation-id: an INTEGER 0..255. Clients write 200 either as the
// strict BER 00 C8 or as the single octet C8 (the Unsigned8 it stands for); both are taken.
Status read_user_id(std::span<const std::uint8_t> value, std::uint8_t* out, const char* field) {
  if (value.empty() || value.size() > 2) return bad_length(field);
  if (value.size() == 2 && value[0] != 0) return bad_value(field);
  *out = value.back();
  return Status::ok();
}

template <std::size_t N>
bool has_prefix(std::span<const std::uint8_t> oid, const std::array<std::uint8_t, N>& prefix) {
  if (oid.size() != N + 1) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (oid[i] != prefix[i]) return false;
  }
  return true;
}

ApplicationContext context_of(std::span<const std::uint8_t> oid) {
  if (!has_prefix(oid, kContextPrefix) || oid[6] < 1 || oid[6] > 4) return ApplicationContext::kUnknown;
  return static_cast<ApplicationContext>(oid[6]);
}

Mechanism mechanism_of(std::span<const std::uint8_t> oid) {
  if (!has_prefix(oid, kMechanismPrefix) || oid[6] > 7) return Mechanism::kUnknown;
  return static_cast<Mechanism>(oid[6]);
}

// ACSE-requirements BIT STRING: unused-bits octet, then the bits; bit 0 = authentication.
Status read_acse_requirements(std::span<const std::uint8_t> value, bool* authentication, const char* field) {
  if (value.empty()) return bad_length(field);
  if (value[0] > 7) return bad_value(field);
  *authentication = value.size() >= 2 && (value[1] & 0x80) != 0;
  return Status::ok();
}

Status read_authentication_value(std::span<const std::uint8_t> value, AuthenticationValueKind* kind,
                                 std::span<const std::uint8_t>* out, const char* field) {
  AxdrReader r(value);
  Tlv t;
  if (Status s = read_tlv(r, &t, field); !s) return s;
  if (!r.at_end()) return bad_length(field);
  if (t.tag == 0x80) {
    *kind = AuthenticationValueKind::kCharString;
  } else if (t.tag == 0x81) {
    *kind = AuthenticationValueKind::kBitString;
  } else {
    return unknown_tag(field);
  }
  *out = t.value;
  return Status::ok();
}

// ---- Encoding helpers ----

void write_tlv(AxdrWriter& w, std::uint8_t tag, std::span<const std::uint8_t> value) {
  w.u8(tag);
  w.length(static_cast<std::uint32_t>(value.size()));
  w.raw(value);
}

// tag { inner_tag { value } }
void write_wrapped(AxdrWriter& w, std::uint8_t tag, std::uint8_t inner_tag, std::span<const std::uint8_t> value) {
  w.u8(tag);
  const AxdrWriter::Mark m = w.open_length();
  write_tlv(w, inner_tag, value);
  w.close_length(m);
}

void write_context_name(AxdrWriter& w, ApplicationContext c) {
  const std::array<std::uint8_t, 7> oid = {0x60, 0x85, 0x74, 0x05, 0x08, 0x01, static_cast<std::uint8_t>(c)};
  write_wrapped(w, 0xA1, 0x06, oid);
}

void write_mechanism(AxdrWriter& w, std::uint8_t tag, Mechanism m) {
  const std::array<std::uint8_t, 7> oid = {0x60, 0x85, 0x74, 0x05, 0x08, 0x02, static_cast<std::uint8_t>(m)};
  write_tlv(w, tag, oid);
}

void write_acse_requirements(AxdrWriter& w, std::uint8_t tag) {
  const std::array<std::uint8_t, 2> bits = {0x07, 0x80};
  write_tlv(w, tag, bits);
}

void write_authentication_value(AxdrWriter& w, std::uint8_t tag, AuthenticationValueKind kind,
                                std::span<const std::uint8_t> value) {
  write_wrapped(w, tag, kind == AuthenticationValueKind::kCharString ? 0x80 : 0x81, value);
}

void write_small_integer_wrapped(AxdrWriter& w, std::uint8_t tag, std::uint8_t v) {
  const std::array<std::uint8_t, 1> value = {v};
  write_wrapped(w, tag, 0x02, value);
}

Status decode_release(std::span<const std::uint8_t> apdu, std::uint8_t tag, Release* out, const char* field,
                      const char* reason_field, const char* user_field) {
  std::span<const std::uint8_t> content;
  if (Status s = read_outer(apdu, tag, &content, field); !s) return s;
  AxdrReader r(content);
  Release rel;
  while (!r.at_end()) {
    Tlv t;
    if (Status s = read_tlv(r, &t, field); !s) return s;
    if (t.tag == 0x80) {
      if (Status s = read_small_integer(t.value, &rel.reason, reason_field); !s) return s;
      rel.has_reason = true;
    } else if (t.tag == 0xBE) {
      if (Status s = unwrap(t.value, 0x04, &rel.user_information, user_field); !s) return s;
      rel.has_user_information = true;
    }
  }
  *out = rel;
  return Status::ok();
}

void encode_release(AxdrWriter& w, std::uint8_t tag, const Release& r) {
  w.u8(tag);
  const AxdrWriter::Mark m = w.open_length();
  if (r.has_reason) {
    const std::array<std::uint8_t, 1> reason = {r.reason};
    write_tlv(w, 0x80, reason);
  }
  if (r.has_user_information) write_wrapped(w, 0xBE, 0x04, r.user_information);
  w.close_length(m);
}

}  // namespace

Status decode_aarq(std::span<const std::uint8_t> apdu, Aarq* out) {
  std::span<const std::uint8_t> content;
  if (Status s = read_outer(apdu, apdu_tag::kAarq, &content, "aarq"); !s) return s;
  AxdrReader r(content);
  Aarq a;
  bool has_context = false;
  while (!r.at_end()) {
    Tlv t;
    if (Status s = read_tlv(r, &t, "aarq"); !s) return s;
    switch (t.tag) {
      case 0x80:
        a.has_protocol_version = true;
        a.protocol_version = t.value;
        break;
      case 0xA1:
        if (Status s = unwrap(t.value, 0x06, &a.application_context_name, "aarq.application_context_name"); !s)
          return s;
        a.application_context = context_of(a.application_context_name);
        has_context = true;
        break;
      case 0xA2:
        if (Status s = unwrap(t.value, 0x04, &a.called_ap_title, "aarq.called_ap_title"); !s) return s;
        break;
      case 0xA6:
        if (Status s = unwrap(t.value, 0x04, &a.calling_ap_title, "aarq.calling_ap_title"); !s) return s;
        break;
      case 0xA7:
        if (Status s = unwrap(t.value, 0x04, &a.calling_ae_qualifier, "aarq.calling_ae_qualifier"); !s) return s;
        break;
      case 0xA9: {
        std::span<const std::uint8_t> id;
        if (Status s = unwrap(t.value, 0x02, &id, "aarq.calling_ae_invocation_id"); !s) return s;
        if (Status s = read_user_id(id, &a.calling_ae_invocation_id, "aarq.calling_ae_invocation_id"); !s) return s;
        a.has_calling_ae_invocation_id = true;
        break;
      }
      case 0x8A:
        if (Status s = read_acse_requirements(t.value, &a.authentication_functional_unit,
                                              "aarq.sender_acse_requirements");
            !s)
          return s;
        break;
      case 0x8B:
        a.has_mechanism = true;
        a.mechanism_name = t.value;
        a.mechanism = mechanism_of(t.value);
        break;
      case 0xAC:
        if (Status s = read_authentication_value(t.value, &a.authentication_value_kind, &a.authentication_value,
                                                 "aarq.calling_authentication_value");
            !s)
          return s;
        a.has_authentication_value = true;
        break;
      case 0xBE:
        if (Status s = unwrap(t.value, 0x04, &a.user_information, "aarq.user_information"); !s) return s;
        a.has_user_information = true;
        break;
      default:
        break;  // the AP invocation identifiers, called-AE-qualifier and -invocation-id, implementation-information
    }
  }
  if (!has_context) return bad_value("aarq.application_context_name");
  *out = a;
  return Status::ok();
}

void encode_aarq(AxdrWriter& w, const Aarq& a) {
  w.u8(apdu_tag::kAarq);
  const AxdrWriter::Mark m = w.open_length();
  if (a.has_protocol_version) write_acse_requirements(w, 0x80);  // same bits: 07 80 = version1
  write_context_name(w, a.application_context);
  if (!a.called_ap_title.empty()) write_wrapped(w, 0xA2, 0x04, a.called_ap_title);
  if (!a.calling_ap_title.empty()) write_wrapped(w, 0xA6, 0x04, a.calling_ap_title);
  if (!a.calling_ae_qualifier.empty()) write_wrapped(w, 0xA7, 0x04, a.calling_ae_qualifier);
  if (a.has_calling_ae_invocation_id) {
    // Strict BER: an id above 127 takes a leading zero octet to stay positive.
    const std::uint8_t id = a.calling_ae_invocation_id;
    const std::array<std::uint8_t, 2> content{0x00, id};
    const std::span<const std::uint8_t> integer(content);
    write_wrapped(w, 0xA9, 0x02, id > 0x7F ? integer : integer.subspan(1));
  }
  if (a.authentication_functional_unit) write_acse_requirements(w, 0x8A);
  if (a.has_mechanism) write_mechanism(w, 0x8B, a.mechanism);
  if (a.has_authentication_value)
    write_authentication_value(w, 0xAC, a.authentication_value_kind, a.authentication_value);
  if (a.has_user_information) write_wrapped(w, 0xBE, 0x04, a.user_information);
  w.close_length(m);
}

Status decode_aare(std::span<const std::uint8_t> apdu, Aare* out) {
  std::span<const std::uint8_t> content;
  if (Status s = read_outer(apdu, apdu_tag::kAare, &content, "aare"); !s) return s;
  AxdrReader r(content);
  Aare a;
  a.application_context = ApplicationContext::kUnknown;
  bool has_context = false, has_result = false, has_diagnostic = false;
  while (!r.at_end()) {
    Tlv t;
    if (Status s = read_tlv(r, &t, "aare"); !s) return s;
    switch (t.tag) {
      case 0xA1:
        if (Status s = unwrap(t.value, 0x06, &a.application_context_name, "aare.application_context_name"); !s)
          return s;
        a.application_context = context_of(a.application_context_name);
        has_context = true;
        break;
      case 0xA2: {
        std::span<const std::uint8_t> v;
        std::uint8_t result = 0;
        if (Status s = unwrap(t.value, 0x02, &v, "aare.result"); !s) return s;
        if (Status s = read_small_integer(v, &result, "aare.result"); !s) return s;
        if (result > 2) return bad_value("aare.result");
        a.result = static_cast<AssociationResult>(result);
        has_result = true;
        break;
      }
      case 0xA3: {
        AxdrReader d(t.value);
        Tlv choice;
        std::span<const std::uint8_t> v;
        if (Status s = read_tlv(d, &choice, "aare.result_source_diagnostic"); !s) return s;
        if (!d.at_end()) return bad_length("aare.result_source_diagnostic");
        if (choice.tag != 0xA1 && choice.tag != 0xA2) return unknown_tag("aare.result_source_diagnostic");
        if (Status s = unwrap(choice.value, 0x02, &v, "aare.result_source_diagnostic"); !s) return s;
        if (Status s = read_small_integer(v, &a.diagnostic, "aare.result_source_diagnostic"); !s) return s;
        a.diagnostic_source = choice.tag == 0xA1 ? DiagnosticSource::kAcseServiceUser
                                                 : DiagnosticSource::kAcseServiceProvider;
        has_diagnostic = true;
        break;
      }
      case 0xA4:
        if (Status s = unwrap(t.value, 0x04, &a.responding_ap_title, "aare.responding_ap_title"); !s) return s;
        break;
      case 0x88:
        if (Status s = read_acse_requirements(t.value, &a.authentication_functional_unit,
                                              "aare.responder_acse_requirements");
            !s)
          return s;
        break;
      case 0x89:
        a.has_mechanism = true;
        a.mechanism_name = t.value;
        a.mechanism = mechanism_of(t.value);
        break;
      case 0xAA:
        if (Status s = read_authentication_value(t.value, &a.authentication_value_kind, &a.authentication_value,
                                                 "aare.responding_authentication_value");
            !s)
          return s;
        a.has_authentication_value = true;
        break;
      case 0xBE:
        if (Status s = unwrap(t.value, 0x04, &a.user_information, "aare.user_information"); !s) return s;
        a.has_user_information = true;
        break;
      default:
        break;  // protocol-version, responding AE qualifier / invocation identifiers, implementation-information
    }
  }
  if (!has_context) return bad_value("aare.application_context_name");
  if (!has_result) return bad_value("aare.result");
  if (!has_diagnostic) return bad_value("aare.result_source_diagnostic");
  *out = a;
  return Status::ok();
}

void encode_aare(AxdrWriter& w, const Aare& a) {
  w.u8(apdu_tag::kAare);
  const AxdrWriter::Mark m = w.open_length();
  write_context_name(w, a.application_context);
  write_small_integer_wrapped(w, 0xA2, static_cast<std::uint8_t>(a.result));
  w.u8(0xA3);
  const AxdrWriter::Mark d = w.open_length();
  write_small_integer_wrapped(w, a.diagnostic_source == DiagnosticSource::kAcseServiceUser ? 0xA1 : 0xA2,
                              a.diagnostic);
  w.close_length(d);
  if (!a.responding_ap_title.empty()) write_wrapped(w, 0xA4, 0x04, a.responding_ap_title);
  if (a.authentication_functional_unit) write_acse_requirements(w, 0x88);
  if (a.has_mechanism) write_mechanism(w, 0x89, a.mechanism);
  if (a.has_authentication_value)
    write_authentication_value(w, 0xAA, a.authentication_value_kind, a.authentication_value);
  if (a.has_user_information) write_wrapped(w, 0xBE, 0x04, a.user_information);
  w.close_length(m);
}

Status decode_rlrq(std::span<const std::uint8_t> apdu, Release* out) {
  return decode_release(apdu, apdu_tag::kRlrq, out, "rlrq", "rlrq.reason", "rlrq.user_information");
}
void encode_rlrq(AxdrWriter& w, const Release& r) { encode_release(w, apdu_tag::kRlrq, r); }
Status decode_rlre(std::span<const std::uint8_t> apdu, Release* out) {
  return decode_release(apdu, apdu_tag::kRlre, out, "rlre", "rlre.reason", "rlre.user_information");
}
void encode_rlre(AxdrWriter& w, const Release& r) { encode_release(w, apdu_tag::kRlre, r); }

}  // namespace quadra::dlms
