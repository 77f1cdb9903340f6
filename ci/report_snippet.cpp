#include "ci/report_snippet.h"

#include <algorithm>
#include <vector>

namespace migcheck {

namespace {

constexpr std::string_view kEllipsis = "...";

// One code point of the line as displayed.
struct Cell {
  std::string text;
  size_t width;
};

bool is_continuation_byte(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// Decodes the code point of `bytes` (a lead byte and its continuation bytes);
// -1 when malformed.
long decode(std::string_view bytes) {
  unsigned char lead = static_cast<unsigned char>(bytes[0]);
  size_t expected = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xE  ? 3
                    : (lead >> 3) == 0x1E ? 4
                                          : 0;
  if (expected != bytes.size()) return -1;
  if (expected == 1) return lead;
  long value = lead & (0x7F >> expected);
  for (size_t i = 1; i < bytes.size(); ++i) value = (value << 6) | (bytes[i] & 0x3F);
  return value;
}

struct Range {
  long first;
  long last;
};

// Combining marks, zero-width spaces and joiners, variation selectors.
constexpr Range kZeroWidth[] = {{0x0300, 0x036F}, {0x1AB0, 0x1AFF},  {0x1DC0, 0x1DFF},
                                {0x200B, 0x200F}, {0x20D0, 0x20FF},  {0xFE00, 0xFE0F},
                                {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF}};
// East Asian wide and fullwidth characters and emoji, which terminals draw in
// two cells.
constexpr Range kWide[] = {
    {0x1100, 0x115F}, {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},  {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF}, {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F},  {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};

bool in(const auto& ranges, long code_point) {
  return std::any_of(std::begin(ranges), std::end(ranges),
                     [&](const Range& r) { return code_point >= r.first && code_point <= r.last; });
}

// Splits a line into cells exactly as LineIndex counts columns: a cell starts
// at every byte that is not a UTF-8 continuation byte.
std::vector<Cell> to_cells(std::string_view line) {
  std::vector<Cell> cells;
  size_t x = 0;
  for (size_t i = 0; i < line.size();) {
    size_t end = i + 1;
    while (end < line.size() && is_continuation_byte(static_cast<unsigned char>(line[end]))) {
      ++end;
    }
    std::string_view bytes = line.substr(i, end - i);
    long code_point = decode(bytes);
    Cell cell;
    if (code_point == '\t') {
      cell = {std::string(kTabWidth - x % kTabWidth, ' '), kTabWidth - x % kTabWidth};
    } else if (code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0)) {
      cell = {"?", 1};  // control characters (and malformed bytes) must not reach a terminal
    } else if (in(kZeroWidth, code_point)) {
      cell = {std::string(bytes), 0};
    } else {
      cell = {std::string(bytes), in(kWide, code_point) ? 2u : 1u};
    }
    x += cell.width;
    cells.push_back(std::move(cell));
    i = end;
  }
  return cells;
}

}  // namespace

Snippet make_snippet(std::string_view line, int column, int end_column, size_t max_width) {
  std::vector<Cell> cells = to_cells(line);
  size_t first = static_cast<size_t>(std::max(column, 1) - 1);
  size_t end = end_column == 0 ? std::max(cells.size(), first + 1)
                               : static_cast<size_t>(std::max(end_column - 1, 0));
  if (end <= first) end = first + 1;

  // The window of cells to show: all of them when they fit, otherwise a stretch
  // that starts a third of the width before the range.
  size_t begin = 0;
  size_t stop = cells.size();
  size_t total = 0;
  for (const Cell& cell : cells) total += cell.width;
  if (total > max_width) {
    size_t budget = max_width > 2 * kEllipsis.size() ? max_width - 2 * kEllipsis.size() : 1;
    size_t lead = 0;
    begin = std::min(first, cells.size());
    while (begin > 0 && lead + cells[begin - 1].width <= budget / 3) lead += cells[--begin].width;
    size_t width = 0;
    stop = begin;
    while (stop < cells.size() && width + cells[stop].width <= budget) width += cells[stop++].width;
  }

  Snippet snippet;
  if (begin > 0) {
    snippet.code += kEllipsis;
    snippet.underline += std::string(kEllipsis.size(), ' ');
  }
  bool caret_placed = false;
  for (size_t i = begin; i < stop; ++i) {
    const Cell& cell = cells[i];
    snippet.code += cell.text;
    if (i < first) {
      snippet.underline += std::string(cell.width, ' ');
    } else if (i < end && cell.width > 0) {
      snippet.underline += caret_placed ? '~' : '^';
      snippet.underline += std::string(cell.width - 1, '~');
      caret_placed = true;
    }
  }
  if (stop < cells.size()) snippet.code += kEllipsis;
  // A range that starts at or past the end of the shown text points just after it.
  if (!caret_placed) snippet.underline += '^';
  return snippet;
}

}  // namespace migcheck
