#include "host/cli/operator_input.h"

#include <spdlog/spdlog.h>

#include <iostream>
#include <thread>

namespace quadra::host {

std::optional<OperatorCommand> parse_operator_command(const std::string& raw, std::string* error) {
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
  if (error != nullptr) {
    *error = "\"" + line + "\" is not a command (button, input1 on|off, input2, sync, cover open|close, case open|close, "
             "magnet on|off, modem remove|insert, quit)";
  }
  return std::nullopt;
}

void OperatorInput::start() {
  std::thread([this] {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (line.empty()) continue;
      std::string error;
      const auto cmd = parse_operator_command(line, &error);
      if (!cmd) {
        spdlog::warn("input: {}", error);
        continue;
      }
      const std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(*cmd);
    }
  }).detach();
}

std::optional<OperatorCommand> OperatorInput::poll() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (queue_.empty()) return std::nullopt;
  const OperatorCommand c = queue_.front();
  queue_.pop_front();
  return c;
}

}  // namespace quadra::host
