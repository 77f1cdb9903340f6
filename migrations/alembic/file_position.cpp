#include "migrations/alembic/file_position.h"

#include "linter/input_error.h"

namespace migcheck {

Location location_in(const SourceFile& file, size_t begin, size_t end) {
  auto start = file.lines().position(begin);
  auto stop = file.lines().position(end);
  return {file.path(), start.line, start.column, stop.line, stop.column};
}

namespace {
[[noreturn]] void throw_at(const std::string& path, LineIndex::Position p,
                           const std::string& what) {
  throw InputError(path + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                   what);
}
}  // namespace

void throw_input_error(const SourceFile& file, size_t offset, const std::string& what) {
  throw_at(file.path(), file.lines().position(offset), what);
}

void throw_input_error(const std::string& path, std::string_view text, size_t offset,
                       const std::string& what) {
  throw_at(path, LineIndex(text).position(offset), what);
}

}  // namespace migcheck
