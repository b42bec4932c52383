// The special days table, COSEM interface class 11: days (holidays) on which the activity
// calendar uses a given day profile instead of the one its week profile names.
//
// An entry is {index, specialday_date, day_id}. The date is a COSEM date and may repeat: year not
// specified = every year (FF FF 0C 19 FF is Christmas Day every year), and the other wildcards of
// date_pattern.h apply. Blue Book methods: insert(entry) overwrites an entry with the same index
// or the same date; delete(index) removes one. The table keeps its entries sorted by index; when
// several match a day, the lowest index wins (so a year-specific exception can be given a lower
// index than an every-year rule). The day_id must name a day profile of the active calendar; an
// entry whose day_id does not is ignored at evaluation (check_special_days() in
// activity_calendar.h reports it beforehand).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/clock/civil_time.h"
#include "core/clock/cosem_date_time.h"
#include "core/clock/fixed_vector.h"
#include "core/common/status.h"

namespace quadra::clock {

inline constexpr std::size_t kMaxSpecialDays = 64;

struct SpecialDay {
  std::uint16_t index = 0;
  CosemDate date;
  std::uint8_t day_id = 0;
  friend constexpr bool operator==(const SpecialDay&, const SpecialDay&) = default;
  template <class A> constexpr void persist(A& a) { a(index)(date)(day_id); }
};

// Checks that the date is a valid, supported pattern (date_pattern.h).
Status validate(const SpecialDay& entry);

class SpecialDaysTable {
 public:
  // COSEM method insert: a valid entry replaces those with its index or its date; refused with
  // kCapacity when it replaces none and the table is full.
  Status insert(const SpecialDay& entry);
  // COSEM method delete. kOutOfRange when no entry has this index.
  Status remove(std::uint16_t index);
  void clear() { entries_.clear(); }

  // Sorted by index.
  std::span<const SpecialDay> entries() const { return entries_.span(); }
  std::size_t size() const { return entries_.size(); }

  // The entry (lowest index) whose date covers `date`, or nullptr.
  const SpecialDay* find(const CivilDate& date) const;

  friend bool operator==(const SpecialDaysTable&, const SpecialDaysTable&) = default;

  // The state archive (storage/state_archive.h); a loaded table must hold valid entries, sorted
  // by index without repeats, as insert() keeps it.
  template <class Archive>
  void persist(Archive& a) {
    a(entries_);
    if constexpr (Archive::kLoading) a.check(well_formed(), "the special days table holds an invalid entry");
  }

 private:
  bool well_formed() const;
  FixedVector<SpecialDay, kMaxSpecialDays> entries_;
};

}  // namespace quadra::clock
