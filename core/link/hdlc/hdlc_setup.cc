#include "core/link/hdlc/hdlc_setup.h"

namespace quadra::hdlc {

Status validate(const io::HdlcSetup& s) {
  if (static_cast<std::uint8_t>(s.comm_speed) > io::kMaxCommSpeed)
    return Status::invalid("hdlc_setup.comm_speed", "must be 0..9 (300..115200 Bd)");
  if (s.window_size_transmit < 1 || s.window_size_transmit > kMaxWindow)
    return Status::invalid("hdlc_setup.window_size_transmit", "must be 1..7");
  if (s.window_size_receive < 1 || s.window_size_receive > kMaxWindow)
    return Status::invalid("hdlc_setup.window_size_receive", "must be 1..7");
  if (s.max_info_field_length_transmit < 32 || s.max_info_field_length_transmit > kMaxInfoLimit)
    return Status::invalid("hdlc_setup.max_info_field_length_transmit", "must be 32..2030");
  if (s.max_info_field_length_receive < 32 || s.max_info_field_length_receive > kMaxInfoLimit)
    return Status::invalid("hdlc_setup.max_info_field_length_receive", "must be 32..2030");
  if (s.inter_octet_time_out_ms < 20 || s.inter_octet_time_out_ms > 6000)
    return Status::invalid("hdlc_setup.inter_octet_time_out", "must be 20..6000 ms");
  if (s.device_address < 0x0010 || s.device_address > 0x3FFD || s.device_address == 0x007E || s.device_address == 0x007F)
    return Status::invalid("hdlc_setup.device_address", "must be 0x0010..0x3FFD, not 0x007E (calling) or 0x007F (all-station)");
  return validate(station_config(s));
}

StationConfig station_config(const io::HdlcSetup& s) {
  StationConfig c;
  c.logical_address = s.logical_address;
  c.physical_address = s.device_address;
  c.max_params.max_info_tx = s.max_info_field_length_transmit;
  c.max_params.max_info_rx = s.max_info_field_length_receive;
  c.max_params.window_tx = s.window_size_transmit;
  c.max_params.window_rx = s.window_size_receive;
  c.inactivity_timeout_s = s.inactivity_time_out_s;
  c.inter_octet_timeout_ms = s.inter_octet_time_out_ms;
  return c;
}

}  // namespace quadra::hdlc
