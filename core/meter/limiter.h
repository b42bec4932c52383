// The limiter (COSEM class 71, Blue Book 4.5.9): a watched value compared with the threshold in
// force; above it for at least min_over_threshold_duration the limiter goes "over" and runs its
// over action; then at or below it for at least min_under_threshold_duration it goes back "under"
// and runs its under action. The threshold in force (threshold_active) is threshold_emergency
// while an emergency profile is active, threshold_normal otherwise.
//
// Emergency profile: { id, activation time (UTC s), duration s }; it is active from its activation
// time for its duration when its id is in emergency_profile_group_id_list.
//
// The meter evaluates the limiter once per measuring interval (Meter::on_interval) at the
// interval's end time. A threshold of 0 switches the limiter off (it stays under; if it was over,
// it goes under at once). Durations are measured in meter time from the first evaluation that saw
// the value on the new side, so with 0 s the change happens at that evaluation.
//
// Contract: no allocation, no failure at evaluation; configure() checks its input.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/common/status.h"
#include "core/meter/monitored_value.h"

namespace quadra::meter {

class Limiter {
 public:
  static constexpr std::size_t kMaxGroupIds = 8;

  struct EmergencyProfile {
    std::uint16_t id = 0;
    double activation_utc_s = 0.0;  // 0: never activated
    std::uint32_t duration_s = 0;
  };
  struct Config {
    ValueDefinition monitored;
    double threshold_normal = 0.0;     // unit of the watched register; >= 0
    double threshold_emergency = 0.0;  // >= 0
    std::uint32_t min_over_threshold_duration_s = 0;
    std::uint32_t min_under_threshold_duration_s = 0;
    EmergencyProfile emergency;
    std::array<std::uint16_t, kMaxGroupIds> group_ids{};
    std::size_t group_id_count = 0;
    ActionItem action_over;
    ActionItem action_under;
  };
  enum class Change : std::uint8_t { kNone, kOver, kUnder };

  static Status validate(const Config& config);
  // Precondition: validate(config).is_ok(). The over/under state and its timing are kept.
  void configure(const Config& config) { config_ = config; }
  const Config& config() const { return config_; }

  bool emergency_profile_active(double utc_s) const;
  double threshold_active(double utc_s) const {
    return emergency_profile_active(utc_s) ? config_.threshold_emergency : config_.threshold_normal;
  }
  bool over() const { return over_; }
  // After kOver: how long the value has been above (from the first evaluation that saw it); after
  // kUnder: the whole episode, from that first evaluation to the one that went back under. s.
  double episode_s() const { return episode_s_; }

  // One evaluation at meter time now_s (UTC utc_s) of the watched value.
  Change evaluate(double value, double now_s, double utc_s);

  template <class Archive>
  void persist(Archive& a) {
    a(config_.monitored.class_id)(config_.monitored.ln.v)(config_.monitored.attribute)(config_.threshold_normal)
     (config_.threshold_emergency)(config_.min_over_threshold_duration_s)(config_.min_under_threshold_duration_s)
     (config_.emergency.id)(config_.emergency.activation_utc_s)(config_.emergency.duration_s)(config_.group_ids)
     (config_.group_id_count)(config_.action_over.script.v)(config_.action_over.selector)
     (config_.action_under.script.v)(config_.action_under.selector)(over_)(crossing_)(since_s_)(over_start_s_)(episode_s_);
    a.check(config_.group_id_count <= kMaxGroupIds, "the limiter's emergency group list is longer than it can hold");
  }

 private:
  Config config_{};
  bool over_ = false;
  bool crossing_ = false;  // the value is on the other side and the duration is running
  double since_s_ = 0.0;   // meter time the value went to the other side
  double over_start_s_ = 0.0;  // meter time the value first went above, of the episode in force
  double episode_s_ = 0.0;
};

}  // namespace quadra::meter
