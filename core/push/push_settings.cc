#include "core/push/push_settings.h"

namespace quadra::push {
namespace {

bool date_specified(const clock::CosemDate& d) {
  return d.year != clock::kYearNotSpecified && d.month >= 1 && d.month <= 12 && d.day_of_month >= 1 &&
         d.day_of_month <= 31;
}
bool date_unspecified(const clock::CosemDate& d) {
  return d.year == clock::kYearNotSpecified && d.month == clock::kNotSpecified &&
         d.day_of_month == clock::kNotSpecified && d.day_of_week == clock::kNotSpecified;
}
bool time_specified(const clock::CosemTime& t) {
  return t.hour != clock::kNotSpecified && t.minute != clock::kNotSpecified && t.second != clock::kNotSpecified;
}
std::int32_t seconds_of_day(const clock::CosemTime& t) { return t.hour * 3600 + t.minute * 60 + t.second; }

}  // namespace

bool PushSettings::set_destination(std::string_view text) {
  if (text.size() > destination.size()) return false;
  destination_size = 0;
  for (char c : text) destination[destination_size++] = c;
  return true;
}

WindowForm window_form(const CommunicationWindow& w) {
  clock::CosemDateTime a;
  clock::CosemDateTime b;
  if (!clock::decode(w.start, &a).is_ok() || !clock::decode(w.end, &b).is_ok()) return WindowForm::kUnserved;
  if (!time_specified(a.time) || !time_specified(b.time)) return WindowForm::kUnserved;
  if (date_specified(a.date) && date_specified(b.date)) return WindowForm::kAbsolute;
  if (date_unspecified(a.date) && date_unspecified(b.date)) return WindowForm::kDaily;
  return WindowForm::kUnserved;
}

Status validate(const PushSettings& s) {
  if (s.object_count > kMaxPushObjects)
    return Status::error(StatusCode::kCapacity, "push.push_object_list", "more than 16 objects");
  if (s.destination_size > kMaxDestination)
    return Status::error(StatusCode::kCapacity, "push.send_destination_and_method.destination", "more than 64 octets");
  if (s.transport != TransportService::kTcp)
    return Status::error(StatusCode::kNotSupported, "push.send_destination_and_method.transport_service",
                         "only TCP (0) is served");
  if (s.message != kMessageAxdrApdu)
    return Status::error(StatusCode::kNotSupported, "push.send_destination_and_method.message",
                         "only A-XDR encoded xDLMS APDUs (0) are served");
  if (s.destination_size > 0 && !destination_valid(s.destination_view()))
    return Status::error(StatusCode::kInvalidArgument, "push.send_destination_and_method.destination",
                         "not host:port (port 1..65535)");
  if (s.window_count > kMaxWindows)
    return Status::error(StatusCode::kCapacity, "push.communication_window", "more than 4 windows");
  for (std::size_t k = 0; k < s.window_count; ++k) {
    if (window_form(s.windows[k]) == WindowForm::kUnserved)
      return Status::error(StatusCode::kNotSupported, "push.communication_window",
                           "a window must give both dates in full, or neither date (every day), and hour, minute and "
                           "second of both times");
  }
  return Status::ok();
}

bool destination_valid(std::string_view d) {
  const std::size_t colon = d.rfind(':');
  bool port_ok = colon != std::string_view::npos && colon > 0 && colon + 1 < d.size() && d.size() - colon - 1 <= 5;
  std::uint32_t port = 0;
  for (std::size_t k = colon + 1; port_ok && k < d.size(); ++k) {
    port_ok = d[k] >= '0' && d[k] <= '9';
    port = port * 10 + static_cast<std::uint32_t>(d[k] - '0');
  }
  return port_ok && port != 0 && port <= 65535;
}

bool window_open(const PushSettings& s, clock::UtcMicros utc, const clock::TimeZone& tz) {
  return window_open(std::span<const CommunicationWindow>(s.windows.data(), s.window_count), utc, tz);
}

bool window_open(std::span<const CommunicationWindow> windows, clock::UtcMicros utc, const clock::TimeZone& tz) {
  if (windows.empty()) return true;
  for (const CommunicationWindow& w : windows) {
    clock::CosemDateTime a;
    clock::CosemDateTime b;
    if (!clock::decode(w.start, &a).is_ok() || !clock::decode(w.end, &b).is_ok()) continue;
    switch (window_form(w)) {
      case WindowForm::kAbsolute: {
        clock::UtcMicros from = 0;
        clock::UtcMicros to = 0;
        if (clock::to_utc(a, tz, &from).is_ok() && clock::to_utc(b, tz, &to).is_ok() && utc >= from && utc < to)
          return true;
        break;
      }
      case WindowForm::kDaily: {
        const clock::CosemDateTime local = clock::to_cosem(utc, tz, 0);
        const std::int32_t now = seconds_of_day(local.time);
        const std::int32_t from = seconds_of_day(a.time);
        const std::int32_t to = seconds_of_day(b.time);
        const bool inside = from <= to ? (now >= from && now < to) : (now >= from || now < to);
        if (inside) return true;
        break;
      }
      case WindowForm::kUnserved: break;
    }
  }
  return false;
}

}  // namespace quadra::push
