#include "core/push/push_schedule.h"

#include <limits>

#include "core/clock/civil_time.h"
#include "core/dlms/axdr_reader.h"
#include "core/meter/meter.h"
#include "core/recording/log_group.h"

namespace quadra::push {
namespace {

constexpr std::uint8_t kAny = 0xFF;

bool fits(std::uint32_t interval_s, std::uint32_t span_s, std::uint32_t least_s) {
  return interval_s >= least_s && span_s % interval_s == 0 && span_s / interval_s <= PushScheduleSettings::kMaxTimes;
}

}  // namespace

Status schedule_every(std::uint32_t interval_s, PushScheduleSettings* out) {
  out->count = 0;
  if (interval_s == 0) return Status::ok();
  const bool hourly = fits(interval_s, 3600, 60);
  if (!hourly && !fits(interval_s, 86400, 900))
    return Status::error(StatusCode::kInvalidArgument, "push.interval_s",
                         "must divide an hour (60 s at least) or a day (900 s at least)");
  const std::uint32_t span = hourly ? 3600 : 86400;
  for (std::uint32_t t = 0; t < span; t += interval_s) {
    out->times[out->count++] = {hourly ? kAny : static_cast<std::uint8_t>(t / 3600),
                                static_cast<std::uint8_t>(t % 3600 / 60), static_cast<std::uint8_t>(t % 60)};
  }
  return Status::ok();
}

bool PushScheduleObject::valid(const PushScheduleSettings& s) const {
  if (s.script_selector < 1 || s.script_selector > scripts_.script_count() || s.count > s.times.size()) return false;
  for (std::size_t k = 0; k < s.count; ++k) {
    const ExecutionTime& t = s.times[k];
    if ((t.hour > 23 && t.hour != kAny) || t.minute > 59 || t.second > 59) return false;
  }
  return true;
}

bool PushScheduleObject::restore(std::uint8_t attribute, std::span<const std::uint8_t> value) {
  PushScheduleSettings next = settings_;
  if (!writable(attribute) || read(attribute, value, &next) != cosem::DataAccessResult::kSuccess || !valid(next))
    return false;
  settings_ = next;
  return true;
}

cosem::DataAccessResult PushScheduleObject::get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess&,
                                                          cosem::AxdrWriter& out, const cosem::RequestContext&) {
  switch (attribute) {
    case 2:
      out.structure(2);
      out.octet_string(kPushScriptTableLn.v);
      out.long_unsigned(settings_.script_selector);
      break;
    case 3: out.enum_value(5); break;
    default:
      out.array(static_cast<std::uint32_t>(settings_.count));
      for (std::size_t k = 0; k < settings_.count; ++k) {
        const ExecutionTime& t = settings_.times[k];
        out.structure(2);
        const std::array<std::uint8_t, 4> time{t.hour, t.minute, t.second, 0};
        const std::array<std::uint8_t, 5> date{0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
        out.octet_string(time);
        out.octet_string(date);
      }
      break;
  }
  return cosem::DataAccessResult::kSuccess;
}

cosem::DataAccessResult PushScheduleObject::set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                                const cosem::RequestContext& ctx) {
  using cosem::DataAccessResult;
  if (!writable(attribute)) return DataAccessResult::kReadWriteDenied;
  PushScheduleSettings next = settings_;
  if (const DataAccessResult r = read(attribute, value, &next); r != DataAccessResult::kSuccess) return r;
  if (!valid(next)) return DataAccessResult::kOtherReason;
  settings_ = next;
  ++generation_;
  meter_.parameters_changed(recording::obis_to_context(logical_name()), ctx.now_s);
  return DataAccessResult::kSuccess;
}

cosem::DataAccessResult PushScheduleObject::read(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                                 PushScheduleSettings* out) const {
  using cosem::DataAccessResult;
  PushScheduleSettings& next = *out;
  dlms::AxdrReader r(value);
  dlms::AxdrItem item;
  if (attribute == 2) {
    dlms::AxdrItem ln, selector;
    if (!r.expect(dlms::DataType::kStructure, &item, "executed_script").is_ok() || item.count != 2 ||
        !r.expect(dlms::DataType::kOctetString, &ln, "executed_script").is_ok() || ln.bytes.size() != 6 ||
        !r.expect(dlms::DataType::kLongUnsigned, &selector, "executed_script").is_ok() ||
        !r.expect_end("executed_script").is_ok())
      return DataAccessResult::kTypeUnmatched;
    meter::Obis script;
    for (std::size_t k = 0; k < 6; ++k) script.v[k] = ln.bytes[k];
    if (script != kPushScriptTableLn) return DataAccessResult::kOtherReason;
    next.script_selector = static_cast<std::uint16_t>(selector.unsigned_value);
  } else {
    if (!r.expect(dlms::DataType::kArray, &item, "execution_time").is_ok()) return DataAccessResult::kTypeUnmatched;
    if (item.count > next.times.size()) return DataAccessResult::kOtherReason;
    next.count = 0;
    bool served = true;
    for (std::uint32_t k = 0; k < item.count; ++k) {
      dlms::AxdrItem entry, time, date;
      if (!r.expect(dlms::DataType::kStructure, &entry, "execution_time").is_ok() || entry.count != 2 ||
          !r.expect(dlms::DataType::kOctetString, &time, "execution_time").is_ok() || time.bytes.size() != 4 ||
          !r.expect(dlms::DataType::kOctetString, &date, "execution_time").is_ok() || date.bytes.size() != 5)
        return DataAccessResult::kTypeUnmatched;
      for (std::uint8_t b : date.bytes) served = served && b == 0xFF;  // every day
      served = served && (time.bytes[3] == 0 || time.bytes[3] == kAny) && time.bytes[1] != kAny;
      next.times[next.count++] = {time.bytes[0], time.bytes[1],
                                  time.bytes[2] == kAny ? std::uint8_t{0} : time.bytes[2]};
    }
    if (!r.expect_end("execution_time").is_ok()) return DataAccessResult::kTypeUnmatched;
    if (!served) return DataAccessResult::kOtherReason;
  }
  return DataAccessResult::kSuccess;
}

std::int64_t PushScheduleObject::next_after(std::int64_t after) const {
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  for (std::size_t k = 0; k < settings_.count; ++k) {
    const ExecutionTime& t = settings_.times[k];
    const std::int64_t span = t.hour == kAny ? 3600 : 86400;
    const std::int64_t offset = (t.hour == kAny ? 0 : t.hour * 3600) + t.minute * 60 + t.second;
    std::int64_t at = after - after % span + offset;  // local times are after 1970: no negatives
    if (at <= after) at += span;
    if (at < best) best = at;
  }
  return best;
}

void PushScheduleObject::poll(double now_s) {
  const clock::CivilDateTime local = meter_.rtc().local(now_s);
  const std::int64_t local_s = clock::days_from_civil(local.date()) * 86400 + local.seconds_of_day();
  if (last_local_s_ >= 0 && local_s > last_local_s_ && settings_.count > 0 && next_after(last_local_s_) <= local_s)
    (void)scripts_.execute(settings_.script_selector, Trigger::kSchedule);
  // A clock set back: the times from there on come round again.
  last_local_s_ = local_s;
}

}  // namespace quadra::push
