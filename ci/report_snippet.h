#pragma once
// Quoting a source line with a range of it underlined, for the text reporter.
#include <cstddef>
#include <string>
#include <string_view>

namespace migcheck {

// Tabs expand to the next multiple of this many cells, in the quoted line and
// in the underline alike, so the two stay aligned.
inline constexpr int kTabWidth = 4;

struct Snippet {
  std::string code;       // the line as displayed: tabs expanded, controls as '?'
  std::string underline;  // "^~~~" below the range, spaces before it
};

// Quotes `line` (UTF-8, no line ending) and underlines the 1-based columns
// [column, end_column) — columns count code points, as Location does. An
// end_column of 0 underlines to the end of the line (a range that continues on
// later lines); an empty or inverted range underlines one column. Lines wider
// than `max_width` display cells are cut to a window around the range.
Snippet make_snippet(std::string_view line, int column, int end_column, size_t max_width);

}  // namespace migcheck
