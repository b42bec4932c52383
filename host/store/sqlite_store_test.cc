#include "host/store/sqlite_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/meter/interval_values_testing.h"
#include "core/meter/meter_store.h"

namespace quadra::host {
namespace {

namespace fs = std::filesystem;
using meter::Meter;
using meter::MeterStore;

constexpr clock::UtcSeconds kStart = 1767222000;  // 2026-01-01T00:00:00+01:00

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.rtc.start_utc = kStart;
  s.billing = meter::default_billing_settings();
  return s;
}

meter::IntervalValues load_at(double start_s, double dt, double p_w) {
  return meter::constant_power_interval(start_s, dt, p_w);
}

void run(Meter& m, int minutes) {
  const double t0 = m.meter_time_s();
  for (int k = 0; k < minutes; ++k) m.on_interval(load_at(t0 + 60.0 * k, 60.0, 3000.0 + 50.0 * (k % 13)));
}

std::map<std::string, double> registers_of(const Meter& m) {
  std::map<std::string, double> out;
  m.for_each_register([&](const meter::Obis& o, const meter::RegisterValue& v) {
    char name[24];
    o.format(name);
    if (o.d() != 7) out[name] = v.value;
  });
  return out;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("quadra-store-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    path_ = (dir_ / "meter.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A meter with a day of history, saved every hour; returns its registers.
  std::map<std::string, double> make_store() {
    Meter m(settings());
    MeterStore ms(m);
    SqliteStore store(path_, SqliteStore::Mode::kReadWrite);
    for (int h = 0; h < 24; ++h) {
      run(m, 60);
      if (h == 5) m.set_fraud_input(quality::Input::kTerminalCover, true, m.meter_time_s());
      EXPECT_TRUE(ms.save(m, store).is_ok()) << store.last_error();
    }
    return registers_of(m);
  }

  // Loads the store into a new meter: the load status, and the registers when it worked.
  Status load(std::map<std::string, double>* registers) {
    Meter m(settings());
    MeterStore ms(m);
    SqliteStore store(path_, SqliteStore::Mode::kReadWrite);
    bool found = false;
    const Status s = ms.load(m, store, found);
    if (s.is_ok() && registers) *registers = registers_of(m);
    return s;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, WhatIsSavedComesBackAfterReopening) {
  const auto saved = make_store();
  std::map<std::string, double> back;
  ASSERT_TRUE(load(&back).is_ok());
  EXPECT_EQ(back, saved);
  SqliteStore store(path_, SqliteStore::Mode::kReadOnly);
  EXPECT_EQ(store.meta("schema"), std::optional<std::string>("1"));
}

TEST_F(SqliteStoreTest, ANewStoreIsCreatedWithItsDirectory) {
  {
    SqliteStore store(path_, SqliteStore::Mode::kReadWrite);
    EXPECT_TRUE(store.created());
  }
  SqliteStore again(path_, SqliteStore::Mode::kReadWrite);
  EXPECT_FALSE(again.created());
}

TEST_F(SqliteStoreTest, TwoMetersNeverShareAStore) {
  SqliteStore first(path_, SqliteStore::Mode::kReadWrite);
  try {
    SqliteStore second(path_, SqliteStore::Mode::kReadWrite);
    FAIL() << "a second writer was let in";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("in use by another meter process"));
  }
  SqliteStore reader(path_, SqliteStore::Mode::kReadOnly);  // readers are welcome
}

TEST_F(SqliteStoreTest, AFileThatIsNoDatabaseIsRefusedAndKept) {
  fs::create_directories(dir_);
  {
    std::ofstream f(path_, std::ios::binary);
    f << std::string(8192, 'x');
  }
  try {
    SqliteStore store(path_, SqliteStore::Mode::kReadWrite);
    FAIL() << "opened a file of x's";
  } catch (const StoreError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("is damaged or not a meter store"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("left as it is"));
  }
  EXPECT_EQ(fs::file_size(path_), 8192u);
}

TEST_F(SqliteStoreTest, AFullDiskFailsTheCommitAndTheNextOneWritesEverything) {
  Meter m(settings());
  MeterStore ms(m);
  {
    SqliteStore store(path_, SqliteStore::Mode::kReadWrite);
    run(m, 60);
    ASSERT_TRUE(ms.save(m, store).is_ok());
    const auto pages = fs::file_size(path_) / 4096;
    store.limit_size_for_test(static_cast<std::int64_t>(pages));
    // Rows pile up (a day of profile 2 at 10 min is 144 rows) until the file must grow.
    Status s;
    for (int k = 0; k < 48 && s.is_ok(); ++k) {
      run(m, 60);
      s = ms.save(m, store);
    }
    ASSERT_EQ(s.code(), StatusCode::kCapacity);
    EXPECT_STREQ(s.reason(), "the disk is full");
    EXPECT_THAT(store.last_error(), ::testing::HasSubstr("full"));
    store.limit_size_for_test(1'000'000);
    ASSERT_TRUE(ms.save(m, store).is_ok()) << store.last_error();
  }
  std::map<std::string, double> back;
  ASSERT_TRUE(load(&back).is_ok());
  EXPECT_EQ(back, registers_of(m));
}

// The corruption test: one byte of the file flipped at a random place, 300 times. Each time the
// meter either refuses the store with a precise message (and the file is left as it was), or the
// byte was in space the store does not use and the meter comes back exactly as saved.
TEST_F(SqliteStoreTest, FlippedBytesAreRefusedOrHarmless) {
  const auto saved = make_store();
  const std::string pristine = path_ + ".pristine";
  fs::copy_file(path_, pristine);
  const auto size = fs::file_size(pristine);
  std::mt19937_64 rng(20261125);
  int refused = 0, harmless = 0;
  for (int trial = 0; trial < 300; ++trial) {
    fs::copy_file(pristine, path_, fs::copy_options::overwrite_existing);
    const auto at = static_cast<std::streamoff>(rng() % size);
    const auto flip = static_cast<char>(1 + rng() % 255);
    {
      std::fstream f(path_, std::ios::binary | std::ios::in | std::ios::out);
      f.seekg(at);
      char c = 0;
      f.get(c);
      f.seekp(at);
      f.put(static_cast<char>(c ^ flip));
    }
    std::vector<char> damaged;
    {
      std::ifstream f(path_, std::ios::binary);
      damaged.assign(std::istreambuf_iterator<char>(f), {});
    }
    std::map<std::string, double> back;
    std::string message;
    bool ok = false;
    try {
      const Status s = load(&back);
      ok = s.is_ok();
      if (!ok) message = std::string(s.field()) + ": " + s.reason();
    } catch (const StoreError& e) {
      message = e.what();
    }
    if (ok) {
      ASSERT_EQ(back, saved) << "a flipped byte at " << at << " changed the registers silently";
      ++harmless;
    } else {
      EXPECT_FALSE(message.empty());
      std::ifstream f(path_, std::ios::binary);
      const std::vector<char> after(std::istreambuf_iterator<char>(f), {});
      ASSERT_EQ(after, damaged) << "the damaged store was changed: " << message;
      ++refused;
    }
  }
  EXPECT_GT(refused, 0);
  std::printf("corruption test: %d refused, %d harmless, of 300 flipped bytes in a %zu-byte store\n", refused, harmless,
              static_cast<std::size_t>(size));
}

}  // namespace
}  // namespace quadra::host
