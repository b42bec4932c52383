#include "host/cli/modem.h"

#include <spdlog/spdlog.h>

#include <arpa/inet.h>

#include <algorithm>
#include <exception>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/push/auto_connect_object.h"
#include "core/recording/event_codes.h"

namespace quadra::host {

namespace {

constexpr const char* kStoreKey = "modem_setup";
constexpr const char* kAutoConnectKey = "auto_connect";

nlohmann::json qos_json(const cosem::QualityOfService& q) {
  return {q.precedence, q.delay, q.reliability, q.peak_throughput, q.mean_throughput};
}

cosem::QualityOfService qos_of(const nlohmann::json& j) {
  if (!j.is_array() || j.size() != 5) throw std::out_of_range("quality of service: not 5 numbers");
  cosem::QualityOfService q;
  std::uint8_t* fields[5] = {&q.precedence, &q.delay, &q.reliability, &q.peak_throughput, &q.mean_throughput};
  for (std::size_t k = 0; k < 5; ++k) {
    if (!j[k].is_number_unsigned() || j[k].get<unsigned>() > 255) throw std::out_of_range("quality of service");
    *fields[k] = static_cast<std::uint8_t>(j[k].get<unsigned>());
  }
  return q;
}

unsigned whole(const nlohmann::json& j, const char* name, unsigned long min, unsigned long max) {
  const nlohmann::json& v = j.at(name);
  if (!v.is_number_unsigned() || v.get<unsigned long>() < min || v.get<unsigned long>() > max)
    throw std::out_of_range(name);
  return static_cast<unsigned>(v.get<unsigned long>());
}

}  // namespace

Modem::Modem(meter::Meter& meter, DlmsService& dlms, const cosem::ModemSettings& settings,
             const ports::WrapperPortOptions& port, MetaStore store, const cosem::RadioNetwork& radio,
             const push::AutoConnectSettings& auto_connect)
    : meter_(meter),
      dlms_(dlms),
      settings_(settings),
      options_(port),
      store_(std::move(store)),
      configured_radio_(radio),
      auto_connect_(auto_connect),
      connector_(meter, auto_connect_) {
  settings_.tcp_port = options_.port;
  // IP_address of the IPv4 setup: the configured one, else the IPv4 address listened on.
  in_addr a{};
  if (settings_.ip_address == 0 && inet_pton(AF_INET, options_.address.c_str(), &a) == 1)
    settings_.ip_address = ntohl(a.s_addr);
  configured_ip_ = settings_.ip_address;
  if (store_.get) restore();
  if (store_.get) restore_auto_connect();
  stored_ = settings_.generation;
  auto_connect_stored_ = auto_connect_.generation;
  apply();
  if (open()) {
    settings_.tcp_port = port_->port();  // port 0: the one the system gave
    registration_due_ = true;
  }
  present_ = port_ != nullptr;
  deregister();
  dlms_.directory().add(std::make_unique<cosem::TcpUdpSetupObject>(settings_, meter_));
  dlms_.directory().add(std::make_unique<cosem::Ipv4SetupObject>(settings_, meter_));
  dlms_.directory().add(std::make_unique<cosem::GprsModemSetupObject>(settings_, meter_));
  dlms_.directory().add(std::make_unique<cosem::GsmDiagnosticObject>(radio_));
  dlms_.directory().add(std::make_unique<cosem::LteMonitoringObject>(radio_));
  dlms_.directory().add(std::make_unique<push::AutoConnectObject>(auto_connect_, present_, meter_));
}

void Modem::register_at(double now_s) {
  const std::array<std::uint8_t, 12> last = clock::encode(meter_.rtc().cosem_time(now_s));
  radio_ = configured_radio_;
  radio_.capture_time = last;
  spdlog::info("0.0.25.6.0.255: the module registered on \"{}\" (simulated network)", radio_.operator_view());
}

void Modem::deregister() {
  const std::array<std::uint8_t, 12> last = radio_.capture_time;
  radio_ = cosem::RadioNetwork{};
  radio_.capture_time = last;
}

void Modem::restore_auto_connect() {
  const auto text = store_.get(kAutoConnectKey);
  if (!text) return;
  push::AutoConnectSettings a = auto_connect_;
  try {
    const nlohmann::json j = nlohmann::json::parse(*text);
    a.mode = static_cast<std::uint8_t>(whole(j, "mode", 0, 255));
    a.repetitions = static_cast<std::uint8_t>(whole(j, "repetitions", 0, 255));
    a.repetition_delay_s = static_cast<std::uint16_t>(whole(j, "repetition_delay", 0, 65535));
    const nlohmann::json& windows = j.at("calling_window");
    if (!windows.is_array() || windows.size() > push::kMaxWindows) throw std::out_of_range("calling_window");
    a.window_count = 0;
    for (const nlohmann::json& w : windows) {
      std::vector<std::uint8_t> start;
      std::vector<std::uint8_t> end;
      if (!w.is_array() || w.size() != 2 || !from_hex(w[0].get<std::string>(), &start) ||
          !from_hex(w[1].get<std::string>(), &end) || start.size() != 12 || end.size() != 12)
        throw std::out_of_range("calling_window");
      push::CommunicationWindow& cw = a.windows[a.window_count++];
      std::copy(start.begin(), start.end(), cw.start.begin());
      std::copy(end.begin(), end.end(), cw.end.begin());
    }
    const nlohmann::json& destinations = j.at("destination_list");
    if (!destinations.is_array() || destinations.size() > push::kMaxAutoConnectDestinations)
      throw std::out_of_range("destination_list");
    a.destination_count = 0;
    for (const nlohmann::json& d : destinations) {
      if (!a.add_destination(d.get<std::string>())) throw std::out_of_range("destination_list");
    }
    if (const Status st = push::validate(a); !st.is_ok()) throw std::out_of_range(st.field());
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("store meta {}: not the Auto connect's settings ({})", kAutoConnectKey, e.what()));
  }
  auto_connect_ = a;
  spdlog::info("0.0.2.1.0.255: settings written over DLMS restored from the store (mode {})", auto_connect_.mode);
}

