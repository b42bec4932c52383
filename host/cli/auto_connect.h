// What makes the Auto connect 0.0.2.1.0.255 real on the host: the communication module opens a
// TCP connection to a head end that listens, and the meter serves DLMS/COSEM over it as the
// server (the module's wrapper port, WrapperPort::dial), as GPRS/LTE meters do.
//
// When (core/push/auto_connect.h): a connect call (method 1) is carried out by the mode's rules
// and calling windows (local meter time), and modes 101 / 102 keep a connection open (102 only
// inside a window, hung up outside). A round tries the destinations in order and stops at the
// first reachable; a failed round is repeated after repetition_delay seconds, `repetitions` times;
// when the last fails, "auto connect failed" (229) goes to the communication log, with context[0]
// the number of rounds tried, and the connect call is dropped (modes 101/102 start a new round
// after repetition_delay). Nothing is dialled while the module is removed; a connect call waiting
// at removal is dropped. repetition_delay and the dial time-out are wall-clock time: they concern
// the network, as the port's inactivity time-out does.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/meter/meter.h"
#include "core/push/auto_connect.h"
#include "host/ports/wrapper_port.h"

namespace quadra::host {

class AutoConnector {
 public:
  // `settings` (the Auto connect object's) and `meter` outlive the connector.
  AutoConnector(meter::Meter& meter, push::AutoConnectSettings& settings,
                std::chrono::milliseconds dial_timeout = std::chrono::seconds(10))
      : meter_(meter), s_(settings), seen_requests_(settings.connect_requests), dial_timeout_(dial_timeout) {}

  // From the meter's loop: `port` is the module's wrapper port, null while it is removed;
  // `now_s` the meter time (for the calling windows and the log).
  void poll(ports::WrapperPort* port, double now_s);
  bool connected() const { return state_ == State::kConnected; }

 private:
  enum class State : std::uint8_t { kIdle, kDialling, kWaiting, kConnected };
  void start_round(ports::WrapperPort& port);
  void dial(ports::WrapperPort& port);
  void round_failed(double now_s);

  meter::Meter& meter_;
  push::AutoConnectSettings& s_;
  std::uint32_t seen_requests_;
  std::chrono::milliseconds dial_timeout_;
  State state_ = State::kIdle;
  bool requested_ = false;           // a connect call not yet carried out
  std::size_t destination_ = 0;      // the one being dialled
  unsigned round_ = 0;               // rounds tried, the current one included
  std::optional<std::string> outcome_;  // of the dial under way, once known
  std::string last_error_;
  std::chrono::steady_clock::time_point next_round_{};
};

}  // namespace quadra::host
