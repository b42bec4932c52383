// libFuzzer target for the optical port's readout source behind the IEC 62056-21 engine (build
// with -DQUADRA_FUZZ=ON and clang++): the addresses a client sends in R1 commands are outside
// bytes that MeterReadout parses.
//
// The input is a session script, as for quadra_iec62056_21_fuzz: a byte 0xFF followed by n
// advances the clock by n * 20 ms (then poll and drain); any other byte is received. The meter
// has registers and one billing period. Checks: no crash; every data set sent is printable
// 7-bit ASCII; read_data_set() on the whole input as an address never writes past its buffer
// and, when it answers, answers with a data set that starts with an address.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string_view>

#include "core/io/readout_list.h"
#include "core/link/iec62056_21/engine.h"

namespace {

using namespace quadra;

void check(bool ok) {
  if (!ok) std::abort();
}

meter::IntervalValues minute(double start_s, double p_w) {
  meter::IntervalValues v;
  v.start_s = start_s;
  v.duration_s = 60.0;
  v.energy[3] = metrology::split_into_quadrants(p_w / 60.0, 0.0, p_w / 60.0);
  v.p_w_total = p_w;
  v.u_rms_v = {230.0, 230.0, 230.0};
  v.frequency_hz = 50.0;
  return v;
}

struct World {
  std::unique_ptr<meter::Meter> meter;
  std::unique_ptr<io::MeterReadout> readout;
  World() {
    meter::MeterSettings s;
    s.billing = meter::default_billing_settings();
    meter = std::make_unique<meter::Meter>(s);
    for (int k = 0; k < 20; ++k) meter->on_interval(minute(60.0 * k, 5000.0));
    (void)meter->billing_reset(1200.0, meter::BillingTrigger::kCommand);
    readout = std::make_unique<io::MeterReadout>(*meter, io::default_readout_config());
  }
};

void drain(iec62056_21::Engine& e) {
  iec62056_21::Output o;
  int guard = 0;
  while (e.next_output(&o)) {
    check(++guard < 10000);
    if (o.kind != iec62056_21::OutputKind::kSend) continue;
    for (const std::uint8_t b : o.bytes) check(b < 0x80);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;  // the meter does not change: one for every input
  const std::span<const std::uint8_t> in(data, size);

  char out[io::MeterReadout::kMaxDataSet];
  std::size_t n = 0;
  const std::string_view address(reinterpret_cast<const char*>(data), size);
  if (world.readout->read_data_set(address, address, out, &n)) {
    check(n > 0 && n <= sizeof out);
    check(out[0] != '(');
  }

  iec62056_21::Engine engine(*world.readout);
  std::uint64_t now = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == 0xFF && i + 1 < in.size()) {
      now += 20u * in[++i];
      engine.poll(now);
      drain(engine);
      continue;
    }
    engine.feed(in.subspan(i, 1), now);
    drain(engine);
  }
  now += 100'000;
  engine.poll(now);
  drain(engine);
  return 0;
}
