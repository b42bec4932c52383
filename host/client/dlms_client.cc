#include "host/client/dlms_client.h"

#include <fmt/format.h>
#include <sys/random.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "core/dlms/acse.h"
#include "core/dlms/action.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/general_block_transfer.h"
#include "core/dlms/axdr_writer.h"
#include "core/dlms/errors.h"
#include "core/dlms/get.h"
#include "core/dlms/set.h"
#include "core/security/ciphered_apdu.h"
#include "core/security/hls_gmac.h"

namespace quadra::client {
namespace {

using dlms::apdu_tag::kActionResponse;
using dlms::apdu_tag::kGetResponse;
using dlms::apdu_tag::kSetResponse;

constexpr dlms::InvokeIdAndPriority kInvoke = dlms::InvokeIdAndPriority::make(1, true, true);  // C1
constexpr dlms::MethodDescriptor kReplyToHls{15, {0, 0, 40, 0, 0, 255}, 1};
// Room for the largest APDU a wrapper frame carries, plus ciphering.
constexpr std::size_t kMaxApdu = 0xFFFF + security::kMaxProtectOverhead;
// A block transfer that never ends (empty blocks forever) stops here.
constexpr std::uint32_t kMaxBlocks = 1000000;

std::string status_text(const Status& s) { return fmt::format("{}: {}", s.field(), s.reason()); }

// Runs an encoder into a fresh buffer and returns the bytes (throws on the writer's error).
template <typename F>
std::vector<std::uint8_t> encode(const char* what, F&& f) {
  std::vector<std::uint8_t> buf(kMaxApdu);
  dlms::AxdrWriter w(buf);
  f(w);
  if (!w.ok()) throw ClientError(fmt::format("{}: cannot encode the request ({})", what, status_text(w.status())));
  buf.resize(w.size());
  return buf;
}

const char* diagnostic_name(dlms::DiagnosticSource source, std::uint8_t d) {
  if (source == dlms::DiagnosticSource::kAcseServiceProvider) {
    switch (d) {
      case 0: return "null";
      case 1: return "no-reason-given";
      case 2: return "no-common-acse-version";
      default: return "unknown";
    }
  }
  static const char* const names[] = {"null",
                                      "no-reason-given",
                                      "application-context-name-not-supported",
                                      "calling-AP-title-not-recognized",
                                      "calling-AP-invocation-identifier-not-recognized",
                                      "calling-AE-qualifier-not-recognized",
                                      "calling-AE-invocation-identifier-not-recognized",
                                      "called-AP-title-not-recognized",
                                      "called-AP-invocation-identifier-not-recognized",
                                      "called-AE-qualifier-not-recognized",
                                      "called-AE-invocation-identifier-not-recognized",
                                      "authentication-mechanism-name-not-recognised",
                                      "authentication-mechanism-name-required",
                                      "authentication-failure",
                                      "authentication-required"};
  return d < std::size(names) ? names[d] : "unknown";
}

std::vector<std::uint8_t> random_challenge() {
  // Printable (the challenge is a GraphicString), 16 octets of [0-9A-Za-z].
  static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::array<std::uint8_t, 16> r{};
  if (getrandom(r.data(), r.size(), 0) != static_cast<ssize_t>(r.size()))
    throw ClientError("HLS: no random octets for the client challenge");
  std::vector<std::uint8_t> c;
  for (std::uint8_t b : r) c.push_back(static_cast<std::uint8_t>(alphabet[b % 62]));
  return c;
}

std::string rejection_text(security::Rejection r) {
  switch (r) {
    case security::Rejection::kNone: return "none";
    case security::Rejection::kMalformed: return "malformed";
    case security::Rejection::kNotCiphered: return "not ciphered";
    case security::Rejection::kUnsupported: return "unsupported security control";
    case security::Rejection::kNoKey: return "no key for it";
    case security::Rejection::kReplay: return "invocation counter replayed";
    case security::Rejection::kAuthentication: return "authentication tag mismatch (wrong keys?)";
    case security::Rejection::kWrongContent: return "plain tag does not match the ciphered tag";
    case security::Rejection::kOutputTooSmall: return "too long";
  }
  return "?";
}

}  // namespace

std::string describe(const dlms::AttributeDescriptor& a) {
  return fmt::format("{}/{}.{}.{}.{}.{}.{}/{}", a.class_id, a.instance_id[0], a.instance_id[1], a.instance_id[2],
                     a.instance_id[3], a.instance_id[4], a.instance_id[5], a.attribute_id);
}

std::string describe(const dlms::MethodDescriptor& m) {
  return fmt::format("{}/{}.{}.{}.{}.{}.{}/{}", m.class_id, m.instance_id[0], m.instance_id[1], m.instance_id[2],
                     m.instance_id[3], m.instance_id[4], m.instance_id[5], m.method_id);
}

std::string data_access_result_text(std::uint8_t r) {
  const char* name = "unknown";
  switch (r) {
    case 0: name = "success"; break;
    case 1: name = "hardware-fault"; break;
    case 2: name = "temporary-failure"; break;
    case 3: name = "read-write-denied"; break;
    case 4: name = "object-undefined"; break;
    case 9: name = "object-class-inconsistent"; break;
    case 11: name = "object-unavailable"; break;
    case 12: name = "type-unmatched"; break;
    case 13: name = "scope-of-access-violated"; break;
    case 14: name = "data-block-unavailable"; break;
    case 15: name = "long-get-aborted"; break;
    case 16: name = "no-long-get-in-progress"; break;
    case 17: name = "long-set-aborted"; break;
    case 18: name = "no-long-set-in-progress"; break;
    case 19: name = "data-block-number-invalid"; break;
    case 250: name = "other-reason"; break;
    default: break;
  }
  return fmt::format("{} ({})", name, r);
}

std::string action_result_text(std::uint8_t r) {
  if (r == 15) return "long-action-aborted (15)";
  if (r == 16) return "no-long-action-in-progress (16)";
  if (r == 17 || r == 18 || r == 19) return fmt::format("unknown ({})", r);
  return data_access_result_text(r);
}

std::string exception_text(std::span<const std::uint8_t> apdu) {
  dlms::ExceptionResponse e;
  const Status s = dlms::decode_exception_response(apdu, &e);
  if (!s.is_ok()) return fmt::format("EXCEPTION-Response (malformed: {})", status_text(s));
  const char* state = e.state_error == dlms::StateError::kServiceNotAllowed ? "service-not-allowed" : "service-unknown";
  const char* service = "?";
  switch (e.service_error) {
    case dlms::ServiceError::kOperationNotPossible: service = "operation-not-possible"; break;
    case dlms::ServiceError::kServiceNotSupported: service = "service-not-supported"; break;
    case dlms::ServiceError::kOtherReason: service = "other-reason"; break;
    case dlms::ServiceError::kPduTooLong: service = "pdu-too-long"; break;
    case dlms::ServiceError::kDecipheringError: service = "deciphering-error"; break;
    case dlms::ServiceError::kInvocationCounterError: service = "invocation-counter-error"; break;
  }
  std::string t = fmt::format("EXCEPTION-Response: state-error {} ({}), service-error {} ({})", state,
                              static_cast<int>(e.state_error), service, static_cast<int>(e.service_error));
  if (e.service_error == dlms::ServiceError::kInvocationCounterError)
    t += fmt::format(", the server expects invocation counter {}", e.invocation_counter);
  return t;
}

std::string confirmed_service_error_text(std::span<const std::uint8_t> apdu) {
  dlms::ConfirmedServiceError e;
  const Status s = dlms::decode_confirmed_service_error(apdu, &e);
  if (!s.is_ok()) return fmt::format("ConfirmedServiceError (malformed: {})", status_text(s));
  static const char* const classes[] = {"application-reference", "hardware-resource", "vde-state-error", "service",
                                        "definition", "access", "initiate", "load-data-set", "change-scope", "task",
                                        "other"};
  const auto c = static_cast<std::size_t>(e.error_class);
  std::string code = fmt::format("{}", e.code);
  if (e.error_class == dlms::ErrorClass::kInitiate) {
    static const char* const initiate[] = {"other", "dlms-version-too-low", "incompatible-conformance",
                                           "pdu-size-too-short", "refused-by-the-VDE-Handler"};
    if (e.code < std::size(initiate)) code = fmt::format("{} ({})", initiate[e.code], e.code);
  }
  return fmt::format("ConfirmedServiceError: service {}, error class {} ({}), code {}", static_cast<int>(e.service),
                     c < std::size(classes) ? classes[c] : "?", c, code);
}

DlmsClient::DlmsClient(Transport& transport, ClientConfig config)
    : transport_(transport), config_(std::move(config)), invocation_counter_(config_.invocation_counter) {
  if ((config_.authentication == Authentication::kHigh || config_.ciphering) && !config_.keys)
    throw ClientError("HLS-GMAC and ciphering need the keys: --system-title, --ek and --ak");
  if (config_.server_system_title) {
    server_title_ = *config_.server_system_title;
    have_server_title_ = true;
  }
  if (!config_.dedicated_key.empty() && config_.dedicated_key.size() != security::kKeySize)
    throw ClientError("the dedicated key must be 16 octets");
}

void DlmsClient::send_raw(std::span<const std::uint8_t> apdu) {
  if (trace) trace(">", apdu);
  transport_.send(apdu);
}

std::vector<std::uint8_t> DlmsClient::protect(std::span<const std::uint8_t> plain) {
  if (trace) trace(">p", plain);
  security::ProtectParams p;
  p.key_kind = security::KeyKind::kGlobal;
  p.security_control = security::SecurityControl::from_byte(0x30);
  p.invocation_counter = invocation_counter_++;
  p.system_title = config_.system_title;
  p.encryption_key = config_.block_cipher_key;
  p.authentication_key = config_.authentication_key;
  std::vector<std::uint8_t> out(plain.size() + security::kMaxProtectOverhead);
  std::size_t n = 0;
  const Status s = security::protect(p, plain, out, &n);
  if (!s.is_ok()) throw ClientError("ciphering a request: " + status_text(s));
  out.resize(n);
  return out;
}

std::vector<std::uint8_t> DlmsClient::unprotect(std::span<const std::uint8_t> apdu, const std::string& what) {
  security::ReceiveKeys keys;
  keys.global_unicast = &config_.block_cipher_key;
  security::Key128 dedicated{};
  if (!config_.dedicated_key.empty()) {
    std::copy(config_.dedicated_key.begin(), config_.dedicated_key.end(), dedicated.begin());
    keys.dedicated = &dedicated;
  }
  keys.authentication = config_.authentication_key;
  std::vector<std::uint8_t> plain(apdu.size());
  security::Unprotected info;
  const Status s = security::unprotect(apdu, keys, server_title_, &server_counter_, plain, &info);
  if (!s.is_ok())
    throw ClientError(fmt::format("{}: the ciphered answer is refused: {} ({})", what, rejection_text(info.rejection),
                                  status_text(s)));
  if (!info.apdu.general_ciphering && !have_server_title_)
    throw ClientError(fmt::format("{}: a ciphered answer but the AARE gave no server system title", what));
  plain.resize(info.plain_size);
  if (trace) trace("<p", plain);
  return plain;
}

std::vector<std::uint8_t> DlmsClient::receive_whole(const std::string& what) {
  std::vector<std::uint8_t> apdu = transport_.receive();
  if (trace) trace("<", apdu);
  if (apdu.empty() || apdu[0] != dlms::apdu_tag::kGeneralBlockTransfer) return apdu;
  std::vector<std::uint8_t> whole;
  std::uint16_t expected = 0;  // the server numbers its blocks on from its first
  std::uint16_t mine = 0;      // the client's acknowledgements are its own blocks, from 1
  for (;;) {
    dlms::GeneralBlockTransfer g;
    if (!dlms::decode_general_block_transfer(apdu, &g).is_ok())
      throw ClientError(what + ": a malformed general-block-transfer APDU");
    if (expected != 0 && g.block_number != expected)
      throw ClientError(fmt::format("{}: general-block-transfer block {} where block {} was due", what,
                                    g.block_number, expected));
    whole.insert(whole.end(), g.block_data.begin(), g.block_data.end());
    if (whole.size() > config_.max_value_size)
      throw ClientError(fmt::format("{}: more than {} octets in general-block-transfer blocks", what,
                                    config_.max_value_size));
    if (g.last_block) {
      if (whole.empty()) throw ClientError(what + ": an empty general-block-transfer answer");
      return whole;
    }
    // Window 1: acknowledge this block, which asks for the next. The acknowledgement is a whole
    // (empty) message of the client's, hence last-block.
    expected = static_cast<std::uint16_t>(g.block_number + 1);
    std::array<std::uint8_t, 8> ack{};
    dlms::AxdrWriter w(ack);
    dlms::GeneralBlockTransfer a;
    a.block_number = ++mine;
    a.block_number_ack = g.block_number;
    dlms::encode_general_block_transfer(w, a);
    send_raw(w.bytes());
    apdu = transport_.receive();
    if (trace) trace("<", apdu);
  }
}

std::vector<std::uint8_t> DlmsClient::receive_plain(const std::string& what) {
  for (;;) {
    std::vector<std::uint8_t> apdu = receive_whole(what);
    if (apdu.empty()) throw ClientError(what + ": an empty APDU from the server");
    const std::uint8_t tag = apdu[0];
    std::uint8_t plain_tag = 0;
    security::KeyKind kind{};
    const bool ciphered = security::plain_tag_for(tag, &plain_tag, &kind) ||
                          tag == security::tag::kGeneralGloCiphering || tag == security::tag::kGeneralDedCiphering;
    std::vector<std::uint8_t> plain = ciphered ? unprotect(apdu, what) : std::move(apdu);
    if (plain.empty()) throw ClientError(what + ": an empty APDU inside the ciphered answer");
    // Unsolicited notifications are not answers: skip them.
    if (plain[0] == dlms::apdu_tag::kDataNotification || plain[0] == dlms::apdu_tag::kEventNotificationRequest) continue;
    if (config_.ciphering && associated_ && !ciphered && plain[0] != dlms::apdu_tag::kExceptionResponse &&
        plain[0] != dlms::apdu_tag::kConfirmedServiceError)
      throw ClientError(fmt::format("{}: a plain answer (tag {:02X}) in a ciphered association is refused", what, plain[0]));
    return plain;
  }
}

void DlmsClient::check_not_error(std::span<const std::uint8_t> plain, std::uint8_t expected_tag, const std::string& what) {
  if (plain[0] == dlms::apdu_tag::kExceptionResponse) throw ClientError(what + ": " + exception_text(plain));
  if (plain[0] == dlms::apdu_tag::kConfirmedServiceError)
    throw ClientError(what + ": " + confirmed_service_error_text(plain));
  if (plain[0] != expected_tag)
    throw ClientError(fmt::format("{}: unexpected answer tag {:02X} (expected {:02X})", what, plain[0], expected_tag));
}

std::vector<std::uint8_t> DlmsClient::exchange(std::span<const std::uint8_t> plain_request, const std::string& what) {
  if (!associated_) throw ClientError(what + ": not associated");
  if (negotiated_.server_max_receive_pdu_size != 0) {
    const std::size_t size = plain_request.size() + (config_.ciphering ? security::kMaxProtectOverhead : 0);
    if (size > negotiated_.server_max_receive_pdu_size)
      throw ClientError(fmt::format("{}: the request ({} octets) exceeds the server's max receive PDU size {}", what,
                                    size, negotiated_.server_max_receive_pdu_size));
  }
  if (config_.ciphering) {
    const std::vector<std::uint8_t> c = protect(plain_request);
    send_raw(c);
  } else {
    send_raw(plain_request);
  }
  return receive_plain(what);
}

std::vector<std::uint8_t> DlmsClient::build_aarq(std::span<const std::uint8_t> challenge) {
  dlms::InitiateRequest ir;
  ir.dedicated_key = config_.dedicated_key;
  ir.conformance = config_.conformance;
  ir.client_max_receive_pdu_size = config_.max_receive_pdu;
  std::vector<std::uint8_t> user_information = encode("AARQ", [&](dlms::AxdrWriter& w) { dlms::encode_initiate_request(w, ir); });
  if (config_.ciphering) user_information = protect(user_information);

  dlms::Aarq a;
  a.application_context =
      config_.ciphering ? dlms::ApplicationContext::kLogicalNameCiphered : dlms::ApplicationContext::kLogicalName;
  if (config_.ciphering) a.calling_ap_title = config_.system_title;
  if (config_.authentication != Authentication::kNone) {
    a.authentication_functional_unit = true;
    a.has_mechanism = true;
    a.has_authentication_value = true;
    a.authentication_value_kind = dlms::AuthenticationValueKind::kCharString;
    if (config_.authentication == Authentication::kLow) {
      a.mechanism = dlms::Mechanism::kLow;
      a.authentication_value = {reinterpret_cast<const std::uint8_t*>(config_.password.data()), config_.password.size()};
    } else {
      a.mechanism = dlms::Mechanism::kHighGmac;
      a.authentication_value = challenge;
    }
  }
  a.has_user_information = true;
  a.user_information = user_information;
  return encode("AARQ", [&](dlms::AxdrWriter& w) { dlms::encode_aarq(w, a); });
}

void DlmsClient::associate() {
  std::vector<std::uint8_t> challenge;
  if (config_.authentication == Authentication::kHigh) {
    challenge = config_.challenge.empty() ? random_challenge() : config_.challenge;
    if (challenge.size() < security::kMinChallengeSize || challenge.size() > security::kMaxChallengeSize)
      throw ClientError("HLS: the client challenge must be 8 to 64 octets");
  }
  const std::vector<std::uint8_t> aarq = build_aarq(challenge);
  send_raw(aarq);
  const std::vector<std::uint8_t> apdu = transport_.receive();
  if (trace) trace("<", apdu);
  if (!apdu.empty() && apdu[0] == dlms::apdu_tag::kExceptionResponse)
    throw ClientError("association: " + exception_text(apdu));
  dlms::Aare aare;
  if (const Status s = dlms::decode_aare(apdu, &aare); !s.is_ok())
    throw ClientError(fmt::format("association: the answer is not a valid AARE ({})", status_text(s)));
  if (aare.responding_ap_title.size() == security::kSystemTitleSize) {
    std::copy(aare.responding_ap_title.begin(), aare.responding_ap_title.end(), server_title_.begin());
    have_server_title_ = true;
  }

  // The user-information: InitiateResponse or ConfirmedServiceError, plain or ciphered.
  std::vector<std::uint8_t> ui;
  if (aare.has_user_information && !aare.user_information.empty()) {
    const std::uint8_t t = aare.user_information[0];
    if (t == dlms::apdu_tag::kGloInitiateResponse || t == dlms::apdu_tag::kGloConfirmedServiceError) {
      if (!config_.ciphering) throw ClientError("association: the server ciphered its answer but no keys were given");
      ui = unprotect(aare.user_information, "association");
    } else {
      ui.assign(aare.user_information.begin(), aare.user_information.end());
    }
  }
  if (aare.result != dlms::AssociationResult::kAccepted) {
    std::string m = fmt::format(
        "association refused: result {} ({}), {} diagnostic {} ({})",
        aare.result == dlms::AssociationResult::kRejectedPermanent ? "rejected-permanent" : "rejected-transient",
        static_cast<int>(aare.result),
        aare.diagnostic_source == dlms::DiagnosticSource::kAcseServiceUser ? "acse-service-user" : "acse-service-provider",
        diagnostic_name(aare.diagnostic_source, aare.diagnostic), aare.diagnostic);
    if (!ui.empty() && ui[0] == dlms::apdu_tag::kConfirmedServiceError) m += "; " + confirmed_service_error_text(ui);
    if (config_.ciphering)
      m += fmt::format(" (the AARQ was ciphered with invocation counter {}: a server refuses it this way when it "
                       "does not hold the keys or has accepted a counter as high)",
                       invocation_counter_ - 1);
    throw ClientError(m);
  }
  if (ui.empty()) throw ClientError("association: the AARE carries no InitiateResponse");
  if (ui[0] == dlms::apdu_tag::kConfirmedServiceError)
    throw ClientError("association: " + confirmed_service_error_text(ui));
  if (const Status s = dlms::decode_initiate_response(ui, &negotiated_); !s.is_ok())
    throw ClientError(fmt::format("association: the InitiateResponse is malformed ({})", status_text(s)));
  if (negotiated_.vaa_name != dlms::kVaaNameLn)
    throw ClientError(fmt::format("association: the server answers with short names (vaa-name {:04X}); only LN "
                                  "referencing is supported",
                                  negotiated_.vaa_name));

  if (config_.authentication == Authentication::kHigh) {
    if (aare.diagnostic != dlms::user_diagnostic::kAuthenticationRequired || !aare.has_authentication_value)
      throw ClientError(fmt::format("association: HLS expected the server's challenge (diagnostic "
                                    "authentication-required), got diagnostic {} ({})",
                                    diagnostic_name(aare.diagnostic_source, aare.diagnostic), aare.diagnostic));
    if (aare.has_mechanism && aare.mechanism != dlms::Mechanism::kHighGmac)
      throw ClientError("association: the server names another HLS mechanism than GMAC (5)");
    if (!have_server_title_)
      throw ClientError("association: HLS-GMAC needs the server system title (the AARE carries none)");
    associated_ = true;
    hls_pass3(challenge, aare.authentication_value);
  }
  associated_ = true;
}

void DlmsClient::hls_pass3(std::span<const std::uint8_t> challenge, std::span<const std::uint8_t> server_challenge) {
  std::array<std::uint8_t, security::kHlsGmacResponseSize> f{};
  if (const Status s = security::hls_gmac_response(config_.block_cipher_key, config_.authentication_key,
                                                   config_.system_title, invocation_counter_++, server_challenge, f);
      !s.is_ok())
    throw ClientError("HLS pass 3: " + status_text(s));
  std::vector<std::uint8_t> param = encode("HLS", [&](dlms::AxdrWriter& w) { w.octet_string(f); });
  std::optional<std::vector<std::uint8_t>> back;
  try {
    back = action(kReplyToHls, param);
  } catch (const ClientError& e) {
    associated_ = false;
    throw ClientError(std::string("HLS authentication failed: ") + e.what());
  }
  if (!back) {
    associated_ = false;
    throw ClientError("HLS authentication failed: the server returned no f(CtoS)");
  }
  dlms::AxdrReader r(*back);
  dlms::AxdrItem item;
  if (!r.expect(dlms::DataType::kOctetString, &item, "hls").is_ok() || !r.at_end()) {
    associated_ = false;
    throw ClientError("HLS authentication failed: the server's f(CtoS) is not an octet-string");
  }
  std::uint32_t server_ic = 0;
  if (const Status s = security::hls_gmac_verify(config_.block_cipher_key, config_.authentication_key, server_title_,
                                                 challenge, item.bytes, &server_ic);
      !s.is_ok()) {
    associated_ = false;
    throw ClientError("HLS authentication failed: the server's answer does not prove its keys (" + status_text(s) + ")");
  }
}

std::vector<std::uint8_t> DlmsClient::get(const dlms::AttributeDescriptor& attribute, const dlms::SelectiveAccess& access) {
  const std::string what = "GET " + describe(attribute);
  const std::vector<std::uint8_t> req = encode("GET", [&](dlms::AxdrWriter& w) {
    dlms::encode_get_request_normal(w, kInvoke, dlms::AttributeReference{attribute, access});
  });
  std::vector<std::uint8_t> answer = exchange(req, what);
  std::vector<std::uint8_t> value;
  std::uint32_t expected_block = 1;
  for (;;) {
    check_not_error(answer, kGetResponse, what);
    auto p = std::make_unique<dlms::GetResponse>();
    if (const Status s = dlms::decode_get_response(answer, p.get()); !s.is_ok())
      throw ClientError(fmt::format("{}: malformed GET-Response ({})", what, status_text(s)));
    if (p->invoke.invoke_id() != kInvoke.invoke_id())
      throw ClientError(fmt::format("{}: the answer has invoke id {} (sent {})", what, p->invoke.invoke_id(),
                                    kInvoke.invoke_id()));
    if (p->type == dlms::GetResponseType::kNormal) {
      if (expected_block != 1) throw ClientError(what + ": a normal GET-Response in the middle of a block transfer");
      if (!p->result.is_data)
        throw ClientError(fmt::format("{}: data-access-result {}", what,
                                      data_access_result_text(static_cast<std::uint8_t>(p->result.result))));
      return {p->result.data.begin(), p->result.data.end()};
    }
    if (p->type != dlms::GetResponseType::kWithDatablock)
      throw ClientError(what + ": a GET-Response-With-List to a normal request");
    const dlms::DataBlockG& b = p->block;
    if (!b.is_raw_data)
      throw ClientError(fmt::format("{}: data-access-result {} in block {}", what,
                                    data_access_result_text(b.data_access_result), b.block_number));
    if (b.block_number != expected_block)
      throw ClientError(fmt::format("{}: block {} received, block {} expected", what, b.block_number, expected_block));
    if (value.size() + b.raw_data.size() > config_.max_value_size)
      throw ClientError(fmt::format("{}: the value exceeds {} octets", what, config_.max_value_size));
    value.insert(value.end(), b.raw_data.begin(), b.raw_data.end());
    if (b.last_block) break;
    if (expected_block >= kMaxBlocks)
      throw ClientError(fmt::format("{}: more than {} blocks without the last one", what, kMaxBlocks));
    const std::vector<std::uint8_t> next =
        encode("GET", [&](dlms::AxdrWriter& w) { dlms::encode_get_request_next(w, kInvoke, b.block_number); });
    ++expected_block;
    answer = exchange(next, what);
  }
  // The blocks together must form one Data value.
  dlms::AxdrReader r(value);
  if (const Status s = r.skip_value(); !s.is_ok() || !r.at_end())
    throw ClientError(fmt::format("{}: the {} blocks do not form one Data value ({})", what, expected_block,
                                  s.is_ok() ? "trailing octets" : status_text(s)));
  return value;
}

void DlmsClient::set(const dlms::AttributeDescriptor& attribute, std::span<const std::uint8_t> value) {
  const std::string what = "SET " + describe(attribute);
  const std::vector<std::uint8_t> req = encode("SET", [&](dlms::AxdrWriter& w) {
    dlms::encode_set_request_normal(w, kInvoke, dlms::AttributeReference{attribute, {}}, value);
  });
  const std::vector<std::uint8_t> answer = exchange(req, what);
  check_not_error(answer, kSetResponse, what);
  auto p = std::make_unique<dlms::SetResponse>();
  if (const Status s = dlms::decode_set_response(answer, p.get()); !s.is_ok())
    throw ClientError(fmt::format("{}: malformed SET-Response ({})", what, status_text(s)));
  if (p->type != dlms::SetResponseType::kNormal) throw ClientError(what + ": not a SET-Response-Normal");
  if (p->invoke.invoke_id() != kInvoke.invoke_id()) throw ClientError(what + ": the answer has another invoke id");
  if (p->result != dlms::DataAccessResult::kSuccess)
    throw ClientError(
        fmt::format("{}: data-access-result {}", what, data_access_result_text(static_cast<std::uint8_t>(p->result))));
}

std::optional<std::vector<std::uint8_t>> DlmsClient::action(const dlms::MethodDescriptor& method,
                                                            std::span<const std::uint8_t> parameters) {
  const std::string what = "ACTION " + describe(method);
  const std::vector<std::uint8_t> req = encode(
      "ACTION", [&](dlms::AxdrWriter& w) { dlms::encode_action_request_normal(w, kInvoke, method, parameters); });
  const std::vector<std::uint8_t> answer = exchange(req, what);
  check_not_error(answer, kActionResponse, what);
  auto p = std::make_unique<dlms::ActionResponse>();
  if (const Status s = dlms::decode_action_response(answer, p.get()); !s.is_ok())
    throw ClientError(fmt::format("{}: malformed ACTION-Response ({})", what, status_text(s)));
  if (p->type != dlms::ActionResponseType::kNormal)
    throw ClientError(what + ": not an ACTION-Response-Normal (block transfer of returned data is not supported)");
  if (p->invoke.invoke_id() != kInvoke.invoke_id()) throw ClientError(what + ": the answer has another invoke id");
  if (p->single.result != dlms::ActionResult::kSuccess)
    throw ClientError(
        fmt::format("{}: action-result {}", what, action_result_text(static_cast<std::uint8_t>(p->single.result))));
  if (!p->single.has_return) return std::nullopt;
  if (!p->single.return_parameters.is_data)
    throw ClientError(fmt::format(
        "{}: data-access-result {}", what,
        data_access_result_text(static_cast<std::uint8_t>(p->single.return_parameters.result))));
  return std::vector<std::uint8_t>(p->single.return_parameters.data.begin(), p->single.return_parameters.data.end());
}

void DlmsClient::release() {
  const std::vector<std::uint8_t> rlrq = encode("RLRQ", [&](dlms::AxdrWriter& w) {
    dlms::Release r;
    r.has_reason = true;
    r.reason = 0;
    dlms::encode_rlrq(w, r);
  });
  send_raw(rlrq);
  associated_ = false;
  const std::vector<std::uint8_t> apdu = transport_.receive();
  if (trace) trace("<", apdu);
  if (!apdu.empty() && apdu[0] == dlms::apdu_tag::kExceptionResponse) throw ClientError("release: " + exception_text(apdu));
  dlms::Release rlre;
  if (const Status s = dlms::decode_rlre(apdu, &rlre); !s.is_ok())
    throw ClientError(fmt::format("release: the answer is not a valid RLRE ({})", status_text(s)));
  if (rlre.has_reason && rlre.reason != 0) throw ClientError(fmt::format("release: RLRE reason {} (not normal)", rlre.reason));
}

// ---- Selective access ----

std::array<std::uint8_t, 12> cosem_date_time(int year, int month, int day, int hour, int minute, int second) {
  return {static_cast<std::uint8_t>(year >> 8), static_cast<std::uint8_t>(year), static_cast<std::uint8_t>(month),
          static_cast<std::uint8_t>(day),       0xFF,                            static_cast<std::uint8_t>(hour),
          static_cast<std::uint8_t>(minute),    static_cast<std::uint8_t>(second), 0x00,
          0x80,                                 0x00,                            0xFF};
}

std::array<std::uint8_t, 12> parse_local_date_time(const std::string& text, const char* option) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, n = 0;
  const int fields = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n);
  bool ok = false;
  if (fields == 3) ok = text.size() == 10;
  if (fields == 5) ok = text.size() == 16;
  if (fields == 6) ok = text.size() == 19 && static_cast<std::size_t>(n) == text.size();
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  ok = ok && y >= 1000 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1] &&
       !(mo == 2 && d == 29 && !leap) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
  if (!ok) throw ClientError(fmt::format("{}: \"{}\" is not a local date and time YYYY-MM-DDTHH:MM[:SS]", option, text));
  return cosem_date_time(y, mo, d, h, mi, s);
}

