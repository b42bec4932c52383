#include "core/link/iec62056_21/engine.h"

#include <algorithm>
#include <cstring>

namespace quadra::iec62056_21 {
namespace {

constexpr std::uint64_t kNever = ~std::uint64_t{0};
constexpr std::size_t kMaxReadoutLines = 65535;

bool is_address_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ';
}

bool printable(char c) { return c >= 0x20 && c < 0x7F; }

}  // namespace

Status validate(const Config& config) {
  if (config.manufacturer.size() != 3) return Status::invalid("iec62056_21.manufacturer", "must be 3 letters");
  for (std::size_t i = 0; i < 3; ++i) {
    const char c = config.manufacturer[i];
    const bool upper = c >= 'A' && c <= 'Z';
    const bool lower = c >= 'a' && c <= 'z';
    // A lower-case third letter announces a 20 ms minimum reaction time instead of 200 ms.
    if (!upper && !(i == 2 && lower))
      return Status::invalid("iec62056_21.manufacturer", "3 letters, the first two upper-case");
  }
  if (config.identification.empty() || config.identification.size() > kMaxIdentification)
    return Status::invalid("iec62056_21.identification", "1 to 16 characters");
  for (const char c : config.identification) {
    if (!printable(c) || c == '/' || c == '!' || c == '\\')
      return Status::invalid("iec62056_21.identification", "printable characters except / ! and backslash");
  }
  if (config.device_address.size() > kMaxDeviceAddress)
    return Status::invalid("iec62056_21.device_address", "at most 32 characters");
  for (const char c : config.device_address) {
    if (!is_address_char(c)) return Status::invalid("iec62056_21.device_address", "only 0-9, A-Z, a-z and space");
  }
  if (char_of_baud(config.max_baud) == '\0')
    return Status::invalid("iec62056_21.max_baud", "one of 300, 600, 1200, 2400, 4800, 9600, 19200");
  if (config.reaction_ms < 200 || config.reaction_ms > 1500)
    return Status::invalid("iec62056_21.reaction_ms", "the standard allows 200..1500 ms");
  if (config.inter_character_timeout_ms < 100) return Status::invalid("iec62056_21.inter_character_timeout_ms", "at least 100 ms");
  if (config.programming_timeout_ms < 1000)
    return Status::invalid("iec62056_21.programming_timeout_ms", "at least 1000 ms (the standard: 60..120 s)");
  return Status::ok();
}

Engine::Engine(ReadoutSource& source) : source_(source) { (void)configure(Config{}); }

Status Engine::configure(const Config& config) {
  Status s = validate(config);
  if (!s.is_ok()) return s;
  std::memcpy(manufacturer_.data(), config.manufacturer.data(), 3);
  ident_size_ = config.identification.size();
  std::memcpy(ident_.data(), config.identification.data(), ident_size_);
  address_size_ = config.device_address.size();
  if (address_size_ > 0) std::memcpy(address_.data(), config.device_address.data(), address_size_);
  max_baud_ = config.max_baud;
  mode_e_ = config.mode_e;
  acknowledge_mode_e_ = config.acknowledge_mode_e;
  programming_ = config.programming;
  reaction_ms_ = config.reaction_ms;
  inter_char_ms_ = config.inter_character_timeout_ms;
  programming_timeout_ms_ = config.programming_timeout_ms;
  return Status::ok();
}

std::uint64_t Engine::tx_time_ms(std::size_t bytes) const {
  // 10 bits per character (start, 7 data, parity, stop), rounded up.
  return (static_cast<std::uint64_t>(bytes) * 10 * 1000 + baud_ - 1) / baud_;
}

void Engine::push(const Pending& p) {
  if (queue_size_ < queue_.size()) queue_[queue_size_++] = p;
}

void Engine::queue_send(std::uint64_t due_ms) {
  Pending p;
  p.job = Job::kSendBuffer;
  p.due_ms = due_ms;
  push(p);
}

