// The cost of persistence: one save of the meter (snapshot + new rows), measured three ways in the
// same run so that the figures explain each other:
//   encode  - MeterStore::save into the in-memory reference store (state encoding, CRC, row copies);
//   sqlite  - the same save into the SQLite store on disk, WAL with full sync (one fsync per save);
//   ratio   - what the sync costs against the encoding.
// Each save follows one second of meter time (five 10-cycle windows), as `quadra run` does with
// the default persistence interval; a save per second is what a real-time meter needs.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "core/meter/meter_store.h"
#include "core/meter/interval_values_testing.h"
#include "core/storage/memory_store.h"
#include "host/store/sqlite_store.h"

namespace {

using namespace quadra;

meter::IntervalValues window(double start_s, double p_w) { return meter::constant_power_interval(start_s, 0.2, p_w); }

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = 1767222000;
  s.billing = meter::default_billing_settings();
  return s;
}

// Seconds per save over `saves` saves, each after one second of meter time.
template <class Store>
double time_saves(meter::Meter& m, meter::MeterStore& ms, Store& store, int saves, double& t) {
  const auto t0 = std::chrono::steady_clock::now();
  for (int k = 0; k < saves; ++k) {
    for (int w = 0; w < 5; ++w, t += 0.2) m.on_interval(window(t, 20000.0 + 100.0 * (k % 7)));
    if (!ms.save(m, store)) std::abort();
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / saves;
}

}  // namespace

int main() {
  const std::string dir = (std::filesystem::temp_directory_path() / ("quadra-store-bench-" + std::to_string(getpid()))).string();
  std::filesystem::remove_all(dir);

  meter::Meter a(settings());
  meter::MeterStore sa(a);
  storage::MemoryStore memory;
  double ta = 0.0;
  time_saves(a, sa, memory, 100, ta);  // warm up
  const double encode = time_saves(a, sa, memory, 2000, ta);

  meter::Meter b(settings());
  meter::MeterStore sb(b);
  host::SqliteStore sqlite(dir + "/meter.db", host::SqliteStore::Mode::kReadWrite);
  double tb = 0.0;
  time_saves(b, sb, sqlite, 20, tb);
  const double disk = time_saves(b, sb, sqlite, 300, tb);
  std::filesystem::remove_all(dir);

  std::printf("store: snapshot %zu bytes; one save per second of meter time:\n", sb.last_snapshot_size());
  std::printf("  encode into memory   %8.1f us per save\n", encode * 1e6);
  std::printf("  SQLite, WAL, fsync   %8.1f us per save (%.0fx the encoding)\n", disk * 1e6, disk / encode);
  std::printf("  the store alone caps a full-speed run at %.0fx real time (1 s of meter time per save)\n", 1.0 / disk);
  return 0;
}
