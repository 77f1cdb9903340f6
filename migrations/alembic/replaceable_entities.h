#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "migrations/alembic/python_expr.h"

namespace migcheck {

// alembic_utils, a widely used Alembic extension, adds op.create_entity,
// op.drop_entity and op.replace_entity for the objects autogenerate cannot
// diff: PGExtension, PGFunction, PGView, PGMaterializedView, PGTrigger and
// PGPolicy, constructed in the revision with their SQL as strings.
bool is_entity_op(std::string_view method);

// The statements alembic_utils executes for `op.<method>(entity, ...)`, as
// its to_sql_statement_create / _drop / _create_or_replace write them. Throws
// UnresolvedArgument when the entity is not one of those constructs written
// with literal arguments, or has no such statement (an extension cannot be
// replaced).
std::vector<std::string> entity_op_statements(std::string_view method, const PyExpr& call);

}  // namespace migcheck
