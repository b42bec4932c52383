// libFuzzer target: any bytes as one A-XDR Data value through parse_data() and every printed
// form (text, tree, JSON dumped). Malformed input must end in ClientError, never a crash.
#include <cstddef>
#include <cstdint>
#include <span>

#include "host/client/data_text.h"
#include "host/client/read_command.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace quadra::client;
  try {
    const DataValue v = parse_data(std::span<const std::uint8_t>(data, size));
    (void)value_text(v);
    (void)tree_text(v);
    (void)to_json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    try {
      (void)object_list_text(v);
    } catch (const ClientError&) {
    }
    try {
      (void)profile_text(v, v, true);
    } catch (const ClientError&) {
    }
    if (v.type == quadra::dlms::DataType::kStructure && v.items.size() == 2) (void)scaled_text(v.items[0], v.items[1]);
  } catch (const ClientError&) {
  }
  return 0;
}
