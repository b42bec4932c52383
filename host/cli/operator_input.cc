#include "host/cli/operator_input.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <thread>

namespace quadra::host {

std::optional<OperatorCommand> parse_operator_command(const std::string& raw, std::string* error, std::uint64_t* count) {
  std::string line = raw;
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  if (line == "button") return OperatorCommand::kServiceButton;
  if (line == "input1 on") return OperatorCommand::kInput1On;
  if (line == "input1 off") return OperatorCommand::kInput1Off;
  if (line == "input2") return OperatorCommand::kInput2Pulse;
  if (line == "sync") return OperatorCommand::kSyncPulse;
  if (line == "cover open") return OperatorCommand::kCoverOpen;
  if (line == "cover close") return OperatorCommand::kCoverClose;
  if (line == "case open") return OperatorCommand::kCaseOpen;
  if (line == "case close") return OperatorCommand::kCaseClose;
  if (line == "magnet on") return OperatorCommand::kMagnetOn;
  if (line == "magnet off") return OperatorCommand::kMagnetOff;
  if (line == "modem remove") return OperatorCommand::kModemRemove;
  if (line == "modem insert") return OperatorCommand::kModemInsert;
  if (line == "quit") return OperatorCommand::kQuit;
  if (line.rfind("pulse ", 0) == 0) {
    const std::string n = line.substr(6);
    char* end = nullptr;
    const unsigned long long v = std::strtoull(n.c_str(), &end, 10);
    if (!n.empty() && n.find_first_not_of("0123456789") == std::string::npos && *end == '\0' && v >= 1 &&
        v <= 1000000000ULL) {
      if (count != nullptr) *count = v;
      return OperatorCommand::kPulses;
    }
    if (error != nullptr) *error = "\"" + line + "\": pulse takes a count of 1..1000000000 (\"pulse 25\")";
    return std::nullopt;
  }
  if (error != nullptr) {
    *error = "\"" + line + "\" is not a command (button, input1 on|off, input2, sync, cover open|close, case open|close, "
             "magnet on|off, modem remove|insert, pulse N, quit)";
  }
  return std::nullopt;
}

void OperatorInput::start() {
  std::thread([this] {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (line.empty()) continue;
      std::string error;
      std::uint64_t count = 0;
      const auto cmd = parse_operator_command(line, &error, &count);
      if (!cmd) {
        spdlog::warn("input: {}", error);
        continue;
      }
      const std::lock_guard<std::mutex> lock(mutex_);
      queue_.emplace_back(*cmd, count);
    }
  }).detach();
}

std::optional<OperatorCommand> OperatorInput::poll(std::uint64_t* count) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (queue_.empty()) return std::nullopt;
  const auto [c, n] = queue_.front();
  queue_.pop_front();
  if (count != nullptr) *count = n;
  return c;
}

}  // namespace quadra::host
