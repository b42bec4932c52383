// The EventRecorder: the seven event logs of shared/spec/events.md behind one record() call, plus
// the alarm register 0.0.97.98.0.255, its filter 0.0.97.98.10.255, the power failure counters and
// a notification hook for alarms that pass the filter.
//
// Alarms: a configured table maps (log, event code) to a bit 0..31 of the alarm register. An event
// that maps sets its bit; the bit stays set until clear_alarms() (the COSEM write/reset by the head
// end, which is itself event 11 in the standard log). The Notifier is called when an event sets a
// bit that was clear and that the filter lets through: one notification per alarm raised, not per
// repetition, as IDIS pushes on a change of the alarm register.
//
// Clearing: clear_log(g) empties log g, then writes code 255 into it (the first row of the fresh
// log says when it was cleared) and "event log deleted" (manufacturer code 230, context = the log's
// number 1..7) into the communication log. Two exceptions: the power failure log has no code column,
// so it gets no row 255 (only the communication log row); clearing the communication log writes only
// its own row 255 (a 230 row in the same log would say the same thing twice).
//
// Power failures: record_power_failure(end, duration) counts every outage (0.0.96.7.21.255); a long
// one (duration >= threshold 0.0.96.7.20.255, default 180 s as IDIS) adds a row {time of the END of
// the outage, duration s} to 1.0.99.97.0.255, counts in 0.0.96.7.9.255 and adds its duration to
// 0.0.96.7.19.255. The end is the time stamp because it is when the meter, running again, knows the
// duration and can write the row; the start is end - duration.
//
// Memory: every log is allocated at construction; record() never allocates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/clock/civil_time.h"
#include "core/common/status.h"
#include "core/common/obis.h"
#include "core/common/register_value.h"
#include "core/recording/event_log.h"
#include "core/recording/log_group.h"
#include "core/recording/notifier.h"

namespace quadra::recording {

inline constexpr std::size_t kMaxAlarmMappings = 64;

struct AlarmMapping {
  LogGroup group = LogGroup::kStandard;
  std::uint16_t code = 0;
  std::uint8_t bit = 0;  // 0..31
};

struct EventRecorderConfig {
  std::array<std::size_t, kLogGroupCount> capacities{100, 100, 100, 100, 100, 100, 100};
  std::span<const AlarmMapping> alarm_map;  // copied at construction; at most kMaxAlarmMappings
  std::uint32_t alarm_filter = 0xFFFF'FFFF;  // every alarm bit reported
  std::int64_t long_outage_threshold_s = 180;
};

class EventRecorder {
 public:
  static Status validate(const EventRecorderConfig& config);

  // Precondition: validate(config) is ok. `notifier` may be null (no notifications) and must
  // outlive the recorder.
  EventRecorder(const EventRecorderConfig& config, Notifier* notifier);

  // Records an event in log `group` at utc_s with up to two context values (their meaning per log
  // is in log_group.h), sets the alarm bit the code maps to, and notifies. For the power failure
  // log use record_power_failure().
  void record(LogGroup group, std::uint16_t code, clock::UtcSeconds utc_s, double context0 = 0.0,
              double context1 = 0.0);
  // The COSEM reset of log `group` (see the header comment for the rows it writes).
  void clear_log(LogGroup group, clock::UtcSeconds utc_s);
  // An outage that ended at end_utc_s after duration_s >= 0 seconds.
  void record_power_failure(clock::UtcSeconds end_utc_s, std::int64_t duration_s);

  // Clears the alarm bits set in `mask` and records event 11 in the standard log.
  void clear_alarms(std::uint32_t mask, clock::UtcSeconds utc_s);
  void set_alarm_filter(std::uint32_t filter) { alarm_filter_ = filter; }
  // Precondition: threshold_s >= 0.
  void set_long_outage_threshold(std::int64_t threshold_s) { long_outage_threshold_s_ = threshold_s; }
  void set_notifier(Notifier* notifier) { notifier_ = notifier; }

  const EventLog& log(LogGroup g) const { return logs_[static_cast<std::size_t>(g)]; }
  std::uint32_t alarm_register() const { return alarm_register_; }
  std::uint32_t alarm_filter() const { return alarm_filter_; }
  // The last code recorded in each log (the 0.0.96.11.x.255 event code objects), 0 before any.
  std::uint16_t last_code(LogGroup g) const { return last_code_[static_cast<std::size_t>(g)]; }
  std::uint32_t all_outages() const { return all_outages_; }
  std::int64_t long_outage_total_s() const { return long_outage_total_s_; }
  std::int64_t long_outage_threshold_s() const { return long_outage_threshold_s_; }

  // The recorder's registers by OBIS: the log counters, event code objects, alarm register and
  // filter, power failure counters and threshold. False for any other code.
  bool read(const meter::Obis& obis, meter::RegisterValue& out) const;

  // Raw state for the store: the logs (restore through EventLog::restore) and the registers.
  EventLog& mutable_log(LogGroup g) { return logs_[static_cast<std::size_t>(g)]; }
  struct Registers {
    std::uint32_t alarm_register = 0;
    std::uint32_t alarm_filter = 0;
    std::array<std::uint16_t, kLogGroupCount> last_code{};
    std::uint32_t all_outages = 0;
    std::int64_t long_outage_total_s = 0;
  };
  Registers registers() const;
  void restore_registers(const Registers& r);

  // The persistent state apart from the logs' rows, which the store keeps row by row: the
  // alarm register and filter, the last codes and the power failure counters
  // (core/storage/state_archive.h).
  template <class Archive>
  void persist(Archive& a) {
    a(alarm_register_)(alarm_filter_)(last_code_)(all_outages_)(long_outage_total_s_);
  }
  // Restores log g's rows (oldest first) and its counter (EventLog::restore).
  Status restore_log(LogGroup g, std::span<const EventRow> rows, std::uint32_t counter) {
    return logs_[static_cast<std::size_t>(g)].restore(rows, counter);
  }

 private:
  void append(LogGroup group, const EventRow& row);

  std::vector<EventLog> logs_;
  std::array<AlarmMapping, kMaxAlarmMappings> alarm_map_{};
  std::size_t alarm_map_size_ = 0;
  std::uint32_t alarm_register_ = 0;
  std::uint32_t alarm_filter_ = 0;
  std::array<std::uint16_t, kLogGroupCount> last_code_{};
  std::uint32_t all_outages_ = 0;
  std::int64_t long_outage_total_s_ = 0;
  std::int64_t long_outage_threshold_s_ = 180;
  Notifier* notifier_ = nullptr;
};

}  // namespace quadra::recording
