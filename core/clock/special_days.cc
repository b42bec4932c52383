#include "core/clock/special_days.h"

#include "core/clock/date_pattern.h"

namespace quadra::clock {

Status validate(const SpecialDay& entry) { return validate_pattern(entry.date, "special_days.specialday_date"); }

Status SpecialDaysTable::insert(const SpecialDay& entry) {
  if (Status s = validate(entry); !s) return s;
  // Make room first: entries with the same index or the same date are overwritten (Blue Book).
  bool replaces = false;
  for (const SpecialDay& e : entries_) replaces = replaces || e.index == entry.index || e.date == entry.date;
  if (!replaces && entries_.full())
    return Status::error(StatusCode::kCapacity, "special_days.entries", "table is full");
  for (std::size_t i = entries_.size(); i-- > 0;)
    if (entries_[i].index == entry.index || entries_[i].date == entry.date) entries_.erase(i);
  std::size_t at = 0;
  while (at < entries_.size() && entries_[at].index < entry.index) ++at;
  entries_.insert(at, entry);
  return Status::ok();
}

Status SpecialDaysTable::remove(std::uint16_t index) {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].index == index) {
      entries_.erase(i);
      return Status::ok();
    }
  }
  return Status::error(StatusCode::kOutOfRange, "special_days.index", "no entry has this index");
}

bool SpecialDaysTable::well_formed() const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!validate(entries_[i]).is_ok()) return false;
    if (i > 0 && entries_[i - 1].index >= entries_[i].index) return false;
  }
  return true;
}

const SpecialDay* SpecialDaysTable::find(const CivilDate& date) const {
  for (const SpecialDay& e : entries_)
    if (matches(e.date, date)) return &e;
  return nullptr;
}

}  // namespace quadra::clock
