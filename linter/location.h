#pragma once
#include <string>

namespace migcheck {

// A range in the file the user edits: 1-based lines and columns, columns
// counted in characters (Unicode code points), end inclusive of the last
// character's column + 1 (an exclusive end, like most editors report).
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;

  friend bool operator==(const Location&, const Location&) = default;
  friend auto operator<=>(const Location&, const Location&) = default;
};

}  // namespace migcheck
