// The DLMS/COSEM server's speed, measured in one run on this machine (figures, not assertions):
//
//  1. GET of a register (1.0.1.8.0.255, attribute 2) by the public client (SAP 16), N requests one
//     after another: in-process (association::ServerSession::on_apdu directly; then through the
//     host's DlmsService session, as the port calls it) and over TCP on loopback (IEC 62056-47
//     wrapper, WrapperPort + DlmsService, blocking POSIX-socket client). Requests/s and the p50/p99
//     of per-request timings; the TCP cost shows as the ratio to in-process.
//  2. A whole load profile 1 (1.0.99.1.0.255, attribute 2, no selective access: a year of 15-min
//     rows, 35 040) read with block transfer by the LLS reading client (SAP 17), proposing max
//     receive PDU 0xFFFF and 1024: wall time, blocks, bytes, rows/s, in-process and over TCP.
//     The first block's time includes encoding the whole buffer (the session builds the attribute
//     once, then cuts it); "us/next blk" is the mean time of each GET-Request-Next after it.
//
// The meter is filled first by one simulated year in fast mode (as fast_year_bench.cc).
// Every figure is the median of a few runs; the load average is printed because the machine is
// shared. Whole program: about 10 s.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/association/server_session.h"
#include "core/cosem/directory.h"
#include "core/dlms/acse.h"
#include "core/dlms/axdr_reader.h"
#include "core/dlms/get.h"
#include "core/dlms/initiate.h"
#include "core/link/wrapper/wrapper.h"
#include "core/meter/meter.h"
#include "host/cli/dlms_service.h"
#include "host/ports/wrapper_port.h"
#include "host/sim/builtin_scenario.h"
#include "host/sim/phasor_ticker.h"

namespace {

using namespace quadra;
using Bytes = std::vector<std::uint8_t>;
using Clock = std::chrono::steady_clock;

constexpr int kGets = 20000;       // register GETs per path
constexpr int kProfileRuns = 5;    // full profile reads per path and PDU size (median reported)
constexpr std::uint16_t kPublic = 16;
constexpr std::uint16_t kReader = 17;
const meter::Obis kRegister(1, 0, 1, 8, 0);  // +A total, class 3
const meter::Obis kProfile(1, 0, 99, 1, 0);  // load profile 1, class 7

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "dlms_bench: %s\n", what);
  std::exit(1);
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// ---- Client APDUs (client-side encoders of core/dlms) ----

// AARQ, LN referencing, no ciphering: the public client (no authentication) or LLS with a password;
// proposes conformance 00 7E 1F and receive PDU `pdu`.
Bytes aarq(bool lls, std::uint16_t pdu) {
  std::array<std::uint8_t, 32> user{};
  dlms::AxdrWriter uw(user);
  dlms::InitiateRequest ir;
  ir.conformance = 0x007E1F;
  ir.client_max_receive_pdu_size = pdu;
  dlms::encode_initiate_request(uw, ir);
  dlms::Aarq a;
  a.application_context = dlms::ApplicationContext::kLogicalName;
  if (lls) {
    a.authentication_functional_unit = true;
    a.has_mechanism = true;
    a.mechanism = dlms::Mechanism::kLow;
    a.has_authentication_value = true;
    a.authentication_value = {reinterpret_cast<const std::uint8_t*>(host::kDefaultLlsPassword),
                              std::strlen(host::kDefaultLlsPassword)};
  }
  a.has_user_information = true;
  a.user_information = uw.bytes();
  Bytes out(256);
  dlms::AxdrWriter w(out);
  dlms::encode_aarq(w, a);
  out.resize(w.size());
  return out;
}

Bytes get_normal(std::uint16_t class_id, const meter::Obis& ln, std::uint8_t attr) {
  dlms::AttributeReference ref;
  ref.attribute.class_id = class_id;
  ref.attribute.instance_id = ln.v;
  ref.attribute.attribute_id = attr;
  Bytes out(64);
  dlms::AxdrWriter w(out);
  dlms::encode_get_request_normal(w, dlms::InvokeIdAndPriority::make(1, true, true), ref);
  out.resize(w.size());
  return out;
}

Bytes get_next(std::uint32_t block) {
  Bytes out(16);
  dlms::AxdrWriter w(out);
  dlms::encode_get_request_next(w, dlms::InvokeIdAndPriority::make(1, true, true), block);
  out.resize(w.size());
  return out;
}

void expect_accepted(std::span<const std::uint8_t> re) {
  dlms::Aare aare;
  if (!dlms::decode_aare(re, &aare).is_ok() || aare.result != dlms::AssociationResult::kAccepted)
    fail("association refused");
}

// "C4 01 iid 00 ...": a GET-Response-Normal carrying data.
bool is_data(std::span<const std::uint8_t> re) {
  return re.size() > 4 && re[0] == 0xC4 && re[1] == 0x01 && re[3] == 0x00;
}

