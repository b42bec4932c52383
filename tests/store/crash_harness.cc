// The crash harness: runs `quadra run` at full speed on the built-in scenario, kills it with
// SIGKILL at a random moment, reads the store back with `quadra dump`, restarts, and so on for
// --cycles cycles. After every kill it checks what issue 4 promises:
//   - the store opens and loads (no damage);
//   - no register goes backwards: meter time and every energy register (C.8.E) are at least what
//     the previous kill left;
//   - at most one persistence interval is lost: the last interval the killed meter reported on
//     stdout (--progress) is no more than persist_interval + one window past the restored meter
//     time, and the store's +A is never ahead of what the meter had;
//   - no profile row or log row is lost, rewritten or duplicated: the profile rows seen after the
//     previous kill are an exact prefix of the rows now (the clock column strictly increasing); the
//     log rows keep their sequence numbers and content, without gaps, leaving only by FIFO.
// Usage: quadra_crash_harness QUADRA_BINARY WORK_DIR [--cycles N] [--seed S]
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr double kPersistIntervalS = 1.0;  // the default of [store] persist_interval_s
constexpr double kWindowS = 0.2;           // one 10-cycle window at 50 Hz

int failures = 0;
#define CHECK(cond, ...)                          \
  do {                                            \
    if (!(cond)) {                                \
      std::fprintf(stderr, "FAILED: " __VA_ARGS__); \
      std::fprintf(stderr, "\n");                 \
      ++failures;                                 \
    }                                             \
  } while (0)

std::string run_capture(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    status = -1;
    return out;
  }
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  status = pclose(p);
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

struct Observation {
  bool exists = false;
  double meter_time_s = 0.0;
  std::map<std::string, double> energy;  // C.8.E registers
  std::vector<std::string> profile1, profile2, standard, power_quality;
};

Observation observe(const std::string& quadra, const std::string& data, bool& ok) {
  Observation o;
  int status = 0;
  const std::string regs = run_capture(quadra + " dump registers --store " + data + " 2>&1", status);
  if (status != 0) {
    // A meter killed before its first save leaves a store without state: nothing to check yet.
    if (regs.find("holds no saved state yet") != std::string::npos || regs.find("holds no meter yet") != std::string::npos)
      return o;
    ok = false;
    std::fprintf(stderr, "dump registers failed: %s\n", regs.c_str());
    return o;
  }
  o.exists = true;
  for (const std::string& l : lines_of(regs)) {
    const auto c1 = l.find(',');
    if (c1 == std::string::npos) continue;
    const std::string name = l.substr(0, c1);
    const double v = std::strtod(l.c_str() + c1 + 1, nullptr);
    if (name == "meter_time_s") o.meter_time_s = v;
    // Energies 1.0.C.8.E.255: the fourth field is 8.
    int a, b, c, d, e, f;
    if (std::sscanf(name.c_str(), "%d.%d.%d.%d.%d.%d", &a, &b, &c, &d, &e, &f) == 6 && a == 1 && d == 8) o.energy[name] = v;
  }
  auto rows = [&](const std::string& what) {
    int st = 0;
    std::vector<std::string> r = lines_of(run_capture(quadra + " dump " + what + " --csv --store " + data + " 2>&1", st));
    if (st != 0) {
      ok = false;
      std::fprintf(stderr, "dump %s failed\n", what.c_str());
    }
    if (!r.empty()) r.erase(r.begin());  // header
    return r;
  };
  o.profile1 = rows("profile 1");
  o.profile2 = rows("profile 2");
  o.standard = rows("log standard");
  o.power_quality = rows("log power-quality");
  return o;
}

bool is_prefix(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() > b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (a[k] != b[k]) return false;
  return true;
}

// Log rows by sequence number (the first CSV column). The earlier rows still in the log are
// unchanged, the sequence has no gap, nothing was taken back, and rows left the front only because
// the log was full (FIFO, `capacity` rows).
bool log_kept(const std::vector<std::string>& before, const std::vector<std::string>& after, std::size_t capacity) {
  std::map<unsigned long, std::string> a, b;
  for (const std::string& l : before) a[std::strtoul(l.c_str(), nullptr, 10)] = l;
  for (const std::string& l : after) b[std::strtoul(l.c_str(), nullptr, 10)] = l;
  unsigned long expect = b.empty() ? 0 : b.begin()->first;
  for (const auto& [seq, line] : b) {
    if (seq != expect++) return false;  // a gap
  }
  for (const auto& [seq, line] : a) {
    const auto it = b.find(seq);
    if (it != b.end() && it->second != line) return false;  // rewritten
  }
  if (!a.empty() && (b.empty() || b.rbegin()->first < a.rbegin()->first)) return false;  // taken back
  if (!a.empty() && !b.empty() && b.begin()->first > a.begin()->first && b.size() != capacity) return false;
  return true;
}

