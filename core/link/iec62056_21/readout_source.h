// What the optical port's IEC 62056-21 engine asks of the meter: the lines of the data readout
// and, in programming mode, password checks, single reads and writes. The meter implements it;
// the engine owns the protocol (framing, BCC, timing, baud rates).
//
// Every method is called from inside Engine::next_output() or Engine::feed(), never re-entered,
// and must not block. Lines and data sets are plain 7-bit ASCII without CR LF; format them with
// format_data_set() (messages.h) so that they keep the standard's limits.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace quadra::iec62056_21 {

class ReadoutSource {
 public:
  // Writes data line `index` (0, 1, 2, ...) of the readout into `out` (without CR LF) and sets
  // *size; returns false when the readout has no such line (the readout ends there). A line
  // usually holds one data set: "1.8.1(000123.456*kWh)", "1.6.1(0012.345*kW)(2611251415)".
  virtual bool readout_line(std::size_t index, std::span<char> out, std::size_t* size) = 0;

  // Programming mode. The defaults refuse everything: a meter that offers no programming mode
  // needs to override nothing.

  // The operand the meter sends in its P0 message after "ACK 0 Z 1" (e.g. a serial number or a
  // password seed); written into `out`, its size returned. Default: empty, "P0 STX () ETX".
  virtual std::size_t password_operand(std::span<char> out) {
    (void)out;
    return 0;
  }
  // P1 (level '1') / P2 (level '2'): is `password` right?
  virtual bool check_password(char level, std::string_view password) {
    (void)level;
    (void)password;
    return false;
  }
  // R1: writes the whole answer data set ("1.8.1(000123.456*kWh)") for `address` (with the
  // optional `argument` the client put in parentheses) into `out`; false = no such data (the
  // engine answers with an error message).
  virtual bool read_data_set(std::string_view address, std::string_view argument, std::span<char> out,
                             std::size_t* size) {
    (void)address;
    (void)argument;
    (void)out;
    (void)size;
    return false;
  }
  // W1: writes `value` to `address`; false = refused (not writable, out of range, ...).
  virtual bool write_data_set(std::string_view address, std::string_view value) {
    (void)address;
    (void)value;
    return false;
  }

 protected:
  ReadoutSource() = default;
  ~ReadoutSource() = default;
  ReadoutSource(const ReadoutSource&) = default;
  ReadoutSource& operator=(const ReadoutSource&) = default;
};

}  // namespace quadra::iec62056_21