// ---- The three ways to reach the server: one request APDU in, the response APDU out ----

// association::ServerSession called directly, configured as DlmsService configures its sessions.
class DirectPath {
 public:
  DirectPath(meter::Meter& meter, cosem::Directory& directory, association::AuthGuard& guard, const double& now_s)
      : big_(8u << 20), out_(0xFFFF), session_(directory, meter, guard, association::ServerConfig{}, big_),
        now_s_(now_s) {}
  void connect() { session_.on_disconnect(); }
  std::span<const std::uint8_t> exchange(std::uint16_t sap, std::span<const std::uint8_t> apdu) {
    return std::span<const std::uint8_t>(out_).first(session_.on_apdu(sap, apdu, out_, now_s_));
  }

 private:
  Bytes big_;
  Bytes out_;
  association::ServerSession session_;
  const double& now_s_;
};

// The host's session (DlmsService::open), called as WrapperPort calls it, without TCP.
class ServicePath {
 public:
  explicit ServicePath(host::DlmsService& service) : service_(service) {}
  void connect() {
    if (session_) session_->on_close();
    session_ = service_.open("in-process");
  }
  std::span<const std::uint8_t> exchange(std::uint16_t sap, std::span<const std::uint8_t> apdu) {
    response_.clear();
    session_->on_apdu(sap, 1, apdu, response_);
    return response_;
  }

 private:
  host::DlmsService& service_;
  std::unique_ptr<host::ports::ApduSession> session_;
  Bytes response_;
};

// A blocking POSIX-socket client of the wrapper port on loopback.
class TcpPath {
 public:
  explicit TcpPath(std::uint16_t port) : port_(port), frame_(8 + 0xFFFF), storage_(0xFFFF), rx_(64 * 1024) {}
  ~TcpPath() { close_socket(); }
  void connect() {
    close_socket();
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) fail("socket()");
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) fail("connect()");
    reassembler_ = std::make_unique<wrapper::Reassembler>(storage_);
    rx_len_ = rx_at_ = 0;
  }
  std::uint64_t wire_bytes_in() const { return wire_in_; }
  // Sends the APDU from wPort `sap` to the management logical device (wPort 1) and waits for the
  // answer frame.
  std::span<const std::uint8_t> exchange(std::uint16_t sap, std::span<const std::uint8_t> apdu) {
    std::size_t n = 0;
    if (!wrapper::encode(sap, 1, apdu, frame_, &n).is_ok()) fail("wrapper encode");
    for (std::size_t sent = 0; sent < n;) {
      const ssize_t k = ::send(fd_, frame_.data() + sent, n - sent, MSG_NOSIGNAL);
      if (k <= 0) fail("send()");
      sent += static_cast<std::size_t>(k);
    }
    for (;;) {
      if (rx_at_ < rx_len_) {
        const auto fed = reassembler_->feed(std::span<const std::uint8_t>(rx_).subspan(rx_at_, rx_len_ - rx_at_));
        if (!fed.status.is_ok()) fail("bad wrapper frame from the server");
        rx_at_ += fed.consumed;
        if (const auto f = reassembler_->take_frame()) return f->apdu;
      }
      const ssize_t k = ::recv(fd_, rx_.data(), rx_.size(), 0);
      if (k <= 0) fail("recv(): the server closed the connection");
      wire_in_ += static_cast<std::uint64_t>(k);
      rx_len_ = static_cast<std::size_t>(k);
      rx_at_ = 0;
    }
  }

 private:
  void close_socket() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  std::uint16_t port_;
  int fd_ = -1;
  Bytes frame_;
  Bytes storage_;
  std::unique_ptr<wrapper::Reassembler> reassembler_;
  Bytes rx_;
  std::size_t rx_len_ = 0;
  std::size_t rx_at_ = 0;
  std::uint64_t wire_in_ = 0;
};

