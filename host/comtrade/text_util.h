// Small text helpers shared by the COMTRADE parsers (internal to host/comtrade).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quadra::comtrade::text {

// Removes spaces, tabs and (at the end) carriage returns around a field.
std::string_view trim(std::string_view s);

// Splits at every comma; fields are trimmed. "" gives one empty field.
std::vector<std::string_view> split_fields(std::string_view line);

// Drops empty fields at the end while there are more than `keep` fields (tolerates trailing
// commas).
void drop_trailing_empty(std::vector<std::string_view>& fields, std::size_t keep);

// A decimal number ("1.250000e+003", "+5", ".5"); surrounding spaces allowed. Empty, trailing
// characters, inf and nan are refused.
std::optional<double> parse_number(std::string_view s);

// A decimal integer with optional sign; surrounding spaces allowed.
std::optional<std::int64_t> parse_integer(std::string_view s);

// ASCII upper case copy.
std::string upper(std::string_view s);

// Case-insensitive ASCII comparison.
bool iequals(std::string_view a, std::string_view b);

// Quotes a field for messages: at most 40 bytes, shown through display_text(), in double quotes.
std::string quote(std::string_view s);

// A text cut into lines: '\n' ends a line, a '\r' before it is dropped. Keeps the 1-based number
// of each line in its file.
class Lines {
 public:
  Lines(std::string_view text, std::size_t first_line);
  bool done() const { return pos_ >= text_.size(); }
  // The next line; call only when !done().
  std::string_view next();
  // The number of the line last returned by next() (or of the one before the first).
  std::size_t line() const { return line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_;
};

}  // namespace quadra::comtrade::text
