// The client's end of DLMS/COSEM over HDLC (IEC 62056-46) on a byte stream: HDLC straight in a
// TCP connection (the meter's --hdlc-tcp port) or on a serial device (its serial ports). The
// link layer is the core's sans-I/O primary station (core/link/hdlc/hdlc_client.h: SNRM/UA
// parameter negotiation, segmentation with windows, RR, DISC); this class only moves its frames
// over the stream and keeps its clock.
//
//   constructor  SNRM -> UA within timeout_ms. ClientError when the server answers DM ("refused
//                the connection"), or not at all ("no UA to SNRM": wrong port or wrong addresses;
//                the server ignores frames for another address), naming the addresses used.
//   send/receive one APDU each way; receive waits at most timeout_ms for each frame the client
//                awaits (a long response in many frames may take longer in all).
//   disconnect() DISC -> UA (or DM); the destructor does it too when still connected, silently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/link/hdlc/hdlc_client.h"
#include "host/client/byte_stream.h"
#include "host/client/dlms_client.h"

namespace quadra::client {

struct HdlcOptions {
  std::uint8_t client_sap = 16;  // the client's 1-byte HDLC address (16 public, 17 LLS, 1 management)
  std::uint16_t logical = 1;     // the server's upper HDLC address: its logical device
  std::uint16_t physical = 16;   // the server's lower HDLC address: the meter's device_address
  std::uint8_t address_size = 4;  // 1 (upper only), 2 or 4 bytes in the frame
  // The client's proposal in SNRM (its own point of view); the server may lower each value.
  std::uint32_t max_info = 2030;
  std::uint32_t window = 1;
  int timeout_ms = 10000;
};

// "client 16, server 1/16 (4-byte address)": how messages name the link's addresses.
std::string describe(const HdlcOptions& o);

class HdlcTransport : public Transport {
 public:
  // Takes the stream and connects the link (SNRM/UA). Throws ClientError.
  HdlcTransport(ByteStream stream, const HdlcOptions& options);
  ~HdlcTransport() override;
  HdlcTransport(const HdlcTransport&) = delete;
  HdlcTransport& operator=(const HdlcTransport&) = delete;

  void send(std::span<const std::uint8_t> apdu) override;
  std::vector<std::uint8_t> receive() override;
  // DISC -> UA/DM. Throws ClientError when the server does not answer.
  void disconnect();

  // What the link runs with, the client's point of view.
  const hdlc::LinkParams& negotiated() const { return client_.negotiated(); }

 private:
  // Writes every frame the station has to send, then feeds it what arrives until `done` holds,
  // the station fails or the time runs out. `what` names the awaited answer in errors.
  template <typename Done>
  void run_until(Done done, const char* what);
  std::uint64_t now_ms() const;

  ByteStream stream_;
  HdlcOptions options_;
  std::vector<std::uint8_t> rx_storage_;
  std::vector<std::uint8_t> tx_storage_;
  hdlc::HdlcClient client_;
};

}  // namespace quadra::client
