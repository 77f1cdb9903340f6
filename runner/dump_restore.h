#pragma once
#include <string>

#include <pqxx/connection_base>

#include "migrations/migration_set.h"
#include "runner/cluster.h"

namespace migcheck {

// Restores the pg_dump file `file` (--seed-from) into the round trip's
// database: a plain SQL dump through psql (stopping at its first error), a
// custom, directory or tar archive through pg_restore (without owners and
// privileges, which name roles the throwaway server lacks). The clients come
// from `pg_bin`'s directory; they connect to `endpoint` only. InputError for
// a file that is missing or that does not restore.
void restore_dump(const std::string& file, const std::string& pg_bin,
                  const DatabaseEndpoint& endpoint);

// The revision of `set` the restored database is at, read from the migration
// tool's own table: Alembic's alembic_version, golang-migrate's and dbmate's
// schema_migrations, Flyway's flyway_schema_history, goose's goose_db_version.
// InputError (naming `file`) when there is no such table or its revision is
// not one of the project's.
std::string dump_revision(pqxx::connection_base& connection, const MigrationSet& set,
                          const std::string& file);

}  // namespace migcheck
