#pragma once
#include <string>
#include <vector>

#include "linter/fix.h"
#include "migrations/migration_set.h"

namespace migcheck {

// Adds to `fix` a new migration file that runs `up` (SQL statements without
// the semicolons) in a later transaction, right after the upgrade the fix
// edits, and `down` in its down migration where the layout has one; named
// and shaped as the set's layout wants: golang-migrate a .up.sql and a
// .down.sql with the next version, goose and dbmate one file with both
// sections, Flyway V<next>__, plain SQL the next number; Alembic a revision
// whose down_revision is the fixed one, only when that one is a head
// (re-pointing its children would rewrite revisions the fix is not about).
// The version is the highest of the set plus one, in the width the fixed
// file writes its own; the file name depends only on the fixed migration, so
// two follow-ups of one migration wait one run for each other. False when
// the layout has no place for one (pop, Prisma, a file with no version).
bool add_follow_up_migration(const MigrationSet& set, Fix& fix, const std::vector<std::string>& up,
                             const std::vector<std::string>& down);

}  // namespace migcheck