// The server's own thread, looping poll() for as long as it lives. In the bench only: in
// `quadra run` the meter's loop polls the port between its ticks, on the meter's thread.
class ServerThread {
 public:
  explicit ServerThread(host::ports::WrapperPort& port)
      : thread_([this, &port] {
          while (!stop_.load(std::memory_order_relaxed))
            if (port.poll() == 0) std::this_thread::yield();
        }) {}
  ~ServerThread() {
    stop_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// ---- Measurements ----

struct GetFigures {
  double per_s = 0;
  double p50_us = 0;
  double p99_us = 0;
};

double percentile(std::vector<double>& v, double q) {
  const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

template <typename Path>
GetFigures time_gets(Path& path) {
  path.connect();
  expect_accepted(path.exchange(kPublic, aarq(false, 0xFFFF)));
  const Bytes rq = get_normal(3, kRegister, 2);
  for (int k = 0; k < 200; ++k)  // warm-up
    if (!is_data(path.exchange(kPublic, rq))) fail("register GET refused");
  std::vector<double> us(kGets);
  const auto t0 = Clock::now();
  for (int k = 0; k < kGets; ++k) {
    const auto a = Clock::now();
    const bool ok = is_data(path.exchange(kPublic, rq));
    us[static_cast<std::size_t>(k)] = std::chrono::duration<double, std::micro>(Clock::now() - a).count();
    if (!ok) fail("register GET refused");
  }
  GetFigures f;
  f.per_s = kGets / seconds_since(t0);
  f.p50_us = percentile(us, 0.50);
  f.p99_us = percentile(us, 0.99);
  return f;
}

struct ProfileFigures {
  double wall_s = 0;
  double first_block_s = 0;  // the GET-Request-Normal: the whole buffer is encoded, then block 1
  std::uint32_t blocks = 0;
  std::size_t data_bytes = 0;  // the encoded attribute (the blocks' raw data)
  std::size_t apdu_bytes = 0;  // the response APDUs
  std::uint32_t rows = 0;
};

template <typename Path>
ProfileFigures read_profile(Path& path, std::uint16_t pdu, Bytes& data) {
  path.connect();
  expect_accepted(path.exchange(kReader, aarq(true, pdu)));
  ProfileFigures f;
  data.clear();
  const auto t0 = Clock::now();
  std::span<const std::uint8_t> re = path.exchange(kReader, get_normal(7, kProfile, 2));
  f.first_block_s = seconds_since(t0);
  for (;;) {
    dlms::GetResponse r;
    if (!dlms::decode_get_response(re, &r).is_ok() || r.type != dlms::GetResponseType::kWithDatablock ||
        !r.block.is_raw_data || r.block.block_number != f.blocks + 1)
      fail("profile read: not the next data block");
    ++f.blocks;
    f.apdu_bytes += re.size();
    data.insert(data.end(), r.block.raw_data.begin(), r.block.raw_data.end());
    if (r.block.last_block) break;
    re = path.exchange(kReader, get_next(f.blocks));
  }
  f.wall_s = seconds_since(t0);
  f.data_bytes = data.size();
  dlms::AxdrReader reader(data);
  dlms::AxdrItem array;
  if (!reader.next(&array).is_ok() || array.type != dlms::DataType::kArray) fail("profile read: not an array");
  for (std::uint32_t k = 0; k < array.count; ++k)
    if (!reader.skip_value().is_ok()) fail("profile read: a row does not decode");
  if (!reader.at_end()) fail("profile read: bytes after the array");
  f.rows = array.count;
  return f;
}

template <typename Path>
ProfileFigures median_profile(Path& path, std::uint16_t pdu, Bytes& data) {
  std::vector<ProfileFigures> runs;
  for (int k = 0; k < kProfileRuns; ++k) runs.push_back(read_profile(path, pdu, data));
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.wall_s < b.wall_s; });
  return runs[runs.size() / 2];
}

void print_get(const char* name, const GetFigures& f, const GetFigures& base) {
  std::printf("  %-34s %9.0f %9.2f %9.2f   %5.1fx\n", name, f.per_s, f.p50_us, f.p99_us, f.p50_us / base.p50_us);
}

void print_profile(const char* name, std::uint16_t pdu, const ProfileFigures& f) {
  const double per_next_us = f.blocks > 1 ? (f.wall_s - f.first_block_s) * 1e6 / (f.blocks - 1) : 0.0;
  std::printf("  %-20s %6u %7u %10zu %10zu %9.1f %10.1f %11.1f %9.0f %7.1f\n", name, pdu, f.blocks, f.data_bytes,
              f.apdu_bytes, f.wall_s * 1e3, f.first_block_s * 1e3, per_next_us, f.rows / f.wall_s,
              static_cast<double>(f.data_bytes) / f.wall_s / 1e6);
}

}  // namespace

