#pragma once
#include "linter/fix.h"
#include "migrations/migration_set.h"

namespace migcheck {

// The unit of `set` that holds the first edit of `fix`, or nullptr.
const SqlUnit* unit_of_fix(const MigrationSet& set, const Fix& fix);

// Adds to `fix` what the layout of `set` needs so the unit its edits are in
// runs outside a transaction block: nothing when it already does, goose's
// NO TRANSACTION annotation, dbmate's transaction:false option, a Flyway
// script configuration. Returns false when the layout cannot (golang-migrate
// runs a file of several statements as one transaction).
bool run_outside_transaction(const MigrationSet& set, Fix& fix);

}  // namespace migcheck
