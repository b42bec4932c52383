// libFuzzer target for the IEC 62056-21 engine and its command parser (build with
// -DQUADRA_FUZZ=ON and clang++).
//
// The input is a session script: a byte 0xFF followed by n advances the clock by n * 20 ms (then
// poll and drain); any other byte is received at the current time. The engine must never crash,
// never emit an empty send, only announce mode C baud rates, and answer only after its reaction
// time (nothing is sent at the instant a byte arrives); parse_command() on the whole input must not crash and, when it accepts, must hand back
// views inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "core/link/iec62056_21/engine.h"
#include "core/link/iec62056_21/messages.h"

namespace {

using namespace quadra::iec62056_21;

void check(bool ok) {
  if (!ok) std::abort();
}

class Source : public ReadoutSource {
 public:
  bool readout_line(std::size_t index, std::span<char> out, std::size_t* size) override {
    static const char* const kLines[] = {"0.0.0(12345678)", "1.8.0(000123.456*kWh)", "1.6.1(0012.345*kW)(2611251415)"};
    if (index >= 3) return false;
    std::size_t n = 0;
    for (const char* p = kLines[index]; *p != '\0' && n < out.size(); ++p) out[n++] = *p;
    *size = n;
    return true;
  }
  std::size_t password_operand(std::span<char> out) override {
    out[0] = '4';
    out[1] = '2';
    return 2;
  }
  bool check_password(char level, std::string_view pw) override { return level == '1' && pw == "0"; }
  bool read_data_set(std::string_view address, std::string_view, std::span<char> out, std::size_t* size) override {
    std::size_t n = 0;
    for (const char c : address) {
      if (n < out.size()) out[n++] = c;
    }
    *size = n;
    return !address.empty();
  }
  bool write_data_set(std::string_view, std::string_view value) override { return value.size() < 4; }
};

// Every drain empties what is due, so a send right after a feed (same instant) would be an
// answer without the reaction time.
void drain(Engine& e, bool right_after_feed) {
  Output o;
  int guard = 0;
  while (e.next_output(&o)) {
    check(++guard < 10000);
    if (o.kind == OutputKind::kSend) {
      check(!o.bytes.empty());
      check(!right_after_feed);
    } else {
      check(char_of_baud(o.baud) != '\0');
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  Command cmd;
  if (parse_command(bytes, &cmd).is_ok() && cmd.has_data) {
    const auto* begin = reinterpret_cast<const char*>(data);
    check(cmd.value.data() >= begin && cmd.value.data() + cmd.value.size() <= begin + size);
  }

  Source source;
  Engine engine(source);
  Config config;
  config.reaction_ms = 200;
  (void)engine.configure(config);
  std::uint64_t now = 1000;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0xFF && i + 1 < size) {
      now += static_cast<std::uint64_t>(data[++i]) * 20;
      engine.poll(now);
      drain(engine, false);
      continue;
    }
    engine.feed(bytes.subspan(i, 1), now);
    drain(engine, true);
  }
  for (int k = 0; k < 50; ++k) {
    now += 1000;
    engine.poll(now);
    drain(engine, false);
  }
  return 0;
}
