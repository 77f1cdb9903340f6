#pragma once
#include "linter/finding.h"
#include "migrations/migration_set.h"

namespace migcheck {

// Fixes for a finding in an Alembic revision file whose SQL migcheck
// generated from an op call (the rules' SQL edits cannot map into Python):
// op.create_index / op.drop_index get postgresql_concurrently=True, inside
// `with op.get_context().autocommit_block():` unless already in one; a timeout
// finding gets op.execute("SET ...") as the first statement of its function;
// op.create_foreign_key and op.create_check_constraint get
// postgresql_not_valid=True and a VALIDATE CONSTRAINT to follow (see
// fix/follow_up_migration.h); a type rule's finding on a column the call
// declares gets the SQLAlchemy type rewritten (fix/alembic_type_fixes.h).
void add_alembic_fixes(const MigrationSet& set, Finding& finding);

// For a fix of SQL in an op.execute literal that must run outside a
// transaction: wraps the call in an autocommit block, the literal's edits
// folded in. False when the call is not a statement of its own line.
bool wrap_alembic_call_in_autocommit_block(const MigrationSet& set, Fix& fix);

}  // namespace migcheck
