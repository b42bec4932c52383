// quadra dump: reads a meter's store (stopped or running: readers do not lock) and prints a load
// profile, an event log, every register, or the configuration the meter was made with.
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "core/clock/time_zone.h"
#include "core/meter/meter_store.h"
#include "host/cli/commands.h"
#include "host/cli/event_names.h"
#include "host/cli/meter_report.h"
#include "host/config/meter_config.h"
#include "host/store/sqlite_store.h"

namespace quadra::host {
namespace {

namespace fs = std::filesystem;

std::string resolve_store(const std::string& given) {
  std::error_code ec;
  if (!fs::is_directory(given, ec)) return given;
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(given, ec)) {
    if (e.path().extension() == ".db") found.push_back(e.path().string());
  }
  if (found.size() == 1) return found[0];
  if (found.empty()) throw std::invalid_argument(fmt::format("--store: {} holds no meter store (*.db)", given));
  throw std::invalid_argument(fmt::format("--store: {} holds {} meter stores; name the file", given, found.size()));
}

// "YYYY-MM-DD[THH:MM[:SS]]" in the meter's local time -> UTC seconds.
clock::UtcSeconds parse_local(const std::string& text, const clock::TimeZone& tz, const char* option) {
  clock::CivilDateTime t{2026, 1, 1, 0, 0, 0};
  int n = 0;
  const int fields =
      std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d%n", &t.year, &t.month, &t.day, &t.hour, &t.minute, &t.second, &n);
  const bool ok = (fields == 3 && text.size() == 10) || fields == 5 || fields == 6;
  if (!ok || !clock::is_valid(t))
    throw std::invalid_argument(fmt::format("{}: \"{}\" is not a local date and time YYYY-MM-DD[THH:MM[:SS]]", option, text));
  return clock::to_utc(tz, t).utc;
}

std::string local_text(const clock::TimeZone& tz, clock::UtcSeconds utc) {
  const clock::CivilDateTime l = clock::to_local(tz, utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", l.year, l.month, l.day, l.hour, l.minute, l.second);
}

std::string number(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

std::string status_text(std::uint8_t s) {
  std::string out;
  const struct {
    std::uint8_t bit;
    const char* name;
  } bits[] = {{recording::amr::kPowerDown, "PD"},       {recording::amr::kClockAdjusted, "CA"},
              {recording::amr::kDaylightSaving, "DST"}, {recording::amr::kDataNotValid, "DNV"},
              {recording::amr::kClockInvalid, "CIV"},   {recording::amr::kCriticalError, "CE"}};
  for (const auto& b : bits) {
    if (s & b.bit) out += (out.empty() ? "" : " ") + std::string(b.name);
  }
  return out;
}

struct StoredMeter {
  MeterConfig config;
  std::int64_t start_utc = 0;
};

StoredMeter stored_meter(SqliteStore& store) {
  const auto text = store.meta("config");
  const auto start = store.meta("start_utc");
  if (!text || !start) throw StoreError(fmt::format("store {} holds no meter yet", store.path()));
  StoredMeter m;
  m.config = text->empty() ? default_meter_config() : parse_meter_config(*text, store.path() + " (stored configuration)");
  m.start_utc = std::stoll(*start);
  return m;
}

class PrintProfile final : public storage::ProfileRowVisitor {
 public:
  PrintProfile(const clock::TimeZone& tz, clock::UtcSeconds from, clock::UtcSeconds to, bool csv)
      : tz_(tz), from_(from), to_(to), csv_(csv) {}
  Status on_row(const storage::StoredProfileRow& r) override {
    if (r.utc_s < from_ || r.utc_s > to_) return Status::ok();
    std::string line = fmt::format("{}{}{}{}{}", iso_utc(static_cast<double>(r.utc_s)), csv_ ? "," : "  ",
                                   local_text(tz_, r.utc_s), csv_ ? "," : "  ", csv_ ? fmt::format("{}", r.status)
                                                                                    : fmt::format("{:<8}", status_text(r.status)));
    for (double v : r.values) line += csv_ ? "," + number(v) : (std::isnan(v) ? "  -" : fmt::format("  {:.3f}", v));
    std::puts(line.c_str());
    ++rows;
    return Status::ok();
  }
  std::size_t rows = 0;

 private:
  const clock::TimeZone& tz_;
  clock::UtcSeconds from_, to_;
  bool csv_;
};

class PrintLog final : public storage::EventRowVisitor {
 public:
  PrintLog(recording::LogGroup g, const clock::TimeZone& tz, clock::UtcSeconds from, clock::UtcSeconds to, bool csv)
      : g_(g), tz_(tz), from_(from), to_(to), csv_(csv) {}
  Status on_row(std::uint64_t seq, const recording::EventRow& r) override {
    if (r.utc_s < from_ || r.utc_s > to_) return Status::ok();
    const recording::LogGroupInfo& info = recording::log_group_info(g_);
    std::string line;
    if (csv_) {
      line = fmt::format("{},{},{},{},\"{}\"", seq, iso_utc(static_cast<double>(r.utc_s)), local_text(tz_, r.utc_s),
                         r.code, event_name(g_, r.code));
      for (std::size_t c = 0; c < info.context_columns; ++c) line += "," + number(r.context[c]);
    } else {
      line = fmt::format("{:>6}  {}  {:>3}  {}", seq, local_text(tz_, r.utc_s), r.code, event_name(g_, r.code));
      for (std::size_t c = 0; c < info.context_columns; ++c)
        line += fmt::format("  {}={}", info.context_names[c], number(r.context[c]));
    }
    std::puts(line.c_str());
    ++rows;
    return Status::ok();
  }
  std::size_t rows = 0;

 private:
  recording::LogGroup g_;
  const clock::TimeZone& tz_;
  clock::UtcSeconds from_, to_;
  bool csv_;
};

void check(const Status& s, const SqliteStore& store) {
  if (!s)
    throw StoreError(fmt::format("store {}: {}: {}{}", store.path(), s.field(), s.reason(),
                                 store.last_error().empty() ? "" : " (" + store.last_error() + ")"));
}

}  // namespace

int dump_store(const DumpOptions& o) {
  SqliteStore store(resolve_store(o.store_path), SqliteStore::Mode::kReadOnly);
  if (o.what == "config") {
    const auto text = store.meta("config");
    if (!text) throw StoreError(fmt::format("store {} holds no meter yet", store.path()));
    std::fputs(text->empty() ? "# the built-in default configuration (no file was given)\n" : text->c_str(), stdout);
    return 0;
  }
  const StoredMeter sm = stored_meter(store);
  const clock::TimeZone& tz = sm.config.application.rtc.time_zone;
  const clock::UtcSeconds from = o.from.empty() ? std::numeric_limits<clock::UtcSeconds>::min() : parse_local(o.from, tz, "--from");
  const clock::UtcSeconds to = o.to.empty() ? std::numeric_limits<clock::UtcSeconds>::max() : parse_local(o.to, tz, "--to");
  if (from > to) throw std::invalid_argument("--from is after --to");
  SourceFacts facts;
  facts.sample_rate_hz = sm.config.metrology.sample_rate_hz;
  facts.nominal_frequency_hz = sm.config.metrology.nominal_frequency_hz;
  const meter::MeterSettings settings =
      finish_meter_settings(sm.config, sm.start_utc, finish_metrology_config(sm.config, facts));

  if (o.what == "profile") {
    if (o.which != "1" && o.which != "2") throw std::invalid_argument(fmt::format("dump profile: \"{}\" is not 1 or 2", o.which));
    const std::size_t k = o.which == "1" ? 0 : 1;
    const recording::LoadProfileConfig& pc = settings.load_profiles[k];
    std::string header = o.csv ? "time_utc,time_local,status" : fmt::format("{:<20}  {:<19}  {:<8}", "time_utc", "time_local", "status");
    for (const meter::Obis& obis : pc.capture_list) {
      char name[24];
      obis.format(name);
      header += (o.csv ? "," : "  ") + std::string(name);
    }
    std::puts(header.c_str());
    PrintProfile print(tz, from, to, o.csv);
    check(store.for_each_profile_row(static_cast<std::uint8_t>(k), print), store);
    if (!o.csv) std::printf("%zu rows (profile %s, period %lld s)\n", print.rows, o.which.c_str(),
                            static_cast<long long>(pc.period_s));
    return 0;
  }
  if (o.what == "log") {
    recording::LogGroup g;
    if (!log_group_by_name(o.which, g))
      throw std::invalid_argument(fmt::format(
          "dump log: \"{}\" is not a log; the logs are standard, fraud, limits, power-quality, power-failure, "
          "communication, configuration", o.which));
    const recording::LogGroupInfo& info = recording::log_group_info(g);
    if (o.csv) {
      std::string header = "seq,time_utc,time_local,code,event";
      for (std::size_t c = 0; c < info.context_columns; ++c) header += std::string(",") + info.context_names[c];
      std::puts(header.c_str());
    }
    PrintLog print(g, tz, from, to, o.csv);
    check(store.for_each_event(static_cast<std::uint8_t>(g), print), store);
    if (!o.csv) std::printf("%zu events (%s log)\n", print.rows, log_group_cli_name(g));
    return 0;
  }
  if (o.what == "registers") {
    meter::Meter m(settings);
    meter::MeterStore reader(m);
    bool found = false;
    check(reader.load(m, store, found), store);
    if (!found) throw StoreError(fmt::format("store {} holds no saved state yet", store.path()));
    std::printf("obis,value,unit,capture_time_utc\n");
    std::printf("meter_time_s,%.6f,s,\n", m.meter_time_s());
    m.for_each_register([](const meter::Obis& obis, const meter::RegisterValue& v) {
      if (obis.d() == 7) return;  // instantaneous values: not kept across a restart
      char name[24];
      obis.format(name);
      std::printf("%s,%.17g,%d,%s\n", name, v.value, static_cast<int>(v.unit),
                  v.has_capture_time && v.capture_utc_s > 0 ? iso_utc(v.capture_utc_s).c_str() : "");
    });
    return 0;
  }
  throw std::invalid_argument(fmt::format("dump: \"{}\" is not profile, log, registers or config", o.what));
}

}  // namespace quadra::host
