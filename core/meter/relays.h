// The meter's two programmable relay outputs (data sheet: "2 programmable relay outputs").
//
// Relay 1 is the disconnector: it follows the Disconnect control state machine of the Blue Book
// (class 70, 4.5.8). control_state is Disconnected (0), Connected (1) or Ready_for_reconnection (2);
// the relay is closed (output_state TRUE) only when Connected. The transitions, by who asks:
//   a remote_reconnect  Disconnected -> Ready_for_reconnection   (modes 2, 4, 6)
//   b remote_disconnect Connected    -> Disconnected             (modes 1..6)
//   c remote_disconnect Ready        -> Disconnected             (modes 1..6)
//   d remote_reconnect  Disconnected -> Connected                (modes 1, 3, 5)
//   e manual_disconnect Connected    -> Ready_for_reconnection   (modes 1, 2, 5)
//   f manual_reconnect  Ready        -> Connected                (modes 1..6)
//   g local_disconnect  Connected    -> Ready_for_reconnection   (modes 1..6)
//   h local_reconnect   Ready        -> Connected                (modes 5, 6)
// Mode 0 ("none") keeps the relay Connected whatever is asked.
//
// Relay 2 is a plain output, closed or open, switched by the output control scripts.
//
// Each relay remembers who switched it last (remote: a DLMS client; manual: the meter's
// disconnector button; local: the meter itself, by a monitor, the limiter or a schedule) and when.
// Changing the control mode changes no state (the Blue Book leaves the state as it is).
//
// Contract: no allocation, no failure beyond the returned outcome; persist() for the snapshot.
#pragma once

#include <cstdint>

namespace quadra::meter {

class Relays {
 public:
  enum class ControlState : std::uint8_t { kDisconnected = 0, kConnected = 1, kReadyForReconnection = 2 };
  enum class Source : std::uint8_t { kNone = 0, kRemote = 1, kManual = 2, kLocal = 3 };
  enum class Request : std::uint8_t {
    kRemoteDisconnect,
    kRemoteReconnect,
    kManualDisconnect,
    kManualReconnect,
    kLocalDisconnect,
    kLocalReconnect,
  };
  // What a request did: moved the state (kChanged), found it already where the request leads or
  // with no transition from the present state (kNoChange), or was refused by the control mode.
  enum class Outcome : std::uint8_t { kChanged, kNoChange, kNotAllowed };
  static constexpr std::uint8_t kMaxControlMode = 6;

  // The disconnector (relay 1).
  ControlState control_state() const { return state_; }
  bool output_state() const { return state_ == ControlState::kConnected; }
  std::uint8_t control_mode() const { return mode_; }
  // Precondition: mode <= kMaxControlMode.
  void set_control_mode(std::uint8_t mode) { mode_ = mode; }

  // One request on relay 1 at UTC utc_s. The transition letter taken (a..h) is in *transition when
  // the outcome is kChanged.
  Outcome request(Request r, double utc_s, char* transition = nullptr) {
    const ControlState from = state_;
    char t = 0;
    ControlState to = from;
    const std::uint8_t m = mode_;
    const bool a_modes = m == 2 || m == 4 || m == 6;
    switch (r) {
      case Request::kRemoteDisconnect:
        if (from == ControlState::kConnected) t = 'b';
        else if (from == ControlState::kReadyForReconnection) t = 'c';
        to = ControlState::kDisconnected;
        if (m == 0) return t == 0 ? Outcome::kNoChange : Outcome::kNotAllowed;
        break;
      case Request::kRemoteReconnect:
        if (from != ControlState::kDisconnected) return Outcome::kNoChange;
        if (m == 0) return Outcome::kNotAllowed;
        t = a_modes ? 'a' : 'd';
        to = a_modes ? ControlState::kReadyForReconnection : ControlState::kConnected;
        break;
      case Request::kManualDisconnect:
        if (from != ControlState::kConnected) return Outcome::kNoChange;
        if (!(m == 1 || m == 2 || m == 5)) return Outcome::kNotAllowed;
        t = 'e';
        to = ControlState::kReadyForReconnection;
        break;
      case Request::kManualReconnect:
        if (from != ControlState::kReadyForReconnection) return Outcome::kNoChange;
        if (m == 0) return Outcome::kNotAllowed;
        t = 'f';
        to = ControlState::kConnected;
        break;
      case Request::kLocalDisconnect:
        if (from != ControlState::kConnected) return Outcome::kNoChange;
        if (m == 0) return Outcome::kNotAllowed;
        t = 'g';
        to = ControlState::kReadyForReconnection;
        break;
      case Request::kLocalReconnect:
        if (from != ControlState::kReadyForReconnection) return Outcome::kNoChange;
        if (!(m == 5 || m == 6)) return Outcome::kNotAllowed;
        t = 'h';
        to = ControlState::kConnected;
        break;
    }
    if (t == 0) return Outcome::kNoChange;
    state_ = to;
    switched_[0] = {source_of(r), utc_s};
    if (transition != nullptr) *transition = t;
    return Outcome::kChanged;
  }

  // Relay 2: closed (true) or open. False when it already was so.
  bool relay2_closed() const { return relay2_closed_; }
  bool set_relay2(bool closed, Source who, double utc_s) {
    if (closed == relay2_closed_) return false;
    relay2_closed_ = closed;
    switched_[1] = {who, utc_s};
    return true;
  }

  // The output control signals 0.0.96.3.2: bit 0 relay 1 closed, bit 1 relay 2 closed.
  std::uint32_t output_bits() const { return (output_state() ? 1u : 0u) | (relay2_closed_ ? 2u : 0u); }

  struct Switch {
    Source who = Source::kNone;
    double utc_s = 0.0;  // 0: never switched
  };
  // Relay 1 or 2 (precondition: relay is 1 or 2).
  const Switch& last_switch(std::uint8_t relay) const { return switched_[relay - 1u]; }

  template <class Archive>
  void persist(Archive& a) {
    a(state_)(mode_)(relay2_closed_)(switched_[0].who)(switched_[0].utc_s)(switched_[1].who)(switched_[1].utc_s);
    a.check(static_cast<std::uint8_t>(state_) <= 2, "the disconnector's control state is not 0..2");
    a.check(mode_ <= kMaxControlMode, "the disconnector's control mode is not 0..6");
    a.check(static_cast<std::uint8_t>(switched_[0].who) <= 3 && static_cast<std::uint8_t>(switched_[1].who) <= 3,
            "a relay's last switch source is unknown");
  }

 private:
  static Source source_of(Request r) {
    switch (r) {
      case Request::kRemoteDisconnect:
      case Request::kRemoteReconnect: return Source::kRemote;
      case Request::kManualDisconnect:
      case Request::kManualReconnect: return Source::kManual;
      default: return Source::kLocal;
    }
  }

  ControlState state_ = ControlState::kConnected;
  std::uint8_t mode_ = 0;
  bool relay2_closed_ = false;
  Switch switched_[2]{};
};

}  // namespace quadra::meter
