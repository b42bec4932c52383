// The settings of the meter's communication ports as the COSEM setup objects state them: the
// IEC HDLC setup (interface class 23, version 1) of each HDLC channel and the IEC local port
// setup (interface class 19, version 1) of the optical and the electrical port. Plain data: the
// ports read them (core/link/hdlc/hdlc_setup.h makes a station configuration), the COSEM objects
// (core/cosem/port_setup_objects.h) show and change them. Every change bumps `generation`; a port
// applies it at its next connection (HDLC) or when idle (IEC 62056-21).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/common/obis.h"

namespace quadra::io {

// comm_speed (IC 23 attribute 2) and the baud enums of IC 19: 0 = 300 Bd .. 9 = 115 200 Bd.
enum class CommSpeed : std::uint8_t { k300 = 0, k600, k1200, k2400, k4800, k9600, k19200, k38400, k57600, k115200 };
inline constexpr std::uint8_t kMaxCommSpeed = 9;
constexpr std::uint32_t baud_of(CommSpeed s) {
  constexpr std::array<std::uint32_t, kMaxCommSpeed + 1> kBaud = {300,   600,   1200,  2400,  4800,
                                                                  9600, 19200, 38400, 57600, 115200};
  const auto k = static_cast<std::uint8_t>(s);
  return k <= kMaxCommSpeed ? kBaud[k] : 0;
}

struct HdlcSetup {
  // The Blue Book's defaults (IC 23 v1).
  CommSpeed comm_speed = CommSpeed::k9600;              // 2: baud rate of the opening sequence
  std::uint8_t window_size_transmit = 1;                // 3: 1..7
  std::uint8_t window_size_receive = 1;                 // 4: 1..7
  std::uint16_t max_info_field_length_transmit = 128;   // 5: 32..2030 bytes
  std::uint16_t max_info_field_length_receive = 128;    // 6: 32..2030 bytes
  std::uint16_t inter_octet_time_out_ms = 25;           // 7: 20..6000 ms
  std::uint16_t inactivity_time_out_s = 120;            // 8: seconds, 0 = none
  std::uint16_t device_address = 0x0010;                // 9: the physical (lower) HDLC address,
                                                        //    0x0010..0x3FFD but not 0x007E, 0x007F
  std::uint16_t logical_address = 1;                    // the upper HDLC address: the management
                                                        //    logical device (not an IC 23 attribute)
  std::uint32_t generation = 0;                         // bumped on every change
};

// IC 19 default_mode (attribute 2).
enum class LocalPortMode : std::uint8_t {
  kIec62056_21 = 0,  // IEC 62056-21 modes A..E
  kHdlc = 1,         // DLMS/COSEM over HDLC (IEC 62056-46) at once: attributes 3..9 do not apply
  kNotSpecified = 2,
};
// IC 19 response_time (attribute 5): the minimum reaction time.
enum class ResponseTime : std::uint8_t { k20ms = 0, k200ms = 1 };

inline constexpr std::size_t kMaxDeviceAddress = 32;  // IEC 62056-21
inline constexpr std::size_t kMaxPortPassword = 16;

struct LocalPortSetup {
  LocalPortMode default_mode = LocalPortMode::kIec62056_21;  // 2
  CommSpeed default_baud = CommSpeed::k300;                  // 3: baud rate of the opening sequence
  CommSpeed prop_baud = CommSpeed::k9600;                    // 4: the baud rate proposed (Z)
  ResponseTime response_time = ResponseTime::k200ms;         // 5
  std::array<char, kMaxDeviceAddress> device_addr{};         // 6: empty = only "/?!" answered
  std::size_t device_addr_size = 0;
  std::array<char, kMaxPortPassword> pass_p1{};              // 7: programming mode password
  std::size_t pass_p1_size = 0;
  std::uint32_t generation = 0;
};

// The optical port's readout list: the capture objects of the general local port readout
// 0.0.21.0.0.255, one VDEW data set per OBIS code (core/io/readout_list.h says how each shows).
// The configuration fills it (the built-in list when it names none); the management client may
// rewrite it (core/cosem/readout_profile.h). Every change bumps `generation`; the optical port's
// next readout uses the new list.
inline constexpr std::size_t kMaxReadoutItems = 64;
struct ReadoutList {
  std::array<meter::Obis, kMaxReadoutItems> items{};
  std::size_t count = 0;
  std::uint32_t generation = 0;
  std::span<const meter::Obis> view() const { return {items.data(), count}; }
};

// Everything the meter's ports take their settings from. The HDLC channels are numbered as the B
// field of their setup objects (0.B.22.0.0.255).
struct PortSettings {
  static constexpr std::size_t kOpticalHdlc = 0;  // the optical port after a mode E switch
  static constexpr std::size_t kSerial1 = 1;
  static constexpr std::size_t kSerial2 = 2;
  static constexpr std::size_t kHdlcTcp = 3;      // HDLC over TCP
  std::array<HdlcSetup, 4> hdlc{};
  LocalPortSetup optical;     // 0.0.20.0.0.255
  LocalPortSetup electrical;  // 0.0.20.0.1.255: the serial ports speak HDLC at once
  ReadoutList readout;        // 0.0.21.0.0.255: empty until the configuration fills it
  PortSettings() { electrical.default_mode = LocalPortMode::kHdlc; }
};

}  // namespace quadra::io
