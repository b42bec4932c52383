#include "host/store/sqlite_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <vector>

#include "core/storage/crc32.h"

namespace quadra::host {
namespace {

// Row checksums cover every field of a row, in a fixed layout.
template <class T>
void append(std::vector<std::uint8_t>& b, const T& v) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
  b.insert(b.end(), p, p + sizeof v);
}

std::uint32_t event_crc(std::uint8_t log, std::uint64_t seq, const recording::EventRow& r) {
  std::vector<std::uint8_t> b;
  append(b, log);
  append(b, seq);
  append(b, r.utc_s);
  append(b, r.code);
  for (double c : r.context) append(b, c);
  return storage::crc32(b);
}

std::uint32_t profile_crc(std::uint8_t profile, std::uint64_t seq, std::int64_t utc, std::uint8_t status,
                          std::span<const double> values) {
  std::vector<std::uint8_t> b;
  append(b, profile);
  append(b, seq);
  append(b, utc);
  append(b, status);
  for (double v : values) append(b, v);
  return storage::crc32(b);
}

struct Statement {
  sqlite3_stmt* s = nullptr;
  explicit Statement(sqlite3_stmt* stmt) : s(stmt) {}
  ~Statement() { sqlite3_finalize(s); }
};

}  // namespace

SqliteStore::SqliteStore(const std::string& path, Mode mode) : path_(path), mode_(mode) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && mode == Mode::kReadOnly) throw StoreError(fmt::format("store {}: no such file", path));
  if (!exists) {
    const fs::path dir = fs::path(path).parent_path();
    if (!dir.empty() && !fs::exists(dir)) {
      fs::create_directories(dir, ec);
      if (ec) throw StoreError(fmt::format("store {}: cannot create the directory {}: {}", path, dir.string(), ec.message()));
    }
  }
  if (mode == Mode::kReadWrite) {
    lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd_ < 0) throw StoreError(fmt::format("store {}: cannot open: {}", path, std::strerror(errno)));
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(lock_fd_);
      throw StoreError(fmt::format("store {}: in use by another meter process (locked)", path));
    }
    created_ = !exists || fs::file_size(path, ec) == 0;
  }
  const int flags = mode == Mode::kReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    if (lock_fd_ >= 0) ::close(lock_fd_);
    throw StoreError(fmt::format("store {}: cannot open: {}", path, msg));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 2000);
  try {
    check_file();
    if (mode == Mode::kReadWrite) {
      exec("PRAGMA journal_mode=WAL");
      exec("PRAGMA synchronous=FULL");
      if (created_) {
        exec("BEGIN");
        exec("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        exec("CREATE TABLE snapshot(id INTEGER PRIMARY KEY CHECK (id = 1), record BLOB NOT NULL)");
        exec("CREATE TABLE event_rows(log INTEGER NOT NULL, seq INTEGER NOT NULL, utc INTEGER NOT NULL, "
             "code INTEGER NOT NULL, context BLOB NOT NULL, crc INTEGER NOT NULL, PRIMARY KEY(log, seq)) WITHOUT ROWID");
        exec("CREATE TABLE profile_rows(profile INTEGER NOT NULL, seq INTEGER NOT NULL, utc INTEGER NOT NULL, "
             "status INTEGER NOT NULL, vals BLOB NOT NULL, crc INTEGER NOT NULL, PRIMARY KEY(profile, seq)) WITHOUT ROWID");
        exec(fmt::format("INSERT INTO meta VALUES('schema', '{}')", kSchemaVersion).c_str());
        exec("COMMIT");
      }
      put_snapshot_ = prepare("INSERT OR REPLACE INTO snapshot(id, record) VALUES(1, ?1)");
      put_event_ = prepare("INSERT INTO event_rows(log, seq, utc, code, context, crc) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
      put_row_ = prepare("INSERT INTO profile_rows(profile, seq, utc, status, vals, crc) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
      drop_events_ = prepare("DELETE FROM event_rows WHERE log = ?1 AND seq < ?2");
      drop_rows_ = prepare("DELETE FROM profile_rows WHERE profile = ?1 AND seq < ?2");
      put_wall_ = prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('last_commit_wall_us', ?1)");
    }
  } catch (...) {
    close();
    throw;
  }
}

SqliteStore::~SqliteStore() { close(); }

void SqliteStore::limit_size_for_test(std::int64_t pages) {
  exec(fmt::format("PRAGMA max_page_count = {}", pages).c_str());
}

void SqliteStore::close() {
  for (sqlite3_stmt* s : {put_snapshot_, put_event_, put_row_, drop_events_, drop_rows_, put_wall_}) sqlite3_finalize(s);
  put_snapshot_ = put_event_ = put_row_ = drop_events_ = drop_rows_ = put_wall_ = nullptr;
  if (db_) sqlite3_close(db_);
  db_ = nullptr;
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
}

void SqliteStore::check_file() {
  if (created_) return;
  // quick_check reads every page: a torn or overwritten page, a broken b-tree, a file that is
  // not a database at all.
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "PRAGMA quick_check", -1, &st, nullptr) != SQLITE_OK) {
    const std::string msg = sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    throw StoreError(fmt::format("store {} is damaged or not a meter store ({}); it was left as it is", path_, msg));
  }
  Statement guard(st);
  std::string verdict;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!verdict.empty()) verdict += "; ";
    verdict += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  if (rc != SQLITE_DONE)
    throw StoreError(fmt::format("store {} is damaged or not a meter store ({}); it was left as it is", path_, sqlite3_errmsg(db_)));
  if (verdict != "ok")
    throw StoreError(fmt::format("store {} is damaged (SQLite quick_check: {}); it was left as it is", path_,
                                 verdict.substr(0, 300)));
  const auto schema = meta("schema");
  if (!schema) throw StoreError(fmt::format("store {} is not a meter store (it has no schema version)", path_));
  if (*schema != std::to_string(kSchemaVersion))
    throw StoreError(fmt::format("store {} has schema version {}; this build of the meter reads version {}", path_,
                                 *schema, kSchemaVersion));
}

void SqliteStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw StoreError(fmt::format("store {}: {}", path_, msg));
  }
}

sqlite3_stmt* SqliteStore::prepare(const char* sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) {
    sqlite3_finalize(st);
    throw StoreError(fmt::format("store {}: {}", path_, sqlite3_errmsg(db_)));
  }
  return st;
}

std::optional<std::string> SqliteStore::meta(const std::string& key) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT value FROM meta WHERE key = ?1", -1, &st, nullptr) != SQLITE_OK) {
    const std::string msg = sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    throw StoreError(fmt::format("store {} is not a meter store ({})", path_, msg));
  }
  Statement guard(st);
  sqlite3_bind_text(st, 1, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  const int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  if (rc == SQLITE_DONE) return std::nullopt;
  throw StoreError(fmt::format("store {}: {}", path_, sqlite3_errmsg(db_)));
}

void SqliteStore::set_meta(const std::string& key, const std::string& value) {
  Statement st(prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)"));
  sqlite3_bind_text(st.s, 1, key.c_str(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 2, value.c_str(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(st.s) != SQLITE_DONE) throw StoreError(fmt::format("store {}: {}", path_, sqlite3_errmsg(db_)));
}

Status SqliteStore::fail(int rc, const char* what) {
  last_error_ = fmt::format("{}: {}", what, sqlite3_errmsg(db_));
  switch (rc & 0xFF) {
    case SQLITE_FULL: return Status::error(StatusCode::kCapacity, "store", "the disk is full");
    case SQLITE_IOERR: return Status::error(StatusCode::kCorruption, "store", "the disk reported an I/O error");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Status::error(StatusCode::kCorruption, "store", "the database file is damaged");
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::error(StatusCode::kCapacity, "store", "the database file is locked");
    case SQLITE_READONLY: return Status::error(StatusCode::kNotSupported, "store", "the database file is read-only");
    case SQLITE_CONSTRAINT: return Status::error(StatusCode::kCorruption, "store", "a row was written twice");
    default: return Status::error(StatusCode::kCorruption, "store", "SQLite refused the write");
  }
}

Status SqliteStore::begin() {
  if (mode_ != Mode::kReadWrite) return Status::error(StatusCode::kNotSupported, "store", "opened read-only");
  const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return fail(rc, "begin");
  in_transaction_ = true;
  return Status::ok();
}

namespace {
int step_reset(sqlite3_stmt* st) {
  const int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc;
}
}  // namespace

Status SqliteStore::put_snapshot(std::span<const std::uint8_t> record) {
  sqlite3_bind_blob(put_snapshot_, 1, record.data(), static_cast<int>(record.size()), SQLITE_STATIC);
  const int rc = step_reset(put_snapshot_);
  return rc == SQLITE_DONE ? Status::ok() : fail(rc, "snapshot");
}

Status SqliteStore::put_event(std::uint8_t log, std::uint64_t seq, const recording::EventRow& row) {
  sqlite3_bind_int(put_event_, 1, log);
  sqlite3_bind_int64(put_event_, 2, static_cast<sqlite3_int64>(seq));
  sqlite3_bind_int64(put_event_, 3, row.utc_s);
  sqlite3_bind_int(put_event_, 4, row.code);
  sqlite3_bind_blob(put_event_, 5, row.context.data(), static_cast<int>(sizeof row.context), SQLITE_STATIC);
  sqlite3_bind_int64(put_event_, 6, event_crc(log, seq, row));
  const int rc = step_reset(put_event_);
  return rc == SQLITE_DONE ? Status::ok() : fail(rc, "event row");
}

Status SqliteStore::put_profile_row(std::uint8_t profile, const storage::StoredProfileRow& row) {
  sqlite3_bind_int(put_row_, 1, profile);
  sqlite3_bind_int64(put_row_, 2, static_cast<sqlite3_int64>(row.seq));
  sqlite3_bind_int64(put_row_, 3, row.utc_s);
  sqlite3_bind_int(put_row_, 4, row.status);
  sqlite3_bind_blob(put_row_, 5, row.values.data(), static_cast<int>(row.values.size_bytes()), SQLITE_STATIC);
  sqlite3_bind_int64(put_row_, 6, profile_crc(profile, row.seq, row.utc_s, row.status, row.values));
  const int rc = step_reset(put_row_);
  return rc == SQLITE_DONE ? Status::ok() : fail(rc, "profile row");
}

Status SqliteStore::drop_events_before(std::uint8_t log, std::uint64_t seq) {
  sqlite3_bind_int(drop_events_, 1, log);
  sqlite3_bind_int64(drop_events_, 2, static_cast<sqlite3_int64>(seq));
  const int rc = step_reset(drop_events_);
  return rc == SQLITE_DONE ? Status::ok() : fail(rc, "drop event rows");
}

Status SqliteStore::drop_profile_rows_before(std::uint8_t profile, std::uint64_t seq) {
  sqlite3_bind_int(drop_rows_, 1, profile);
  sqlite3_bind_int64(drop_rows_, 2, static_cast<sqlite3_int64>(seq));
  const int rc = step_reset(drop_rows_);
  return rc == SQLITE_DONE ? Status::ok() : fail(rc, "drop profile rows");
}

Status SqliteStore::commit() {
  const std::string wall = std::to_string(commit_wall_us_);
  sqlite3_bind_text(put_wall_, 1, wall.c_str(), static_cast<int>(wall.size()), SQLITE_TRANSIENT);
  int rc = step_reset(put_wall_);
  if (rc != SQLITE_DONE) return fail(rc, "commit time");
  rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return fail(rc, "commit");
  in_transaction_ = false;
  return Status::ok();
}

void SqliteStore::rollback() {
  if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  in_transaction_ = false;
}

Status SqliteStore::get_snapshot(std::span<std::uint8_t> out, std::size_t& size) {
  size = 0;
  Statement st(prepare("SELECT record FROM snapshot WHERE id = 1"));
  const int rc = sqlite3_step(st.s);
  if (rc == SQLITE_DONE) return Status::ok();
  if (rc != SQLITE_ROW) return fail(rc, "read snapshot");
  const auto n = static_cast<std::size_t>(sqlite3_column_bytes(st.s, 0));
  if (n > out.size())
    return Status::error(StatusCode::kCorruption, "store.snapshot", "larger than this meter's state can be");
  if (n > 0) std::memcpy(out.data(), sqlite3_column_blob(st.s, 0), n);
  size = n;
  return Status::ok();
}

Status SqliteStore::for_each_event(std::uint8_t log, storage::EventRowVisitor& visitor) {
  Statement st(prepare("SELECT seq, utc, code, context, crc FROM event_rows WHERE log = ?1 ORDER BY seq"));
  sqlite3_bind_int(st.s, 1, log);
  int rc;
  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
    recording::EventRow row;
    const auto seq = static_cast<std::uint64_t>(sqlite3_column_int64(st.s, 0));
    row.utc_s = sqlite3_column_int64(st.s, 1);
    const sqlite3_int64 code = sqlite3_column_int64(st.s, 2);
    row.code = static_cast<std::uint16_t>(code);
    if (sqlite3_column_bytes(st.s, 3) != static_cast<int>(sizeof row.context) || code < 0 || code > 0xFFFF)
      return Status::error(StatusCode::kCorruption, "store.events", "a row has the wrong shape");
    std::memcpy(row.context.data(), sqlite3_column_blob(st.s, 3), sizeof row.context);
    if (static_cast<std::uint32_t>(sqlite3_column_int64(st.s, 4)) != event_crc(log, seq, row))
      return Status::error(StatusCode::kCorruption, "store.events", "a row fails its CRC-32 check");
    if (Status s = visitor.on_row(seq, row); !s) return s;
  }
  return rc == SQLITE_DONE ? Status::ok() : fail(rc, "read event rows");
}

Status SqliteStore::for_each_profile_row(std::uint8_t profile, storage::ProfileRowVisitor& visitor) {
  Statement st(prepare("SELECT seq, utc, status, vals, crc FROM profile_rows WHERE profile = ?1 ORDER BY seq"));
  sqlite3_bind_int(st.s, 1, profile);
  std::vector<double> values;
  int rc;
  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
    storage::StoredProfileRow row;
    row.seq = static_cast<std::uint64_t>(sqlite3_column_int64(st.s, 0));
    row.utc_s = sqlite3_column_int64(st.s, 1);
    const sqlite3_int64 status = sqlite3_column_int64(st.s, 2);
    const int bytes = sqlite3_column_bytes(st.s, 3);
    if (status < 0 || status > 0xFF || bytes % static_cast<int>(sizeof(double)) != 0)
      return Status::error(StatusCode::kCorruption, "store.profile", "a row has the wrong shape");
    row.status = static_cast<std::uint8_t>(status);
    values.resize(static_cast<std::size_t>(bytes) / sizeof(double));
    if (bytes > 0) std::memcpy(values.data(), sqlite3_column_blob(st.s, 3), static_cast<std::size_t>(bytes));
    row.values = values;
    if (static_cast<std::uint32_t>(sqlite3_column_int64(st.s, 4)) != profile_crc(profile, row.seq, row.utc_s, row.status, values))
      return Status::error(StatusCode::kCorruption, "store.profile", "a row fails its CRC-32 check");
    if (Status s = visitor.on_row(row); !s) return s;
  }
  return rc == SQLITE_DONE ? Status::ok() : fail(rc, "read profile rows");
}

}  // namespace quadra::host