void Engine::go_idle(std::uint64_t now_ms, bool set_line) {
  state_ = State::kIdle;
  rx_active_ = false;
  rx_after_etx_ = false;
  rx_size_ = 0;
  password_ok_ = false;
  session_deadline_ms_ = kNever;
  if (set_line && baud_ != 300) {
    Pending p;
    p.job = Job::kSetLine;
    p.due_ms = now_ms;
    p.baud = 300;
    p.format = CharFormat::k7E1;
    push(p);
  }
}

void Engine::return_from_hdlc(std::uint64_t now_ms) {
  if (state_ != State::kHdlc) return;
  now_ms_ = now_ms;
  queue_size_ = 0;
  baud_ = 0;  // unknown to the engine's 7E1 view: force the kSetLine
  go_idle(now_ms, true);
}

void Engine::feed(std::span<const std::uint8_t> bytes, std::uint64_t now_ms) {
  now_ms_ = now_ms;
  for (const std::uint8_t b : bytes) handle_byte(b, now_ms);
}

void Engine::poll(std::uint64_t now_ms) {
  now_ms_ = now_ms;
  if (rx_active_ && now_ms - rx_last_ms_ > inter_char_ms_) {
    rx_active_ = false;
    rx_after_etx_ = false;
    rx_size_ = 0;
    ++stats_.timeouts;
  }
  if (queue_size_ == 0 && (state_ == State::kAwaitOption || state_ == State::kProgramming) &&
      now_ms >= session_deadline_ms_) {
    ++stats_.timeouts;
    go_idle(now_ms, true);
  }
}

std::optional<std::uint64_t> Engine::next_deadline() const {
  std::uint64_t t = kNever;
  if (queue_size_ > 0) t = queue_[0].due_ms;
  if (rx_active_) t = std::min<std::uint64_t>(t, rx_last_ms_ + inter_char_ms_ + 1);
  if (queue_size_ == 0 && (state_ == State::kAwaitOption || state_ == State::kProgramming))
    t = std::min(t, session_deadline_ms_);
  if (t == kNever) return std::nullopt;
  return t;
}

void Engine::handle_byte(std::uint8_t raw, std::uint64_t now_ms) {
  if (state_ == State::kHdlc || state_ == State::kReadout) return;
  if (queue_size_ > 0) return;  // half duplex: nothing is heard while an answer is pending
  const std::uint8_t b = raw & 0x7F;  // 7E1: drop a parity bit a raw link may pass through
  if (rx_active_ && now_ms - rx_last_ms_ > inter_char_ms_) {
    rx_active_ = false;
    rx_after_etx_ = false;
    rx_size_ = 0;
    ++stats_.timeouts;
  }
  rx_last_ms_ = now_ms;

  if (state_ == State::kProgramming) {
    if (rx_active_ && rx_after_etx_) {
      rx_[rx_size_++] = b;
      rx_active_ = false;
      rx_after_etx_ = false;
      handle_command(now_ms);
      return;
    }
    if (b == kSoh) {
      rx_active_ = true;
      rx_size_ = 0;
      rx_[rx_size_++] = b;
      return;
    }
    if (!rx_active_) {
      if (b == kNak && last_answer_size_ > 0) {
        std::memcpy(tx_.data(), last_answer_.data(), last_answer_size_);
        tx_size_ = last_answer_size_;
        queue_send(now_ms + reaction_ms_);
      }
      return;
    }
    if (rx_size_ + 1 >= rx_.size()) {  // leave room for the BCC
      rx_active_ = false;
      rx_size_ = 0;
      return;
    }
    rx_[rx_size_++] = b;
    if (b == kEtx) rx_after_etx_ = true;
    return;
  }

  // kIdle / kAwaitOption: line messages ending in CR LF.
  if (b == '/' || (b == kAck && state_ == State::kAwaitOption)) {
    rx_active_ = true;
    rx_size_ = 0;
    rx_[rx_size_++] = b;
    return;
  }
  if (!rx_active_) return;
  if (rx_size_ >= rx_.size()) {
    rx_active_ = false;
    rx_size_ = 0;
    return;
  }
  rx_[rx_size_++] = b;
  if (b == kLf) {
    rx_active_ = false;
    handle_line_message(now_ms);
  }
}

