#include "linter/line_index.h"

#include <algorithm>

namespace migcheck {

namespace {
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_continuation_byte(unsigned char c) {
  return (c & 0xC0) == 0x80;
}
}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      starts_.push_back(i + 1);
    }
  }
}

LineIndex::Position LineIndex::position(size_t offset) const {
  offset = std::min(offset, text_.size());
  // The first line starts after a byte-order mark, so an offset inside the
  // mark has no start at or before it: it belongs to line 1 all the same.
  auto it = std::upper_bound(starts_.begin() + 1, starts_.end(), offset);
  size_t line = static_cast<size_t>(it - starts_.begin());  // 1-based
  size_t start = starts_[line - 1];
  if (offset < start) offset = start;  // inside a byte-order mark
  int column = 1;
  for (size_t i = start; i < offset; ++i) {
    if (!is_continuation_byte(static_cast<unsigned char>(text_[i]))) ++column;
  }
  return {static_cast<int>(line), column};
}

std::string_view LineIndex::line_text(int line) const {
  if (line < 1 || line > line_count()) return {};
  size_t start = starts_[line - 1];
  size_t end = line < line_count() ? starts_[line] : text_.size();
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return text_.substr(start, end - start);
}

}  // namespace migcheck
