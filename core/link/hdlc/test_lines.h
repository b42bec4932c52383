// Test support: the lines of a data file under the repository (tests/data/...), '#' comment lines
// and empty lines left out. With <cstdio>, as the core's other test helpers, not iostreams.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace quadra::hdlc::test {

#ifdef QUADRA_SOURCE_DIR  // defined for the test binaries only
inline std::vector<std::string> data_lines(const std::string& relative) {
  std::vector<std::string> lines;
  std::FILE* f = std::fopen((std::string(QUADRA_SOURCE_DIR) + "/" + relative).c_str(), "r");
  if (f == nullptr) return lines;
  std::string line;
  for (int c = std::fgetc(f);; c = std::fgetc(f)) {
    if (c == '\n' || c == EOF) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty() && line[0] != '#') lines.push_back(line);
      line.clear();
      if (c == EOF) break;
    } else {
      line += static_cast<char>(c);
    }
  }
  std::fclose(f);
  return lines;
}
#endif

}  // namespace quadra::hdlc::test