void Engine::handle_line_message(std::uint64_t now_ms) {
  const std::size_t n = rx_size_;
  rx_size_ = 0;
  if (n < 3 || rx_[n - 2] != kCr) return;
  if (rx_[0] == '/') {
    // "/?" address "!" CR LF
    if (n < 5 || rx_[1] != '?' || rx_[n - 3] != '!') return;
    const std::size_t len = n - 5;
    if (len > kMaxDeviceAddress) return;
    const auto* chars = reinterpret_cast<const char*>(rx_.data());
    const std::string_view address(chars + 2, len);
    for (const char c : address) {
      if (!is_address_char(c)) return;
    }
    handle_request(address, now_ms);
    return;
  }
  if (rx_[0] == kAck && n == 6) {
    handle_option_select(static_cast<char>(rx_[1]), static_cast<char>(rx_[2]), static_cast<char>(rx_[3]), now_ms);
  }
}

void Engine::handle_request(std::string_view address, std::uint64_t now_ms) {
  if (!address.empty() && address != std::string_view(address_.data(), address_size_)) {
    ++stats_.ignored_requests;
    go_idle(now_ms, false);
    return;
  }
  ++stats_.requests;
  std::size_t n = 0;
  tx_[n++] = '/';
  for (const char c : manufacturer_) tx_[n++] = static_cast<std::uint8_t>(c);
  tx_[n++] = static_cast<std::uint8_t>(char_of_baud(max_baud_));
  if (mode_e_) {
    tx_[n++] = '\\';
    tx_[n++] = '2';
  }
  for (std::size_t i = 0; i < ident_size_; ++i) tx_[n++] = static_cast<std::uint8_t>(ident_[i]);
  tx_[n++] = kCr;
  tx_[n++] = kLf;
  tx_size_ = n;
  state_ = State::kAwaitOption;
  session_deadline_ms_ = kNever;  // set when the identification leaves
  queue_send(now_ms + reaction_ms_);
}

void Engine::handle_option_select(char v, char z, char y, std::uint64_t now_ms) {
  const std::uint32_t baud = baud_of_char(z);
  if (baud == 0 || baud > max_baud_) {
    go_idle(now_ms, false);
    return;
  }
  Pending set_line;
  set_line.job = Job::kSetLine;
  set_line.due_ms = now_ms;
  set_line.baud = baud;
  set_line.format = CharFormat::k7E1;
  if (v == '2' && y == '2' && mode_e_) {
    ++stats_.mode_e_switches;
    state_ = State::kHdlc;  // from now on the bytes belong to HDLC
    if (acknowledge_mode_e_) {
      const std::uint8_t ack[] = {kAck, '2', static_cast<std::uint8_t>(z), '2', kCr, kLf};
      std::memcpy(tx_.data(), ack, sizeof ack);
      tx_size_ = sizeof ack;
      queue_send(now_ms + reaction_ms_);
    }
    Pending hdlc;
    hdlc.job = Job::kEnterHdlc;
    hdlc.due_ms = now_ms;
    hdlc.baud = baud;
    hdlc.format = CharFormat::k8N1;
    push(hdlc);
    return;
  }
  if (v != '0') {  // secondary protocol or HDLC with another mode: not offered
    go_idle(now_ms, false);
    return;
  }
  if (y == '0') {
    ++stats_.readouts;
    state_ = State::kReadout;
    push(set_line);
    Pending readout;
    readout.job = Job::kReadout;
    readout.due_ms = now_ms + reaction_ms_;
    push(readout);
    readout_index_ = 0;
    readout_bcc_ = 0;
    readout_started_ = false;
    readout_done_ = false;
    Pending back;
    back.job = Job::kToIdle;
    back.due_ms = now_ms;
    push(back);
    return;
  }
  if (y == '1' && programming_) {
    state_ = State::kProgramming;
    password_ok_ = false;
    last_answer_size_ = 0;
    push(set_line);
    char operand[kMaxValue];
    const std::size_t len = source_.password_operand(operand);
    std::size_t clean_len = 0;
    for (std::size_t i = 0; i < len && i < kMaxValue; ++i) {
      if (!printable(operand[i]) || operand[i] == '(' || operand[i] == ')') break;
      clean_len = i + 1;
    }
    // SOH P 0 STX ( operand ) ETX BCC
    char body[kMaxValue + 8];
    std::size_t b = 0;
    body[b++] = 'P';
    body[b++] = '0';
    body[b++] = static_cast<char>(kStx);
    body[b++] = '(';
    for (std::size_t i = 0; i < clean_len; ++i) body[b++] = operand[i];
    body[b++] = ')';
    prepare_framed(kSoh, std::string_view(body, b));
    queue_send(now_ms + reaction_ms_);
    return;
  }
  go_idle(now_ms, false);  // Y reserved or manufacturer specific, or programming disabled
}

