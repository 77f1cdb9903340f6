#include "migrations/migration_set.h"

#include <utility>

namespace migcheck {

std::string_view to_string(MigrationFormat format) {
  switch (format) {
    case MigrationFormat::alembic: return "alembic";
    case MigrationFormat::golang_migrate: return "golang-migrate";
    case MigrationFormat::flyway: return "flyway";
    case MigrationFormat::goose: return "goose";
    case MigrationFormat::dbmate: return "dbmate";
    case MigrationFormat::pop: return "pop";
    case MigrationFormat::prisma: return "prisma";
    case MigrationFormat::sql: return "sql";
  }
  return "sql";
}

void Revision::note_conditional(Finding& finding) const {
  const Location& at = finding.location;
  for (const ConditionalSql& sql : conditional) {
    const Location& span = sql.where;
    bool inside = at.file == span.file &&
                  std::pair(at.line, at.column) >= std::pair(span.line, span.column) &&
                  std::pair(at.line, at.column) <= std::pair(span.end_line, span.end_column);
    if (inside) {
      finding.message += " (" + sql.why + ")";
      return;
    }
  }
}

const Revision* MigrationSet::find(const std::string& id) const {
  for (const Revision& revision : revisions) {
    if (revision.id == id) return &revision;
  }
  return nullptr;
}

}  // namespace migcheck
