#include "linter/source_map.h"

#include <algorithm>

namespace migcheck {

SourceMap SourceMap::identity(std::shared_ptr<const SourceFile> file) {
  SourceMap map(file);
  size_t size = file->text().size();
  map.add({0, size, 0, size, true});
  return map;
}

const SourceMap::Segment* SourceMap::segment_for(size_t sql_offset) const {
  if (segments_.empty()) return nullptr;
  auto it = std::upper_bound(segments_.begin(), segments_.end(), sql_offset,
                             [](size_t offset, const Segment& s) { return offset < s.sql_begin; });
  if (it == segments_.begin()) return &segments_.front();
  return &*(it - 1);
}

size_t SourceMap::file_offset(size_t sql_offset) const {
  const Segment* s = segment_for(sql_offset);
  if (!s) return 0;
  if (!s->exact) return s->file_begin;
  size_t within = std::min(sql_offset, s->sql_end) - std::min(sql_offset, s->sql_begin);
  return std::min(s->file_begin + within, s->file_end);
}

std::optional<std::pair<size_t, size_t>> SourceMap::exact_file_range(size_t sql_begin,
                                                                     size_t sql_end) const {
  for (const Segment& s : segments_) {
    if (!s.exact || sql_begin < s.sql_begin || sql_end > s.sql_end || sql_begin > sql_end) {
      continue;
    }
    return std::pair{s.file_begin + (sql_begin - s.sql_begin),
                     s.file_begin + (sql_end - s.sql_begin)};
  }
  return std::nullopt;
}

Location SourceMap::locate(size_t sql_begin, size_t sql_end) const {
  Location location;
  if (!file_) return location;
  location.file = file_->path();
  const Segment* first = segment_for(sql_begin);
  const Segment* last = segment_for(sql_end > sql_begin ? sql_end - 1 : sql_begin);
  size_t begin = file_offset(sql_begin);
  size_t end = sql_end > sql_begin ? file_offset(sql_end - 1) + 1 : begin;
  if (first && !first->exact) begin = first->file_begin;
  if (last && !last->exact) end = last->file_end;
  end = std::max(end, begin);
  auto start_pos = file_->lines().position(begin);
  auto end_pos = file_->lines().position(end);
  location.line = start_pos.line;
  location.column = start_pos.column;
  location.end_line = end_pos.line;
  location.end_column = end_pos.column;
  return location;
}

}  // namespace migcheck
