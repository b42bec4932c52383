// COSEM selective access "by entry" (Blue Book, IC 7 profile generic, access selector 2): which rows
// and which columns of a FIFO buffer a request selects. Entries and columns are numbered from 1 in
// COSEM order (entry 1 = the oldest row kept, column 1 = the first capture object); a "to" of 0
// means "up to the last one". The result is a half-open range of 0-based indices, possibly empty.
//
// Edge cases, decided once here for every profile and log:
//   from = 0                  -> kInvalidArgument (COSEM numbers from 1)
//   to != 0 and from > to     -> kInvalidArgument
//   from beyond the last one  -> ok, empty selection (a reader asking past the end gets no rows)
//   to beyond the last one    -> clipped to the last one
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/common/status.h"

namespace quadra::recording {

struct IndexRange {
  std::size_t first = 0;  // 0-based
  std::size_t count = 0;
  constexpr std::size_t end() const { return first + count; }
  constexpr bool empty() const { return count == 0; }
};

// `in_use` is how many rows (or columns) exist; `field` names the selection in the error.
constexpr Status select_range(std::size_t in_use, std::uint32_t from, std::uint32_t to, const char* field,
                              IndexRange& out) {
  out = IndexRange{};
  if (from == 0) return Status::invalid(field, "entries and columns are numbered from 1");
  if (to != 0 && from > to) return Status::invalid(field, "from is after to");
  if (from > in_use) return Status::ok();
  const std::size_t last = (to == 0 || to > in_use) ? in_use : to;  // 1-based, inclusive
  out.first = from - 1;
  out.count = last - out.first;
  return Status::ok();
}

}  // namespace quadra::recording
