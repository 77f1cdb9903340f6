#include "migrations/migration_set.h"

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

const Revision* MigrationSet::find(const std::string& id) const {
  for (const Revision& revision : revisions) {
    if (revision.id == id) return &revision;
  }
  return nullptr;
}

}  // namespace migcheck
