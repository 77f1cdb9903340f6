#pragma once
#include <vector>

#include "linter/finding.h"
#include "migrations/migration_set.h"

namespace migcheck {

// Turns the fixes rules attached to `findings` (linted from `set`) into
// complete ones: a fix whose statement must run outside a transaction gets
// what the set's layout needs for that (or is dropped when the layout cannot
// do it), findings on Alembic op calls get fixes that rewrite the call, and
// constraints added in one go get NOT VALID plus a migration that validates
// them, SET NOT NULL the validated-check recipe when the target `pg_version`
// (the lint options') is 12 or later.
// The entry point for every consumer of fixes (`migcheck fix`, `migcheck lsp`):
// call it on the findings of a project lint, before filtering them.
void complete_fixes(const MigrationSet& set, std::vector<Finding>& findings, int pg_version);

}  // namespace migcheck
