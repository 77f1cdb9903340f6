#include "migrations/alembic/file_position.h"

#include "linter/input_error.h"

namespace migcheck {

Location location_in(const SourceFile& file, size_t begin, size_t end) {
  auto start = file.lines().position(begin);
  auto stop = file.lines().position(end);
  return {file.path(), start.line, start.column, stop.line, stop.column};
}

void throw_input_error(const SourceFile& file, size_t offset, const std::string& what) {
  auto p = file.lines().position(offset);
  throw InputError(file.path() + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                   ": " + what);
}

}  // namespace migcheck