int main() {
  // The port's and the service's info lines (connected, associated, closed) would cut the table.
  spdlog::set_level(spdlog::level::warn);
  std::printf("dlms_bench: %u hardware threads, load average %s at start\n", std::thread::hardware_concurrency(),
              load_average().c_str());

  // The meter, filled by one simulated year in fast mode (load profile 1 reaches its 35 040 rows).
  const host::sim::Scenario scenario = host::sim::builtin_scenario();
  metrology::MetrologyConfig mc;
  mc.ct_ratio = scenario.grid.ct_ratio;
  mc.vt_ratio = scenario.grid.vt_ratio;
  const host::sim::PhasorTicker ticker(scenario, mc);
  meter::MeterSettings settings;
  settings.rtc.start_utc = 1767222000;  // 2026-01-01T00:00+01:00
  settings.billing = meter::default_billing_settings();
  meter::Meter m(settings);
  const double year_s = 365.0 * 86400.0;
  const auto fill0 = Clock::now();
  for (double t = 0; t < year_s;) {
    const double dt = std::min({900.0, year_s - t, m.next_boundary_s(t) - t});
    m.on_interval(ticker.tick(t, dt));
    t += dt;
  }
  std::printf("meter filled: one simulated year in fast mode in %.1f s, load profile 1 holds %zu rows\n\n",
              seconds_since(fill0), static_cast<std::size_t>(m.load_profile(0).entries_in_use()));
  const double now_s = m.meter_time_s();

  // The server as `quadra run` builds it, and a ServerSession configured the same way.
  host::DlmsService service(m, "QDR00000001", now_s);
  std::array<cosem::AssociationConfig, 2> associations{};
  associations[1].client_sap = kReader;
  associations[1].level = cosem::ClientLevel::kReader;
  associations[1].mechanism = dlms::Mechanism::kLow;
  associations[1].secret_size = std::strlen(host::kDefaultLlsPassword);
  std::memcpy(associations[1].secret.data(), host::kDefaultLlsPassword, associations[1].secret_size);
  associations[1].ln = meter::Obis(0, 0, 40, 0, 2);
  cosem::Directory directory(m, cosem::DirectoryConfig{"QDR00000001", "quadra-0.1.0", associations});
  association::AuthGuard guard;

  host::ports::WrapperPortOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  host::ports::WrapperPort port(service, options);

  DirectPath direct(m, directory, guard, now_s);
  ServicePath via_service(service);
  TcpPath tcp(port.port());

  // 1. Register GETs. The in-process paths run while the server thread is stopped, so the meter
  // is only ever used by one thread at a time.
  const GetFigures g_direct = time_gets(direct);
  const GetFigures g_service = time_gets(via_service);
  GetFigures g_tcp;
  {
    const ServerThread server(port);
    g_tcp = time_gets(tcp);
  }
  std::printf("GET 1.0.1.8.0.255 attribute 2 (public client 16), %d requests one after another\n", kGets);
  std::printf("  %-34s %9s %9s %9s   %s\n", "path", "req/s", "p50 us", "p99 us", "p50 / direct");
  print_get("in-process ServerSession::on_apdu", g_direct, g_direct);
  print_get("in-process DlmsService session", g_service, g_direct);
  print_get("TCP loopback, wrapper port", g_tcp, g_direct);
  std::printf("  TCP costs %.1f us per request over the direct call (p50); req/s ratio direct/TCP %.1f\n\n",
              g_tcp.p50_us - g_direct.p50_us, g_direct.per_s / g_tcp.per_s);

  // 2. Load profile 1 read whole with block transfer.
  Bytes data_direct, data_tcp;
  data_direct.reserve(8u << 20);
  data_tcp.reserve(8u << 20);
  const ProfileFigures p_direct_big = median_profile(direct, 0xFFFF, data_direct);
  const ProfileFigures p_direct_small = median_profile(direct, 1024, data_direct);
  ProfileFigures p_tcp_big, p_tcp_small;
  {
    const ServerThread server(port);
    p_tcp_big = median_profile(tcp, 0xFFFF, data_tcp);
    p_tcp_small = median_profile(tcp, 1024, data_tcp);
  }
  if (data_tcp != data_direct) std::printf("  note: the TCP read and the in-process read differ\n");
  std::printf("Load profile 1 (1.0.99.1.0.255 attribute 2, no selective access), %u rows, reading client 17 (LLS), "
              "median of %d reads\n",
              p_tcp_big.rows, kProfileRuns);
  std::printf("  %-20s %6s %7s %10s %10s %9s %10s %11s %9s %7s\n", "path", "pdu", "blocks", "data B", "APDU B",
              "wall ms", "1st blk ms", "us/next blk", "rows/s", "MB/s");
  print_profile("in-process session", 0xFFFF, p_direct_big);
  print_profile("in-process session", 1024, p_direct_small);
  print_profile("TCP loopback", 0xFFFF, p_tcp_big);
  print_profile("TCP loopback", 1024, p_tcp_small);
  std::printf("  TCP / in-process wall time: %.1fx (pdu 65535), %.1fx (pdu 1024)\n\n", p_tcp_big.wall_s / p_direct_big.wall_s,
              p_tcp_small.wall_s / p_direct_small.wall_s);

  const auto& s = port.stats();
  std::printf("wrapper port: %llu connections, %llu frames in, %llu frames out, %llu bytes out\n",
              static_cast<unsigned long long>(s.accepted), static_cast<unsigned long long>(s.frames_in),
              static_cast<unsigned long long>(s.frames_out), static_cast<unsigned long long>(s.bytes_out));
  std::printf("load average %s at the end\n", load_average().c_str());
  return 0;
}
