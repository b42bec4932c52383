// The store's meta table as the meter's services see it: small named values that carry settings
// over a restart (the DLMS security material, the push setups and their queues, the ports'
// settings). get returns the value of a key, if any; set writes at once and may throw (the callers
// catch it and log it: a setting that could not be stored lives until the meter stops).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace quadra::host {

struct MetaStore {
  std::function<std::optional<std::string>(const std::string& key)> get;
  std::function<void(const std::string& key, const std::string& value)> set;
};

// Upper-case hex of `bytes`, and back (false for odd sizes and non-hex characters).
std::string to_hex(std::span<const std::uint8_t> bytes);
bool from_hex(const std::string& text, std::vector<std::uint8_t>* out);

// set, with a failure logged naming `what` (the object it belongs to) instead of thrown.
void store_meta(const MetaStore& store, const std::string& what, const std::string& key, const std::string& value);

}  // namespace quadra::host
