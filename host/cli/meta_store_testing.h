// A store's meta table in memory, for tests: it outlives the services a test builds and destroys,
// as the store outlives a meter's restart.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "host/cli/meta_store.h"

namespace quadra::host::testing {

struct FakeMeta {
  std::map<std::string, std::string> values;
  MetaStore store() {
    return {[this](const std::string& k) -> std::optional<std::string> {
              const auto it = values.find(k);
              return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
            },
            [this](const std::string& k, const std::string& v) { values[k] = v; }};
  }
};

}  // namespace quadra::host::testing