void Modem::store_auto_connect() {
  const push::AutoConnectSettings& a = auto_connect_;
  nlohmann::json windows = nlohmann::json::array();
  for (const push::CommunicationWindow& w : a.calling_window()) windows.push_back({to_hex(w.start), to_hex(w.end)});
  nlohmann::json destinations = nlohmann::json::array();
  for (std::size_t k = 0; k < a.destination_count; ++k) destinations.push_back(std::string(a.destination(k)));
  const nlohmann::json j{{"mode", a.mode},
                         {"repetitions", a.repetitions},
                         {"repetition_delay", a.repetition_delay_s},
                         {"calling_window", windows},
                         {"destination_list", destinations}};
  store_meta(store_, "0.0.2.1.0.255", kAutoConnectKey, j.dump());
}

void Modem::restore() {
  const auto text = store_.get(kStoreKey);
  if (!text) return;
  cosem::ModemSettings s = settings_;
  try {
    const nlohmann::json j = nlohmann::json::parse(*text);
    s.tcp_port = static_cast<std::uint16_t>(whole(j, "tcp_port", 1, 65535));
    s.max_connections = static_cast<std::uint8_t>(whole(j, "max_connections", 1, 64));
    s.inactivity_timeout_s = static_cast<std::uint16_t>(whole(j, "inactivity_time_out", 0, 65535));
    s.ip_address = whole(j, "ip_address", 1, 0xFFFFFFFFul);
    const std::string apn = j.at("apn").get<std::string>();
    if (!cosem::apn_valid(apn)) throw std::out_of_range("apn");
    s.set_apn(apn);
    s.pin_code = static_cast<std::uint16_t>(whole(j, "pin_code", 0, 9999));
    s.default_qos = qos_of(j.at("default_qos"));
    s.requested_qos = qos_of(j.at("requested_qos"));
    if (!cosem::unicast_ipv4(s.ip_address)) throw std::out_of_range("ip_address");
    // The IPv4 setup's network description (absent in stores written before it was writable:
    // the configured values stay).
    if (j.contains("subnet_mask")) {
      s.subnet_mask = whole(j, "subnet_mask", 0, 0xFFFFFFFFul);
      s.gateway = whole(j, "gateway", 0, 0xFFFFFFFFul);
      const nlohmann::json& dhcp = j.at("use_dhcp");
      if (!dhcp.is_boolean()) throw std::out_of_range("use_dhcp");
      s.use_dhcp = dhcp.get<bool>();
      s.primary_dns = whole(j, "primary_dns", 0, 0xFFFFFFFFul);
      s.secondary_dns = whole(j, "secondary_dns", 0, 0xFFFFFFFFul);
      if (!cosem::ipv4_setup_valid(s))
        throw std::out_of_range("subnet_mask, gateway or DNS out of the IPv4 setup's checks");
    }
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("store meta {}: not the modem's settings ({})", kStoreKey, e.what()));
  }
  settings_ = s;
  spdlog::info("modem: settings written over DLMS restored from the store (TCP port {})", settings_.tcp_port);
}

