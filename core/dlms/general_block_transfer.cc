#include "core/dlms/general_block_transfer.h"

#include "core/dlms/axdr_reader.h"
#include "core/dlms/codec_status.h"

namespace quadra::dlms {

Status decode_general_block_transfer(std::span<const std::uint8_t> apdu, GeneralBlockTransfer* out) {
  constexpr const char* kField = "general_block_transfer";
  AxdrReader r(apdu);
  std::uint8_t tag = 0, control = 0;
  GeneralBlockTransfer g;
  if (Status s = r.u8(&tag, kField); !s) return s;
  if (tag != apdu_tag::kGeneralBlockTransfer) return unknown_tag(kField);
  if (Status s = r.u8(&control, kField); !s) return s;
  g.last_block = (control & 0x80) != 0;
  g.streaming = (control & 0x40) != 0;
  g.window = control & 0x3F;
  if (Status s = r.u16(&g.block_number, kField); !s) return s;
  if (Status s = r.u16(&g.block_number_ack, kField); !s) return s;
  if (Status s = r.counted_bytes(&g.block_data, kField); !s) return s;
  if (Status s = r.expect_end(kField); !s) return s;
  *out = g;
  return Status::ok();
}

void encode_general_block_transfer(AxdrWriter& w, const GeneralBlockTransfer& gbt) {
  w.u8(apdu_tag::kGeneralBlockTransfer);
  w.u8(static_cast<std::uint8_t>((gbt.last_block ? 0x80 : 0) | (gbt.streaming ? 0x40 : 0) | (gbt.window & 0x3F)));
  w.u16(gbt.block_number);
  w.u16(gbt.block_number_ack);
  w.length(static_cast<std::uint32_t>(gbt.block_data.size()));
  w.raw(gbt.block_data);
}

}  // namespace quadra::dlms
