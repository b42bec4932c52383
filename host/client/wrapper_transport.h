// The client's end of a DLMS/COSEM TCP connection with the IEC 62056-47 wrapper
// (core/link/wrapper): one APDU per wrapper frame, source wPort = the client SAP, destination
// wPort = the server SAP. A TCP byte stream (byte_stream.h), blocking with poll() time-outs: connect, each
// send and each receive (from its first octet to the end of the frame) must finish within
// `timeout_ms`, else ClientError. Frames from other wPorts than the server's to the client's are
// refused (ClientError), as is a wrapper header of another version or over 65535 octets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/link/wrapper/wrapper.h"
#include "host/client/byte_stream.h"
#include "host/client/dlms_client.h"

namespace quadra::client {

class WrapperTransport : public Transport {
 public:
  // host: a name or address; connects at once (throws ClientError).
  WrapperTransport(const std::string& host, std::uint16_t port, std::uint16_t client_sap, std::uint16_t server_sap,
                   int timeout_ms);
  // Over a connection already made: the head end's end of a meter-initiated connection (the
  // Auto connect), accepted from its listener. Takes `connected_fd` over (made non-blocking,
  // closed with the transport); the client still speaks first, as over any DLMS connection.
  WrapperTransport(int connected_fd, std::uint16_t client_sap, std::uint16_t server_sap, int timeout_ms);
  WrapperTransport(const WrapperTransport&) = delete;
  WrapperTransport& operator=(const WrapperTransport&) = delete;

  void send(std::span<const std::uint8_t> apdu) override;
  std::vector<std::uint8_t> receive() override;

 private:
  ByteStream stream_;
  std::uint16_t client_sap_;
  std::uint16_t server_sap_;
  int timeout_ms_;
  std::vector<std::uint8_t> storage_;  // the reassembler's APDU buffer
  wrapper::Reassembler reassembler_;
  std::vector<std::uint8_t> pending_;  // received octets not yet taken by the reassembler
};

// "HOST:PORT" ("[::1]:4059" for IPv6; the port defaults to 4059 when absent). Throws ClientError.
void split_host_port(const std::string& text, std::string* host, std::uint16_t* port);

}  // namespace quadra::client
