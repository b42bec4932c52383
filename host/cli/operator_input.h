// The meter's physical inputs as typed lines on standard input while `quadra run` is running:
// the service button, the two optically isolated digital inputs and their functions. A reader
// thread queues the commands; the run loop applies them at the current meter time.
//
//   button          the service button: end of billing period
//   input1 on|off   digital input 1, tariff control (per [tariff] input in the configuration)
//   input2          a pulse on digital input 2: end of billing period
//   sync            a pulse on the synchronisation input: RTC rounded to the minute/quarter
//   cover open|close, case open|close, magnet on|off   the fraud inputs
//   modem remove|insert   take out / put back the exchangeable communication module
//   pulse N         N pulses (1..1000000000) from the external meter on the pulse input
//                   (1.0.82.8.0.255; [pulse_input] in the configuration)
//   quit            stop the meter
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace quadra::host {

enum class OperatorCommand {
  kServiceButton,
  kInput1On,
  kInput1Off,
  kInput2Pulse,
  kSyncPulse,
  kCoverOpen,
  kCoverClose,
  kCaseOpen,
  kCaseClose,
  kMagnetOn,
  kMagnetOff,
  kModemRemove,
  kModemInsert,
  kPulses,
  kQuit,
};

// Parses one line; nullopt (with a message in *error) for anything else. *count receives the N
// of "pulse N" (when not null).
std::optional<OperatorCommand> parse_operator_command(const std::string& line, std::string* error,
                                                      std::uint64_t* count = nullptr);

class OperatorInput {
 public:
  // Starts the reader thread (detached: it may block on a terminal until the process ends).
  void start();
  // The next command; *count its pulse count (kPulses), when not null.
  std::optional<OperatorCommand> poll(std::uint64_t* count = nullptr);

 private:
  std::mutex mutex_;
  std::deque<std::pair<OperatorCommand, std::uint64_t>> queue_;
};

}  // namespace quadra::host