void Modem::apply() {
  options_.max_connections = settings_.max_connections;
  options_.inactivity_timeout_s = settings_.inactivity_timeout_s;
  options_.port = settings_.tcp_port;
  // An IP_address written over DLMS (or restored) is the address listened on from now; the
  // configured one only describes the module's network, the host listens where --modem says.
  char ip[INET_ADDRSTRLEN] = {};
  const in_addr addr{htonl(settings_.ip_address)};
  if (settings_.ip_address != configured_ip_ && inet_ntop(AF_INET, &addr, ip, sizeof ip) != nullptr)
    options_.address = ip;
}

void Modem::poll(double now_s) {
  if (registration_due_ && port_) register_at(now_s);
  registration_due_ = false;
  if (port_) port_->poll();
  connector_.poll(port_.get(), now_s);
  if (auto_connect_.generation != auto_connect_stored_) {
    auto_connect_stored_ = auto_connect_.generation;
    if (store_.set) store_auto_connect();
  }
  if (settings_.generation == stored_) return;
  stored_ = settings_.generation;
  if (!store_.set) return;
  const cosem::ModemSettings& s = settings_;
  const nlohmann::json j{{"tcp_port", s.tcp_port},
                         {"max_connections", s.max_connections},
                         {"inactivity_time_out", s.inactivity_timeout_s},
                         {"ip_address", s.ip_address},
                         {"subnet_mask", s.subnet_mask},
                         {"gateway", s.gateway},
                         {"use_dhcp", s.use_dhcp},
                         {"primary_dns", s.primary_dns},
                         {"secondary_dns", s.secondary_dns},
                         {"apn", std::string(s.apn_view())},
                         {"pin_code", s.pin_code},
                         {"default_qos", qos_json(s.default_qos)},
                         {"requested_qos", qos_json(s.requested_qos)}};
  store_meta(store_, "0.0.25.0.0.255", kStoreKey, j.dump());
}

bool Modem::open() {
  try {
    port_ = std::make_unique<ports::WrapperPort>(dlms_, options_);
    return true;
  } catch (const std::exception& e) {
    spdlog::error("modem: {}: the module stays removed", e.what());
    return false;
  }
}

void Modem::remove(double now_s) {
  if (!port_) return;
  const std::uint16_t closed = port_->port();
  port_.reset();
  present_ = false;
  registration_due_ = false;
  deregister();
  connector_.poll(nullptr, now_s);
  meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kCommunicationModuleRemoved, now_s);
  spdlog::info("0.0.25.0.0.255: communication module removed (TCP port {} closed)", closed);
}

void Modem::insert(double now_s) {
  if (port_) return;
  // The settings in force: the port it had (a system-given port 0 is kept, so that a client can
  // come back) or the one written over DLMS since, and the address, connections and time-out.
  apply();
  if (!open()) return;
  present_ = true;
  register_at(now_s);
  meter_.record_event(recording::LogGroup::kCommunication, recording::event_code::kCommunicationModuleInserted, now_s);
  spdlog::info("0.0.25.0.0.255: communication module inserted (DLMS/COSEM on TCP {})", port_->local_endpoint());
}

}  // namespace quadra::host