void Engine::prepare_framed(std::uint8_t start, std::string_view body) {
  std::size_t n = 0;
  tx_[n++] = start;
  for (const char c : body) tx_[n++] = static_cast<std::uint8_t>(c);
  tx_[n++] = kEtx;
  tx_[n] = bcc(std::span<const std::uint8_t>(tx_.data() + 1, n - 1));
  ++n;
  tx_size_ = n;
  std::memcpy(last_answer_.data(), tx_.data(), n);
  last_answer_size_ = n;
}

void Engine::prepare_error() { prepare_framed(kStx, "(ERROR)"); }

void Engine::handle_command(std::uint64_t now_ms) {
  const std::size_t n = rx_size_;
  rx_size_ = 0;
  Command cmd;
  const Status s = parse_command(std::span<const std::uint8_t>(rx_.data(), n), &cmd);
  if (!s.is_ok()) {
    if (std::strcmp(s.reason(), "BCC mismatch") == 0) {
      ++stats_.bad_bcc;
      tx_[0] = kNak;
      tx_size_ = 1;
      queue_send(now_ms + reaction_ms_);
    }
    return;  // not a command at all: ignored, the session time-out runs on
  }
  session_deadline_ms_ = now_ms + programming_timeout_ms_;
  if (cmd.command == 'B') {
    go_idle(now_ms, true);
    return;
  }
  if (cmd.command == 'P' && (cmd.type == '1' || cmd.type == '2') && cmd.has_data && cmd.address.empty()) {
    if (source_.check_password(cmd.type, cmd.value)) {
      password_ok_ = true;
      tx_[0] = kAck;
      tx_size_ = 1;
      last_answer_[0] = kAck;
      last_answer_size_ = 1;
      queue_send(now_ms + reaction_ms_);
    } else {
      prepare_framed(kSoh, "B0");
      queue_send(now_ms + reaction_ms_);
      state_ = State::kIdle;  // after the break message leaves, back to 300 Bd
      Pending back;
      back.job = Job::kToIdle;
      back.due_ms = now_ms;
      push(back);
    }
    return;
  }
  if (password_ok_ && cmd.command == 'R' && cmd.type == '1' && cmd.has_data && !cmd.address.empty()) {
    char data[kMaxLine];
    std::size_t size = 0;
    if (source_.read_data_set(cmd.address, cmd.value, data, &size) && size <= kMaxLine) {
      bool ok = true;
      for (std::size_t i = 0; i < size; ++i) ok = ok && printable(data[i]) && data[i] != '!';
      if (ok) {
        prepare_framed(kStx, std::string_view(data, size));
        queue_send(now_ms + reaction_ms_);
        return;
      }
    }
    prepare_error();
    queue_send(now_ms + reaction_ms_);
    return;
  }
  if (password_ok_ && cmd.command == 'W' && cmd.type == '1' && cmd.has_data && !cmd.address.empty()) {
    if (source_.write_data_set(cmd.address, cmd.value)) {
      tx_[0] = kAck;
      tx_size_ = 1;
      last_answer_[0] = kAck;
      last_answer_size_ = 1;
    } else {
      prepare_error();
    }
    queue_send(now_ms + reaction_ms_);
    return;
  }
  prepare_error();
  queue_send(now_ms + reaction_ms_);
}

