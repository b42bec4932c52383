// A blocking DLMS/COSEM client (LN referencing) for `quadra read` and the tests: association,
// GET (with block transfer and selective access), SET, ACTION and release, over any Transport
// (a TCP wrapper connection in practice, wrapper_transport.h).
//
//   associate()  AARQ -> AARE. Authentication none, low (LLS: the password in the AARQ) or high
//                (HLS-GMAC, mechanism 5: the AARE carries the server challenge StoC; the client
//                then calls reply_to_HLS_authentication, method 1 of the Association LN object
//                0.0.40.0.0.255, with f(StoC) and checks the f(CtoS) the server returns).
//                With ciphering (keys and system title set) the application
//                context is LN-with-ciphering, the AARQ carries the calling-AP-title and a
//                glo-initiate-request, and every GET/SET/ACTION travels as glo-ciphered APDUs
//                with security control 0x30 (authenticated and encrypted), suite 0.
//   get()        GET-Request-Normal, then GET-Request-Next until the last block when the server
//                answers with data blocks; returns the whole A-XDR Data value.
//   set()        SET-Request-Normal.
//   action()     ACTION-Request-Normal; returns the returned data, if any.
//   release()    RLRQ -> RLRE.
//
// General block transfer (ClientConfig::conformance with dlms::conformance::kGeneralBlockTransfer):
// an answer in GBT blocks is collected, acknowledging each block (window 1), and handled as the
// APDU it carries; the requests themselves go whole.
//
// Every answer is checked: its tag and invoke id, a data-access-result or action-result other
// than success, a ConfirmedServiceError, an EXCEPTION-Response, an AARE that refuses, a ciphered
// answer that does not authenticate or replays an invocation counter. Each is a ClientError
// whose message says which request failed and the result by name and number.
//
// The request APDUs are built by the core/dlms codecs with the invoke-id-and-priority C1
// (invoke id 1, confirmed, high priority), as the Green Book examples.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/dlms/apdu.h"
#include "core/dlms/data_type.h"
#include "core/dlms/initiate.h"
#include "core/security/aes_gcm.h"
#include "core/security/invocation_counter.h"
#include "core/security/security_header.h"
#include "host/client/client_error.h"

namespace quadra::client {

// One APDU out, one APDU in (the link layer's framing is the transport's business).
class Transport {
 public:
  virtual ~Transport() = default;
  virtual void send(std::span<const std::uint8_t> apdu) = 0;
  // The next APDU from the server; throws ClientError on timeout or a closed connection.
  virtual std::vector<std::uint8_t> receive() = 0;
};

enum class Authentication : std::uint8_t { kNone, kLow, kHigh };

// The conformance the client proposes: get, set, action, selective access, block transfer with
// get/set/action, multiple references, attribute 0 with get/set, priority management.
inline constexpr std::uint32_t kProposedConformance =
    dlms::conformance::kGet | dlms::conformance::kSet | dlms::conformance::kAction |
    dlms::conformance::kSelectiveAccess | dlms::conformance::kBlockTransferWithGetOrRead |
    dlms::conformance::kBlockTransferWithSetOrWrite | dlms::conformance::kBlockTransferWithAction |
    dlms::conformance::kMultipleReferences | dlms::conformance::kAttribute0SupportedWithGet |
    dlms::conformance::kAttribute0SupportedWithSet | dlms::conformance::kPriorityMgmtSupported;

struct ClientConfig {
  Authentication authentication = Authentication::kNone;
  std::string password;  // LLS
  // The suite-0 keys and the client's system title (`keys` = they are set): required for kHigh
  // and for ciphering. `ciphering` turns on the LN-with-ciphering context and glo-ciphered APDUs;
  // HLS-GMAC also works without it (the Green Book example associates that way).
  bool keys = false;
  bool ciphering = false;
  security::SystemTitle system_title{};  // the client's
  security::Key128 block_cipher_key{};   // global unicast encryption key
  security::Key128 authentication_key{};
  // The server's system title when known beforehand (needed for HLS when the AARE carries no
  // responding-AP-title); the AARE's title takes precedence.
  std::optional<security::SystemTitle> server_system_title;
  std::vector<std::uint8_t> dedicated_key;  // proposed in the glo-initiate-request when not empty
  std::uint32_t invocation_counter = 1;     // the first counter the client uses
  std::vector<std::uint8_t> challenge;      // CtoS for HLS; empty = 16 random octets
  std::uint32_t conformance = kProposedConformance;
  std::uint16_t max_receive_pdu = 0xFFFF;
  // The largest Data value get() accepts through block transfer (a runaway server stops here).
  std::size_t max_value_size = 64u << 20;
};

// "class/A.B.C.D.E.F/attribute", the way messages name an attribute or method.
std::string describe(const dlms::AttributeDescriptor& a);
std::string describe(const dlms::MethodDescriptor& m);

// Names of the result codes ("read-write-denied (3)").
std::string data_access_result_text(std::uint8_t result);
std::string action_result_text(std::uint8_t result);
std::string exception_text(std::span<const std::uint8_t> apdu);
std::string confirmed_service_error_text(std::span<const std::uint8_t> apdu);

class DlmsClient {
 public:
  DlmsClient(Transport& transport, ClientConfig config);

