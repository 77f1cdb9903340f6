#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "linter/location.h"
#include "linter/source_file.h"

namespace migcheck {

// Maps byte ranges of generated or extracted SQL back to the file the user
// edits. A plain .sql file maps one to one; SQL translated from an Alembic
// op call maps every byte to the call; SQL inside a Python string literal maps
// byte for byte into the literal.
class SourceMap {
 public:
  struct Segment {
    size_t sql_begin;
    size_t sql_end;
    size_t file_begin;
    size_t file_end;
    // Exact segments map byte for byte; others map all their bytes to the
    // whole file range.
    bool exact;
  };

  SourceMap() = default;
  explicit SourceMap(std::shared_ptr<const SourceFile> file) : file_(std::move(file)) {}
  // The whole SQL text is the file's text.
  static SourceMap identity(std::shared_ptr<const SourceFile> file);

  // Segments must be added in increasing, non-overlapping sql order.
  void add(Segment segment) { segments_.push_back(segment); }

  Location locate(size_t sql_begin, size_t sql_end) const;
  // The file offset of one SQL byte (the start of its segment when inexact).
  size_t file_offset(size_t sql_offset) const;

  // The file range of SQL bytes [sql_begin, sql_end) when one exact segment
  // holds them all (an empty range at a segment's end belongs to it).
  std::optional<std::pair<size_t, size_t>> exact_file_range(size_t sql_begin, size_t sql_end) const;

  const std::shared_ptr<const SourceFile>& file() const { return file_; }
  const std::vector<Segment>& segments() const { return segments_; }

 private:
  const Segment* segment_for(size_t sql_offset) const;

  std::shared_ptr<const SourceFile> file_;
  std::vector<Segment> segments_;
};

// SQL plus the map from each byte back to a Location, and whether the
// migration tool runs it inside a transaction.
struct SqlUnit {
  std::string sql;
  SourceMap map;
  bool transactional = true;
};

}  // namespace migcheck