bool Engine::readout_chunk(Output* out) {
  if (readout_done_) return false;
  std::size_t n = 0;
  const bool first = !readout_started_;
  if (first) {
    tx_[n++] = kStx;  // not part of the BCC
    readout_started_ = true;
  }
  char line[kMaxLine];
  bool have_line = false;
  while (readout_index_ < kMaxReadoutLines) {
    std::size_t size = 0;
    if (!source_.readout_line(readout_index_, line, &size)) break;
    ++readout_index_;
    bool ok = size > 0 && size <= kMaxLine;
    for (std::size_t i = 0; ok && i < size; ++i) ok = printable(line[i]) && line[i] != '!';
    if (!ok) {
      ++stats_.skipped_lines;
      continue;
    }
    for (std::size_t i = 0; i < size; ++i) tx_[n++] = static_cast<std::uint8_t>(line[i]);
    tx_[n++] = kCr;
    tx_[n++] = kLf;
    have_line = true;
    break;
  }
  if (!have_line) {
    tx_[n++] = '!';
    tx_[n++] = kCr;
    tx_[n++] = kLf;
    tx_[n++] = kEtx;
    readout_done_ = true;
  }
  const std::size_t from = first ? 1 : 0;
  readout_bcc_ = bcc(std::span<const std::uint8_t>(tx_.data() + from, n - from), readout_bcc_);
  if (readout_done_) tx_[n++] = readout_bcc_;
  out->kind = OutputKind::kSend;
  out->bytes = std::span<const std::uint8_t>(tx_.data(), n);
  return true;
}

bool Engine::next_output(Output* out) {
  while (queue_size_ > 0) {
    const Pending head = queue_[0];
    if (head.due_ms > now_ms_) return false;
    bool produced = false;
    bool pop = true;
    switch (head.job) {
      case Job::kSendBuffer:
        out->kind = OutputKind::kSend;
        out->bytes = std::span<const std::uint8_t>(tx_.data(), tx_size_);
        produced = true;
        if (state_ == State::kAwaitOption || state_ == State::kProgramming) {
          // The peer answers within the time-out once these bytes have left.
          session_deadline_ms_ = now_ms_ + tx_time_ms(tx_size_) +
                                 (state_ == State::kProgramming ? programming_timeout_ms_ : inter_char_ms_);
        }
        break;
      case Job::kReadout:
        produced = readout_chunk(out);
        pop = !produced;
        break;
      case Job::kSetLine:
        out->kind = OutputKind::kSetLine;
        out->baud = head.baud;
        out->format = head.format;
        out->bytes = {};
        baud_ = head.baud;
        produced = true;
        break;
      case Job::kEnterHdlc:
        out->kind = OutputKind::kEnterHdlc;
        out->baud = head.baud;
        out->format = CharFormat::k8N1;
        out->bytes = {};
        baud_ = head.baud;
        produced = true;
        break;
      case Job::kToIdle:
        break;
      case Job::kNone:
        break;
    }
    if (pop) {
      for (std::size_t i = 1; i < queue_size_; ++i) queue_[i - 1] = queue_[i];
      --queue_size_;
      if (head.job == Job::kToIdle) go_idle(now_ms_, true);
    }
    if (produced) return true;
  }
  return false;
}

}  // namespace quadra::iec62056_21