dlms::SelectiveAccess range_access(const std::array<std::uint8_t, 12>& from, const std::array<std::uint8_t, 12>& to,
                                   std::vector<std::uint8_t>* storage) {
  static constexpr std::array<std::uint8_t, 6> kClock{0, 0, 1, 0, 0, 255};
  *storage = encode("range_descriptor", [&](dlms::AxdrWriter& w) {
    w.structure(4);
    w.structure(4);
    w.long_unsigned(8);
    w.octet_string(kClock);
    w.integer(2);
    w.long_unsigned(0);
    w.octet_string(from);
    w.octet_string(to);
    w.array(0);
  });
  return dlms::SelectiveAccess{true, 1, *storage};
}

dlms::SelectiveAccess entry_access(std::uint32_t from_entry, std::uint32_t to_entry, std::uint16_t from_column,
                                   std::uint16_t to_column, std::vector<std::uint8_t>* storage) {
  *storage = encode("entry_descriptor", [&](dlms::AxdrWriter& w) {
    w.structure(4);
    w.double_long_unsigned(from_entry);
    w.double_long_unsigned(to_entry);
    w.long_unsigned(from_column);
    w.long_unsigned(to_column);
  });
  return dlms::SelectiveAccess{true, 2, *storage};
}

}  // namespace quadra::client
