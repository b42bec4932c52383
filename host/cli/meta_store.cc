#include "host/cli/meta_store.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace quadra::host {

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

bool from_hex(const std::string& text, std::vector<std::uint8_t>* out) {
  if (text.size() % 2 != 0) return false;
  out->clear();
  for (std::size_t k = 0; k < text.size(); k += 2) {
    unsigned v = 0;
    for (std::size_t j = k; j < k + 2; ++j) {
      const char c = text[j];
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                           : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<unsigned>(d);
    }
    out->push_back(static_cast<std::uint8_t>(v));
  }
  return true;
}

void store_meta(const MetaStore& store, const std::string& what, const std::string& key, const std::string& value) {
  if (!store.set) return;  // no store: the change lives until the meter stops
  try {
    store.set(key, value);
  } catch (const std::exception& e) {
    spdlog::error("{}: could not store {}: {}", what, key, e.what());
  }
}

}  // namespace quadra::host
