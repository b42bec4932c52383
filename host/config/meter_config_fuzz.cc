// libFuzzer target for the meter configuration parser: any bytes as a TOML file. Only ConfigError
// may escape; a crash, a sanitizer report or another exception is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "host/config/meter_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const quadra::host::MeterConfig m = quadra::host::parse_meter_config(text, "fuzz.toml");
    (void)quadra::host::finish_metrology_config(m, quadra::host::SourceFacts{});
    (void)quadra::host::finish_meter_settings(m, 1767222000, quadra::metrology::MetrologyConfig{});
  } catch (const quadra::host::ConfigError&) {
  }
  return 0;
}
