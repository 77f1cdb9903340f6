#pragma once
#include "linter/finding.h"
#include "migrations/migration_set.h"

namespace migcheck {

// The unsafe fix of setting-not-null on `ALTER TABLE t ALTER [COLUMN] c SET
// NOT NULL` written in SQL (a .sql file or an op.execute literal): the
// command becomes `ADD CONSTRAINT t_c_not_null CHECK (c IS NOT NULL) NOT
// VALID` (instant), and a new migration after this one
// (fix/follow_up_migration.h) validates the check without blocking writes,
// sets NOT NULL (PostgreSQL 12+ skips the scan given the validated check) and
// drops the check. The fixed migration's down, which undid NOT NULL, drops
// the check instead; nothing when that down is not a plain `ALTER TABLE t
// ALTER [COLUMN] c DROP NOT NULL` or the target `pg_version` is below 12.
void add_set_not_null_fix(const MigrationSet& set, Finding& finding, int pg_version);

}  // namespace migcheck
