#pragma once
#include "linter/finding.h"
#include "migrations/migration_set.h"

namespace migcheck {

// The unsafe fix of adding-foreign-key and adding-check-constraint on an
// `ALTER TABLE t ADD CONSTRAINT name ...` written in SQL (a .sql file or an
// op.execute literal): NOT VALID after the constraint, so only new writes
// are checked, and `ALTER TABLE t VALIDATE CONSTRAINT name` in a new
// migration after this one (fix/follow_up_migration.h), which checks the
// existing rows without blocking writes. Nothing for an unnamed constraint
// (VALIDATE needs the name) or one written with its column (a column
// constraint cannot be NOT VALID).
void add_not_valid_fix(const MigrationSet& set, Finding& finding);

}  // namespace migcheck
