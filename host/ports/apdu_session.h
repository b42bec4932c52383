// What a DLMS/COSEM port hands its APDUs to: one ApduSession per connection (one association
// context), opened by an ApduSessionFactory when the connection is accepted. The port only frames
// and carries bytes; the session decides every answer (association, GET/SET/ACTION, security).
//
// Threading: every call happens synchronously on the thread that services the port (the meter's
// run loop), never concurrently for one port, so a session may read and change the meter freely.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace quadra::host::ports {

class ApduSession {
 public:
  virtual ~ApduSession() = default;

  // One complete request APDU from the client's wPort `client` to the server's wPort `server`
  // (the logical device addressed). The answer goes into `response`, which arrives empty and
  // whose capacity the port keeps from call to call; leave it empty for no answer (an unconfirmed
  // service, or a request addressed to nobody). An answer above 65535 bytes cannot be framed:
  // the port closes the connection. `apdu` is valid only during the call.
  virtual void on_apdu(std::uint16_t client, std::uint16_t server, std::span<const std::uint8_t> apdu,
                       std::vector<std::uint8_t>& response) = 0;

  // The connection is gone (peer closed, idle timeout, malformed frame, socket error, port
  // stopped). Called once, after the last on_apdu; the session is destroyed soon after.
  virtual void on_close() {}
};

class ApduSessionFactory {
 public:
  virtual ~ApduSessionFactory() = default;
  // A session for a new connection from `peer` ("address:port"). nullptr refuses the connection
  // (the port closes it and counts it as refused).
  virtual std::unique_ptr<ApduSession> open(const std::string& peer) = 0;
};

}  // namespace quadra::host::ports
