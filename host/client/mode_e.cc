#include "host/client/mode_e.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/link/iec62056_21/messages.h"

namespace quadra::client {
namespace {

using Clock = std::chrono::steady_clock;

// One line up to CR LF (7-bit characters: a parity bit a raw link passes is dropped).
std::string read_line(ByteStream& stream, Clock::time_point deadline, const char* what) {
  std::string line;
  std::uint8_t b = 0;
  while (line.size() < 128) {
    if (stream.read_some({&b, 1}, deadline) == 0)
      throw ClientError(fmt::format("{}: no {} within the time-out{}", stream.name(), what,
                                    line.empty() ? "" : fmt::format(" (\"{}\" so far)", line)));
    const char c = static_cast<char>(b & 0x7F);
    if (c == '\n' && !line.empty() && line.back() == '\r') {
      line.pop_back();
      return line;
    }
    line += c;
  }
  throw ClientError(fmt::format("{}: the {} is longer than 128 characters", stream.name(), what));
}

}  // namespace

ByteStream open_mode_e(const std::string& path, int timeout_ms, std::string* identification) {
  ByteStream stream = open_serial(path, 300);
  set_serial_line(stream, 300, true);
  const auto timeout = std::chrono::milliseconds(timeout_ms);
  static constexpr std::uint8_t kRequest[] = {'/', '?', '!', '\r', '\n'};
  // The sign-on is repeated every 1.5 s (the standard's inter-character time-out) until the
  // time-out: a meter just back from a previous mode E session may miss the first.
  const auto deadline = Clock::now() + timeout;
  std::string ident;
  for (;;) {
    stream.write_all(kRequest, deadline);
    const auto attempt = std::min(deadline, Clock::now() + std::chrono::milliseconds(1500));
    try {
      ident = read_line(stream, attempt, "identification to the sign-on \"/?!\"");
      break;
    } catch (const ClientError&) {
      if (Clock::now() >= deadline) throw;
    }
  }
  // A meter may let the echo of the request or noise precede its answer: take it from its '/'.
  const auto slash = ident.rfind('/');
  if (slash != std::string::npos) ident.erase(0, slash);
  if (ident.size() < 5 || ident[0] != '/')
    throw ClientError(fmt::format("{}: \"{}\" is not an IEC 62056-21 identification", path, ident));
  if (ident.size() < 7 || ident[5] != '\\' || ident[6] != '2')
    throw ClientError(fmt::format("{}: the identification \"{}\" offers no mode E (no \\2 after the baud rate "
                                  "character)",
                                  path, ident));
  const char z = ident[4];
  const std::uint32_t baud = iec62056_21::baud_of_char(z);
  if (baud == 0) throw ClientError(fmt::format("{}: \"{}\": baud rate character '{}' is not 0..6", path, ident, z));
  *identification = ident;
  // The reaction time before the option select (IEC 62056-21: at least 200 ms).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::uint8_t select[] = {iec62056_21::kAck, '2', static_cast<std::uint8_t>(z), '2', '\r', '\n'};
  stream.write_all(select, Clock::now() + timeout);
  // The meter's acknowledgement, when it sends one, still at 300 Bd; without it the meter is
  // already listening for HDLC after its reaction time.
  try {
    (void)read_line(stream, Clock::now() + std::chrono::milliseconds(1600), "acknowledgement of mode E");
  } catch (const ClientError&) {
  }
  set_serial_line(stream, baud, false);
  return stream;
}

}  // namespace quadra::client
