// The Auto connect's settings (interface class 29, version 2, Blue Book 4.7.5; 0.0.2.1.0.255) and
// the rules by which its mode decides when the communication module connects to a head end.
// On a GPRS/LTE meter the module opens a TCP connection to a destination and the meter serves
// DLMS as the server over it (the head end listens, then acts as the client over the
// meter-initiated connection). Fixed capacities: no heap.
//
// Modes served (the enum of attribute 2):
//   0   no auto dialling: never connects; the connect method is refused (temporary-failure)
//   1   auto dialling allowed any time: connect opens one connection
//   2   auto dialling allowed within the calling windows: connect opens one connection once a
//       window is open (a call outside waits for the next window)
//   3   as 2 for regular dialling; alarm-initiated dialling any time (alarms go by the push
//       setup here, which has its own windows, so 3 behaves as 2)
//   101 permanently connected: a connection is kept open (re-opened when it closes)
//   102 permanently connected within the calling windows: kept open inside a window, closed
//       outside
//   103 connected to the network at all times, a connection is opened when connect is called
//   104 usually disconnected, a connection is opened when connect is called
// Not served (a write is refused): 4 / 5 SMS sending (PLMN / PSTN) and 6 e-mail (the module has
// no SMS nor mail path), 7..100, 105..199 (reserved) and 200..255 (none defined here).
// With no calling window configured, a window is always open (as the push setup's).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/clock/time_zone.h"
#include "core/common/status.h"
#include "core/push/push_settings.h"

namespace quadra::push {

inline constexpr std::size_t kMaxAutoConnectDestinations = 4;

enum class AutoConnectMode : std::uint8_t {
  kNoAutoDialling = 0,
  kAnyTime = 1,
  kWithinWindow = 2,
  kRegularWithinWindow = 3,
  kPermanent = 101,
  kPermanentWithinWindow = 102,
  kConnectInvoked = 103,
  kDisconnectedConnectInvoked = 104,
};

struct AutoConnectSettings {
  std::uint8_t mode = 0;               // an AutoConnectMode
  std::uint8_t repetitions = 3;        // further attempts after a failed one
  std::uint16_t repetition_delay_s = 60;  // between attempts
  std::array<CommunicationWindow, kMaxWindows> windows{};  // calling_window
  std::size_t window_count = 0;
  // destination_list: "host:port" each (TCP), tried in order.
  std::array<std::array<char, kMaxDestination>, kMaxAutoConnectDestinations> destinations{};
  std::array<std::size_t, kMaxAutoConnectDestinations> destination_sizes{};
  std::size_t destination_count = 0;
  std::uint32_t generation = 0;        // bumped by every write taken over DLMS
  std::uint32_t connect_requests = 0;  // bumped by every connect (method 1) taken

  std::string_view destination(std::size_t k) const { return {destinations[k].data(), destination_sizes[k]}; }
  // False (nothing changed) when full or `text` is longer than kMaxDestination.
  bool add_destination(std::string_view text);
  std::span<const CommunicationWindow> calling_window() const { return {windows.data(), window_count}; }
};

// A mode of the list above that is served.
bool mode_served(std::uint8_t mode);
// Refuses, naming the field: a mode not served, a window in neither served form (push_settings.h),
// a destination that is not host:port.
Status validate(const AutoConnectSettings& settings);

// Whether a connection is to be kept open whatever the connect method says (101 always, 102
// inside a window).
bool keeps_connection(const AutoConnectSettings& s, bool window_open);
// Whether a connect call waiting now may be carried out: never in mode 0, in 2 and 3 only inside
// a window, at once in the others.
bool may_dial(const AutoConnectSettings& s, bool window_open);
// Whether an open connection is to be closed now (102 outside every window).
bool must_hang_up(const AutoConnectSettings& s, bool window_open);

}  // namespace quadra::push
