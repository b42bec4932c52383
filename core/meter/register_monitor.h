// The register monitor (COSEM class 21): one watched value, up to kMaxThresholds thresholds, and
// for each threshold an action when the value rises above it (up) and one when it comes back to it
// or below (down). The meter evaluates every monitor once per measuring interval, after the
// registers took the interval (Meter::on_interval), so a crossing is seen within one interval
// (0.2 s on the sample path, one tick in fast mode).
//
// State: for each threshold, whether the value was above it at the last evaluation. A fresh
// monitor (and every threshold written anew) starts "not above": a value already above a new
// threshold crosses it at the next evaluation, so writing a threshold below the present value
// runs its up action once. Thresholds are in the unit Meter::read() gives the watched register.
//
// Contract: no allocation, no failure at evaluation; configure() checks its input.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/status.h"
#include "core/meter/monitored_value.h"

namespace quadra::meter {

struct ActionSet {
  ActionItem up;
  ActionItem down;
  constexpr bool operator==(const ActionSet&) const = default;
};

class RegisterMonitor {
 public:
  static constexpr std::size_t kMaxThresholds = 8;

  struct Config {
    ValueDefinition monitored;
    std::array<double, kMaxThresholds> thresholds{};
    std::array<ActionSet, kMaxThresholds> actions{};  // actions[k] belongs to thresholds[k]
    std::size_t count = 0;                            // thresholds in use
  };

  // Thresholds: at most kMaxThresholds finite values; one action set per threshold.
  static Status validate(const Config& config);
  // Precondition: validate(config).is_ok(). Keeps the above-state of thresholds that did not
  // change (same index, same value).
  void configure(const Config& config);
  const Config& config() const { return config_; }

  // One evaluation of the watched value: calls on_crossing(index, up) for every threshold the
  // value crossed since the last one, in threshold order.
  template <class F>
  void evaluate(double value, F&& on_crossing) {
    for (std::size_t k = 0; k < config_.count; ++k) {
      const bool above = value > config_.thresholds[k];
      if (above == above_[k]) continue;
      above_[k] = above;
      on_crossing(k, above);
    }
  }
  bool above(std::size_t k) const { return above_[k]; }

  template <class Archive>
  void persist(Archive& a) {
    a(config_.monitored.class_id)(config_.monitored.ln.v)(config_.monitored.attribute)(config_.thresholds)(config_.count);
    for (ActionSet& s : config_.actions) a(s.up.script.v)(s.up.selector)(s.down.script.v)(s.down.selector);
    a(above_);
    a.check(config_.count <= kMaxThresholds, "a register monitor has more thresholds than it can hold");
  }

 private:
  Config config_{};
  std::array<bool, kMaxThresholds> above_{};
};

}  // namespace quadra::meter
