// DataNotification (IEC 62056-5-3, tag 0x0F): the unsolicited push of a server (Push setup).
//
//   0F long-invoke-id-and-priority(4) date-time notification-body
//
// date-time is an OCTET STRING: empty ("00") when absent, else 12 octets ("0C" + a COSEM
// date-time); 5 (date) and 4 (time) octets are also taken, as the Gurux stack reads them.
// notification-body is one Data value (for a Push setup, the structure of the pushed attributes).
// Note: pwitab/dlms-cosem (2021) *writes* a present date-time as 01 + 12 octets (an OPTIONAL
// flag, no length); that form is refused here (bad length 1) while it reads ours correctly.
#pragma once

#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"

namespace quadra::dlms {

struct DataNotification {
  LongInvokeIdAndPriority invoke;
  std::span<const std::uint8_t> date_time;  // empty, or 12 (or 5, 4) octets
  std::span<const std::uint8_t> body;       // one complete Data value, raw
};

// A date-time of another length than 0, 4, 5 or 12 is kReasonBadLength (also when encoding).
Status decode_data_notification(std::span<const std::uint8_t> apdu, DataNotification* out);
void encode_data_notification(AxdrWriter& w, const DataNotification& n);
// Writes the header (tag, invoke id, date-time): the caller then writes the body Data value.
void begin_data_notification(AxdrWriter& w, LongInvokeIdAndPriority invoke, std::span<const std::uint8_t> date_time);

}  // namespace quadra::dlms
