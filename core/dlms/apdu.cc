#include "core/dlms/apdu.h"

namespace quadra::dlms {

Status read_attribute_descriptor(AxdrReader& r, AttributeDescriptor* out, const char* field) {
  std::span<const std::uint8_t> name;
  AttributeDescriptor a;
  if (Status s = r.u16(&a.class_id, field); !s) return s;
  if (Status s = r.bytes(6, &name, field); !s) return s;
  for (std::size_t i = 0; i < 6; ++i) a.instance_id[i] = name[i];
  if (Status s = r.u8(&a.attribute_id, field); !s) return s;
  *out = a;
  return Status::ok();
}

Status read_method_descriptor(AxdrReader& r, MethodDescriptor* out, const char* field) {
  AttributeDescriptor a;
  if (Status s = read_attribute_descriptor(r, &a, field); !s) return s;
  *out = MethodDescriptor{a.class_id, a.instance_id, a.attribute_id};
  return Status::ok();
}

Status read_presence(AxdrReader& r, bool* present, const char* field) { return r.boolean(present, field); }

Status read_selective_access(AxdrReader& r, SelectiveAccess* out, const char* field) {
  SelectiveAccess a;
  if (Status s = read_presence(r, &a.present, field); !s) return s;
  if (a.present) {
    if (Status s = r.u8(&a.selector, field); !s) return s;
    if (Status s = r.value(&a.parameters); !s) return s;
  }
  *out = a;
  return Status::ok();
}

Status read_data_block_sa(AxdrReader& r, DataBlockSa* out, const char* field) {
  DataBlockSa b;
  if (Status s = r.boolean(&b.last_block, field); !s) return s;
  if (Status s = r.u32(&b.block_number, field); !s) return s;
  if (Status s = r.counted_bytes(&b.raw_data, field); !s) return s;
  *out = b;
  return Status::ok();
}

Status read_list_count(AxdrReader& r, std::size_t* count, const char* field) {
  std::uint32_t n = 0;
  if (Status s = r.length(&n, field); !s) return s;
  if (n > kMaxListItems) return too_many(field);
  *count = n;
  return Status::ok();
}

void write_attribute_descriptor(AxdrWriter& w, const AttributeDescriptor& a) {
  w.u16(a.class_id);
  w.raw(a.instance_id);
  w.u8(a.attribute_id);
}

void write_method_descriptor(AxdrWriter& w, const MethodDescriptor& m) {
  w.u16(m.class_id);
  w.raw(m.instance_id);
  w.u8(m.method_id);
}

void write_selective_access(AxdrWriter& w, const SelectiveAccess& s) {
  if (!s.present) {
    w.u8(0);
    return;
  }
  w.u8(1);
  w.u8(s.selector);
  w.raw(s.parameters);
}

void write_data_block_sa(AxdrWriter& w, const DataBlockSa& b) {
  w.u8(b.last_block ? 1 : 0);
  w.u32(b.block_number);
  w.length(static_cast<std::uint32_t>(b.raw_data.size()));
  w.raw(b.raw_data);
}

}  // namespace quadra::dlms
