#include "core/push/auto_connect.h"

namespace quadra::push {

bool AutoConnectSettings::add_destination(std::string_view text) {
  if (destination_count >= kMaxAutoConnectDestinations || text.size() > kMaxDestination) return false;
  std::array<char, kMaxDestination>& d = destinations[destination_count];
  for (std::size_t k = 0; k < text.size(); ++k) d[k] = text[k];
  destination_sizes[destination_count++] = text.size();
  return true;
}

bool mode_served(std::uint8_t mode) { return mode <= 3 || (mode >= 101 && mode <= 104); }

Status validate(const AutoConnectSettings& s) {
  if (!mode_served(s.mode))
    return Status::error(StatusCode::kNotSupported, "auto_connect.mode",
                         "served modes are 0..3 and 101..104 (no SMS nor e-mail sending)");
  if (s.window_count > kMaxWindows)
    return Status::error(StatusCode::kCapacity, "auto_connect.calling_window", "more than 4 windows");
  for (std::size_t k = 0; k < s.window_count; ++k) {
    if (window_form(s.windows[k]) == WindowForm::kUnserved)
      return Status::error(StatusCode::kNotSupported, "auto_connect.calling_window",
                           "a window must give both dates in full, or neither date (every day), and hour, minute and "
                           "second of both times");
  }
  if (s.destination_count > kMaxAutoConnectDestinations)
    return Status::error(StatusCode::kCapacity, "auto_connect.destination_list", "more than 4 destinations");
  for (std::size_t k = 0; k < s.destination_count; ++k) {
    if (!destination_valid(s.destination(k)))
      return Status::error(StatusCode::kInvalidArgument, "auto_connect.destination_list",
                           "each destination is host:port (port 1..65535)");
  }
  return Status::ok();
}

bool keeps_connection(const AutoConnectSettings& s, bool window_open) {
  const auto mode = static_cast<AutoConnectMode>(s.mode);
  return mode == AutoConnectMode::kPermanent || (mode == AutoConnectMode::kPermanentWithinWindow && window_open);
}

bool may_dial(const AutoConnectSettings& s, bool window_open) {
  switch (static_cast<AutoConnectMode>(s.mode)) {
    case AutoConnectMode::kNoAutoDialling: return false;
    case AutoConnectMode::kWithinWindow:
    case AutoConnectMode::kRegularWithinWindow:
    case AutoConnectMode::kPermanentWithinWindow: return window_open;
    default: return mode_served(s.mode);
  }
}

bool must_hang_up(const AutoConnectSettings& s, bool window_open) {
  return static_cast<AutoConnectMode>(s.mode) == AutoConnectMode::kPermanentWithinWindow && !window_open;
}

}  // namespace quadra::push
