// The settings of one Push setup (interface class 40, version 0, IEC 62056-6-2 / Blue Book 4.4.8):
// what a notification carries (push_object_list), where it goes (send_destination_and_method),
// when it may go (communication_window), how its start is spread (randomisation_start_interval)
// and how often it is tried again (number_of_retries, repetition_delay). Fixed capacities: no
// heap. The attribute values travel on the wire as push_setup_object.h writes and reads them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/common/obis.h"
#include "core/clock/cosem_date_time.h"
#include "core/clock/time_zone.h"
#include "core/common/status.h"

namespace quadra::push {

inline constexpr std::size_t kMaxPushObjects = 16;
inline constexpr std::size_t kMaxDestination = 64;
inline constexpr std::size_t kMaxWindows = 4;

// capture_object_definition: one element of push_object_list. data_index 0 pushes the whole
// attribute; n >= 1 its n-th element (an array's or a structure's), as the Blue Book defines it.
struct PushObject {
  std::uint16_t class_id = 0;
  meter::Obis logical_name;
  std::int8_t attribute = 2;
  std::uint16_t data_index = 0;
  friend bool operator==(const PushObject&, const PushObject&) = default;
};

// send_destination_and_method.transport_service (Blue Book enum): only TCP is served here.
enum class TransportService : std::uint8_t { kTcp = 0, kUdp = 1, kFtp = 2, kSmtp = 3, kSms = 4, kHdlc = 5 };
// send_destination_and_method.message: 0 = A-XDR encoded xDLMS APDU, the only one served.
inline constexpr std::uint8_t kMessageAxdrApdu = 0;

// One communication_window element: two COSEM date-times (12 octets each). Served forms: both
// with every date field specified (one absolute stretch of local time), or both with no date
// field specified and the hour, minute and second specified (every day; end before start spans
// midnight). A window's end is excluded.
struct CommunicationWindow {
  std::array<std::uint8_t, 12> start{};
  std::array<std::uint8_t, 12> end{};
  friend bool operator==(const CommunicationWindow&, const CommunicationWindow&) = default;
};

struct PushSettings {
  std::array<PushObject, kMaxPushObjects> objects{};
  std::size_t object_count = 0;
  TransportService transport = TransportService::kTcp;
  // "host:port" (a host name or an IPv4 literal, or "[IPv6]:port"); empty: the push is disabled
  // (triggers are ignored, nothing is queued).
  std::array<char, kMaxDestination> destination{};
  std::size_t destination_size = 0;
  std::uint8_t message = kMessageAxdrApdu;
  std::array<CommunicationWindow, kMaxWindows> windows{};
  std::size_t window_count = 0;  // 0: always open
  std::uint16_t randomisation_start_interval_s = 0;
  std::uint8_t number_of_retries = 0;
  std::uint16_t repetition_delay_s = 0;

  std::string_view destination_view() const { return {destination.data(), destination_size}; }
  // False (and nothing changed) when `text` is longer than kMaxDestination.
  bool set_destination(std::string_view text);
  void add_object(const PushObject& o) {
    if (object_count < objects.size()) objects[object_count++] = o;
  }
};

// Refuses, naming the field: more than the capacities, a transport other than TCP, a message
// other than an A-XDR APDU, a window in neither served form, a destination without ":port".
Status validate(const PushSettings& settings);

enum class WindowForm : std::uint8_t { kAbsolute, kDaily, kUnserved };
WindowForm window_form(const CommunicationWindow& w);
// Whether a push may be sent at `utc` (local time by `tz`): no window configured, or inside one.
bool window_open(const PushSettings& settings, clock::UtcMicros utc, const clock::TimeZone& tz);
// The same over any list of windows (the Auto connect's calling_window): open when empty.
bool window_open(std::span<const CommunicationWindow> windows, clock::UtcMicros utc, const clock::TimeZone& tz);
// Whether `destination` is "host:port" with a port 1..65535 (the host part is not resolved here).
bool destination_valid(std::string_view destination);

}  // namespace quadra::push
