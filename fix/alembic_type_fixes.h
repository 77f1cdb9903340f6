#pragma once
#include <optional>

#include "linter/finding.h"
#include "migrations/migration_set.h"

namespace migcheck {

// The unsafe fix of a type rule's finding (prefer-timestamptz, prefer-jsonb,
// banning-char, prefer-bigint, prefer-identity) on a column an op call
// declares (sa.Column("at", sa.DateTime()) in op.create_table or
// op.add_column, type_= of op.alter_column): the SQLAlchemy type rewritten
// (DateTime(timezone=True), postgresql.JSONB, sa.Text(), BigInteger) or
// sa.Identity() added, with the import the new name needs. Nothing for
// another rule, or when the column is not written in the call itself.
std::optional<Fix> alembic_type_fix(const MigrationSet& set, const Finding& finding);

}  // namespace migcheck
