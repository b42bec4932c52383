#include "core/recording/event_recorder.h"

#include "core/recording/event_codes.h"

namespace quadra::recording {

Status EventRecorder::validate(const EventRecorderConfig& config) {
  for (std::size_t capacity : config.capacities) {
    const Status s = EventLog::validate(capacity);
    if (!s) return s;
  }
  if (config.alarm_map.size() > kMaxAlarmMappings)
    return Status::error(StatusCode::kCapacity, "events.alarm_map", "holds more than 64 mappings");
  for (const AlarmMapping& m : config.alarm_map) {
    if (static_cast<std::size_t>(m.group) >= kLogGroupCount)
      return Status::invalid("events.alarm_map.group", "is not one of the 7 logs");
    if (m.bit > 31) return Status::invalid("events.alarm_map.bit", "must lie between 0 and 31");
  }
  if (config.long_outage_threshold_s < 0)
    return Status::invalid("events.long_outage_threshold_s", "must not be negative");
  return Status::ok();
}

EventRecorder::EventRecorder(const EventRecorderConfig& config, Notifier* notifier)
    : alarm_filter_(config.alarm_filter), long_outage_threshold_s_(config.long_outage_threshold_s), notifier_(notifier) {
  logs_.reserve(kLogGroupCount);
  for (std::size_t capacity : config.capacities) logs_.emplace_back(capacity);
  alarm_map_size_ = config.alarm_map.size();
  for (std::size_t k = 0; k < alarm_map_size_; ++k) alarm_map_[k] = config.alarm_map[k];
}

void EventRecorder::append(LogGroup group, const EventRow& row) {
  const auto g = static_cast<std::size_t>(group);
  logs_[g].append(row);
  last_code_[g] = row.code;
  for (std::size_t k = 0; k < alarm_map_size_; ++k) {
    const AlarmMapping& m = alarm_map_[k];
    if (m.group != group || m.code != row.code) continue;
    const std::uint32_t bit = std::uint32_t{1} << m.bit;
    const bool raised = (alarm_register_ & bit) == 0;
    alarm_register_ |= bit;
    if (raised && (alarm_filter_ & bit) != 0 && notifier_ != nullptr) {
      notifier_->on_notification(AlarmNotification{row.utc_s, group, row.code, m.bit, alarm_register_,
                                                   alarm_register_ & alarm_filter_});
    }
  }
}

void EventRecorder::record(LogGroup group, std::uint16_t code, clock::UtcSeconds utc_s, double context0,
                           double context1) {
  append(group, EventRow{utc_s, code, {context0, context1}});
}

void EventRecorder::clear_log(LogGroup group, clock::UtcSeconds utc_s) {
  logs_[static_cast<std::size_t>(group)].clear();
  if (log_group_info(group).has_code_column) append(group, EventRow{utc_s, event_code::kLogCleared, {}});
  if (group != LogGroup::kCommunication) {
    append(LogGroup::kCommunication,
           EventRow{utc_s, event_code::kEventLogDeleted, {static_cast<double>(log_group_number(group)), 0.0}});
  }
}

void EventRecorder::record_power_failure(clock::UtcSeconds end_utc_s, std::int64_t duration_s) {
  ++all_outages_;
  if (duration_s < long_outage_threshold_s_) return;
  long_outage_total_s_ += duration_s;
  append(LogGroup::kPowerFailure, EventRow{end_utc_s, 0, {static_cast<double>(duration_s), 0.0}});
}

void EventRecorder::clear_alarms(std::uint32_t mask, clock::UtcSeconds utc_s) {
  alarm_register_ &= ~mask;
  record(LogGroup::kStandard, event_code::kAlarmRegisterCleared, utc_s);
}

bool EventRecorder::read(const meter::Obis& obis, meter::RegisterValue& out) const {
  out = meter::RegisterValue{};
  auto count = [&](double v) {
    out.value = v;
    out.unit = meter::Unit::kCount;
    return true;
  };
  for (std::size_t g = 0; g < kLogGroupCount; ++g) {
    const LogGroupInfo& info = kLogGroups[g];
    if (obis == info.counter) return count(logs_[g].counter());
    if (info.has_code_column && obis == info.code_object) return count(last_code_[g]);
  }
  if (obis == meter::Obis(0, 0, 97, 98, 0)) return count(alarm_register_);
  if (obis == meter::Obis(0, 0, 97, 98, 10)) return count(alarm_filter_);
  if (obis == meter::Obis(0, 0, 96, 7, 21)) return count(all_outages_);
  if (obis == meter::Obis(0, 0, 96, 7, 19) || obis == meter::Obis(0, 0, 96, 7, 20)) {
    out.value = static_cast<double>(obis.e() == 19 ? long_outage_total_s_ : long_outage_threshold_s_);
    out.unit = meter::Unit::kSecond;
    return true;
  }
  return false;
}

EventRecorder::Registers EventRecorder::registers() const {
  return Registers{alarm_register_, alarm_filter_, last_code_, all_outages_, long_outage_total_s_};
}

void EventRecorder::restore_registers(const Registers& r) {
  alarm_register_ = r.alarm_register;
  alarm_filter_ = r.alarm_filter;
  last_code_ = r.last_code;
  all_outages_ = r.all_outages;
  long_outage_total_s_ = r.long_outage_total_s;
}

}  // namespace quadra::recording
