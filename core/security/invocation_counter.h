// Replay protection for ciphered APDUs received from one client (Green Book, "Invocation
// counter"): a counter is accepted only if it is strictly greater than the last one accepted
// from that client with that key. A replayed or stale counter is refused; the caller logs it
// (the meter writes it to the security event log as event kEventReplayedInvocationCounter).
//
// Use check() before spending a decryption and accept() only after the APDU authenticated, so
// that a forged APDU with a huge counter cannot lock the client out. One guard per client and
// key; reset() when the key changes (a new key restarts the counter).
#pragma once

#include <cstdint>

#include "core/common/status.h"

namespace quadra::security {

// The event code under which the meter logs a rejected counter.
inline constexpr std::uint16_t kEventReplayedInvocationCounter = 50;

enum class CounterVerdict : std::uint8_t {
  kFresh,     // strictly greater than the last accepted one (or the first one seen)
  kReplayed,  // equal to or below the last accepted one
};

class InvocationCounterGuard {
 public:
  constexpr InvocationCounterGuard() = default;
  // A guard that already saw `last` (restored from non-volatile memory after a restart).
  static constexpr InvocationCounterGuard after(std::uint32_t last) {
    InvocationCounterGuard g;
    g.seen_ = true;
    g.last_ = last;
    return g;
  }

  constexpr CounterVerdict verdict(std::uint32_t ic) const {
    return (!seen_ || ic > last_) ? CounterVerdict::kFresh : CounterVerdict::kReplayed;
  }
  // ok, or kOutOfRange "security.invocation_counter: not greater than the last accepted one
  // (replay)".
  constexpr Status check(std::uint32_t ic) const {
    if (verdict(ic) == CounterVerdict::kFresh) return Status::ok();
    return Status::error(StatusCode::kOutOfRange, "security.invocation_counter",
                         "not greater than the last accepted one (replay)");
  }
  // Records `ic` as the last accepted counter; refuses (and records nothing) if check() would.
  constexpr Status accept(std::uint32_t ic) {
    Status s = check(ic);
    if (!s.is_ok()) return s;
    seen_ = true;
    last_ = ic;
    return s;
  }
  constexpr void reset() {
    seen_ = false;
    last_ = 0;
  }
  constexpr bool has_last() const { return seen_; }
  // Meaningful only if has_last().
  constexpr std::uint32_t last() const { return last_; }

 private:
  bool seen_ = false;
  std::uint32_t last_ = 0;
};

}  // namespace quadra::security
