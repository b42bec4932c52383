#include "host/cli/auto_connect.h"

#include <spdlog/spdlog.h>

#include "core/recording/event_codes.h"

namespace quadra::host {

void AutoConnector::poll(ports::WrapperPort* port, double now_s) {
  if (s_.connect_requests != seen_requests_) {
    seen_requests_ = s_.connect_requests;
    requested_ = true;
  }
  if (port == nullptr) {
    // The module is out: whatever was under way went with its port.
    if (requested_ || state_ != State::kIdle) spdlog::info("0.0.2.1.0.255: auto connect: the module was removed");
    state_ = State::kIdle;
    requested_ = false;
    return;
  }
  if (static_cast<push::AutoConnectMode>(s_.mode) == push::AutoConnectMode::kNoAutoDialling) requested_ = false;
  const bool window = push::window_open(s_.calling_window(), meter_.rtc().utc_us(now_s), meter_.rtc().time_zone());
  const auto now = std::chrono::steady_clock::now();
  switch (state_) {
    case State::kConnected:
      if (!port->dialed_open()) {
        state_ = State::kIdle;
        spdlog::info("0.0.2.1.0.255: auto connect: the connection closed");
      } else if (push::must_hang_up(s_, window)) {
        port->hang_up();
        state_ = State::kIdle;
        spdlog::info("0.0.2.1.0.255: auto connect: hung up, the calling window closed");
      }
      return;
    case State::kDialling:
      if (!outcome_) return;
      if (outcome_->empty()) {
        state_ = State::kConnected;
        requested_ = false;
        spdlog::info("0.0.2.1.0.255: auto connect: connected to {}", s_.destination(destination_));
        return;
      }
      last_error_ = *outcome_;
      spdlog::warn("0.0.2.1.0.255: auto connect: {}: {}", s_.destination(destination_), last_error_);
      if (destination_ + 1 < s_.destination_count) {
        ++destination_;
        dial(*port);
      } else {
        round_failed(now_s);
      }
      return;
    case State::kWaiting:
      if (now >= next_round_) {
        ++round_;
        start_round(*port);
      }
      return;
    case State::kIdle: break;
  }
  const bool wanted = push::keeps_connection(s_, window) || (requested_ && push::may_dial(s_, window));
  if (!wanted || now < next_round_) return;
  if (s_.destination_count == 0) {
    if (requested_) {
      spdlog::warn("0.0.2.1.0.255: auto connect: no destination to connect to");
      meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kAutoConnectFailed, now_s, 0.0);
      requested_ = false;
    }
    return;
  }
  round_ = 1;
  start_round(*port);
}

void AutoConnector::start_round(ports::WrapperPort& port) {
  destination_ = 0;
  dial(port);
}

void AutoConnector::dial(ports::WrapperPort& port) {
  state_ = State::kDialling;
  outcome_.reset();
  port.dial(s_.destination(destination_), dial_timeout_, [this](const std::string& error) { outcome_ = error; });
}

void AutoConnector::round_failed(double now_s) {
  next_round_ = std::chrono::steady_clock::now() + std::chrono::seconds(s_.repetition_delay_s);
  if (round_ <= s_.repetitions) {
    state_ = State::kWaiting;
    return;
  }
  spdlog::warn("0.0.2.1.0.255: auto connect failed after {} round(s): {}", round_, last_error_);
  meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kAutoConnectFailed, now_s,
                      static_cast<double>(round_));
  state_ = State::kIdle;
  requested_ = false;
}

}  // namespace quadra::host
