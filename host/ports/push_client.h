// The sending side of a Push setup on the host: one notification at a time to "host:port" over
// TCP, framed with the IEC 62056-47 wrapper (source wPort 1, the management logical device;
// destination wPort 102, the push client of IDIS), then the connection is closed. The push engine
// (core/push) decides what goes when; this only carries the bytes and says how it went.
//
// Single-threaded like WrapperPort: poll() runs the socket work that is ready without blocking,
// so the meter's run loop calls it on every iteration. A send that has not finished (resolved,
// connected, written) within `timeout` fails. "Delivered" means the frame was written in full to
// a connection the destination accepted (a DataNotification is unconfirmed: nothing comes back).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace quadra::host::ports {

struct PushClientOptions {
  std::uint16_t source_wport = 1;
  std::uint16_t destination_wport = 102;
  std::chrono::milliseconds timeout{5000};
};

struct PushResult {
  bool delivered = false;
  std::string error;  // why not, for the log ("connection refused", "time-out", ...)
};

class PushClient {
 public:
  explicit PushClient(const PushClientOptions& options = PushClientOptions{});
  ~PushClient();
  PushClient(const PushClient&) = delete;
  PushClient& operator=(const PushClient&) = delete;

  // Starts sending `apdu` (copied) to `destination` ("host:port", "[v6]:port"). Precondition:
  // !busy(). A destination that does not parse fails at the next poll().
  void send(std::string_view destination, std::span<const std::uint8_t> apdu);
  bool busy() const;
  // Runs the ready handlers; returns the outcome once, when the send has finished.
  std::optional<PushResult> poll();
  // As poll(), waiting up to `duration` for the outcome (tests).
  std::optional<PushResult> run_for(std::chrono::milliseconds duration);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quadra::host::ports