bool clock_increases(const std::vector<std::string>& rows) {
  for (std::size_t k = 1; k < rows.size(); ++k)
    if (rows[k].substr(0, 20) <= rows[k - 1].substr(0, 20)) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s QUADRA_BINARY WORK_DIR [--cycles N] [--seed S]\n", argv[0]);
    return 2;
  }
  const std::string quadra = argv[1];
  const std::string work = argv[2];
  int cycles = 20;
  unsigned long seed = 20261125;
  for (int k = 3; k + 1 < argc; k += 2) {
    if (std::string(argv[k]) == "--cycles") cycles = std::atoi(argv[k + 1]);
    if (std::string(argv[k]) == "--seed") seed = std::strtoul(argv[k + 1], nullptr, 10);
  }
  std::filesystem::remove_all(work);
  std::filesystem::create_directories(work);
  const std::string data = work + "/data";
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> kill_after_ms(150, 900);

  Observation prev;
  double worst_loss = 0.0;
  double total_meter_s = 0.0;
  int restores = 0;
  for (int cycle = 1; cycle <= cycles && failures == 0; ++cycle) {
    int fds[2];
    if (pipe(fds) != 0) return 2;
    const pid_t pid = fork();
    if (pid == 0) {
      dup2(fds[1], STDOUT_FILENO);
      const int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      execl(quadra.c_str(), quadra.c_str(), "run", "--wrapper", "none", "--modem", "none", "--hdlc-tcp", "none", "--serial1", "none",
            "--serial2", "none", "--optical", "none", "--speed", "max", "--quiet",
            "--progress", "--data", data.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    const int wait_ms = kill_after_ms(rng);
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    char buf[65536];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fds[0], POLLIN, 0};
      const int left = static_cast<int>(
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
      if (poll(&p, 1, std::max(left, 0)) > 0) {
        const ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
      }
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    close(fds[0]);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "cycle %d: the meter ended before the kill (status %d)", cycle, status);

    // The last complete progress line: what the meter had when it died.
    double last_t = -1.0, last_a = 0.0, first_t = -1.0;
    for (const std::string& l : lines_of(out)) {
      double t, a;
      if (std::sscanf(l.c_str(), "progress %lf %lf", &t, &a) == 2) {
        if (first_t < 0) first_t = t;
        last_t = t;
        last_a = a;
      }
    }
    bool ok = true;
    Observation now = observe(quadra, data, ok);
    CHECK(ok, "cycle %d: the store could not be read back after the kill", cycle);
    if (!ok) break;
    CHECK(now.exists || !prev.exists, "cycle %d: the store lost the meter's state", cycle);
    if (!now.exists) continue;
    if (last_t >= 0) {
      const double loss = last_t - now.meter_time_s;
      worst_loss = std::max(worst_loss, loss);
      CHECK(loss <= kPersistIntervalS + kWindowS + 1e-6,
            "cycle %d: %.3f s of meter time lost (the meter had reached %.3f s, the store holds %.3f s)", cycle, loss,
            last_t, now.meter_time_s);
      const auto it = now.energy.find("1.0.1.8.0.255");
      CHECK(it != now.energy.end() && it->second <= last_a + 1e-6,
            "cycle %d: the store's +A (%.6f Wh) is ahead of the meter's (%.6f Wh)", cycle,
            it == now.energy.end() ? -1.0 : it->second, last_a);
      total_meter_s += last_t - first_t;
    }
    if (prev.exists) {
      ++restores;
      CHECK(now.meter_time_s >= prev.meter_time_s, "cycle %d: meter time went back from %.3f to %.3f", cycle,
            prev.meter_time_s, now.meter_time_s);
      for (const auto& [name, v] : prev.energy) {
        const auto it = now.energy.find(name);
        CHECK(it != now.energy.end() && it->second >= v, "cycle %d: %s went back from %.6f to %.6f", cycle,
              name.c_str(), v, it == now.energy.end() ? -1.0 : it->second);
      }
      CHECK(is_prefix(prev.profile1, now.profile1), "cycle %d: load profile 1 lost or rewrote rows", cycle);
      CHECK(is_prefix(prev.profile2, now.profile2), "cycle %d: load profile 2 lost or rewrote rows", cycle);
      // Both logs hold 100 rows (the default capacity): after ~50 restarts the standard log wraps.
      CHECK(log_kept(prev.standard, now.standard, 100), "cycle %d: the standard log lost or rewrote rows", cycle);
      CHECK(log_kept(prev.power_quality, now.power_quality, 100), "cycle %d: the power-quality log lost or rewrote rows",
            cycle);
    }
    CHECK(clock_increases(now.profile1) && clock_increases(now.profile2), "cycle %d: a profile's clock column does not increase",
          cycle);
    prev = now;
  }
  std::printf("crash harness: %d kills, %d restores from the store, %.1f s of meter time run, worst loss %.3f s of meter "
              "time (bound %.1f s + one %.1f s window), %zu profile-1 rows, %zu standard log rows: %s\n",
              cycles, restores, total_meter_s, worst_loss, kPersistIntervalS, kWindowS, prev.profile1.size(),
              prev.standard.size(), failures == 0 ? "all invariants held" : "FAILED");
  if (failures == 0) std::filesystem::remove_all(work);
  return failures == 0 ? 0 : 1;
}
