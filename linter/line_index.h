#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace migcheck {

// Maps byte offsets of a text to 1-based line and character column. Lines end
// at "\n", "\r\n" or a lone "\r"; columns count UTF-8 code points, so a tab or
// a multi-byte character is one column. A leading byte-order mark is not a
// column. The text must outlive the index.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  struct Position {
    int line;
    int column;
  };
  Position position(size_t offset) const;
  // The text of a 1-based line without its line ending.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(starts_.size()); }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

}  // namespace migcheck
