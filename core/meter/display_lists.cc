#include "core/meter/display_lists.h"

#include <initializer_list>

namespace quadra::meter {
namespace {

void set(DisplayLists& d, DisplayList which, std::initializer_list<Obis> items) {
  const auto k = static_cast<std::size_t>(which);
  d.count[k] = 0;
  for (const Obis& o : items) d.items[k][d.count[k]++] = o;
}

}  // namespace

DisplayLists default_display_lists() {
  DisplayLists d;
  set(d, DisplayList::kGeneral,
      {Obis(0, 0, 1, 0, 0), Obis(1, 0, 1, 8, 0), Obis(1, 0, 1, 8, 1), Obis(1, 0, 1, 8, 2), Obis(1, 0, 1, 8, 3),
       Obis(1, 0, 1, 8, 4), Obis(1, 0, 2, 8, 0), Obis(1, 0, 3, 8, 0), Obis(1, 0, 4, 8, 0), Obis(1, 0, 1, 6, 0),
       Obis(0, 0, 97, 97, 0)});
  set(d, DisplayList::kAlternate,
      {Obis(1, 0, 32, 7, 0), Obis(1, 0, 52, 7, 0), Obis(1, 0, 72, 7, 0), Obis(1, 0, 31, 7, 0), Obis(1, 0, 51, 7, 0),
       Obis(1, 0, 71, 7, 0), Obis(1, 0, 1, 7, 0), Obis(1, 0, 3, 7, 0), Obis(1, 0, 13, 7, 0), Obis(1, 0, 14, 7, 0),
       Obis(1, 0, 1, 6, 1), Obis(1, 0, 1, 6, 2), Obis(1, 0, 1, 6, 3), Obis(1, 0, 1, 6, 4), Obis(1, 0, 1, 8, 0, 101),
       Obis(1, 0, 1, 6, 0, 101)});
  set(d, DisplayList::kService,
      {Obis(0, 0, 96, 1, 0), Obis(1, 0, 0, 2, 0), Obis(0, 0, 1, 0, 0), Obis(1, 0, 0, 4, 2), Obis(1, 0, 0, 4, 3),
       Obis(1, 0, 0, 3, 0), Obis(0, 0, 96, 2, 0), Obis(1, 0, 96, 10, 0), Obis(0, 0, 97, 97, 0)});
  return d;
}

}  // namespace quadra::meter