  // Called with every APDU sent (">") and received ("<"); ciphered APDUs are reported twice,
  // as on the wire and (">p" / "<p") as plain text.
  std::function<void(const char* direction, std::span<const std::uint8_t> apdu)> trace;

  void associate();
  std::vector<std::uint8_t> get(const dlms::AttributeDescriptor& attribute,
                                const dlms::SelectiveAccess& access = {});
  void set(const dlms::AttributeDescriptor& attribute, std::span<const std::uint8_t> value);
  // parameters: one Data value, or empty for none. Returns the return parameters, if any.
  std::optional<std::vector<std::uint8_t>> action(const dlms::MethodDescriptor& method,
                                                  std::span<const std::uint8_t> parameters);
  void release();

  bool associated() const { return associated_; }
  const dlms::InitiateResponse& negotiated() const { return negotiated_; }
  const security::SystemTitle& server_system_title() const { return server_title_; }
  // The next invocation counter the client will use.
  std::uint32_t invocation_counter() const { return invocation_counter_; }

  // The AARQ this client sends (exposed for tests); `challenge` is used only with kHigh.
  std::vector<std::uint8_t> build_aarq(std::span<const std::uint8_t> challenge);

 private:
  // Sends an xDLMS request (ciphered when ciphering is on) and returns the plain answer.
  std::vector<std::uint8_t> exchange(std::span<const std::uint8_t> plain_request, const std::string& what);
  std::vector<std::uint8_t> receive_plain(const std::string& what);
  // The next APDU; one that comes in general-block-transfer blocks is collected (each block but
  // the last acknowledged, window 1) and returned whole.
  std::vector<std::uint8_t> receive_whole(const std::string& what);
  std::vector<std::uint8_t> protect(std::span<const std::uint8_t> plain);
  std::vector<std::uint8_t> unprotect(std::span<const std::uint8_t> apdu, const std::string& what);
  void check_not_error(std::span<const std::uint8_t> plain, std::uint8_t expected_tag, const std::string& what);
  void send_raw(std::span<const std::uint8_t> apdu);
  void hls_pass3(std::span<const std::uint8_t> challenge, std::span<const std::uint8_t> server_challenge);

  Transport& transport_;
  ClientConfig config_;
  bool associated_ = false;
  dlms::InitiateResponse negotiated_{};
  security::SystemTitle server_title_{};
  bool have_server_title_ = false;
  std::uint32_t invocation_counter_ = 1;
  security::InvocationCounterGuard server_counter_;
};

// ---- Selective access parameters (IC 7 Profile generic, attribute 2) ----

// A COSEM date-time (12 octets) of a local time, day of week, hundredths and deviation not
// specified (FF, FF, 8000), clock status FF.
std::array<std::uint8_t, 12> cosem_date_time(int year, int month, int day, int hour, int minute, int second);
// "YYYY-MM-DDTHH:MM[:SS]" (or a date alone, meaning 00:00) -> cosem_date_time(); throws ClientError.
std::array<std::uint8_t, 12> parse_local_date_time(const std::string& text, const char* option);

// Access selector 1, range_descriptor: restricting object = the clock 0.0.1.0.0.255 attribute 2
// (data index 0), from and to as octet-strings, all columns (an empty selected_values array).
dlms::SelectiveAccess range_access(const std::array<std::uint8_t, 12>& from, const std::array<std::uint8_t, 12>& to,
                                   std::vector<std::uint8_t>* storage);
// Access selector 2, entry_descriptor: entries from..to (1-based, 0 = the last), columns
// from_column..to_column (1-based, to_column 0 = the last).
dlms::SelectiveAccess entry_access(std::uint32_t from_entry, std::uint32_t to_entry, std::uint16_t from_column,
                                   std::uint16_t to_column, std::vector<std::uint8_t>* storage);

}  // namespace quadra::client
