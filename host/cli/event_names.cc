#include "host/cli/event_names.h"

#include <fmt/format.h>

#include <array>

#include "core/quality/event_codes.h"

namespace quadra::host {
namespace {

constexpr std::array<const char*, 7> kCliNames{"standard",      "fraud",         "limits",       "power-quality",
                                               "power-failure", "communication", "configuration"};

std::string idis_name(std::uint16_t c) {
  if (c >= 76 && c <= 78) return fmt::format("sag L{} start", c - 75);
  if (c >= 79 && c <= 81) return fmt::format("swell L{} start", c - 78);
  if (c >= 82 && c <= 84) return fmt::format("missing voltage L{}", c - 81);
  if (c >= 85 && c <= 87) return fmt::format("voltage L{} normal", c - 84);
  if (c >= 70 && c <= 72) return fmt::format("Imax exceeded L{}", c - 69);
  if (c >= 73 && c <= 75) return fmt::format("Imax normal L{}", c - 72);
  switch (c) {
    case 1: return "power down";
    case 2: return "power up";
    case 3: return "daylight saving time change";
    case 4: return "clock adjusted (old time)";
    case 5: return "clock adjusted (new time)";
    case 6: return "clock invalid";
    case 9: return "passive calendar activated";
    case 10: return "error register cleared";
    case 11: return "alarm register cleared";
    case 12: return "program memory error";
    case 13: return "RAM error";
    case 14: return "non-volatile memory error";
    case 15: return "watchdog error";
    case 16: return "measurement system error";
    case 17: return "firmware ready for activation";
    case 18: return "firmware activated";
    case 19: return "passive calendar programmed";
    case 40: return "terminal cover opened";
    case 41: return "terminal cover closed";
    case 42: return "strong magnetic field detected";
    case 43: return "strong magnetic field gone";
    case 44: return "meter case opened";
    case 45: return "meter case closed";
    case 46: return "authentication failure";
    case 47: return "parameters changed";
    case 48: return "keys changed";
    case 49: return "decryption or authentication failure";
    case 50: return "replay attack";
    case 59: return "disconnector ready for manual reconnection";
    case 60: return "manual disconnection";
    case 61: return "manual connection";
    case 62: return "remote disconnection";
    case 63: return "remote connection";
    case 64: return "local disconnection";
    case 69: return "local reconnection";
    case 65: return "Pmax exceeded";
    case 66: return "Pmax back to normal";
    case 67: return "Pmax threshold changed";
    case 88: return "phase sequence reversal";
    case 89: return "missing neutral";
    case 230: return "event log deleted";
    case 231: return "billing period closed";
    case 232: return "clock synchronised by input";
    case 245: return "push delivery failed";
    case 246: return "push notification dropped";
    case 247: return "communication module removed";
    case 248: return "communication module inserted";
    case 229: return "auto connect failed";
    case 244: return "relay 2 closed";
    case 249: return "relay 2 opened";
    case 254: return "load profile cleared";
    case 255: return "this log cleared";
    default: break;
  }
  for (const quality::ManufacturerCode& m : quality::kManufacturerCodes) {
    if (m.code == c) return m.name;
  }
  return fmt::format("event {}", c);
}

}  // namespace

std::string event_name(recording::LogGroup log, std::uint16_t code) {
  if (log == recording::LogGroup::kPowerFailure) return "long power outage";
  return idis_name(code);
}

bool log_group_by_name(const std::string& name, recording::LogGroup& out) {
  for (std::size_t k = 0; k < kCliNames.size(); ++k) {
    if (name == kCliNames[k]) {
      out = static_cast<recording::LogGroup>(k);
      return true;
    }
  }
  return false;
}

const char* log_group_cli_name(recording::LogGroup log) { return kCliNames[static_cast<std::size_t>(log)]; }

}  // namespace quadra::host
