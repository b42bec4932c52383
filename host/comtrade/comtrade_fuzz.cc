// libFuzzer target for the COMTRADE reader (build with -DQUADRA_FUZZ=ON and clang++).
//
// Input layout, chosen by the first byte (mod 3):
//   0: the rest is a .cff file;
//   1: two bytes little-endian L, then L bytes of .cfg text, then the .dat content; a record that
//      decodes is also streamed through ComtradeSource (at most 4096 frames);
//   2: the rest is an explicit channel mapping text, resolved against a fixed configuration.
// Only ComtradeError may escape the library; anything else (a crash, a sanitizer report, another
// exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "host/comtrade/channel_map.h"
#include "host/comtrade/comtrade.h"
#include "host/comtrade/comtrade_source.h"

namespace {

using namespace quadra::comtrade;

void stream(ComtradeRecord record) {
  ComtradeSource source(std::move(record));
  (void)source.describe();
  (void)source.mapping_report();
  std::vector<quadra::metrology::SampleFrame> frames(256);
  for (int i = 0; i < 16; ++i) {
    if (source.read(frames) == 0) break;
  }
}

const ComtradeConfig& fixed_config() {
  static const ComtradeConfig config = parse_cfg(
      "S,D,1999\n4,3A,1D\n1,UA,A,,kV,1,0,0,0,0,10,1,P\n2,U21,,,V,1,0,0,0,0,1,1,S\n"
      "5,IA,A,,A,1,0,0,0,0,1,1,S\n1,TRIP,,,0\n50\n1\n1000,3\n01/01/2000,00:00:00\n"
      "01/01/2000,00:00:00\nASCII\n1\n",
      "fixed.cfg");
  return config;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const int mode = data[0] % 3;
  std::string_view rest = all.substr(1);
  try {
    if (mode == 0) {
      stream(parse_cff(rest, "fuzz.cff"));
    } else if (mode == 1) {
      if (rest.size() < 2) return 0;
      const std::size_t len = static_cast<std::size_t>(static_cast<std::uint8_t>(rest[0])) |
                              (static_cast<std::size_t>(static_cast<std::uint8_t>(rest[1])) << 8);
      rest.remove_prefix(2);
      const std::string_view cfg = rest.substr(0, len);
      const std::string_view dat = rest.substr(cfg.size());
      ComtradeConfig config = parse_cfg(cfg, "fuzz.cfg");
      (void)auto_map_channels(config);
      stream(decode_dat(std::move(config), dat, "fuzz.dat"));
    } else {
      const MappingSpec spec = parse_channel_mapping(rest);
      (void)describe_mapping(fixed_config(), resolve_mapping(fixed_config(), spec));
    }
  } catch (const ComtradeError&) {
    // A refusal is a correct answer to garbage.
  }
  return 0;
}
