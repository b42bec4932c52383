// The meter's non-volatile memory on the host: one SQLite file per meter, in WAL mode with full
// synchronisation, so that every commit is atomic and on disk when it returns (storage/nv_store.h).
//
// Tables: meta (schema version, the meter's configuration text, the wall-clock time of the last
// commit), snapshot (one row: the state record of storage/snapshot.h), event_rows and profile_rows
// (one row per log or profile row, keyed by (log, seq) / (profile, seq), each with a CRC-32 of its
// fields so that a damaged row is found even where SQLite's own checks pass).
//
// Opening checks the file (SQLite's quick_check, the schema, every row's CRC) and throws
// StoreError with a message naming the file and what failed; a damaged file is never changed,
// repaired or replaced. A read-write open also takes an exclusive lock on the file, so that two
// meters never share a store; readers (quadra dump) do not lock.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/storage/nv_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace quadra::host {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SqliteStore final : public storage::NvStore {
 public:
  enum class Mode { kReadWrite, kReadOnly };
  static constexpr int kSchemaVersion = 1;

  // kReadWrite creates the file (and its directory) when it does not exist. Throws StoreError.
  SqliteStore(const std::string& path, Mode mode);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  const std::string& path() const { return path_; }
  // True when this open created the file.
  bool created() const { return created_; }

  // meta values (strings). set_meta writes at once in its own transaction. Throws StoreError.
  std::optional<std::string> meta(const std::string& key);
  void set_meta(const std::string& key, const std::string& value);
  // Written with every commit: wall-clock microseconds since 1970 at the commit.
  void set_commit_wall_us(std::int64_t us) { commit_wall_us_ = us; }

  // Caps the file at this many pages (4 KiB each): a full disk for the tests.
  void limit_size_for_test(std::int64_t pages);

  // SQLite's message for the last failed call (the Status reasons are static strings).
  const std::string& last_error() const { return last_error_; }

  // NvStore
  Status begin() override;
  Status put_snapshot(std::span<const std::uint8_t> record) override;
  Status put_event(std::uint8_t log, std::uint64_t seq, const recording::EventRow& row) override;
  Status put_profile_row(std::uint8_t profile, const storage::StoredProfileRow& row) override;
  Status drop_events_before(std::uint8_t log, std::uint64_t seq) override;
  Status drop_profile_rows_before(std::uint8_t profile, std::uint64_t seq) override;
  Status commit() override;
  void rollback() override;
  Status get_snapshot(std::span<std::uint8_t> out, std::size_t& size) override;
  Status for_each_event(std::uint8_t log, storage::EventRowVisitor& visitor) override;
  Status for_each_profile_row(std::uint8_t profile, storage::ProfileRowVisitor& visitor) override;

 private:
  void exec(const char* sql);
  sqlite3_stmt* prepare(const char* sql);
  Status fail(int rc, const char* what);
  void check_file();
  void close();

  std::string path_;
  Mode mode_;
  bool created_ = false;
  int lock_fd_ = -1;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* put_snapshot_ = nullptr;
  sqlite3_stmt* put_event_ = nullptr;
  sqlite3_stmt* put_row_ = nullptr;
  sqlite3_stmt* drop_events_ = nullptr;
  sqlite3_stmt* drop_rows_ = nullptr;
  sqlite3_stmt* put_wall_ = nullptr;
  std::int64_t commit_wall_us_ = 0;
  bool in_transaction_ = false;
  std::string last_error_;
};

}  // namespace quadra::host
