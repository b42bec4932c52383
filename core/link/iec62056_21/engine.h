// The meter's side of IEC 62056-21 on the optical port, protocol modes C and E, sans-I/O.
//
// The host feeds what the port receives (feed), calls poll() as time passes, and drains
// next_output() in order. Outputs are of three kinds, always applied in the order given:
//   kSend       write these bytes at the current line settings
//   kSetLine    once everything sent before has left the wire, switch the port to baud/format
//   kEnterHdlc  once everything sent before has left the wire, switch to baud 8N1 and hand the
//               port to the HDLC engine (mode E); call return_from_hdlc() when that link ends
// A kSend's bytes stay valid until the next call into the engine. next_deadline() says when the
// engine next needs poll() (a reaction time elapsing, a time-out).
//
// Behaviour (IEC 62056-21:2002, 6.3 and 6.4.3/6.4.5):
// - Idle at 300 Bd 7E1. A request "/?!CR LF" or "/?<address>!CR LF" whose address is ours (or
//   absent) is answered, after the reaction time, with "/XXXZ<ident>CR LF" (mode C) or
//   "/XXXZ\2<ident>CR LF" (mode E offered). Other addresses: silence. Z is the highest baud
//   rate offered (config.max_baud).
// - The reaction time is config.reaction_ms (default 300 ms; the standard allows 200..1500 ms,
//   and some clients reopen their port ~0.2 s after sending, so 300 ms is the safe floor).
// - A message whose characters are more than the inter-character time-out apart (1500 ms) is
//   dropped; a new '/' starts a new request (sign-on restart).
// - "ACK 0 Z 0 CR LF": switch to Z (7E1), then after the reaction time the data readout
//   "STX <lines CR LF> ! CR LF ETX BCC", then back to 300 Bd, idle. Z above the offered rate,
//   or no option select within the time-out (transmission time of the identification + 1500
//   ms): back to idle, silent.
// - "ACK 2 Z 2 CR LF" (mode E offered): acknowledged with "ACK 2 Z 2 CR LF" at 300 Bd (when
//   config.acknowledge_mode_e), then kEnterHdlc at Z 8N1.
// - "ACK 0 Z 1 CR LF" (programming enabled): switch to Z, send "SOH P0 STX (operand) ETX BCC";
//   then command messages, each answered after the reaction time:
//     P1/P2 (password)  ACK if source.check_password(), else a break "SOH B0 ETX BCC" and idle
//     R1 address(arg)   "STX data-set ETX BCC", or "STX (ERROR) ETX BCC"
//     W1 address(value) ACK, or "STX (ERROR) ETX BCC"
//     B0                no answer, back to 300 Bd idle
//     anything else     "STX (ERROR) ETX BCC"; R/W before a correct password too
//   A command whose BCC is wrong is answered with NAK (the client repeats it); a NAK from the
//   client repeats the last answer. No valid command for config.programming_timeout_ms:
//   back to 300 Bd idle.
// Without RTTI, exceptions or heap: buffers are fixed in the object.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/common/status.h"
#include "core/link/iec62056_21/messages.h"
#include "core/link/iec62056_21/readout_source.h"

namespace quadra::iec62056_21 {

enum class CharFormat : std::uint8_t {
  k7E1,  // 7 data bits, even parity, 1 stop bit: the IEC 62056-21 character format
  k8N1,  // 8 data bits, no parity, 1 stop bit: HDLC (mode E)
};

enum class OutputKind : std::uint8_t { kSend, kSetLine, kEnterHdlc };

struct Output {
  OutputKind kind = OutputKind::kSend;
  std::span<const std::uint8_t> bytes;  // kSend
  std::uint32_t baud = 300;             // kSetLine, kEnterHdlc
  CharFormat format = CharFormat::k7E1;
};

struct Config {
  std::string_view manufacturer = "QDR";  // 3 letters (FLAG id); a lower-case third letter
                                          // announces a 20 ms minimum reaction time
  std::string_view identification = "QUADRA";  // up to 16 printable characters, no / or !
  std::string_view device_address;            // up to 32 of 0-9 A-Z a-z space; empty: only "/?!"
  std::uint32_t max_baud = 9600;              // 300..19200, one of the mode C rates
  bool mode_e = true;                         // offer "\2" and accept "ACK 2 Z 2"
  bool acknowledge_mode_e = true;             // answer "ACK 2 Z 2" before switching to HDLC
  bool programming = true;                    // accept "ACK 0 Z 1"
  std::uint32_t reaction_ms = 300;            // 200..1500
  std::uint32_t inter_character_timeout_ms = 1500;
  std::uint32_t programming_timeout_ms = 60'000;  // 60..120 s in the standard
};

Status validate(const Config& config);

struct EngineStats {
  std::uint32_t requests = 0;         // sign-ons answered
  std::uint32_t ignored_requests = 0;  // sign-ons for another address
  std::uint32_t readouts = 0;
  std::uint32_t mode_e_switches = 0;
  std::uint32_t timeouts = 0;         // partial messages dropped, option selects or sessions timed out
  std::uint32_t bad_bcc = 0;          // commands answered with NAK
  std::uint32_t skipped_lines = 0;    // readout lines refused (too long, forbidden characters)
};

class Engine {
 public:
  static constexpr std::size_t kMaxLine = 128;  // one readout line or data set, without CR LF

