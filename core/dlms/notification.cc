#include "core/dlms/notification.h"

namespace quadra::dlms {

Status decode_data_notification(std::span<const std::uint8_t> apdu, DataNotification* out) {
  AxdrReader r(apdu);
  std::uint8_t tag = 0;
  DataNotification n;
  if (Status s = r.u8(&tag, "data_notification"); !s) return s;
  if (tag != apdu_tag::kDataNotification) return unknown_tag("data_notification");
  if (Status s = r.u32(&n.invoke.raw, "data_notification.invoke_id"); !s) return s;
  if (Status s = r.counted_bytes(&n.date_time, "data_notification.date_time"); !s) return s;
  const std::size_t dt = n.date_time.size();
  if (dt != 0 && dt != 4 && dt != 5 && dt != 12) return bad_length("data_notification.date_time");
  if (Status s = r.value(&n.body); !s) return s;
  if (Status s = r.expect_end("data_notification"); !s) return s;
  *out = n;
  return Status::ok();
}

void begin_data_notification(AxdrWriter& w, LongInvokeIdAndPriority invoke, std::span<const std::uint8_t> date_time) {
  const std::size_t dt = date_time.size();
  if (dt != 0 && dt != 4 && dt != 5 && dt != 12) return w.fail(bad_length("data_notification.date_time"));
  w.u8(apdu_tag::kDataNotification);
  w.u32(invoke.raw);
  w.length(static_cast<std::uint32_t>(date_time.size()));
  w.raw(date_time);
}

void encode_data_notification(AxdrWriter& w, const DataNotification& n) {
  begin_data_notification(w, n.invoke, n.date_time);
  w.raw(n.body);
}

}  // namespace quadra::dlms
