#include "host/cli/port_settings_store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "core/cosem/port_setup_objects.h"
#include "core/io/readout_list.h"

namespace quadra::host {
namespace {

using nlohmann::json;

std::string hdlc_key(std::size_t channel) { return fmt::format("port_setup 0.{}.22.0.0.255", channel); }
constexpr const char* kOpticalKey = "port_setup 0.0.20.0.0.255";
constexpr const char* kReadoutKey = "readout_list 0.0.21.0.0.255";

json to_json(const io::ReadoutList& list) {
  json j = json::array();
  for (const meter::Obis& o : list.view()) {
    char text[24];
    o.format(text);
    j.push_back(text);
  }
  return j;
}

json to_json(const io::HdlcSetup& s) {
  return json{{"comm_speed", static_cast<int>(s.comm_speed)},
              {"window_size_transmit", s.window_size_transmit},
              {"window_size_receive", s.window_size_receive},
              {"max_info_field_length_transmit", s.max_info_field_length_transmit},
              {"max_info_field_length_receive", s.max_info_field_length_receive},
              {"inter_octet_time_out", s.inter_octet_time_out_ms},
              {"inactivity_time_out", s.inactivity_time_out_s},
              {"device_address", s.device_address}};
}

json to_json(const io::LocalPortSetup& s) {
  return json{{"prop_baud", static_cast<int>(s.prop_baud)},
              {"device_addr", std::string(s.device_addr.data(), s.device_addr_size)}};
}

// An unsigned member of `j` no larger than `max`; throws json errors or std::out_of_range.
template <typename T>
T member(const json& j, const char* name, unsigned max) {
  const json& v = j.at(name);
  if (!v.is_number_unsigned() || v.get<unsigned long>() > max) throw std::out_of_range(name);
  return static_cast<T>(v.get<unsigned long>());
}

}  // namespace

PortSettingsStore::PortSettingsStore(io::PortSettings& settings, MetaStore store, const meter::Meter* meter)
    : settings_(settings), store_(std::move(store)) {
  for (std::size_t b = 0; b < settings_.hdlc.size(); ++b) {
    const std::string key = hdlc_key(b);
    if (const auto text = store_.get(key)) {
      io::HdlcSetup s = settings_.hdlc[b];
      try {
        const json j = json::parse(*text);
        s.comm_speed = static_cast<io::CommSpeed>(member<std::uint8_t>(j, "comm_speed", 255));
        s.window_size_transmit = member<std::uint8_t>(j, "window_size_transmit", 255);
        s.window_size_receive = member<std::uint8_t>(j, "window_size_receive", 255);
        s.max_info_field_length_transmit = member<std::uint16_t>(j, "max_info_field_length_transmit", 0xFFFF);
        s.max_info_field_length_receive = member<std::uint16_t>(j, "max_info_field_length_receive", 0xFFFF);
        s.inter_octet_time_out_ms = member<std::uint16_t>(j, "inter_octet_time_out", 0xFFFF);
        s.inactivity_time_out_s = member<std::uint16_t>(j, "inactivity_time_out", 0xFFFF);
        s.device_address = member<std::uint16_t>(j, "device_address", 0xFFFF);
      } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("store meta {}: not an IEC HDLC setup ({})", key, e.what()));
      }
      if (!cosem::hdlc_setup_in_range(s))
        throw std::runtime_error(fmt::format("store meta {}: out of the IEC HDLC setup's ranges", key));
      settings_.hdlc[b] = s;
    }
    hdlc_stored_[b] = settings_.hdlc[b].generation;
  }
  if (const auto text = store_.get(kOpticalKey)) {
    io::LocalPortSetup s = settings_.optical;
    try {
      const json j = json::parse(*text);
      s.prop_baud = static_cast<io::CommSpeed>(member<std::uint8_t>(j, "prop_baud", 255));
      const std::string addr = j.at("device_addr").get<std::string>();
      if (addr.size() > s.device_addr.size()) throw std::out_of_range("device_addr");
      addr.copy(s.device_addr.data(), addr.size());
      s.device_addr_size = addr.size();
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("store meta {}: not an IEC local port setup ({})", kOpticalKey, e.what()));
    }
    if (!cosem::local_port_setup_in_range(s))
      throw std::runtime_error(fmt::format("store meta {}: out of the IEC local port setup's ranges", kOpticalKey));
    settings_.optical = s;
  }
  optical_stored_ = settings_.optical.generation;
  if (const auto text = store_.get(kReadoutKey)) {
    io::ReadoutList list;
    try {
      const json j = json::parse(*text);
      if (!j.is_array() || j.empty() || j.size() > io::kMaxReadoutItems)
        throw std::out_of_range(fmt::format("an array of 1..{} OBIS codes", io::kMaxReadoutItems));
      for (const json& item : j) {
        const std::string code = item.get<std::string>();
        if (!meter::Obis::parse(code.c_str(), list.items[list.count]))
          throw std::out_of_range(fmt::format("\"{}\" is not an OBIS code", code));
        ++list.count;
      }
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("store meta {}: not a readout list ({})", kReadoutKey, e.what()));
    }
    std::size_t bad = 0;
    if (meter != nullptr) {
      if (const Status st = io::MeterReadout::validate_items(list.view(), *meter, &bad); !st.is_ok())
        throw std::runtime_error(fmt::format("store meta {}: item {}: {}", kReadoutKey, bad + 1, st.reason()));
    }
    list.generation = settings_.readout.generation;
    settings_.readout = list;
  }
  readout_stored_ = settings_.readout.generation;
}

void PortSettingsStore::poll() {
  for (std::size_t b = 0; b < settings_.hdlc.size(); ++b) {
    if (settings_.hdlc[b].generation == hdlc_stored_[b]) continue;
    hdlc_stored_[b] = settings_.hdlc[b].generation;
    store_meta(store_, hdlc_key(b).substr(11), hdlc_key(b), to_json(settings_.hdlc[b]).dump());
  }
  if (settings_.optical.generation != optical_stored_) {
    optical_stored_ = settings_.optical.generation;
    store_meta(store_, std::string(kOpticalKey).substr(11), kOpticalKey, to_json(settings_.optical).dump());
  }
  if (settings_.readout.generation != readout_stored_) {
    readout_stored_ = settings_.readout.generation;
    store_meta(store_, std::string(kReadoutKey).substr(13), kReadoutKey, to_json(settings_.readout).dump());
  }
}

}  // namespace quadra::host