  explicit Engine(ReadoutSource& source);

  // Takes a copy of `config` (strings included). On error the engine keeps its old settings.
  Status configure(const Config& config);

  void feed(std::span<const std::uint8_t> bytes, std::uint64_t now_ms);
  void poll(std::uint64_t now_ms);
  // The next output due at the time of the last feed()/poll(); false if nothing is due now.
  bool next_output(Output* out);
  // When poll() should next be called; nullopt when only received bytes can change anything.
  std::optional<std::uint64_t> next_deadline() const;

  // The HDLC link that mode E started has ended: back to 300 Bd 7E1, idle (a kSetLine follows).
  void return_from_hdlc(std::uint64_t now_ms);
  bool in_hdlc() const { return state_ == State::kHdlc; }
  // Current line settings as the engine sees them (after every output drained so far).
  std::uint32_t baud() const { return baud_; }
  const EngineStats& stats() const { return stats_; }

 private:
  enum class State : std::uint8_t { kIdle, kAwaitOption, kReadout, kProgramming, kHdlc };
  enum class Job : std::uint8_t { kNone, kSendBuffer, kReadout, kSetLine, kEnterHdlc, kToIdle };
  struct Pending {
    Job job = Job::kNone;
    std::uint64_t due_ms = 0;
    std::uint32_t baud = 300;
    CharFormat format = CharFormat::k7E1;
  };

  void handle_byte(std::uint8_t b, std::uint64_t now_ms);
  void handle_line_message(std::uint64_t now_ms);
  void handle_request(std::string_view address, std::uint64_t now_ms);
  void handle_option_select(char v, char z, char y, std::uint64_t now_ms);
  void handle_command(std::uint64_t now_ms);
  void go_idle(std::uint64_t now_ms, bool set_line);
  void push(const Pending& p);
  void queue_send(std::uint64_t due_ms);  // sends tx_ (prepared by the caller) at due_ms
  void prepare_framed(std::uint8_t start, std::string_view body);  // into tx_ and last_answer_
  void prepare_error();
  bool readout_chunk(Output* out);
  std::uint64_t tx_time_ms(std::size_t bytes) const;

  ReadoutSource& source_;
  // Configuration (own copies of the strings).
  std::array<char, 3> manufacturer_{'Q', 'D', 'R'};
  std::array<char, kMaxIdentification> ident_{};
  std::size_t ident_size_ = 0;
  std::array<char, kMaxDeviceAddress> address_{};
  std::size_t address_size_ = 0;
  std::uint32_t max_baud_ = 9600;
  bool mode_e_ = true;
  bool acknowledge_mode_e_ = true;
  bool programming_ = true;
  std::uint32_t reaction_ms_ = 300;
  std::uint32_t inter_char_ms_ = 1500;
  std::uint32_t programming_timeout_ms_ = 60'000;

  State state_ = State::kIdle;
  std::uint64_t now_ms_ = 0;
  std::uint32_t baud_ = 300;  // the settings the host has been told (as of the last drained output)
  // Receive side: one message being assembled.
  std::array<std::uint8_t, 160> rx_{};
  std::size_t rx_size_ = 0;
  bool rx_active_ = false;
  bool rx_after_etx_ = false;  // programming: the next byte is the BCC
  std::uint64_t rx_last_ms_ = 0;
  std::uint64_t session_deadline_ms_ = 0;  // kAwaitOption / kProgramming time-out
  bool password_ok_ = false;
  // Transmit side.
  std::array<std::uint8_t, kMaxLine + 16> tx_{};
  std::size_t tx_size_ = 0;
  std::array<std::uint8_t, kMaxLine + 16> last_answer_{};  // repeated on NAK
  std::size_t last_answer_size_ = 0;
  std::array<Pending, 4> queue_{};
  std::size_t queue_size_ = 0;
  // Readout in progress.
  std::size_t readout_index_ = 0;
  std::uint8_t readout_bcc_ = 0;
  bool readout_started_ = false;
  bool readout_done_ = false;
  EngineStats stats_;
};

}  // namespace quadra::iec62056_21
