#include "core/recording/load_profile.h"

namespace quadra::recording {
namespace {

// The last multiple of p at or before t (floor division, also for t < 0). Precondition: p > 0.
clock::UtcSeconds grid_floor(clock::UtcSeconds t, std::int64_t p) {
  std::int64_t q = t / p;
  if (t % p != 0 && t < 0) --q;
  return q * p;
}

}  // namespace

Status LoadProfile::validate(const LoadProfileConfig& config) {
  if (config.period_s < 1 || config.period_s > 3600 || clock::kSecondsPerDay % config.period_s != 0)
    return Status::invalid("load_profile.period_s", "must lie between 1 and 3600 s and divide 86400 s");
  if (config.capture_list.size() > kMaxProfileCaptures)
    return Status::error(StatusCode::kCapacity, "load_profile.capture_list", "holds more than 16 objects");
  if (config.capacity == 0 || config.capacity > kMaxProfileCapacity)
    return Status::invalid("load_profile.capacity", "must lie between 1 and 100000 rows");
  return Status::ok();
}

LoadProfile::LoadProfile(const LoadProfileConfig& config)
    : period_s_(config.period_s),
      capture_count_(config.capture_list.size()),
      times_(config.capacity),
      status_(config.capacity),
      values_(config.capacity * config.capture_list.size()) {
  for (std::size_t k = 0; k < capture_count_; ++k) capture_list_[k] = config.capture_list[k];
}

LoadProfile::Plan LoadProfile::plan_advance(clock::UtcSeconds now, std::uint8_t events) {
  Plan p;
  if (!started_) {
    started_ = true;
    handled_until_ = now - 1;  // an instant exactly at the first call is captured
    last_now_ = now;
  }
  if (now < last_now_) events = static_cast<std::uint8_t>(events | amr::kClockAdjusted);
  last_now_ = now;
  events = static_cast<std::uint8_t>(events & amr::kDefinedBits);
  pending_ = static_cast<std::uint8_t>(pending_ | events);
  if (now <= handled_until_) return p;  // after a set back: nothing until time passes what was handled

  const clock::UtcSeconds first_due = grid_floor(handled_until_, period_s_) + period_s_;
  const clock::UtcSeconds last_due = grid_floor(now, period_s_);
  handled_until_ = now;
  if (last_due < first_due) return p;

  const bool power_down = (events & amr::kPowerDown) != 0;
  if ((events & amr::kClockAdjusted) != 0 && !power_down) return p;  // jumped over by a forward set

  p.fill_first = first_due;
  p.fill_count = (last_due - first_due) / period_s_ + 1;
  if (power_down) {
    p.fill_status = amr::kPowerDown | amr::kDataNotValid;
  } else {
    p.fill_status = amr::kDataNotValid;
    --p.fill_count;  // the last instant due is a regular capture
    p.capture = true;
    p.capture_utc = last_due;
  }
  const auto cap = static_cast<std::int64_t>(capacity());
  if (p.fill_count > cap) {
    p.fill_first += (p.fill_count - cap) * period_s_;
    p.fill_count = cap;
  }
  return p;
}

bool LoadProfile::push_row(clock::UtcSeconds utc_s, std::uint8_t status) {
  if (used_ > 0 && utc_s <= newest_utc()) return false;
  const std::size_t slot = (first_ + used_) % times_.size();
  if (used_ < times_.size()) {
    ++used_;
  } else {
    first_ = (first_ + 1) % times_.size();
  }
  times_[slot] = utc_s;
  ++rows_written_;
  status_[slot] = status;
  for (std::size_t k = 0; k < capture_count_; ++k) values_[slot * capture_count_ + k] = scratch_[k];
  return true;
}

void LoadProfile::reset() {
  first_ = 0;
  used_ = 0;
}

ProfileRowView LoadProfile::entry(std::size_t k) const {
  const std::size_t slot = (first_ + k) % times_.size();
  return ProfileRowView{times_[slot], status_[slot], {values_.data() + slot * capture_count_, capture_count_}};
}

std::size_t LoadProfile::lower_bound(clock::UtcSeconds utc_s) const {
  std::size_t lo = 0, hi = used_;  // the clock column increases, so bisect
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (entry(mid).utc_s < utc_s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

void LoadProfile::restore_schedule(const Schedule& s) {
  started_ = s.started;
  handled_until_ = s.handled_until;
  last_now_ = s.last_now;
  pending_ = s.pending;
  rows_written_ = s.rows_written;
}

Status LoadProfile::restore_row(clock::UtcSeconds utc_s, std::uint8_t status, std::span<const double> values) {
  if (values.size() != capture_count_)
    return Status::error(StatusCode::kCorruption, "load_profile.row", "value count differs from the capture list");
  if (used_ > 0 && utc_s <= newest_utc())
    return Status::error(StatusCode::kCorruption, "load_profile.row", "clock not after the previous row");
  for (std::size_t k = 0; k < capture_count_; ++k) scratch_[k] = values[k];
  push_row(utc_s, status);
  return Status::ok();
}

}  // namespace quadra::recording
