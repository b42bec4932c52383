// Reading a SET value or an ACTION parameter that a client wrote, field by field, into the
// meter's own types. Two kinds of refusal, as the SET/ACTION results carry them:
//   - the value does not have the attribute's shape (another A-XDR type, another element count,
//     an octet string of another fixed length, bytes left over): type-unmatched (12);
//   - the value has the shape but the meter refuses it (a date that is no date, a name too long,
//     a count beyond a table's capacity): other-reason (250), set by the caller through refuse().
// The first failure sticks; every later read fails at once, so a decoder reads on and checks once.
// Nothing is copied: octet strings are views into the value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/clock/cosem_date_time.h"
#include "core/common/status.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/data_type.h"

namespace quadra::cosem {

class ValueReader {
 public:
  explicit ValueReader(std::span<const std::uint8_t> value) : r_(value) {}

  // A structure of exactly `count` elements.
  bool structure(std::uint32_t count);
  // An array of at most `max` elements (more: other-reason, the table's capacity).
  bool array(std::uint32_t max, std::uint32_t* count);
  bool unsigned8(std::uint8_t* v);
  bool enumeration(std::uint8_t* v);
  bool long_unsigned(std::uint16_t* v);
  bool double_long_unsigned(std::uint32_t* v);
  bool boolean(bool* v);
  bool integer(std::int8_t* v);
  // An octet string of min..max octets: a fixed length (min == max) missed is type-unmatched,
  // a variable one beyond max is other-reason.
  bool octets(std::size_t min, std::size_t max, std::span<const std::uint8_t>* v);
  // COSEM date (5), time (4) and date-time (12) in an octet string, with valid fields.
  bool date(clock::CosemDate* v);
  bool time(clock::CosemTime* v);
  bool date_time(clock::CosemDateTime* v);
  // The whole value was read.
  bool end();

  // The meter refused what was read (other-reason), unless something failed before.
  bool refuse() { return fail(dlms::DataAccessResult::kOtherReason); }
  bool ok() const { return result_ == dlms::DataAccessResult::kSuccess; }
  dlms::DataAccessResult result() const { return result_; }

 private:
  bool expect(dlms::DataType type, dlms::AxdrItem* item);
  bool fail(dlms::DataAccessResult r) {
    if (result_ == dlms::DataAccessResult::kSuccess) result_ = r;
    return false;
  }

  dlms::AxdrReader r_;
  dlms::DataAccessResult result_ = dlms::DataAccessResult::kSuccess;
};

// The same refusal as an ACTION result (the codes coincide for these two).
constexpr dlms::ActionResult action_result(dlms::DataAccessResult r) {
  return r == dlms::DataAccessResult::kSuccess       ? dlms::ActionResult::kSuccess
         : r == dlms::DataAccessResult::kTypeUnmatched ? dlms::ActionResult::kTypeUnmatched
                                                       : dlms::ActionResult::kOtherReason;
}

}  // namespace quadra::cosem
